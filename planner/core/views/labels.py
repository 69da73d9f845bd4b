"""Short column labels for domains: ``DE``, ``EDA``, ``MODEL``; shared by the schedule table and the TUI's grid.

Light on purpose (no engine): the TUI's first frame needs it before a plan is loaded.
"""

from __future__ import annotations

__all__ = ["domain_labels"]


def domain_labels(ids: list[str], size: int = 5) -> list[str]:
    """Short unique column labels for domain ids."""
    labels: list[str] = []
    for domain_id in ids:
        parts = [p for p in domain_id.replace("_", "-").split("-") if p]
        label = "".join(p[0] for p in parts).upper() if len(parts) > 1 else domain_id[:size].upper()
        label = label[:size]
        base, k = label, 2
        while label in labels:
            label = f"{base[: size - len(str(k))]}{k}"
            k += 1
        labels.append(label)
    return labels
