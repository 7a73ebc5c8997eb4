"""Pages copied as plain text (select-all, copy, paste into a ``.txt`` file).

A copied page keeps the site's chrome: the date the reader's browser showed, the
headline repeated two or three times, "2 mins read", share buttons, the comment form and
teasers of other stories. :func:`parse_text` keeps the article: its title, publication
date, authors and body.

Rules (general, not tuned to one site):

* **Title**: the first headline-like line near the top (3 to 30 words, no full stop at
  the end). Short lines before it (site or section names) and its later repeats are chrome.
  A text whose first line is prose has no title.
* **Dates** are read in English (``December 29, 2025``, ``29 Dec 2025``), Russian and
  Ukrainian (``29 декабря 2025 г.``, ``29 грудня 2025``), ISO (``2025-12-29T10:00Z``) and
  ``dd.mm.yyyy`` forms, with an optional time and zone (UTC when none is given). A date
  line *above* the title is the day the page was viewed (sites print "today" there), so it
  is never taken as the publication date; the first date line between the title and the
  body is. "Updated ..." / "Обновлено ..." lines give ``modified``.
* **Body**: every line from the first line that is not header material, one paragraph per
  line, joined by a blank line. Hard-wrapped lines (a line without closing punctuation
  followed by one starting in lower case) are joined back. The article's own subheadings
  are kept as paragraphs of their own: they are text the outlet published (and often frame
  the story, e.g. "Accusations without evidence ..."), and keeping them keeps the body
  in the order the reader saw it.
* **Chrome removed anywhere**: repeats of the title, read-time lines, share/social lines,
  comment-form boilerplate, "Advertisement", cookie notices, photo credits, breadcrumbs,
  "Read more: ..." one-liners, bare date lines and URL lines.
* **Footer cut**: everything after an end-of-article marker ("Leave a Reply", "Comments",
  "Don't Miss", "Most popular", "You may also like", "Tags:", "Самое читаемое", ...). A
  softer marker ("Related", "Read more", "See also", "Читайте также") ends the article
  when it comes in the last third of the body or no prose follows it; earlier, it and the
  teaser headlines under it are dropped and the article continues.
* **URL**: a labelled line (``Source: https://...``, ``URL:``, ``Источник:``) anywhere, or
  a bare URL as one of the first or last three lines, becomes ``url`` and so the
  ``article_id``; otherwise the id is a hash of the title and text.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from collections.abc import Iterable
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm.auto import tqdm

from ..limits import DEFAULT_TIME_LIMIT, Bounded
from ..schema import sha256_hex
from .common import MAX_TEXT_CHARS, article_row, error_row, to_frame

__all__ = ["parse_text", "from_text", "parse_date", "detect_language", "decode_text",
           "source_id",
           "MAX_TEXT_BYTES"]

#: Largest ``.txt`` file read (bytes). A copied page is rarely above 200 kB.
MAX_TEXT_BYTES = 8_000_000
EXTRACTOR = "toolkit.text"
SOURCE_KIND = "text"

_SCAN = 300  # lines longer than this are never dates, bylines or chrome
_HEADER_LINES = 30  # how far down the title and its date are looked for

# --- dates ------------------------------------------------------------------

_EN_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_RU_MONTHS = {
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
    "январь": 1, "февраль": 2, "март": 3, "апрель": 4, "май": 5, "июнь": 6, "июль": 7,
    "август": 8, "сентябрь": 9, "октябрь": 10, "ноябрь": 11, "декабрь": 12,
    "янв": 1, "фев": 2, "февр": 2, "мар": 3, "апр": 4, "июн": 6, "июл": 7, "авг": 8,
    "сен": 9, "сент": 9, "окт": 10, "ноя": 11, "нояб": 11, "дек": 12,
}
_UK_MONTHS = {
    "січня": 1, "лютого": 2, "березня": 3, "квітня": 4, "травня": 5, "червня": 6,
    "липня": 7, "серпня": 8, "вересня": 9, "жовтня": 10, "листопада": 11, "грудня": 12,
    "січень": 1, "лютий": 2, "березень": 3, "квітень": 4, "травень": 5, "червень": 6,
    "липень": 7, "серпень": 8, "вересень": 9, "жовтень": 10, "листопад": 11, "грудень": 12,
}
_MONTHS = {**_EN_MONTHS, **_RU_MONTHS, **_UK_MONTHS}
_MONTH_RE = "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True))
_EN_MONTH_RE = "|".join(sorted(map(re.escape, _EN_MONTHS), key=len, reverse=True))

_ZONES = {
    "utc": 0, "gmt": 0, "z": 0, "bst": 60, "cet": 60, "cest": 120, "eet": 120, "eest": 180,
    "msk": 180, "мск": 180, "est": -300, "edt": -240, "cst": -360, "cdt": -300,
    "pst": -480, "pdt": -420,
}
_TIME = (
    r"(?:[,\s]*(?:at|в|о|um|à)?\s*(?P<hh>\d{1,2})[:.](?P<mi>\d{2})(?::(?P<ss>\d{2}))?"
    r"(?:\.\d+)?\s*(?P<ampm>[ap]\.?m\.?)?"
    r"\s*\(?(?P<tz>utc|gmt|z|bst|cest|cet|eest|eet|msk|мск|est|edt|cst|cdt|pst|pdt)?"
    r"\s*(?P<off>[+-]\d{1,2}(?::?\d{2})?)?\)?)?"
)
_DATE_RES = [
    re.compile(
        r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
        r"(?:[T ](?P<hh>\d{1,2}):(?P<mi>\d{2})(?::(?P<ss>\d{2}))?(?:\.\d+)?\s*"
        r"(?P<tz>z|utc|gmt)?(?P<off>[+-]\d{2}:?\d{2})?)?(?!\d)",
        re.I,
    ),
    re.compile(
        r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?:\s*(?:г\.|года|р\.))?"
        + _TIME,
        re.I,
    ),
    re.compile(
        rf"(?<![^\W\d_])(?P<mon>{_EN_MONTH_RE})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
        rf"(?P<y>\d{{4}})(?!\d)" + _TIME,
        re.I,
    ),
    re.compile(
        rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH_RE})\.?,?\s+"
        rf"(?P<y>\d{{4}})(?!\d)(?:\s*(?:г\.|года|року|р\.))?" + _TIME,
        re.I,
    ),
    re.compile(  # unambiguous slashes only: 29/12/2025 or 12/29/2025
        r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?![\d/])" + _TIME,
        re.I,
    ),
]


def _offset_minutes(tz: str | None, off: str | None) -> int:
    minutes = _ZONES.get((tz or "").lower(), 0)
    if off:
        sign = -1 if off[0] == "-" else 1
        digits = off[1:].replace(":", "")
        hh, mm = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "0")
        minutes += sign * (int(hh) * 60 + int(mm))
    return minutes


def _match_to_ts(m: re.Match) -> pd.Timestamp | None:
    g = m.groupdict()
    year = int(g["y"])
    if g.get("mon"):
        month = _MONTHS[g["mon"].lower()]
        day = int(g["d"])
    elif g.get("a"):
        a, b = int(g["a"]), int(g["b"])
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a:
            month, day = a, b
        else:
            return None  # 05/06/2025: day-first or month-first? not guessed
    else:
        month, day = int(g["m"]), int(g["d"])
    hour = int(g["hh"]) if g.get("hh") else 0
    minute = int(g["mi"]) if g.get("mi") else 0
    second = int(g["ss"]) if g.get("ss") else 0
    ampm = (g.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if not 1900 <= year <= 2100:
        return None
    try:
        when = dt.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    when -= dt.timedelta(minutes=_offset_minutes(g.get("tz"), g.get("off")))
    return pd.Timestamp(when, tz="UTC")


def _find_date(s: str) -> tuple[pd.Timestamp, re.Match] | None:
    for rx in _DATE_RES:
        for m in rx.finditer(s):
            ts = _match_to_ts(m)
            if ts is not None:
                return ts, m
    return None


def parse_date(value: Any, *, lenient: bool = False) -> pd.Timestamp | None:
    """A date in a string (English, Russian, Ukrainian, ISO, dd.mm.yyyy) as a UTC timestamp.

    Times without a zone are taken as UTC. With ``lenient``, strings none of these forms
    match are handed to pandas (RFC 2822, ``Dec 29 2025``, ...); ``None`` when unreadable.
    """
    if value is None:
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        ts = pd.Timestamp(value)
        return ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
    s = str(value).strip()[:_SCAN]
    if not s:
        return None
    found = _find_date(s)
    if found:
        return found[0]
    if lenient:
        try:
            ts = pd.to_datetime(s, utc=True, errors="coerce", format="mixed")
        except (ValueError, TypeError, OverflowError):
            return None
        if ts is not None and not pd.isna(ts) and 1900 <= ts.year <= 2100:
            return ts
    return None


# --- line classes -----------------------------------------------------------

_WEEKDAYS = (
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|"
    r"thurs|fri|sat|sun|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|"
    r"понеділок|вівторок|середа|четвер|п'ятниця|п’ятниця|субота|неділя|"
    r"пн|вт|ср|чт|пт|сб|вс|нд"
)
_PUBLISHED_LABEL = re.compile(
    r"^\s*(?:published|posted|first published|date|опубликовано|дата публикации|"
    r"опубліковано|дата публікації)\b", re.I)
_MODIFIED_LABEL = re.compile(
    r"^\s*(?:updated|last updated|modified|обновлено|обновлён|оновлено)\b", re.I)
_DATE_FILLER = re.compile(
    rf"\b(?:{_WEEKDAYS})\b|\b(?:published|posted|first|last|updated|modified|date|on|at|"
    r"опубликовано|дата|публикации|обновлено|обновлён|опубліковано|публікації|оновлено|"
    r"года|року|г|р|в|о|time|hrs|local)\b",
    re.I,
)
_READ_TIME = re.compile(
    r"^(?:(?:reading time|read time|время чтения|час читання)\s*:?\s*)?"
    r"(?:~\s*)?\d{1,3}(?:\s*[-–]\s*\d{1,3})?\s*"
    r"(?:mins?\.?|minutes?|мин\.?|минут[аы]?|хв\.?|хвилин[аи]?)\s*"
    r"(?:read|reading|to read|чтения|на чтение|читання)?$",
    re.I,
)
_READ_TIME_PREFIX = re.compile(r"^(?:reading time|read time|время чтения|час читання)\b", re.I)
_BYLINE = re.compile(
    r"^(?:by|written by|words by|author|authors|автор|авторы|текст|автор статті|автори)"
    r"\s*:?\s+(?P<names>.{2,150})$",
    re.I,
)
_NAME_PARTICLES = {"de", "da", "van", "von", "der", "den", "bin", "al", "del", "la", "le", "di"}
_SPLIT_NAMES = re.compile(r"\s*(?:,|;|&|\band\b|\bи\b|\bі\b|\bта\b)\s*", re.I)

_CHROME = re.compile(
    r"^(?:"
    # share and social buttons
    r"share|share this|share this (?:article|story|post)|share on \w+|share via \w+|"
    r"tweet|facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|email|e-mail|"
    r"print|copy link|copy|link copied|vk|вконтакте|одноклассники|поделиться|поделитесь|"
    r"поширити|follow us(?: on .{1,40})?|подписывайтесь(?: на .{1,60})?|"
    r"subscribe(?: to .{1,60})?|sign up(?: for .{1,60})?|"
    # comment form
    r"leave a reply|leave a comment|post comment|cancel reply|submit|comment|comments|"
    r"your email address will not be published\.?(?: required fields are marked \*?)?|"
    r"required fields are marked \*?|name\s*\*?|email\s*\*?|website|"
    r"save my name, email, and website in this browser for the next time i comment\.?|"
    r"\d+\s+comments?|комментарии|оставьте комментарий|добавить комментарий|коментарі|"
    # advertising and navigation
    r"advertisement|advertising|sponsored|sponsored content|ad|реклама|"
    r"scroll to continue(?: with content)?|skip to (?:main )?content|back to top|"
    r"home|menu|search|log in|login|sign in|главная|меню|поиск|головна|"
    r"listen to (?:this )?article|listen|audio|play|слушать|"
    r"\d{1,2}:\d{2}"
    r")\s*[.:!]?$",
    re.I,
)
_CHROME_PREFIX = re.compile(
    r"^(?:(?:photo|image|picture|illustration|фото|иллюстрация|ілюстрація)"
    r"\s*(?::|©|by\b)|©|copyright\b|all rights reserved|все права защищены|"
    r"home\s*[>/»›]|главная\s*[>/»›]|головна\s*[>/»›]|tags?\s*:|теги\s*:|теґи\s*:|"
    r"(?:read more|read also|also read|read next|related|see also|more on this|"
    r"читайте также|смотрите также|по теме|читайте також|дивіться також)"
    r"\s*[:>»|-]\s*\S)",
    re.I,
)
_COOKIE = re.compile(r"\bcookies?\b|\bфайлы cookie\b|\bкуки\b", re.I)
_COOKIE_CONTEXT = re.compile(
    r"\b(?:accept|we use|this (?:site|website) uses|consent|policy|settings|preferences|"
    r"используем|использует|соглашаетесь|принять|використовує)\b", re.I)

_END_MARKERS = re.compile(
    r"^(?:leave a reply|leave a comment|comments|\d+\s+comments?|"
    r"your email address will not be published.*|don'?t miss|do not miss|must read|"
    r"most popular|most read|popular|trending|trending now|latest news|"
    r"you may also like|you might also like|more stories|more news|recommended|"
    r"recommended for you|related articles|related stories|related posts|related news|"
    r"more from .{1,40}|editor'?s picks|tags?|"
    r"комментарии|самое читаемое|самое популярное|популярное|не пропустите|новости партнеров|"
    r"новости партнёров|материалы по теме|последние новости|теги|"
    r"коментарі|найпопулярніше|не пропустіть|останні новини|теґи)\s*[.:!]?$",
    re.I,
)
_SOFT_MARKERS = re.compile(
    r"^(?:related|related content|read more|read also|also read|read next|see also|"
    r"more on this(?: story)?|читайте также|смотрите также|по теме|еще по теме|ещё по теме|"
    r"читайте також|дивіться також|по темі)\s*[.:!]?$",
    re.I,
)
_URL_LINE = re.compile(
    r"^(?:(?:source|url|link|original(?: url| article)?|permalink|источник|ссылка|"
    r"джерело|посилання)\s*:?\s*)?<?(?P<url>https?://[^\s<>\"']{3,2000}?)>?$",
    re.I,
)
_URL_LABELLED = re.compile(r"^\s*[^\s:]+(?:\s[^\s:]+)?\s*:?\s*<?https?://", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200e\u200f\ufeff]")
_WORD = re.compile(r"\w", re.U)
_NAV_SPLIT = re.compile(r"\s*[|›»>•·/]\s*")
_TERMINAL = tuple(".!?…:;\"”»)’'")


def _norm(s: str) -> str:
    """Comparison key: case-folded, one kind of quote and dash, single spaces."""
    s = s.casefold().translate(str.maketrans("’‘`´“”«»–—", "''''''''--"))
    return " ".join(s.split())


def _words(s: str) -> int:
    return len(s.split())


def _is_prose(line: str) -> bool:
    n = _words(line)
    return n >= 25 or (n >= 8 and line.rstrip().endswith(_TERMINAL))


def _is_headline(line: str) -> bool:
    n = _words(line)
    return (
        3 <= n <= 30
        and len(line) <= 250
        and not line.rstrip().endswith((".", ",", ";", ":"))
        and bool(_WORD.search(line))
        and not _URL_LINE.match(line)
    )


def _is_chrome(line: str) -> bool:
    if len(line) > _SCAN:
        return False
    if _CHROME.match(line) or _CHROME_PREFIX.match(line) or _READ_TIME.match(line):
        return True
    if _READ_TIME_PREFIX.match(line) and _words(line) <= 6:
        return True
    if _COOKIE.search(line) and _COOKIE_CONTEXT.search(line):
        return True
    items = [p for p in _NAV_SPLIT.split(line) if p.strip()]
    if len(items) >= 3 and all(_words(p) <= 3 for p in items):
        return True  # a menu or breadcrumb: "World | Europe | Ukraine"
    return not _WORD.search(line)  # lines of only punctuation or symbols


def _date_line(line: str) -> tuple[pd.Timestamp, str] | None:
    """``(timestamp, 'published' | 'modified' | 'plain')`` when the whole line is a date."""
    if len(line) > _SCAN:
        return None
    found = _find_date(line)
    if not found:
        return None
    ts, m = found
    rest = line[: m.start()] + " " + line[m.end():]
    rest = _DATE_FILLER.sub(" ", rest)
    if re.search(r"[^\W_]", rest):  # letters or digits left: a sentence mentioning a date
        return None
    if _MODIFIED_LABEL.match(line):
        return ts, "modified"
    if _PUBLISHED_LABEL.match(line):
        return ts, "published"
    return ts, "plain"


def _byline(line: str) -> list[str] | None:
    """Names in a byline ("By A and B", "Автор: Иван Петров"), else ``None``."""
    if len(line) > 200:
        return None
    m = _BYLINE.match(line.strip())
    if not m:
        return None
    names = []
    for part in _SPLIT_NAMES.split(m.group("names")):
        part = part.strip(" .")
        words = part.split()
        if not part:
            continue
        if not 1 <= len(words) <= 5:
            return None
        if not all(w[0].isupper() or w.lower() in _NAME_PARTICLES for w in words):
            return None
        names.append(part)
    return names or None


def _meta_line(line: str) -> dict | None:
    """Read a header line made only of dates, bylines and read times (``|`` or ``•`` apart)."""
    if len(line) > _SCAN:
        return None
    parts = [p.strip() for p in re.split(r"\s+[|•·/]\s+|\s+[—–-]\s+|\s*\|\s*", line) if p.strip()]
    if not parts:
        return None
    meta: dict[str, Any] = {"dates": [], "authors": []}
    for part in parts:
        d = _date_line(part)
        if d:
            meta["dates"].append(d)
            continue
        names = _byline(part)
        if names:
            meta["authors"].extend(names)
            continue
        if _READ_TIME.match(part) or (_READ_TIME_PREFIX.match(part) and _words(part) <= 6):
            continue
        return None
    return meta


def _repeated_headline(head: list[str]) -> str | None:
    """The key of the first headline-like line shown twice before the first prose line.

    Copied pages often carry the headline two or three times (page title, heading, share
    card); a repeated line is the headline even when a kicker or section label precedes it.
    """
    seen: set[str] = set()
    for ln in head:
        if _is_prose(ln):
            break
        if _is_headline(ln) and not _is_chrome(ln) and _meta_line(ln) is None:
            key = _norm(ln)
            if key in seen:
                return key
            seen.add(key)
    return None


def _url_of(line: str) -> str | None:
    if len(line) > 2100:
        return None
    m = _URL_LINE.match(line)
    return m.group("url").rstrip(").,;") if m else None


# --- parsing ----------------------------------------------------------------


def _lines(raw: str) -> list[str]:
    """Non-blank lines, with hard-wrapped prose joined back into its paragraph."""
    paras: list[list[str]] = []
    joinable = False  # the previous line continues into this one when it starts lower case
    words = 0  # words in the paragraph being built
    for ln in raw.split("\n"):
        ln = " ".join(ln.split())
        if not ln:
            joinable = False
            continue
        n = _words(ln)
        if joinable and paras and ln[0].islower():
            paras[-1].append(ln)
            words += n
        else:
            paras.append([ln])
            words = n
        joinable = not ln.endswith(_TERMINAL) and words >= 6
    return [" ".join(p) for p in paras]


@lru_cache(maxsize=1)
def _langid() -> Any:
    import py3langid

    return py3langid


def detect_language(title: str | None, body: str | None) -> str | None:
    """ISO 639-1 code from py3langid, ``None`` for fewer than 20 letters of text."""
    sample = f"{title or ''}\n{body or ''}"[:3000]
    if len(_WORD.findall(sample)) < 20:
        return None
    lang, _score = _langid().classify(sample)
    return str(lang)


def source_id(source: str) -> str:
    """Article id of a row without text or URL: a hash of the input's name, so that rows
    for different bad inputs do not collide."""
    return sha256_hex("source:" + str(source))[:16]


def _looks_like_html(raw: str) -> bool:
    head = raw.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or (
        head.startswith("<") and "<body" in raw[:5000].lower()
    )


def parse_text(raw: str | bytes, name: str | None = None) -> dict:
    """One page copied as plain text -> an article row (see the module notes for the rules).

    ``name`` (a path, usually) becomes ``source`` and is named in any ``status_detail``.
    Never raises for odd input: an unusable text gives a row with status ``empty``.
    """
    source = str(name) if name is not None else "<text>"
    notes: list[str] = []
    if isinstance(raw, bytes | bytearray):
        decoded, how = decode_text(bytes(raw[: MAX_TEXT_BYTES]))
        if decoded is None:
            return article_row(source=source, source_kind=SOURCE_KIND, extractor=EXTRACTOR,
                               article_id=source_id(source), status="error",
                               status_detail=f"{source}: {how}")
        raw = decoded
    elif not isinstance(raw, str):
        raw = "" if raw is None else str(raw)
    if len(raw) > MAX_TEXT_CHARS:
        raw = raw[:MAX_TEXT_CHARS]
        notes.append(f"text cut at {MAX_TEXT_CHARS:,} characters")
    raw = _CONTROL.sub("", raw.replace("\r\n", "\n").replace("\r", "\n"))
    base = {"source": source, "source_kind": SOURCE_KIND, "extractor": EXTRACTOR}
    no_text_id = {"article_id": source_id(source)}
    if _looks_like_html(raw):
        return article_row(
            **base, **no_text_id, status="not_article",
            status_detail=f"{source}: this is HTML, not copied text; load it with from_html",
        )
    lines = _lines(raw)

    # URL: a labelled line anywhere, or a bare URL among the first or last three lines.
    url = None
    keep: list[str] = []
    for i, ln in enumerate(lines):
        u = _url_of(ln)
        if u is None:
            keep.append(ln)
            continue
        labelled = bool(_URL_LABELLED.match(ln)) and not ln.lower().startswith("http")
        if url is None and (labelled or i < 3 or i >= len(lines) - 3):
            url = u
    if not keep and len(lines) >= 2:
        return article_row(
            **base, **no_text_id, status="not_article",
            status_detail=f"{source}: a list of URLs, not copied text; load it with from_urls",
        )
    lines = keep

    title: str | None = None
    published: pd.Timestamp | None = None
    modified: pd.Timestamp | None = None
    authors: list[str] = []
    above_title: list[pd.Timestamp] = []

    def take_meta(meta: dict, before_title: bool) -> None:
        nonlocal published, modified
        authors.extend(a for a in meta["authors"] if a not in authors)
        for ts, kind in meta["dates"]:
            if kind == "modified":
                modified = modified or ts
            elif kind == "published" or not before_title:
                published = published or ts
            else:
                above_title.append(ts)

    # Header, part 1: up to the title.
    i, n = 0, len(lines)
    limit = min(n, _HEADER_LINES)
    repeated = _repeated_headline(lines[:limit])
    while i < limit:
        ln = lines[i]
        meta = _meta_line(ln)
        if meta is not None:
            take_meta(meta, before_title=True)
        elif _is_chrome(ln):
            pass
        elif _is_headline(ln) and repeated is not None and _norm(ln) != repeated:
            pass  # a section label or kicker above the headline that the page repeats
        elif _is_headline(ln):
            title = ln
            i += 1
            break
        elif _words(ln) < 3 and not ln.endswith(_TERMINAL):
            pass  # site or section name above the headline
        else:
            break  # prose: the text starts without a title
        i += 1
    if title is None:
        # No headline: the header lines were skipped; a date above the body is its date.
        published = published or (above_title[0] if above_title else None)
        above_title = []
        i = next((k for k in range(min(i, n)) if not (
            _meta_line(lines[k]) is not None or _is_chrome(lines[k])
            or (_words(lines[k]) < 3 and not lines[k].endswith(_TERMINAL)))), i)
    title_key = _norm(title) if title else None

    # Header, part 2: dates, bylines, read times and title repeats under the title. Up to
    # three headline-like lines (a standfirst) may sit among them; they stay in the body.
    consumed: set[int] = set()
    first_kept: int | None = None
    kept = 0
    while i < n and title is not None:
        ln = lines[i]
        if _norm(ln) == title_key:
            i += 1
            continue
        meta = _meta_line(ln)
        if meta is not None:
            take_meta(meta, before_title=False)
            consumed.add(i)
        elif _is_chrome(ln):
            pass
        elif _is_headline(ln) and kept < 3 and i < _HEADER_LINES:
            first_kept = i if first_kept is None else first_kept
            kept += 1
        else:
            break
        i += 1
    if (first_kept is not None and kept == 1 and title is not None and _words(title) <= 4
            and _words(lines[first_kept]) > _words(title) and any(c > first_kept for c in consumed)):
        # "Ukraine war live" / "Headline" / "29 December 2025": the short line was a kicker.
        title = lines[first_kept]
        title_key = _norm(title)
        consumed.add(first_kept)
    elif first_kept is not None:
        i = first_kept
    if above_title:
        notes.append(
            "date above the title taken as the day the page was viewed, not published: "
            + ", ".join(ts.strftime("%Y-%m-%d") for ts in above_title)
        )

    # Body.
    body: list[str] = []
    start = i
    span = max(n - start, 1)
    j = start
    while j < n:
        ln = lines[j]
        short = len(ln) <= _SCAN
        end = short and bool(_END_MARKERS.match(ln))
        if end and body:
            notes.append(f"footer cut at {ln[:40]!r}")
            break
        # A soft marker, or an end marker before any body (a sidebar above the article):
        # drop it and the teaser headlines under it, unless nothing but teasers follows.
        if end or (short and _SOFT_MARKERS.match(ln)):
            rest = lines[j + 1:]
            if (body and (j - start) >= 2 * span / 3) or not any(_is_prose(r) for r in rest):
                notes.append(f"footer cut at {ln[:40]!r}")
                break
            j += 1
            while j < n and not _is_prose(lines[j]):
                j += 1  # teaser headlines under the marker
            continue
        j += 1
        if j - 1 in consumed or (title_key and _norm(ln) == title_key):
            continue
        if short and (_is_chrome(ln) or _date_line(ln) or _byline(ln)):
            continue
        if body and body[-1] == ln:
            continue
        body.append(ln)
    text = "\n\n".join(body)
    status_detail = None
    status = None
    if not text:
        status = "empty"
        base.update(no_text_id)
        notes.insert(0, "no article text found" if raw.strip() else "the text is empty")
    if notes:
        status_detail = f"{source}: " + "; ".join(notes)
    return article_row(
        **base,
        url=url,
        title=title,
        text=text,
        published=published,
        modified=modified,
        authors=authors,
        language=detect_language(title, text),
        status=status,
        status_detail=status_detail,
    )


# --- files ------------------------------------------------------------------

_MAGIC = {
    b"%PDF": "a PDF",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"PK\x03\x04": "a ZIP archive (or .docx/.xlsx)",
    b"\x1f\x8b": "gzip data",
    b"RIFF": "a RIFF media file",
    b"\xd0\xcf\x11\xe0": "an old Office document",
    b"{\\rtf": "an RTF document",
}
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def decode_text(data: bytes) -> tuple[str | None, str]:
    """Text and its encoding (BOM, UTF-8, else detected), or ``(None, reason)`` for binary data."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return None, f"binary file ({what}), not copied text"
    head = data[:65536]
    if head.count(b"\x00") > max(2, len(head) // 100):
        return None, "binary file (NUL bytes), not copied text"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        return None, "binary or undecodable bytes, not copied text"
    text = data.decode(best.encoding, errors="replace")
    controls = sum(1 for c in text[:20000] if c < " " and c not in "\n\r\t")
    if controls > max(2, len(text[:20000]) // 50):
        return None, "binary data (control characters), not copied text"
    return text, best.encoding


def _error(name: str, detail: str, status: str = "error") -> dict:
    return error_row(name, SOURCE_KIND, detail, status=status, article_id=source_id(name))


def _read_file(path: Path, max_bytes: int) -> dict:
    name = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        return _error(name, f"cannot read the file ({exc.strerror or exc}); "
                      "check the path and permissions")
    if size > max_bytes:
        return _error(
            name,
            f"file is {size:,} bytes, over the {max_bytes:,}-byte limit for copied text; "
            "split it or pass a larger max_bytes",
        )
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        return _error(name, f"cannot read the file ({exc.strerror or exc}); "
                      "check the path and permissions")
    if not data.strip():
        return _error(name, "the file is empty", status="empty")
    text, how = decode_text(data)
    if text is None:
        return _error(name, how + "; save the page's text as a .txt file")
    row = parse_text(text, name=name)
    row["source"] = name
    return row


def _expand(paths: str | Path | Iterable[str | Path]) -> list[Path]:
    if isinstance(paths, str | Path):
        paths = [paths]
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*.txt") if q.is_file()))
        else:
            out.append(p)
    return out


def from_text(paths: str | Path | Iterable[str | Path], progress: bool = True, *,
              max_bytes: int = MAX_TEXT_BYTES,
              time_limit: float | None = DEFAULT_TIME_LIMIT) -> pd.DataFrame:
    """Copied page texts (``.txt`` files, or folders searched for them) -> articles table.

    One row per file, ``source`` = the path, ``source_kind="text"``. Files that are missing,
    unreadable, binary, empty or over ``max_bytes`` become rows with a status and a reason
    naming the file. Each file may take at most ``time_limit`` seconds (read in a worker
    process, see :mod:`toolkit.limits`; ``None``: no limit, read in this process).
    """
    files = _expand(paths)
    rows = []
    if files and time_limit is not None:
        detect_language("Warm up", "Load the language model before forking a worker.")
    read = partial(_read_file, max_bytes=max_bytes)
    with Bounded(read, time_limit) as bounded:
        for path in tqdm(files, desc="copied texts", unit="file", disable=not progress):
            try:
                rows.append(bounded(path))
            except Exception as exc:  # one bad file never sinks a batch
                rows.append(_error(str(path), f"{type(exc).__name__}: {exc}"))
    return to_frame(rows)
