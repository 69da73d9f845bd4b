"""planner: plan backwards from a booked exam.

Importing the package imports nothing else: the command line, the engine and
the TUI are loaded only when used.
"""

__version__ = "0.1.0"
