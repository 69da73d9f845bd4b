"""views of the planner TUI."""
