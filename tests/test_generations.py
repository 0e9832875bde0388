"""The data folder is swapped atomically: whatever kills `kg build` (a fault at any rename, kill -9
at any moment), `--out D` is always a complete build, the last one or the new one; leftovers of
killed runs go with the next run; a generation someone holds (a server) is never removed."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.generations import Hold, collect, current, hold_current
from kg.paths import SAMPLE_DIR

STRACE = shutil.which("strace")
RENAMES = "rename,renameat,renameat2"


def kg_build(
    *args: str, strace: list[str] | None = None, timeout: float = 180
) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "kg.cli", "build", *args, "--no-shacl"]
    return subprocess.run([*(strace or []), *command], capture_output=True, text=True, timeout=timeout)


def releases_in(out: Path) -> int:
    """How many releases the build in `out` holds, after checking it is complete: its report,
    its store (as many release graphs as the report says) and its dumps (as SHA256SUMS says).
    The generation is held while it is read, as a server holds it (a build may swap `out` and
    remove the generation meanwhile)."""
    folder, held = hold_current(out) if out.is_symlink() else (out, None)
    try:
        report = json.loads((folder / "report.json").read_text())
        store = ox.Store.read_only(str(folder / "store"))
        graphs = sum(1 for g in store.named_graphs() if "/release/" in g.value)
        del store
        assert graphs == report["facts"]["releases"]
        for line in (folder / "dumps" / "SHA256SUMS").read_text().splitlines():
            digest, name = line.split("  ")
            assert hashlib.sha256((folder / "dumps" / name).read_bytes()).hexdigest() == digest, name
        return graphs
    finally:
        if held is not None:
            held.release()


def siblings(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two corpora: the old graph's (3 releases) and the new one's (all 5 of the sample)."""
    old = tmp_path_factory.mktemp("old")
    for name in ("P2023090700255.txt", "releases-2024-03.jsonl"):
        shutil.copy(SAMPLE_DIR / name, old / name)
    return old, SAMPLE_DIR


def traced_renames(out: Path, corpus: Path, tmp_path: Path) -> int:
    """The renames a build makes (strace counts `when=` per system call: they are all rename(2))."""
    log = tmp_path / "renames.log"
    done = kg_build(
        str(corpus), "--out", str(out), strace=[STRACE, "-f", "-qq", "-e", f"trace={RENAMES}", "-o", str(log)]
    )
    assert done.returncode == 0, done.stderr
    lines = log.read_text().splitlines()
    assert not any("renameat" in line for line in lines)
    return sum(1 for line in lines if "rename(" in line)


@pytest.mark.skipif(STRACE is None, reason="strace is not installed: the fault injection needs it")
@pytest.mark.parametrize("fault", ["kill", "error"])
def test_a_fault_at_every_rename_leaves_a_complete_graph(inputs, tmp_path: Path, fault: str) -> None:
    old, new = inputs
    out = tmp_path / "D"
    renames = traced_renames(out, new, tmp_path)  # a first build, traced: how many renames a build makes
    assert renames >= 2
    assert kg_build(str(old), "--out", str(out)).returncode == 0
    action = "error=EIO:signal=SIGKILL" if fault == "kill" else "error=EIO"
    outcomes = []
    for when in range(1, renames + 2):
        before = current(out)
        done = kg_build(
            str(new if when % 2 else old),
            "--out",
            str(out),
            strace=[
                STRACE,
                "-f",
                "-qq",
                "-e",
                f"trace={RENAMES}",
                "-e",
                f"inject={RENAMES}:{action}:when={when}",
            ],
        )
        outcomes.append(done.returncode)
        assert out.is_symlink()
        assert releases_in(out) in (3, 5)
        if done.returncode != 0:  # the build did not finish: the last graph is served as it was
            assert current(out) == before
    if fault == "kill":
        assert (
            outcomes.count(-signal.SIGKILL) == renames
        )  # killed at each rename; the last run had none to fault
    else:
        assert any(code != 0 for code in outcomes)
    assert kg_build(str(new), "--out", str(out)).returncode == 0
    assert releases_in(out) == 5
    assert siblings(out) == [current(out).name]  # what the killed runs left is gone


@pytest.mark.skipif(STRACE is None, reason="strace is not installed: the fault injection needs it")
def test_a_plain_folder_is_migrated_without_a_moment_missing(inputs, tmp_path: Path) -> None:
    old, new = inputs
    built = tmp_path / "built"
    assert kg_build(str(old), "--out", str(built)).returncode == 0
    out = tmp_path / "D"

    def plain() -> None:  # a plain folder, as an older kg wrote it
        if out.is_symlink():
            out.unlink()
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(current(built), out)

    # the exchange of the folder with the link (the one renameat2): killed as it is made, D is the old folder
    plain()
    exchange = "-e", "trace=renameat2", "-e", "inject=renameat2:error=EIO:signal=SIGKILL:when=1"
    done = kg_build(str(new), "--out", str(out), strace=[STRACE, "-f", "-qq", *exchange])
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert not out.is_symlink() and releases_in(out) == 3
    plain()
    failed = "-e", "trace=renameat2", "-e", "inject=renameat2:error=EIO:when=1"
    done = kg_build(str(new), "--out", str(out), strace=[STRACE, "-f", "-qq", *failed])
    assert done.returncode == 1 and "previous graph left as it was" in done.stderr
    assert not out.is_symlink() and releases_in(out) == 3
    # and at the renames around it (the folder renamed aside after it)
    plain()
    log = tmp_path / "renames.log"
    trace = [STRACE, "-f", "-qq", "-e", f"trace={RENAMES}"]
    assert kg_build(str(new), "--out", str(out), strace=[*trace, "-o", str(log)]).returncode == 0
    calls = [line for line in log.read_text().splitlines() if "rename(" in line]  # strace counts per call
    for when in range(1, len(calls) + 1):
        for action in ("error=EIO:signal=SIGKILL", "error=EIO"):
            plain()
            inject = f"inject=rename:{action}:when={when}"
            done = kg_build(str(new), "--out", str(out), strace=[*trace, "-e", inject])
            assert done.returncode in ((-signal.SIGKILL,) if "KILL" in action else (0, 1)), done.stderr
            assert releases_in(out) in (3, 5)
    assert kg_build(str(new), "--out", str(out)).returncode == 0
    assert out.is_symlink() and releases_in(out) == 5
    assert siblings(out) == [current(out).name]


