"""Whole-block rounding that keeps totals exact.

The planner hands out time in blocks (``granularity_hours``). Rounding every
number on its own loses or invents blocks, so each function here rounds a
set of numbers together: the rounded parts add up to the rounded whole, and
every part stays within one block of its exact value.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Sequence

__all__ = ["apportion", "round_table"]

_EPS = 1e-9


def apportion(total: int, weights: Sequence[float], caps: Sequence[int] | None = None) -> list[int]:
    """Split ``total`` blocks in proportion to ``weights`` (largest remainder).

    With ``caps``, no part exceeds its cap; the total must then not exceed
    the sum of the caps. Ties go to the earlier part, so the result depends
    on the input alone.
    """
    n = len(weights)
    if total <= 0 or n == 0:
        return [0] * n
    weight_sum = math.fsum(weights)
    if weight_sum <= 0:
        return [0] * n
    exact = [total * w / weight_sum for w in weights]
    parts = [math.floor(x + _EPS) for x in exact]
    if caps is not None:
        parts = [min(p, c) for p, c in zip(parts, caps, strict=True)]
    left = total - sum(parts)
    if left > 0:
        order = sorted(range(n), key=lambda i: (-(exact[i] - parts[i]), i))
        while left > 0:
            progressed = False
            for i in order:
                if left == 0:
                    break
                if caps is not None and parts[i] >= caps[i]:
                    continue
                parts[i] += 1
                left -= 1
                progressed = True
            if not progressed:
                raise ValueError("total exceeds the caps")
    return parts


def round_table(rows: Sequence[int], shares: Sequence[float], columns: Sequence[int]) -> list[list[int]]:
    """Round ``rows[w] * shares[i]`` to whole blocks with exact margins.

    Every row of the result sums to ``rows[w]`` and every column to
    ``columns[i]`` (which must sum to the same total and be a rounding of
    ``sum(rows) * shares[i]``). Each cell is the floor or the ceiling of its
    exact value ``rows[w] * shares[i]`` whenever such a table exists; in the
    rare case it does not, each cell is the floor or ceiling of
    ``rows[w] * columns[i] / total`` instead, which always exists.
    """
    total = sum(rows)
    if total != sum(columns):
        raise ValueError("rows and columns must have the same total")
    if total == 0:
        return [[0] * len(columns) for _ in rows]
    share_sum = math.fsum(shares)
    exact_shares = [s / share_sum for s in shares] if share_sum > 0 else [c / total for c in columns]
    table = _controlled(rows, exact_shares, columns)
    if table is None:
        table = _controlled(rows, [c / total for c in columns], columns)
    if table is None:  # pragma: no cover - exact margins always admit a rounding
        raise AssertionError("no controlled rounding")
    return table


def _controlled(rows: Sequence[int], shares: Sequence[float], columns: Sequence[int]) -> list[list[int]] | None:
    n = len(columns)
    table: list[list[int]] = []
    fractional: list[list[int]] = []  # per row: columns whose cell may round up
    row_need: list[int] = []
    col_need = list(columns)
    floor = math.floor
    seen: dict[int, tuple[list[int], list[int]]] = {}  # weeks with the same hours round alike
    for s in rows:
        known = seen.get(s)
        if known is None:
            cells = []
            ups = []
            for i, share in enumerate(shares):
                exact = s * share
                low = floor(exact + _EPS)
                if exact - low > _EPS:
                    ups.append(i)
                cells.append(low)
            known = seen[s] = (cells, ups)
        cells, ups = known
        table.append(list(cells))
        fractional.append(ups)
        row_need.append(s - sum(cells))
    for cells in table:
        for i, low in enumerate(cells):
            col_need[i] -= low
    if any(c < 0 for c in col_need) or any(r < 0 or r > len(u) for r, u in zip(row_need, fractional, strict=True)):
        return None
    # Greedy: each row raises the cells whose column is furthest behind,
    # measured as need per row still able to give it a block.
    slots = [0] * n
    for ups in fractional:
        for i in ups:
            slots[i] += 1
    chosen: list[set[int]] = []
    for w, ups in enumerate(fractional):
        want = row_need[w]
        if want:
            ranked = [(-col_need[i] / slots[i], i) for i in ups if col_need[i] > 0]
            ranked.sort()
            pick = {i for _, i in ranked[:want]}
        else:
            pick = set()
        for i in ups:
            slots[i] -= 1
        for i in pick:
            col_need[i] -= 1
        row_need[w] -= len(pick)
        chosen.append(pick)
    # Repair what the greedy left: augmenting paths in the row/column graph.
    for w in range(len(rows)):
        while row_need[w] > 0:
            if not _augment(w, fractional, chosen, col_need):
                return None
            row_need[w] -= 1
    for w, pick in enumerate(chosen):
        for i in pick:
            table[w][i] += 1
    return table


def _augment(start: int, fractional: list[list[int]], chosen: list[set[int]], col_need: list[int]) -> bool:
    """Give row ``start`` one more block by shifting chosen cells along a path."""
    came_from_col: dict[int, int] = {}  # column -> row that reached it
    came_from_row: dict[int, int] = {start: -1}  # row -> column that reached it
    holders: dict[int, list[int]] | None = None
    queue = deque([start])
    while queue:
        w = queue.popleft()
        for i in fractional[w]:
            if i in chosen[w] or i in came_from_col:
                continue
            came_from_col[i] = w
            if col_need[i] > 0:
                col_need[i] -= 1
                col = i
                while True:
                    row = came_from_col[col]
                    chosen[row].add(col)
                    back = came_from_row[row]
                    if back == -1:
                        return True
                    chosen[row].discard(back)
                    col = back
            if holders is None:
                holders = {}
                for v, pick in enumerate(chosen):
                    for j in pick:
                        holders.setdefault(j, []).append(v)
            for v in holders.get(i, ()):
                if v not in came_from_row:
                    came_from_row[v] = i
                    queue.append(v)
    return False
