"""Annotation speed: all layers over news articles on one core, beside spaCy's tokenizer.

    .venv/bin/python benchmarks/annotation.py [--texts real|generated] [--articles 2000]

``--texts real`` (the default where ../shared is present) takes the real news article texts
of the shared benchmarks (PolNeAR train and dev, BASIL dev: 1,074 articles of ~730 words)
and cycles them to ``--articles``; ``--texts generated`` makes ``--articles`` articles of
about ``--words`` words from varied news-like templates (attributions, quotes, hedges,
numbers, dates, actors, loaded words, plain filler). The generated texts reuse a few hundred
word types, so spaCy's tokenizer runs almost entirely from its per-word cache there (about
six times its rate on real text): the tokenizer comparison is meant for real text.

The process is pinned to one CPU core where the OS allows it, and every rate is CPU time.
Both sides get one untimed pass over the distinct texts first (warm caches, the best case
for the peer). Printed: articles per second for every layer together (spans only, then
spans plus features with VADER tone; with the cyclic garbage collector paused as
``annotate()`` pauses it for a batch, and the spans-only figure again with it running),
spaCy's blank English tokenizer (``spacy.blank("en")``) over the same texts, then each
layer's CPU milliseconds per article body (run one at a time, with the cyclic garbage
collector running) and the rate of all layers but attribution. spaCy is optional
(``pip install -e '.[bench]'``); without it the comparison is skipped.

The layers run compiled with mypyc where ``make`` built them (see ``toolkit/native.py``);
the first line says which. ``TOOLKIT_PURE_PYTHON=1`` measures the pure-Python sources.
Goal: >= 300 articles/s and at least half the tokenizer's rate.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from toolkit import native  # noqa: E402
from toolkit.annotate import annotate, load_lexicons  # noqa: E402
from toolkit.annotate.base import Doc  # noqa: E402
from toolkit.paths import BENCHMARKS_DIR  # noqa: E402

#: Real news article texts among the shared benchmarks (JSONL files with a ``text`` field).
REAL_FILES = ("attribution/train.jsonl", "attribution/dev.jsonl", "framing-bias/dev.jsonl")

PEOPLE = ["Sergei Lavrov", "Dmitry Peskov", "Volodymyr Zelensky", "Marco Rubio", "Emmanuel Macron",
          "Maria Zakharova", "Andrii Sybiha", "Keir Starmer", "Anna Kowalska", "John Whitfield",
          "Olena Marchenko", "Said Karimov", "Friedrich Merz", "Mark Rutte"]
SURNAME = {p: p.split()[-1] for p in PEOPLE}
ROLES = ["foreign minister", "spokesman", "president", "defence analyst", "senior official",
         "chief negotiator", "military expert", "prime minister", "envoy"]
ORGS = ["the Kremlin", "NATO", "the European Union", "the Pentagon", "the Ministry of Defence",
        "the UN Security Council", "Reuters", "the State Department", "the Verkhovna Rada"]
PLACES = ["Moscow", "Kyiv", "Washington", "Brussels", "Kharkiv", "Odesa", "Belgorod", "Valdai",
          "Warsaw", "Berlin", "the Black Sea", "Zaporizhzhia"]
VERBS = ["said", "told reporters", "claimed", "insisted", "added", "warned", "noted", "stated",
         "alleged", "acknowledged", "denied", "confirmed"]
UNITS = ["drones", "missiles", "unmanned aerial vehicles", "soldiers", "civilians", "homes",
         "tanks", "people", "rockets"]
THINGS = ["the attack", "the strike", "the talks", "the ceasefire", "the proposal", "the report",
          "the sanctions package", "the negotiations", "the incident", "the offensive"]
LOADED = ["slammed", "a brazen provocation", "a sham", "a draconian measure", "unprecedented",
          "a witch hunt", "outrageous", "a reckless gamble", "the regime", "a chilling signal"]
SCARE = ["state terrorism", "punitive response", "new circumstances", "special operation",
         "red lines", "targets and timing", "goodwill gesture"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
FILLER = [
    "The meeting lasted several hours and ended without a joint statement.",
    "Officials from both sides have met repeatedly since the spring, with mixed results.",
    "The region has seen heavy fighting over the past year, and many residents have left.",
    "Observers expect further talks in the coming weeks, although no date has been set.",
    "Energy infrastructure has been a frequent target, leaving towns without power for days.",
    "The U.S. delegation, led by Mr. Harris, arrived late on Tuesday.",
    "Markets reacted calmly, with the currency trading 0.4 per cent higher by the afternoon.",
    "Diplomats said the atmosphere was businesslike, if cautious.",
    "Gen. Petrov and Lt. Col. Ivanova inspected the units on Sept. 3.",
    "The statement was posted on the ministry's website and later shared on social media.",
]


def sentence(rng: random.Random) -> str:
    """One news-like sentence from a random template."""
    p = rng.choice(PEOPLE)
    n = rng.choice([3, 7, 12, 25, 40, 91, 120, 300, 1200, 3500])
    k = rng.randrange(15)
    if k == 0:
        return (f"{p}, the {rng.choice(ROLES)}, {rng.choice(VERBS)} that {rng.choice(THINGS)} "
                f"had been planned for weeks.")
    if k == 1:
        return (f"“We will not accept {rng.choice(THINGS)} on these terms,” {SURNAME[p]} "
                f"{rng.choice(['said', 'told reporters', 'added'])}.")
    if k == 2:
        return (f"According to {rng.choice(ORGS)}, {n} {rng.choice(UNITS)} were "
                f"{rng.choice(['intercepted', 'destroyed', 'reported', 'moved'])} overnight.")
    if k == 3:
        return (f"The {rng.choice(['alleged', 'purported', 'so-called', 'apparent'])} "
                f"{rng.choice(['attack', 'plot', 'incursion', 'strike'])} could not be "
                f"independently verified.")
    if k == 4:
        return (f"{SURNAME[p]} provided no evidence for the claim, and there were no official "
                f"reports of {rng.choice(['explosions', 'damage', 'a drone threat'])} in "
                f"{rng.choice(PLACES)}.")
    if k == 5:
        return (f"Critics called {rng.choice(THINGS)} {rng.choice(LOADED)}, while "
                f"{rng.choice(ORGS)} described it as “{rng.choice(SCARE)}”.")
    if k == 6:
        return (f"More than {n} {rng.choice(UNITS)} were reported near {rng.choice(PLACES)} on "
                f"{rng.randint(1, 28)} {rng.choice(MONTHS)} 2025.")
    if k == 7:
        return (f"{rng.choice(PLACES)} accused {rng.choice(PLACES)} of escalating the conflict, "
                f"a charge that was dismissed as propaganda.")
    if k == 8:
        return (f"If confirmed, it would be the {rng.choice(['largest', 'first', 'most serious'])} "
                f"such incident since {rng.choice(MONTHS)}.")
    if k == 9:
        return (f"Dozens of {rng.choice(UNITS)} and about {n} {rng.choice(UNITS)} were involved, "
                f"{rng.choice(['officials', 'witnesses', 'local media'])} reported.")
    if k == 10:
        return (f"President {p} met {rng.choice(PEOPLE)} in {rng.choice(PLACES)} to discuss "
                f"sanctions, security guarantees and the economy.")
    return rng.choice(FILLER)


def article(rng: random.Random, words: int) -> str:
    """Paragraphs of 2-5 sentences until about ``words`` words."""
    paras, total = [], 0
    while total < words:
        para = " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))
        paras.append(para)
        total += len(para.split())
    return "\n\n".join(paras)


def generate(n: int, words: int, seed: int) -> pd.DataFrame:
    rng = random.Random(seed)
    texts = [article(rng, words) for _ in range(n)]
    titles = [f"{rng.choice(PEOPLE)} {rng.choice(VERBS)} {rng.choice(THINGS)} was "
              f"{rng.choice(LOADED)}" for _ in range(n)]
    return pd.DataFrame({"article_id": [f"g{i:05d}" for i in range(n)], "title": titles,
                         "text": texts, "status": "ok"})


def real_texts(n: int) -> pd.DataFrame | None:
    """``n`` articles cycled from the shared benchmarks' real texts, or None when absent."""
    paths = [BENCHMARKS_DIR / f for f in REAL_FILES]
    if not all(p.is_file() for p in paths):
        return None
    texts = []
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            texts += [t for line in fh if line.strip() and (t := json.loads(line).get("text"))]
    chosen = [texts[i % len(texts)] for i in range(n)]
    return pd.DataFrame({"article_id": [f"r{i:05d}" for i in range(n)], "title": "",
                         "text": chosen, "status": "ok"})


