"""Write a synthetic corpus of press releases in the house style of the Hong Kong Government.

    python bench/generate.py --releases 20000 --out /tmp/corpus [--seed 0] [--format jsonl|txt|csv|mixed] [--gold [FILE]]

Releases are spread over the years from --start to --end (weekdays busier than weekends), with
ids `P{yyyymmdd}{5 digits}` that agree with their dates. About a third report meetings of bodies
(ordinals in words and digits, chairs and co-chairs, attendees, representatives, places, video
conferences, photo captions); the rest are visits, speeches, LegCo replies, notices and releases
that state no fact at all (weather, traffic, exchange rates). A few bodies meet often and most
rarely; about 2,000 generated people hold a few hundred posts, whose holders change over time.
The same seed gives the same corpus, byte for byte.

Layout in --out: `txt`: one page-text file per release (`YYYY/MM/{id}.txt`, with the page's
furniture, asterisk rule, footer and captions); `jsonl` / `csv`: one records file per month
(`releases-YYYY-MM.jsonl|csv`); `mixed`: each release in one of the three. With --gold, the facts
each release states are written as JSON lines (one object per release, in the shape of
../shared/eval/README.md) to FILE, by default `{out}.gold.jsonl` beside the corpus folder.
"""

from __future__ import annotations

import argparse
import csv
import io
import itertools
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth.releases import Draft, footer_date, write_release
from synth.world import World

FORMATS = ("jsonl", "txt", "csv", "mixed")
KINDS = {"meeting": 30, "visit": 16, "mainland": 6, "speech": 8, "legco": 8, "notice": 12, "noise": 20}
DAY_WEIGHTS = (1.0, 1.0, 1.0, 1.0, 1.0, 0.45, 0.3)  # Monday ... Sunday
RULE = "*" * 90


@dataclass
class Generated:
    id: str
    day: date
    issued: str  # "HH:MM"
    draft: Draft

    @property
    def url(self) -> str:
        return f"https://www.info.gov.hk/gia/general/{self.id[1:7]}/{self.id[7:9]}/{self.id}.htm"


def releases(
    n: int, seed: int = 0, start: date = date(2014, 1, 1), end: date = date(2025, 12, 31)
) -> Iterator[Generated]:
    """`n` releases in date order, the same ones for the same arguments."""
    rng = random.Random(seed)
    world = World(rng, start, end)
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    weights = list(itertools.accumulate(DAY_WEIGHTS[d.weekday()] for d in days))
    chosen = sorted(rng.choices(days, cum_weights=weights, k=n))
    kinds = rng.choices(list(KINDS), weights=list(KINDS.values()), k=n)
    i = 0
    for day, group in itertools.groupby(chosen):
        count = len(list(group))
        serials = sorted(rng.sample(range(1, 1000 if count < 900 else 100000), count))
        minutes = sorted(rng.randrange(9 * 60, 23 * 60 + 45) for _ in range(count))
        for serial, minute in zip(serials, minutes, strict=True):
            release_id = f"P{day:%Y%m%d}{serial:05d}"
            draft = write_release(world, rng, release_id, day, kinds[i])
            i += 1
            yield Generated(release_id, day, f"{minute // 60:02d}:{minute % 60:02d}", draft)


# --- layout --------------------------------------------------------------------------------


def page_text(g: Generated, rng: random.Random) -> str:
    """The text of the release's page as copied from info.gov.hk."""
    furniture = rng.choice(
        ["Go to main content\n \n", "Traditional Chinese Simplified Chinese Email this article\n", ""]
    )
    rule = f"{RULE}\n" if rng.random() < 0.85 else ""
    sep = rng.choice(["\n\n", "\n \n", "\n"])
    body = sep.join(f"     {p}" for p in g.draft.paragraphs)
    text = f"{furniture}{g.draft.title}\n{rule}{body}\n \nEnds/{footer_date(g.day)}\nIssued at HKT {g.issued}\nNNNN\n"
    if g.draft.captions:
        text += "Today's Press Releases  \n\nPhoto\n\n" + "\n".join(g.draft.captions) + "\n"
    return text


def record_text(g: Generated, rng: random.Random) -> str:
    """The text field of a scraper's record: the body, with the footer and captions sometimes."""
    indent = "     " if rng.random() < 0.5 else ""
    text = "\n\n".join(indent + p for p in g.draft.paragraphs)
    if g.draft.captions or rng.random() < 0.4:
        text += f"\n\nEnds/{footer_date(g.day)}\nIssued at HKT {g.issued}\n\nNNNN"
    if g.draft.captions:
        text += "\n\nPhoto\n\n" + "\n".join(g.draft.captions)
    return text


