"""A plan shared by two users of one group: both keep working, in turn (issue 10, item 2).

Real users are made for the test (``useradd``), which needs root; CI runs as
root. Each user has a primary group of their own and shares a second one,
the plan's, so a save that let the file take its writer's group would lock
the other user out.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import site
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import REFERENCE, ROOT, Run
from safetyrun import one_clear_line, planner

from planner.edge import store

pytestmark = [
    pytest.mark.skipif(os.geteuid() != 0, reason="making two real users of one group needs root (CI runs as root)"),
    pytest.mark.skipif(
        not all(shutil.which(tool) for tool in ("useradd", "userdel", "groupadd", "groupdel", "runuser")),
        reason="needs useradd, userdel, groupadd, groupdel and runuser (util-linux, passwd)",
    ),
]


@dataclass
class Users:
    group: str
    names: tuple[str, str, str]
    """Two members of ``group``, and a third user who is not one."""
    folder: Path
    python: str
    """An interpreter the users may run (the test's own may live in root's home)."""

    def run(self, who: int, *args: str, umask: int = 0o022) -> Run:
        env = {"PYTHONPATH": os.pathsep.join([str(ROOT), *site.getsitepackages()])}
        prefix = ("runuser", "-u", self.names[who], "--")
        return planner(*args, cwd=self.folder, umask=umask, prefix=prefix, env=env, python=self.python)

    def uid(self, who: int) -> int:
        return pwd.getpwnam(self.names[who]).pw_uid


@pytest.fixture
def users() -> Iterator[Users]:
    tag = f"{os.getpid() % 100000:05d}"
    group, names = f"plshare{tag}", (f"plana{tag}", f"planb{tag}", f"planc{tag}")
    made: list[list[str]] = []
    top = Path(tempfile.mkdtemp(prefix="planner-shared-"))
    try:
        _admin(["groupadd", group])
        made.append(["groupdel", group])
        for i, name in enumerate(names):
            extra = ["-G", group] if i < 2 else []
            _admin(["useradd", "-M", "-U", "-s", "/bin/sh", *extra, name])
            made.insert(0, ["userdel", name])
        os.chmod(top, 0o755)  # the users can reach the shared folder, no more
        folder = top / "shared"
        folder.mkdir()
        yield Users(group, names, folder, _python_for(names[0]))
    finally:
        for command in made:
            _admin(command, check=False)
        shutil.rmtree(top, ignore_errors=True)


def _admin(command: list[str], *, check: bool = True) -> None:
    """Run ``useradd`` and friends; another test worker may hold /etc/passwd's lock for a moment."""
    for _ in range(50):
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode == 0 or "lock" not in done.stderr:
            break
        time.sleep(0.2)
    if check and done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)}: {done.stderr.strip()}")


def _python_for(user: str) -> str:
    """This Python, or the system's of the same version, whichever ``user`` can run with the planner's packages."""
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), *site.getsitepackages()])}
    for python in (sys.executable, f"/usr/bin/{version}", f"/usr/local/bin/{version}"):
        probe = ["runuser", "-u", user, "--", python, "-c", "import planner.cli, pendulum, tomli_w"]
        if Path(python).exists() and subprocess.run(probe, env=env, capture_output=True).returncode == 0:
            return python
    pytest.skip(f"no {version} that the test users may run can import the planner")


LOG = ("log", "1", "--domain", "eda", "--plan", "p.toml", "--today", "2026-12-14")


@pytest.mark.slow
@pytest.mark.parametrize("setgid", [False, True], ids=["group-writable-folder", "setgid-folder"])
def test_two_users_of_one_group_log_in_turn_and_both_keep_working(users: Users, setgid: bool) -> None:
    gid = grp.getgrnam(users.group).gr_gid
    os.chown(users.folder, 0, gid)
    os.chmod(users.folder, 0o2770 if setgid else 0o770)
    plan = users.folder / "p.toml"
    plan.write_bytes(REFERENCE.read_bytes())
    os.chown(plan, users.uid(0), gid)
    os.chmod(plan, 0o660)

    for turn, who in enumerate([1, 0, 1, 0]):  # the other user first: the owner must still get in after
        r = users.run(who, *LOG, umask=0o077)  # a strict umask must not narrow the shared file
        assert r.code == 0, (turn, who, r.err)
        st = os.stat(plan)
        assert st.st_gid == gid, f"turn {turn}: the plan keeps its group"
        assert stat.S_IMODE(st.st_mode) == 0o660, f"turn {turn}: and its mode"
        lock = os.stat(users.folder / ".p.toml.lock")
        assert lock.st_gid == gid and stat.S_IMODE(lock.st_mode) == 0o660, "every member can take the lock"
        backup = os.stat(users.folder / "p.toml.bak")
        assert backup.st_gid == gid and stat.S_IMODE(backup.st_mode) == 0o660
        assert [p.name for p in users.folder.iterdir() if ".tmp-" in p.name] == []
    assert len(store.load(plan).plan.log) == 4

    r = planner(*LOG, cwd=users.folder)  # root saves: the owner is kept too, where a save can keep it
    assert r.code == 0, r.err
    st = os.stat(plan)
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (users.uid(0), gid, 0o660)


def test_a_user_outside_the_group_cannot_take_a_shared_plan_away(users: Users) -> None:
    """One who may write the folder and the file, but not give a file the plan's group, saves nothing."""
    gid = grp.getgrnam(users.group).gr_gid
    os.chmod(users.folder, 0o777)
    plan = users.folder / "p.toml"
    plan.write_bytes(REFERENCE.read_bytes())
    os.chown(plan, users.uid(0), gid)
    os.chmod(plan, 0o666)
    before = plan.read_bytes()
    r = users.run(2, *LOG)
    assert r.code == 2
    line = one_clear_line(r.err)
    assert f"cannot give the new file the group '{users.group}'" in line and "unchanged" in line
    assert plan.read_bytes() == before and os.stat(plan).st_gid == gid
    left = sorted(p.name for p in users.folder.iterdir() if p.name != "p.toml")
    assert left == [".p.toml.lock"], "nothing but the lock is left behind"
