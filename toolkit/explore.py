"""Interactive exploration in JupyterLab: filter articles, read them highlighted, concordance.

``Explorer(data).widget()`` shows filters (outlet, outlet type, dates, claim, layer) and
an article reader; ``kwic(articles, term)`` is a keyword-in-context table across outlets.
All article text shown is escaped.
"""

from __future__ import annotations

import html
import re
from typing import Any

import pandas as pd

from .schema import LAYERS


def kwic(articles: pd.DataFrame, term: str, width: int = 60, limit: int = 500,
         regex: bool = False) -> pd.DataFrame:
    """Keyword in context: every match of ``term`` in the bodies, with ``width`` chars each side."""
    cols = ["outlet", "published", "left", "match", "right", "article_id"]
    if not term or articles.empty:
        return pd.DataFrame(columns=cols)
    pattern = re.compile(term if regex else r"\b" + re.escape(term) + r"\w*", re.I)
    rows = []
    for rec in articles[["article_id", "outlet", "published", "text"]].itertuples(index=False):
        text = rec.text if isinstance(rec.text, str) else ""
        for m in pattern.finditer(text):
            left = text[max(0, m.start() - width): m.start()].replace("\n", " ")
            right = text[m.end(): m.end() + width].replace("\n", " ")
            rows.append((rec.outlet, rec.published, left, m.group(0), right, rec.article_id))
            if len(rows) >= limit:
                break
        if len(rows) >= limit:
            break
    return pd.DataFrame(rows, columns=cols)


class Explorer:
    """Filters and an article reader over a prepared story (``pipeline.StoryData``)."""

    def __init__(self, data: Any):
        self.data = data
        self.articles: pd.DataFrame = data.articles
        self.spans: pd.DataFrame = data.spans
        self._claims = getattr(data.story, "claims", {}) or {}

    def filtered(self, outlets: tuple[str, ...] = (), types: tuple[str, ...] = (),
                 start: Any = None, end: Any = None, claim: str | None = None) -> pd.DataFrame:
        """Articles matching the filters (empty filters select everything)."""
        a = self.articles
        keep = pd.Series(True, index=a.index)
        if outlets:
            keep &= a["outlet"].isin(outlets)
        if types:
            keep &= a["outlet_type"].isin(types)
        if start is not None:
            keep &= a["published"].isna() | (a["published"] >= pd.Timestamp(start, tz="UTC"))
        if end is not None:
            keep &= a["published"].isna() | (a["published"] < pd.Timestamp(end, tz="UTC") + pd.Timedelta(days=1))
        if claim and claim in self._claims:
            pats = [re.compile(p, re.I) for p in self._claims[claim].patterns]
            body = (a["title"].fillna("") + "\n" + a["text"].fillna(""))
            keep &= body.map(lambda t: any(p.search(t) for p in pats))
        return a[keep].sort_values("published", na_position="last")

    def article_html(self, article_id: str, layers: tuple[str, ...] | None = None) -> str:
        """One article with its spans highlighted (escaped HTML)."""
        from .highlight import highlight_article

        row = self.articles.loc[self.articles["article_id"] == article_id]
        if row.empty:
            return "<p>No such article.</p>"
        spans = self.spans[self.spans["article_id"] == article_id]
        if layers:
            spans = spans[spans["layer"].isin(layers)]
        return highlight_article(row.iloc[0], spans)

    def widget(self) -> Any:
        """The explorer as an ipywidgets box."""
        import ipywidgets as w

        a = self.articles
        outlets = w.SelectMultiple(options=sorted(a["outlet"].dropna().unique()), description="Outlets")
        types = w.SelectMultiple(options=sorted(a["outlet_type"].dropna().unique()), description="Types")
        start = w.DatePicker(description="From")
        end = w.DatePicker(description="To")
        claim = w.Dropdown(options=[""] + sorted(self._claims), description="Claim")
        layers = w.SelectMultiple(options=list(LAYERS), value=("attribution", "evidentiality", "quote"),
                                  description="Layers")
        picker = w.Select(options=[], description="Article", layout=w.Layout(width="95%", height="160px"))
        reader = w.HTML()
        term = w.Text(description="KWIC", placeholder="a word, e.g. drone")
        concordance = w.Output()

        def refresh(*_: Any) -> None:
            sub = self.filtered(tuple(outlets.value), tuple(types.value), start.value, end.value,
                                claim.value or None)
            picker.options = [(f"{r.outlet} | {str(r.title)[:90]}", r.article_id)
                              for r in sub.itertuples()]

        def show(*_: Any) -> None:
            reader.value = self.article_html(picker.value, tuple(layers.value)) if picker.value else ""

        def search(*_: Any) -> None:
            concordance.clear_output()
            with concordance:
                from IPython.display import display

                display(kwic(self.filtered(tuple(outlets.value)), term.value))

        for ctl in (outlets, types, start, end, claim):
            ctl.observe(refresh, names="value")
        picker.observe(show, names="value")
        layers.observe(show, names="value")
        term.observe(search, names="value")
        refresh()
        header = w.HTML(f"<b>{html.escape(str(getattr(self.data.story, 'title', '')))}</b>")
        return w.VBox([header, w.HBox([outlets, types, layers]), w.HBox([start, end, claim]),
                       picker, reader, term, concordance])
