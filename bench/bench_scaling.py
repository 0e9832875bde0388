"""Extraction of one release as its names grow: seconds to recognise, resolve and emit a release
naming N people, N organisations and N/4 meetings (the release of tests/test_recognise_scaling.py),
for N doubling. Linear work shows as a ratio near 2 between rows.

    python bench/bench_scaling.py [--names 2500 5000 10000 20000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_recognise_scaling import many_names  # noqa: E402

from kg.extract import Extractor  # noqa: E402
from kg.iris import Iris  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--names", type=int, nargs="+", default=[2500, 5000, 10000, 20000])
    args = parser.parse_args()
    extract = Extractor(Iris())
    extract(many_names(40))  # imports, expressions and reference data loaded apart
    last = None
    for n in args.names:
        release = many_names(n)
        start = time.process_time()
        result = extract(release)
        seconds = time.process_time() - start
        ratio = f"  x{seconds / last:.2f}" if last else ""
        print(f"{n:>7} names: {seconds:7.2f} CPU s, {len(result.quads):>7} quads{ratio}")
        last = seconds


if __name__ == "__main__":
    main()
