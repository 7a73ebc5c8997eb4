"""Article view: an article's text as HTML with its annotation spans coloured by layer.

Overlapping and nested spans are handled by cutting the text at every span boundary: each
segment opens one ``<span>`` per annotation covering it and closes them all again, so the
markup is always well formed. Every piece of article text, span label, rule and URL is
escaped with :func:`html.escape`; only http(s) URLs become links. The result is a ``str``
that also renders itself in Jupyter (it has ``_repr_html_``), or wrap it in
``IPython.display.HTML``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

#: Bounds on untrusted input.
MAX_TEXT_CHARS = 500_000
MAX_SPANS = 50_000
MAX_TOOLTIP_CHARS = 300

#: Layer -> (legend colour, short description). Order = nesting order (outermost first).
LAYERS: dict[str, tuple[str, str]] = {
    "sentence": ("#bdbdbd", "sentence boundaries"),
    "frame": ("#9e9e9e", "policy frame cue"),
    "attribution": ("#4285f4", "attribution: source, cue (stance), content"),
    "quote": ("#f9a825", "quotation (direct) or scare quote"),
    "evidentiality": ("#fb8c00", "hedge, unverified, no evidence, counter, booster"),
    "loaded": ("#e53935", "loaded language / labels"),
    "actor": ("#43a047", "actor (person, organisation, place)"),
    "number": ("#8e24aa", "number"),
}
DEFAULT_LAYERS = tuple(k for k in LAYERS if k != "sentence")

CSS = """
.nf-article{font-family:Georgia,'Times New Roman',serif;line-height:1.65;max-width:46em;
  color:#222}
.nf-article .nf-title{font-size:1.35em;line-height:1.3;margin:.2em 0 .3em}
.nf-article .nf-meta{font:13px/1.4 system-ui,sans-serif;color:#666;margin-bottom:.8em}
.nf-article .nf-body{white-space:pre-wrap;overflow-wrap:anywhere}
.nf-article .nf-legend{font:12px/1.8 system-ui,sans-serif;margin:.6em 0;display:flex;
  flex-wrap:wrap;gap:.3em 1em}
.nf-article .nf-key{display:inline-block;width:.9em;height:.9em;border-radius:2px;
  vertical-align:-.1em;margin-right:.3em}
.nf-article [data-layer]{border-radius:2px;cursor:help}
.nf-article .nf-l-sentence{box-shadow:inset 1px 0 0 #bdbdbd}
.nf-article .nf-l-frame{border-bottom:1px dotted #757575}
.nf-article .nf-l-attribution.nf-r-source{background:rgba(66,133,244,.22)}
.nf-article .nf-l-attribution.nf-r-cue{font-weight:bold;border-bottom:2px solid #1a57c4}
.nf-article .nf-l-attribution.nf-r-content{background:rgba(66,133,244,.09)}
.nf-article .nf-l-attribution.nf-s-distancing{border-bottom-color:#e08214}
.nf-article .nf-l-attribution.nf-s-accusing{border-bottom-color:#d73027}
.nf-article .nf-l-attribution.nf-s-denying{border-bottom-color:#542788}
.nf-article .nf-l-attribution.nf-s-endorsing{border-bottom-color:#1b9e77}
.nf-article .nf-l-quote{background:rgba(249,168,37,.22)}
.nf-article .nf-l-quote.nf-s-scare{background:none;border-bottom:2px dashed #f9a825}
.nf-article .nf-l-evidentiality{background:rgba(251,140,0,.30)}
.nf-article .nf-l-loaded{background:rgba(229,57,53,.25)}
.nf-article .nf-l-actor{border-bottom:2px solid #43a047}
.nf-article .nf-l-number{background:rgba(142,36,170,.18)}
"""


class Html(str):
    """An HTML fragment (a ``str``) that Jupyter displays rendered."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        return str(self)


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _cls(value: Any) -> str:
    return re.sub(r"[^a-z0-9_-]", "", str(value or "").lower())[:40]


def safe_url(url: Any) -> str | None:
    """The URL if it is a plain http(s) URL, else ``None`` (never ``javascript:`` etc.)."""
    if not isinstance(url, str):
        return None
    u = url.strip()
    if any(ord(c) < 33 for c in u):
        return None
    try:
        parts = urlsplit(u)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return u
    return None


def _tooltip(sp: Mapping[str, Any]) -> str:
    head = f"{sp['layer']}"
    if sp.get("role") and sp["role"] != sp["label"]:
        head += f" {sp['role']}"
    head += f": {sp['label']}"
    lines = [head]
    if sp.get("rule"):
        lines.append(f"rule: {sp['rule']}")
    attrs = sp.get("attrs")
    if isinstance(attrs, Mapping):
        for k, v in list(attrs.items())[:6]:
            if v not in (None, "", [], {}):
                lines.append(f"{k}: {v}")
    text = "\n".join(lines)
    return text[:MAX_TOOLTIP_CHARS]


def _clean_spans(text: str, spans: pd.DataFrame | Iterable[Mapping[str, Any]] | None,
                 layers: Iterable[str], in_title: bool) -> list[dict[str, Any]]:
    if spans is None:
        return []
    rows = spans.to_dict("records") if isinstance(spans, pd.DataFrame) else list(spans)
    wanted = set(layers)
    order = {k: i for i, k in enumerate(LAYERS)}
    out = []
    n = len(text)
    for r in rows:
        if len(out) >= MAX_SPANS:
            break
        if bool(r.get("in_title") or False) != in_title or r.get("layer") not in wanted:
            continue
        try:
            a, b = int(r["start"]), int(r["end"])
        except (KeyError, TypeError, ValueError):
            continue
        a, b = max(0, min(a, n)), max(0, min(b, n))
        if b <= a:
            continue
        label = r.get("label")
        role = r.get("role")
        out.append({
            "layer": str(r["layer"]), "label": "" if label is None or pd.isna(label) else str(label),
            "role": None if role is None or pd.isna(role) else str(role),
            "rule": None if r.get("rule") is None or pd.isna(r.get("rule")) else str(r["rule"]),
            "attrs": r.get("attrs"), "start": a, "end": b,
            "_order": (order.get(str(r["layer"]), 99), a, -b),
        })
    out.sort(key=lambda s: s["_order"])
    return out


def _open_tag(sp: Mapping[str, Any]) -> str:
    classes = [f"nf-l-{_cls(sp['layer'])}"]
    if sp.get("role"):
        classes.append(f"nf-r-{_cls(sp['role'])}")
    if sp.get("label"):
        classes.append(f"nf-s-{_cls(sp['label'])}")
    return (f'<span class="{" ".join(classes)}" data-layer="{_e(sp["layer"])}" '
            f'data-label="{_e(sp["label"])}" title="{_e(_tooltip(sp))}">')


def _render(text: str, spans: list[dict[str, Any]]) -> str:
    """Escaped ``text`` with nested ``<span>`` wrappers per covering annotation."""
    if not spans:
        return html.escape(text)
    cuts = sorted({0, len(text), *(s["start"] for s in spans), *(s["end"] for s in spans)})
    tags = [_open_tag(s) for s in spans]
    by_start: dict[int, list[int]] = {}
    for i, s in enumerate(spans):
        by_start.setdefault(s["start"], []).append(i)
    active: list[int] = []
    parts: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        active.extend(by_start.get(a, ()))
        active = [i for i in active if spans[i]["end"] > a]
        active.sort()  # spans are pre-sorted by layer order: consistent nesting
        seg = html.escape(text[a:b])
        if active:
            parts.append("".join(tags[i] for i in active) + seg + "</span>" * len(active))
        else:
            parts.append(seg)
    return "".join(parts)


def _legend(counts: dict[str, int]) -> str:
    items = []
    for layer, n in counts.items():
        colour, desc = LAYERS.get(layer, ("#999999", layer))
        items.append(f'<span title="{_e(desc)}"><span class="nf-key" style="background:{colour}">'
                     f"</span>{_e(layer)} ({n})</span>")
    return f'<div class="nf-legend">{"".join(items)}</div>' if items else ""


def highlight(text: str | None, spans: pd.DataFrame | Iterable[Mapping[str, Any]] | None,
              layers: Iterable[str] | None = None, title: str | None = None,
              url: str | None = None, meta: str | None = None, css: bool = True) -> Html:
    """HTML fragment of ``text`` (and ``title``) with spans coloured by layer and a legend.

    ``spans`` follow ``toolkit.schema.SPAN_COLUMNS`` (only ``layer``, ``label``, ``start``,
    ``end`` are required; ``in_title`` spans highlight the title). ``layers`` defaults to
    every layer but ``sentence``. Hovering a span shows its layer, label, rule and attrs.
    ``url`` becomes a link only when it is http(s); ``meta`` is a line of escaped text.
    ``css=False`` leaves out the ``<style>`` block (include :data:`CSS` once per page).
    """
    layers = tuple(layers) if layers is not None else DEFAULT_LAYERS
    body = (text if isinstance(text, str) else "")[:MAX_TEXT_CHARS]
    head = (title if isinstance(title, str) else "")[:5_000]
    b_spans = _clean_spans(body, spans, layers, in_title=False)
    t_spans = _clean_spans(head, spans, layers, in_title=True) if head else []
    counts: dict[str, int] = {}
    for s in b_spans + t_spans:
        counts[s["layer"]] = counts.get(s["layer"], 0) + 1
    counts = {k: counts[k] for k in sorted(counts, key=lambda k: list(LAYERS).index(k)
                                           if k in LAYERS else 99)}
    out = [f"<style>{CSS}</style>"] if css else []
    out.append('<div class="nf-article">')
    if head:
        out.append(f'<h3 class="nf-title">{_render(head, t_spans)}</h3>')
    meta_parts = [_e(meta)] if meta else []
    if url:
        link = safe_url(url)
        if link:
            meta_parts.append(f'<a href="{_e(link)}" target="_blank" '
                              f'rel="noopener noreferrer nofollow">{_e(link[:200])}</a>')
        else:
            meta_parts.append(_e(str(url)[:200]))
    if meta_parts:
        out.append(f'<div class="nf-meta">{" · ".join(meta_parts)}</div>')
    out.append(_legend(counts))
    out.append(f'<div class="nf-body">{_render(body, b_spans)}</div>')
    if isinstance(text, str) and len(text) > MAX_TEXT_CHARS:
        out.append(f'<div class="nf-meta">(text cut at {MAX_TEXT_CHARS:,} characters)</div>')
    out.append("</div>")
    return Html("\n".join(out))


def highlight_article(article: Mapping[str, Any] | pd.Series,
                      spans: pd.DataFrame | Iterable[Mapping[str, Any]] | None,
                      layers: Iterable[str] | None = None, css: bool = True) -> Html:
    """:func:`highlight` for one row of the articles table (spans of other articles ignored)."""
    row = dict(article)
    aid = row.get("article_id")
    if isinstance(spans, pd.DataFrame):
        own = spans[spans["article_id"] == aid] if "article_id" in spans.columns else spans
    elif spans is not None:
        own = [s for s in spans if s.get("article_id") == aid]
    else:
        own = None
    meta = []
    for key in ("outlet", "outlet_type"):
        v = row.get(key)
        if isinstance(v, str) and v:
            meta.append(v)
    pub = row.get("published")
    if pub is not None and not (isinstance(pub, float) or pd.isna(pub)):
        meta.append(str(pd.Timestamp(pub).strftime("%Y-%m-%d %H:%M UTC")))
    return highlight(row.get("text"), own, layers=layers, title=row.get("title"),
                     url=row.get("url"), meta=" · ".join(meta) or None, css=css)