@pytest.mark.skipif(STRACE is None, reason="strace is not installed: the fault injection needs it")
def test_a_link_that_cannot_be_made_leaves_the_last_graph(inputs, tmp_path: Path) -> None:
    old, new = inputs
    out = tmp_path / "D"
    assert kg_build(str(old), "--out", str(out)).returncode == 0
    before = current(out)
    inject = [
        STRACE,
        "-f",
        "-qq",
        "-e",
        "trace=symlink,symlinkat",
        "-e",
        "inject=symlink,symlinkat:error=ENOSPC",
    ]
    done = kg_build(str(new), "--out", str(out), strace=inject)
    assert done.returncode == 1 and "previous graph left as it was" in done.stderr
    assert current(out) == before and releases_in(out) == 3
    assert siblings(out) == [before.name]  # the failed generation removed at once


def test_kill_9_at_any_moment_leaves_a_complete_graph(inputs, tmp_path: Path) -> None:
    old, new = inputs
    out = tmp_path / "D"
    assert kg_build(str(old), "--out", str(out)).returncode == 0
    seen = set()
    for delay in (0.3, 0.6, 0.9, 1.2, 1.5, 1.8, 2.4):
        proc = subprocess.Popen(
            [sys.executable, "-m", "kg.cli", "build", str(new), "--out", str(out), "--no-shacl"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + delay
        while time.monotonic() < deadline:  # D is whole while the build runs, too
            seen.add(releases_in(out))
            time.sleep(0.05)
        proc.kill()
        proc.wait()
        seen.add(releases_in(out))
    assert seen <= {3, 5}
    assert kg_build(str(old), "--out", str(out)).returncode == 0
    assert releases_in(out) == 3 and siblings(out) == [current(out).name]


def test_a_held_generation_outlives_later_builds(inputs, tmp_path: Path) -> None:
    old, new = inputs
    out = tmp_path / "D"
    assert kg_build(str(old), "--out", str(out)).returncode == 0
    served, held = hold_current(out)  # what a server does with the generation it serves
    try:
        for corpus in (new, old):
            assert kg_build(str(corpus), "--out", str(out)).returncode == 0
        assert current(out) != served and releases_in(served) == 3
        assert served.name in siblings(out) and len(siblings(out)) == 2
    finally:
        held.release()
    assert collect(out) == [served]
    assert siblings(out) == [current(out).name]


def test_an_update_writes_a_new_generation_and_leaves_the_served_one_alone(inputs, tmp_path: Path) -> None:
    old, new = inputs
    out = tmp_path / "D"
    assert kg_build(str(old), "--out", str(out)).returncode == 0
    served = current(out)
    held = Hold(served)
    files = {p: p.read_bytes() for p in served.rglob("*") if p.is_file() and p.parent.name != "store"}
    try:
        done = kg_build(str(new / "P2024011800412.htm"), "--out", str(out), "--update")
        assert done.returncode == 0, done.stderr
        assert "updated in place" in done.stdout
        assert current(out) != served and releases_in(out) == 4
        assert {p: p.read_bytes() for p in files} == files and releases_in(served) == 3
    finally:
        held.release()
    collect(out)
    assert not served.exists()


def test_a_generation_being_removed_cannot_be_held(tmp_path: Path) -> None:
    folder = tmp_path / ".D.gen-x-1"
    folder.mkdir()
    remover = os.open(folder, os.O_RDONLY)
    fcntl.flock(remover, fcntl.LOCK_EX)  # what collect() takes while it removes a generation
    try:
        with pytest.raises(OSError):
            Hold(folder)
    finally:
        os.close(remover)
    Hold(folder).release()


def test_only_this_folders_generations_and_leftovers_are_collected(tmp_path: Path) -> None:
    out = tmp_path / "D"
    names = [
        ".D.gen-20260101T000000.000000001-1",  # an old generation: goes
        ".D.building-999999999",  # a killed run's (no such process): goes
        ".D.old-999999999",
        ".D.gen-foo.gen-20260101T000000.000000001-1",  # another folder's ("D.gen-foo"): stays
        ".D.x.gen-20260101T000000.000000001-1",
        ".D.notes",
        "D.gen-20260101T000000.000000001-1",
    ]
    for name in names:
        (tmp_path / name).mkdir()
    (tmp_path / ".D.building-1").mkdir()  # pid 1 runs: an older kg's build going on, stays
    gone = {p.name for p in collect(out)}
    assert gone == set(names[:3])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*names[3:], ".D.building-1"])
