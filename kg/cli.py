"""The `kg` command: extract, recognise, build, query, serve.

Exit status: 0 when every input was processed or rejected with a reason (printed on stderr);
1 when the run itself failed (unwritable output, nothing readable at all) or, with --strict, when
an input was rejected or the graph broke a SHACL shape; 2 for bad arguments.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import pyoxigraph as ox

from kg import __version__
from kg.extract import TIME_LIMIT
from kg.iris import DEFAULT_BASE, PREFIXES, Iris
from kg.model import Rejection
from kg.progress import shown

EXTRACT_FORMATS: dict[str, tuple[ox.RdfFormat, bool]] = {
    "nq": (ox.RdfFormat.N_QUADS, True),
    "trig": (ox.RdfFormat.TRIG, True),
    "turtle": (ox.RdfFormat.TURTLE, False),
    "ttl": (ox.RdfFormat.TURTLE, False),
    "nt": (ox.RdfFormat.N_TRIPLES, False),
    "jsonld": (ox.RdfFormat.JSON_LD, False),
}


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description="A knowledge graph of Hong Kong press releases.")
    parser.add_argument("--version", action="version", version=f"hk-press-kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("extract", help="print the triples extracted from releases (not reasoned)")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a release file or a folder")
    p.add_argument("--format", "-f", choices=sorted(EXTRACT_FORMATS), default="nq")
    p.add_argument("--base", default=DEFAULT_BASE, help="base IRI of the data")
    p.add_argument("--jobs", "-j", type=int, default=1, help="worker processes (0: one per core)")
    p.add_argument("--strict", action="store_true", help="exit 1 when any input is rejected")
    p.set_defaults(run=run_extract)

    p = sub.add_parser(
        "recognise", help="print the records recognised in releases, before resolution, with their forms"
    )
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a release file or a folder")
    p.add_argument(
        "--json", action="store_true", help="one JSON object per release (default: a text listing)"
    )
    p.set_defaults(run=run_recognise)

    p = sub.add_parser("build", help="read, extract, reason, validate and store the graph")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--out", "-o", type=Path, required=True, help="the data folder to write")
    p.add_argument("--base", default=DEFAULT_BASE)
    p.add_argument("--jobs", "-j", type=int, default=1, help="worker processes (0: one per core)")
    p.add_argument(
        "--reasoner",
        choices=["owlrl", "fast"],
        default="fast",
        help="reasoning engine (owlrl: the reference)",
    )
    p.add_argument(
        "--update", action="store_true", help="add or replace these releases in the graph already in --out"
    )
    p.add_argument(
        "--validator",
        choices=["fast", "pyshacl"],
        default="fast",
        help="SHACL engine (pyshacl: the reference)",
    )
    p.add_argument("--no-shacl", action="store_true", help="skip SHACL validation")
    p.add_argument(
        "--release-timeout",
        type=float,
        default=TIME_LIMIT,
        metavar="SECONDS",
        help=f"reject a release whose extraction takes longer (default {TIME_LIMIT:g}; 0: no limit)",
    )
    p.add_argument("--strict", action="store_true", help="exit 1 on any rejection or SHACL violation")
    p.add_argument(
        "--memory",
        type=_size,
        metavar="SIZE",
        help="memory for the build's sorts on disk and its reasoning and SHACL batches, e.g. 2G or 512M "
        "(default: an eighth of the machine's memory, between 1G and 4G)",
    )
    p.add_argument("--quiet", "-q", action="store_true", help="no progress display on the terminal")
    p.set_defaults(run=run_build)

    p = sub.add_parser("query", help="answer a SPARQL query from the command line")
    p.add_argument("query", help="the query text, or @FILE to read it from a file")
    p.add_argument(
        "--data", type=Path, default=None, help="a built data folder (default: the bundled sample)"
    )
    p.add_argument(
        "--format", "-f", choices=["table", "json", "csv", "tsv", "xml", "turtle", "nt"], default="table"
    )
    p.set_defaults(run=run_query)

    p = sub.add_parser("publish", help="copy a built graph to a SPARQL store (Graph Store HTTP Protocol)")
    p.add_argument("--data", type=Path, required=True, help="a built data folder")
    p.add_argument(
        "--to", required=True, metavar="URL", help="the store's Graph Store endpoint, e.g. http://host/store"
    )
    p.add_argument(
        "--quiet", "-q", action="store_true", help="no progress: neither the display nor a line per graph"
    )
    p.set_defaults(run=run_publish)

    p = sub.add_parser("fetch", help="harvest release pages from info.gov.hk's daily indexes into a folder")
    p.add_argument("--out", "-o", type=Path, required=True, help="the folder to save pages into")
    add_fetch_options(p)
    p.set_defaults(run=run_fetch)

    p = sub.add_parser("sync", help="fetch what is new since the last run, then build --update")
    p.add_argument("--data", type=Path, required=True, help="the built data folder to update")
    p.add_argument("--pages", type=Path, required=True, help="the folder of fetched pages (kg fetch --out)")
    add_fetch_options(p)
    p.add_argument("--base", default=DEFAULT_BASE)
    p.add_argument(
        "--jobs", "-j", type=int, default=1, help="worker processes for the build (0: one per core)"
    )
    p.set_defaults(run=run_sync)

    p = sub.add_parser("serve", help="serve the graph over SPARQL and linked data")
    p.add_argument(
        "--data", type=Path, default=None, help="a built data folder (default: build the bundled sample)"
    )
    add_server_options(p)
    p.set_defaults(run=run_serve)
    return parser


def _size(text: str) -> int:
    from kg.memory import parse_size

    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_server_options(p: argparse.ArgumentParser) -> None:
    """The server's options, derived from its one Settings declaration."""
    from server.settings import Settings

    Settings.add_arguments(p, skip=("data_dir",))


