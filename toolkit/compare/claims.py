"""Claims matrix and headline gaps: does an outlet present a claim as fact or as someone's claim?"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from ._common import attr, empty, ok_articles, spans_of

#: Statuses from "presented as fact" to "not mentioned" (the order charts use).
STATUSES = ("asserted", "attributed", "hedged", "distanced", "disputed", "absent")
#: Precedence when several sentences or articles disagree: the first present wins.
PRECEDENCE = ("asserted", "disputed", "distanced", "hedged", "attributed", "absent")
_RANK = {s: i for i, s in enumerate(PRECEDENCE)}

DISPUTE_EVIDENCE = ("counter", "no_evidence", "unverified")
HEDGE_EVIDENCE = ("hedge", "conditional")
DISTANCING_CUES = ("distancing",)
#: "X accused Y of Z" reports Z as X's accusation without the reporter's doubt: attributed.
ATTRIBUTING_CUES = ("neutral", "accusing")
#: Factive cues ("confirmed", "revealed", "showed") present their content as fact.
ENDORSING_CUES = ("endorsing",)

#: Bounds on untrusted text: evidence kept, characters of a sentence / an article searched.
MAX_EVIDENCE_CHARS = 2000
MAX_SENTENCE_CHARS = 10_000
MAX_SEARCH_CHARS = 1_000_000

CLAIM_COLUMNS = [
    "claim", "outlet", "outlet_type", "status", "evidence", "in_title", "article_id", "title",
    "url", "published", "source", "reason", "rebuttal",
    *(f"n_{s}" for s in STATUSES), "n_articles",
]
ARTICLE_CLAIM_COLUMNS = [
    "claim", "article_id", "outlet", "outlet_type", "published", "title", "url", "status",
    "evidence", "in_title", "source", "reason", "rebuttal", "sentences",
]
SENTENCE_CLAIM_COLUMNS = [
    "claim", "article_id", "outlet", "in_title", "sentence_start", "sentence_end", "match",
    "evidence", "status", "reason", "source",
]
GAP_COLUMNS = [
    "article_id", "outlet", "outlet_type", "published", "title", "url", "claim", "body_status",
    "evidence", "reason",
]

_SENT_FALLBACK = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'”»)]*|$)")


# --- inputs -------------------------------------------------------------------


def _patterns_of(spec: Any) -> list[re.Pattern[str]]:
    if isinstance(spec, str | re.Pattern):
        pats = [spec]
    elif isinstance(spec, Mapping):
        pats = spec.get("patterns") or []
    elif hasattr(spec, "patterns"):
        pats = spec.patterns
    else:
        pats = list(spec or [])
    out = []
    for p in pats:
        out.append(p if isinstance(p, re.Pattern) else re.compile(str(p), re.IGNORECASE))
    return out


def normalise_claims(story_claims: Any) -> dict[str, list[re.Pattern[str]]]:
    """Claim name -> compiled patterns, from a ``Story``, its ``claims`` mapping (``Claim``
    models or dicts with ``patterns``), or a plain mapping name -> pattern(s)."""
    if story_claims is None:
        return {}
    if hasattr(story_claims, "claims") and not isinstance(story_claims, Mapping):
        story_claims = story_claims.claims
    return {str(name): _patterns_of(spec) for name, spec in dict(story_claims).items()}


# --- sentences and matches -------------------------------------------------------


def _sentences(arts: pd.DataFrame, spans: pd.DataFrame) -> pd.DataFrame:
    """Sentence ranges per (article, in_title): the sentence layer, else a simple split."""
    cols = ["article_id", "in_title", "s_start", "s_end"]
    s = spans_of(spans, arts, layers=("sentence",))
    have = s[["article_id", "in_title", "start", "end"]].rename(
        columns={"start": "s_start", "end": "s_end"})
    have_keys = set(zip(have["article_id"], have["in_title"], strict=True))
    extra = []
    for aid, title, text in zip(arts["article_id"], arts["title"], arts["text"], strict=True):
        if (aid, True) not in have_keys and isinstance(title, str) and title.strip():
            extra.append((aid, True, 0, len(title)))
        if (aid, False) not in have_keys and isinstance(text, str):
            extra += [(aid, False, m.start(), m.end()) for m in _SENT_FALLBACK.finditer(text)
                      if m.group().strip()]
    out = pd.concat([have, pd.DataFrame(extra, columns=cols)], ignore_index=True)
    out["s_start"] = out["s_start"].astype("int64")
    out["s_end"] = out["s_end"].astype("int64")
    out["in_title"] = out["in_title"].astype(bool)
    return out[cols]


def _candidates(arts: pd.DataFrame, claims: dict[str, list[re.Pattern[str]]]
                ) -> dict[tuple[str, bool], list[str]]:
    """(article_id, in_title) -> claims whose patterns match that title or text anywhere
    (a superset of the sentence matches, found with one search per field and claim)."""
    out: dict[tuple[str, bool], list[str]] = {}
    for aid, title, text in zip(arts["article_id"], arts["title"], arts["text"], strict=True):
        for in_title, field in ((True, title), (False, text)):
            if isinstance(field, str) and field:
                field = field[:MAX_SEARCH_CHARS]
                hit = [n for n, ps in claims.items() if any(p.search(field) for p in ps)]
                if hit:
                    out[(aid, in_title)] = hit
    return out


def _find(arts: pd.DataFrame, sents: pd.DataFrame, claims: dict[str, list[re.Pattern[str]]],
          cand: dict[tuple[str, bool], list[str]]) -> pd.DataFrame:
    """Claim matches inside single sentences (a match never spans two sentences)."""
    info = arts.drop_duplicates("article_id")
    titles = dict(zip(info["article_id"], info["title"].astype(object), strict=True))
    texts = dict(zip(info["article_id"], info["text"].astype(object), strict=True))
    rows = []
    for aid, in_title, a, b in zip(sents["article_id"], sents["in_title"], sents["s_start"],
                                   sents["s_end"], strict=True):
        names = cand.get((aid, bool(in_title)))
        src = titles.get(aid) if in_title else texts.get(aid)
        if not names or not isinstance(src, str):
            continue
        sentence = src[a:min(b, a + MAX_SENTENCE_CHARS)]
        for name in names:
            for p in claims[name]:
                m = p.search(sentence)
                if m and m.end() > m.start():
                    rows.append((name, aid, bool(in_title), a + m.start(), a + m.end(), a, b))
                    break  # one match per claim and sentence decides it
    return pd.DataFrame(rows, columns=["claim", "article_id", "in_title", "m_start", "m_end",
                                       "s_start", "s_end"])


def _locate(points: pd.DataFrame, sents: pd.DataFrame, at: str) -> pd.DataFrame:
    """Attach the sentence holding offset column ``at`` (per article and title/body)."""
    left = points.assign(_at=points[at].astype("int64"),
                         article_id=points["article_id"].astype(str),
                         in_title=points["in_title"].astype(bool)).sort_values("_at", kind="stable")
    right = sents.assign(article_id=sents["article_id"].astype(str),
                         in_title=sents["in_title"].astype(bool)).sort_values("s_start", kind="stable")
    out = pd.merge_asof(left, right, left_on="_at", right_on="s_start",
                        by=["article_id", "in_title"], direction="backward")
    # an offset before the first sentence: take the span itself as its sentence
    miss = out["s_start"].isna()
    out.loc[miss, "s_start"] = out.loc[miss, "_at"]
    if "m_end" in out.columns:
        out.loc[miss, "s_end"] = out.loc[miss, "m_end"]
    out["s_end"] = out["s_end"].fillna(out["_at"] + 1)
    out["s_start"] = out["s_start"].astype("int64")
    out["s_end"] = np.maximum(out["s_end"].astype("int64"), out["s_start"] + 1)
    return out.drop(columns="_at")


def _sentence_text(df: pd.DataFrame, arts: pd.DataFrame) -> pd.Series:
    info = arts.drop_duplicates("article_id")
    titles = dict(zip(info["article_id"], info["title"].astype(object), strict=True))
    texts = dict(zip(info["article_id"], info["text"].astype(object), strict=True))
    out = []
    for aid, t, a, b in zip(df["article_id"], df["in_title"], df["s_start"], df["s_end"],
                            strict=True):
        src = titles.get(aid) if t else texts.get(aid)
        out.append(src[a:b].strip()[:MAX_EVIDENCE_CHARS] if isinstance(src, str) else None)
    return pd.Series(out, index=df.index, dtype="object")


_LABEL_PREFIX = re.compile(
    r"^\s*(breaking|update[d]?|live|exclusive|analysis|opinion|watch|video|explainer|factbox"
    r"|fact check|photos?)\s*:", re.IGNORECASE)
_SPEAKER_PREFIX = re.compile(r"^\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*:\s+\S")
_SPEAKER_SUFFIX = re.compile(r"\s[-–—]\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*$")
_QUOTED = re.compile(r"[\"“”«»„]|(?:^|\s)'\w")


def _headline_form(title: Any) -> str:
    """Why a headline's form attributes or questions its statement ('' when it does not)."""
    t = title if isinstance(title, str) else ""
    if not t.strip():
        return "no headline"
    if t.rstrip().endswith("?"):
        return "headline is a question"
    if _QUOTED.search(t):
        return "headline quotes someone"
    if (_SPEAKER_PREFIX.search(t) and not _LABEL_PREFIX.search(t)) or _SPEAKER_SUFFIX.search(t):
        return "headline names a speaker (X: ... / ... - X)"
    return ""


