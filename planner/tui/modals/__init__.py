"""modals of the planner TUI."""
