"""Write the fictional demo corpus: saved HTML pages from article texts and per-outlet templates.

The story, the countries, the people and the outlets are FICTIONAL, written for this project.
Article texts live in ``src/*.yml``; this script only dresses them in each outlet's page
template (navigation, cookie banner, teasers, comment form, footer) and writes
``<outlet-slug>_<yyyy-mm-dd>_<short-slug>.html`` files beside it.

Usage: ``python data/demo/build_demo.py [OUT_DIR]`` (default: this folder). The output is
deterministic, so the committed pages can be checked against a fresh build.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"

MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
MONTHS_RU = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
             "сентября", "октября", "ноября", "декабря"]
DAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def esc(text: str) -> str:
    """Escape text for an HTML text node."""
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    """Escape text for an HTML attribute value."""
    return html.escape(text, quote=True)


def when(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)


def clock12(d: dt.datetime) -> str:
    h = d.hour % 12 or 12
    return f"{h}:{d.minute:02d} {'AM' if d.hour < 12 else 'PM'}"


def tzname(d: dt.datetime) -> str:
    off = d.utcoffset() or dt.timedelta(0)
    hours = int(off.total_seconds() // 3600)
    return {0: "GMT", 1: "CET", 2: "EET"}.get(hours, f"UTC{hours:+d}")


# --- outlets ----------------------------------------------------------------------------

OUTLETS: dict[str, dict[str, Any]] = {
    "meridian-wire": {
        "name": "Meridian Wire", "domain": "meridian-wire.example", "lang": "en", "layout": "wire",
        "nav": ["World", "Business", "Markets", "Politics", "Technology", "Investigations", "Video"],
        "cookie": "We use cookies to deliver our services, measure audiences and personalise content. "
                  "You can change your choices at any time under Privacy settings.",
        "footer": "All quotes delayed a minimum of 15 minutes. © 2026 Meridian Wire. All rights reserved. "
                  "Meridian Wire is a fictional news agency created for a software demonstration.",
        "teasers": [
            ("Lindmark mediators say ceasefire draft is 'nearly complete'", "/world/lindmark-mediators-ceasefire-draft-2026-03-10"),
            ("Tarn river crossings: the map at the heart of the Velmora-Kestria talks", "/graphics/tarn-river-crossings"),
            ("Grain prices climb as northern ports close for storm", "/markets/grain-prices-northern-storm-2026-03-13"),
            ("Aldstad court jails former port chief for bribery", "/world/aldstad-port-chief-jailed-2026-03-12"),
        ],
    },
    "velmora-today": {
        "name": "Velmora Today", "domain": "velmora-today.example", "lang": "en", "layout": "state",
        "nav": ["Politics", "Economy", "Security", "Regions", "World", "Opinion", "Sport"],
        "cookie": "This website uses cookies. By continuing to browse the site you agree to our use of cookies.",
        "footer": "© 2026 Velmora Today. Founded by the State Committee for Information. "
                  "Registered as a mass medium, certificate No. 77-0142. Fictional outlet for a software demonstration.",
        "read_also": "Read also",
        "teasers": [
            ("President Tolvin opens new bridge over the Morava", "/regions/president-tolvin-opens-new-bridge-over-the-morava"),
            ("Air defence crews of the North awarded state honours", "/security/air-defence-crews-of-the-north-awarded"),
            ("Western sponsors pour weapons into Lenvik, expert says", "/world/western-sponsors-pour-weapons-into-lenvik"),
            ("Harvest forecast: record wheat yield expected", "/economy/harvest-forecast-record-wheat"),
        ],
    },
    "velmora-segodnya": {
        "name": "Вельмора Сегодня", "domain": "velmora-segodnya.example", "lang": "ru", "layout": "state",
        "nav": ["Политика", "Экономика", "Безопасность", "Регионы", "В мире", "Мнения", "Спорт"],
        "cookie": "Сайт использует файлы cookie. Продолжая работу с сайтом, вы соглашаетесь с их использованием.",
        "footer": "© 2026 «Вельмора Сегодня». Учредитель — Государственный комитет по информации. "
                  "Вымышленное издание для демонстрации программы.",
        "read_also": "Читайте также",
        "teasers": [
            ("Президент Толвин открыл новый мост через Мораву", "/regiony/prezident-otkryl-novyi-most"),
            ("Расчёты ПВО Севера представлены к государственным наградам", "/bezopasnost/raschety-pvo-severa-nagrady"),
            ("Эксперт: западные спонсоры наращивают поставки оружия в Ленвик", "/v-mire/zapadnye-sponsory-postavki"),
            ("Прогноз урожая: ожидается рекордный сбор пшеницы", "/ekonomika/prognoz-urozhaya"),
        ],
    },
    "korsgrad-courier": {
        "name": "Korsgrad Courier", "domain": "korsgrad-courier.example", "lang": "ru", "layout": "indie",
        "nav": {"ru": ["Новости", "Расследования", "Истории", "Мнения", "English"],
                "en": ["News", "Investigations", "Stories", "Opinion", "Русская версия"]},
        "cookie": {"ru": "Мы используем cookie, чтобы понимать, какие материалы вам интересны. Никакой рекламы.",
                   "en": "We use cookies to understand which stories you read. We carry no advertising."},
        "footer": {"ru": "«Курьер» — независимое издание. Нас читают, несмотря на блокировки. "
                         "Вымышленное издание для демонстрации программы.",
                   "en": "The Korsgrad Courier is an independent newsroom, working in exile since 2024. "
                         "Fictional outlet for a software demonstration."},
        "donate": {"ru": "Поддержите «Курьер»: мы существуем только на пожертвования читателей.",
                   "en": "Support the Courier: we exist only thanks to our readers' donations."},
        "teasers": {
            "ru": [("Как в Вельморе сажают за комментарии о ПВО", "/news/2026/03/02/sroki-za-kommentarii-o-pvo"),
                   ("Четыре месяца переговоров в Альдштадте: что уже согласовано", "/stories/2026/03/10/peregovory-v-aldshtadte"),
                   ("В Корсграде закрыли последний независимый книжный магазин", "/news/2026/03/12/knizhnyi-zakryt")],
            "en": [("How Velmora prosecutes people for posts about air defence", "/en/2026/03/03/prosecutions-air-defence-posts"),
                   ("Four months in Aldstad: what the negotiators have agreed", "/en/2026/03/10/aldstad-what-is-agreed"),
                   ("Korsgrad's last independent bookshop closes its doors", "/en/2026/03/12/bookshop-closes")],
        },
    },
    "lindmark-chronicle": {
        "name": "The Lindmark Chronicle", "domain": "lindmark-chronicle.example", "lang": "en", "layout": "paper",
        "nav": ["News", "World", "Politics", "Business", "Opinion", "Culture", "Sport", "Puzzles"],
        "cookie": "The Chronicle and our partners use cookies and similar technologies to run this site, "
                  "measure traffic and show you relevant advertising. Do you accept?",
        "footer": "© 2026 The Lindmark Chronicle, Aldstad. Registered as a newspaper. "
                  "A fictional newspaper created for a software demonstration.",
        "teasers": [
            ("Sandvold's gamble: can Lindmark broker a ceasefire it cannot enforce?", "/world/2026/03/11/sandvold-gamble-mediation"),
            ("Opinion: Aldstad talks need patience, not deadlines", "/opinion/2026/03/12/aldstad-talks-need-patience"),
            ("Ferry strike strands thousands on the northern islands", "/news/2026/03/13/ferry-strike-northern-islands"),
            ("Review: a bleak, brilliant winter opera at the Royal Theatre", "/culture/2026/03/13/winter-opera-review"),
        ],
    },
    "continental-observer": {
        "name": "The Continental Observer", "domain": "continental-observer.example", "lang": "en", "layout": "paper",
        "nav": ["Politics", "Economics", "Europe", "Ideas", "Books & Arts", "Podcasts"],
        "cookie": "We and our 112 partners store and access information on your device to personalise "
                  "content and ads. Accept to continue, or manage your options.",
        "footer": "© 2026 The Continental Observer Ltd. A fictional weekly created for a software demonstration.",
        "teasers": [
            ("The long winter of Europe's mediators", "/europe/2026/03/08/long-winter-of-mediators"),
            ("Why drones changed the economics of border wars", "/ideas/2026/03/01/drones-economics-border-wars"),
            ("Lindmark's budget: the quiet austerity", "/economics/2026/03/07/lindmark-quiet-austerity"),
        ],
    },
    "lbs-news": {
        "name": "LBS News", "domain": "lbs-news.example", "lang": "en", "layout": "broadcaster",
        "nav": ["Home", "News", "World", "Lindmark", "Business", "Climate", "Verify", "Sport", "Weather"],
        "cookie": "Let us know you agree to cookies. We use cookies to give you the best online experience. "
                  "Please let us know if you agree to all of these cookies.",
        "footer": "Copyright © 2026 LBS, the Lindmark Broadcasting Service. LBS is not responsible for the "
                  "content of external sites. Fictional broadcaster created for a software demonstration.",
        "teasers": [
            ("Velmora and Kestria: the border conflict explained", "/news/world-73988001"),
            ("Lindmark's foreign minister: 'The table in Aldstad remains set'", "/news/world-74120897"),
            ("Watch: ice breakers clear the northern shipping lane", "/news/av/lindmark-74117710"),
            ("Inflation in Lindmark falls to 2.1%", "/news/business-74113345"),
        ],
    },
    "kpr-news": {
        "name": "Kestrian Public Radio", "domain": "kpr-news.example", "lang": "en", "layout": "broadcaster",
        "nav": ["News in English", "Kestria", "Border", "Economy", "Culture", "Listen live"],
        "cookie": "KPR uses cookies for statistics and to remember your settings. Read more in our privacy notice.",
        "footer": "© 2026 Kestrian Public Radio (KPR), Lenvik. Fictional public broadcaster created for a "
                  "software demonstration.",
        "teasers": [
            ("Dalen border villages count the cost of winter shelling", "/en/news/dalen-villages-winter-shelling"),
            ("Kestrian delegation: ready for fifth round in Aldstad", "/en/news/delegation-ready-fifth-round"),
            ("Lenvik metro extension opens three months early", "/en/news/lenvik-metro-extension-opens"),
        ],
    },
    "harbourside-gazette": {
        "name": "Harbourside Gazette", "domain": "harbourside-gazette.example", "lang": "en", "layout": "regional",
        "nav": ["Local", "Harbour", "World News", "Business", "Sport", "Obituaries", "Classifieds", "e-Edition"],
        "cookie": "The Harbourside Gazette uses cookies to improve your experience and to show local advertising.",
        "footer": "Harbourside Gazette, 14 Quay Street, Portvik. © 2026 Harbourside Media Group. "
                  "A fictional regional newspaper created for a software demonstration.",
        "teasers": [
            ("Portvik council approves new fish market hall", "/news/local/portvik-council-fish-market-hall"),
            ("Harbour pilots warn over storm season staffing", "/news/harbour/pilots-warn-storm-season"),
            ("Gazette Sports: Portvik United held at home", "/sport/portvik-united-held-at-home"),
        ],
    },
    "newspulse": {
        "name": "NewsPulse", "domain": "newspulse.example", "lang": "en", "layout": "aggregator",
        "nav": ["Top Stories", "World", "Business", "Tech", "Entertainment", "Sports", "Health", "For you"],
        "cookie": "NewsPulse and its partners use cookies to personalise your feed and for ads measurement.",
        "footer": "NewsPulse brings you stories from trusted publishers. © 2026 NewsPulse Inc. "
                  "A fictional news aggregator created for a software demonstration.",
        "teasers": [
            ("Trending: 10 things to know before the markets open", "/story/2026/03/14/ten-things-markets"),
            ("Celebrity chef opens floating restaurant in Portvik", "/story/2026/03/13/floating-restaurant-portvik"),
            ("Storm warnings issued for the northern coast", "/story/2026/03/14/storm-warnings-northern-coast"),
            ("Velmora accuses Kestria over drone attack - live updates", "/story/2026/03/14/velmora-kestria-live"),
        ],
    },
    "factlantern": {
        "name": "FactLantern", "domain": "factlantern.example", "lang": "en", "layout": "factcheck",
        "nav": ["Fact checks", "Explainers", "Methodology", "Corrections", "Send us a claim", "About"],
        "cookie": "We only use cookies that are needed to run this site and anonymous audience statistics.",
        "footer": "FactLantern is an independent, non-profit fact-checking project based in Aldstad. "
                  "Fictional organisation created for a software demonstration. © 2026 FactLantern.",
        "teasers": [
            ("No, Lindmark did not ban Velmoran passports", "/fact-checks/2026/03/09/lindmark-did-not-ban-velmoran-passports"),
            ("Photo of 'Kestrian tanks in Tarn' is from a 2019 exercise", "/fact-checks/2026/02/27/tanks-in-tarn-2019"),
            ("How we geolocate videos", "/methodology/how-we-geolocate-videos"),
        ],
    },
    "dailyflash": {
        "name": "The Daily Flash", "domain": "dailyflash.example", "lang": "en", "layout": "tabloid",
        "nav": ["News", "World", "Showbiz", "Sport", "Money", "Health", "Travel", "Puzzles"],
        "cookie": "We value your privacy. We and our partners use cookies and similar technologies "
                  "to show you personalised ads. Click ACCEPT to agree.",
        "footer": "© 2026 Flash Media Ltd. The Daily Flash is a fictional newspaper created for a "
                  "software demonstration. Contact the newsdesk: tips@dailyflash.example",
        "teasers": [
            ("Soap star's secret wedding on the northern islands", "/showbiz/soap-star-secret-wedding-2049001"),
            ("Shoppers queue overnight for discount sofa sale", "/news/sofa-sale-queue-2049102"),
            ("Revealed: the drone that could change warfare forever", "/news/world/drone-change-warfare-2048870"),
        ],
    },
    "dronewatch-notes": {
        "name": "Drone Watch Notes", "domain": "dronewatch-notes.example", "lang": "en", "layout": "blog",
        "nav": ["Home", "Raid log", "Methodology", "About", "Support this blog"],
        "cookie": "This site uses cookies from the blogging platform for statistics.",
        "footer": "Drone Watch Notes — independent notes on drone warfare in the Tarn conflict. "
                  "A fictional blog created for a software demonstration.",
        "teasers": [
            ("February raid log: 31 raids, 212 drones", "/2026/03/02/february-raid-log/"),
            ("How far can Kestria's long-range drones really fly?", "/2026/01/18/kestria-long-range-drones-range/"),
        ],
    },
}


#: Outlet type of each demo outlet (the same facts as in data/outlets.csv).
TYPES = {
    "meridian-wire": "wire", "velmora-today": "state-affiliated", "velmora-segodnya": "state-affiliated",
    "korsgrad-courier": "independent", "lindmark-chronicle": "national", "continental-observer": "national",
    "lbs-news": "public broadcaster", "kpr-news": "public broadcaster", "harbourside-gazette": "regional",
    "newspulse": "aggregator", "factlantern": "fact-checker", "dailyflash": "national", "dronewatch-notes": "blog",
}


#: Critical CSS inlined in each page's <head>, as many news sites do (the rest is a linked file).
BASE_CSS = ("body{margin:0;font:17px/1.55 Georgia,serif;color:#1a1a1a}nav ul{list-style:none;margin:0;padding:0}"
            "nav li{display:inline-block;margin-right:1.1em}a{color:inherit}main,.content-wrap,#content,"
            ".page-wrapper,.layout{max-width:980px;margin:0 auto;padding:0 16px}"
            ".cookie-banner{position:fixed;bottom:0;left:0;right:0;background:#222;color:#fff;padding:12px 16px;"
            "font:14px sans-serif;z-index:9}.cookie-banner p{margin:0 0 6px}aside ul{padding-left:1.1em}"
            "footer{border-top:1px solid #ccc;margin-top:2em;padding:1em 16px 5em;font:13px sans-serif;color:#555}"
            "form label{display:block;margin:.4em 0}textarea{width:100%}")
LAYOUT_CSS = {
    "wire": "header{background:#fff;border-bottom:4px solid #ff8000;padding:10px 16px;font-family:Arial,sans-serif}"
            ".logo{font-weight:900;font-size:26px;text-decoration:none}.logo span{color:#ff8000}"
            ".ticker{background:#111;color:#eee;font:12px monospace;padding:4px 16px}"
            ".story-headline{font:700 36px/1.15 Arial,sans-serif}.story-meta{font:14px Arial,sans-serif;color:#555}",
    "state": ".top-bar{background:#7a0d0d;color:#fff;font:12px sans-serif;padding:4px 16px}"
             ".header{background:#b31414;padding:10px 16px}.header a{color:#fff}.rubric{color:#b31414;"
             "text-transform:uppercase;font:700 13px sans-serif}.read-also{border-left:4px solid #b31414;"
             "padding:6px 10px;background:#f6eded;font:15px sans-serif}.sidebar{font:14px sans-serif}",
    "indie": ".masthead{background:#0f2a44;color:#fff;padding:12px 16px;font-family:Helvetica,sans-serif}"
             ".brand{font:700 24px Helvetica,sans-serif;text-decoration:none}.donate-btn{float:right;"
             "background:#ffd23f;color:#000;padding:4px 10px}.donate-box{background:#fff7d6;padding:12px}",
    "paper": ".masthead{text-align:center;border-bottom:1px solid #000;padding:10px 16px}.nameplate{font:700 "
             "44px 'Times New Roman',serif;text-decoration:none;display:block}.headline{font:700 40px/1.1 "
             "'Times New Roman',serif}.standfirst{font-size:20px;color:#444}.pubdate,.last-modified{margin-left:.8em;color:#666}.newsletter-signup,.paywall"
             "{background:#f3efe6;padding:16px;margin:1.5em 0}.paywall h2{margin-top:0}",
    "broadcaster": ".global-header{background:#1d1d4f;color:#fff;padding:10px 16px;font-family:Arial,sans-serif}"
                   ".brand{font:700 22px Arial,sans-serif;text-decoration:none}#main-heading{font:700 34px/1.2 "
                   "Arial,sans-serif}.article-meta{font:14px Arial,sans-serif;color:#555}",
    "regional": "#header{background:#0b5394;color:#fff;padding:10px 16px}.weather-strip{font:12px sans-serif;"
                "background:#e8f0fa;padding:3px 16px}.ad-slot{background:#eee;text-align:center;padding:30px;"
                "font:12px sans-serif;color:#999}.entry-title{font:700 32px Georgia,serif}",
    "aggregator": "body{font-family:Helvetica,Arial,sans-serif}.topbar{background:#5a2fc2;color:#fff;padding:10px 16px}"
                  ".tabs{padding:6px 16px;background:#f2eefc}.layout{display:flex;gap:24px}.reader{flex:3}"
                  ".rail{flex:1;font-size:14px}.provider{font:700 13px sans-serif;color:#5a2fc2}",
    "factcheck": ".fc-header{background:#004d40;color:#fff;padding:10px 16px}.claim-box{border:2px solid #004d40;"
                 "padding:12px}.verdict{background:#c62828;color:#fff;padding:12px;margin:1em 0}"
                 ".rating{font-size:24px}",
    "tabloid": "body{font-family:Arial,sans-serif}.breaking-bar{background:#ffeb3b;font-weight:700;padding:4px 16px}"
               ".flash-header{background:#e10600;color:#fff;padding:8px 16px}.flash-logo{font:900 30px Impact,"
               "sans-serif;text-decoration:none}.splash-headline{font:900 42px/1.05 Impact,sans-serif;"
               "text-transform:uppercase}.video-embed{background:#000;color:#fff;padding:40px;text-align:center}",
    "blog": "body{background:#fafafa}.site-header{padding:20px 16px;border-bottom:1px solid #ddd}.site-title{font:"
            "700 28px Georgia,serif;margin:0}.comment-list{font:14px sans-serif}#secondary{font-size:14px}",
}


# --- shared pieces -----------------------------------------------------------------------

def url_of(outlet: dict, path: str) -> str:
    return f"https://{outlet['domain']}{path}"


def paragraphs(body: str) -> list[str]:
    return [" ".join(p.split()) for p in body.strip().split("\n\n") if p.strip()]


def body_html(paras: list[str], tag: str = "p", extra: dict[int, str] | None = None) -> str:
    """Body paragraphs; lines starting with '## ' become sub-headings; ``extra`` inserts after index."""
    out = []
    for i, p in enumerate(paras):
        if p.startswith("## "):
            out.append(f"<h2>{esc(p[3:])}</h2>")
        else:
            out.append(f"<{tag}>{esc(p)}</{tag}>")
        if extra and i in extra:
            out.append(extra[i])
    return "\n        ".join(out)


def nav_html(items: list[str], cls: str) -> str:
    links = "".join(f'<li><a href="/{attr(i.lower().replace(" ", "-"))}/">{esc(i)}</a></li>' for i in items)
    return f'<nav class="{cls}" aria-label="Main"><ul>{links}</ul></nav>'


def cookie_html(text: str, lang: str) -> str:
    yes, no = ("Принять", "Настроить") if lang == "ru" else ("Accept all", "Manage preferences")
    return (f'<div id="cookie-consent" class="cookie-banner" role="dialog" aria-live="polite">'
            f"<p>{esc(text)}</p><button type=\"button\" class=\"accept\">{yes}</button>"
            f"<button type=\"button\" class=\"settings\">{no}</button></div>")


def teasers_html(outlet: dict, teasers: list[tuple[str, str]], heading: str, cls: str) -> str:
    items = "".join(f'<li><a href="{attr(url_of(outlet, p))}">{esc(t)}</a></li>' for t, p in teasers)
    return f'<aside class="{cls}"><h3>{esc(heading)}</h3><ul>{items}</ul></aside>'


def comment_form(lang: str, action: str = "/comments/post", section_id: str = "comments") -> str:
    if lang == "ru":
        h, name, txt, btn = "Комментарии", "Имя", "Ваш комментарий", "Отправить"
    else:
        h, name, txt, btn = "Comments", "Name", "Your comment", "Post comment"
    return (f'<section class="comments" id="{section_id}"><h2>{h}</h2>'
            f'<form class="comment-form" action="{action}" method="post">'
            f'<label>{name} <input type="text" name="author" maxlength="80"></label>'
            f'<label>Email <input type="email" name="email"></label>'
            f'<label>{txt} <textarea name="comment" rows="5" cols="60"></textarea></label>'
            f'<button type="submit">{btn}</button></form></section>')


def jsonld_script(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{text}\n</script>'


def head_html(art: dict, outlet: dict, url: str, charset: str, lang: str) -> str:
    """<head>: charset, title, description, canonical/og:url, and dates by the article's style."""
    title = art["title"]
    desc = art.get("dek") or paragraphs(art["body"])[0][:200]
    lines = [f'<meta charset="{charset}">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{esc(title)} | {esc(outlet['name'])}</title>",
             f'<meta name="description" content="{attr(desc)}">']
    canon = art.get("canonical", "both")
    if canon in ("both", "link"):
        lines.append(f'<link rel="canonical" href="{attr(url)}">')
    lines += [f'<meta property="og:site_name" content="{attr(outlet["name"])}">',
              f'<meta property="og:title" content="{attr(title)}">',
              f'<meta property="og:type" content="{"website" if art.get("index") else "article"}">']
    if canon in ("both", "og"):
        lines.append(f'<meta property="og:url" content="{attr(url)}">')
    lines.append(f'<meta property="og:image" content="https://{outlet["domain"]}/static/share/default.jpg">')
    style = art.get("dates")
    if style == "meta":
        lines.append(f'<meta property="article:published_time" content="{art["published"]}">')
        if art.get("modified"):
            lines.append(f'<meta property="article:modified_time" content="{art["modified"]}">')
        lines.append(f'<meta property="article:section" content="{attr(art.get("section", ""))}">')
        lines.append(f'<meta name="author" content="{attr(", ".join(art.get("authors", [])))}">')
    if style == "jsonld":
        lines.append(jsonld_script(jsonld(art, outlet, url)))
    lines.append(f"<style>{BASE_CSS}{LAYOUT_CSS[outlet['layout']]}</style>")
    lines.append(f'<link rel="stylesheet" href="/static/css/{outlet["layout"]}.css">')
    lines.append('<script async src="/static/js/analytics.js"></script>')
    return "\n  ".join(lines)


