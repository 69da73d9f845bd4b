"""widgets of the planner TUI."""
