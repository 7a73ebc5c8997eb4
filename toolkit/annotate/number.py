"""Number layer: quantities with value, bounds and unit; dates and times kept apart.

Labels:

* ``quantity``: "91 unmanned aerial vehicles", "91 drones", "more than 90" (low 90),
  "dozens of" (vague: value null, low 24), "hundreds", "1,200", "3.5 million", "£5 million",
  number words with a unit ("three lives"), ranges ("10-20", "between 10 and 20").
  ``attrs``: ``value`` (float or null), ``low``, ``high``, ``unit`` (normalised: "UAVs"
  for drones/UAVs/unmanned aerial vehicles, ISO codes for money, "%"), ``unit_text``
  (the surface unit), ``approx`` ("about 90"), ``vague``.
* ``date``: calendar dates, years and clock times ("28–29 December", "December 29, 2025",
  "in 2025", "10:30 p.m.") are labelled ``date`` (``attrs.kind`` date/year/time) so that
  they are never counted as quantities but remain visible to a reader.

Number words without a unit ("one of the", "two said") and ordinals are skipped.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from .base import Doc, Span
from .lexicon import Lexicons, WordEntry, doc_tokens, trie_regex_source

NAME = "number"
LABELS = ("quantity", "date")
LEXICON = "numbers"

_CLOCK = re.compile(r"[ap]\.?m", re.IGNORECASE)
_YEAR = re.compile(r"1[89]\d\d|20\d\d")
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


def _alt(words: list[str]) -> str:
    """A trie-shaped alternation of ``words`` (lower-cased; used with IGNORECASE)."""
    return "(?:" + trie_regex_source(sorted({" ".join(w.lower().split()) for w in words})) + ")"


@dataclass(frozen=True)
class _Tables:
    rx: re.Pattern[str]
    dates: re.Pattern[str]
    anchors: re.Pattern[str]
    anchor_first: frozenset[str]
    unit_rx: re.Pattern[str]
    generic_unit: re.Pattern[str]
    values: dict[str, float]
    scales: dict[str, float]
    vague: dict[str, float]
    exact: dict[str, float]
    mods: dict[str, str]
    currency: dict[str, str]
    units: dict[str, str]
    notunit: frozenset[str]
    #: ``rx`` and ``dates`` without IGNORECASE, for lower-cased text (``None``: not exact),
    #: each with a look-ahead for the way its matches can start (see :func:`_build`)
    rx_low: re.Pattern[str] | None = None
    dates_low: re.Pattern[str] | None = None


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


def _build(lex: Lexicons) -> _Tables:
    entries = lex.get(LEXICON, WordEntry)
    by: dict[str, list[WordEntry]] = {}
    for e in entries:
        by.setdefault(e.kind, []).append(e)
    values = {e.word.lower(): float(e.value or 0) for e in by.get("cardinal", [])}
    tens = [w for w, v in values.items() if v >= 20]
    ones = [w for w, v in values.items() if 1 <= v <= 9]
    words = rf"(?:{_alt(tens)}(?:[- ]{_alt(ones)})?|{_alt(list(values))})"
    number = rf"(?:{_DIGITS}|{words})"
    scales = {e.word.lower(): float(e.value or 1) for e in by.get("scale", [])}
    scale = rf"(?:\s*{_alt(list(scales))}\b|(?<=\d)(?:m|k|bn)\b)"
    vague = {_norm(e.word): float(e.value or 0) for e in by.get("vague", [])}
    exact = {_norm(e.word): float(e.value or 0) for e in by.get("exact_phrase", [])}
    mods = {_norm(e.word): kind for kind in ("lower", "upper", "approx") for e in by.get(kind, [])}
    currency = {e.word.lower(): e.unit or e.word for e in by.get("currency", [])}
    symbols = [w for w in currency if not w.isalpha()]
    cur = "(?:" + "|".join(re.escape(s) for s in sorted(symbols, key=lambda s: (-len(s), s))) + ")"
    body = (
        rf"(?:(?P<mod>{_alt(list(mods))})\s+)?(?P<cur>{cur})?\s*"
        rf"(?:(?P<vague>{_alt(list(vague))})(?:\s+of)?"
        rf"|(?P<exact>{_alt(list(exact))})"
        rf"|between\s+(?P<b1>{number})(?P<bs1>{scale})?\s+and\s+(?P<b2>{number})(?P<bs2>{scale})?"
        rf"|(?P<num>{number})(?P<scale>{scale})?"
        rf"(?:\s*(?:-|–|—|to)\s*{cur}?(?P<num2>{number})(?P<scale2>{scale})?)?)"
        rf"(?![\w])"
    )
    not_after = r"(?<![\w.,/$€£₽₴-])"
    rx = re.compile(not_after + body, re.IGNORECASE)
    # What a quantity starts with: white space or a digit, else the first characters of a
    # modifier and its space, a vague or exact phrase, a number word, a currency symbol or
    # "between " (a space stands for any white space, as in the phrases' own regexes).
    # Checked first, this look-ahead fails at most word starts at once, where the pattern
    # would try each of its alternatives (the matches are the same).
    starts = [m + " " for m in mods] + [*vague, *exact, *values, *symbols, "between "]
    quantity_start = rf"(?=[\s\d]|{trie_regex_source(sorted({w[:4] for w in starts}))})"
    months = _alt([e.word for e in by.get("month", [])])
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    date_alts = [  # each starts with a digit or a month
        rf"{day}(?:\s*[-–—]\s*{day})?\s+(?:of\s+)?{months}\.?(?:,?\s+\d{{4}})?(?![\w])",
        rf"{months}\.?\s+{day}(?:\s*[-–—]\s*{day})?(?:,?\s+\d{{4}})?(?![\w])",
        rf"{months}\s+\d{{4}}\b",
        r"\d{1,2}:\d{2}(?:\s*(?:a\.m\.|p\.m\.|am|pm)(?![\w]))?",
        r"\d{1,2}\s*(?:a\.m\.|p\.m\.|am\b|pm\b)",
        r"\d{4}-\d{2}-\d{2}\b",
        r"\d{1,2}/\d{1,2}/\d{2,4}\b",
    ]
    dates = re.compile("|".join(rf"\b{a}" for a in date_alts), re.IGNORECASE)
    # the same with the shared \b taken out and a look-ahead for a digit or a month's start
    month_starts = sorted({" ".join(e.word.lower().split())[:4] for e in by.get("month", [])})
    date_start = rf"(?=\d|{trie_regex_source(month_starts)})" if month_starts else ""
    units = {_norm(e.word): e.unit or e.word for e in by.get("unit", [])}
    units.update({w: c for w, c in currency.items() if w.isalpha()})
    unit_rx = re.compile(
        rf"\s*(?:of\s+)?(?:(?:[^\W\d_](?:[^\W\d_]|-)+)\s+){{0,2}}?(?P<u>{_alt(list(units))})(?![\w])|\s*(?P<pct>%)",
        re.IGNORECASE,
    )
    generic_unit = re.compile(r"[ \t]+(?P<of>of[ \t]+)?(?P<u>[a-z][a-z-]{2,30})\b")
    anchor_words = [w for w in list(values) + list(vague) + list(exact) + [e.word for e in by.get("month", [])]]
    anchors = re.compile(r"\d+|\b(?:" + trie_regex_source(anchor_words) + r")\b", re.IGNORECASE)
    notunit = frozenset(_norm(e.word) for e in by.get("notunit", []))
    anchor_first = frozenset(w.split()[0].lower().rstrip(".") for w in anchor_words)
    return _Tables(rx, dates, anchors, anchor_first, unit_rx, generic_unit, values, scales, vague, exact, mods,
                   currency, units, notunit, _for_lower_case(not_after + quantity_start + body),
                   _for_lower_case(rf"\b{date_start}(?:{'|'.join(date_alts)})"))


#: Characters that case-insensitive matching pairs with an ASCII letter although
#: ``str.lower()`` does not turn them into it (dotted and dotless i, long s; a test checks
#: every code point): a text holding one is matched as written.
_CASE_ODD = ("\u0130", "\u0131", "\u017f")
_ESCAPES_AND_NAMES = re.compile(r"\\[A-Za-z]|\(\?P<\w+>")


def _for_lower_case(source: str) -> re.Pattern[str] | None:
    """``source`` compiled case-sensitively, to run over ``text.lower()``: the case-insensitive
    regex's own matches, found about twice as fast (the engine can compare characters
    directly). Only when every letter of the pattern is a lower-case ASCII letter (else
    ``None``)."""
    bare = _ESCAPES_AND_NAMES.sub("", source)
    if any(ch.isalpha() and not "a" <= ch <= "z" for ch in bare):
        return None
    return re.compile(source)


def _lower_target(text: str, t: _Tables) -> tuple[str, re.Pattern[str], re.Pattern[str]]:
    """The text to search and the date and quantity regexes to search it with: its lower-cased
    copy and the case-sensitive regexes when that finds the same matches at the same offsets
    (same length, none of :data:`_CASE_ODD`), else the text itself and the IGNORECASE ones."""
    if t.rx_low is not None and t.dates_low is not None and not any(c in text for c in _CASE_ODD):
        low = text.lower()
        if len(low) == len(text):
            return low, t.dates_low, t.rx_low
    return text, t.dates, t.rx


def _value(token: str, scale: str | None, t: _Tables) -> float | None:
    tok = token.lower().replace(",", "")
    try:
        v = float(tok)
    except ValueError:
        parts = re.split(r"[- ]", tok)
        if not all(p in t.values for p in parts):
            return None
        v = sum(t.values[p] for p in parts)
    if scale:
        s = scale.strip().lower()
        v *= t.scales.get(s, {"m": 1e6, "k": 1e3, "bn": 1e9}.get(s, 1.0))
    return v


def _unit(text: str, pos: int, t: _Tables, vague: bool, word: str | None
          ) -> tuple[str | None, str | None, int]:
    """Unit after a number: from the units lexicon, else the next plain lower-case word.

    "of" may come between only after a vague quantity ("dozens of drones", not "one of
    them"); after the number word "one" only a lexicon unit counts ("one day" is not
    counted, "one drone" is).
    """
    m = t.unit_rx.match(text, pos)
    if m is not None and (vague or not m.group(0).lstrip().lower().startswith("of ")):
        if m.group("pct"):
            return "%", "%", m.end()
        surface = m.group("u")
        return t.units.get(_norm(surface), surface), " ".join(surface.split()), m.end()
    if word == "one":
        return None, None, pos
    g = t.generic_unit.match(text, pos)
    if g is not None and (vague or not g.group("of")) and _norm(g.group("u")) not in t.notunit:
        w = g.group("u")
        if word is None or w.endswith("s") or word in ("a dozen",):
            return w.lower(), w, g.end()
    return None, None, pos


def _anchors(doc: Doc, t: _Tables) -> list[tuple[int, int]]:
    """Spans of digits and number/month words: every match starts near one of them."""
    toks = doc_tokens(doc)
    if toks is None:
        return [m.span() for m in t.anchors.finditer(doc.text)]
    positions = toks.positions
    idx = [i for w in positions.keys() & t.anchor_first for i in positions[w]]
    # digits, and hyphenated words with a number word in them ("twenty-five", "half-dozen"),
    # which the word regex finds inside the one token
    idx += [i for w, ii in positions.items()
            if w[0].isdigit() or ("-" in w and not t.anchor_first.isdisjoint(w.split("-"))) for i in ii]
    starts, ends = toks.starts, toks.ends
    return [(starts[i], ends[i]) for i in sorted(idx)]


def _search_near(rx: re.Pattern[str], text: str, spots: list[tuple[int, int]],
                 before: int, after: int, needs_digit: bool = False) -> list[re.Match[str]]:
    """Non-overlapping matches of ``rx`` found by searching from just before each anchor.

    ``needs_digit``: every match of ``rx`` holds a digit, so a window without one is not
    searched (a quick scan for a digit instead of the full regex).
    """
    out: list[re.Match[str]] = []
    pos, n = 0, len(text)
    digit = _DIGIT.search
    for s, e in spots:
        if e <= pos:
            continue
        ws = s - before if s - before > pos else pos
        we = e + after if e + after < n else n
        # (a window that starts with a digit, as most do, needs no scan; isdecimal() is
        # the regex's \d: Unicode category Nd)
        if needs_digit and not text[ws].isdecimal() and digit(text, ws, we) is None:
            continue
        m = rx.search(text, ws, we)
        if m is not None:
            out.append(m)
            pos = m.end()
    return out


_DIGIT = re.compile(r"\d")


def annotate(doc: Doc) -> list[Span]:
    """Quantity and date spans of ``doc``."""
    t: _Tables = doc.lexicons.compiled((NAME, "tables"), _build)
    text = doc.text
    spans: list[Span] = []
    date_starts: list[int] = []  # date matches come in order and do not overlap
    date_ends: list[int] = []
    spots = _anchors(doc, t)
    target, dates_rx, rx = _lower_target(text, t)  # match offsets are the same in both
    for m in _search_near(dates_rx, target, spots, 0, 40, needs_digit=True):  # every date has one
        found = text[m.start() : m.end()]
        kind = "time" if (":" in found or _CLOCK.search(found)) else "date"
        spans.append(Span(NAME, "date", m.start(), m.end(), f"number:{kind}", None, None, {"kind": kind}))
        date_starts.append(m.start())
        date_ends.append(m.end())
    for m in _search_near(rx, target, spots, 30, 60):
        i = bisect_left(date_starts, m.end())
        if i and date_ends[i - 1] > m.start():
            continue
        g = m.groupdict()
        if g["cur"]:  # the only group whose case is kept (unit_text)
            g["cur"] = text[m.start("cur") : m.end("cur")]
        start, end = m.start(), m.end()
        mod = _norm(g["mod"]) if g["mod"] else None
        attrs: dict[str, object] = {"value": None, "low": None, "high": None, "unit": None,
                                    "unit_text": None, "approx": False, "vague": False}
        digits = bool(g["num"] and g["num"][0].isdigit()) or bool(g["b1"] and g["b1"][0].isdigit())
        if g["vague"]:
            attrs.update(vague=True, low=t.vague[_norm(g["vague"])])
            rule = "number:vague"
        elif g["exact"]:
            attrs["value"] = attrs["low"] = attrs["high"] = t.exact[_norm(g["exact"])]
            rule = "number:phrase"
        elif g["b1"]:
            attrs.update(low=_value(g["b1"], g["bs1"], t), high=_value(g["b2"], g["bs2"], t))
            rule = "number:range"
        else:
            v = _value(g["num"], g["scale"], t)
            if g["num2"]:
                attrs.update(low=v, high=_value(g["num2"], g["scale2"], t))
                rule = "number:range"
            else:
                attrs.update(value=v, low=v, high=v)
                rule = "number:digits" if digits else "number:words"
        if g["cur"]:
            attrs.update(unit=t.currency.get(g["cur"].lower(), g["cur"]), unit_text=g["cur"])
        word = None if digits or g["vague"] else (g["num"] or g["exact"] or g["b1"] or "").lower()
        u, surface, uend = _unit(text, end, t, bool(g["vague"]), word)
        applied = u is not None and (attrs["unit"] is None or u == "%")
        if applied:
            attrs.update(unit=u, unit_text=surface)
        if not digits and not g["vague"] and not g["exact"] and u is None:
            continue  # "one of the ...": a number word without a unit is not counted
        if rule == "number:digits" and not g["cur"] and not g["scale"] and u is None or (
            rule == "number:digits" and _YEAR.fullmatch(g["num"] or "")
            and not (u and _norm(surface or "") in t.units)
        ):
            num = g["num"] or ""
            if _YEAR.fullmatch(num):
                spans.append(Span(NAME, "date", m.start("num"), m.end("num"), rule="number:year",
                                  attrs={"kind": "year"}))
                continue
        if mod:
            kind = t.mods[mod]
            value = attrs["value"]
            if kind == "lower":
                attrs.update(low=value, high=None)
            elif kind == "upper":
                attrs.update(low=None, high=value)
            else:
                attrs.update(approx=True, low=None, high=None)
            attrs["modifier"] = mod
        if applied:
            end = uend
        while start < end and text[start].isspace():
            start += 1
        spans.append(Span(NAME, "quantity", start, end, rule, None, None, attrs))
    spans.sort(key=lambda s: (s.start, s.end))
    return spans
