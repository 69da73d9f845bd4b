"""Where plans live, and which file ``--plan`` means.

The plans folder is ``--plans-dir``, else ``$PLANNER_PLANS``, else
``./plans`` when it exists (running from the repository), else the user's
data folder. ``--plan`` is a path when it looks like one, else a NAME looked
up as ``NAME.toml`` in the plans folder.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Final

from planner.core.errors import PlanError

__all__ = ["CACHE_ENV", "NEW_NAME", "cache_dir", "data_dir", "list_plans", "new_plan_path", "plans_dir", "resolve_plan"]

NEW_NAME: Final = ("name",)
"""The key of a ``new_plan_path`` error about the name (not about the folder)."""
CACHE_ENV: Final = "PLANNER_CACHE"
"""Where the cache lives instead of the user's cache folder (the tests' temporary folder)."""


def data_dir(env: Mapping[str, str] = os.environ) -> Path:
    """The per-user folder for plans, following each platform's convention."""
    home = Path(env.get("HOME") or Path.home())
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / "planner" / "plans"
    if sys.platform == "win32":
        base = env.get("APPDATA")
        return (Path(base) if base else home / "AppData" / "Roaming") / "planner" / "plans"
    base = env.get("XDG_DATA_HOME")
    return (Path(base) if base and os.path.isabs(base) else home / ".local" / "share") / "planner" / "plans"


def cache_dir(env: Mapping[str, str] = os.environ) -> Path:
    """What the planner keeps to go faster (calendar copies, plans as read): safe to delete at any time.

    ``$PLANNER_CACHE``, else ``$XDG_CACHE_HOME/planner``, else ``~/.cache/planner``.
    """
    if env.get(CACHE_ENV):
        return Path(env[CACHE_ENV]).expanduser()
    base = env.get("XDG_CACHE_HOME")
    if base and os.path.isabs(base):
        return Path(base) / "planner"
    return Path(env.get("HOME") or Path.home()) / ".cache" / "planner"


def plans_dir(option: str | None, env: Mapping[str, str] = os.environ, cwd: Path | None = None) -> Path:
    """The plans folder: ``option`` (``--plans-dir``), else ``$PLANNER_PLANS``, else ``./plans``, else ``data_dir``."""
    if option is not None:
        if not option:
            raise PlanError("--plans-dir: the folder name is empty")
        return Path(option).expanduser()
    if env.get("PLANNER_PLANS"):
        return Path(env["PLANNER_PLANS"]).expanduser()
    local = (cwd or Path.cwd()) / "plans"
    if local.is_dir():
        return Path("plans") if cwd is None else local
    return data_dir(env)


def new_plan_path(folder: Path, name: str) -> Path:
    """Where a new plan called ``name`` goes: ``NAME.toml`` in ``folder`` (``planner new``, the new-plan form).

    A ``.toml`` typed with the name is not doubled (``x.toml`` is ``x.toml``, not ``x.toml.toml``). The
    name must be a plain file name, and the folder a folder: ``PlanError`` says which is wrong, its key
    ``NEW_NAME`` when it is the name.
    """
    from planner.core.rules import is_valid_id

    name = name.strip()
    if name.lower().endswith(".toml"):
        name = name[: -len(".toml")]
    if not name:
        raise PlanError("the plan's name is empty", NEW_NAME)
    if not is_valid_id(name) or name.endswith("."):  # "x." would be x..toml
        raise PlanError(
            f"{name!r} cannot name a plan: use letters, digits, '-', '_' or '.', starting with a letter or digit"
            " and not ending with a dot (at most 64)",
            NEW_NAME,
        )
    if folder.exists() and not folder.is_dir():
        raise PlanError(f"the plans folder {folder} is a file, not a folder")
    return folder / f"{name}.toml"


def list_plans(folder: Path) -> list[Path]:
    """The plan files in ``folder``, by name; backups and hidden files are not plans."""
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    return [p for p in entries if p.suffix == ".toml" and not p.name.startswith(".") and p.is_file()]


def plan_to_open(value: str | None, folder: Path) -> Path | None:
    """The plan the TUI opens as it starts: the one ``--plan`` names, else the folder's only one, else none."""
    if value is not None:
        return resolve_plan(value, folder)
    plans = list_plans(folder)
    return plans[0] if len(plans) == 1 else None


def looks_like_path(value: str) -> bool:
    return value.endswith(".toml") or "/" in value or os.sep in value or value.startswith(".")


def resolve_plan(value: str | None, folder: Path) -> Path:
    """The plan file meant by ``--plan`` (or by its absence: ``None``)."""
    if value is not None:
        if not value:
            raise PlanError("--plan: the plan name is empty; give a file or a NAME from the plans folder")
        if looks_like_path(value) or Path(value).is_file():
            return Path(value).expanduser()
        return folder / f"{value}.toml"
    plans = list_plans(folder)
    if len(plans) == 1:
        return plans[0]
    if not plans:
        raise PlanError(
            f"no plan in {folder}; make one with `planner new --template aws-ml-specialty --exam DATE`"
            " or name one with --plan"
        )
    names = ", ".join(p.stem for p in plans[:8]) + (", ..." if len(plans) > 8 else "")
    raise PlanError(f"several plans in {folder} ({names}); choose one with --plan NAME")