def _quote(text: Any) -> str:
    t = re.sub(r"\s+", " ", str(text or "")).strip()
    return repr(t[:80])


# --- classification -------------------------------------------------------------------


def _classify(arts: pd.DataFrame, spans: pd.DataFrame, matches: pd.DataFrame) -> pd.DataFrame:
    """One row per (claim, article, sentence) matching a claim, with its sentence status."""
    m = (matches.sort_values(["claim", "article_id", "in_title", "s_start", "m_start"])
          .drop_duplicates(["claim", "article_id", "in_title", "s_start"])
          .reset_index(drop=True))
    m["idx"] = np.arange(len(m))
    r = spans_of(spans, arts[arts["article_id"].isin(m["article_id"])],
                 layers=("attribution", "evidentiality", "quote"))
    r = r[["article_id", "in_title", "layer", "label", "role", "group", "start", "end", "text",
           "attrs"]]
    j = m[["idx", "article_id", "in_title", "s_start", "s_end", "m_start", "m_end"]].merge(
        r, on=["article_id", "in_title"])
    in_sent = (j["start"] < j["s_end"]) & (j["end"] > j["s_start"])
    is_attr = j["layer"] == "attribution"
    ev = j[in_sent & (j["layer"] == "evidentiality")]
    # quotation marks: a direct quote holding the match attributes it; scare quotes on the
    # claim's words ("the 'attack'") distance the outlet from it
    on_match = (j["start"] < j["m_end"]) & (j["end"] > j["m_start"])
    q = j[(j["layer"] == "quote") & on_match]
    q_direct = q[(q["label"] == "direct") & (q["start"] <= q["m_start"]) & (q["end"] >= q["m_end"])]
    q_scare = q[q["label"] == "scare"]
    # attribution groups whose content covers the claim match
    content = j[is_attr & (j["role"] == "content") & (j["start"] < j["m_end"])
                & (j["end"] > j["m_start"])]
    covering = content[["idx", "article_id", "in_title", "group"]].dropna(subset=["group"])
    covering = covering.drop_duplicates()
    attr_r = r[r["layer"] == "attribution"]
    cue_cols = ["article_id", "in_title", "group", "label", "text", "start", "end"]
    cues_all = attr_r[attr_r["role"] == "cue"][cue_cols]
    # cues applying to the claim: those of attributions whose content covers the match
    # (wherever the cue sits, e.g. after a multi-sentence quote); when no content covers
    # it, every cue in the claim sentence (annotators' content boundaries are not perfect).
    # An accusing cue inside the match itself is the claim's own predicate ("drones
    # attacked the residence"), not an attribution of it, and never applies (a reporting
    # verb inside the match, "a video that it said showed debris", does).
    c1 = covering.merge(cues_all.dropna(subset=["group"]), on=["article_id", "in_title", "group"])
    c1 = c1.merge(m[["idx", "m_start", "m_end"]], on="idx")
    def own_words_of(df: pd.DataFrame) -> pd.Series:
        return ((df["start"] < df["m_end"]) & (df["end"] > df["m_start"])
                & (df["label"] == "accusing"))

    own_words = c1[own_words_of(c1)]
    if not own_words.empty:  # an "attribution" whose cue is the claim's own verb: not one
        bad = set(zip(own_words["idx"], own_words["group"], strict=True))
        keep = [(i, g) not in bad for i, g in zip(covering["idx"], covering["group"], strict=True)]
        covering = covering[np.asarray(keep, dtype=bool)]
    sc = j[in_sent & is_attr & (j["role"] == "cue") & ~j["idx"].isin(covering["idx"])]
    cues = pd.concat([c1, sc], ignore_index=True)
    cues = cues[~own_words_of(cues)]
    cues = cues[["idx", "article_id", "in_title", "group", "label", "text"]].drop_duplicates(
        ["idx", "group", "label", "text"])
    # source names of the applying attributions
    srcs = attr_r[attr_r["role"] == "source"]
    srcs = srcs.assign(name=attr(srcs["attrs"], "canonical", "antecedent").fillna(srcs["text"]))
    grp_src = (srcs.dropna(subset=["group"]).drop_duplicates(["article_id", "group"])
               .set_index(["article_id", "group"])["name"])
    groups = pd.concat([covering[["idx", "article_id", "group"]], cues[["idx", "article_id", "group"]]])
    groups = groups.dropna(subset=["group"])
    if not groups.empty and not grp_src.empty:
        key = pd.MultiIndex.from_frame(groups[["article_id", "group"]])
        groups = groups.assign(name=grp_src.reindex(key).to_numpy()).dropna(subset=["name"])
        source = groups.groupby("idx")["name"].first()
    else:
        source = pd.Series(dtype="object")

    def first(df: pd.DataFrame, mask: pd.Series, what: str) -> pd.Series:
        sel = df[mask]
        return (sel["label"].astype(str) + f" {what} " + sel["text"].map(_quote)).groupby(
            sel["idx"]).first()

    reasons = {
        "disputed": first(ev, ev["label"].isin(DISPUTE_EVIDENCE), "statement"),
        "distanced": pd.concat([
            first(cues, cues["label"].isin(DISTANCING_CUES), "cue"),
            first(q_scare, q_scare["label"] == "scare", "quotes around"),
        ]).groupby(level=0).first(),
        "hedged": first(ev, ev["label"].isin(HEDGE_EVIDENCE), "marker"),
        "attributed": pd.concat([
            first(cues, cues["label"].isin(ATTRIBUTING_CUES), "cue"),
            first(cues, cues["label"] == "denying", "cue (reported inside a denial)"),
            pd.Series("inside attributed content",
                      index=np.setdiff1d(covering["idx"].unique(), cues["idx"].unique())),
            first(q_direct, q_direct["label"] == "direct", "quote"),
        ]).groupby(level=0).first(),
    }
    plain_reason = "no attribution, hedge or dispute marker on the claim sentence"
    m["status"] = "asserted"
    m["reason"] = plain_reason
    # endorsing cues are factive ("confirmed", "showed"): they present the content as fact
    endorsed = first(cues, cues["label"].isin(ENDORSING_CUES), "cue presents it as fact:")
    m.loc[m["idx"].isin(endorsed.index), "reason"] = m["idx"].map(endorsed)
    for status in ("attributed", "hedged", "distanced", "disputed"):  # later wins
        rs = reasons[status]
        hit = m["idx"].isin(rs.index)
        m.loc[hit, "status"] = status
        m.loc[hit, "reason"] = m.loc[hit, "idx"].map(rs)
    # headlines attribute by form too: "Lavrov: ...", "... - Lavrov", a quoted headline
    titles = arts.drop_duplicates("article_id").set_index("article_id")["title"]
    plain = m["in_title"].astype(bool) & (m["reason"] == plain_reason)
    form = m.loc[plain, "article_id"].map(titles).map(_headline_form)
    form = form[form != ""]
    m.loc[form.index, "status"] = "attributed"
    m.loc[form.index, "reason"] = form
    m["source"] = m["idx"].map(source).astype("object")
    m["evidence"] = _sentence_text(m, arts)
    idx = arts.drop_duplicates("article_id").set_index("article_id")
    m["outlet"] = m["article_id"].map(idx["outlet"])
    titles_d = dict(zip(idx.index, idx["title"].astype(object), strict=True))
    texts_d = dict(zip(idx.index, idx["text"].astype(object), strict=True))
    m["match"] = [
        (titles_d[a] if t else texts_d[a])[s:e][:300]
        for a, t, s, e in zip(m["article_id"], m["in_title"], m["m_start"], m["m_end"], strict=True)
    ]
    return m.rename(columns={"s_start": "sentence_start", "s_end": "sentence_end"})


