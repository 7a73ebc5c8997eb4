"""A generator of hostile inputs for the loaders and the annotator, written at test time.

    cases = generate(tmp_path)            # writes the files, returns a Suite
    cases.paths("html")                   # saved pages for from_html / parse_html
    cases.paths("text"), cases.paths("table")
    cases.strings                         # (name, text) pairs for annotate_text / parse_text

Every case has a unique name that says what it is (``html-nul-in-body-3.html``), so a
failing row can be traced back to the recipe that made it. The generator is
deterministic (a fixed seed) and covers: empty and whitespace-only files; random binary
data, PDF/PNG/GIF/JPEG/ZIP/ELF bytes named ``.html``; NUL bytes; invalid UTF-8; cp1251
and koi8-r declared as UTF-8 and UTF-8 declared as cp1251; a 30 MB page; 50,000 nested
``<div>``s; gzip bombs named ``.html.gz`` / ``.csv.gz``; script-only pages; XML, SVG, RSS
and JSON named ``.html``; files truncated anywhere; a single 5 MB line; ``<script>``,
``<img onerror>`` and ``javascript:`` links in text; tables with missing columns, wrong
types and bad dates; 100,000-word articles; and variations of each.

``big=False`` leaves out the few multi-megabyte cases (for quick runs).
"""

from __future__ import annotations

import gzip
import io
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

SEED = 20260126

#: Markup that must never run anywhere it is shown.
XSS = (
    '<script>alert("xss")</script>',
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(2)">click</a>',
    '<svg onload=alert(3)>',
    '<iframe srcdoc="<script>alert(4)</script>"></iframe>',
    '"><script>alert(5)</script>',
    "</textarea></title></style><script>alert(6)</script>",
    "<!--<script>alert(7)</script>-->",
    "{{7*7}} ${7*7} <%= 7*7 %> {% debug %}",
    "javascript:alert(8)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCg5KTwvc2NyaXB0Pg==",
    "\u202eRTL override\u202c and \u200bzero\u200bwidth",
)

PARAGRAPHS = (
    "Foreign Minister Sergei Lavrov claimed on Monday that Ukraine had launched 91 drones at "
    "a presidential residence, asserting that the attack was an act of state terrorism.",
    "He provided no evidence for the claim, and there were no official reports of a drone "
    "threat in the region, according to local officials who spoke to reporters.",
    "The alleged attack could not be independently verified. Kyiv denied any involvement and "
    "called the accusation a pretext for a punitive response.",
    "Analysts said the so-called new circumstances were likely to be used to harden Moscow's "
    "negotiating position, while Washington urged restraint.",
    "“We will choose the targets and timing,” the Kremlin spokesman said, adding that the "
    "response would be proportionate.",
)

RU_PARAGRAPHS = (
    "Министр иностранных дел Сергей Лавров заявил, что Украина атаковала резиденцию "
    "президента 91 беспилотником.",
    "Доказательств он не привёл, а местные жители не слышали никаких дронов.",
)


@dataclass(frozen=True)
class Case:
    """One hostile input: a file name that says what it is, its kind and its bytes."""

    name: str
    kind: str  # html | text | table
    data: bytes
    big: bool = False


@dataclass
class Suite:
    """The written inputs: paths per kind, the cases, and strings for the text-level APIs."""

    folder: Path
    cases: list[Case]
    strings: list[tuple[str, str]] = field(default_factory=list)

    def paths(self, kind: str) -> list[Path]:
        return [self.folder / c.name for c in self.cases if c.kind == kind]

    def __len__(self) -> int:
        return len(self.cases) + len(self.strings)


# --------------------------------------------------------------------------- pages


def page(body: str, title: str = "Lavrov claims drone attack", head: str = "",
         charset: str | None = "utf-8") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return (f"<!DOCTYPE html><html lang=\"en\"><head>{meta}<title>{title}</title>{head}</head>"
            f"<body><article><h1>{title}</h1>{body}</article></body></html>")


def paras(items: tuple[str, ...] | list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in items)


ARTICLE = page(paras(PARAGRAPHS * 3))


