"""The Textual front end. Imported only when ``planner`` opens the TUI."""
