"""One HTML page -> article fields: body text, title, dates, authors, language, status.

Body text comes from paragraph-level agreement between extractors. trafilatura and
readability-lxml run on every page; when their outputs agree (>= ``AGREEMENT`` of
their 4-word shingles shared both ways) the trafilatura paragraphs that readability
also found are kept. When they disagree, newspaper4k's body extractor (without its
author/date/image steps) is asked too and the three vote: a newspaper4k paragraph is
kept when at least one other extractor found it, and a paragraph both others found
but newspaper4k missed is added. So the slowest extractor runs only on the pages
where it can change the answer; see ``benchmarks/extraction.py`` for figures.
"""

from __future__ import annotations

import copy
import datetime
import html as html_lib
import json
import logging
import re
import warnings
from collections import Counter
from collections.abc import Iterable
from typing import Any

import lxml.etree
import lxml.html
import pandas as pd

from .common import MAX_HTML_BYTES
from .decode import decode_html, normalize_encoding

log = logging.getLogger(__name__)

#: Share of shingles two extractors must share (both ways) to skip the third one.
AGREEMENT = 0.95
#: A paragraph counts as found by another extractor when this share of its shingles is there.
SUPPORT = 0.5
#: Pages above these sizes are "heavy": the extractors (whose time can grow faster than the
#: page) are skipped and the text of the main container is taken instead. News pages on the
#: benchmark have at most ~1,500 elements and 1.5 MB.
HEAVY_CHARS = 3_000_000
HEAVY_ELEMENTS = 15_000
HEAVY_TEXT_CHARS = 400_000
#: Body shorter than this (words) with paywall or consent markers -> ``paywalled``.
TEASER_WORDS = 250

_WORD = re.compile(r"\w+")
_WS = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]{0,200}\?>", re.I)
#: A start tag longer than this (characters) keeps only its name: libxml2 compares an
#: element's attributes pairwise, so one tag with 50,000 attributes takes minutes to parse.
MAX_TAG_CHARS = 20_000
# the name must end at a space, so a failed match never rescans: linear on any input
_MONSTER_TAG = re.compile(rf"<([A-Za-z][\w:.-]{{0,60}})\s[^<>]{{{MAX_TAG_CHARS},}}>")

# --------------------------------------------------------------------------- body


def _paras(text: str | None) -> list[str]:
    return [p.strip() for p in (text or "").split("\n") if p.strip()]


def _shingles(tokens: list[str]) -> list[tuple[str, ...]]:
    if not tokens:
        return []
    if len(tokens) < 4:
        return [tuple(tokens)]
    return [tuple(tokens[i:i + 4]) for i in range(len(tokens) - 3)]


def _shingle_set(text: str | None) -> set[tuple[str, ...]]:
    out: set[tuple[str, ...]] = set()
    for p in _paras(text):
        out.update(_shingles(_WORD.findall(p)))
    out.update(_shingles(_WORD.findall(text or "")))  # shingles across paragraph breaks
    return out


def _support(paragraph: str, found: set[tuple[str, ...]]) -> float:
    sh = _shingles(_WORD.findall(paragraph))
    if not sh:
        return 1.0
    return sum(1 for s in sh if s in found) / len(sh)


def agreement(a: str | None, b: str | None) -> float:
    """Share of 4-word shingles two texts have in common, the smaller of the two ways."""
    ca, cb = Counter(_shingles(_WORD.findall(a or ""))), Counter(_shingles(_WORD.findall(b or "")))
    if not ca or not cb:
        return 0.0
    common = sum((ca & cb).values())
    return min(common / sum(ca.values()), common / sum(cb.values()))


def vote(base: str, others: list[str], support: float = SUPPORT) -> str:
    """Paragraph-level majority vote.

    Keep each ``base`` paragraph that at least one of ``others`` also found; with two
    others, add the paragraphs of the first that the second found and ``base`` missed.
    """
    sets = [_shingle_set(o) for o in others]
    kept = [p for p in _paras(base) if any(_support(p, s) >= support for s in sets)]
    if len(others) >= 2:
        in_base = _shingle_set(base)
        for p in _paras(others[0]):
            if _support(p, in_base) < support and _support(p, sets[1]) >= support:
                kept.append(p)
    return "\n".join(kept)


_BLOCK_TAGS = frozenset(
    "p div li h1 h2 h3 h4 h5 h6 blockquote pre tr td th section article ul ol table dd dt "
    "figcaption header footer br aside figure main".split()
)
_SKIP_TAGS = frozenset(("script", "style", "noscript", "template"))
_CHROME_TAGS = _SKIP_TAGS | {"nav", "header", "footer", "aside", "form", "button", "select", "iframe"}