def _words(n: int, rng: random.Random) -> str:
    vocab = ("the", "drone", "attack", "claimed", "said", "Lavrov", "Kyiv", "alleged", "no",
             "evidence", "residence", "Moscow", "reported", "91", "officials", "denied")
    return " ".join(rng.choice(vocab) for _ in range(n))


def _html_cases(big: bool, rng: random.Random) -> Iterator[tuple[str, bytes] | tuple[str, bytes, bool]]:
    art = ARTICLE.encode()
    # empty and whitespace
    for i, blank in enumerate([b"", b" ", b"\n", b"\r\n" * 200, b"\t \t\n" * 50, b"\xef\xbb\xbf",
                               b"\xef\xbb\xbf   \n", "\u00a0\u2003\u3000".encode() * 30,
                               b"\x0c\x0b" * 10, b"<html></html>", b"<html><body></body></html>",
                               b"<!DOCTYPE html>", b"<!-- nothing -->"]):
        yield f"empty-{i}", blank
    # binary and other file types under an .html name
    magic = {"pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
             "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "gif": b"GIF89a\x01\x00\x01\x00",
             "jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "zip": b"PK\x03\x04\x14\x00\x00\x00",
             "elf": b"\x7fELF\x02\x01\x01\x00", "gzip-unnamed": gzip.compress(art, mtime=0),
             "utf16-nobom": ARTICLE.encode("utf-16-le"), "utf32": ARTICLE.encode("utf-32")}
    for what, head in magic.items():
        for j, size in enumerate((0, 1_000, 50_000)):
            yield f"binary-{what}-{j}", head + rng.randbytes(size)
    for j, size in enumerate((1, 17, 4096, 100_000, 1_000_000)):
        yield f"binary-random-{j}", rng.randbytes(size)
    yield "binary-zeros", b"\x00" * 100_000
    yield "binary-ff", b"\xff" * 100_000
    # NUL bytes
    for j in range(8):
        cut = rng.randrange(len(art))
        yield f"nul-at-{j}", art[:cut] + b"\x00" * rng.choice((1, 3, 1000)) + art[cut:]
    yield "nul-every-byte", b"\x00".join(art[i:i + 1] for i in range(len(art)))
    yield "nul-in-tag", art.replace(b"<p>", b"<p\x00>").replace(b"<title>", b"<ti\x00tle>")
    # invalid UTF-8
    bad_seqs = (b"\xff", b"\xfe\xff", b"\xc3\x28", b"\xa0\xa1", b"\xe2\x28\xa1", b"\xe2\x82\x28",
                b"\xf0\x28\x8c\xbc", b"\xf8\xa1\xa1\xa1\xa1", b"\xc0\xaf", b"\xed\xa0\x80",
                b"\xf4\x90\x80\x80", b"\xe2\x82")
    for j, seq in enumerate(bad_seqs):
        cut = rng.randrange(len(art))
        yield f"bad-utf8-{j}", art[:cut] + seq * rng.choice((1, 50)) + art[cut:]
    yield "bad-utf8-everywhere", art.replace(b" ", b"\xff ")
    yield "bad-utf8-truncated-multibyte", ARTICLE.replace("drone", "дрон").encode()[:-1] + b"\xd0"
    # cp1251 declared as UTF-8 and the reverse, plus other charset lies
    ru = page(paras(RU_PARAGRAPHS * 4), title="Лавров заявил об атаке дронов")
    for enc in ("cp1251", "koi8-r", "iso8859-5", "cp866"):
        yield f"charset-{enc}-declared-utf8", ru.encode(enc)
        yield f"charset-{enc}-undeclared", ru.replace('<meta charset="utf-8">', "").encode(enc)
    yield "charset-utf8-declared-cp1251", ru.replace('charset="utf-8"', 'charset="windows-1251"').encode()
    yield "charset-utf8-declared-koi8r", ru.replace('charset="utf-8"', 'charset="koi8-r"').encode()
    for j, label in enumerate(("utf-7", "utf-16", "utf-32", "x-user-defined", "bogus-charset",
                               "a" * 2000, "\"><script>alert(1)</script>", "", "mbcs", "rot13",
                               "base64", "zlib", "hex", "idna", "punycode", "undefined")):
        html = ARTICLE.replace('charset="utf-8"', f'charset="{label}"')
        yield f"charset-label-{j}", html.encode("utf-8", "surrogateescape")
    yield "charset-utf7-script", page("+ADw-script+AD4-alert(1)+ADw-/script+AD4-",
                                      charset="utf-7").encode()
    # script-only pages and shells
    for j, n in enumerate((1, 5, 200)):
        yield f"script-only-{j}", ("<html><head>" + "<script>var a = 1;</script>" * n
                                   + "</head><body></body></html>").encode()
    yield "script-only-body", b"<html><body><script>" + b"document.write('x');" * 5000 + b"</script></body></html>"
    yield "script-only-noscript", b"<html><body><noscript>Enable JavaScript</noscript><div id=root></div><script src=app.js></script></body></html>"
    yield "script-unclosed", b"<html><body><p>Hello</p><script>" + b"x" * 100_000
    yield "style-only", b"<html><head><style>" + b"p{color:red}" * 10_000 + b"</style></head></html>"
    # XML, SVG, RSS and JSON under an .html name
    yield "xml-plain", b'<?xml version="1.0"?><root><item>drone</item></root>'
    yield "xml-rss", (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>'
                      + b"<item><title>Drone attack</title><link>http://a.example/x</link></item>" * 50
                      + b"</channel></rss>")
    yield "xml-svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
    laughs = ['<!ENTITY lol "lol">'] + [f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10)]
    yield "xml-billion-laughs", ('<?xml version="1.0"?><!DOCTYPE lolz [' + "".join(laughs)
                                 + ']><html><body><p>&lol9;</p></body></html>').encode()
    yield "xml-external-entity", (b'<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM '
                                  b'"file:///etc/passwd">]><html><body><p>&xxe;</p></body></html>')
    yield "json-object", json.dumps({"title": "Drone", "text": ARTICLE}).encode()
    yield "json-array", json.dumps([{"a": i} for i in range(1000)]).encode()
    yield "json-deep", b"[" * 100_000 + b"]" * 100_000
    yield "jsonld-deep", page(paras(PARAGRAPHS), head='<script type="application/ld+json">'
                              + "[" * 50_000 + "]" * 50_000 + "</script>").encode()
    yield "jsonld-invalid", page(paras(PARAGRAPHS), head='<script type="application/ld+json">'
                                 '{"@type": "NewsArticle", "headline": </script>').encode()
    yield "jsonld-hostile", page(paras(PARAGRAPHS), head='<script type="application/ld+json">'
                                 + json.dumps({"@type": "NewsArticle", "headline": XSS[0],
                                               "datePublished": "99999-99-99T99:99",
                                               "author": [{"name": "x" * 10_000}] * 500,
                                               "isAccessibleForFree": {"a": [1, 2]}})
                                 + "</script>").encode()
    # truncated files
    for j in range(12):
        yield f"truncated-{j}", art[: rng.randrange(1, len(art))]
    for j, marker in enumerate((b"<p", b"<!--", b"<script", b'href="', b"<![CDATA[", b"&am")):
        yield f"truncated-inside-{j}", art[: len(art) // 2] + marker
    # hostile markup in the text
    for j, x in enumerate(XSS):
        body = paras([PARAGRAPHS[0], f"Reader comment: {x}", PARAGRAPHS[1], x, *PARAGRAPHS[2:]])
        yield f"xss-{j}", page(body, title=f"Drone {x}").encode()
    yield "xss-canonical-javascript", page(paras(PARAGRAPHS), head=(
        '<link rel="canonical" href="javascript:alert(1)">'
        '<meta property="og:url" content="javascript:alert(2)">')).encode()
    yield "xss-base-href", page(paras(PARAGRAPHS), head='<base href="javascript:alert(1)//">').encode()
    yield "xss-meta-refresh", page(paras(PARAGRAPHS), head='<meta http-equiv="refresh" content="0;url=javascript:alert(1)">').encode()
    yield "xss-author-title", page(paras(PARAGRAPHS), title=XSS[1], head=(
        f'<meta name="author" content="{XSS[0].replace(chr(34), "&quot;")}">'
        '<meta property="article:published_time" content="<script>">')).encode()
    # deep and wide trees
    for depth in (500, 5_000) + ((50_000,) if big else ()):
        yield f"nested-div-{depth}", ("<html><body>" + "<div>" * depth + paras(PARAGRAPHS)
                                      + "</div>" * depth + "</body></html>").encode(), depth >= 50_000
    yield "nested-unclosed-b", ("<html><body>" + "<b>" * 20_000 + paras(PARAGRAPHS)).encode()
    yield "nested-table", ("<table><tr><td>" * 3_000 + paras(PARAGRAPHS)).encode()
    yield "wide-attributes", b"<html><body><p " + b" ".join(b"a%d=1" % i for i in range(50_000)) + b">x</p></body></html>"
    yield "long-attribute", page(f'<p title="{"x" * 2_000_000}">{PARAGRAPHS[0]}</p>').encode()
    yield "many-paragraphs", page("<p>Short line.</p>" * 100_000).encode()
    yield "many-links", page('<a href="/x">Another story about drones here</a>' * 20_000).encode()
    yield "comment-unclosed", page(paras(PARAGRAPHS)).replace("<article>", "<article><!--").encode()
    yield "entities", page("<p>" + "&amp;&lt;&#0;&#xD800;&#99999999;&bogus;" * 20_000 + "</p>").encode()
    yield "dates-hostile", page(paras(PARAGRAPHS), head=(
        '<meta property="article:published_time" content="0000-00-00">'
        '<meta property="article:modified_time" content="1e308">')
        + "<time datetime='99999999999999999999'>x</time>").encode()
    yield "many-authors", page(paras(PARAGRAPHS), head="".join(
        f'<meta name="author" content="Author {i} and Writer {i}">' for i in range(5_000))).encode()
    # long texts
    yield "words-100k", page("<p>" + _words(100_000, rng) + "</p>").encode(), True
    yield "words-100k-paragraphs", page(paras([_words(100, rng) for _ in range(1_000)])).encode(), True
    if big:
        yield "line-5mb", page("<p>" + _words(900_000, rng)[:5_000_000] + "</p>").encode(), True
        yield "token-5mb", page("<p>" + "x" * 5_000_000 + "</p>").encode(), True
        filler = paras(PARAGRAPHS) * 1
        yield "page-30mb", page(filler * (30_000_000 // len(filler))).encode(), True
    # variations: the article with random damage
    for j in range(100):
        data = bytearray(art)
        for _ in range(rng.randrange(1, 20)):
            op = rng.randrange(4)
            pos = rng.randrange(len(data))
            if op == 0:
                data[pos:pos] = rng.randbytes(rng.randrange(1, 40))
            elif op == 1:
                del data[pos:pos + rng.randrange(1, 200)]
            elif op == 2:
                data[pos:pos] = rng.choice(XSS).encode()
            else:
                data[pos:pos] = rng.choice((b"<div>", b"</p>", b"<", b">", b"&", b'"', b"\x00"))
        yield f"mutated-{j}", bytes(data)


def _gzip_cases(big: bool, rng: random.Random) -> Iterator[tuple[str, bytes, bool]]:
    art = ARTICLE.encode()
    yield "gz-valid.html.gz", gzip.compress(art, mtime=0), False
    yield "gz-truncated.html.gz", gzip.compress(art, mtime=0)[:-20], False
    yield "gz-garbage.html.gz", b"\x1f\x8b" + rng.randbytes(5000), False
    yield "gz-empty.html.gz", b"", False
    yield "gz-not-gzip.html.gz", art, False
    yield "gz-double.html.gz", gzip.compress(gzip.compress(art, mtime=0), mtime=0), False
    yield "gz-concatenated.html.gz", gzip.compress(art[:500], mtime=0) + gzip.compress(art[500:], mtime=0), False
    yield "gz-trailing-junk.html.gz", gzip.compress(art, mtime=0) + b"junk", False
    n = 200_000_000 if big else 30_000_000
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9, mtime=0) as gz:
        chunk = b" " * 1_000_000
        for _ in range(n // len(chunk)):
            gz.write(chunk)
    yield "gz-bomb.html.gz", buf.getvalue(), True
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9, mtime=0) as gz:
        gz.write(b"<html><body>")
        chunk = b"<div>" * 200_000
        for _ in range(n // len(chunk)):
            gz.write(chunk)
    yield "gz-bomb-divs.html.gz", buf.getvalue(), True


# --------------------------------------------------------------------------- texts

COPIED = "\n".join([
    "Monday, January 26, 2026", "World News", "Lavrov claims drone attack on Putin residence",
    "December 29, 2025", "2 mins read", *PARAGRAPHS, "Leave a Reply",
    "Your email address will not be published.",
])


def _text_cases(big: bool, rng: random.Random) -> Iterator[tuple[str, bytes] | tuple[str, bytes, bool]]:
    good = COPIED.encode()
    for j, blank in enumerate([b"", b" ", b"\n" * 10_000, b"\r" * 1000, b"\t\t", b"\xef\xbb\xbf",
                               "\u00a0\u2028\u2029".encode() * 100, b"\x0c"]):
        yield f"blank-{j}", blank
    for what, head in {"pdf": b"%PDF-1.4\n", "png": b"\x89PNG\r\n\x1a\n", "zip": b"PK\x03\x04",
                       "gzip": gzip.compress(good, mtime=0), "elf": b"\x7fELF"}.items():
        yield f"binary-{what}", head + rng.randbytes(2000)
    for j, size in enumerate((3, 999, 100_000)):
        yield f"binary-random-{j}", rng.randbytes(size)
    yield "nul-scattered", good.replace(b" ", b" \x00", 20)
    yield "nul-heavy", b"\x00".join(good[i:i + 3] for i in range(0, len(good), 3))
    for j, seq in enumerate((b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xc0\xaf", b"\xe2\x82")):
        yield f"bad-utf8-{j}", good[:100] + seq * 5 + good[100:]
    ru = "\n".join(["Лавров заявил об атаке дронов", "29 декабря 2025 г.", *RU_PARAGRAPHS * 3])
    for enc in ("cp1251", "koi8-r", "utf-16", "utf-16-le", "utf-32", "utf-8-sig", "cp866"):
        yield f"encoding-{enc}", ru.encode(enc)
    yield "html-as-text", ARTICLE.encode()
    for j, x in enumerate(XSS):
        yield f"xss-{j}", COPIED.replace(PARAGRAPHS[1], f"{PARAGRAPHS[1]} {x}").replace(
            "Lavrov claims", f"{x} Lavrov claims").encode()
    yield "only-dates", "\n".join(["December 29, 2025", "29.12.2025", "2025-12-29T10:00Z"] * 2000).encode()
    yield "dates-absurd", "\n".join(["Title line about the drone attack here", "February 30, 2025",
                                     "99.99.9999", "0000-00-00", "31 декабря 99999 г.",
                                     *PARAGRAPHS]).encode()
    yield "soft-markers", "\n".join(["Drone attack claims", *(["Related", "Read more", PARAGRAPHS[0]] * 5_000)]).encode()
    yield "end-markers-first", "\n".join(["Leave a Reply", "Comments", *PARAGRAPHS]).encode()
    yield "headlines-only", "\n".join(f"Headline number {i} about drones" for i in range(20_000)).encode()
    yield "title-repeated", "\n".join(["Lavrov claims drone attack"] * 10_000).encode()
    yield "short-lines", "\n".join(rng.choice("abcdefghij") for _ in range(200_000)).encode()
    yield "zalgo", ("L\u0337\u0353a\u0336v\u0335r\u0334o\u0338v " * 2000 + ". ").encode()
    yield "emoji", ("🚁💥 " * 20_000).encode()
    yield "rtl-mixed", ("\u202eLavrov\u202c said \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 " * 3000).encode()
    yield "url-lines", "\n".join(["javascript:alert(1)", "Source: javascript:alert(2)",
                                  "URL: http://" + "a" * 5000 + ".example/x", *PARAGRAPHS,
                                  "data:text/html,<script>alert(1)</script>"]).encode()
    yield "quotes-unbalanced", ("“" * 5000 + " he said " + "”" * 3 + "«" * 3000).encode()
    yield "crlf-mix", COPIED.replace("\n", "\r\n", 3).replace("\n", "\r").encode()
    yield "words-100k", (COPIED + "\n" + _words(100_000, rng)).encode(), True
    yield "words-100k-lines", (COPIED + "\n" + "\n".join(_words(50, rng) + "." for _ in range(2_000))).encode(), True
    if big:
        yield "line-5mb", ("Lavrov claims drone attack\n" + _words(900_000, rng)[:5_000_000]).encode(), True
        yield "over-size-limit", (COPIED + "\n" + "x" * 9_000_000).encode(), True
    for j in range(40):
        lines = COPIED.split("\n")
        rng.shuffle(lines)
        for _ in range(rng.randrange(1, 6)):
            lines.insert(rng.randrange(len(lines) + 1), rng.choice(XSS + ("", "Related", "—", "2 mins read")))
        data = "\n".join(lines).encode()
        if j % 4 == 0:
            data = data[: rng.randrange(1, len(data))]
        yield f"mutated-{j}", data


# --------------------------------------------------------------------------- tables


def _csv(rows: list[list[object]]) -> bytes:
    import csv

    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    return buf.getvalue().encode()


def _table_cases(big: bool, rng: random.Random) -> Iterator[tuple[str, bytes] | tuple[str, bytes, bool]]:
    head = ["title", "text", "url", "published", "authors"]
    ok = ["Drone claim", PARAGRAPHS[0], "https://news.example.com/a", "2025-12-29", "A. Writer"]
    yield "ok.csv", _csv([head, ok])
    yield "empty.csv", b""
    yield "blank.csv", b"\n\n  \n"
    yield "header-only.csv", _csv([head])
    yield "no-text-column.csv", _csv([["title", "url"], ["Only a title", "https://x.example/1"]])
    yield "no-known-columns.csv", _csv([["foo", "bar"], [1, 2], [3, 4]])
    yield "ragged.csv", b"title,text,url\nA,B\nC,D,E,F,G\n,,\n"
    yield "unbalanced-quotes.csv", b'title,text\n"Open quote,never closed\nx,y\n'
    yield "nul.csv", b"title,text\nA\x00B,C\x00D\n"
    yield "binary.csv", b"\x89PNG\r\n\x1a\n" + rng.randbytes(3000)
    yield "bad-utf8.csv", b"title,text\n\xff\xfe,\xc3\x28 body\n"
    yield "cp1251.csv", ("title,text\n" + "Лавров,Заявил без доказательств\n").encode("cp1251")
    yield "bom.csv", b"\xef\xbb\xbf" + _csv([head, ok])
    yield "semicolon.csv", b"title;text;published\nA;B body text;2025-12-29\n"
    bad_dates = ["yesterday", "2025-13-45", "1e20", "-1", "0", "99999-01-01", "29/02/2023",
                 "<script>", "NaN", "inf", "2025-12-29T25:61:61Z", "1900-01-01", "3000-01-01",
                 "31 декабря 2025 г.", "", "None", "[]", "{}"]
    yield "bad-dates.csv", _csv([head] + [["T", PARAGRAPHS[1], f"https://d.example/{i}", d, ""]
                                          for i, d in enumerate(bad_dates)])
    wrong = [{"title": 5, "text": 3.5, "url": 7, "published": True, "authors": {"x": 1}},
             {"title": ["a", "b"], "text": {"nested": PARAGRAPHS[0]}, "published": [2025]},
             {"title": None, "text": None, "url": None},
             {"title": "ok", "text": PARAGRAPHS[2], "published": 1.5e18, "authors": [1, None, "B"]},
             {"title": "x" * 100_000, "text": True, "url": "javascript:alert(1)"},
             {"text": PARAGRAPHS[3], "url": "https://" + "a" * 3000 + ".example/"},
             {"text": XSS[0] + PARAGRAPHS[4], "title": XSS[1], "url": "data:text/html,x"},
             {"text": PARAGRAPHS[0], "language": 12, "outlet": ["x"], "domain": {"a": 1}},
             {"text": PARAGRAPHS[0], "published": "2025-12-29", "modified": -10**30}]
    yield "wrong-types.jsonl", "\n".join(json.dumps(r) for r in wrong).encode()
    yield "wrong-types.json", json.dumps(wrong).encode()
    yield "invalid-lines.jsonl", b'{"text": "ok line with words"}\nnot json\n{"text": \n[1,2,3]\n"string"\n{}\n'
    yield "json-not-records.json", b'{"a": 1}'
    yield "json-scalar.json", b"42"
    yield "json-deep.json", b"[" * 100_000 + b"]" * 100_000
    yield "jsonl-deep.jsonl", b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"
    yield "json-invalid.json", b"[{'single': 'quotes'}]"
    yield "parquet-garbage.parquet", b"PAR1" + rng.randbytes(5000)
    yield "parquet-empty.parquet", b""
    yield "tsv-as-csv.tsv", b"title\ttext\nA\tB body\n"
    yield "mediacloud-bad.csv", _csv([["id", "publish_date", "title", "url", "language", "media_name",
                                       "media_url"], ["1", "not a date", XSS[0], "javascript:x", "zz",
                                                      "<b>Outlet</b>", "ftp://x"]])
    yield "gz-truncated.csv.gz", gzip.compress(_csv([head, ok]), mtime=0)[:-10]
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9, mtime=0) as gz:
        gz.write(b"title,text\n")
        for _ in range(60 if big else 10):
            gz.write(b"a," + b"b" * 9_999_998 + b"\n")
    yield "gz-bomb.csv.gz", buf.getvalue(), True
    yield "words-100k.csv", _csv([head, ["Long", _words(100_000, rng), "https://l.example/1",
                                         "2025-12-29", "x"]]), True
    yield "many-rows.csv", _csv([head] + [[f"T{i}", f"body {i} " + PARAGRAPHS[i % 5],
                                           f"https://m.example/{i}", "2025-12-29", ""]
                                          for i in range(5_000)]), True
    for j in range(30):
        rows = [head] + [[rng.choice(["", "T", XSS[j % len(XSS)], "1"]),
                          rng.choice(["", PARAGRAPHS[j % 5], "3.14", XSS[(j + 1) % len(XSS)]]),
                          rng.choice(["", f"https://v.example/{j}", "javascript:alert(1)", "nope"]),
                          rng.choice(bad_dates + ["2025-12-29"]),
                          rng.choice(["", "A; B", "[1,2]"])] for _ in range(rng.randrange(1, 8))]
        data = _csv(rows)
        if j % 3 == 0:
            data = data[: rng.randrange(1, len(data))]
        ext = ("csv", "jsonl")[j % 2]
        if ext == "jsonl":
            data = "\n".join(json.dumps(dict(zip(head, r, strict=False))) for r in rows[1:]).encode()
            if j % 3 == 1:
                data = data[: rng.randrange(1, max(2, len(data)))]
        yield f"mutated-{j}.{ext}", data


# --------------------------------------------------------------------------- strings


def _strings(big: bool, rng: random.Random) -> Iterator[tuple[str, str]]:
    yield "empty", ""
    yield "space", " "
    yield "newlines", "\n" * 1000
    yield "nul", "Lavrov\x00 claimed\x00 it."
    yield "surrogates", "Lavrov claimed \ud800 the \udfff attack \udc80."
    yield "controls", "".join(chr(i) for i in range(32)) * 10
    yield "bom-nbsp", "\ufeff\u00a0Lavrov\u00a0said\u2028it\u2029was\u0085true."
    yield "replacement", "\ufffd" * 1000
    yield "zalgo", "L\u0337\u0353a\u0336v\u0335r\u0334o\u0338v said. " * 500
    yield "emoji", "Lavrov 👍🏽 claimed 🇺🇦 91 drones 🚁 " * 500
    yield "rtl", "\u202eLavrov\u202c said \u05e9\u05dc\u05d5\u05dd that Kyiv denied it." * 200
    yield "quotes-unbalanced", "“" * 3000 + "he said" + "”" * 5 + "«" * 2000 + "„" * 1000
    yield "quotes-nested", ("“" + "‘" * 5 + "«") * 1000 + "Lavrov said."
    yield "said-said", "said " * 20_000
    yield "claimed-lives", "The fire claimed three lives. Said said that Said said so. " * 500
    yield "abbreviations", "U.S. Mr. Gen. Sept. Dr. St. " * 5000
    yield "numbers", " ".join(str(rng.randrange(10**30)) for _ in range(5000))
    yield "number-words", "more than dozens of hundreds of thousands of 91 UAVs " * 2000
    yield "long-token", "x" * 1_000_000
    yield "punctuation", ".,;:!?…—–-()[]{}\"'" * 20_000
    yield "caps", "LAVROV CLAIMED THE KREMLIN SAID WASHINGTON DENIED " * 3000
    yield "names", " ".join(f"Name{i} Surname{i} said," for i in range(10_000))
    yield "according-to", "according to according to according to " * 5000
    yield "no-spaces-sentences", "A.B.C.D.E.F.G." * 50_000
    yield "mixed-scripts", "Лавров claimed що Київ 否认 the attack. " * 2000
    for j, x in enumerate(XSS):
        yield f"xss-{j}", f"{PARAGRAPHS[0]} {x} {PARAGRAPHS[1]}"
    yield "html-page", ARTICLE
    yield "words-100k", _words(100_000, rng) + "."
    if big:
        yield "line-5mb", _words(900_000, rng)[:5_000_000]
    for j in range(60):
        chars = [chr(rng.choice((rng.randrange(32, 127), rng.randrange(0x80, 0x2FFF),
                                 rng.randrange(0x10000, 0x1F9FF), rng.randrange(0, 32))))
                 for _ in range(rng.randrange(0, 400))]
        mix = " ".join(rng.choice(PARAGRAPHS + XSS) for _ in range(rng.randrange(1, 6)))
        pos = rng.randrange(len(mix) + 1)
        yield f"mutated-{j}", mix[:pos] + "".join(chars) + mix[pos:]


# --------------------------------------------------------------------------- entry


def _norm(item: tuple, prefix: str, suffix: str, kind: str) -> Case:
    name, data, *rest = item
    big = bool(rest and rest[0])
    if "." not in name:
        name = f"{name}{suffix}"
    return Case(f"{prefix}{name}", kind, data, big)


def build(big: bool = True, seed: int = SEED) -> tuple[list[Case], list[tuple[str, str]]]:
    """All cases and strings (nothing written)."""
    rng = random.Random(seed)
    cases = [_norm(c, "html-", ".html", "html") for c in _html_cases(big, rng)]
    cases += [_norm(c, "html-", "", "html") for c in _gzip_cases(big, rng)]
    cases += [_norm(c, "text-", ".txt", "text") for c in _text_cases(big, rng)]
    cases += [_norm(c, "table-", ".csv", "table") for c in _table_cases(big, rng)]
    names = [c.name for c in cases]
    dupes = {n for n in names if names.count(n) > 1}
    assert not dupes, f"duplicate case names: {sorted(dupes)}"
    strings = list(_strings(big, rng))
    return cases, strings


def generate(folder: str | Path, big: bool = True, seed: int = SEED) -> Suite:
    """Write every hostile input into ``folder`` and return the :class:`Suite`."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    cases, strings = build(big, seed)
    for c in cases:
        (folder / c.name).write_bytes(c.data)
    return Suite(folder, cases, strings)
