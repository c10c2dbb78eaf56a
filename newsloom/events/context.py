"""The date and place an article's events default to, read from the article itself."""

from __future__ import annotations

from newsloom.events.coder import ArticleContext
from newsloom.model import Article, PartialDate, Place


def article_context(article: Article) -> ArticleContext:
    """The date and place an article's events default to: its lead's, else its dateline's."""
    lead_end = article.sentences[min(1, len(article.sentences) - 1)].end if article.sentences else 0
    lead_dates = [d.value for d in article.dates if d.start < lead_end]
    published = article.published.date() if article.published else None
    day = lead_dates[0] if lead_dates else (PartialDate(published.year, published.month, published.day) if published else None)
    place = article.dateline if article.dateline and article.dateline.entity_id else None
    if place is None:
        first_end = article.sentences[0].end if article.sentences else 0
        lead_places = [m for m in article.mentions if m.kind == "place" and m.start < first_end]
        place = Place(lead_places[0].text, None, None, lead_places[0].entity_id) if lead_places else None
    return ArticleContext(day, place)