def block_text(node: lxml.html.HtmlElement, skip: frozenset[str] = _SKIP_TAGS) -> str:
    """Visible text of a node, one line per block element (iterative: deep trees are fine)."""
    parts: list[str] = []
    skip_depth = 0
    for event, el in lxml.etree.iterwalk(node, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in skip or skip_depth:
                skip_depth += 1
                continue
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            if el.text and isinstance(el.tag, str):
                parts.append(el.text)
        else:
            if skip_depth:
                skip_depth -= 1
                if skip_depth:
                    continue
            elif tag in _BLOCK_TAGS:
                parts.append("\n")
            if el.tail and el is not node:
                parts.append(el.tail)
    lines = (_WS.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def extract_trafilatura(html: str, url: str | None = None) -> str:
    """Body text by trafilatura (comments excluded)."""
    import trafilatura

    return trafilatura.extract(html, url=url, include_comments=False) or ""


def extract_readability(html: str, url: str | None = None) -> str:
    """Body text by readability-lxml, one line per block."""
    from readability import Document

    summary = Document(html).summary(html_partial=True)
    if not summary or not summary.strip():
        return ""
    return block_text(lxml.html.fromstring(summary))


def extract_newspaper(html: str, url: str | None = None) -> str:
    """Body text by newspaper4k's extractor only (no author/date/image work, no downloads).

    Raises ``ImportError`` on languages whose tokenizer extra is not installed
    (Japanese, Korean, Chinese...): callers fall back to the other extractors.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from newspaper import parsers
        from newspaper.cleaners import DocumentCleaner
        from newspaper.configuration import Configuration
        from newspaper.extractors import ContentExtractor
        from newspaper.languages import get_available_languages
        from newspaper.outputformatters import OutputFormatter

    cfg = Configuration()
    cfg.fetch_images = False
    doc = parsers.fromstring(html)
    if doc is None:
        return ""
    extractor = ContentExtractor(cfg)
    title = extractor.get_title(doc)
    lang = extractor.get_metadata(url or "", doc).get("language")
    if lang in get_available_languages():
        cfg.language = lang
        extractor = ContentExtractor(cfg)
    if extractor.calculate_best_node(doc) is None:
        return ""
    node = DocumentCleaner(cfg).clean(extractor.top_node_complemented)
    text, _ = OutputFormatter(cfg).get_formatted(node, title)
    return text or ""


def extract_main_text(tree: lxml.html.HtmlElement) -> str:
    """Linear-time fallback for heavy pages: text of the article container without page chrome."""
    for xpath in ("//*[@itemprop='articleBody']", "//article", "//main", "//body"):
        found = tree.xpath(xpath)
        if found:
            return block_text(found[0], _CHROME_TAGS)
    return block_text(tree, _CHROME_TAGS)


def _safe(fn: Any, html: str, url: str | None, notes: list[str]) -> str:
    try:
        return fn(html, url) or ""
    except Exception as exc:  # one extractor failing must not lose the page
        notes.append(f"{fn.__name__.removeprefix('extract_')} failed: {type(exc).__name__}")
        return ""


def extract_body(html: str, url: str | None = None, *, tree: lxml.html.HtmlElement | None = None,
                 heavy: bool = False) -> tuple[str, str, list[str]]:
    """Combined body text; returns ``(text, extractor label, notes)``.

    ``heavy`` pages (see ``HEAVY_ELEMENTS``) skip the extractors and take the text of
    the main container of ``tree``, so the time stays linear in the page size.
    """
    notes: list[str] = []
    if heavy:
        if tree is None:
            tree = lxml.html.fromstring(html)
        notes.append("very large page: main-container text, extractors skipped")
        return extract_main_text(tree), "fallback:main-container", notes
    t = _safe(extract_trafilatura, html, url, notes)
    r = _safe(extract_readability, html, url, notes)
    if t and r and agreement(t, r) >= AGREEMENT:
        text = vote(t, [r])
        if text:
            return text, "agree:trafilatura+readability", notes
    n = _safe(extract_newspaper, html, url, notes)
    if n and (t or r):
        text = vote(n, [t, r]) if t and r else vote(n, [t or r])
        if text:
            return text, "vote:newspaper4k+trafilatura+readability", notes
    if t and r:
        text = vote(t, [r])
        if text:
            return text, "agree:trafilatura+readability", notes
    for text, name in ((n, "newspaper4k"), (t, "trafilatura"), (r, "readability")):
        if text:
            return text, name, notes
    return "", "none", notes


# ----------------------------------------------------------------------- metadata

_ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "backgroundnewsarticle", "reviewnewsarticle", "blogposting", "liveblogposting", "socialmediaposting",
    "scholarlyarticle", "techarticle", "report",
}


_LISTING_TYPES = {"collectionpage", "itemlist", "searchresultspage"}


def _types(obj: dict) -> set[str]:
    t = obj.get("@type")
    items = t if isinstance(t, list) else [t]
    return {str(x).lower() for x in items if isinstance(x, str)}


def jsonld_objects(tree: lxml.html.HtmlElement, limit: int = 20) -> list[dict]:
    """Every JSON-LD object on the page (``@graph`` and lists flattened)."""
    out: list[dict] = []
    for script in tree.xpath('//script[contains(translate(@type,"LDJSON","ldjson"),"ld+json")]')[:limit]:
        raw = (script.text or "").strip()[:1_000_000]
        if not raw:
            continue
        try:
            data = json.loads(raw, strict=False)
        except (ValueError, RecursionError):  # invalid, or nested deeper than json can read
            continue
        stack = [data]
        while stack and len(out) < 200:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                out.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
                if isinstance(item.get("mainEntity"), dict):
                    stack.append(item["mainEntity"])
    return out


def _article_ld(objs: list[dict]) -> dict:
    for obj in objs:
        if _types(obj) & _ARTICLE_TYPES:
            return obj
    return {}


def meta_tags(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """``<meta>`` property/name/itemprop (lower-cased) -> first non-empty content."""
    out: dict[str, str] = {}
    for m in tree.iter("meta"):
        content = (m.get("content") or "").strip()
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = (m.get(attr) or "").strip().lower()
            if key and key not in out:
                out[key] = content[:2000]
    return out


def _text_of(el: Any) -> str:
    return re.sub(r"\s+", " ", el.text_content() if hasattr(el, "text_content") else str(el)).strip()


def _ld_str(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    return value.strip() if isinstance(value, str) and value.strip() else None


_SITE_SUFFIX = re.compile(r"\s+[|\-–—:·]\s+[^|\-–—:·]{2,60}$")


def page_title(tree: lxml.html.HtmlElement, meta: dict[str, str], ld: dict) -> str | None:
    """Headline: JSON-LD headline, og/twitter title, first ``<h1>``, else ``<title>`` without the site name."""
    for cand in (_ld_str(ld.get("headline")), meta.get("og:title"), meta.get("twitter:title")):
        if cand:
            return re.sub(r"\s+", " ", html_lib.unescape(cand)).strip()[:1000]
    h1 = tree.find(".//h1")
    if h1 is not None and _text_of(h1):
        return _text_of(h1)[:1000]
    t = tree.find(".//title")
    if t is not None and _text_of(t):
        title = _text_of(t)
        short = _SITE_SUFFIX.sub("", title)
        return (short if len(short) >= 15 else title)[:1000]
    return None


# -------------------------------------------------------------------------- dates

_TZINFOS = {
    "UTC": 0, "GMT": 0, "Z": 0, "BST": 3600, "CET": 3600, "CEST": 7200, "EET": 7200, "EEST": 10800,
    "MSK": 10800, "EST": -18000, "EDT": -14400, "CST": -21600, "CDT": -18000, "MST": -25200,
    "MDT": -21600, "PST": -28800, "PDT": -25200, "IST": 19800, "JST": 32400, "KST": 32400,
    "AEST": 36000, "AEDT": 39600,
}


def to_utc(value: Any) -> pd.Timestamp | None:
    """Parse a date string into a tz-aware UTC timestamp (UTC assumed when no zone is given)."""
    if value is None:
        return None
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    if not isinstance(value, str):
        return None
    s = value.strip()[:100]
    if not s or not re.search(r"\d", s):
        return None
    ts = None
    try:
        ts = pd.Timestamp(s)
    except (ValueError, OverflowError, TypeError):
        try:
            from dateutil import parser as du

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ts = pd.Timestamp(du.parse(s, tzinfos=_TZINFOS))
        except (ValueError, OverflowError, TypeError, LookupError, du.ParserError):
            return None
    if ts is None or pd.isna(ts):
        return None
    ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
    now = pd.Timestamp.now(tz="UTC")
    if ts.year < 1990 or ts > now + pd.Timedelta(days=2):
        return None
    return ts


_PUB_META = (
    "article:published_time", "og:article:published_time", "og:published_time", "datepublished",
    "article.published", "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created",
    "dc.date", "dcterms.date", "pubdate", "publishdate", "publish-date", "publish_date",
    "publication_date", "sailthru.date", "parsely-pub-date", "article_date_original", "date",
)
_MOD_META = (
    "article:modified_time", "og:updated_time", "og:article:modified_time", "datemodified",
    "dc.date.modified", "dcterms.modified", "article.updated", "lastmod", "last-modified",
)
#: Class/id words of page furniture whose dates are not this article's.
_WIDGET = re.compile(
    r"sidebar|side-bar|related|latest|trending|popular|most-?read|widget|ticker|recommend|"
    r"teaser|promo|footer|\bnav|menu|breaking|more-stories|aside|comment|newsletter|rail|carousel",
    re.I,
)
_TIME_XPATH = "//time | //*[@itemprop='datePublished' or @itemprop='dateModified']"


def _in_widget(el: Any) -> bool:
    node = el
    while node is not None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in ("aside", "nav", "footer"):
            return True
        if tag in ("article", "main"):
            return False  # inside the article itself: its date
        cls = f"{node.get('class') or ''} {node.get('id') or ''}"
        if cls.strip() and _WIDGET.search(cls):
            return True
        node = node.getparent()
    return False


def _time_value(el: Any) -> str | None:
    return el.get("datetime") or el.get("content") or (_text_of(el) or None)


def page_dates(tree: lxml.html.HtmlElement, meta: dict[str, str], ld: dict, url: str | None = None,
               *, use_htmldate: bool = True) -> tuple[pd.Timestamp | None, pd.Timestamp | None, str]:
    """``(published, modified, source)`` from JSON-LD, meta tags, ``<time>`` tags, a date printed
    in a date-like element, then htmldate (skipped with ``use_htmldate=False``: its regexes
    scan the whole page)."""
    pub = to_utc(ld.get("datePublished")) or to_utc(ld.get("dateCreated"))
    mod = to_utc(ld.get("dateModified"))
    source = "json-ld" if pub else ""
    if pub is None:
        for key in _PUB_META:
            pub = to_utc(meta.get(key))
            if pub is not None:
                source = f"meta {key}"
                break
    if mod is None:
        for key in _MOD_META:
            mod = to_utc(meta.get(key))
            if mod is not None:
                break
    if pub is None or mod is None:
        times = [el for el in tree.xpath(_TIME_XPATH)[:200] if not _in_widget(el)]
        ranked = sorted(
            times,
            key=lambda el: (
                el.get("itemprop") != "datePublished" and el.get("pubdate") is None,
                not el.xpath("ancestor::article or ancestor::main"),
            ),
        )
        for el in ranked:
            prop = el.get("itemprop")
            if pub is None and prop != "dateModified":
                pub = to_utc(_time_value(el))
                if pub is not None:
                    source = "time tag"
                    continue
            if mod is None and prop == "dateModified":
                mod = to_utc(_time_value(el))
    if pub is None:
        pub = _visible_date(tree)
        if pub is not None:
            source = "date on the page"
    if pub is None and use_htmldate:
        pub = _htmldate(tree, url)
        if pub is not None:
            source = "htmldate"
    if pub is not None and mod is not None and mod <= pub:
        mod = None
    return pub, mod, source


_DATE_CLASS = re.compile(r"date|time|publish|posted|dateline|timestamp", re.I)
_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b", re.I)
_NUMERIC_DATE = re.compile(r"\b\d{1,2}[./]\d{1,2}[./](?:19|20)\d{2}\b|\b(?:19|20)\d{2}-\d{2}-\d{2}\b")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def parse_visible_date(text: str) -> pd.Timestamp | None:
    """A date printed on the page ("10:48, 14 Mar 2026", "15.03.2026 10:30", "Posted on March 15, 2026").

    Needs a four-digit year and a month (name or number): a bare time or weekday is never
    completed with today's date.
    """
    text = re.sub(r"\s+", " ", text or "").strip()[:120]
    if not _YEAR.search(text) or not (_MONTH.search(text) or _NUMERIC_DATE.search(text)):
        return None
    if not _NUMERIC_DATE.search(text):
        rest = _YEAR.sub(" ", re.sub(r"\b\d{1,2}[:.]\d{2}\b", " ", text))
        if not re.search(r"\b(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\b", rest):
            return None  # month and year but no day
        text = re.sub(r"(?<=\d)\.(?=\d{2}\b)", ":", text)
    cleaned = re.sub(r"\b(?:posted|published|updated|on|at|first|last|modified)\b|[|,•·]", " ", text, flags=re.I)
    try:
        from dateutil import parser as du

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            dt = du.parse(cleaned, fuzzy=True, dayfirst=bool(re.search(r"\d{1,2}\.\d{1,2}\.\d{4}", text)),
                          tzinfos=_TZINFOS, default=datetime.datetime(2000, 1, 1))
    except (ValueError, OverflowError, TypeError, LookupError):
        return None
    return to_utc(dt.isoformat())


def _visible_date(tree: lxml.html.HtmlElement) -> pd.Timestamp | None:
    """First date printed in a date-like element of the article (not a sidebar or comment)."""
    for el in tree.xpath("//body//*[@class]")[:5000]:
        if not _DATE_CLASS.search(el.get("class") or ""):
            continue
        text = _text_of(el)
        if not 6 <= len(text) <= 80 or _in_widget(el):
            continue
        ts = parse_visible_date(text)
        if ts is not None:
            return ts
    return None


def _htmldate(tree: lxml.html.HtmlElement, url: str | None) -> pd.Timestamp | None:
    """htmldate's original date on a copy without sidebars, footers and navigation."""
    try:
        import htmldate

        clean = copy.deepcopy(tree)
        for el in clean.xpath("//aside | //nav | //footer | //script[not(@type)] | //style"):
            el.drop_tree()
        for el in clean.xpath("//*[@class or @id]"):
            if el.getparent() is not None and _WIDGET.search(f"{el.get('class') or ''} {el.get('id') or ''}"):
                el.drop_tree()
        found = htmldate.find_date(clean, original_date=True, extensive_search=True, url=url,
                                   outputformat="%Y-%m-%dT%H:%M:%S")
    except Exception:  # htmldate is a best-effort fallback
        return None
    return to_utc(found)


# ------------------------------------------------------------------------ authors

_TITLE_WORDS = frozenset(
    """correspondent correspondents reporter reporters editor editors writer writers columnist
    contributor contributors journalist analyst producer photographer photojournalist presenter
    anchor host senior chief staff deputy associate managing executive assistant political foreign
    diplomatic defence defense security economics economic business bureau reporting editorial
    international national affairs investigations investigative special contributing freelance
    head lead science health technology tech sports culture opinion digital global regional
    data visual video audio europe european africa asia america middle east""".split()
)
_BY = re.compile(r"^\s*(?:(?:written|reported|words|text|story|photos?|reporting)\s+)?by\b[:\s]*", re.I)
_NOISE = re.compile(
    r"\b\d+\s*(?:-\s*)?min(?:ute)?s?\.?\s*read\b|\bminute read\b|\bread time\b|"
    r"\b(?:published|updated|posted|last updated|modified)\b.*$|"
    r"https?://\S+|www\.\S+|\S+@\S+\.\w+|@\w+|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,?\s+\d{4})?.*$|"
    r"\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}.*$|\b\d{1,2}:\d{2}.*$|\b(?:19|20)\d{2}\b.*$",
    re.I,
)
_PLACE = re.compile(r"\s+(?:in|from|at|for)\s+[A-Z][\w\s.-]*$")
_CREDENTIALS = frozenset("md ms ma mba msc bsc ba phd rd rdn rn cpa jd dds llm mph cfa".split())
_GENERIC = frozenset({"admin", "administrator", "staff", "editor", "editors", "the editors", "newsroom",
                      "guest", "unknown", "anonymous", "author"})


def _clean_author(raw: str) -> str | None:
    s = re.sub(r"\s+", " ", raw).strip(" \t,;:|-–—·")
    if not s or len(s) > 200 or re.match(r"^(?:https?:|www\.|/)", s, re.I):
        return None
    s = _BY.sub("", s)
    s = _NOISE.sub("", s)
    s = _PLACE.sub("", s).strip(" \t,;:|-–—·()")
    tokens = s.split()
    for i, tok in enumerate(tokens):
        if tok.strip(".,").lower() in _TITLE_WORDS and (i >= 1 or len(tokens) == 1):
            tokens = tokens[:i]
            break
    while tokens and tokens[-1].replace(".", "").lower() in _CREDENTIALS:
        tokens = tokens[:-1]
    name = " ".join(tokens).strip(" ,;:|-–—·")
    if not name or not re.search(r"[^\W\d_]", name) or len(tokens) > 6:
        return None
    if name.lower() in _GENERIC or name.lower() in _TITLE_WORDS:
        return None
    if name.islower() and " " not in name:
        return None  # a handle or slug, not a name
    return name


def clean_authors(values: Iterable[Any]) -> list[str]:
    """Names only: no "By", reading times, dates, job titles, URLs; de-duplicated in order."""
    out: list[str] = []
    seen: set[str] = set()
    for value in values:
        if not isinstance(value, str):
            continue
        for piece in re.split(r"\s+(?:and|und|et|и)\s+|\s*[,;|&/\n]\s*|\s+·\s+", value):
            name = _clean_author(piece)
            if name and name.casefold() not in seen:
                seen.add(name.casefold())
                out.append(name)
    return out[:20]


def _ld_authors(ld: dict) -> list[str]:
    raw = ld.get("author") or ld.get("creator")
    items = raw if isinstance(raw, list) else [raw]
    names = []
    for item in items[:20]:
        if isinstance(item, dict):
            if "organization" in _types(item) and len(items) > 1:
                continue
            name = item.get("name")
            names.append(name if isinstance(name, str) else None)
        elif isinstance(item, str):
            names.append(item)
    return [n for n in names if n]


_AUTHOR_META = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
                "dcterms.creator", "byl", "og:article:author")
_BYLINE_XPATH = (
    "//*[@rel='author'] | //*[@itemprop='author'] | "
    "//*[contains(@class, 'byline') or contains(@class, 'author')][not(self::input)]"
)


def page_authors(tree: lxml.html.HtmlElement, meta: dict[str, str], ld: dict) -> list[str]:
    """Authors from JSON-LD, then meta tags, then byline elements (first source that gives names)."""
    names = clean_authors(_ld_authors(ld))
    if names:
        return names
    names = clean_authors(meta[k] for k in _AUTHOR_META if k in meta)
    if names:
        return names
    found = []
    for el in tree.xpath(_BYLINE_XPATH)[:10]:
        if _in_widget(el):
            continue
        inner = el.xpath(".//*[@itemprop='name']")
        found.append(_text_of(inner[0]) if inner else (el.get("content") or _text_of(el)))
    return clean_authors(found)[:10]


# ------------------------------------------------------------------------- status

_PAYWALL = re.compile(
    r"subscribe (?:now )?to (?:continue|keep) reading|subscribe to read|subscribers? only|"
    r"(?:sign|log) in to (?:continue|read)|already (?:a )?(?:subscriber|member)\?|"
    r"to continue reading|continue reading with|create a free account to|register to (?:continue|read)|"
    r"this (?:article|content|story) is (?:only )?(?:for|available to) (?:paying )?(?:subscribers|members)|"
    r"unlock (?:this|full) (?:article|story|access)|become a (?:member|subscriber) to|"
    r"start your (?:free )?(?:trial|subscription)|you have reached your (?:free )?(?:article )?limit",
    re.I,
)
_CONSENT = re.compile(
    r"we (?:and our partners )?use cookies|cookie (?:settings|preferences|consent)|"
    r"(?:accept|agree to) (?:all )?cookies|manage (?:your )?(?:privacy|consent)|before you continue|"
    r"your privacy choices|consent to (?:the use of )?(?:our )?cookies",
    re.I,
)


#: Cheap pre-check before the banner regexes (every one of their phrases holds one of these).
_BANNER_KEYS = ("subscri", "sign in", "log in", "continue", "account", "register", "member", "unlock",
                "trial", "limit", "cookie", "consent", "privacy")


def _norm(s: str) -> str:
    return " ".join(_WORD.findall(s.lower()))


def _strip_banners(text: str) -> tuple[str, int]:
    """Drop short paywall/consent lines from a body; return (text, lines dropped)."""
    kept, dropped = [], 0
    for p in _paras(text):
        low = p.lower()
        if (len(p) <= 400 and any(k in low for k in _BANNER_KEYS) and len(p.split()) <= 40
                and (_PAYWALL.search(p) or _CONSENT.search(p))):
            dropped += 1
            continue
        kept.append(p)
    return "\n".join(kept), dropped


def _drop_title_line(text: str, title: str | None) -> str:
    """Remove the headline when an extractor kept it as the body's first line."""
    if not title or not text:
        return text
    first, _, rest = text.partition("\n")
    return rest if rest and _norm(first) == _norm(title) else text


def _teaser_links(tree: lxml.html.HtmlElement) -> list[str]:
    out = []
    for a in tree.iter("a"):
        t = _text_of(a)
        if len(t.split()) >= 4:
            out.append(_norm(t))
    return out


def classify(tree: lxml.html.HtmlElement, html: str, text: str, meta: dict[str, str], ld: dict,
             ld_all: list[dict], banners: int) -> tuple[str, str]:
    """``(status, detail)`` for an extracted page: ok, empty, not_article or paywalled."""
    words = len(text.split())
    free = ld.get("isAccessibleForFree", True)
    if not any("isAccessibleForFree" in o for o in ld_all[:50]):
        free = True
    locked = str(free).strip().lower() in ("false", "0", "no")
    paywall_marks = []
    if locked:
        paywall_marks.append("JSON-LD isAccessibleForFree=false")
    if banners:
        paywall_marks.append("subscribe banner in the body")
    if words < TEASER_WORDS:
        visible = block_text(tree)[:200_000]
        if _PAYWALL.search(visible):
            paywall_marks.append("paywall text on the page")
        if words < 80 and _CONSENT.search(visible):
            paywall_marks.append("consent wall")
    scripts = len(tree.xpath("//script")) if words < 50 else 0
    if words == 0 or scripts:
        body = tree.find("body")
        visible = len(block_text(body if body is not None else tree).split())
        if words == 0 and paywall_marks:
            return "paywalled", "no body; " + ", ".join(paywall_marks)
        if scripts and visible < 30:
            return "not_article", f"script-only shell: {scripts} script(s), {visible} visible word(s)"
        if words == 0:
            return "empty", "no article text found"
    if paywall_marks and words < TEASER_WORDS:
        return "paywalled", f"{words}-word teaser; " + ", ".join(paywall_marks)
    teasers = _teaser_links(tree)
    og_type = meta.get("og:type", "").lower()
    article_signals = og_type == "article" or bool(ld)
    if len(teasers) >= 5:
        teaser_set = set(teasers)
        paras = _paras(text)
        linked = sum(1 for p in paras if _norm(p) in teaser_set)
        share = linked / max(1, len(paras))
        teaser_words = sum(len(t.split()) for t in teasers)
        ld_types = set().union(*(_types(o) for o in ld_all[:50])) if ld_all else set()
        listing = og_type == "website" or bool(ld_types & _LISTING_TYPES)
        if article_signals:
            index = share >= 0.7
        elif listing:
            index = share >= 0.2 or teaser_words >= words / 3
        else:
            index = share >= 0.4 or (len(teasers) >= 8 and words < 300 and teaser_words >= words / 2)
        if index:
            return "not_article", (f"index page: {len(teasers)} links to other stories "
                                   f"({teaser_words} words) around a {words}-word body, "
                                   f"{linked} body line(s) are links, og:type {og_type or 'none'}")
    if banners:
        return "ok", f"{banners} subscribe/consent line(s) removed from the body"
    return "ok", ""


# -------------------------------------------------------------------------- entry


def _canonical(tree: lxml.html.HtmlElement, meta: dict[str, str], base: str | None) -> str | None:
    from urllib.parse import urljoin

    for link in tree.xpath("//link[@href]")[:200]:
        if "canonical" in (link.get("rel") or "").lower().split():
            href = link.get("href").strip()
            return urljoin(base, href) if base else href
    og = meta.get("og:url")
    if og:
        return urljoin(base, og) if base else og
    return None


def _language(text: str, tree: lxml.html.HtmlElement) -> str | None:
    if len(text) >= 40:
        try:
            import py3langid

            return str(py3langid.classify(text[:2500])[0])
        except Exception:
            pass
    lang = tree.get("lang") or tree.get("xml:lang") or ""
    m = re.match(r"^\s*([A-Za-z]{2})\b", lang)
    return m.group(1).lower() if m else None


def _result(url: str | None, raw_html: str | None, status: str, detail: str, **kw: Any) -> dict:
    out: dict[str, Any] = {
        "url": url, "canonical_url": url, "title": None, "text": "", "published": None,
        "modified": None, "authors": [], "language": None, "status": status,
        "status_detail": detail, "extractor": None, "raw_html": raw_html, "source_kind": "html",
    }
    out.update(kw)
    return out


def parse_html(html: str | bytes, url: str | None = None, *, encoding: str | None = None) -> dict:
    """Extract one page into article fields for :func:`toolkit.load.common.article_row`.

    ``html`` may be bytes (decoded with ``encoding`` as the declared HTTP charset, then
    ``<meta charset>``, then detection) or text. Never raises: a page that cannot be
    read comes back with ``status="error"`` and a reason in ``status_detail``.
    """
    notes: list[str] = []
    try:
        if isinstance(html, bytes | bytearray | memoryview):
            data = bytes(html)
            if len(data) > MAX_HTML_BYTES:
                notes.append(f"page truncated to {MAX_HTML_BYTES:,} bytes")
                data = data[:MAX_HTML_BYTES]
            html, used = decode_html(data, encoding)
            if encoding and used != normalize_encoding(encoding):
                notes.append(f"decoded as {used}")
        elif not isinstance(html, str):
            return _result(url, None, "error", f"expected HTML text or bytes, got {type(html).__name__}")
        if len(html) > MAX_HTML_BYTES:
            notes.append(f"page truncated to {MAX_HTML_BYTES:,} characters")
            html = html[:MAX_HTML_BYTES]
        html = _XML_DECL.sub("", _CONTROL.sub("", html), count=1)
        return _parse(html, url, notes)
    except Exception as exc:  # bad input becomes a row, never an exception
        log.debug("parse_html failed for %s", url, exc_info=True)
        raw = html if isinstance(html, str) else None
        return _result(url, raw, "error", f"{url or 'page'}: {type(exc).__name__}: {str(exc)[:200]}")


_MAGIC = (("%PDF", "a PDF file"), ("\x89PNG", "a PNG image"), ("GIF8", "a GIF image"),
          ("\xff\xd8\xff", "a JPEG image"), ("ÿØÿ", "a JPEG image"), ("PK\x03\x04", "a ZIP archive"),
          ("{", "JSON"), ("[", "JSON"))
_TAG = re.compile(r"<[A-Za-z!?/]")


def _not_html(html: str) -> str | None:
    """Why a decoded input is not an HTML page (``None`` when it looks like one)."""
    head = html[:100_000].lstrip()
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return f"not an HTML page: looks like {what}"
    if not _TAG.search(head):
        return "not an HTML page: no markup found"
    sample = head[:20_000]
    odd = sum(1 for ch in sample if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\n\r"))
    if odd > 0.05 * len(sample):
        return "not an HTML page: binary data"
    return None


def _parse(html: str, url: str | None, notes: list[str]) -> dict:
    if not html.strip():
        return _result(url, html, "empty", "empty page")
    why = _not_html(html)
    if why:
        return _result(url, html, "not_article", f"{url + ': ' if url else ''}{why}")
    raw = html  # archived as given; the parsers get the defused copy
    html, monsters = _MONSTER_TAG.subn(r"<\1>", html)
    if monsters:
        notes.append(f"{monsters} tag(s) over {MAX_TAG_CHARS:,} characters kept without attributes")
    try:
        tree = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError) as exc:
        return _result(url, raw, "empty", f"no HTML to read ({exc})")
    if not isinstance(tree, lxml.html.HtmlElement):
        return _result(url, raw, "not_article", "not an HTML document")
    tree = tree.getroottree().getroot()
    n_elements = sum(1 for _ in tree.iter())
    heavy = len(html) > HEAVY_CHARS or n_elements > HEAVY_ELEMENTS
    if not heavy:
        texts = tree.xpath("//body//text()[not(ancestor::script or ancestor::style)]")
        heavy = sum(len(t) for t in texts) > HEAVY_TEXT_CHARS
    ld_all = jsonld_objects(tree)
    ld = _article_ld(ld_all)
    meta = meta_tags(tree)
    canonical = _canonical(tree, meta, url)
    page_url = url or canonical
    text, extractor, ext_notes = extract_body(html, page_url, tree=tree, heavy=heavy)
    notes.extend(ext_notes)
    text, banners = _strip_banners(text)
    title = page_title(tree, meta, ld)
    text = _drop_title_line(text, title)
    status, detail = classify(tree, html, text, meta, ld, ld_all, banners)
    published, modified, _ = page_dates(tree, meta, ld, page_url, use_htmldate=not heavy)
    return _result(
        url or canonical, raw, status, "; ".join(x for x in [detail, *notes] if x),
        canonical_url=canonical or url,
        title=title,
        text=text,
        published=published,
        modified=modified,
        authors=page_authors(tree, meta, ld),
        language=_language(text, tree),
        extractor=extractor,
    )
