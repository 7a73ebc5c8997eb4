"""Parameterised reports: papermill runs the report notebook, then one self-contained HTML.

``run(story)`` executes ``notebooks/coverage_report.ipynb`` into ``reports/<story-slug>/``
and writes ``report.ipynb``, ``report.html`` (offline: the Vega libraries are inlined once,
whatever the number of charts), ``tables/*.csv`` and ``provenance.json``.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import html
import json
import platform
import re
import sys
import time
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

# jsonschema (imported by nbformat and altair) imports rfc3987_syntax, when installed, only
# to register its optional "iri" format checks, which nothing here uses; that import builds
# a grammar and costs about 0.7 s in each process (python-jsonschema/jsonschema#1392).
# Skip it unless something loaded it already: jsonschema then simply lacks those two checks.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

import nbformat  # noqa: E402
import pandas as pd  # noqa: E402

from . import __version__, paths  # noqa: E402

REPORT_NOTEBOOK = paths.NOTEBOOKS_DIR / "coverage_report.ipynb"
VEGA_MIME = re.compile(r"^application/vnd\.vegalite\.v\d+[+.]json$")
#: Scripts a rendered notebook must never load: the report renders with no network.
_EXTERNAL = re.compile(r"<(script|link)\b[^>]*\b(?:src|href)\s*=\s*['\"]?(?:https?:)?//[^>]*>"
                       r"(?:\s*</script>)?", re.I)


# --- charts inside notebooks -------------------------------------------------

def _toolkit_renderer(spec: dict, **metadata_: Any) -> dict:
    """Altair renderer: the Vega-Lite spec as its own mimetype plus altair's HTML view.

    JupyterLab shows the chart either way; the report exporter keeps only the spec and
    embeds it with the inlined libraries, so shared reports need no network.
    """
    from altair.vegalite.v6 import display

    bundle: dict = {}
    for part in (display.html_renderer(spec, **metadata_), display.mimetype_renderer(spec, **metadata_)):
        bundle.update(part[0] if isinstance(part, tuple) else part)
    # nbformat only accepts JSON values under "+json" mimetypes; altair names it ".json".
    return {re.sub(r"\.json$", "+json", k) if VEGA_MIME.match(k) else k: v for k, v in bundle.items()}


def enable_notebook_charts() -> None:
    """Register and enable the toolkit's altair renderer (called once by the notebooks)."""
    import altair as alt

    if "toolkit" not in alt.renderers.names():
        alt.renderers.register("toolkit", _toolkit_renderer)
    alt.renderers.enable("toolkit")
    alt.data_transformers.disable_max_rows()


# --- outputs written by the notebook -----------------------------------------

