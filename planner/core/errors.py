"""The one error a user sees when a plan cannot be used.

It carries where the problem is (file, key path, line and column when known)
so that every front end, the command line and the TUI alike, can print the
same single line: ``plans/x.toml:12:1: domains[2].weight: must be ...``.
"""

from __future__ import annotations

KeyPath = tuple[str | int, ...]


def format_key(key: KeyPath) -> str:
    """``("domains", 2, "weight")`` -> ``domains[2].weight``."""
    out = ""
    for part in key:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


class PlanError(ValueError):
    """A plan that cannot be read, or a value in it that is not allowed."""

    def __init__(
        self,
        message: str,
        key: KeyPath = (),
        *,
        source: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.key = key
        self.source = source
        self.line = line
        self.column = column

    def located(self, source: str | None, line: int | None = None, column: int | None = None) -> PlanError:
        """The same error, told where it is."""
        return PlanError(
            self.message,
            self.key,
            source=source if source is not None else self.source,
            line=line if line is not None else self.line,
            column=column if column is not None else self.column,
        )

    def __str__(self) -> str:
        where = self.source or ""
        if self.line is not None:
            where += f":{self.line}" if where else f"line {self.line}"
            if self.column is not None:
                where += f":{self.column}"
        parts = [p for p in (where, format_key(self.key)) if p]
        return ": ".join([*parts, self.message])