def jsonld(art: dict, outlet: dict, url: str) -> dict:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": art["title"],
        "datePublished": art["published"],
        "dateModified": art.get("modified") or art["published"],
        "author": [{"@type": "Person", "name": a} for a in art.get("authors", [])],
        "publisher": {"@type": "Organization", "name": outlet["name"],
                      "logo": {"@type": "ImageObject", "url": f"https://{outlet['domain']}/static/logo.png"}},
        "articleSection": art.get("section", ""),
        "inLanguage": art.get("language", outlet["lang"]),
    }
    if art.get("dek"):
        data["description"] = art["dek"]
    if art.get("paywalled"):
        data["isAccessibleForFree"] = False
        data["hasPart"] = {"@type": "WebPageElement", "isAccessibleForFree": False,
                           "cssSelector": ".paywalled-content"}
    if art.get("rating"):
        review = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": url,
            "datePublished": art["published"],
            "claimReviewed": art["claim_text"],
            "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": art["claimant"]},
                             "datePublished": "2026-03-14"},
            "reviewRating": {"@type": "Rating", "ratingValue": 2, "bestRating": 5, "worstRating": 1,
                             "alternateName": art["rating"]},
            "author": {"@type": "Organization", "name": outlet["name"]},
        }
        return {"@context": "https://schema.org", "@graph": [data, review]}
    return data


