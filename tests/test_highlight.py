"""Article view: hostile text is escaped, overlapping spans give well-formed HTML."""

from __future__ import annotations

import importlib.util
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.highlight import Html, highlight, highlight_article, safe_url
from toolkit.schema import coerce_spans

_spec = importlib.util.spec_from_file_location(
    "compare_corpus", Path(__file__).parent / "fixtures" / "compare" / "corpus.py")
fx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fx)

VOID = {"br", "img", "hr", "meta", "link", "input", "wbr"}


class Checker(HTMLParser):
    """Records tags, checks nesting, and collects the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.errors: list[str] = []
        self.text: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)
        self.in_style = tag == "style"

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> with open {self.stack[-3:]}")
        else:
            self.stack.pop()
        self.in_style = False

    def handle_data(self, data):
        if not self.in_style:
            self.text.append(data)


def parse(fragment: str) -> Checker:
    c = Checker()
    c.feed(fragment)
    c.close()
    assert not c.errors, c.errors
    assert not c.stack, f"unclosed tags: {c.stack}"
    return c


def body_text(out: str) -> str:
    """Visible text of the body ``<div>`` (the fragment ends with body and article closes)."""
    body = out[out.index('<div class="nf-body">') + len('<div class="nf-body">'):]
    body = body[: body.rindex("</div>")]
    body = body[: body.rindex("</div>")]
    return "".join(parse(body).text)


HOSTILE = ('Intro <script>alert(1)</script> then <img src=x onerror=alert(1)> and '
           '<a href="javascript:alert(2)">click</a> & "quotes" \'single\'.')


def test_hostile_text_is_shown_as_text():
    spans = [{"layer": "loaded", "label": "Loaded_Language", "start": 6, "end": 37,
              "rule": '"><script>alert(3)</script>', "attrs": {"x": "<b onmouseover=alert(4)>"}}]
    out = highlight(HOSTILE, spans, title="<img src=y onerror=alert(5)>",
                    url="javascript:alert(6)")
    c = parse(out)
    tags = {t for t, _ in c.tags}
    assert tags <= {"style", "div", "span", "h3"}  # no script, img, a
    assert "<script>" not in out and "<img" not in out
    visible = "".join(c.text)
    assert "<script>alert(1)</script>" in visible
    assert "<img src=x onerror=alert(1)>" in visible
    assert "<img src=y onerror=alert(5)>" in visible
    assert "javascript:alert(6)" in visible  # shown, not linked
    for _, attrs in c.tags:
        assert not any(k.startswith("on") for k in attrs)
        assert "href" not in attrs
    title_attr = next(a["title"] for t, a in c.tags if a.get("data-layer") == "loaded")
    assert "<script>alert(3)</script>" in title_attr  # decoded attribute = literal text


def test_links_only_for_http():
    out = highlight("text", [], url="https://example.org/a?b=1&c=<2>")
    c = parse(out)
    links = [a for t, a in c.tags if t == "a"]
    assert links == [{"href": "https://example.org/a?b=1&c=<2>", "target": "_blank",
                      "rel": "noopener noreferrer nofollow"}]
    for bad in ("javascript:alert(1)", "data:text/html,<b>x</b>", " java\tscript:x",
                "vbscript:x", "file:///etc/passwd", "//example.org"):
        assert safe_url(bad) is None
        assert not [t for t, _ in parse(highlight("t", [], url=bad)).tags if t == "a"]


def test_overlapping_and_nested_spans_are_well_formed():
    text = "Lavrov claimed, without evidence, that Ukraine attacked the residence."
    spans = coerce_spans([
        {"layer": "attribution", "label": "source", "role": "source", "start": 0, "end": 6},
        {"layer": "attribution", "label": "distancing", "role": "cue", "start": 7, "end": 14},
        {"layer": "attribution", "label": "content", "role": "content", "start": 39, "end": 69},
        # crosses the content boundary on both sides
        {"layer": "evidentiality", "label": "no_evidence", "start": 16, "end": 45},
        {"layer": "loaded", "label": "Loaded_Language", "start": 47, "end": 60},
        {"layer": "actor", "label": "place", "start": 39, "end": 46},
        {"layer": "actor", "label": "person", "start": 0, "end": 6},  # same range as source
        {"layer": "number", "label": "n", "start": 500, "end": 900},  # out of range: dropped
        {"layer": "number", "label": "n", "start": 10, "end": 5},  # inverted: dropped
    ])
    out = highlight(text, spans)
    c = parse(out)
    assert body_text(out) == text  # the visible body text is exactly the input
    layers = [a["data-layer"] for t, a in c.tags if "data-layer" in a]
    assert "number" not in layers
    assert layers.count("evidentiality") >= 2  # split into segments across the overlap
    legend = "".join(c.text)
    assert "attribution (3)" in legend and "evidentiality (1)" in legend


def test_sentence_layer_only_when_asked():
    text = "One. Two."
    spans = [{"layer": "sentence", "label": "sentence", "start": 0, "end": 4},
             {"layer": "sentence", "label": "sentence", "start": 5, "end": 9}]
    assert 'data-layer="' not in highlight(text, spans)
    assert highlight(text, spans, layers=["sentence"]).count('data-layer="sentence"') == 2


def test_highlight_article_uses_own_spans_and_title_spans():
    a, s = fx.articles(), fx.spans()
    row = a[a["article_id"] == "fc1"].iloc[0]
    out = highlight_article(row, s)
    assert isinstance(out, Html) and out._repr_html_() == str(out)
    c = parse(out)
    title = [a for t, a in c.tags if t == "h3"]
    assert title
    assert 'data-label="no_evidence"' in out
    assert "Fact Check Desk" in "".join(c.text)
    assert "https://factcheck.example/fc1" in [a.get("href") for t, a in c.tags if t == "a"]
    # spans of other articles are ignored: wire1's "said" cue offsets would land here otherwise
    assert 'data-label="neutral"' not in out
    plain = highlight_article(row, None)
    assert 'data-layer="' not in plain and "Lavrov claimed" in plain


def test_missing_text_and_css_switch():
    out = highlight(None, pd.DataFrame(), title=None, css=False)
    assert "<style>" not in out
    parse(out)


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("ab <>&\"'\n/=") + ["é", "\u202e"]), max_size=60),
    raw=st.lists(st.tuples(st.integers(-5, 70), st.integers(-5, 70),
                           st.sampled_from(["quote", "loaded", "attribution", "actor"])),
                 max_size=12),
)
def test_any_text_and_spans_give_well_formed_escaped_html(text, raw):
    spans = [{"layer": layer, "label": "<x>", "start": a, "end": b} for a, b, layer in raw]
    out = highlight(text, spans)
    c = parse(out)
    assert body_text(out) == text.replace("\r", "\n")
    assert {t for t, _ in c.tags} <= {"style", "div", "span", "h3"}
