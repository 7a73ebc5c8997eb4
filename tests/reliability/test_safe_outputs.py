"""Safe outputs: article-derived text is escaped in every HTML output, links only for
http(s), story files and report parameters are data, story paths stay confined.

Every HTML output is parsed and walked (lxml): no ``<script>`` but the report's own, no
``on*`` handler, no ``javascript:``/``data:`` URL, no frame or object, and every link
http(s) or relative. The payloads come from :data:`reliability.hostile.XSS`.
"""

from __future__ import annotations

import ast
import json
import types
from pathlib import Path

import lxml.html
import nbformat
import pandas as pd
import pytest

from . import hostile

PAYLOADS = hostile.XSS
BAD_URLS = ("javascript:alert(1)", " JavaScript:alert(2)", "java\tscript:alert(3)",
            "data:text/html,<script>alert(4)</script>", "vbscript:msgbox(5)", "file:///etc/passwd",
            "//evil.example/x", "\"><script>alert(6)</script>")
_DANGEROUS_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "form",
                   "svg", "math", "link", "meta", "img", "video", "audio", "source"}
_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "srcdoc", "data", "poster",
              "background", "srcset"}


def unsafe(page: str, *, allowed_tags: set[str] = frozenset(), own_scripts: int = 0) -> list[str]:
    """Everything in ``page`` that could run or navigate somewhere; [] when the page is safe."""
    if not page.strip():
        return []
    doc = lxml.html.document_fromstring(page)
    problems = []
    plain_scripts = 0
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if tag == "script":
            if (el.get("type") or "").lower() == "application/json":
                try:
                    json.loads(el.text or "")
                except ValueError:
                    problems.append("a JSON script block that is not JSON (broken out of?)")
            else:
                plain_scripts += 1
                if "alert(" in (el.text or "") or "__xss" in (el.text or ""):
                    problems.append("a payload inside a script")
        elif tag == "meta" and el.getparent() is not None and el.getparent().tag == "head" \
                and not el.get("http-equiv"):
            pass  # the page's own charset/viewport
        elif tag in _DANGEROUS_TAGS and tag not in allowed_tags:
            problems.append(f"<{tag}> element")
        for attr, value in el.attrib.items():
            name = attr.lower()
            v = "".join(value.split()).lower()
            if name.startswith("on"):
                problems.append(f"{name} handler on <{tag}>")
            if name in _URL_ATTRS and (v.startswith(("javascript:", "vbscript:", "data:"))
                                       or name == "srcdoc"):
                problems.append(f"{name}={value[:60]!r} on <{tag}>")
            if name == "href" and tag == "a" and not (
                    v.startswith(("http://", "https://", "#")) or ":" not in v.split("/")[0]):
                problems.append(f"link to {value[:60]!r}")
            if name == "style" and ("expression(" in v or "javascript:" in v or "url(" in v):
                problems.append(f"style {value[:60]!r}")
    if plain_scripts > own_scripts:
        problems.append(f"{plain_scripts} script elements, expected {own_scripts}")
    return problems


def visible(page: str) -> str:
    return lxml.html.document_fromstring(page).text_content() if page.strip() else ""


def test_the_checker_catches_what_it_should() -> None:
    for bad in ('<script>alert(1)</script>', '<img src=x onerror=alert(1)>',
                '<a href="javascript:alert(1)">x</a>', '<a href=" java script:x">x</a>',
                '<iframe srcdoc="x"></iframe>', '<div style="background:url(javascript:x)">',
                '<svg onload=alert(1)>', '<a href="ftp://x/y">x</a>',
                '<script type="application/json">{"a": 1}</script><script>x</script>'):
        assert unsafe(f"<div>{bad}</div>"), bad
    assert unsafe('<div>&lt;script&gt;alert(1)&lt;/script&gt; <a href="https://x.org/a">x</a>'
                  '<a href="report/report.html">r</a></div>') == []


