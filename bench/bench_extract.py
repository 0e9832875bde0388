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


def run_read(folder: Path) -> tuple[float, int]:
    from kg.model import Release
    from kg.read import read_paths

    began = time.perf_counter()
    count = sum(1 for item in read_paths([folder]) if isinstance(item, Release))
    return time.perf_counter() - began, count


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
    print(f"machine: {machine()}")
    print(f"corpus: {folder}" + (f" (generated in {gen_seconds:.1f} s, not timed below)" if tmp else ""))

    read_seconds, count = run_read(folder)
    print(
        f"read only:           {count} releases in {read_seconds:6.2f} s = {count / read_seconds:8.0f} releases/s"
    )

    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    one = run_extract(folder, jobs=1)
    if profiler:
        profiler.disable()
    rate = one["releases"] / one["seconds"]
    print(
        f"extract, 1 core:     {one['releases']} releases in {one['seconds']:6.2f} s = {rate:8.0f} releases/s "
        f"(CPU {one['cpu']:.2f} s; {one['quads']} quads, {one['quads'] / max(one['releases'], 1):.0f} per release; "
        f"{one['rejected']} rejected)"
    )
    recognise_only = one["seconds"] - read_seconds
    if recognise_only > 0:
        print(
            f"  of which recognise+resolve+emit: {recognise_only:.2f} s = {one['releases'] / recognise_only:.0f} releases/s"
        )
    verdict = "meets" if rate >= TARGET else "falls short of"
    print(f"  {verdict} the target of {TARGET:.0f} releases/s on one core (ratio {rate / TARGET:.2f})")

    if args.jobs > 1:
        many = run_extract(folder, jobs=args.jobs)
        rate_n = many["releases"] / many["seconds"]
        print(
            f"extract, --jobs {args.jobs}:  {many['releases']} releases in {many['seconds']:6.2f} s = {rate_n:8.0f} releases/s "
            f"(speed-up {rate_n / rate:.2f}x over one core)"
        )
        if many["quads"] != one["quads"] or many["releases"] != one["releases"]:
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
