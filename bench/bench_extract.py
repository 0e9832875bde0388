"""Extraction throughput: releases per second through the project's pipeline (read -> recognise
-> resolve -> emit), on one core and with --jobs N worker processes.

    python bench/bench_extract.py [--releases 5000] [--jobs 2] [--corpus DIR] [--profile]

Without --corpus, a synthetic corpus is generated first (bench/generate.py, JSONL, not timed).
Reading alone is timed too, so the cost of recognising and emitting can be told from the cost of
parsing files. Target (issue 5): at least 500 releases/s on one core.
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

TARGET = 500.0  # releases per second on one core


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


def rates(n: int, wall: float, cpu: float) -> str:
    return f"{n / wall:6.0f} releases/s wall, {n / cpu:6.0f} per CPU-second"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--releases", "-n", type=int, default=5000, help="releases to generate (default 5000)"
    )
    parser.add_argument("--corpus", type=Path, help="run on this folder instead of a generated corpus")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--format", default="jsonl", choices=["jsonl", "txt", "csv", "mixed"])
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=os.cpu_count() or 1,
        help="workers for the parallel run (default: cores)",
    )
    parser.add_argument(
        "--profile", action="store_true", help="profile the one-core run and print the top functions"
    )
    args = parser.parse_args(argv)
    try:
        import kg.extract  # noqa: F401
        from kg.recognise import recognise  # noqa: F401
    except ImportError as exc:
        print(f"bench_extract: the extraction pipeline is not importable yet ({exc})", file=sys.stderr)
        return 2

    folder, tmp, gen_seconds = corpus(args.releases, args.seed, args.format, args.corpus)
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f} at start")
    print(f"corpus: {folder}" + (f" (generated in {gen_seconds:.1f} s, not timed below)" if tmp else ""))
    if os.getloadavg()[0] > 0.5:
        print(
            "  the machine is busy: wall rates understate; the per-CPU-second rates are the one-core figures"
        )

    read_wall, read_cpu, count = run_read(folder)
    print(f"read only:          {count} releases, {read_wall:6.2f} s: {rates(count, read_wall, read_cpu)}")

    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    one = run_extract(folder, jobs=1)
    if profiler:
        profiler.disable()
    n = one["releases"]
    print(
        f"read+extract, 1 core: {n} releases, {one['seconds']:6.2f} s: {rates(n, one['seconds'], one['cpu'])} "
        f"({one['quads']} quads, {one['quads'] / max(n, 1):.0f} per release; {one['rejected']} rejected)"
    )
    if one["cpu"] > read_cpu:
        print(f"  recognise+resolve+emit alone: {n / (one['cpu'] - read_cpu):.0f} releases per CPU-second")
    rate = n / one["cpu"]
    verdict = "meets" if rate >= TARGET else "falls short of"
    print(
        f"  {verdict} the target of {TARGET:.0f} releases/s on one core: {rate:.0f} / {TARGET:.0f} = {rate / TARGET:.2f}"
    )

    if args.jobs > 1:
        many = run_extract(folder, jobs=args.jobs)
        cpu = many["cpu"] + many["workers_cpu"]
        print(
            f"read+extract, --jobs {args.jobs}: {many['releases']} releases, {many['seconds']:6.2f} s: "
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
