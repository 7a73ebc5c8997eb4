"""Story files: validation errors name key and line; paths are confined; selection works."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from toolkit import paths
from toolkit.schema import coerce_articles
from toolkit.story import Story, StoryError, load_story, parse_story

FIXTURE = Path(__file__).parent / "fixtures" / "compare" / "story.yml"


def write(tmp_path: Path, text: str, name: str = "story.yml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_valid_story_fields_and_derived_paths():
    st = load_story(FIXTURE)
    assert st.title.startswith("Drone attack")
    assert st.slug == "drone-attack-claim-on-the-valdai-residence"
    assert st.path == FIXTURE.resolve()
    assert st.corpus_path == FIXTURE.parent.resolve() / "corpus.duckdb"
    assert st.source_paths == [FIXTURE.parent.resolve() / "pages", "https://example.org/feed.xml"]
    assert st.window.start.isoformat() == "2025-12-29"
    claim = st.claims["residence_attack"]
    assert claim.actors == ["Sergei Lavrov"]
    assert claim.regexes[0].search("the ATTACK ON PUTIN'S RESIDENCE")  # case-insensitive
    ext = st.lexicon_extension()
    assert ext == {"actors": [
        {"name": "Sergei Lavrov", "type": "person", "aliases": ["Lavrov", "Russia's foreign minister"]},
        {"name": "Valdai", "type": "place", "aliases": []},
    ]}


def test_unknown_key_names_key_and_line(tmp_path):
    p = write(tmp_path, "title: T\nkeywords: [a]\nclaims:\n  c1:\n    patterns: [x]\n    colour: red\n")
    with pytest.raises(StoryError) as e:
        load_story(p)
    msg = str(e.value)
    assert "claims.c1.colour" in msg and "line 6" in msg and "unknown key" in msg


def test_unknown_top_level_key(tmp_path):
    p = write(tmp_path, "title: T\nkeywrds: [a]\n")
    with pytest.raises(StoryError, match=r"line 2: unknown key 'keywrds'"):
        load_story(p)


def test_bad_regex_names_claim_and_line(tmp_path):
    p = write(tmp_path, "title: T\nclaims:\n  attack:\n    patterns:\n      - 'ok'\n      - 'bad(regex'\n")
    with pytest.raises(StoryError) as e:
        load_story(p)
    msg = str(e.value)
    assert "claims.attack.patterns[1]" in msg and "line 6" in msg and "bad(regex" in msg


def test_missing_title(tmp_path):
    p = write(tmp_path, "\nkeywords: [drone]\n")
    with pytest.raises(StoryError, match=r"line 2: missing required key 'title'"):
        load_story(p)


def test_wrong_type_and_bad_window(tmp_path):
    p = write(tmp_path, "title: T\nkeywords: drone\n")
    with pytest.raises(StoryError, match=r"line 2: key 'keywords'"):
        load_story(p)
    p = write(tmp_path, "title: T\nwindow:\n  start: 2026-01-05\n  end: 2026-01-01\n")
    with pytest.raises(StoryError, match=r"line 2: key 'window'.*before start"):
        load_story(p)


def test_yaml_is_never_evaluated(tmp_path):
    p = write(tmp_path, "title: !!python/object/apply:os.system ['echo hacked']\n")
    with pytest.raises(StoryError, match="not valid YAML"):
        load_story(p)
    with pytest.raises(StoryError, match="must be a mapping"):
        parse_story("- just\n- a list\n")


def test_path_confinement(tmp_path):
    outside = tmp_path.parent / "elsewhere"
    p = write(tmp_path, f"title: T\ncorpus: {outside / 'c.duckdb'}\n")
    if Path(paths.ROOT).resolve() in outside.resolve().parents:
        pytest.skip("tmp_path lies inside the project root")
    with pytest.raises(StoryError, match=r"line 2: key 'corpus'.*outside"):
        load_story(p)
    p = write(tmp_path, "title: T\nsources:\n  - ok.html\n  - ../../../etc/passwd\n")
    with pytest.raises(StoryError, match=r"line 4: key 'sources\[1\]'.*outside"):
        load_story(p)
    st = load_story(p, allowed_dirs=["/"])
    assert st.source_paths[1] == (tmp_path / "../../../etc/passwd").resolve()
    # paths inside the project root are allowed wherever the story file lives
    p = write(tmp_path, f"title: T\ncorpus: {paths.ROOT / 'data' / 'x.duckdb'}\n")
    assert load_story(p).corpus_path == (paths.ROOT / "data" / "x.duckdb").resolve()


def test_select_keywords_window_outlets():
    st = load_story(FIXTURE)
    arts = coerce_articles([
        {"article_id": "a", "title": "Drone strike on VALDAI", "text": "x", "outlet": "Wire",
         "domain": "wire.example", "published": "2025-12-29T10:00Z", "status": "ok"},
        {"article_id": "b", "title": "Other", "text": "near the residence", "outlet": "State News",
         "domain": "state.example", "published": None, "status": "ok"},
        {"article_id": "c", "title": "Valdai", "text": "", "outlet": "State News",
         "domain": "state.example", "published": "2025-12-31T00:00Z", "status": "ok"},
        {"article_id": "d", "title": "Unrelated", "text": "football", "outlet": "Wire",
         "domain": "wire.example", "published": "2025-12-29T10:00Z", "status": "ok"},
        {"article_id": "e", "title": "Valdai", "text": "", "outlet": "Blog",
         "domain": "blog.example", "published": "2025-12-30T23:59Z", "status": "ok"},
    ])
    got = st.select(arts)
    # a: keyword in title, in window, outlet by domain; b: keyword in text, unknown date kept,
    # outlet by name; c: after the window; d: no keyword; e: outlet not listed
    assert list(got["article_id"]) == ["a", "b"]
    assert st.select(arts.iloc[0:0]).empty


def test_story_in_memory_defaults():
    st = Story(title="T")
    assert st.path is None and st.corpus_path == paths.DEFAULT_CORPUS
    arts = pd.DataFrame({"article_id": ["x"], "title": ["t"], "text": ["u"], "published": [None],
                         "domain": ["d"], "outlet": ["o"]})
    assert len(st.select(arts)) == 1  # no keywords, no window, no outlets: keep all


def test_demo_story_file_validates():
    if not paths.DEMO_STORY.exists():
        pytest.skip(f"demo story not found at {paths.DEMO_STORY}")
    st = load_story(paths.DEMO_STORY)
    assert st.claims and st.keywords and st.actors
    assert st.corpus_path.parent == paths.DEMO_STORY.parent.resolve()
    for claim in st.claims.values():
        assert all(rx.flags & re.IGNORECASE for rx in claim.regexes)