def page(art: dict, outlet: dict, url: str, charset: str, body: str) -> str:
    lang = art.get("language", outlet["lang"])
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n  {head_html(art, outlet, url, charset, lang)}\n'
            f"</head>\n{body}\n</html>\n")


# --- date formats ------------------------------------------------------------------------

def d_en_long(d: dt.datetime) -> str:
    return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"


def d_us(d: dt.datetime) -> str:
    return f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}"


def d_ru(d: dt.datetime) -> str:
    return f"{d.day} {MONTHS_RU[d.month - 1]} {d.year}"


def time_tag(art: dict, d: dt.datetime, text: str, key: str = "published") -> str:
    """A visible date; machine-readable ``datetime`` only on pages not in the 'visible' style."""
    if art.get("dates") == "visible":
        return f'<span class="date">{esc(text)}</span>'
    return f'<time datetime="{art[key]}">{esc(text)}</time>'


# --- layouts -----------------------------------------------------------------------------

def wire(art: dict, o: dict, url: str) -> str:
    d = when(art["published"])
    updated = ""
    if art.get("modified"):
        m = when(art["modified"])
        updated = f' <span class="updated">Updated {time_tag(art, m, f"{clock12(m)} {tzname(m)}", "modified")}</span>'
    dek = f'<p class="story-summary">{esc(art["dek"])}</p>' if art.get("dek") else ""
    return f"""<body class="wire-story">
{cookie_html(o["cookie"], "en")}
<header class="site-header"><a class="logo" href="/">MERIDIAN <span>WIRE</span></a>
{nav_html(o["nav"], "primary-nav")}
<form class="search" action="/search"><input type="search" name="q" placeholder="Search Meridian Wire"></form></header>
<div class="ticker" aria-hidden="true">MARKETS: ALDSTAD 30 +0.4% | KORSGRAD INDEX -1.2% | BRENT $71.20</div>
<main id="main">
  <article class="story">
    <div class="story-kicker"><a href="/world/">{esc(art.get("section", "World"))}</a></div>
    <h1 class="story-headline">{esc(art["title"])}</h1>
    {dek}
    <div class="story-meta"><p class="byline">{esc(art["byline"])}</p>
      <p class="dateline">{time_tag(art, d, f"{d_us(d)} {clock12(d)} {tzname(d)}")}{updated}</p>
      <p class="read-time">4 minute read</p></div>
    <div class="share-tools"><a href="#">Share</a> <a href="#">Save</a> <a href="#">Print</a></div>
    <div class="story-body">
        {body_html(art["paras"])}
    </div>
    <p class="trust">Our Standards: <a href="/trust-principles">The Meridian Wire Trust Principles.</a></p>
    <div class="licensing"><a href="/licensing">Purchase Licensing Rights</a></div>
  </article>
  {teasers_html(o, o["teasers"], "Read Next", "read-next")}
</main>
<footer class="site-footer"><ul><li><a href="/about">About Meridian Wire</a></li><li><a href="/careers">Careers</a></li>
<li><a href="/privacy">Privacy</a></li><li><a href="/cookies">Cookies</a></li></ul><p>{esc(o["footer"])}</p></footer>
</body>"""