@pytest.fixture(scope="module")
def hostile_articles() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Articles whose every text field carries a payload, with their real spans."""
    from toolkit.annotate import annotate
    from toolkit.load.common import article_row, to_frame

    rows = []
    for i, x in enumerate(PAYLOADS):
        rows.append(article_row(
            url=BAD_URLS[i % len(BAD_URLS)] if i % 2 else f"https://news.example/{i}?q=<b>&x=\"",
            title=f"Lavrov claimed {x} in headline {i}",
            text=f"{hostile.PARAGRAPHS[0]} {x}\n\n{hostile.PARAGRAPHS[1]} “{x}” he said. {x}",
            outlet=f"Outlet {x}", outlet_type="national", authors=[x], status="ok",
            source_kind="html", source=f"page-{i}.html", published="2025-12-29T10:00Z",
            article_id=f"a{i}"))
    arts = to_frame(rows)
    ann = annotate(arts, progress=False)
    return arts, ann.spans


def test_article_view_escapes_everything_and_links_only_http(hostile_articles) -> None:
    from toolkit.highlight import highlight, highlight_article

    arts, spans = hostile_articles
    for row in arts.to_dict("records"):
        page = str(highlight_article(row, spans))
        assert unsafe(page) == [], (row["article_id"], unsafe(page))
        shown = visible(page)
        assert row["text"].split("\n")[0][-20:] in shown  # the payload is shown as text
        links = lxml.html.document_fromstring(page).xpath("//a/@href")
        if row["url"].startswith("https://"):
            assert len(links) == 1 and links[0].startswith("https://news.example/")
        else:
            assert links == []  # a javascript:/data:/file: URL is shown, never linked
    for x in PAYLOADS:  # payloads in every argument, including span fields
        sp = [{"layer": "quote", "label": x, "start": 0, "end": 5, "rule": x, "attrs": {"k": x}}]
        for url in BAD_URLS:
            page = str(highlight(x + " text", sp, title=x, url=url, meta=x))
            assert unsafe(page) == [], (x, url)


def test_explorer_reader_and_widgets_escape_article_text(hostile_articles) -> None:
    from toolkit.explore import Explorer, kwic

    arts, spans = hostile_articles
    story = types.SimpleNamespace(title=PAYLOADS[0], claims={})
    ex = Explorer(types.SimpleNamespace(articles=arts, spans=spans, story=story))
    for aid in arts["article_id"]:
        assert unsafe(ex.article_html(aid)) == []
        assert unsafe(ex.article_html(aid, layers=("quote", "attribution"))) == []
    box = ex.widget()
    import ipywidgets as w

    def walk(widget):
        yield widget
        for child in getattr(widget, "children", ()):
            yield from walk(child)

    every = list(walk(box))
    picker = next(x for x in every if isinstance(x, w.Select))
    htmls = [x for x in every if isinstance(x, w.HTML)]
    assert len(picker.options) == len(arts)
    for label, aid in picker.options:  # option labels are plain text, shown as text
        assert isinstance(label, str)
        picker.value = aid
        for h in htmls:
            assert unsafe(h.value) == [], unsafe(h.value)
    assert any("alert" in visible(h.value) for h in htmls)
    table = kwic(arts, "alert")
    assert len(table) and unsafe(table.to_html()) == []


def _notebook(arts: pd.DataFrame, spans: pd.DataFrame) -> nbformat.NotebookNode:
    """A notebook whose outputs are what the report shows, made from hostile articles."""
    import altair as alt

    from toolkit.highlight import highlight_article

    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(f"story = {PAYLOADS[0]!r}\ncorpus = {PAYLOADS[5]!r}")
    params.metadata["tags"] = ["injected-parameters"]
    cell = nbformat.v4.new_code_cell(f"# {PAYLOADS[1]}\nreport.headlines(data)")
    table = arts[["published", "outlet", "title", "url"]]
    chart = (alt.Chart(arts.assign(n=1)[["outlet", "title", "url", "n"]])
             .mark_bar().encode(x="outlet:N", y="n:Q", tooltip=["title:N", "url:N"]).to_dict())
    cell.outputs = [
        nbformat.v4.new_output("execute_result", data={"text/html": table._repr_html_(),
                                                       "text/plain": table.to_string()},
                               execution_count=1),
        nbformat.v4.new_output("display_data", data={
            "text/html": str(highlight_article(arts.iloc[0], spans)), "text/plain": "article"}),
        nbformat.v4.new_output("display_data", data={
            "application/vnd.vegalite.v5+json": chart, "text/plain": "chart"}),
        nbformat.v4.new_output("stream", name="stdout", text="\n".join(PAYLOADS)),
        nbformat.v4.new_output("error", ename=PAYLOADS[0], evalue=PAYLOADS[1],
                               traceback=[PAYLOADS[2], PAYLOADS[6]]),
    ]
    nb.cells = [params, nbformat.v4.new_markdown_cell("# Report"), cell]
    return nb


@pytest.mark.parametrize("with_code", [False, True])
def test_report_html_escapes_hostile_outputs(hostile_articles, tmp_path: Path, with_code: bool) -> None:
    from toolkit.report import notebook_to_html

    arts, spans = hostile_articles
    nb_path = tmp_path / "report.ipynb"
    nbformat.write(_notebook(arts, spans), str(nb_path))
    out = tmp_path / "report.html"
    info = notebook_to_html(nb_path, out, title=PAYLOADS[0], with_code=with_code)
    page = out.read_text(encoding="utf-8")
    assert info["charts"] == 1
    assert unsafe(page, own_scripts=2) == []  # the vega bundle and the embed script only
    shown = visible(page)
    assert 'alert("xss")' in shown and "onerror" in shown  # shown as text
    assert ("story = " in shown) == with_code  # parameters only with the code
    spec = lxml.html.document_fromstring(page).xpath("//script[@type='application/json']")[0].text
    assert "href" not in json.loads(spec)["encoding"]  # no chart makes a link


def test_index_page_escapes_titles_and_links_relative(tmp_path: Path) -> None:
    from toolkit.report import write_index

    results = []
    for i, x in enumerate(PAYLOADS[:6]):
        folder = tmp_path / f"story {i} \"><b>"
        folder.mkdir()
        (folder / "report.html").write_text("x")
        results.append({"html": folder / "report.html", "title": x, "charts": 3, "seconds": 1.0})
    page = write_index(results, tmp_path / "index.html").read_text(encoding="utf-8")
    assert unsafe(page) == []
    hrefs = lxml.html.document_fromstring(page).xpath("//a/@href")
    assert len(hrefs) == 6 and all(h.endswith("/report.html") and ":" not in h for h in hrefs)
    assert all(x in visible(page) for x in PAYLOADS[:6])


# --------------------------------------------------------------------------- story files


def test_story_yaml_with_python_tags_is_rejected(tmp_path: Path) -> None:
    from toolkit.story import StoryError, load_story

    marker = tmp_path / "pwned"
    for tag in (f"!!python/object/apply:os.system ['touch {marker}']",
                "!!python/object:toolkit.story.Story {}",
                f"!!python/object/new:subprocess.Popen [['touch', '{marker}']]",
                "!!python/name:os.system", "!!python/module:os"):
        story = tmp_path / "story.yml"
        story.write_text(f"title: {tag}\nkeywords: [drone]\n", encoding="utf-8")
        with pytest.raises(StoryError) as err:
            load_story(story)
        assert str(story) in str(err.value)
    assert not marker.exists()


def test_story_paths_are_confined(tmp_path: Path) -> None:
    from toolkit.story import StoryError, load_story

    inside = tmp_path / "stories"
    inside.mkdir()
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (inside / "link").symlink_to(outside, target_is_directory=True)
    for key, value in (("corpus", "/etc/passwd"), ("corpus", "../elsewhere/c.duckdb"),
                       ("sources", ["../" * 12 + "etc"]), ("sources", ["link/pages"]),
                       ("corpus", "link/c.duckdb")):
        story = inside / "story.yml"
        story.write_text(f"title: T\nkeywords: [drone]\n{key}: {json.dumps(value)}\n", encoding="utf-8")
        with pytest.raises(StoryError, match="outside the story folder and the project"):
            load_story(story)
        assert load_story(story, allowed_dirs=[outside, "/etc"]).title == "T"
    story.write_text("title: T\nkeywords: [drone]\ncorpus: c.duckdb\nsources: [pages]\n",
                     encoding="utf-8")
    assert load_story(story).corpus_path == inside / "c.duckdb"


def test_report_parameters_are_data(tmp_path: Path) -> None:
    """A parameter holding code is passed as a string literal and then read as a path."""
    from papermill.translators import PythonTranslator

    from toolkit.report import start
    from toolkit.story import StoryError

    marker = tmp_path / "pwned"
    code = f"__import__('os').system('touch {marker}')"
    tricky = [code, f'x"; {code}; "', f"x'''\n{code}\n'''", "\\\"\n" + code, PAYLOADS[0]]
    for value in tricky:
        source = PythonTranslator.codify({"story": value, "corpus": value, "output_dir": value})
        tree = ast.parse(source)
        assigns = [n for n in tree.body if isinstance(n, ast.Assign)]
        assert len(assigns) == 3 and all(ast.literal_eval(a.value) == value for a in assigns)
        with pytest.raises((StoryError, FileNotFoundError, OSError)):
            start(value)
    assert not marker.exists()