def add_fetch_options(p: argparse.ArgumentParser) -> None:
    """The options `kg fetch` and `kg sync` share: which days, which site, how gently."""
    from kg.fetch.http import Politeness
    from kg.fetch.site import DEFAULT_SITE

    gentle = Politeness()
    p.add_argument("--from", dest="start", type=_day, metavar="DATE", help="first day (YYYY-MM-DD)")
    p.add_argument(
        "--to", dest="end", type=_day, metavar="DATE", help="last day (default: today in Hong Kong)"
    )
    p.add_argument(
        "--since-last",
        action="store_true",
        help="start from the last index date fetched into the folder, re-checking yesterday and today",
    )
    p.add_argument("--lang", choices=["en", "zh", "both"], default="en", help="which language's releases")
    p.add_argument("--site", default=DEFAULT_SITE, metavar="URL", help="the site (or a mirror) to fetch from")
    p.add_argument(
        "--delay", type=float, default=gentle.delay, metavar="S", help="seconds between requests (default 1)"
    )
    p.add_argument("--timeout", type=float, default=gentle.timeout, metavar="S", help="seconds per request")
    p.add_argument(
        "--retries", type=int, default=gentle.retries, metavar="N", help="retries on time-outs, 5xx and 429"
    )
    p.add_argument(
        "--backoff",
        type=float,
        default=gentle.backoff,
        metavar="S",
        help="first retry's wait, doubled each time",
    )
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")