def _rebuttals(arts: pd.DataFrame, spans: pd.DataFrame, sents: pd.DataFrame,
               ids: pd.Series) -> pd.Series:
    """article_id -> the first sentence carrying a denial, counter, no-evidence or
    unverified statement (headline first), for articles in ``ids``."""
    s = spans_of(spans, arts[arts["article_id"].isin(ids)], layers=("attribution", "evidentiality"))
    s = s[((s["layer"] == "evidentiality") & s["label"].isin(DISPUTE_EVIDENCE))
          | ((s["layer"] == "attribution") & (s["role"] == "cue") & (s["label"] == "denying"))]
    if s.empty:
        return pd.Series(dtype="object")
    s = s.sort_values(["article_id", "in_title", "start"], ascending=[True, False, True])
    s = s.drop_duplicates("article_id")[["article_id", "in_title", "start", "end"]]
    s = s.rename(columns={"end": "m_end"})
    loc = _locate(s, sents, "start")
    loc["text"] = _sentence_text(loc, arts)
    return loc.set_index("article_id")["text"]


def _pick(df: pd.DataFrame, keys: list[str], order: list[str], ascending: list[bool]
          ) -> pd.DataFrame:
    """The deciding row per ``keys``: best precedence rank, then ``order``."""
    df = df.assign(_rank=df["status"].map(_RANK))
    df = df.sort_values(["_rank", *order], ascending=[True, *ascending], na_position="last",
                        kind="stable")
    return df.drop_duplicates(keys).drop(columns="_rank")


