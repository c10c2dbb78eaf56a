"""Publication times as timezone-aware UTC datetimes, whatever form they came in."""

from __future__ import annotations

from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime


def to_utc(value: object) -> datetime | None:
    """An aware UTC datetime from ISO 8601 (date-only too), RFC 2822, a date or a datetime.

    A time without a zone is taken as UTC; a date alone as midnight UTC. Anything
    else gives None, so a malformed hint is dropped rather than guessed.
    """
    moment: datetime | None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    elif isinstance(value, str) and value.strip():
        moment = _parse(value.strip())
        if moment is None:
            return None
    else:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _parse(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)  # RFC 2822, as feeds and HTTP write it
    except (TypeError, ValueError, IndexError):
        return None