def _day(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _fetch_options(args: argparse.Namespace, out: Path):
    from kg.fetch import FetchOptions
    from kg.fetch.http import Politeness

    if args.delay < 0 or args.timeout <= 0 or args.retries < 0 or args.backoff < 0:
        raise ValueError("--delay, --retries and --backoff must not be negative, --timeout must be positive")
    languages = ("en", "zh") if args.lang == "both" else (args.lang,)
    politeness = Politeness(
        delay=args.delay, timeout=args.timeout, retries=args.retries, backoff=args.backoff
    )
    return FetchOptions(
        out=out,
        start=args.start,
        end=args.end,
        languages=languages,
        site=args.site,
        since_last=args.since_last,
        politeness=politeness,
        quiet=args.quiet,
    )


def run_fetch(args: argparse.Namespace) -> int:
    from kg.fetch import fetch
    from kg.fetch.store import Busy

    try:
        summary = fetch(_fetch_options(args, args.out))
    except ValueError as exc:
        print(f"kg fetch: {exc}", file=sys.stderr)
        return 2
    except Busy as exc:
        print(f"kg fetch: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"kg fetch: cannot write {args.out}: {exc}", file=sys.stderr)
        return 1
    print("\n".join(summary.lines()))
    if summary.interrupted:
        return 130
    return 0 if summary.ok else 1


def run_sync(args: argparse.Namespace) -> int:
    from kg.fetch.store import Busy
    from kg.sync import sync

    try:
        result = sync(
            args.data,
            _fetch_options(args, args.pages),
            jobs=args.jobs,
            base=args.base,
            log=print,
        )
    except ValueError as exc:
        print(f"kg sync: {exc}", file=sys.stderr)
        return 2
    except Busy as exc:
        print(f"kg sync: {exc}", file=sys.stderr)
        return 1
    if result.fetched.interrupted:
        return 130
    if result.report is not None:
        _report_rejections([Rejection(r["source"], r["reason"]) for r in result.report.rejected])
        print("\n".join(result.report.lines()))
    for note in result.notes:
        print(note)
    if result.build_failed:
        print(f"kg sync: {result.build_failed}", file=sys.stderr)
    return 0 if result.ok else 1


def _report_rejections(rejections: list[Rejection]) -> None:
    for r in rejections:
        print(f"rejected: {r.source}: {r.reason}", file=sys.stderr)


def run_extract(args: argparse.Namespace) -> int:
    from kg.extract import extract_all

    fmt, datasets = EXTRACT_FORMATS[args.format]
    quads: list[ox.Quad] = []
    rejections: list[Rejection] = []
    count = 0
    for item in extract_all(args.paths, Iris(args.base), jobs=args.jobs):
        if isinstance(item, Rejection):
            rejections.append(item)
        else:
            count += 1
            quads.extend(item.quads)
    _report_rejections(rejections)
    if count == 0:
        print("kg extract: no release could be read", file=sys.stderr)
        return 1
    out = sys.stdout.buffer
    prefixes = None if fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES) else PREFIXES
    if datasets:
        ox.serialize(quads, out, fmt, prefixes=prefixes)
    else:
        triples = list(dict.fromkeys(q.triple for q in quads))
        ox.serialize(triples, out, fmt, prefixes=prefixes)
    out.flush()
    print(f"extracted {count} release(s), {len(quads)} quads; rejected {len(rejections)}", file=sys.stderr)
    return 1 if args.strict and rejections else 0


def run_recognise(args: argparse.Namespace) -> int:
    """Each release's records as the recognisers made them, each naming the form (the entry of
    kg.recognise.forms) that made it, so a wrong fact can be traced to its rule."""
    import json

    from kg.extract import read_releases
    from kg.recognise import recognise, records

    rejections: list[Rejection] = []
    count = 0
    for item in read_releases(args.paths):
        if isinstance(item, Rejection):
            rejections.append(item)
            continue
        try:
            found = records(recognise(item))
        except Exception as exc:  # one bad release never stops the batch
            rejections.append(Rejection(item.source, f"recognition failed: {type(exc).__name__}: {exc}"))
            continue
        count += 1
        if args.json:
            print(json.dumps(found, ensure_ascii=False, default=str))
            continue
        print(f"{found['id']} ({found['source']})")
        for kind in ("tenures", "organisations", "zones", "meetings"):
            for record in found[kind]:
                shown = {
                    k: v
                    for k, v in record.items()
                    if v not in (None, "", [], ()) and k not in ("form", "sentence")
                }
                print(
                    f"  {kind[:-1]}: {shown}\n    form: {record['form']}\n    sentence: {record['sentence']}"
                )
    _report_rejections(rejections)
    if count == 0:
        print("kg recognise: no release could be read", file=sys.stderr)
        return 1
    return 0


def run_build(args: argparse.Namespace) -> int:
    from kg.build import NoReleases, build

    try:
        with shown(args.quiet):
            report = build(
                args.paths,
                args.out,
                base=args.base,
                engine=args.reasoner,
                shacl=not args.no_shacl,
                jobs=args.jobs,
                update=args.update,
                validator=args.validator,
                memory=args.memory,
                release_timeout=args.release_timeout or None,
            )
    except NoReleases as exc:
        _report_rejections([Rejection(r["source"], r["reason"]) for r in exc.report.rejected])
        print(f"kg build: {exc}; {args.out} left as it was", file=sys.stderr)
        return 1
    except FileNotFoundError as exc:
        print(f"kg build: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"kg build: cannot write {args.out}: {exc}; previous graph left as it was", file=sys.stderr)
        return 1
    _report_rejections([Rejection(r["source"], r["reason"]) for r in report.rejected])
    print("\n".join(report.lines()))
    if args.strict and (report.rejected or report.violations or report.reasoner_errors):
        return 1
    return 0


def sample_data_dir(base: str = DEFAULT_BASE) -> Path:
    """Build the bundled sample into a cache folder (once per version of its inputs) and return it."""
    import hashlib

    from kg.build import build
    from kg.paths import REFERENCE_FILE, SAMPLE_DIR, ontology_files, shape_files

    digest = hashlib.sha256(f"{__version__} {base}".encode())
    code = sorted(Path(__file__).resolve().parent.rglob("*.py"))  # a changed pipeline builds anew
    inputs = [*sorted(SAMPLE_DIR.rglob("*")), *ontology_files(), *shape_files(), REFERENCE_FILE, *code]
    for path in inputs:
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    cache = Path(tempfile.gettempdir()) / f"hk-press-kg-sample-{digest.hexdigest()[:12]}"
    if not (cache / "store").is_dir():
        print(f"building the bundled sample releases into {cache} ...", file=sys.stderr)
        report = build([SAMPLE_DIR], cache, base=base, engine="fast")
        print("\n".join(report.lines()), file=sys.stderr)
    return cache


def run_query(args: argparse.Namespace) -> int:
    from kg.query import run_query as answer

    text = Path(args.query[1:]).read_text() if args.query.startswith("@") else args.query
    data = args.data or sample_data_dir()
    try:
        sys.stdout.write(answer(data, text, args.format))
    except SyntaxError as exc:
        print(f"kg query: malformed query: {exc}", file=sys.stderr)
        return 2
    except FileNotFoundError as exc:
        print(f"kg query: {exc}", file=sys.stderr)
        return 1
    return 0


def run_publish(args: argparse.Namespace) -> int:
    from kg.publish import publish

    def line(text: str) -> None:  # a line per graph for logs; a terminal has the progress display
        if not (args.quiet or sys.stderr.isatty()):
            print(text, file=sys.stderr)

    try:
        with shown(args.quiet):
            report = publish(args.data, args.to, progress=line)
    except FileNotFoundError as exc:
        print(f"kg publish: {exc}", file=sys.stderr)
        return 1
    for failure in report.failed:
        print(f"failed: {failure}", file=sys.stderr)
    print(f"published {report.graphs} graph(s), {report.triples} triples to {args.to}")
    return 1 if report.failed else 0


def run_serve(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from server import run
    from server.settings import Settings, settings_error

    try:
        settings = Settings.from_args(args)
    except ValidationError as exc:
        print(f"kg serve: {settings_error(exc)}", file=sys.stderr)
        return 2
    if settings.backend:  # serve through a remote SPARQL endpoint; --data only adds its dumps
        return run(args.data, settings) or 0
    data = args.data or sample_data_dir(settings.base_iri or DEFAULT_BASE)
    if not (data / "store").is_dir():
        print(f"kg serve: no graph in {data} (run `kg build ... --out {data}`)", file=sys.stderr)
        return 1
    return run(data, settings) or 0


if __name__ == "__main__":
    sys.exit(main())