def state(art: dict, o: dict, url: str) -> str:
    d = when(art["published"])
    ru = o["lang"] == "ru"
    date_text = f"{d_ru(d)}, {d:%H:%M}" if ru else f"{d:%d.%m.%Y %H:%M}"
    teasers = o["teasers"]
    inline = {1: f'<div class="read-also"><b>{esc(o["read_also"])}:</b> '
                 f'<a href="{attr(url_of(o, teasers[1][1]))}">{esc(teasers[1][0])}</a></div>',
              4: f'<div class="read-also"><b>{esc(o["read_also"])}:</b> '
                 f'<a href="{attr(url_of(o, teasers[2][1]))}">{esc(teasers[2][0])}</a></div>'}
    views = "Просмотров" if ru else "Views"
    tags = "Теги" if ru else "Tags"
    tag_list = ["Вырда", "ПВО", "Кестрия"] if ru else ["Vyrda", "air defence", "Kestria", "terrorism"]
    more = "Главное за сутки" if ru else "Top stories of the day"
    share = "Поделиться" if ru else "Share"
    return f"""<body>
<div id="page">
  <div class="top-bar"><span class="weather">Korsgrad -4°</span><span class="rates">VLR/EUR 94.12</span>
  <a href="/live">LIVE TV</a></div>
  <div class="header"><a href="/" class="logo-link"><img src="/static/logo.svg" alt="{attr(o["name"])}"></a>
  {nav_html(o["nav"], "menu")}</div>
  <div class="content-wrap">
    <div class="news-item">
      <div class="rubric">{esc(art.get("section", ""))}</div>
      <h1>{esc(art["title"])}</h1>
      <div class="news-date">{time_tag(art, d, date_text)}</div>
      <div class="news-author">{esc(art["byline"])}</div>
      <div class="news-photo"><img src="/media/2026/03/residence.jpg" alt=""><span class="photo-credit">Photo: press service</span></div>
      <div class="news-text">
        {body_html(art["paras"], extra=inline)}
      </div>
      <div class="tags">{tags}: {" ".join(f'<a href="/tag/{attr(t)}">{esc(t)}</a>' for t in tag_list)}</div>
      <div class="share">{share}: <a href="#">VK</a> <a href="#">Telegram</a> <a href="#">OK</a></div>
      <div class="views">{views}: 48 213</div>
    </div>
    <div class="sidebar">{teasers_html(o, teasers, more, "main-news")}</div>
  </div>
  {comment_form(o["lang"])}
  <div class="footer">{nav_html(o["nav"], "footer-menu")}<p>{esc(o["footer"])}</p><p>18+</p></div>
</div>
{cookie_html(o["cookie"], o["lang"])}
</body>"""


