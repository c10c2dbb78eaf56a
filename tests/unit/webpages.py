"""Pages, feeds and sitemaps for the fetching tests, written for them (fictional events)."""

from __future__ import annotations

from html import escape

WIRE = [
    ("Engineers reopened the old swing bridge over the Lorne estuary on Thursday after eleven months of repairs "
     "that replaced its rusted gears and the timber deck laid in the nineteen-fifties."),
    ("The regional transport office said the crossing would carry cyclists and pedestrians first, with light "
     "vehicles allowed from next spring once load tests on the new steel beams have been completed."),
    ("Residents of the two villages on either bank had campaigned for years to save the bridge, which a "
     "consultant's report once proposed to demolish and replace with a ferry service."),
    "The repairs cost about four million euros, shared between the regional council and a heritage fund.",
]

STRIKE = [
    ("Dock workers at the northern harbour walked off the job on Tuesday morning, leaving container ships "
     "waiting at anchor outside the breakwater for the first time in a decade."),
    ("The union said the strike would last forty-eight hours unless the port authority returned to talks about "
     "night-shift pay, which has not been revised since the terminal was automated."),
    ("A spokesperson for the authority said it regretted the disruption and remained open to a meeting later in "
     "the week, but added that the proposed increase was beyond its budget."),
]

ORCHARD = [
    ("A late frost in the valley has destroyed much of this year's apricot blossom, growers said on Monday, "
     "and the cooperative expects to pick less than half of last season's harvest."),
    ("Farmers lit braziers between the rows for three nights running, but temperatures fell further than the "
     "forecasts had warned and the youngest trees lost nearly all their flowers."),
    ("The agriculture ministry is to send inspectors next week to assess whether the damage qualifies for the "
     "national disaster fund, which covers losses above thirty percent."),
]


def page(title: str, paragraphs: list[str], lang: str = "en", site_name: str | None = None,
         author: str | None = None, published: str | None = None, charset: str | None = "utf-8",
         canonical: str | None = None) -> str:
    meta = []
    if charset:
        meta.append(f'<meta charset="{charset}">')
    if site_name:
        meta.append(f'<meta property="og:site_name" content="{escape(site_name)}">')
    if author:
        meta.append(f'<meta name="author" content="{escape(author)}">')
    if published:
        meta.append(f'<meta property="article:published_time" content="{published}">')
    if canonical:
        meta.append(f'<link rel="canonical" href="{canonical}">')
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="{lang}"><head><title>{escape(title)}</title>{"".join(meta)}</head>'
            f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><main><article>"
            f"<h1>{escape(title)}</h1>{body}</article></main><footer>All rights reserved.</footer></body></html>")


def rss(title: str, items: list[dict[str, str]], language: str = "en") -> str:
    entries = "".join(
        "<item>" + "".join(f"<{k}>{escape(v)}</{k}>" for k, v in item.items()) + "</item>" for item in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
            f"<language>{language}</language>{entries}</channel></rss>")


def atom(title: str, links: list[str]) -> str:
    entries = "".join(f'<entry><title>Entry {i}</title><link href="{escape(link)}"/><id>urn:e:{i}</id>'
                      f"<updated>2025-05-02T10:00:00+02:00</updated></entry>" for i, link in enumerate(links))
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{escape(title)}</title><id>urn:feed</id><updated>2025-05-02T10:00:00Z</updated>{entries}</feed>")


def sitemap(urls: list[str], news: dict[str, dict[str, str]] | None = None) -> str:
    news = news or {}
    rows = []
    for url in urls:
        extra = ""
        if url in news:
            n = news[url]
            extra = (f"<news:news><news:publication><news:name>{escape(n['name'])}</news:name>"
                     f"<news:language>{n['language']}</news:language></news:publication>"
                     f"<news:publication_date>{n['date']}</news:publication_date>"
                     f"<news:title>{escape(n['title'])}</news:title></news:news>")
        rows.append(f"<url><loc>{escape(url)}</loc>{extra}</url>")
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' + "".join(rows) + "</urlset>")


def sitemap_index(children: list[str]) -> str:
    rows = "".join(f"<sitemap><loc>{escape(c)}</loc></sitemap>" for c in children)
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</sitemapindex>')
