"""What the planner shows, as models and text, computed once for every front end.

The CLI prints these texts; the TUI draws the same models with its own
styles; the exports take their numbers from here. One module per thing
shown: ``header`` (the exam and the countdown), ``totals`` (the one set of
numbers every total is taken from), ``week`` (this week and its days),
``warnings`` (grouped to fit a screen), ``status``, ``schedule_text``,
``schedule_json`` and ``reschedule`` (the preview of a move).
"""