def indie(art: dict, o: dict, url: str) -> str:
    lang = art.get("language", "en")
    d = when(art["published"])
    date_text = f"{d_ru(d)}, {d:%H:%M}" if lang == "ru" else f"{d_us(d)}, {d:%H:%M}"
    authors = (("Автор: " if lang == "ru" else "Words by ") + art["byline"])
    more = "Читайте также" if lang == "ru" else "More from the Courier"
    return f"""<body class="courier">
<header class="masthead"><a href="/" class="brand">Korsgrad Courier</a>
{nav_html(o["nav"][lang], "sections")}
<a class="donate-btn" href="/donate">{"Поддержать" if lang == "ru" else "Donate"}</a></header>
<main>
<article class="material">
  <header class="material-header">
    <span class="material-rubric">{esc(art.get("section", ""))}</span>
    <h1 class="material-title">{esc(art["title"])}</h1>
    <div class="material-meta"><span class="material-authors">{esc(authors)}</span>
    <span class="material-date">{time_tag(art, d, date_text)}</span></div>
  </header>
  <div class="material-body">
        {body_html(art["paras"])}
  </div>
  <div class="donate-box"><p>{esc(o["donate"][lang])}</p><a href="/donate">{"Поддержать" if lang == "ru" else "Support us"}</a></div>
</article>
{teasers_html(o, o["teasers"][lang], more, "related")}
</main>
<footer class="site-footer"><p>{esc(o["footer"][lang])}</p><p><a href="/mirror">{"Зеркало сайта" if lang == "ru" else "Mirror site"}</a> · <a href="/tor">Tor</a></p></footer>
{cookie_html(o["cookie"][lang], lang)}
</body>"""


def paper(art: dict, o: dict, url: str) -> str:
    d = when(art["published"])
    date_text = f"{DAYS_EN[d.weekday()][:3]} {d.day} {MONTHS_EN[d.month - 1][:3]} {d.year} {d:%H.%M} {tzname(d)}"
    modified = ""
    if art.get("modified"):
        m = when(art["modified"])
        m_text = f"{DAYS_EN[m.weekday()][:3]} {m.day} {MONTHS_EN[m.month - 1][:3]} {m.year} {m:%H.%M} {tzname(m)}"
        modified = f'<span class="last-modified">Last modified on {time_tag(art, m, m_text, "modified")}</span>'
    dek = f'<p class="standfirst">{esc(art["dek"])}</p>' if art.get("dek") else ""
    paras = art["paras"]
    if art.get("paywalled"):
        content = f"""<div class="article-teaser">
        {body_html(paras)}
      </div>
      <div class="paywall" id="paywall">
        <h2>Subscribe to continue reading</h2>
        <p>Get unlimited access to The Continental Observer's journalism, the weekly edition and the full archive.</p>
        <p class="offer">First month for €1, then €19 per month. Cancel anytime.</p>
        <a class="btn-subscribe" href="/subscribe?ref=paywall">Subscribe now</a>
        <p>Already a subscriber? <a href="/login">Sign in</a></p>
      </div>
      <div class="paywalled-content" hidden></div>"""
    else:
        box = ('<div class="newsletter-signup"><h3>Sign up to World Briefing</h3>'
               '<p>The day\'s most important stories from around the world, every morning.</p>'
               '<form action="/newsletters/subscribe"><input type="email" name="email" placeholder="Your email address">'
               "<button>Sign up</button></form></div>")
        content = f"""<div class="article-body">
        {body_html(paras, extra={2: box})}
      </div>"""
    comments = "" if art.get("paywalled") else comment_form("en")
    return f"""<body>
{cookie_html(o["cookie"], "en")}
<div class="site">
<header class="masthead"><div class="edition">Aldstad edition</div><a class="nameplate" href="/">{esc(o["name"])}</a>
<a class="subscribe" href="/subscribe">Subscribe</a> <a class="signin" href="/login">Sign in</a>
{nav_html(o["nav"], "nav-sections")}</header>
<main class="main-content">
  <article class="article" itemscope>
    <header class="article-header">
      <a class="kicker" href="/{attr(art.get("section", "world").lower())}/">{esc(art.get("section", ""))}</a>
      <h1 class="headline">{esc(art["title"])}</h1>
      {dek}
      <figure class="lead-image"><img src="/img/2026/03/lake-vyrda.jpg" alt="Lake Vyrda in winter">
      <figcaption>Lake Vyrda, where President Tolvin has a residence. Photograph: Archive</figcaption></figure>
      <div class="byline-block"><span class="byline">{esc(art["byline"])}</span>
      <span class="pubdate">{time_tag(art, d, date_text)}</span>{modified}</div>
    </header>
      {content}
  </article>
  {teasers_html(o, o["teasers"], "Most viewed", "most-viewed")}
  {comments}
</main>
<footer class="footer"><p>{esc(o["footer"])}</p><ul><li><a href="/terms">Terms</a></li><li><a href="/privacy">Privacy policy</a></li>
<li><a href="/contact">Contact us</a></li></ul></footer>
</div>
</body>"""