def claims(articles: pd.DataFrame, spans: pd.DataFrame, story_claims: Any, *,
           by: str = "outlet", dispute_scope: str = "sentence") -> pd.DataFrame:
    """How each outlet (or article) presents each story claim, with the deciding evidence.

    **Sentence rule.** A claim is found by its regexes (case-insensitive), matched per
    sentence (the ``sentence`` layer, or a simple split when it is missing) of the headlines
    and bodies of "ok" articles, so a match never spans two sentences. Each matching
    sentence is classified by the annotations touching it; the first rule that fires wins:

    1. ``disputed``: the outlet's own words contest it: a ``counter``, ``no_evidence`` or
       ``unverified`` statement in the sentence ("claimed, without providing evidence, that
       ...", "which could not be verified");
    2. ``distanced``: a ``distancing`` cue applies ("Lavrov claimed that ..."), or the
       claim's words sit in scare quotes (the "attack");
    3. ``hedged``: a ``hedge`` or ``conditional`` marker is in the sentence ("the alleged
       attack", "if confirmed");
    4. ``attributed``: a ``neutral`` or ``accusing`` cue applies ("X said", "according to
       X", "X accused Y of ..."), or the claim is reported inside someone's denial ("Kyiv
       denied that ..."), inside a direct quote, or inside an attribution's content; a
       headline whose form names a speaker ("Lavrov: ...", "... - Lavrov") or quotes counts
       too;
    5. ``asserted``: none of these: the outlet states the claim in its own voice. An
       ``endorsing`` (factive) cue ("confirmed", "revealed", "showed") also presents its
       content as fact and stays ``asserted``.

    A cue *applies* when the claim lies inside its attribution's content span (wherever the
    cue sits, so multi-sentence quotes count); when no content span covers the claim, every
    cue of the sentence applies. An ``accusing`` cue inside the matched words is the claim's
    own predicate ("drones attacked the residence") and is ignored. Reported denials leave
    the claim ``attributed`` because they are another party's voice, not the outlet's: the
    outlet that carries them is visible in ``rebuttal`` here and in
    ``evidentiality(...).mentions_denial``. With ``dispute_scope="article"`` an article whose
    claim is not asserted becomes ``disputed`` as soon as it carries a denial, counter,
    no-evidence or unverified statement anywhere.

    **Article.** Body sentences first: if the body asserts the claim anywhere, the article
    is ``asserted``; otherwise the most sceptical status among its body and headline
    sentences wins (disputed > distanced > hedged > attributed). A plain headline decides
    only when the body never mentions the claim; when the body qualifies what the headline
    states, that mismatch is reported by :func:`headline_gap`.

    **Outlet.** ``PRECEDENCE`` = asserted > disputed > distanced > hedged > attributed >
    absent over its articles: asserting a claim once is what a fact-checker flags, and
    otherwise the most sceptical framing the outlet gave it characterises its coverage.
    The deciding sentence (for an outlet, from its earliest article with the winning
    status) is returned as ``evidence`` with its ``article_id``, ``title``, ``url``,
    ``reason`` (the marker that decided it) and ``source`` (to whom the claim is attributed
    there). ``rebuttal`` is the article's first denial/counter sentence, if any. The
    ``n_<status>`` columns give the full breakdown of the outlet's articles (``n_absent``:
    articles about the story that do not mention the claim).

    ``by``: "outlet" (claim x outlet grid over every outlet with coverage; ``absent`` cells
    have no evidence), "article" (claim x article grid) or "sentence" (every matching
    sentence with its status).
    """
    if by not in ("outlet", "article", "sentence"):
        raise ValueError(f"by={by!r}: use 'outlet', 'article' or 'sentence'")
    if dispute_scope not in ("sentence", "article"):
        raise ValueError(f"dispute_scope={dispute_scope!r}: use 'sentence' or 'article'")
    cols = {"outlet": CLAIM_COLUMNS, "article": ARTICLE_CLAIM_COLUMNS,
            "sentence": SENTENCE_CLAIM_COLUMNS}[by]
    arts = ok_articles(articles)
    pats = normalise_claims(story_claims)
    if arts.empty or not pats:
        return empty(cols)
    hits = _candidates(arts, pats)
    cand = arts[arts["article_id"].isin({aid for aid, _ in hits})]
    sents = _sentences(cand, spans)
    matches = _find(cand, sents, pats, hits) if len(cand) else pd.DataFrame()
    if matches.empty:
        sent = empty(SENTENCE_CLAIM_COLUMNS)
    else:
        sent = _classify(arts, spans, matches)
    if by == "sentence":
        return sent[SENTENCE_CLAIM_COLUMNS].reset_index(drop=True) if len(sent) else sent

    # --- per article
    if len(sent):
        # article rank: body asserted (0) < disputed < distanced < hedged < attributed <
        # headline asserted (5): a plain headline decides only when the body never
        # qualifies the claim (otherwise it is a headline gap, see headline_gap)
        rank = sent["status"].map({"asserted": 0, "disputed": 1, "distanced": 2, "hedged": 3,
                                   "attributed": 4}).astype("int64")
        rank = rank.where(~(sent["in_title"].astype(bool) & (sent["status"] == "asserted")), 5)
        per_art = (sent.assign(_r=rank)
                   .sort_values(["_r", "in_title", "sentence_start"],
                                ascending=[True, False, True], kind="stable")
                   .drop_duplicates(["claim", "article_id"]))
        per_art = per_art[["claim", "article_id", "status", "evidence", "in_title", "source",
                           "reason"]].copy()
        n_sent = sent.groupby(["claim", "article_id"]).size()
        per_art["sentences"] = pd.MultiIndex.from_frame(per_art[["claim", "article_id"]]).map(
            lambda k: int(n_sent.get(k, 0)))
        reb = _rebuttals(arts, spans, sents, per_art["article_id"])
        per_art["rebuttal"] = per_art["article_id"].map(reb).astype("object")
        if dispute_scope == "article":
            up = per_art["rebuttal"].notna() & (per_art["status"] != "asserted")
            up &= per_art["status"] != "disputed"
            per_art.loc[up, "reason"] = (per_art.loc[up, "reason"].astype(str)
                                         + "; the article also carries a denial or counter statement")
            per_art.loc[up, "status"] = "disputed"
    else:
        per_art = empty(["claim", "article_id", "status", "evidence", "in_title", "source",
                         "reason", "sentences", "rebuttal"])
    grid = pd.MultiIndex.from_product([list(pats), arts["article_id"].unique()],
                                      names=["claim", "article_id"]).to_frame(index=False)
    full = grid.merge(per_art, on=["claim", "article_id"], how="left")
    full["status"] = full["status"].fillna("absent")
    full["sentences"] = full["sentences"].fillna(0).astype("int64")
    info = arts.drop_duplicates("article_id").set_index("article_id")
    for col in ("outlet", "outlet_type", "published", "title", "url"):
        full[col] = full["article_id"].map(info[col])
    full["published"] = pd.to_datetime(full["published"], utc=True)
    full["in_title"] = full["in_title"].astype("boolean")
    if by == "article":
        return full[ARTICLE_CLAIM_COLUMNS].reset_index(drop=True)

    # --- per outlet
    counts = (full.groupby(["claim", "outlet", "status"]).size().unstack("status")
              .reindex(columns=list(STATUSES)).fillna(0).astype("int64"))
    counts.columns = [f"n_{c}" for c in counts.columns]
    best = _pick(full, ["claim", "outlet"], ["published", "article_id"], [True, True])
    absent = best["status"] == "absent"
    for col in ("evidence", "in_title", "article_id", "title", "url", "published", "source",
                "reason", "rebuttal"):
        best[col] = best[col].where(~absent, None) if col != "published" else best[col].where(
            ~absent)
    out = best.merge(counts.reset_index(), on=["claim", "outlet"], how="left")
    out["n_articles"] = out[[f"n_{s}" for s in STATUSES]].sum(axis=1).astype("int64")
    for col in ("evidence", "source", "reason", "rebuttal", "title", "url", "article_id"):
        out[col] = out[col].astype("object").where(out[col].notna(), None)
    out["_c"] = pd.Categorical(out["claim"], categories=list(pats), ordered=True)
    out = out.sort_values(["_c", "outlet"]).drop(columns="_c")
    return out[CLAIM_COLUMNS].reset_index(drop=True)


