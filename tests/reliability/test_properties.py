"""Property-based tests (hypothesis): any string or bytes in, a row or spans out.

* ``parse_html``: any text, any bytes, and random markup give a dict with a schema status
  that ``article_row`` turns into a valid row; no NUL or lone surrogate in the text.
* ``parse_text`` / ``from_text``: any string (or file bytes) gives one valid row whose
  reason names the input when the status is not ``ok``.
* ``annotate_text``: any text and title give spans inside the text they point at, whose
  ``text`` is exactly ``text[start:end]``, with known layers and ordered, disjoint sentences.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.annotate import annotate_text
from toolkit.load import from_text, parse_html, parse_text
from toolkit.load.common import article_row, to_frame
from toolkit.schema import LAYERS, STATUSES, validate

from . import hostile

SETTINGS = settings(max_examples=150, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])
_BAD_CHARS = re.compile("[\x00\ud800-\udfff]")

# any code point, lone surrogates included
any_text = st.text(st.characters(exclude_categories=()), max_size=400)
words = st.sampled_from(("Lavrov", "claimed", "said", "“", "”", "«", "»", '"', "'", "the", "91",
                         "drones", "U.S.", "Mr.", "Kyiv", "denied", "alleged", ",", ".", "\n",
                         "\n\n", "according to", "without evidence", "<script>", "&amp;", ":"))
prose = st.lists(st.one_of(words, any_text.filter(lambda s: len(s) < 12)), max_size=80).map(" ".join)
fragments = st.sampled_from([*hostile.XSS, "<p>", "</p>", "<div>", "</div>", "<br>", "<h1>", "</h1>",
                             "<title>", "</title>", "<!--", "-->", "<script>", "</script>",
                             "<meta charset='koi8-r'>", "<html>", "<body>", "<article>", "&",
                             "<time datetime='2025-12-29'>", "<![CDATA[", "]]>", "<?xml ?>",
                             '<script type="application/ld+json">{"@type":"NewsArticle"', "}"])
markup = st.lists(st.one_of(fragments, prose), max_size=40).map("".join)


def assert_row(fields: dict, name: str | None = None) -> None:
    assert fields["status"] in STATUSES
    row = article_row(**fields)
    validate(to_frame([row]))
    text = row.get("text") or ""
    assert not _BAD_CHARS.search(text)
    if row["status"] != "ok":
        assert row.get("status_detail"), row
        if name:
            assert name in row["status_detail"]


@SETTINGS
@given(st.one_of(any_text, markup))
def test_parse_html_any_text(page: str) -> None:
    assert_row(parse_html(page, url="https://prop.example/a"))


@SETTINGS
@given(st.one_of(st.binary(max_size=2000), markup.map(lambda s: s.encode("utf-8", "surrogatepass")),
                 markup.map(lambda s: s.encode("cp1251", "replace"))))
def test_parse_html_any_bytes(data: bytes) -> None:
    assert_row(parse_html(data))


@SETTINGS
@given(st.one_of(any_text, prose, markup))
def test_parse_text_any_string(raw: str) -> None:
    assert_row(parse_text(raw, name="prop-input.txt"), "prop-input.txt")


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.binary(max_size=800),
                          prose.map(lambda s: s.encode("utf-8", "surrogatepass")),
                          prose.map(lambda s: s.encode("utf-16"))), min_size=1, max_size=4))
def test_from_text_any_file_bytes(tmp_path: Path, contents: list[bytes]) -> None:
    paths = []
    for i, data in enumerate(contents):
        p = tmp_path / f"prop-{i}.txt"
        p.write_bytes(data)
        paths.append(p)
    df = from_text(paths, progress=False)
    validate(df)
    assert list(df["source"]) == [str(p) for p in paths]
    for p, row in zip(paths, df.to_dict("records"), strict=True):
        assert_row({k: v for k, v in row.items() if k not in ("article_id", "word_count")}, str(p))


def _clean(s: str) -> str:
    return re.sub("[\ud800-\udfff]", "\ufffd", s)


@SETTINGS
@given(st.one_of(prose, any_text, markup), st.one_of(st.none(), prose, any_text))
def test_annotate_text_spans_point_into_the_text(text: str, title: str | None) -> None:
    spans = annotate_text(text, title=title)
    body, head = _clean(text), _clean(title or "")
    assert set(spans["layer"]) <= set(LAYERS)
    for sp in spans.itertuples(index=False):
        src = head if sp.in_title else body
        assert 0 <= sp.start < sp.end <= len(src), sp
        assert sp.text == src[sp.start:sp.end], sp
    for in_title in (False, True):
        sent = spans[(spans["layer"] == "sentence") & (spans["in_title"] == in_title)]
        bounds = list(zip(sent["start"], sent["end"], strict=True))
        assert bounds == sorted(bounds)
        assert all(e <= s2 for (_, e), (s2, _) in zip(bounds, bounds[1:], strict=False))
    assert not (~spans["in_title"]).any() or body.strip()
    assert not spans["in_title"].any() or head.strip()