def write_corpus(
    n: int,
    out: Path,
    *,
    seed: int = 0,
    fmt: str = "jsonl",
    gold: Path | None = None,
    start: date = date(2014, 1, 1),
    end: date = date(2025, 12, 31),
) -> Counter:
    """Write `n` releases under `out` (and their gold facts to `gold`); return counts of what was written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    layout_rng = random.Random(f"layout-{seed}")
    stats: Counter = Counter()
    records: dict[Path, list[Generated]] = {}
    gold_lines: list[str] = []
    out.mkdir(parents=True, exist_ok=True)
    for g in releases(n, seed, start, end):
        stats["releases"] += 1
        stats[f"kind {g.draft.kind}"] += 1
        facts = g.draft.gold.as_json()
        for key in ("meetings", "tenures", "organisations", "zones"):
            stats[key] += len(facts[key])
        gold_lines.append(json.dumps(facts, ensure_ascii=False))
        form = fmt if fmt != "mixed" else layout_rng.choices(["txt", "jsonl", "csv"], [4, 4, 2])[0]
        if form == "txt":
            path = out / f"{g.day:%Y}" / f"{g.day:%m}" / f"{g.id}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page_text(g, layout_rng), encoding="utf-8")
            stats["files"] += 1
        else:
            records.setdefault(out / f"releases-{g.day:%Y-%m}.{form}", []).append(g)
    for path, group in records.items():
        path.write_text(
            _jsonl(group, layout_rng) if path.suffix == ".jsonl" else _csv(group, layout_rng),
            encoding="utf-8",
        )
        stats["files"] += 1
    if gold is not None:
        gold.parent.mkdir(parents=True, exist_ok=True)
        gold.write_text("\n".join(gold_lines) + "\n", encoding="utf-8")
    return stats


def _jsonl(group: list[Generated], rng: random.Random) -> str:
    lines = []
    for g in group:
        row = {
            "id": g.id,
            "url": g.url,
            "title": g.draft.title,
            "published": f"{g.day.isoformat()}T{g.issued}",
        }
        if rng.random() < 0.5:
            row["lang"] = "en"
        row["text"] = record_text(g, rng)
        lines.append(json.dumps(row, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def _csv(group: list[Generated], rng: random.Random) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "url", "title", "date", "text"])
    for g in group:
        writer.writerow([g.id, g.url, g.draft.title, g.day.isoformat(), record_text(g, rng)])
    return buffer.getvalue()


# --- command line --------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--releases", "-n", type=int, required=True, help="how many releases to write")
    parser.add_argument(
        "--out", "-o", type=Path, required=True, help="the corpus folder (must be empty or new)"
    )
    parser.add_argument("--seed", type=int, default=0, help="the same seed gives the same corpus (default 0)")
    parser.add_argument(
        "--format", "-f", choices=FORMATS, default="jsonl", help="file layout (default jsonl)"
    )
    parser.add_argument(
        "--gold",
        nargs="?",
        type=Path,
        const=True,
        default=None,
        metavar="FILE",
        help="also write the gold facts as JSON lines (default FILE: {out}.gold.jsonl)",
    )
    parser.add_argument(
        "--start", type=date.fromisoformat, default=date(2014, 1, 1), help="first release date"
    )
    parser.add_argument(
        "--end", type=date.fromisoformat, default=date(2025, 12, 31), help="last release date"
    )
    args = parser.parse_args(argv)
    if args.releases < 1:
        parser.error("--releases must be at least 1")
    if args.end < args.start:
        parser.error("--end is before --start")
    if args.out.exists() and (not args.out.is_dir() or any(args.out.iterdir())):
        parser.error(f"{args.out} exists and is not an empty folder")
    gold = args.out.with_name(args.out.name + ".gold.jsonl") if args.gold is True else args.gold
    began = time.perf_counter()
    stats = write_corpus(
        args.releases, args.out, seed=args.seed, fmt=args.format, gold=gold, start=args.start, end=args.end
    )
    took = time.perf_counter() - began
    kinds = ", ".join(f"{k[5:]} {v}" for k, v in sorted(stats.items()) if k.startswith("kind "))
    print(
        f"wrote {stats['releases']} releases in {stats['files']} files to {args.out} in {took:.1f} s ({kinds}); "
        f"facts: {stats['meetings']} meetings, {stats['tenures']} tenures, {stats['organisations']} organisations, "
        f"{stats['zones']} zones" + (f"; gold in {gold}" if gold else ""),
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