def broadcaster(art: dict, o: dict, url: str) -> str:
    d = when(art["published"])
    upd = ""
    if art.get("modified"):
        m = when(art["modified"])
        upd = f'<div class="updated">Updated {time_tag(art, m, f"{d_en_long(m)}, {m:%H:%M} {tzname(m)}", "modified")}</div>'
    role = f'<span class="byline-role">{esc(art["byline_role"])}</span>' if art.get("byline_role") else ""
    listen = '<div class="audio-player"><button>Listen to this article</button> 4 min</div>' if o["domain"].startswith("kpr") else ""
    return f"""<body>
{cookie_html(o["cookie"], "en")}
<header class="global-header"><a class="brand" href="/">{esc(o["name"])}</a>
{nav_html(o["nav"], "global-nav")}<a class="account" href="/account">Sign in</a></header>
<div class="page-wrapper">
<main id="main-content">
  <article>
    <header><h1 id="main-heading">{esc(art["title"])}</h1></header>
    <div class="article-meta"><div class="date">{time_tag(art, d, f"{d_en_long(d)}")}</div>{upd}
    <div class="byline-block"><span class="byline-name">{esc(art["byline"])}</span>{role}</div></div>
    {listen}
    <figure><img src="/images/2026/03/vyrda-residence-map.png" alt="Map showing Lake Vyrda and the border">
    <figcaption>Lake Vyrda is about 380km from the Kestrian border</figcaption></figure>
    <div class="article-body">
        {body_html(art["paras"])}
    </div>
    <section class="related-topics"><h2>Related Topics</h2><ul><li><a href="/topics/velmora">Velmora</a></li>
    <li><a href="/topics/kestria">Kestria</a></li><li><a href="/topics/drones">Drones</a></li></ul></section>
  </article>
  {teasers_html(o, o["teasers"], "More on this story", "more-on-story")}
</main>
</div>
<footer class="global-footer"><ul><li><a href="/terms">Terms of Use</a></li><li><a href="/about">About</a></li>
<li><a href="/privacy">Privacy Policy</a></li><li><a href="/cookies">Cookies</a></li></ul><p>{esc(o["footer"])}</p></footer>
</body>"""


def regional(art: dict, o: dict, url: str) -> str:
    d = when(art["published"])
    h = d.hour % 12 or 12
    date_text = f"{DAYS_EN[d.weekday()]}, {d_us(d)} - {h}:{d.minute:02d} {'a.m.' if d.hour < 12 else 'p.m.'}"
    return f"""<body class="gazette">
<div class="weather-strip">Portvik: 3°C, light snow · Tide: high 14:52</div>
<header id="header"><a href="/"><img src="/assets/gazette-logo.png" alt="Harbourside Gazette"></a>
<a class="subscribe" href="/subscribe">Subscribe from $1</a>
{nav_html(o["nav"], "main-menu")}</header>
<div id="content">
  <div class="breadcrumbs"><a href="/">Home</a> › <a href="/news/world">{esc(art.get("section", ""))}</a></div>
  <h1 class="entry-title">{esc(art["title"])}</h1>
  <div class="entry-meta"><span class="author-name">{esc(art["byline"])}</span> ·
  <span class="posted">{time_tag(art, d, date_text)}</span></div>
  <div class="ad-slot" data-ad="leaderboard">Advertisement</div>
  <div class="entry-content">
        {body_html(art["paras"])}
  </div>
  {teasers_html(o, o["teasers"], "Local news you may have missed", "local-teasers")}
  {comment_form("en")}
</div>
<footer id="footer"><p>{esc(o["footer"])}</p><p><a href="/contact">Contact the newsroom</a> · <a href="/advertise">Advertise</a></p></footer>
{cookie_html(o["cookie"], "en")}
</body>"""


def aggregator(art: dict, o: dict, url: str) -> str:
    d = when(art["published"])
    src = art.get("source_outlet", "")
    orig = art.get("source_url", "")
    date_text = f"{DAYS_EN[d.weekday()][:3]}, {d_us(d)} at {clock12(d)} {tzname(d)}"
    return f"""<body>
<div class="app-shell">
<header class="topbar"><a class="logo" href="/">NewsPulse</a>
<form action="/search" class="searchbox"><input name="q" placeholder="Search for news"></form>
<a href="/login" class="login">Sign in</a></header>
{nav_html(o["nav"], "tabs")}
<div class="layout">
<main class="reader">
  <div class="provider"><img src="/logos/meridian-wire.png" alt=""> <span class="provider-name">{esc(src)}</span></div>
  <h1 class="caas-title">{esc(art["title"])}</h1>
  <div class="caas-attr"><span class="caas-author">{esc(art["byline"])}</span>
  <span class="caas-time">{time_tag(art, d, date_text)}</span><span class="read-time">· 3 min read</span></div>
  <div class="caas-body">
        {body_html(art["paras"])}
  </div>
  <p class="view-original"><a href="{attr(orig)}" rel="nofollow">View original article on {esc(src)}</a></p>
  <div class="reactions"><button>👍 1.2k</button><button>😮 341</button><button>😡 97</button></div>
</main>
<aside class="rail">{teasers_html(o, o["teasers"], "Trending now", "trending")}
<div class="ad" data-slot="rail">Sponsored</div></aside>
</div>
{comment_form("en", "/conversation/post")}
<footer class="app-footer"><p>{esc(o["footer"])}</p></footer>
</div>
{cookie_html(o["cookie"], "en")}
</body>"""


