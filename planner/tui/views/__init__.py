"""The five views of the planner TUI, one per tab (imported when their tab is first shown)."""