# --- headline gap ---------------------------------------------------------------------

_STOP = frozenset("""
a an the and or but of to in on at for from by with as is are was were be been being has have
had it its this that these those after before over under into about says said say will would
could may might not no than then there their they he she his her we our you your who which
what when where how why new amid against up out more most also just one two three
""".split())
_WORD = re.compile(r"[^\W\d_][\w'’-]{2,}")


@lru_cache(maxsize=1 << 16)  # words repeat across sentences: normalise each once
def _norm_word(w: str) -> str:
    w = re.sub(r"['’]s$", "", w.lower()).strip("'’-")
    return w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w


def _words(text: str) -> set[str]:
    """Content words, lower-cased, possessive and plural -s removed."""
    return {_norm_word(w) for w in _WORD.findall(text or "")} - _STOP


def _title_marked(arts: pd.DataFrame, spans: pd.DataFrame) -> pd.Series:
    """article_id -> why its headline is not a bare assertion ('' when it is one)."""
    s = spans_of(spans, arts, layers=("attribution", "evidentiality", "quote"))
    s = s[s["in_title"]]
    s = s[(s["layer"] == "attribution") | (s["layer"] == "quote")
          | s["label"].isin((*DISPUTE_EVIDENCE, *HEDGE_EVIDENCE))]
    by_span = (s["layer"].astype(str) + " " + s["label"].astype(str) + " "
               + s["text"].map(_quote)).groupby(s["article_id"]).first()
    out = {aid: (f"headline has {by_span[aid]}" if aid in by_span.index else _headline_form(t))
           for aid, t in zip(arts["article_id"], arts["title"], strict=True)}
    return pd.Series(out, dtype="object")


