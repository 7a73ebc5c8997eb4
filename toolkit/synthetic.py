"""A generator of a FICTIONAL story corpus: N articles from many outlets, deterministic by seed.

Used to measure the toolkit at scale (``benchmarks/report.py``) and in tests that need more
articles than the demo has. The story: Calderra says saboteurs from Vessmark blew up the
Selvik gas pipeline; Vessmark denies it. Every name, outlet and domain is invented (outlets
live on the reserved ``.example`` TLD; countries use the user-assigned codes XD, XE, XF).

Each outlet has a type (wire, state-affiliated, public broadcaster, national, regional,
independent, aggregator, fact-checker, blog) and a *voice* that decides how it words the
claims: Calderran state media assert them, wires attribute them, independents distance or
hedge, fact-checkers dispute them, Vessmarkian state media deny them. Bodies mix those
claim sentences with attributions, direct and scare quotes, hedges, denials, numbers,
loaded words and varied background sentences; lengths follow a log-normal around 550
words. About a fifth of the articles are syndicated copies of a wire story (new headline,
trimmed last paragraph, a credit line), published after the original.

``generate(n, seed)`` returns an articles table in ``toolkit.schema``; ``story_dict()`` /
``write_story(path)`` give the matching story file; ``build(corpus, n, seed)`` writes both.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from .schema import coerce_articles, make_article_id, sha256_hex, word_count

#: Story title (its slug names the report folder).
TITLE = "Selvik pipeline sabotage claim (fictional, generated)"
START = pd.Timestamp("2026-05-04 06:00", tz="UTC")
DAYS = 6

# --- the fictional world -------------------------------------------------------

ACTORS: list[dict[str, Any]] = [
    {"name": "Oskar Threnn", "type": "person",
     "aliases": ["Threnn", "Foreign Minister Oskar Threnn", "Calderra's foreign minister"]},
    {"name": "Irena Kaldo", "type": "person", "aliases": ["Kaldo", "President Kaldo", "President Irena Kaldo"]},
    {"name": "Mila Doren", "type": "person", "aliases": ["Doren"]},
    {"name": "Jonas Pevik", "type": "person", "aliases": ["Pevik"]},
    {"name": "Arvid Sten", "type": "person", "aliases": ["Sten", "Colonel Arvid Sten"]},
    {"name": "Calderra", "type": "place", "aliases": ["Varn", "Calderran government", "Calderran navy"]},
    {"name": "Vessmark", "type": "place", "aliases": ["Hollby", "Vessmarkian government", "Vessmark's foreign ministry"]},
]

CLAIMS: dict[str, dict[str, Any]] = {
    "pipeline_sabotaged": {
        "description": "Saboteurs blew up the Selvik pipeline",
        "patterns": [
            r"\b(?:sabotag\w+|blew\W+up|blown\W+up)\W+(?:\w+\W+){0,6}?pipeline",
            r"\bpipeline\W+(?:\w+\W+){0,4}?(?:was\W+|had\W+been\W+)?(?:sabotaged|blown\W+up|deliberately\W+damaged)",
        ],
        "actors": ["Oskar Threnn"],
    },
    "vessmark_behind": {
        "description": "Vessmark ordered the sabotage",
        "patterns": [
            r"\bVessmark\w*\W+(?:\w+\W+){0,4}?(?:behind|ordered|orchestrated|responsible\W+for)",
            r"\b(?:accus\w+|blam\w+)\W+(?:\w+\W+){0,3}?Vessmark\w*",
        ],
        "actors": ["Oskar Threnn"],
    },
    "divers_seen": {
        "description": "Twelve divers were seen near the pipeline",
        "patterns": [r"\b(?:12|twelve)\W+(?:\w+\W+){0,2}?divers\b"],
        "actors": ["Calderra"],
    },
}

KEYWORDS = ["pipeline", "Selvik", "Threnn", "sabotage"]

#: outlet type -> (how many of 200 outlets, country pool, voices to draw from)
_TYPES: list[tuple[str, float, Sequence[str], Sequence[str]]] = [
    ("wire", 0.03, ["XF"], ["wire"]),
    ("state-affiliated", 0.08, ["XD", "XE"], ["state"]),
    ("public broadcaster", 0.07, ["XD", "XE", "XF"], ["wire", "distancing"]),
    ("national", 0.25, ["XD", "XE", "XF"], ["wire", "distancing", "hedging"]),
    ("regional", 0.22, ["XD", "XE", "XF"], ["wire", "hedging", "copying"]),
    ("independent", 0.10, ["XD", "XE", "XF"], ["distancing", "sceptic"]),
    ("aggregator", 0.08, ["XF"], ["copying"]),
    ("fact-checker", 0.04, ["XF"], ["sceptic"]),
    ("blog", 0.10, ["XD", "XE", "XF"], ["loaded", "sceptic"]),
    ("unknown", 0.03, [""], ["hedging"]),
]

_NAME_A = ["North", "South", "East", "West", "Harbour", "Valley", "River", "Coastal", "Capital",
           "Lake", "Upland", "Morning", "Evening", "Daily", "Weekly", "Free", "Open", "Central",
           "Border", "Island", "Metro", "Prairie", "Summit", "Granite", "Amber", "Cedar"]
_NAME_B = ["Courier", "Ledger", "Herald", "Post", "Observer", "Gazette", "Wire", "Bulletin",
           "Dispatch", "Review", "Chronicle", "Sentinel", "Monitor", "Tribune", "Record", "Signal",
           "Report", "Beacon", "Journal", "Times"]

# --- sentence material -----------------------------------------------------------

_DAYS = ["on Monday", "on Tuesday", "late on Tuesday", "on Wednesday", "early on Thursday",
         "overnight", "this week", "on Friday", "at the weekend"]
_OFFICIALS = ["a navy spokesperson", "a senior energy official", "the harbour master", "a coast guard officer",
              "an industry analyst", "a local councillor", "a defence ministry source", "an insurance broker",
              "a maritime lawyer", "a union representative", "a gas trader", "a former diplomat"]
_PLACES = ["Port Harrow", "the Selvik strait", "Varn", "Hollby", "the Tessel islands", "Brenmoor",
           "the Ostvik terminal", "Lake Arl", "the northern coast", "Kellan bay"]
_THINGS = ["gas prices", "shipping insurance", "the ferry schedule", "the winter reserve", "port security",
           "the fishing season", "heating costs", "the energy ministry's budget", "coastal patrols",
           "export contracts", "the regional grid", "the tanker queue"]
_TRENDS = ["rose", "fell", "stayed flat", "jumped", "slipped", "was revised", "doubled", "eased"]
_REASONS = ["as traders priced in the outage", "after a cold snap", "amid talk of new patrols",
            "while the terminal was closed", "before the holiday", "because of the storm warnings",
            "as inspectors arrived", "despite reassurances from the operator"]
_NUMS = ["3", "7", "12", "15", "24", "40", "68", "120", "250", "1,400", "three", "dozens of", "more than 30"]
_UNITS = ["ships", "fishing boats", "workers", "inspectors", "reporters", "protesters", "patrol boats",
          "volunteers", "divers", "residents"]
_LOADED = ["a brazen act of terror", "a reckless provocation", "the Hollby regime", "a cowardly attack",
           "a shameful smear", "outrageous lies", "a chilling escalation", "a desperate propaganda stunt"]
_SCARE = ["hybrid aggression", "an act of energy terrorism", "foreign hands", "a staged incident",
          "strategic patience", "a hostile operation"]
_QUOTES = [
    ("Oskar Threnn", "We know who did this, and they will answer for it"),
    ("Oskar Threnn", "Twelve divers were seen near the pipeline hours before the blast"),
    ("Irena Kaldo", "These accusations are absurd and Calderra knows it"),
    ("Mila Doren", "We have asked for the evidence and we have not received any"),
    ("Jonas Pevik", "A leak of this size can have many causes, including old welds"),
    ("Arvid Sten", "Our patrols saw nothing unusual in the strait that night"),
]


def _pick(rng: random.Random, seq: Sequence[Any]) -> Any:
    return seq[rng.randrange(len(seq))]


_SUBJ = ["fishermen", "local traders", "two insurers", "the port authority", "dock workers",
         "ferry operators", "the coast guard", "energy analysts", "shop owners", "city officials",
         "farmers", "the grid operator", "bankers", "shipping agents", "teachers", "engineers",
         "hotel owners", "the mayor's office", "tanker crews", "pensioners", "lorry drivers",
         "the chamber of commerce", "students", "nurses", "taxi drivers", "the utility"]
_VERB = ["complained about", "warned of", "prepared for", "asked about", "braced for", "counted",
         "played down", "pointed to", "blamed", "welcomed", "questioned", "tracked", "reported",
         "shrugged off", "argued over", "planned around", "worried about", "joked about"]
_ADJ = ["higher", "lower", "patchy", "rising", "unexpected", "weekly", "delayed", "costly", "longer",
        "fresh", "temporary", "steep", "modest", "sudden", "familiar", "local", "cheaper", "late"]


_SYL = ["ar", "bel", "cor", "dan", "el", "fen", "gar", "hol", "is", "jor", "kel", "lun", "mar", "nor",
        "os", "pel", "quin", "ros", "sal", "tor", "ul", "var", "wen", "yst", "zan", "brek", "dro", "fal"]


def _word(rng: random.Random, parts: int = 2) -> str:
    """An invented proper name (towns, people, firms): the open vocabulary of real news."""
    return "".join(_pick(rng, _SYL) for _ in range(parts)).capitalize()


def _background(rng: random.Random) -> str:
    """A varied sentence with no claim in it. Like real prose, it is mostly the writer's own:
    invented names and figures every few words keep 5-word shingles from repeating."""
    k = rng.randrange(5)
    subj, verb, adj = _pick(rng, _SUBJ), _pick(rng, _VERB), _pick(rng, _ADJ)
    thing, day = _pick(rng, _THINGS), _pick(rng, _DAYS)
    town, person, n = _word(rng, rng.randint(2, 3)), f"{_word(rng)} {_word(rng, 3)}", rng.randrange(2, 900)
    if k == 0:
        return f"In {town}, {n} {subj} {verb} {adj} {thing} {day}, {_pick(rng, _REASONS)}."
    if k == 1:
        return (f"{person}, {_pick(rng, _OFFICIALS)} in {town}, said {n} {_pick(rng, _UNITS)} "
                f"{_pick(rng, ['waited', 'were idle', 'left', 'arrived', 'stayed home'])} {day}.")
    if k == 2:
        return (f"{subj.capitalize()} in {town} {verb} {thing}, and {person} {_pick(rng, _VERB)} "
                f"{_pick(rng, _ADJ)} {_pick(rng, _THINGS)}.")
    if k == 3:
        return (f"{thing.capitalize()} in {town} {_pick(rng, _TRENDS)} by {n % 40 + 1} per cent {day}, "
                f"{person} of the {_word(rng)} {_pick(rng, ['group', 'institute', 'union', 'bank'])} said.")
    return (f"{_pick(rng, ['Repairs', 'Inspections', 'Deliveries', 'Patrols', 'Hearings'])} in {town} "
            f"could take {n % 30 + 2} {_pick(rng, ['days', 'weeks', 'months'])}, {person} told "
            f"{_pick(rng, _SUBJ)} from {_word(rng, 2)}.")


_SRC = ["Calderra", "Foreign Minister Oskar Threnn", "Threnn", "the Calderran government",
        "Calderra's foreign minister", "officials in Varn", "the Calderran navy"]
_WHEN = ["on Tuesday night", "in the early hours of Tuesday", "shortly after midnight", "this week",
         "two days ago", "before dawn on Tuesday", "on the night of the leak", "late on Monday"]
_WHERE = ["off Port Harrow", "in the Selvik strait", "near the Tessel islands", "east of Brenmoor",
          "close to the Ostvik terminal", "in Kellan bay", "along the northern coast"]
_WHAT = ["the Selvik pipeline", "the Selvik gas pipeline", "the undersea Selvik pipeline",
         "a section of the Selvik pipeline", "the pipeline that carries gas to Varn"]
_TAIL = ["", ", cutting gas to the north", ", leaving the terminal idle", ", as prices climbed",
         ", a day before the talks", ", while navy ships patrolled nearby", ", angering Hollby"]


def _claim_sentence(rng: random.Random, voice: str) -> str:
    """A sentence that carries a claim the way an outlet of this voice words it (slots varied)."""
    when, where, what, tail = (_pick(rng, _WHEN), _pick(rng, _WHERE), _pick(rng, _WHAT),
                               _pick(rng, _TAIL))
    src = _pick(rng, _SRC)
    if voice == "state":
        return _pick(rng, [
            f"Vessmarkian saboteurs blew up {what} {when} {where}, in {_pick(rng, _LOADED)}{tail}.",
            f"Twelve divers working for Vessmark were seen near the pipeline {when} {where}{tail}.",
            f"Vessmark is {_pick(rng, ['clearly', 'undeniably', 'without doubt'])} behind the sabotage of {what}{tail}.",
            f"{what[0].upper() + what[1:]} was sabotaged {when} by {_pick(rng, _LOADED)} ordered from Hollby.",
        ])
    if voice == "wire":
        return _pick(rng, [
            f"{src} said saboteurs blew up {what} {when}{tail}.",
            f"{src} told reporters {_pick(rng, ['', 'in Varn '])}that Vessmark was behind the blast {where}.",
            f"According to {src}, twelve divers were seen near the pipeline {where} {when}.",
            f"{src} said in a statement that {what} had been sabotaged {where}{tail}.",
        ])
    if voice == "distancing":
        return _pick(rng, [
            f"{src} claimed, without providing evidence, that saboteurs blew up {what} {when}.",
            f"{src} alleged that Vessmark ordered the operation {where}{tail}.",
            f"{src} insisted {what} was sabotaged {when}, but offered no proof.",
            f"{src} accused Vessmark of the attack {where}, a charge Hollby rejected.",
        ])
    if voice == "hedging":
        return _pick(rng, [
            f"{what[0].upper() + what[1:]} was reportedly sabotaged {when} {where}, {src} said.",
            f"The alleged sabotage of {what} {where} could not be independently verified.",
            f"Twelve divers were apparently seen near the pipeline {when}, according to {src}.",
            f"If confirmed, the sabotage {where} would be the most serious incident in years{tail}.",
        ])
    if voice == "sceptic":
        return _pick(rng, [
            f"There is no evidence that {what} was sabotaged {when}, engineers {where} said.",
            f"{src} has provided no evidence that Vessmark was behind the leak {where}.",
            f"There were no official reports of divers near the pipeline {when} {where}.",
            f"The so-called sabotage of {what} has not been verified by any inspector{tail}.",
        ])
    if voice == "loaded":
        return _pick(rng, [
            f"Hollby's thugs blew up {what} {when} and the world shrugs at {_pick(rng, _LOADED)}.",
            f"This is {_pick(rng, _LOADED)}: Vessmark is behind the sabotage {where}, full stop.",
            f"The mainstream press swallowed {_pick(rng, _LOADED)} about {what} whole{tail}.",
        ])
    return _claim_sentence(rng, "wire")


def _denial(rng: random.Random) -> str:
    return _pick(rng, [
        f"Vessmark denied any involvement, calling the accusation \u201c{_pick(rng, _SCARE)}\u201d.",
        f"Vessmark's foreign ministry rejected the claim {_pick(rng, _DAYS)}.",
        "President Irena Kaldo dismissed the allegation as a fabrication.",
        f"Hollby refuted the charge, and Kaldo said it was {_pick(rng, _LOADED)}.",
    ])


def _quote(rng: random.Random) -> str:
    who, words = _pick(rng, _QUOTES)
    if rng.random() < 0.5:
        return f"\u201c{words},\u201d {who.split()[-1]} said {_pick(rng, _DAYS)}."
    return f"{who} said: \u201c{words}.\u201d"


def _title(rng: random.Random, voice: str) -> str:
    return _pick(rng, {
        "state": ["Vessmark blew up the Selvik pipeline", "Vessmarkian saboteurs strike Selvik pipeline",
                  "Twelve divers seen before pipeline blast"],
        "wire": ["Calderra says saboteurs blew up Selvik pipeline", "Calderra blames Vessmark for pipeline blast",
                 "Pipeline blast: what we know"],
        "distancing": ["Calderra claims pipeline sabotage, offers no evidence",
                       "Threnn's sabotage claim meets scepticism"],
        "hedging": ["Pipeline reportedly sabotaged in Selvik strait", "Questions over Selvik pipeline leak"],
        "sceptic": ["No evidence of sabotage at Selvik pipeline", "Fact check: the Selvik pipeline claim"],
        "loaded": ["The pipeline terror the press won't name", "Hollby's pipeline attack exposed"],
    }.get(voice, ["Selvik pipeline blast"]))


def _body(rng: random.Random, voice: str, words: int) -> str:
    """Paragraphs of 2-4 sentences until about ``words`` words."""
    paras: list[str] = []
    count = 0
    while count < words:
        sents = []
        for _ in range(rng.randint(2, 4)):
            r = rng.random()
            if r < 0.16:
                s = _claim_sentence(rng, voice)
            elif r < 0.22:
                s = _denial(rng)
            elif r < 0.30:
                s = _quote(rng)
            elif r < 0.34 and voice in ("state", "loaded"):
                s = f"Commentators called it \u201c{_pick(rng, _SCARE)}\u201d and {_pick(rng, _LOADED)}."
            else:
                s = _background(rng)
            sents.append(s)
            count += len(s.split())
        paras.append(" ".join(sents))
    return "\n\n".join(paras)


def outlets(n: int = 200, seed: int = 0) -> pd.DataFrame:
    """``n`` fictional outlets: ``domain, outlet, outlet_type, country, voice, weight``."""
    rng = random.Random(f"outlets-{seed}")
    rows: list[dict[str, Any]] = []
    names: set[str] = set()
    for otype, share, countries, voices in _TYPES:
        for _ in range(max(1, round(share * n))):
            while True:
                name = f"{_pick(rng, _NAME_A)} {_pick(rng, _NAME_B)}"
                if name not in names:
                    break
                name = f"{name} {len(names)}"
                if name not in names:
                    break
            names.add(name)
            voice = _pick(rng, voices)
            country = _pick(rng, countries)
            if otype == "state-affiliated":
                voice = "state" if country == "XD" else "sceptic"
            rows.append({"domain": name.lower().replace(" ", "-") + ".example", "outlet": name,
                         "outlet_type": otype, "country": country or None, "voice": voice,
                         # a few outlets publish much more than the rest (Zipf-like)
                         "weight": (8.0 if otype == "wire" else 1.0) / (1 + rng.random() * 9)})
    return pd.DataFrame(rows[:n] if len(rows) >= n else rows).reset_index(drop=True)


def generate(n: int = 2000, seed: int = 0, n_outlets: int = 200, copy_share: float = 0.2,
             median_words: int = 550) -> pd.DataFrame:
    """``n`` articles about the fictional story, in the article schema (deterministic by seed)."""
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    rng = random.Random(f"articles-{seed}")
    outs = outlets(n_outlets, seed)
    weights = outs["weight"].tolist()
    retrieved = START + pd.Timedelta(days=DAYS + 1)
    rows: list[dict[str, Any]] = []
    originals: list[int] = []  # rows that can be copied (wire voice)
    for i in range(n):
        o = outs.iloc[rng.choices(range(len(outs)), weights=weights)[0]]
        hours = rng.random() * 24 * DAYS * (0.35 + 0.65 * rng.random())
        published = START + pd.Timedelta(hours=hours)
        copy_of = None
        if originals and (o["voice"] == "copying" or rng.random() < copy_share / 2):
            copy_of = rows[_pick(rng, originals)]
        if copy_of is not None:
            paras = copy_of["text"].split("\n\n")
            keep = paras[:-1] if len(paras) > 2 else paras
            text = "\n\n".join(keep) + f"\n\nThis story was provided by {copy_of['outlet']}."
            title = _title(rng, _pick(rng, ["wire", "hedging", "state"]))
            published = max(published, copy_of["published"] + pd.Timedelta(minutes=rng.randint(5, 600)))
        else:
            voice = o["voice"] if o["voice"] != "copying" else "wire"
            words = int(min(2500, max(150, rng.lognormvariate(0, 0.45) * median_words)))
            text = _body(rng, voice, words)
            title = _title(rng, voice)
        url = f"https://{o['domain']}/2026/05/{published.day:02d}/selvik-{i:05d}"
        status = "ok"
        if rng.random() < 0.01:  # a few paywalled teasers, as in real collections
            text, status = text.split("\n\n")[0], "paywalled"
        rows.append({
            "article_id": make_article_id(url), "url": url, "canonical_url": url, "domain": o["domain"],
            "outlet": o["outlet"], "outlet_type": o["outlet_type"], "country": o["country"],
            "language": "en", "title": title, "text": text, "published": published, "modified": None,
            "retrieved": retrieved, "authors": [f"Staff of {o['outlet']}"], "word_count": word_count(text),
            "source_kind": "table", "source": f"synthetic:{seed}:{i}", "status": status,
            "status_detail": None, "html_sha256": None, "extractor": "synthetic",
        })
        if o["voice"] == "wire" and copy_of is None:
            originals.append(i)
    return coerce_articles(rows)


def story_dict(corpus: str | None = "synthetic.duckdb") -> dict[str, Any]:
    """The story file for the generated corpus, as a dict (see :func:`write_story`)."""
    return {
        "title": TITLE,
        "corpus": corpus,
        "keywords": KEYWORDS,
        "language": "en",
        "window": {"start": str(START.date()), "end": str((START + pd.Timedelta(days=DAYS)).date())},
        "outlets": [],
        "actors": ACTORS,
        "claims": CLAIMS,
    }


def write_story(path: str | Path, corpus: str | None = "synthetic.duckdb") -> Path:
    """Write the story YAML for the generated corpus; ``corpus`` is relative to its folder."""
    import yaml

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# FICTIONAL generated story (toolkit.synthetic)\n"
                    + yaml.safe_dump(story_dict(corpus), sort_keys=False, allow_unicode=True),
                    encoding="utf-8")
    return path


def build(folder: str | Path, n: int = 2000, seed: int = 0, progress: bool = False) -> dict[str, Any]:
    """Generate ``n`` articles into ``folder/synthetic.duckdb`` and write ``folder/story.yml``."""
    from .store import Corpus

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    df = generate(n, seed)
    with Corpus(folder / "synthetic.duckdb") as store:
        counts = store.add(df, progress=progress)
    story = write_story(folder / "story.yml")
    return {"story": story, "corpus": folder / "synthetic.duckdb", "counts": counts,
            "digest": sha256_hex("".join(df["article_id"]))}
