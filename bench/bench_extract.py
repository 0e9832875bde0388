"""Extraction throughput: releases per second through the project's pipeline (read -> recognise
-> resolve -> emit), on one core and with --jobs N worker processes.

    python bench/bench_extract.py [--releases 5000] [--corpus DIR ...] [--repeat 3] [--jobs 2] [--profile]

Without --corpus, a synthetic corpus is generated first (bench/generate.py, JSONL, not timed);
--corpus may be given more than once (e.g. the synthetic and the real corpus), each measured in
turn. Before timing, one release goes through the whole pipeline, so imports, compiled
expressions and the reference data are not counted (their seconds are printed apart). Reading
alone is timed too, so the cost of recognising and emitting can be told from the cost of parsing
files. Each one-core figure is the best of --repeat runs in process CPU time, the one-core rate
on a machine shared with other work. Target (issue 5): at least 500 releases/s on one core,
reading included.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from support import corpus, machine

TARGET = 500.0  # releases per second on one core, reading included


def run_extract(folder: Path, jobs: int) -> dict:
    """Run extract_all over `folder`; wall and CPU seconds, releases, quads, rejections."""
    from kg.extract import extract_all
    from kg.iris import Iris
    from kg.model import Rejection

    began, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
    releases = quads = rejected = 0
    for item in extract_all([folder], Iris(), jobs=jobs):
        if isinstance(item, Rejection):
            rejected += 1
        else:
            releases += 1
            quads += len(item.quads)
    return {
        "seconds": time.perf_counter() - began,
        "cpu": time.process_time() - cpu,
        "workers_cpu": _children_cpu() - children,
        "releases": releases,
        "quads": quads,
        "rejected": rejected,
    }


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_read(folder: Path) -> tuple[float, float, int]:
    """Wall and CPU seconds to read every release under `folder`, and how many."""
    from kg.model import Release
    from kg.read import read_paths

    began, cpu = time.perf_counter(), time.process_time()
    count = sum(1 for item in read_paths([folder]) if isinstance(item, Release))
    return time.perf_counter() - began, time.process_time() - cpu, count


def warm_up(folder: Path) -> float:
    """CPU seconds to put the first release under `folder` through the whole pipeline: the
    imports, the compiled expressions, the reference data and its gazetteer, made once."""
    from kg.extract import Extractor
    from kg.iris import Iris
    from kg.model import Release
    from kg.read import read_paths

    cpu = time.process_time()
    first = next((item for item in read_paths([folder]) if isinstance(item, Release)), None)
    if first is not None:
        Extractor(Iris())(first)
    return time.process_time() - cpu


def rates(n: int, wall: float, cpu: float) -> str:
    return f"{n / wall:6.0f} releases/s wall, {n / cpu:6.0f} per CPU-second"


def measure(folder: Path, repeat: int, jobs: int, profile: bool) -> None:
    """Print the figures for one corpus."""
    print(f"corpus: {folder}")
    print(f"  warm-up (imports, reference data; not counted below): {warm_up(folder):.2f} CPU-s")

    read_wall, read_cpu, count = min((run_read(folder) for _ in range(repeat)), key=lambda r: r[1])
    print(
        f"  read only:            {count} releases, {read_wall:6.2f} s: {rates(count, read_wall, read_cpu)}"
    )

    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    one = min((run_extract(folder, jobs=1) for _ in range(repeat)), key=lambda r: r["cpu"])
    if profiler:
        profiler.disable()
    n = one["releases"]
    print(
        f"  read+extract, 1 core: {n} releases, {one['seconds']:6.2f} s: {rates(n, one['seconds'], one['cpu'])} "
        f"({one['quads']} quads, {one['quads'] / max(n, 1):.0f} per release; {one['rejected']} rejected)"
    )
    if one["cpu"] > read_cpu:
        alone = n / (one["cpu"] - read_cpu)
        print(
            f"  recognise+resolve+emit alone: {alone:.0f} releases per CPU-second ({alone / TARGET:.2f}x the target)"
        )
    rate = n / one["cpu"]
    verdict = "meets" if rate >= TARGET else "falls short of"
    print(
        f"  {verdict} the target of {TARGET:.0f} releases/s on one core, reading included: "
        f"{rate:.0f} / {TARGET:.0f} = {rate / TARGET:.2f}"
    )

    if jobs > 1:
        many = run_extract(folder, jobs=jobs)
        cpu = many["cpu"] + many["workers_cpu"]
        print(
            f"  read+extract, --jobs {jobs}: {many['releases']} releases, {many['seconds']:6.2f} s: "
            f"{many['releases'] / many['seconds']:6.0f} releases/s wall ({cpu:.1f} CPU-seconds in all processes); "
            f"wall speed-up {one['seconds'] / many['seconds']:.2f}x over one core"
        )
        if many["quads"] != one["quads"] or many["releases"] != n:
            print(
                f"  WARNING: the parallel run gave {many['releases']} releases / {many['quads']} quads",
                file=sys.stderr,
            )
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
        print(out.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--releases", "-n", type=int, default=5000, help="releases to generate (default 5000)"
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        action="append",
        help="run on this folder instead of a generated corpus (may be repeated)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--format", default="jsonl", choices=["jsonl", "txt", "csv", "mixed"])
    parser.add_argument(
        "--repeat", "-r", type=int, default=3, help="one-core runs per figure, the best kept (default 3)"
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=os.cpu_count() or 1,
        help="workers for the parallel run (default: cores; 1 skips it)",
    )
    parser.add_argument(
        "--profile", action="store_true", help="profile the one-core runs and print the top functions"
    )
    args = parser.parse_args(argv)
    try:
        import kg.extract  # noqa: F401
        from kg.recognise import recognise  # noqa: F401
    except ImportError as exc:
        print(f"bench_extract: the extraction pipeline is not importable yet ({exc})", file=sys.stderr)
        return 2

    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f} at start")
    if os.getloadavg()[0] > 0.5:
        print(
            "  the machine is busy: wall rates understate; the per-CPU-second rates are the one-core figures"
        )
    folders = args.corpus or [None]
    for given in folders:
        folder, tmp, gen_seconds = corpus(args.releases, args.seed, args.format, given)
        if tmp:
            print(f"generated {args.releases} releases in {gen_seconds:.1f} s (not timed below)")
        measure(folder, max(1, args.repeat), args.jobs, args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