def factcheck(art: dict, o: dict, url: str) -> str:
    d = when(art["published"])
    return f"""<body class="fc">
{cookie_html(o["cookie"], "en")}
<header class="fc-header"><a href="/" class="fc-logo">FactLantern</a>{nav_html(o["nav"], "fc-nav")}</header>
<main>
<article class="fact-check">
  <div class="fc-label">{esc(art.get("section", ""))}</div>
  <h1>{esc(art["title"])}</h1>
  <div class="fc-meta"><span class="fc-author">{esc(art["byline"])}</span> · Published {time_tag(art, d, d_en_long(d))}</div>
  <div class="claim-box"><div class="claim-label">Claim</div><p class="claim">{esc(art["claim_text"])}</p>
  <div class="claimant">Claimed by: {esc(art["claimant"])}</div></div>
  <div class="verdict verdict-unsupported"><span class="verdict-label">Our rating:</span>
  <strong class="rating">{esc(art["rating"])}</strong>
  <p class="verdict-note">No evidence supports the claim, and available evidence points against it.</p></div>
  <div class="fc-body">
        {body_html(art["paras"])}
  </div>
  <div class="sources"><h2>Sources</h2><ul><li>Velmoran Defence Ministry bulletin, 14 March 2026 (archived)</li>
  <li>Nebo Watch alert log, 13-15 March 2026</li><li>Korsgrad Courier, 15 March 2026</li></ul></div>
  <p class="correction-policy">Spotted an error? <a href="/corrections">Read our corrections policy</a>.</p>
</article>
{teasers_html(o, o["teasers"], "Latest fact checks", "latest")}
</main>
<footer class="fc-footer"><p>{esc(o["footer"])}</p><p>FactLantern is a signatory of the fact-checkers' code of principles.</p></footer>
</body>"""


def tabloid(art: dict, o: dict, url: str) -> str:
    d = when(art["published"])
    date_text = f"{d:%H:%M}, {d.day} {MONTHS_EN[d.month - 1][:3]} {d.year}"
    dek = f'<h2 class="article-sub">{esc(art["dek"])}</h2>' if art.get("dek") else ""
    return f"""<body>
<div class="breaking-bar">BREAKING NEWS · Follow our live blog</div>
<header class="flash-header"><a href="/" class="flash-logo">THE DAILY FLASH</a>{nav_html(o["nav"], "flash-nav")}</header>
<main class="article-container">
  <h1 class="splash-headline">{esc(art["title"])}</h1>
  {dek}
  <div class="article-byline"><span class="author">{esc(art["byline"])}</span>
  <span class="published">{time_tag(art, d, date_text)}</span></div>
  <div class="share-bar"><a href="#">Share</a><a href="#">Post</a><a href="#">Email</a><span class="comments-count">212 comments</span></div>
  <div class="article-content">
        {body_html(art["paras"], extra={3: '<div class="video-embed">▶ WATCH: Moment Velmoran minister makes shock claim</div>'})}
  </div>
  <div class="tips">Got a story? Email <a href="mailto:tips@dailyflash.example">tips@dailyflash.example</a></div>
  {teasers_html(o, o["teasers"], "MORE FROM THE FLASH", "more-flash")}
  {comment_form("en")}
</main>
<footer><p>{esc(o["footer"])}</p></footer>
{cookie_html(o["cookie"], "en")}
</body>"""


BLOG_COMMENTS = [
    ("Sander K.", "March 15, 2026 at 10:02 pm",
     "Good write-up. One nitpick: the MoD bulletin sometimes lumps EW-suppressed drones in later corrections."),
    ("tarn_observer", "March 15, 2026 at 10:31 pm",
     "The birch vs pine point is brilliant. State TV didn't even try."),
    ("Martin Holt", "March 15, 2026 at 10:40 pm",
     "@Sander K. fair, but I checked the next two days of bulletins too. Nothing added for Vyrda."),
]


def blog(art: dict, o: dict, url: str) -> str:
    d = when(art["published"])
    comments = "".join(
        f'<li class="comment"><div class="comment-author">{esc(a)}</div><div class="comment-date">{esc(t)}</div>'
        f"<p>{esc(c)}</p></li>" for a, t, c in BLOG_COMMENTS)
    return f"""<body class="post-template-default single single-post">
<div id="page" class="site">
<header id="masthead" class="site-header"><p class="site-title"><a href="/">Drone Watch Notes</a></p>
<p class="site-description">Open-source notes on drones in the Tarn conflict</p>
{nav_html(o["nav"], "main-navigation")}</header>
<div id="content" class="site-content">
<main id="main" class="site-main">
<article class="post type-post status-publish">
  <header class="entry-header"><h1 class="entry-title">{esc(art["title"])}</h1>
  <div class="entry-meta"><span class="posted-on">Posted on {time_tag(art, d, d_us(d))}</span>
  <span class="byline"> by <span class="author vcard">{esc(art["byline"])}</span></span></div></header>
  <div class="entry-content">
        {body_html(art["paras"])}
  </div>
  <footer class="entry-footer"><span class="cat-links">Posted in <a href="/category/analysis/">Analysis</a></span>
  <span class="tags-links">Tagged <a href="/tag/velmora/">Velmora</a>, <a href="/tag/vyrda/">Vyrda</a></span></footer>
</article>
<div id="comments" class="comments-area"><h2 class="comments-title">3 thoughts on “{esc(art["title"])}”</h2>
<ol class="comment-list">{comments}</ol>
<div id="respond" class="comment-respond"><h3>Leave a Reply</h3><p>Your email address will not be published.
Required fields are marked *</p>{comment_form("en", "/wp-comments-post.php", "reply-form")}</div></div>
</main>
<aside id="secondary" class="widget-area">{teasers_html(o, o["teasers"], "Recent Posts", "widget recent-posts")}</aside>
</div>
<footer id="colophon" class="site-footer"><p>{esc(o["footer"])}</p><p>Proudly powered by a blogging platform</p></footer>
</div>
{cookie_html(o["cookie"], "en")}
</body>"""


LAYOUTS: dict[str, Callable[[dict, dict, str], str]] = {
    "wire": wire, "state": state, "indie": indie, "paper": paper, "broadcaster": broadcaster,
    "regional": regional, "aggregator": aggregator, "factcheck": factcheck, "tabloid": tabloid, "blog": blog,
}


# --- the section index page --------------------------------------------------------------

