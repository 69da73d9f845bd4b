"""The dashboard's card lines without Textual: a card too long for its room keeps what follows its domains."""

from __future__ import annotations

import pytest

from planner.tui.styled import Lines, line, shortened

MORE = "  and {n} more"


def card(domains: int, after: int) -> Lines:
    """A heading, a line a domain, then ``after`` lines that follow (today, what is due, a total)."""
    return (
        line(("Heading", "bold")),
        *(line(f"domain {k}") for k in range(domains)),
        *(line(f"after {k}") for k in range(after)),
    )


def texts(lines: Lines) -> list[str]:
    return ["".join(text for text, _ in row) for row in lines]


CASES = [
    # name, domains, after, room, the domain lines kept (None: all of them, nothing said)
    ("fits", 4, 2, 9, None),
    ("fits-exactly", 4, 2, 7, None),
    ("room-not-known", 40, 2, 0, None),
    ("one-line-over", 4, 2, 6, 2),
    ("far-over", 40, 3, 10, 5),
    ("one-domain-is-never-counted", 1, 3, 2, None),
    ("cannot-fit-keeps-one-domain", 10, 3, 1, 1),
    ("fits-with-one-domain-left", 10, 3, 6, 1),
    ("one-line-short-of-fitting-keeps-one-domain", 10, 3, 5, 1),
    ("cannot-fit-and-two-domains-save-nothing", 2, 3, 1, None),
    ("one-domain-for-one-line-saves-nothing", 2, 0, 2, None),
    ("two-over-by-one", 3, 0, 3, 1),
]


@pytest.mark.parametrize(("domains", "after", "room", "kept"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_card_is_shortened_to_its_room_by_its_domain_lines(
    domains: int, after: int, room: int, kept: int | None
) -> None:
    lines = card(domains, after)
    got = shortened(lines, domains, room, MORE)
    if kept is None:
        assert got == lines
        return
    assert texts(got) == [
        "Heading",
        *(f"domain {k}" for k in range(kept)),
        f"  and {domains - kept} more",
        *(f"after {k}" for k in range(after)),
    ]
    assert len(got) <= max(room, 1 + kept + 1 + after), "as short as its room, or as it can be"


def test_the_count_is_muted_and_the_rest_keeps_its_styles() -> None:
    lines = card(30, 1)
    got = shortened(lines, 30, 8, MORE)
    assert got[0] == lines[0] and got[-1] == lines[-1]
    assert got[-2] == (("  and 25 more", "$text-muted"),)
