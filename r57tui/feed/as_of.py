"""Which of two feeds describes the earlier moment, by their `as_of`.

`as_of` is a date, a date-time with a UTC offset, or a date-time without one (read as the
feed's local time). A live source that goes back in time (a restarted server, a stale
cache) must not replace newer figures (FEED_FORMAT, "A feed older than the one on
screen"); these rules say what "older" means across those forms.
"""

from __future__ import annotations

from datetime import date, datetime

AsOf = datetime | date


def earlier(fetched: AsOf, shown: AsOf) -> bool:
    """Whether `fetched` describes a moment strictly before `shown`.

    - Two date-times with offsets: the instants (08:00+07:00 is 01:00Z: neither earlier).
    - A date-time without an offset beside one with: wall clocks; the offset-less one is
      the feed's local time, and a feed that loses its offset is the same producer's.
    - A date on either side: the days, as each feed wrote its day (the day its tasks are
      judged against); the same day is not earlier, so it replaces as any refresh does.
    - Equal is not earlier.
    """
    if isinstance(fetched, datetime) and isinstance(shown, datetime):
        if (fetched.utcoffset() is None) != (shown.utcoffset() is None):
            return fetched.replace(tzinfo=None) < shown.replace(tzinfo=None)
        return fetched < shown
    return _day(fetched) < _day(shown)


def beside(fetched: AsOf, shown: AsOf) -> AsOf:
    """`fetched` as it reads next to `shown`: in `shown`'s offset when both have one, so
    "went back to 07:30" is read against the "as of 08:00" on screen in one zone."""
    if (
        isinstance(fetched, datetime)
        and isinstance(shown, datetime)
        and fetched.utcoffset() is not None
        and shown.utcoffset() is not None
    ):
        try:
            return fetched.astimezone(shown.tzinfo)
        except OverflowError:  # within hours of year 1 or 9999: as written
            return fetched
    return fetched


def _day(value: AsOf) -> date:
    return value.date() if isinstance(value, datetime) else value