def index_page(articles: dict[str, dict]) -> tuple[str, str]:
    """The Lindmark Chronicle's World section front on 16 March: a list of headlines, not an article."""
    o = OUTLETS["lindmark-chronicle"]
    url = url_of(o, "/world")
    items = [
        ("Lindmark postpones Velmora-Kestria talks; Sandvold says 'the channel stays open'",
         "/world/2026/03/16/lindmark-postpones-aldstad-talks",
         "The fifth round will be held when both delegations confirm they are ready, the foreign minister said.",
         "2026-03-16T14:10:00+01:00"),
        (articles["lindmark-chronicle_2026-03-15_analysis-vyrda-claim-and-aldstad-talks.html"]["title"],
         articles["lindmark-chronicle_2026-03-15_analysis-vyrda-claim-and-aldstad-talks.html"]["path"],
         "Whatever happened over Lake Vyrda, the consequences of Velmora's claim are already visible in Aldstad.",
         "2026-03-15T17:45:00+01:00"),
        (articles["lindmark-chronicle_2026-03-14_velmora-claims-drone-attack-offers-no-evidence.html"]["title"],
         articles["lindmark-chronicle_2026-03-14_velmora-claims-drone-attack-offers-no-evidence.html"]["path"],
         "Foreign minister alleges 47 drones targeted Tolvin's lakeside home; Kestria denies involvement.",
         "2026-03-14T12:30:00+01:00"),
        ("Earthquake of magnitude 5.8 shakes southern coast of the Middle Sea",
         "/world/2026/03/15/earthquake-middle-sea-coast",
         "No casualties were reported, but ferry services were suspended for several hours.",
         "2026-03-15T08:20:00+01:00"),
        ("Kestria's president to address parliament on drone accusation",
         "/world/2026/03/16/brask-to-address-parliament",
         "Ilona Brask is expected to reject Velmora's account and to call for talks to resume.",
         "2026-03-16T09:00:00+01:00"),
        ("Opinion: Mediators must not become referees of unverifiable claims",
         "/opinion/2026/03/16/mediators-unverifiable-claims",
         "Lindmark's credibility rests on refusing to take sides on facts nobody can check.",
         "2026-03-16T07:00:00+01:00"),
        ("Global shipping insurers raise premiums for northern routes",
         "/business/2026/03/14/shipping-insurers-northern-routes",
         "Storm season and regional tensions push costs up for the third month running.",
         "2026-03-14T16:45:00+01:00"),
    ]
    lis = []
    for title, path, teaser, ts in items:
        d = when(ts)
        lis.append(f'<li class="card"><a class="card-link" href="{attr(url_of(o, path))}"><h3 class="card-headline">'
                   f'{esc(title)}</h3></a><p class="card-standfirst">{esc(teaser)}</p>'
                   f'<time class="card-time" datetime="{ts}">{d:%d %b %H.%M}</time></li>')
    art = {"title": "World news", "dek": "The latest world news, analysis and comment from The Lindmark Chronicle",
           "index": True, "body": "x", "section": "World"}
    ld = {"@context": "https://schema.org", "@type": "CollectionPage", "name": "World news",
          "url": url, "publisher": {"@type": "Organization", "name": o["name"]}}
    body = f"""<body class="section-front">
{cookie_html(o["cookie"], "en")}
<header class="masthead"><a class="nameplate" href="/">{esc(o["name"])}</a>{nav_html(o["nav"], "nav-sections")}</header>
<main class="section-page">
  <h1 class="section-title">World</h1>
  <p class="section-date">Monday 16 March 2026</p>
  <ul class="subsections"><li><a href="/world/europe">Europe</a></li><li><a href="/world/tarn-conflict">Tarn conflict</a></li>
  <li><a href="/world/americas">Americas</a></li><li><a href="/world/asia">Asia</a></li></ul>
  <ol class="card-list">
    {"".join(lis)}
  </ol>
  <nav class="pagination"><a href="/world?page=2">Older stories</a></nav>
</main>
<footer class="footer"><p>{esc(o["footer"])}</p></footer>
</body>"""
    head = head_html(art, o, url, "utf-8", "en").replace(
        '<link rel="stylesheet"', jsonld_script(ld) + '\n  <link rel="stylesheet"', 1)
    doc = f'<!DOCTYPE html>\n<html lang="en">\n<head>\n  {head}\n</head>\n{body}\n</html>\n'
    return "lindmark-chronicle_2026-03-16_world-section-index.html", doc


# --- build -------------------------------------------------------------------------------

def load_articles() -> dict[str, dict]:
    """All article records from ``src/*.yml`` keyed by file name, copies resolved."""
    arts: dict[str, dict] = {}
    for f in sorted(SRC.glob("*.yml")):
        for a in yaml.safe_load(f.read_text(encoding="utf-8")):
            if a["file"] in arts:
                raise ValueError(f"{f.name}: duplicate file {a['file']}")
            arts[a["file"]] = a
    for a in arts.values():
        if "copy_of" in a:
            orig = arts[a["copy_of"]]
            paras = paragraphs(orig["body"])
            if a.get("trim_last"):
                paras = paras[: -a["trim_last"]]
            if a.get("credit"):
                paras.append(a["credit"])
            a.setdefault("title", orig["title"])
            a["paras"] = paras
            a["body"] = "\n\n".join(paras)
            a["source_outlet"] = OUTLETS[orig["outlet"]]["name"]
            a["source_url"] = url_of(OUTLETS[orig["outlet"]], orig["path"])
        else:
            a["paras"] = paragraphs(a["body"])
    return arts


def render(a: dict) -> bytes:
    o = OUTLETS[a["outlet"]]
    url = url_of(o, a["path"])
    encoding = a.get("encoding", "utf-8")
    charset = "windows-1251" if encoding == "cp1251" else "utf-8"
    doc = page(a, o, url, charset, LAYOUTS[o["layout"]](a, o, url))
    return doc.encode(encoding)  # strict: a character the charset lacks is a build error


README_START = "<!-- files:start (generated by build_demo.py) -->"
README_END = "<!-- files:end -->"
INDEX_ROW = {"outlet": "lindmark-chronicle", "published": "2026-03-16T06:00:00+01:00", "status": "not_article",
             "expected": "index", "demonstrates": "section front (World): a list of headlines with teasers, not an article"}


def flags(name: str, a: dict) -> list[str]:
    """Short tags for what a page demonstrates beyond its claim presentation."""
    out = []
    if a.get("copy_of"):
        out.append("syndicated")
    if name.endswith(("_v1.html", "_v2.html")):
        out.append("revision")
    if a.get("headline_gap"):
        out.append("headline_gap")
    if a.get("language") == "ru":
        out.append("russian")
    if a.get("encoding") == "cp1251":
        out.append("cp1251")
    if a.get("paywalled"):
        out.append("paywall")
    if a.get("expected") == "index":
        out.append("index")
    return out


def readme_table(arts: dict[str, dict]) -> str:
    """The per-file table of README.md (one row per page, machine-readable)."""
    rows = ["| file | outlet | domain | type | language | published (UTC) | status | expected | copy_of | flags "
            "| demonstrates |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    items = [(n, a) for n, a in arts.items()] + [("lindmark-chronicle_2026-03-16_world-section-index.html", INDEX_ROW)]
    for name, a in sorted(items):
        o = OUTLETS[a["outlet"]]
        pub = when(a["published"]).astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M")
        status = a.get("status") or ("paywalled" if a.get("paywalled") else "ok")
        cells = [f"`{name}`", o["name"], o["domain"], TYPES[a["outlet"]], a.get("language", "en"), pub, status,
                 a["expected"], f"`{a['copy_of']}`" if a.get("copy_of") else "", " ".join(flags(name, a)),
                 a["demonstrates"]]
        rows.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    return "\n".join(rows)


def write_readme(arts: dict[str, dict], path: Path) -> None:
    """Replace the generated table between the markers of ``path`` (kept as is otherwise)."""
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition(README_START)
    _, _, tail = rest.partition(README_END)
    path.write_text(f"{head}{README_START}\n{readme_table(arts)}\n{README_END}{tail}", encoding="utf-8")


def build(out_dir: Path = HERE) -> list[Path]:
    """Write every page into ``out_dir``; return the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    arts = load_articles()
    written = []
    for name, a in arts.items():
        p = out_dir / name
        p.write_bytes(render(a))
        written.append(p)
    name, doc = index_page(arts)
    p = out_dir / name
    p.write_bytes(doc.encode("utf-8"))
    written.append(p)
    readme = out_dir / "README.md"
    if readme.exists() and README_START in readme.read_text(encoding="utf-8"):
        write_readme(arts, readme)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    for path in build(target):
        print(path.name)
