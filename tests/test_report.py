"""The main job end to end: story file -> papermill notebooks -> offline HTML report."""

from __future__ import annotations

import json
import os
from pathlib import Path

import papermill as pm
import pytest
import yaml

from toolkit import paths, report
from toolkit.browser import find_chromium, inspect_report

HOSTILE_TITLE = "Drones attacked the residence <script>window.__xss=2</script>"
HOSTILE_BODY = (
    "Drones attacked the president's residence overnight, the ministry said. "
    '<img src=x onerror="window.__xss=1"> and <a href="javascript:window.__xss=3">click</a> '
    "were in the page text as words, not markup."
)


def _hostile_page(folder: Path) -> None:
    from html import escape

    folder.mkdir(parents=True, exist_ok=True)
    body = "".join(f"<p>{escape(HOSTILE_BODY)}</p>" for _ in range(6))
    (folder / "hostile.html").write_text(
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(HOSTILE_TITLE)}</title>"
        "<link rel='canonical' href='https://hostile-test.example/drones'>"
        "<meta property='article:published_time' content='2026-03-15T09:00:00Z'></head><body>"
        f"<article><h1>{escape(HOSTILE_TITLE)}</h1>{body}</article></body></html>",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The demo story plus one hostile page, reported into a temporary folder."""
    tmp = tmp_path_factory.mktemp("report")
    story = yaml.safe_load(paths.DEMO_STORY.read_text(encoding="utf-8"))
    story["sources"] = [str(paths.DEMO_DIR), "hostile"]
    story["corpus"] = "corpus.duckdb"
    _hostile_page(tmp / "hostile")
    story_path = tmp / "story.yml"
    story_path.write_text(yaml.safe_dump(story, allow_unicode=True), encoding="utf-8")
    res = report.run(story_path, output=tmp / "out")
    res["tmp"] = tmp
    res["story_path"] = story_path
    return res


def test_report_files(demo_report: dict) -> None:
    out = demo_report["html"].parent
    assert demo_report["html"].is_file() and (out / "report.ipynb").is_file()
    for name in ("coverage", "timing", "voices", "stance", "evidentiality", "claims",
                 "headline_gap", "syndication", "loaded_terms", "tone"):
        assert (out / "tables" / f"{name}.csv").is_file(), name
    prov = json.loads((out / "provenance.json").read_text())
    assert prov["corpus_sha256"] and len(prov["corpus_sha256"]) == 64
    assert prov["story_sha256"] and prov["articles"] >= 20
    assert prov["versions"]["toolkit"]
    assert prov["report_seconds"] > 0


def test_report_is_self_contained(demo_report: dict) -> None:
    page = demo_report["html"].read_text(encoding="utf-8")
    assert demo_report["bytes"] < 5_000_000
    assert demo_report["charts"] >= 10
    assert page.count("vega-embed") >= 1
    # The libraries are inlined once, not once per chart.
    assert page.count("<script>") == 2
    assert "cdn.jsdelivr" not in page and "<script src=" not in page
    # Code is hidden unless asked for.
    assert "class=\"input_area" not in page and "key_numbers" not in page


def test_hostile_text_is_escaped_in_html(demo_report: dict) -> None:
    page = demo_report["html"].read_text(encoding="utf-8")
    assert "<script>window.__xss" not in page
    assert 'onerror="window.__xss' not in page
    assert "&lt;script&gt;window.__xss=2&lt;/script&gt;" in page


def test_second_run_reuses_annotations(demo_report: dict) -> None:
    first = json.loads(demo_report["provenance"].read_text())["annotation"]
    assert first["annotated"] >= 20
    again = report.run(demo_report["story_path"], output=demo_report["tmp"] / "again")
    second = json.loads(again["provenance"].read_text())["annotation"]
    assert second["annotated"] == 0 and second["up_to_date"] == first["annotated"]
    assert second["lexicon_version"] == first["lexicon_version"]


def test_with_code_and_index(demo_report: dict, tmp_path: Path) -> None:
    nb = demo_report["html"].parent / "report.ipynb"
    info = report.notebook_to_html(nb, tmp_path / "code.html", title="t", with_code=True)
    code_page = (tmp_path / "code.html").read_text(encoding="utf-8")
    assert "class=\"input_area" in code_page and "key_numbers" in code_page
    assert info["charts"] == demo_report["charts"]
    idx = report.write_index([demo_report, {"html": tmp_path / "code.html", "title": "<b>x</b>"}],
                             tmp_path / "index.html")
    text = idx.read_text(encoding="utf-8")
    assert "&lt;b&gt;x&lt;/b&gt;" in text and "<b>x</b>" not in text


def test_explore_notebook_runs_with_papermill(demo_report: dict, tmp_path: Path) -> None:
    out = tmp_path / "explore.ipynb"
    pm.execute_notebook(str(paths.NOTEBOOKS_DIR / "explore.ipynb"), str(out),
                        parameters={"story": str(demo_report["story_path"]), "corpus": ""},
                        kernel_name="python3", progress_bar=False, cwd=str(paths.NOTEBOOKS_DIR))
    nb = json.loads(out.read_text())
    errors = [o for c in nb["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors


def test_notebooks_are_thin() -> None:
    for nb_path in paths.NOTEBOOKS_DIR.glob("*.ipynb"):
        nb = json.loads(nb_path.read_text())
        for cell in nb["cells"]:
            if cell["cell_type"] != "code" or "parameters" in cell["metadata"].get("tags", []):
                continue
            src = "".join(cell["source"])
            assert "def " not in src and "class " not in src, f"{nb_path.name}: logic in a cell"
            assert len(src.strip().splitlines()) <= 4, f"{nb_path.name}: cell too long:\n{src}"


@pytest.mark.browser
def test_report_renders_in_chromium(demo_report: dict) -> None:
    if find_chromium() is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI: .ci/run must install Debian's chromium")
        pytest.skip("no Chromium here; install Debian's 'chromium' (CI installs it)")
    shot = demo_report["tmp"] / "report.png"
    res = inspect_report(demo_report["html"], screenshot=shot)
    assert res["charts"] == demo_report["charts"] >= 10
    assert res["views"] == res["charts"], res
    assert res["errors"] == [], res["errors"]
    assert res["blocked"] == [], res["blocked"]
    assert res["injected"] is None
    assert "<script>window.__xss=2</script>" in res["text"]
    assert shot.stat().st_size > 10_000


def test_cli_report_help() -> None:
    from toolkit.cli import build_parser

    args = build_parser().parse_args(["report", "a.yml", "b.yml", "--with-code"])
    assert args.stories == ["a.yml", "b.yml"] and args.with_code
