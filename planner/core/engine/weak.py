"""Rule 4's shift: practice scores under the pass mark move hours toward their domains.

The rule, checkable by hand: a domain whose latest score is ``p`` points under
the pass mark asks for ``p``% of its total more (the weaker, the more). The
hours come from the domains that can spare them: those whose latest score is
above the mark, and those without a score of their own (nothing says they are
weak), in proportion to what each still has to do. A domain exactly at the
mark neither gains nor gives. When the givers have less left than is asked,
every weak domain gets the same fraction of what it asked. Results dated after
``today`` have not happened yet and move nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from planner.core.model import Plan
from planner.core.rounding import apportion

__all__ = ["latest_domain_scores", "weak_shift"]

_POINT: Final = 0.01
"""Each point under the pass mark asks for 1% more of the domain's total."""


def latest_domain_scores(plan: Plan, today: dt.date | None = None) -> dict[str, tuple[dt.date, float]]:
    """Each domain's most recent practice score by ``today`` (a later result wins; in a day, the later in the file)."""
    latest: dict[str, tuple[dt.date, float]] = {}
    for result in plan.practice.results:
        if today is not None and result.date > today:
            continue
        for domain_id, score in result.domains:
            seen = latest.get(domain_id)
            if seen is None or result.date >= seen[0]:
                latest[domain_id] = (result.date, score)
    return latest


def weak_shift(plan: Plan, today: dt.date, need: list[int], totals: list[int]) -> list[int]:
    """Blocks moved per domain: positive for the weak, negative for the givers, summing to zero.

    ``need`` is what each domain still has to do, ``totals`` its whole total
    (both in blocks): a weak domain asks for a share of its total, a giver
    gives from what it still needs.
    """
    n = len(need)
    passing = plan.exam.passing_score
    if passing is None or not plan.practice.results:
        return [0] * n
    latest = latest_domain_scores(plan, today)
    asked = [0.0] * n
    givers = [0] * n
    for i, d in enumerate(plan.domains):
        seen = latest.get(d.id)
        if seen is not None and seen[1] < passing:
            asked[i] = totals[i] * (passing - seen[1]) * _POINT
        elif seen is None or seen[1] > passing:
            givers[i] = need[i]
    moved = min(sum(givers), int(sum(asked) + 0.5))
    if moved <= 0:
        return [0] * n
    gains = apportion(moved, asked)
    losses = apportion(moved, givers, givers)
    return [g - x for g, x in zip(gains, losses, strict=True)]