def pin_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity on this OS)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", choices=["real", "generated"], default=None,
                    help="real news texts from ../shared (default where present) or generated")
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--words", type=int, default=600, help="words per generated article")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    where = pin_one_core()
    arts = real_texts(args.articles) if args.texts != "generated" else None
    if arts is None:
        if args.texts == "real":
            print(f"real texts not found under {BENCHMARKS_DIR}: put the shared benchmarks "
                  "beside the repository (or set TOOLKIT_SHARED), or use --texts generated")
            return 2
        arts = generate(args.articles, args.words, args.seed)
        kind = "generated"
    else:
        kind = f"real ({arts['text'].nunique()} distinct, cycled)"
    n_words = int(arts["text"].str.split().str.len().sum())
    print(f"{len(arts)} {kind} articles, {n_words / len(arts):.0f} words on average; {where}")
    print(f"annotators: {native.in_use().detail}")
    lex = load_lexicons()
    warm = arts.drop_duplicates("text")
    annotate(warm, lexicons=lex, progress=False)  # compile the lexicons, warm the caches

    from toolkit.annotate.actor import _spacy_model

    if _spacy_model() is not None:
        print("note: a spaCy model is installed and used by the actor layer")

    import toolkit.annotate.core as core

    modules = core.resolve_layers(None)
    clock = time.process_time  # CPU seconds of this process: fair on a shared machine
    jobs = list(zip(arts["article_id"], arts["text"], arts["title"], strict=True))

    def spans_only() -> tuple[float, int]:
        t0, n = clock(), 0
        for aid, text, title in jobs:
            rows, _ = core.annotate_article(aid, text, title, lex, modules)
            n += len(rows)
        return clock() - t0, n

    with core._no_cyclic_gc():  # as annotate() runs its batch
        t_layers, n_spans = spans_only()
    t_gc, _ = spans_only()  # the same with the cyclic garbage collector running
    per_layer = dict.fromkeys([name for name, _ in modules], 0.0)
    for text in arts["text"]:  # the same work again, one layer at a time
        doc = Doc(text=text, lexicons=lex)
        for name, mod in modules:
            t1 = clock()
            got = mod.annotate(doc)
            per_layer[name] += clock() - t1
            if name == "sentence":
                doc.sentences = [(x.start, x.end) for x in got]
            doc.previous[name] = got
    t0 = clock()
    ann = annotate(arts, lexicons=lex, progress=False)
    t_full = clock() - t0
    rate_layers = len(arts) / t_layers
    rate_full = len(arts) / t_full
    print(f"{'what (CPU time, one core)':<48}{'articles/s':>12}{'seconds':>10}")
    print(f"{'toolkit: all 8 layers (spans)':<48}{rate_layers:>12.0f}{t_layers:>10.1f}")
    print(f"{'  the same with the cyclic GC running':<48}{len(arts) / t_gc:>12.0f}{t_gc:>10.1f}")
    print(f"{'toolkit: annotate() (spans + features + tone)':<48}{rate_full:>12.0f}{t_full:>10.1f}")
    print(f"  {n_spans} spans ({n_spans / len(arts):.0f} per article), "
          f"{len(ann.features.columns)} feature columns")
    total = sum(per_layer.values()) or 1.0
    others = total - per_layer.get("attribution", 0.0)
    print(f"  per layer (bodies, run one at a time): {'ms/article':>10}{'share':>8}")
    for name, t in per_layer.items():
        print(f"    {name:<36}{1000 * t / len(arts):>10.3f}{100 * t / total:>7.0f}%")
    print(f"    {'all layers but attribution':<36}{1000 * others / len(arts):>10.3f}"
          f"{100 * others / total:>7.0f}%  ({len(arts) / others:.0f} articles/s)")
    try:
        import spacy
    except ImportError:
        print("spaCy is not installed: tokenizer comparison skipped "
              "(pip install -e '.[bench]' to add it)")
        return 0
    nlp = spacy.blank("en")
    texts = [f"{t}\n\n{b}" if t else b for t, b in zip(arts["title"], arts["text"], strict=True)]
    for _ in nlp.tokenizer.pipe(dict.fromkeys(texts)):  # warm its cache, as for the layers
        pass
    t0 = clock()
    n_tok = sum(len(d) for d in nlp.tokenizer.pipe(texts))
    t_tok = clock() - t0
    rate_tok = len(arts) / t_tok
    print(f"{'spaCy ' + spacy.__version__ + ' blank(en) tokenizer':<48}{rate_tok:>12.0f}{t_tok:>10.1f}")
    print(f"  {n_tok} tokens; toolkit layers run at {rate_layers / rate_tok:.2f}x the tokenizer's "
          f"rate (goal >= 0.5) and {rate_layers:.0f} articles/s (goal >= 300)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
