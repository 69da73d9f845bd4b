"""Where the planner meets the machine: files, the clock, folders, templates, calendars."""
