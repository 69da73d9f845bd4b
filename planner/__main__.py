"""``python -m planner``."""

import sys

from planner.cli import entry

sys.exit(entry())
