"""The text of a stored page as the page meant it: mis-decoded characters put back, residue of the
page's furniture taken out of the sentences. The reader (kg.read) calls `repair_text` on every
page's text and headline before it splits them.

Mis-decoded characters come in three kinds on info.gov.hk pages of 27 years:

- UTF-8 read as cp1252 or Latin-1 ("â€™" for "’", "â€‹" for a zero-width space): undone by
  ftfy's `fix_encoding`, which tells mojibake from real accented text;
- the punctuation of Big5 or GB2312 pages (lead byte 0xA1) read as a Western code page:
  "People¡¯s" (GB2312 ’ as Latin-1), "Hong Kong¡¦s" (Big5 ’), "¡V" (Big5 –), "ˇ§...ˇ¨" (Big5 “ ”
  as cp1250), "ĄG" (Big5 ： as ISO-8859-2). ftfy does not undo these, so a table does, built
  from the code pages themselves for the punctuation an English page uses;
- what is left of a character whose other bytes were lost: "ýÿ" (a two-byte character read as
  Latin-1 or cp1250), a lone "â" or "ã" opening a paragraph, zero-width spaces.

Residue: news.gov.hk pages stored with a leading "date 2018-08-23 " before the first sentence,
and pages whose lines end in a table's " |".
"""

from __future__ import annotations

import re

import ftfy

# Big5 / GB2312 punctuation with lead byte 0xA1: second byte -> the character it stands for.
# Where the two tables differ, the one that is punctuation in an English text is kept.
_DOUBLE_BYTE = {
    0x41: ", ",  # Big5 ，
    0x43: ". ",  # Big5 。
    0x46: "; ",  # Big5 ；
    0x47: ": ",  # Big5 ：
    0x48: "? ",  # Big5 ？
    0x49: "! ",  # Big5 ！
    0x4B: "\u2026",  # Big5 …
    0x56: "\u2013",  # Big5 –
    0x5D: "(",  # Big5 （
    0x5E: ")",  # Big5 ）
    0xA5: "\u2018",  # Big5 ‘
    0xA6: "\u2019",  # Big5 ’
    0xA7: "\u201c",  # Big5 “
    0xA8: "\u201d",  # Big5 ”
    0xAA: "\u2014",  # GB2312 ―
    0xAD: "\u2026",  # GB2312 …
    0xAE: "\u2018",  # GB2312 ‘
    0xAF: "\u2019",  # GB2312 ’
    0xB0: "\u201c",  # GB2312 “
    0xB1: "\u201d",  # GB2312 ”
}
_WESTERN = ("latin-1", "cp1252", "cp1250", "iso-8859-2")


def _double_byte_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for codec in _WESTERN:
        lead = bytes([0xA1]).decode(codec)
        for second, meant in _DOUBLE_BYTE.items():
            try:
                table[lead + bytes([second]).decode(codec)] = meant
            except UnicodeDecodeError:
                continue
    return table


_TABLE = _double_byte_table()
_LEADS = "".join(sorted({k[0] for k in _TABLE}))
_DOUBLE = re.compile("|".join(re.escape(k) for k in sorted(_TABLE, key=len, reverse=True)))
# a two-byte character read as Latin-1 or cp1250: a hyphen between letters, else nothing
_LOST_HYPHEN = re.compile(r"(?<=[A-Za-z])(?:ýÿ|ý˙)(?=[A-Za-z])")
_LOST_PAIR = re.compile(r"(?:ýÿ|ý˙)+")
# "â" / "ã" (the first byte of a three-byte character whose other bytes were lost) opening a line
_LOST_LEAD = re.compile(r"(?m)^([ \t]*)[âã]+(?=[A-Z\"'“‘(])")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_UTF8_AS_WESTERN = re.compile(
    "Â |[ÂÃâÅÄÆÐÑ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)
_DATE_RESIDUE = re.compile(r"^(\s*)date \d{4}-\d{2}-\d{2}\s+(?=\S)")
_BAR_RESIDUE = re.compile(r"(?m)(?<=\S)[ \t]+\|[ \t]*$")


def repair_text(text: str) -> str:
    """The text with mis-decoded characters put back and page residue removed (see the module)."""
    if text.isascii():
        return _residue(text) if ("date " in text[:40] or "|" in text) else text
    if _UTF8_AS_WESTERN.search(text):
        text = ftfy.fix_encoding(text).replace("\u00a0", " ")
    if any(c in text for c in _LEADS):
        text = _DOUBLE.sub(lambda m: _meant(m, text), text)
    if "ý" in text:
        text = _LOST_PAIR.sub("", _LOST_HYPHEN.sub("-", text))
    if "â" in text or "ã" in text:
        text = _LOST_LEAD.sub(r"\1", text)
    text = _ZERO_WIDTH.sub("", text)
    return _residue(text)


def _meant(m: re.Match, text: str) -> str:
    """The character a mis-decoded pair stands for; a full-width comma or colon carries its space,
    unless a space or the end of a line follows already."""
    meant = _TABLE[m.group()]
    if meant.endswith(" ") and (m.end() == len(text) or text[m.end()].isspace()):
        return meant[:-1]
    return meant


def _residue(text: str) -> str:
    text = _DATE_RESIDUE.sub(r"\1", text, count=1)
    return _BAR_RESIDUE.sub("", text) if "|" in text else text