def headline_gap(articles: pd.DataFrame, spans: pd.DataFrame, story_claims: Any = None, *,
                 min_overlap: float = 0.5) -> pd.DataFrame:
    """Articles whose headline asserts what their body hedges or attributes.

    A headline *asserts* when it has no attribution, quote, hedge, conditional, counter,
    no-evidence or unverified span, is not a question, quotes no one and names no speaker
    ("Lavrov: ...", "... - Lavrov"). Such an article is listed when

    * its headline matches a story claim and the body's sentences matching that claim are
      never asserted (their aggregated status, see :func:`claims`, is attributed, hedged,
      distanced or disputed): ``evidence`` is the body sentence that decided it; or
    * (no claim matched) a body sentence carrying an attribution cue or a hedge/dispute
      marker shares at least ``min_overlap`` of the headline's content words (and at least
      two): the body restates the headline as someone's claim or with a hedge.

    ``reason`` says which marker the body used.
    """
    arts = ok_articles(articles)
    if arts.empty:
        return empty(GAP_COLUMNS)
    marked = _title_marked(arts, spans)
    bare = arts[arts["article_id"].map(marked).fillna("") == ""]
    if bare.empty:
        return empty(GAP_COLUMNS)
    rows: list[dict[str, Any]] = []
    done: set[str] = set()
    pats = normalise_claims(story_claims)
    if pats:
        sent = claims(bare, spans, pats, by="sentence")
        if len(sent):
            title_hit = sent[sent["in_title"].astype(bool)]
            body = sent[~sent["in_title"].astype(bool)]
            body_best = _pick(body, ["claim", "article_id"], ["sentence_start"], [True])
            pairs = title_hit[title_hit["status"] == "asserted"][["claim", "article_id"]]
            gap = pairs.drop_duplicates().merge(body_best, on=["claim", "article_id"])
            # the body restates the claim as fact: decided here, no lexical fallback
            restated = set(gap.loc[gap["status"] == "asserted", "article_id"])
            gap = gap[gap["status"] != "asserted"]
            for r in gap.itertuples(index=False):
                if r.article_id in done:
                    continue
                done.add(r.article_id)
                rows.append({"article_id": r.article_id, "claim": r.claim,
                             "body_status": r.status, "evidence": r.evidence,
                             "reason": f"headline asserts claim {r.claim!r}; body is {r.status}: "
                                       f"{r.reason}"})
            done |= restated
    rest = bare[~bare["article_id"].isin(done)]
    if not rest.empty:
        rows += _lexical_gaps(rest, spans, min_overlap)
    if not rows:
        return empty(GAP_COLUMNS)
    out = pd.DataFrame(rows)
    info = arts.drop_duplicates("article_id").set_index("article_id")
    for col in ("outlet", "outlet_type", "published", "title", "url"):
        out[col] = out["article_id"].map(info[col])
    out["published"] = pd.to_datetime(out["published"], utc=True)
    out = out.sort_values(["published", "outlet", "article_id"], na_position="last")
    return out[GAP_COLUMNS].reset_index(drop=True)