def sha256_file(path: str | Path, chunk: int = 1 << 20) -> str | None:
    p = Path(path)
    if not p.is_file():
        return None
    h = hashlib.sha256()
    with p.open("rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()


def _versions() -> dict[str, str]:
    out = {"toolkit": __version__, "python": platform.python_version()}
    for pkg in ("pandas", "duckdb", "altair", "newspaper4k", "trafilatura", "papermill"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            pass
    return out


def provenance(data: Any, output_dir: str | Path | None = None) -> dict:
    """Where every number came from: story, corpus and its hash, dates, versions, timings."""
    arts: pd.DataFrame = data.articles
    retrieved = arts["retrieved"].dropna() if "retrieved" in arts else pd.Series([], dtype=object)
    published = arts["published"].dropna() if "published" in arts else pd.Series([], dtype=object)
    lex = data.features["lexicon_version"].dropna().unique().tolist() if (
        "lexicon_version" in data.features) else []
    story = data.story
    return {
        "generated": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "story_file": str(story.path),
        "story_sha256": sha256_file(story.path),
        "story_title": story.title,
        "corpus_file": str(data.corpus_path),
        "corpus_sha256": sha256_file(data.corpus_path),
        "articles": int(len(arts)),
        "outlets": int(arts["outlet"].nunique()) if "outlet" in arts else 0,
        "published_range": [str(published.min()), str(published.max())] if len(published) else None,
        "retrieved_range": [str(retrieved.min()), str(retrieved.max())] if len(retrieved) else None,
        "lexicon_versions": lex,
        "versions": _versions(),
        "timings_s": {k: round(v, 3) for k, v in data.timings.items()},
        "annotation": data.annotated,
        "output_dir": str(output_dir) if output_dir else None,
    }


def save_outputs(data: Any, output_dir: str | Path) -> pd.DataFrame:
    """Write ``tables/*.csv`` and ``provenance.json``; returns the provenance as a table."""
    out = Path(output_dir)
    (out / "tables").mkdir(parents=True, exist_ok=True)
    for name, table in data.tables.items():
        table.to_csv(out / "tables" / f"{name}.csv", index=False)
    headlines(data).to_csv(out / "tables" / "headlines.csv", index=False)
    prov = provenance(data, out)
    (out / "provenance.json").write_text(json.dumps(prov, indent=2, default=str), encoding="utf-8")
    flat = {k: v for k, v in prov.items() if not isinstance(v, dict | list)}
    flat.update({f"version {k}": v for k, v in prov["versions"].items()})
    return pd.DataFrame({"item": list(flat), "value": [str(v) for v in flat.values()]})


# --- notebook -> one self-contained HTML page ---------------------------------

@lru_cache(maxsize=4)
def vega_bundle(vl_version: str | None = None) -> str:
    """Vega, Vega-Lite and vega-embed as one script (shipped by vl-convert; cached on disk).

    ``vl_version`` is the Vega-Lite ``major.minor`` the charts were written for (default:
    altair's; passing it spares this process altair's import, about a second).
    """
    import vl_convert as vlc

    if vl_version:
        vl = vl_version
    else:
        import altair as alt

        vl = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    cache = paths.CACHE_DIR / f"vega-bundle-{vlc.__version__}-{vl}.js"
    if cache.is_file():
        return cache.read_text(encoding="utf-8")
    js = vlc.javascript_bundle(vl_version=vl)
    cache.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache.with_suffix(".tmp")
    tmp.write_text(js, encoding="utf-8")
    tmp.replace(cache)
    return js


def _json_for_script(obj: Any) -> str:
    """JSON safe inside <script type="application/json">: no '</script>' breakout."""
    return (json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


_VL_SCHEMA = re.compile(r"/vega-lite/v(\d+)\.(\d+)")


def _chart_outputs(nb: nbformat.NotebookNode) -> Iterator[tuple[dict, str, Any]]:
    """Each chart output of a notebook with its Vega-Lite mimetype and parsed spec."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data") or {}
            mime = next((m for m in data if VEGA_MIME.match(m)), None)
            if mime is None:
                continue
            spec = data[mime]
            yield out, mime, (json.loads(spec) if isinstance(spec, str) else spec)


def _vega_lite_version(nb: nbformat.NotebookNode) -> str | None:
    """``major.minor`` of the Vega-Lite schema named by the notebook's first chart."""
    for _out, _mime, spec in _chart_outputs(nb):
        m = _VL_SCHEMA.search(str(spec.get("$schema", ""))) if isinstance(spec, dict) else None
        return f"{m.group(1)}.{m.group(2)}" if m else None
    return None


def _charts_to_placeholders(nb: nbformat.NotebookNode) -> int:
    """Replace each chart output by a placeholder holding its spec as inert JSON."""
    n = 0
    for out, mime, spec in list(_chart_outputs(nb)):
        n += 1
        out["data"] = {
            "text/html": f'<div class="tk-chart" id="tk-chart-{n}"></div>'
            f'<script type="application/json" class="tk-spec" data-target="tk-chart-{n}">'
            f"{_json_for_script(spec)}</script>",
            "text/plain": f"<chart {n}>",
        }
        out.get("metadata", {}).pop(mime, None)
    return n


_EMBED_JS = """
(function () {
  function fail(target, err) {
    target.setAttribute('data-failed', '1');
    target.textContent = 'chart failed: ' + err;
    console.error('chart failed', err);
  }
  var specs = document.querySelectorAll('script.tk-spec');
  specs.forEach(function (el) {
    var target = document.getElementById(el.getAttribute('data-target'));
    try {
      vegaEmbed(target, JSON.parse(el.textContent), {actions: false, renderer: 'svg'})
        .then(function () { target.setAttribute('data-rendered', '1'); })
        .catch(function (err) { fail(target, err); });
    } catch (err) { fail(target, err); }
  });
})();
"""

_CSS = """
body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d1d1f;
max-width:1100px;margin:2rem auto;padding:0 1.2rem;background:#fff}
h1,h2,h3{line-height:1.25}h1{font-size:1.9rem}h2{margin-top:2.2rem;border-bottom:1px solid #ddd}
.anchor-link{display:none}.prompt{display:none}
table{border-collapse:collapse;font-size:13px;margin:.6rem 0;display:block;overflow-x:auto}
th,td{border:1px solid #e2e2e2;padding:4px 8px;text-align:left!important;vertical-align:top;max-width:520px}
thead th{background:#f5f5f7}tbody tr:nth-child(even){background:#fafafa}
pre{background:#f6f8fa;padding:.6rem;overflow-x:auto;font-size:12.5px}
.input_area pre{border-left:3px solid #9ab}
.tk-chart{margin:1rem 0}.output_stderr{display:none}.tk-note{color:#555;font-size:13px}
footer{margin-top:3rem;color:#666;font-size:12px}
"""


def notebook_to_html(nb_path: str | Path, html_path: str | Path, *, title: str,
                     with_code: bool = False) -> dict:
    """Render an executed notebook as one offline HTML page; returns chart count and size."""
    from nbconvert import HTMLExporter

    nb = nbformat.read(str(nb_path), as_version=4)
    nb = copy.deepcopy(nb)
    if not with_code:  # the parameters cell holds paths only; never shown without code
        nb.cells = [c for c in nb.cells if "injected-parameters" not in c.metadata.get("tags", [])]
    vl_version = _vega_lite_version(nb)
    charts = _charts_to_placeholders(nb)
    exporter = HTMLExporter(template_name="basic")
    exporter.exclude_input = not with_code
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    body, _ = exporter.from_notebook_node(nb)
    body = _EXTERNAL.sub("", body)
    bundle = vega_bundle(vl_version).replace("</script", "<\\/script") if charts else ""
    page = (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>{html.escape(title)}</title><style>{_CSS}</style>"
        + (f"<script>{bundle}</script>" if charts else "")
        + f"</head><body>\n{body}\n<footer>Generated by the newsframe toolkit {__version__} "
        f"on {dt.date.today().isoformat()}. Renders offline.</footer>"
        + (f"<script>{_EMBED_JS}</script>" if charts else "")
        + "</body></html>\n"
    )
    Path(html_path).write_text(page, encoding="utf-8")
    return {"charts": charts, "bytes": len(page.encode("utf-8"))}


def run(story: str | Path, corpus: str | Path | None = None, output: str | Path | None = None,
        *, with_code: bool = False, notebook: str | Path = REPORT_NOTEBOOK,
        timeout: int = 600) -> dict:
    """Execute the report notebook for one story file and write the HTML report."""
    import papermill as pm

    from .story import load_story

    t0 = time.perf_counter()
    st = load_story(story)
    out = Path(output) if output else paths.REPORTS_DIR / st.slug
    out.mkdir(parents=True, exist_ok=True)
    nb_out = out / "report.ipynb"
    params = {"story": str(Path(story).resolve()), "corpus": str(Path(corpus).resolve()) if corpus else "",
              "output_dir": str(out.resolve())}
    t_nb = time.perf_counter()
    pm.execute_notebook(str(notebook), str(nb_out), parameters=params, kernel_name="python3",
                        progress_bar=False, cwd=str(paths.NOTEBOOKS_DIR), execution_timeout=timeout)
    t_html = time.perf_counter()
    info = notebook_to_html(nb_out, out / "report.html", title=st.title, with_code=with_code)
    seconds = time.perf_counter() - t0
    prov_path = out / "provenance.json"
    prov = json.loads(prov_path.read_text(encoding="utf-8")) if prov_path.is_file() else {}
    prov.update({"report_seconds": round(seconds, 2), "report_bytes": info["bytes"],
                 "charts": info["charts"],
                 # where the run's time went outside the notebook's own data preparation
                 "report_timings_s": {"setup": round(t_nb - t0, 3), "notebook": round(t_html - t_nb, 3),
                                      "html": round(seconds - (t_html - t0), 3)}})
    prov_path.write_text(json.dumps(prov, indent=2, default=str), encoding="utf-8")
    return {"html": out / "report.html", "ipynb": nb_out, "tables": out / "tables",
            "provenance": prov_path, "seconds": seconds, "title": st.title, **info}


def write_index(results: Iterable[Mapping[str, Any]], path: str | Path) -> Path:
    """An ``index.html`` listing several reports (titles escaped, relative links)."""
    path = Path(path)
    items = []
    for r in results:
        href = Path(r["html"]).resolve().relative_to(path.parent.resolve()).as_posix() if Path(
            r["html"]).resolve().is_relative_to(path.parent.resolve()) else Path(r["html"]).resolve().as_uri()
        items.append(f'<li><a href="{html.escape(href, quote=True)}">{html.escape(str(r["title"]))}</a>'
                     f' <small>({r.get("charts", 0)} charts, {r.get("seconds", 0):.1f} s)</small></li>')
    page = ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Reports</title>"
            f"<style>{_CSS}</style></head><body><h1>Reports</h1><ul>{''.join(items)}</ul></body></html>\n")
    path.write_text(page, encoding="utf-8")
    return path


def run_many(stories: Iterable[str | Path], corpus: str | Path | None = None,
             output: str | Path | None = None, *, with_code: bool = False) -> list[dict]:
    """One report per story file; with several, also an ``index.html`` beside them."""
    stories = list(stories)
    base = Path(output) if output else paths.REPORTS_DIR
    results = []
    for s in stories:
        from .story import load_story

        dest = (base / load_story(s).slug) if (output and len(stories) > 1) else output
        results.append(run(s, corpus=corpus, output=dest, with_code=with_code))
    if len(results) > 1:
        idx = write_index(results, base / "index.html")
        results.append({"html": idx, "title": "index"})
    return results


# --- what the report notebook calls -------------------------------------------

MEASURED = Path(__file__).with_name("measured.json")


def start(story: str | Path, corpus: str | Path | None = None) -> Any:
    """Notebook entry: enable offline charts and the theme, then prepare the story's data."""
    from . import charts
    from .pipeline import prepare_story

    enable_notebook_charts()
    charts.enable_theme()
    pd.set_option("display.max_colwidth", 400)  # headlines and evidence sentences in full
    pd.set_option("display.max_rows", 400)
    return prepare_story(story, corpus or None)


def headlines(data: Any) -> pd.DataFrame:
    """Headlines side by side: one row per article, earliest first (text is escaped on display)."""
    a = data.articles
    if a.empty:
        return pd.DataFrame(columns=["published", "outlet", "outlet_type", "title", "copy_of"])
    out = pd.DataFrame({
        "published": a["published"].dt.strftime("%Y-%m-%d %H:%M").fillna("unknown"),
        "outlet": a["outlet"],
        "outlet_type": a["outlet_type"],
        "title": a["title"],
        "copy": ~a["is_original"].fillna(True).astype(bool) if "is_original" in a else False,
    })
    return out.sort_values(["published", "outlet"]).reset_index(drop=True)


#: Rows of a table shown in the report; every row is in ``tables/<name>.csv``.
SHOW_ROWS = 100


class TablePreview:
    """The first rows of a long table plus a line naming the CSV file that has every row.

    Displays as pandas does (cells HTML-escaped), so the report stays small and readable
    with 2,000 articles or 200 outlets.
    """

    def __init__(self, df: pd.DataFrame, name: str, rows: int) -> None:
        self.df, self.name, self.rows = df, name, rows

    def note(self) -> str:
        return (f"Showing the first {self.rows} of {len(self.df)} rows; every row is in "
                f"tables/{self.name}.csv.")

    def _repr_html_(self) -> str:
        return (f'<p class="tk-note">{html.escape(self.note())}</p>'
                + (self.df.head(self.rows)._repr_html_() or ""))

    def __repr__(self) -> str:
        return self.note() + "\n" + repr(self.df.head(self.rows))


#: The columns a reader needs on the page; ``tables/<name>.csv`` keeps every column.
READING_COLUMNS = {
    "claims": ["claim", "outlet", "status", "evidence", "title", "reason", "rebuttal"],
    "headline_gap": ["outlet", "title", "claim", "body_status", "evidence", "reason"],
}


def show_table(df: pd.DataFrame, name: str, rows: int = SHOW_ROWS) -> pd.DataFrame | TablePreview:
    """A table for the report: its reading columns, all rows when short, else the first
    ``rows`` rows and a note naming the CSV with everything."""
    cols = [c for c in READING_COLUMNS.get(name, []) if c in df.columns]
    if cols:
        df = df[cols].reset_index(drop=True)
    return df if len(df) <= rows else TablePreview(df, name, rows)


def key_numbers(data: Any) -> str:
    """A few deterministic lines: articles, outlets, days and the claims matrix in words."""
    a = data.articles
    lines = [f"{len(a)} articles from {a['outlet'].nunique()} outlets"]
    pub = a["published"].dropna()
    if len(pub):
        lines[0] += f", published {pub.min():%Y-%m-%d} to {pub.max():%Y-%m-%d}"
    claims = data.tables.get("claims")
    if claims is not None and len(claims):
        for claim, grp in claims.groupby("claim", sort=True):
            counts = grp["status"].value_counts().sort_index()
            lines.append(f"{claim}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return "\n".join(lines)


def methods() -> str:
    """Markdown: what the annotators catch and miss, with this version's measured figures."""
    figures = json.loads(MEASURED.read_text(encoding="utf-8")) if MEASURED.is_file() else {}
    rows = "\n".join(
        f"| {html.escape(b)} | {html.escape(str(v.get('figure', '')))} | {html.escape(str(v.get('goal', '')))} "
        f"| {html.escape(str(v.get('note', '')))} |"
        for b, v in figures.get("benchmarks", {}).items()
    )
    table = ("| benchmark | measured | goal | note |\n|---|---|---|---|\n" + rows) if rows else (
        "_No benchmark figures recorded for this version._")
    return figures.get("limits", "") + "\n\n" + table


def show_markdown(text: str) -> Any:
    """Display Markdown written by the toolkit (never article text) in a notebook."""
    from IPython.display import Markdown

    return Markdown(text)


def show_html(fragment: str) -> Any:
    """Display an HTML fragment built by the toolkit (article text inside is escaped)."""
    from IPython.display import HTML

    return HTML(fragment)


def refresh_checked_outputs(notebook: str | Path, **parameters: Any) -> int:
    """Re-run a notebook and store only the outputs of its ``# NBVAL_CHECK_OUTPUT`` cells.

    nbval compares those cells with the stored outputs; every other output is cleared so the
    committed notebook stays small. Returns the number of checked cells.
    """
    import tempfile

    import papermill as pm

    notebook = Path(notebook)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / notebook.name
        pm.execute_notebook(str(notebook), str(out), parameters=parameters or None,
                            kernel_name="python3", progress_bar=False, cwd=str(notebook.parent))
        ran = nbformat.read(str(out), as_version=4)
    nb = nbformat.read(str(notebook), as_version=4)
    by_source = {c.source: c for c in ran.cells if c.cell_type == "code"}
    checked = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.execution_count = None
        cell.outputs = []
        if "NBVAL_CHECK_OUTPUT" in cell.source and cell.source in by_source:
            cell.outputs = by_source[cell.source].outputs
            cell.execution_count = by_source[cell.source].execution_count  # nbval: "was run"
            checked += 1
    nbformat.write(nb, str(notebook))
    return checked
