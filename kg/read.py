"""Read press releases from files and folders into `Release` records.

Accepted inputs: the text of a release page (``.txt``), the saved HTML page from info.gov.hk
(``.htm``/``.html``), and records of id/url/title/published (or date)/text in JSONL (``.jsonl``,
``.ndjson``), JSON (``.json``, one record or a list) or CSV (``.csv``). Anything that cannot be
read becomes a `Rejection` naming the file (and line) and the reason; the rest goes on.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import json
import os
import re
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import date, datetime, timedelta, timezone
from itertools import islice
from pathlib import Path

from kg.batch_workers import fresh, worker_count
from kg.model import Rejection, Release
from kg.repair import repair_text

HKT = timezone(timedelta(hours=8))
SUFFIXES = {".txt", ".htm", ".html", ".jsonl", ".ndjson", ".json", ".csv"}
MAX_BYTES = 20_000_000  # one input file; larger is not a release or a sane batch
MAX_HTML_DEPTH = 5_000  # elements open at once: HTML parsers take time in the square of the depth

_ID_NEW = re.compile(r"\bP(\d{4})(\d{2})(\d{2})\d{4,5}\b")
_ID_GIA = re.compile(r"/gia/general/(\d{4})(\d{2})/(\d{2})/(\d{7,8})\.htm")
_ID_GIA_KEY = re.compile(r"^gia:(\d{4})(\d{2})/(\d{2})/\d+$")
# an old release saved by `kg fetch`: .../YYYY/MM/DD/NNNNNNN.htm
_ID_GIA_SAVED = re.compile(r"(?:^|/)(\d{4})/(\d{2})/(\d{2})/(\d{7,8})\.html?$")
_FOOTER = re.compile(
    r"^[^\S\n]*Ends/\s*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)?,?\s*"
    r"([A-Z][a-z]+)\s+(\d{1,2}),\s*(\d{4})\s*$",
    re.M,
)
_ISSUED = re.compile(r"^[^\S\n]*Issued at HKT[^\S\n]+(\d{1,2}):(\d{2})[^\S\n]*$", re.M)
_RULE = re.compile(r"^[^\S\n]*[*＊]{10,}[^\S\n]*$", re.M)
# page furniture, matched against a line with its runs of whitespace made one space (`_is_furniture`):
# no whitespace of its own to match, so no line can make the search backtrack
_FURNITURE = re.compile(
    r"(?:Go to main content|Print this page|Today's Press Releases|Photo(?: Photo)*|Video|NNNN"
    r"|(?:(?:Traditional Chinese|Simplified Chinese|Email this article|news\.gov\.hk|繁體|简体) ?)+)",
    re.I,
)
_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        1,
    )
}
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_WORD = re.compile(r"\b[A-Za-z]{2,}\b")
_MOJIBAKE_BOM = re.compile(r"^(?:ï»¿|â\x80\x8b|â)+(?=[A-Z\s])")
_NON_WORD = re.compile(r"\W+")
_RULE_LINE = re.compile(r"[—–\-_=*]+")
_FETCH_MANIFEST = re.compile(rb'\{"kind": "(?:index|release)", ')


class ReadError(ValueError):
    """An input that is not a readable English press release."""


def discover(paths: Iterable[Path]) -> Iterator[Path | Rejection]:
    """Expand folders (recursively, sorted) into the files we can read; a folder that cannot be
    listed is a rejection (pathlib's rglob passed over it without a word)."""
    for path in paths:
        if path.is_dir():
            unlisted: list[OSError] = []
            found = [
                Path(root, name)
                for root, _, names in os.walk(path, onerror=unlisted.append)
                for name in names
                if not name.startswith(".") and Path(name).suffix.lower() in SUFFIXES
            ]
            for error in unlisted:
                yield Rejection(str(error.filename or path), f"cannot read folder: {error.strerror or error}")
            yield from sorted(p for p in found if p.is_file())
        elif path.is_file():
            yield path
        else:
            yield Rejection(str(path), "no such file or folder")


def read_paths(paths: Iterable[Path], jobs: int = 1) -> Iterator[Release | Rejection]:
    """Every release found under `paths`, or a rejection per unreadable input, in the order of the
    files. With `jobs` > 1 and enough bytes to read, the files are read in that many worker
    processes (a core's work each; a file the workers could not return is read here)."""
    found = list(discover(paths))
    files = [item for item in found if isinstance(item, Path)]
    jobs = worker_count(jobs)
    if jobs == 1 or len(files) < 2 or _total_bytes(files) < PARALLEL_BYTES:
        for item in found:
            yield from [item] if isinstance(item, Rejection) else from_file(item)
        return
    with ProcessPoolExecutor(jobs, mp_context=fresh()) as pool:  # (not forked from the caller)
        read = iter([pool.submit(from_file, path) for path in files])
        for item in found:
            if isinstance(item, Rejection):
                yield item
                continue
            try:
                yield from next(read).result()
            except Exception:  # the worker died or its result could not come back: read it here
                yield from from_file(item)


def from_file(path: Path) -> list[Release | Rejection]:
    """The releases of one file, and its rejection if it cannot be read (or read to its end)."""
    out: list[Release | Rejection] = []
    try:
        out.extend(read_file(path))
    except ReadError as exc:
        out.append(Rejection(str(path), str(exc)))
    except OSError as exc:
        out.append(Rejection(str(path), f"cannot read: {exc.strerror or exc}"))
    except Exception as exc:  # whatever else one input does, it is that input's rejection
        out.append(Rejection(str(path), unreadable(exc)))
    return out


def _total_bytes(files: list[Path]) -> int:
    total = 0
    for path in files:
        with contextlib.suppress(OSError):  # (read_file names the error)
            total += path.stat().st_size
    return total


PARALLEL_BYTES = 16 * 1024 * 1024  # below this, worker processes cost more than they save


def unreadable(exc: BaseException) -> str:
    """The reason an input that raised `exc` is rejected."""
    if isinstance(exc, RecursionError):
        return "nested too deeply to read"
    if isinstance(exc, MemoryError):
        return "too large to read in memory"
    return f"cannot read: {type(exc).__name__}: {str(exc)[:200]}"


def read_file(path: Path) -> Iterator[Release | Rejection]:
    """The releases in one file (records files may hold many, each read on its own)."""
    if path.stat().st_size > MAX_BYTES:
        raise ReadError(f"file is larger than {MAX_BYTES // 1_000_000} MB")
    data = _utf8_from_bom(path.read_bytes())
    if not data.strip():
        raise ReadError("empty file")
    if why := binary_reason(data):
        raise ReadError(f"binary file ({why}), not a press release")
    suffix = path.suffix.lower()
    if suffix in {".htm", ".html"} or data.lstrip()[:200].lower().startswith((b"<!doctype html", b"<html")):
        saved_as = "/".join(path.parts[-4:])  # an old release's number is in the folders kg fetch saves it in
        yield _guard(str(path), lambda: release_from_html(data, source=str(path), file_name=saved_as))
    elif suffix in {".jsonl", ".ndjson"}:
        if _FETCH_MANIFEST.match(data):
            raise ReadError("the manifest of `kg fetch` (what was fetched), not release records")
        yield from _records(path, _jsonl_records(_decode(data)))
    elif suffix == ".json":
        yield from _records(path, _json_records(_decode(data)))
    elif suffix == ".csv":
        yield from _records(path, _csv_records(_decode(data)))
    else:
        text = _decode(data)
        yield _guard(str(path), lambda: release_from_page_text(text, source=str(path), file_name=path.name))


def _guard(source: str, make) -> Release | Rejection:
    try:
        return make()
    except ReadError as exc:
        return Rejection(source, str(exc))
    except Exception as exc:  # one bad input (or record) never stops the batch
        return Rejection(source, unreadable(exc))


_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x1f\x8b", "a gzip file"),
    (b"BZh", "a bzip2 file"),
    (b"\xfd7zXZ\x00", "an xz file"),
    (b"\x28\xb5\x2f\xfd", "a zstd file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old office document"),
    (b"\x7fELF", "a program"),
    (b"SQLite format 3\x00", "a SQLite database"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"OggS", "an Ogg file"),
    (b"ID3", "an MP3 file"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
SAMPLE_BYTES = 65_536  # how much of a file the binary check looks at


def binary_reason(data: bytes) -> str | None:
    """Why `data` is not text ("a PNG image", "NUL bytes", ...), or None for text: a known file
    signature, a NUL byte, or more than 2% control characters (or undecodable bytes) in its start."""
    head = data[:SAMPLE_BYTES]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[:12].startswith(b"RIFF") or head[4:8] == b"ftyp":
        return "an audio, video or image file"
    if b"\x00" in head:
        return "NUL bytes"
    try:
        text = head.decode("utf-8", errors="replace")
        if text.count("\ufffd") > len(text) // 100:  # not UTF-8: the legacy encodings decode every byte
            text = head.decode("latin-1")
    except Exception:  # decoding a sample never fails with errors="replace"; be safe anyway
        return "undecodable bytes"
    controls = len(_CONTROL.findall(text[:SAMPLE_BYTES]))
    if controls > max(2, len(text) // 50):
        return f"{100 * controls // max(1, len(text))}% control characters"
    return None


def _utf8_from_bom(data: bytes) -> bytes:
    """UTF-16 and UTF-32 text (with its byte order mark) as UTF-8; other bytes unchanged."""
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec).encode("utf-8")
            except UnicodeError:
                return data
    return data


def _records(path: Path, rows: Iterator[tuple[int, dict | Exception]]) -> Iterator[Release | Rejection]:
    count = 0
    for line, row in rows:
        count += 1
        source = f"{path}:{line}"
        if isinstance(row, Exception):
            yield Rejection(source, f"unreadable record: {row}")
        else:
            yield _guard(source, lambda row=row, source=source: release_from_record(row, source=source))
    if count == 0:
        yield Rejection(str(path), "no records in file")


def _decode(data: bytes, declared: str | None = None) -> str:
    for encoding in (declared, "utf-8-sig", "cp1252"):
        if not encoding:
            continue
        try:
            return data.decode(encoding)
        except (UnicodeError, LookupError):
            continue
    return data.decode("latin-1")


def _jsonl_records(text: str) -> Iterator[tuple[int, dict | Exception]]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except (ValueError, RecursionError) as exc:
            yield number, ValueError(unreadable(exc)) if isinstance(exc, RecursionError) else exc
            continue
        yield number, row if isinstance(row, dict) else ValueError("a record must be a JSON object")


def _json_records(text: str) -> Iterator[tuple[int, dict | Exception]]:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ReadError(f"not valid JSON: {exc}") from exc
    except RecursionError as exc:
        raise ReadError(f"not readable JSON: {unreadable(exc)}") from None
    rows = data if isinstance(data, list) else [data]
    for number, row in enumerate(rows, 1):
        yield number, row if isinstance(row, dict) else ValueError("a record must be a JSON object")


def _csv_records(text: str) -> Iterator[tuple[int, dict | Exception]]:
    """Each row as a dict keyed by lower-case column name, with the line it ends on; a row the
    CSV parser refuses is that row's error, and the rows after it are read on."""
    # no field can be longer than the file: the parser's default limit (131,072) would refuse a long text
    csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        fieldnames = reader.fieldnames
    except csv.Error as exc:
        raise ReadError(f"CSV header unreadable: {exc}") from exc
    if not fieldnames or "text" not in {f.strip().lower() for f in fieldnames}:
        raise ReadError("CSV has no 'text' column (expected id, url, title, published or date, text)")
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # the parser starts afresh on the next line
            yield reader.line_num, exc
            continue
        clean = {(k or "").strip().lower(): v for k, v in row.items() if k}
        yield reader.line_num, clean


# --- records -------------------------------------------------------------------------------


def release_from_record(row: dict, source: str) -> Release:
    """A release from a scraper's record: id, url, title, published (or date), text."""
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ReadError("record has no text")
    url = _str(row.get("url"))
    page = parse_page_text(text, title=_str(row.get("title")))
    release_id = _str(row.get("id")) or release_id_from(url) or page.get("id")
    if not release_id:
        raise ReadError("no release identifier in the record, its URL or its text")
    issued = _parse_published(_str(row.get("published")))
    day = (
        page.get("date")
        or (issued.date() if issued else None)
        or parse_day(_str(row.get("date")))
        or date_from_id(release_id)
    )
    if issued is None and page.get("issued_time") and day:
        issued = _at(day, page["issued_time"])
    return _release(release_id, day, page, source, url=url, issued=issued, language=_str(row.get("lang")))


def _str(value: object) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None


def _parse_published(value: str | None) -> datetime | None:
    if not value or "T" not in value:
        return None
    try:
        stamp = datetime.fromisoformat(value)
    except ValueError:
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=HKT)


def parse_day(value: str | None) -> date | None:
    """An ISO date's day (the first ten characters: a date or a date-time), or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _at(day: date, hm: tuple[int, int]) -> datetime | None:
    """The time of day `hm` on `day` in Hong Kong, or None for no such time ("Issued at HKT 25:61")."""
    try:
        return datetime(day.year, day.month, day.day, hm[0], hm[1], tzinfo=HKT)
    except ValueError:
        return None


# --- identifiers and dates -----------------------------------------------------------------


def release_id_from(text: str | None) -> str | None:
    """The release number in a URL or file name: "P2023090700255", or "gia:200111/08/1108116"."""
    if not text:
        return None
    if m := _ID_NEW.search(text):
        return m.group(0)
    if m := _ID_GIA.search(text) or _ID_GIA_SAVED.search(text):
        return f"gia:{m.group(1)}{m.group(2)}/{m.group(3)}/{m.group(4)}"
    return None


def date_from_id(release_id: str) -> date | None:
    """The date a release number carries: P2023090700255 -> 2023-09-07."""
    m = _ID_NEW.fullmatch(release_id) or _ID_GIA_KEY.match(release_id)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


# --- page text -----------------------------------------------------------------------------


def parse_page_text(text: str, title: str | None = None) -> dict:
    """Split a page's text into title, body paragraphs, captions, footer date and issue time.

    With `title` given (a record's title), a first line equal to it is taken as the headline.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "").replace("\u00a0", " ")
    text = repair_text(_strip_mojibake_bom(text))
    title = repair_text(title) if title else title
    result: dict = {}
    footer = _FOOTER.search(text) if "Ends/" in text else None
    tail = ""
    if footer:
        month = _MONTHS.get(footer.group(1))
        if month:
            with contextlib.suppress(ValueError):
                result["date"] = date(int(footer.group(3)), month, int(footer.group(2)))
        tail = text[footer.end() :]
        text = text[: footer.start()]
        if issued := _ISSUED.search(tail):
            result["issued_time"] = (int(issued.group(1)), int(issued.group(2)))
    # headline: before the asterisk rule when there is one, else the first line that is not furniture
    rule = _RULE.search(text) if "**********" in text or "＊" in text else None
    body_start = 0
    if rule:
        head = [ln.strip() for ln in text[: rule.start()].split("\n") if ln.strip() and not _is_furniture(ln)]
        body_text = text[rule.end() :]
        headline = " ".join(head[-1:]) if head else None
    else:
        headline = None
        lines = text.split("\n")
        for i, ln in enumerate(lines):
            if not ln.strip() or _is_furniture(ln):
                continue
            stripped = ln.strip()
            # a headline: short, not indented like a paragraph, no sentence end (or equal to the title)
            is_title = title and _same(stripped, title)
            # (a line ending in ":" introduces what follows: "Following is the transcript ... (May 3):")
            looks_like = (
                len(stripped) < 250 and not ln.startswith("   ") and not stripped.endswith((".", ":"))
            )
            if is_title or (looks_like and not title):
                headline = stripped
                body_start = i + 1
            break
        body_text = "\n".join(lines[body_start:])
    result["title"] = title or headline
    result["paragraphs"] = _paragraphs(body_text)
    result["captions"] = _captions(tail)
    return result


def _strip_mojibake_bom(text: str) -> str:
    # a UTF-8 BOM or zero-width char decoded as cp1252 shows up as "ï»¿" / "â" at the start
    return _MOJIBAKE_BOM.sub("", text) if text.startswith(("ï", "â")) else text


def _squash(s: str) -> str:
    return _NON_WORD.sub("", s).lower()


def _same(a: str, b: str) -> bool:
    """Whether two lines read alike, ignoring case and everything but letters and digits."""
    if a.isascii() and b.isascii():
        # squashing the start of an ASCII line gives the start of the squashed line, so a first
        # paragraph is told from the headline without squashing all of it
        start_a, start_b = _squash(a[:32]), _squash(b[:32])
        common = min(len(start_a), len(start_b))
        if start_a[:common] != start_b[:common]:
            return False
    return _squash(a) == _squash(b)


def _one_spaced(line: str) -> str:
    r"""The line with runs of whitespace as one space, stripped (as re.sub(r"\s+", " ") and
    str.strip() would make it)."""
    return " ".join(line.split())


def _is_furniture(line: str) -> bool:
    """Whether a line is the page's furniture (links, labels), not the release's text."""
    return _FURNITURE.fullmatch(_one_spaced(line)) is not None


def _paragraphs(text: str) -> list[str]:
    paragraphs = []
    for ln in text.split("\n"):
        stripped = _one_spaced(ln)
        if stripped and not _is_furniture(stripped) and not _RULE_LINE.fullmatch(stripped):
            paragraphs.append(stripped)
    return paragraphs


def _captions(tail: str) -> list[str]:
    captions = []
    for ln in tail.split("\n"):
        stripped = _one_spaced(ln)
        if not stripped or _is_furniture(stripped) or _ISSUED.match(stripped):
            continue
        if len(stripped) > 40 and _LATIN.search(stripped):
            captions.append(stripped)
    return captions


def release_from_page_text(text: str, source: str, file_name: str | None = None) -> Release:
    """A release from the text of its page (as copied from info.gov.hk)."""
    page = parse_page_text(text)
    release_id = release_id_from(file_name) or release_id_from(text)
    if not release_id:
        raise ReadError("no release number (P + date + serial) in the file name or the text")
    day = page.get("date") or date_from_id(release_id)
    issued = _at(day, page["issued_time"]) if day and page.get("issued_time") else None
    return _release(release_id, day, page, source, issued=issued)


def _release(
    release_id: str,
    day: date | None,
    page: dict,
    source: str,
    *,
    url: str | None = None,
    issued: datetime | None = None,
    language: str | None = None,
) -> Release:
    if day is None:
        raise ReadError("no release date in the page, the record or the release number")
    paragraphs = page["paragraphs"]
    body = "\n\n".join(paragraphs)
    if language and language.lower() not in {"en", "eng", "english"}:
        raise ReadError(f"not an English release (language {language!r})")
    _check_english(body, page.get("title") or "")
    if url is None and release_id.startswith("P"):
        url = f"https://www.info.gov.hk/gia/general/{release_id[1:7]}/{release_id[7:9]}/{release_id}.htm"
    return Release(
        id=release_id,
        date=day,
        text=body,
        source=source,
        title=page.get("title"),
        issued=issued,
        url=url,
        captions=tuple(page.get("captions", ())),
    )


def _check_english(body: str, title: str) -> None:
    everything = f"{title} {body}"
    # a text without Chinese characters (all ASCII ones) has no need to count its letters
    if (
        not everything.isascii()
        and _CJK.search(everything)
        and len(_CJK.findall(everything)) > len(_LATIN.findall(everything))
    ):
        raise ReadError("not an English release (the text is mostly Chinese)")
    if len(body) < 40:
        raise ReadError("no release text (body shorter than 40 characters)")
    if sum(1 for _ in islice(_WORD.finditer(body), 8)) < 8:
        raise ReadError("not a press release (fewer than 8 English words in the text)")


# --- saved HTML ----------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


def release_from_html(data: bytes, source: str, file_name: str | None = None) -> Release:
    """A release from the saved HTML page (headline in #PRHeadlineSpan, body in #pressrelease)."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    declared = m.group(1).decode("ascii") if (m := _META_CHARSET.search(data[:4096])) else None
    html = _decode(data, _python_codec(declared))
    if (depth := html_depth(html)) > MAX_HTML_DEPTH:
        raise ReadError(
            f"HTML nested {depth} elements deep (more than {MAX_HTML_DEPTH}): not a press release page"
        )
    tree = HTMLParser(html)
    body_node = tree.css_first("#pressrelease")
    if body_node is None:
        raise ReadError("HTML page has no #pressrelease element: not a press release page")
    for br in body_node.css("br"):
        br.replace_with("\n")
    for block in body_node.css("p, div, tr, li"):
        block.insert_after("\n")
    headline_node = tree.css_first("#PRHeadlineSpan") or tree.css_first("#PRHeadline") or tree.css_first("h1")
    title = re.sub(r"\s+", " ", headline_node.text()).strip() if headline_node else None
    body_text = body_node.text(deep=True, separator="")
    captions = [
        re.sub(r"\s+", " ", node.text()).strip()
        for node in tree.css(".photoCaption, .caption, figcaption, img[alt]")
        if node.text().strip()
    ]
    canonical = tree.css_first('link[rel="canonical"]')
    url = canonical.attributes.get("href") if canonical else None
    page = parse_page_text(body_text, title=title)
    page["title"] = title or page.get("title")
    if captions:
        page["captions"] = [*page.get("captions", []), *captions]
    release_id = release_id_from(url) or release_id_from(file_name) or release_id_from(html)
    if not release_id:
        raise ReadError("no release number (P + date + serial) in the page, its URL or the file name")
    day = page.get("date") or date_from_id(release_id)
    issued = _at(day, page["issued_time"]) if day and page.get("issued_time") else None
    return _release(release_id, day, page, source, url=url, issued=issued)


def _python_codec(declared: str | None) -> str | None:
    """Python's codec for a page's declared charset, or None when it names no text encoding."""
    if not declared:
        return None
    name = declared.lower()
    name = {"big5": "big5hkscs", "gb2312": "gb18030", "gbk": "gb18030"}.get(name, name)
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    # codecs that are no web page's charset (escapes, punycode, utf-7) would rewrite the text
    if not info._is_text_encoding or info.name in _NOT_CHARSETS:  # type: ignore[attr-defined]
        return None
    return info.name


_NOT_CHARSETS = {"unicode-escape", "raw-unicode-escape", "utf-7", "punycode", "idna", "undefined"}
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^<>]*?(/?)>")
# elements that close themselves or are closed by the next of their kind: they add no depth
_NO_DEPTH = frozenset(
    "area base br col embed hr img input link meta param source track wbr "
    "p li dt dd tr td th option optgroup thead tbody tfoot colgroup caption rt rp html head body".split()
)


def html_depth(html: str) -> int:
    """The most elements open at once in `html`, counted from its tags (not parsed): the
    elements whose end tag may be left out, or that have none, are not counted."""
    depth = deepest = 0
    for m in _TAG.finditer(html):
        if m.group(3) or m.group(2).lower() in _NO_DEPTH:
            continue
        if m.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest
