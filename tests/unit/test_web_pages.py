"""The server-rendered pages: what they show, and that text from feeds stays text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from newsloom.web.charts import network, timeline
from newsloom.web.highlight import Mark, find_trigger, paragraphs
from newsloom.web.render import safe_url, when

PAGES = ["/stories", "/stories/s-visit", "/stories/s-xss", "/events", "/events?sector=MED", "/events/ev-consult",
         "/events/ev-xss", "/entities", "/entities/per:to-lam", "/entities/per:mallory", "/articles/a-xss",
         "/articles/a-vi", "/search?q=Paris", "/search?q=Breaking", "/search", "/api"]


class Tags(HTMLParser):
    """Every start tag of a page with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def page(api_client, path):
    response = api_client.get(path)
    assert response.status_code == 200, (path, response.text[:500])
    assert response.headers["content-type"].startswith("text/html")
    return response.text


@pytest.mark.parametrize("path", PAGES)
def test_pages_have_no_script_no_inline_style_and_no_handler(api_client, path):
    for tag, attrs in tags(page(api_client, path)):
        assert tag != "script", path
        assert "style" not in attrs, (path, tag)
        assert not [a for a in attrs if a.startswith("on")], (path, tag, attrs)
        for name in ("href", "src", "action"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), (path, tag, attrs)


@pytest.mark.parametrize("path", ["/stories/s-xss", "/articles/a-xss", "/events/ev-xss", "/entities/per:mallory",
                                  "/events?sector=MED", "/search?q=Breaking", "/stories"])
def test_payloads_from_feeds_render_as_text(api_client, path):
    html = page(api_client, path)
    assert "<script>alert" not in html and "<img src=x" not in html and "<b onmouseover" not in html
    assert "&lt;script&gt;alert(" in html or "&lt;img src=x onerror" in html


def test_a_javascript_url_from_a_feed_is_not_a_link(api_client):
    html = page(api_client, "/articles/a-xss")
    assert "javascript:" not in html


def test_story_list_shows_languages_outlets_and_counts(api_client):
    html = page(api_client, "/stories")
    row = html[html.index('href="/stories/s-visit"'):]
    row = row[:row.index("</tr>")]
    assert "Global Desk, Écho International, VTT" in row
    assert re.search(r'class="num">3</td>\s*<td class="num">3</td>', row)


def test_story_page_sets_articles_side_by_side_with_evidence_anchors(api_client):
    html = page(api_client, "/stories/s-visit")
    assert html.count('class="column"') == 3
    for article in ("a-en", "a-fr", "a-vi"):
        anchor = f"ev-ev-consult-{article}"
        assert f'id="{anchor}"' in html and f'href="#{anchor}"' in html
    assert '<mark class="evidence" title="CONSULT: Tô Lâm → Emmanuel Macron">To Lam met Macron in Paris on Monday.</mark>' \
        in html
    assert "No source comparison yet" in html
    assert html.count('id="ev-ev-agree-a-en"') == 1


def test_events_page_filters_counts_and_exports_the_filter(api_client):
    html = page(api_client, "/events?type=CONSULT&actor=&country=")  # empty form fields mean "any"
    assert '<span id="event-total">21</span>' in html
    assert 'href="/api/events/export?type=CONSULT&amp;format=csv"' in html
    assert 'rel="next"' in html  # 21 events, 20 a page


def test_event_page_highlights_the_trigger_in_each_evidence_sentence(api_client):
    html = page(api_client, "/events/ev-consult")
    assert html.count('class="evidence-item"') == 3
    assert '<strong class="trigger">met</strong>' in html
    assert 'href="/stories/s-visit#ev-ev-consult-a-fr"' in html


def test_entity_page_has_names_roles_network_and_timeline(api_client):
    html = page(api_client, "/entities/per:to-lam")
    assert "General Secretary" in html and "To Lam" in html
    assert '<svg class="network"' in html and 'href="/entities/per:macron"' in html
    assert '<svg class="timeline"' in html and html.count('class="bar ') == 2


def test_article_page_links_mentions_to_entities(api_client):
    html = page(api_client, "/articles/a-fr")
    assert '<a class="mention" href="/entities/per:macron"' in html


def test_search_page_lists_entities_stories_and_articles(api_client):
    html = page(api_client, "/search?q=Macron")
    assert 'id="found-entities"' in html and 'href="/entities/per:macron"' in html
    assert 'href="/stories/s-visit"' in html
    assert "<mark>Macron</mark>" in html


def test_home_goes_to_the_stories(api_client):
    response = api_client.get("/", follow_redirects=False)
    assert response.status_code == 302 and response.headers["location"] == "/stories"


def test_the_stylesheet_is_served_from_the_package(api_client):
    response = api_client.get("/static/style.css")
    assert response.status_code == 200 and "side-by-side" in response.text


# -- pieces of the pages ------------------------------------------------------------------------------
def test_paragraphs_cut_where_marks_start_and_end():
    text = "Alpha beta gamma.\nDelta epsilon."
    marks = [Mark(6, 16, "event", "e1"), Mark(11, 16, "entity", "x"), Mark(18, 23, "event", "e2")]
    paras = paragraphs(text, marks)
    assert [[p.text for p in para] for para in paras] == [["Alpha ", "beta ", "gamma", "."], ["Delta", " epsilon."]]
    assert [m.key for m in paras[0][1].marks] == ["e1"] and [m.key for m in paras[0][2].marks] == ["e1", "x"]
    assert [m.key for m in paras[0][1].begins] == ["e1"] and paras[0][2].begins[0].key == "x"


def test_an_anchor_is_given_once_per_key():
    paras = paragraphs("One. Two.", [Mark(0, 4, "event", "e"), Mark(5, 9, "event", "e")])
    assert sum(len(p.begins) for para in paras for p in para) == 1


def test_trigger_is_found_whatever_its_case():
    assert find_trigger("Macron URGED Vietnam.", "urged") == (7, 12)
    assert find_trigger("No trigger here.", "urged") is None


@pytest.mark.parametrize(("url", "safe"), [("https://a.test/x", "https://a.test/x"), ("http://a.test", "http://a.test"),
                                          ("javascript:alert(1)", None), (" JavaScript:alert(1)", None),
                                          ("data:text/html,x", None), ("//evil.test", None), (None, None)])
def test_only_web_addresses_become_links(url, safe):
    assert safe_url(url) == safe


def test_times_read_as_utc():
    assert when("2025-05-13T11:40:00+00:00") == "2025-05-13 11:40 UTC"
    assert when(None) == "no date" and when("garbage") == "garbage"


def test_network_puts_the_busiest_counterpart_on_top():
    drawing = network("Center", [
        {"entity_id": "a", "name": "A", "count": 4, "as_source": 1, "as_target": 3, "types": {"CONSULT": 4}},
        {"entity_id": "b", "name": "B", "count": 1, "as_source": 1, "as_target": 0, "types": {"THREATEN": 1}}])
    first, second = drawing.nodes
    assert first.y < drawing.cy and first.tone == "coop" and second.tone == "conf"
    assert first.stroke > second.stroke


def test_timeline_goes_monthly_over_long_spans():
    points = [{"date": "2024-01-05", "count": 2, "types": {"AID": 2}},
              {"date": "2025-01-05", "count": 1, "types": {"FIGHT": 1}}]
    drawing = timeline(points)
    assert drawing is not None and drawing.unit == "month" and len(drawing.bars) == 2
    assert timeline([]) is None