def _marker_status(layer: str, label: str) -> str:
    """The sentence status one marker gives (see :func:`claims`)."""
    if layer == "evidentiality":
        return "disputed" if label in DISPUTE_EVIDENCE else "hedged"
    return "distanced" if label in DISTANCING_CUES else "attributed"


def _lexical_gaps(arts: pd.DataFrame, spans: pd.DataFrame, min_overlap: float) -> list[dict]:
    s = spans_of(spans, arts, layers=("attribution", "evidentiality"))
    s = s[~s["in_title"]]
    s = s[((s["layer"] == "attribution") & (s["role"] == "cue") & ~s["label"].isin(ENDORSING_CUES))
          | ((s["layer"] == "evidentiality") & s["label"].isin((*DISPUTE_EVIDENCE, *HEDGE_EVIDENCE)))]
    if s.empty:
        return []
    sents = _sentences(arts[arts["article_id"].isin(s["article_id"])], spans)
    sents = sents[~sents["in_title"]]
    marks = _locate(s[["article_id", "in_title", "start", "end", "layer", "label", "text"]]
                    .rename(columns={"end": "m_end"}), sents, "start")
    marks["why"] = marks["label"].astype(str) + " " + marks["layer"].map(
        {"attribution": "cue", "evidentiality": "marker"}) + " " + marks["text"].map(_quote)
    marks = marks.drop_duplicates(["article_id", "s_start"])
    marks["evidence"] = _sentence_text(marks, arts)
    titles = arts.drop_duplicates("article_id").set_index("article_id")["title"]
    rows = []
    for aid, grp in marks.groupby("article_id", sort=False):
        tw = _words(titles.get(aid, ""))
        if len(tw) < 2:
            continue
        best, best_row = 0.0, None
        for r in grp.itertuples(index=False):
            shared = tw & _words(r.evidence or "")
            score = len(shared) / len(tw)
            if len(shared) >= 2 and score > best:
                best, best_row = score, r
        if best_row is not None and best >= min_overlap:
            rows.append({"article_id": aid, "claim": None,
                         "body_status": _marker_status(best_row.layer, best_row.label),
                         "evidence": best_row.evidence,
                         "reason": f"headline states it plainly; body restates it ({best:.0%} of "
                                   f"headline words) with {best_row.why}"})
    return rows
