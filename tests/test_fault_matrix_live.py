"""The fault matrix for live behaviour: a source that flaps, and a source that goes back.

Against real HTTP servers on 127.0.0.1 started here: a scripted one that answers, fails,
answers… at every refresh, and the demo server (`r57tui demo-server`) restarted at day 0
after the dashboard showed day 13 — the meeting's example, 28/10 rolled back to 15/10.
The real dashboard is driven with Pilot; notifications are counted as they are posted
(Textual's `Notify` message, handled by a subclass) and as toasts on screen. Then the
rules themselves, without a screen: the outage rule and comparing `as_of` values.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from textual.notifications import Notification, Notify

from r57tui.commands.sources import open_source
from r57tui.config import Settings
from r57tui.demo.server import FeedServer, MovingDemo, demo_server
from r57tui.feed.as_of import beside, earlier
from r57tui.i18n.message import Message
from r57tui.sources import NewFeed, WentBack
from r57tui.ui.app import R57App
from r57tui.ui.feed_notices import FeedNotices
from tests.builders import feed_dict, task, to_bytes
from tests.httpserver import Handler, ScriptedServer
from tests.pilot import text_of

GOOD = to_bytes(feed_dict([task("T1"), task("T2", due="2025-01-31"), task("T3")]))


class CountingApp(R57App):
    """The dashboard, keeping every notification posted to it (Textual's Notify). Its
    notifications stay a minute unless replaced: a stack would still be on screen."""

    NOTIFICATION_TIMEOUT = 60

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.issued: list[Notification] = []

    def on_notify(self, message: Notify) -> None:
        self.issued.append(message.notification)

    def toasts(self) -> list[str]:
        """The notifications on screen now, as text."""
        return [str(toast.render()) for toast in self.screen.query("Toast")]


async def wait_until(pilot: Any, done: Callable[[], bool], what: str) -> None:
    for _ in range(1000):
        if done():
            await pilot.pause()
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never happened: {what}")


# A source that flaps ----------------------------------------------------------------


class FlappingServer(ScriptedServer):
    """Answers the good feed, then a 503, then the good feed… one request each; or only
    the good feed once `steady`."""

    def __init__(self) -> None:
        self.steady = False
        self.answered = 0
        super().__init__(self._respond)

    def _respond(self, h: Handler) -> None:
        self.answered += 1
        if self.steady or self.answered % 2 == 1:
            h.send(200, GOOD)
        else:
            h.send(503, b"restarting", content_type="text/plain")


async def test_a_flapping_source_is_one_outage_and_one_recovery() -> None:
    with FlappingServer() as server:
        settings = Settings(language="en", refresh=0.05, source=server.url())
        app = CountingApp(settings, open_source(server.url(), settings))
        # The rule's window, shortened for the test (three answers over at least this).
        app.live.feed_notices.seconds = 0.5
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await wait_until(pilot, lambda: app.snapshot is not None, "first figures")
            headline = text_of(app, "#headline")
            assert "3 assigned" in headline
            most_toasts = 0
            for cycle in range(1, 6):  # five outages and answers, one poll each
                await wait_until(
                    pilot, lambda c=cycle: server.answered >= 1 + 2 * c, f"cycle {cycle}"
                )
                most_toasts = max(most_toasts, len(app.toasts()))
                assert text_of(app, "#headline") == headline  # the figures stay
            assert most_toasts == 1  # the outage's, on screen all along; no stack
            errors = [n for n in app.issued if n.severity == "error"]
            assert len(errors) == 1, [n.message for n in app.issued]
            assert "503" in errors[0].message
            assert not [n for n in app.issued if n.title == "Recovered"]
            # The status line still says what each poll found: stale at a failure.
            seen: list[str] = []

            def stale() -> bool:  # the line as it was when it said STALE: it moves on
                seen.append(text_of(app, "#status"))
                return "STALE" in seen[-1]

            await wait_until(pilot, stale, "stale")
            assert "503" in seen[-1]
            # Answering well for the window ends the outage: one "Recovered", replacing
            # the outage's notification if it is still on screen.
            server.steady = True
            await wait_until(pilot, lambda: "Recovered" in str(app.toasts()), "recovered")
            assert len(app.toasts()) == 1  # the outage's went when "Recovered" came
            assert [n.title for n in app.issued] == ["Feed not updated", "Recovered"]
            assert "live" in text_of(app, "#status")
            assert text_of(app, "#headline") == headline


async def test_a_newer_feed_health_notification_replaces_the_one_on_screen() -> None:
    with FlappingServer() as server:
        settings = Settings(language="en", refresh=0.05, source=server.url())
        app = CountingApp(settings, open_source(server.url(), settings))
        app.live.feed_notices.seconds = 0.0  # three good answers end an outage
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await wait_until(pilot, lambda: app.snapshot is not None, "first figures")
            await wait_until(pilot, lambda: "Feed not updated" in str(app.toasts()), "outage")
            outage = app.issued[-1]
            server.steady = True
            await wait_until(pilot, lambda: "Recovered" in str(app.toasts()), "the recovery")
            toasts = app.toasts()
            assert len(toasts) == 1
            assert toasts[0] == "Recovered\nThe feed is back."
            assert outage.has_expired  # the older one went when the newer came


# A source that goes back in time -----------------------------------------------------


def moved(days: int, port: int = 0) -> tuple[FeedServer, MovingDemo]:
    """The demo server, `days` steps in (step 0: 15/10/2025 08:00, step 13: 28/10)."""
    server, moving = demo_server(port=port, interval=0)
    move(moving, days)
    return server.start(), moving


def move(moving: MovingDemo, days: int) -> None:
    while moving.simulation.step < days:
        moving.simulation.advance()
    moving.body.set(moving.simulation.to_bytes())


@pytest.mark.parametrize(
    ("language", "went_back", "as_of", "later"),
    [
        ("en", "↶ went back to 2025-10-15 08:00", "as of 2025-10-28 08:00", "2025-10-29"),
        ("vi", "↶ lùi về 15/10/2025 08:00", "số liệu đến 28/10/2025 08:00", "29/10/2025"),
    ],
)
async def test_a_restarted_server_does_not_roll_the_figures_back(
    language: str, went_back: str, as_of: str, later: str
) -> None:
    server, _ = moved(13)
    port = server.server_address[1]
    restarted: FeedServer | None = None
    try:
        settings = Settings(language=language, refresh=0.05, source=server.url)
        app = CountingApp(settings, open_source(server.url, settings))
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await wait_until(pilot, lambda: app.snapshot is not None, "first figures")
            assert as_of in text_of(app, "#status")
            headline = text_of(app, "#headline")
            # The server restarts, at day 0: the figures of 28/10 stay.
            server.stop()
            restarted, moving = moved(0, port)
            requests = restarted.requests
            await wait_until(pilot, lambda: went_back in text_of(app, "#status"), "went back")
            status = text_of(app, "#status")
            assert as_of in status
            assert "STALE" not in status
            assert "CŨ" not in status
            assert len(status.strip().splitlines()) == 1, status  # one row at 80 columns
            assert text_of(app, "#headline") == headline
            assert app.snapshot is not None
            assert app.snapshot.feed.as_of.isoformat() == "2025-10-28T08:00:00+07:00"
            # The same older bytes again (a 304) keep saying it: not "live".
            await wait_until(pilot, lambda: restarted.requests >= requests + 3, "polls")
            assert went_back in text_of(app, "#status")
            assert text_of(app, "#headline") == headline
            # On the projector too: the newer figures, not stale, said in words.
            await pilot.press("P")
            slide = text_of(app, "#slide-status").strip()
            kept = "Figures as of {as_of} — the source sent older ones, not used"
            assert slide == f"↶ {Message.of(kept, as_of=as_of[-16:]).text(language)}"
            assert "STALE" not in slide
            assert "CŨ" not in slide
            await pilot.press("escape")
            # One warning; shown again once the deck is left, as it was on screen when
            # the deck opened (held_notices.py).
            warnings = [n for n in app.issued if n.severity == "warning"]
            assert len({(n.title, n.message) for n in warnings}) == 1
            assert "2025-10-15" in warnings[0].message or "15/10/2025" in warnings[0].message
            # The server moves past the figures on screen: they are live again.
            move(moving, 14)
            await wait_until(pilot, lambda: later in text_of(app, "#status"), "caught up")
            assert went_back not in text_of(app, "#status")
            assert text_of(app, "#headline") != headline
    finally:
        server.stop() if restarted is None else restarted.stop()


async def test_the_source_says_it_went_back_until_it_catches_up() -> None:
    """Every consumer of a source gets the same answer: the source keeps the newer feed."""
    newer = to_bytes(feed_dict([task("T1")], as_of="2025-10-28T08:00:00+07:00"))
    older = to_bytes(feed_dict([task("T1"), task("T2")], as_of="2025-10-15T08:00:00+07:00"))
    same_instant = to_bytes(feed_dict([task("T1")], as_of="2025-10-28T01:00:00+00:00"))
    answers = [newer, older, older, same_instant]

    def respond(h: Handler) -> None:
        h.send(200, answers.pop(0))

    with ScriptedServer(respond) as server:
        source = open_source(server.url(), Settings())
        try:
            first = await source.poll()
            assert isinstance(first, NewFeed)
            back = await source.poll()
            assert isinstance(back, WentBack)
            assert back.as_of == datetime(2025, 10, 15, 8, tzinfo=HCM)
            assert back.kept == datetime(2025, 10, 28, 8, tzinfo=HCM)
            assert "went back to 2025-10-15 08:00" in back.message
            assert "15/10/2025 08:00" in back.text("vi")
            assert isinstance(await source.poll(), WentBack)  # the same bytes: still back
            caught_up = await source.poll()  # the same moment, another offset: taken
            assert isinstance(caught_up, NewFeed)
            assert caught_up.feed.as_of == first.feed.as_of
        finally:
            await source.aclose()


# The rules, without a screen ----------------------------------------------------------


def notices(**kwargs: Any) -> tuple[FeedNotices, list[Notification]]:
    posted: list[Notification] = []
    return FeedNotices(posted.append, "en", **kwargs), posted


def test_outage_rule_flapping_is_one_outage() -> None:
    rule, posted = notices(polls=3, seconds=10)
    for second in range(0, 120, 2):  # fails, answers, fails… every 2 s for two minutes
        if second % 4 == 0:
            rule.trouble("host: 503", second)
        else:
            rule.answered(second)
    assert [n.title for n in posted] == ["Feed not updated"]
    assert posted[0].message == "host: 503"
    assert posted[0].severity == "error"
    assert posted[0].markup is False  # a message quoting "[b]" from a feed stays text


def test_outage_rule_recovery_needs_polls_and_seconds() -> None:
    rule, posted = notices(polls=3, seconds=10)
    rule.trouble("down", 0)
    for second in (2, 4, 6, 8):  # four good answers, but only 6 s
        rule.answered(second)
    assert len(posted) == 1
    assert rule.in_outage
    rule.trouble("down again", 9)  # inside the window: the same outage, nothing said
    assert len(posted) == 1
    for second in (11, 13, 15, 17, 19):
        rule.answered(second)
    assert len(posted) == 1  # 8 s since 11
    rule.answered(21)
    assert [n.title for n in posted] == ["Feed not updated", "Recovered"]
    assert posted[0].has_expired  # replaced on screen by the newer
    assert not posted[1].has_expired
    rule.answered(23)
    rule.trouble("down", 25)  # a new outage after the recovery: said again
    assert [n.title for n in posted] == ["Feed not updated", "Recovered", "Feed not updated"]
    assert posted[1].has_expired


def test_outage_rule_slow_refresh_needs_three_answers() -> None:
    rule, posted = notices(polls=3, seconds=10)
    rule.trouble("down", 0)
    rule.answered(30)
    rule.answered(60)
    assert len(posted) == 1
    rule.answered(90)
    assert posted[-1].title == "Recovered"


def test_outage_rule_on_demand_counts_each_answer() -> None:
    rule, posted = notices(on_demand=True)
    rule.trouble("down", 0)
    rule.answered(1)
    assert [n.title for n in posted] == ["Feed not updated", "Recovered"]


def test_outage_rule_speaks_vietnamese() -> None:
    posted: list[Notification] = []
    rule = FeedNotices(posted.append, "vi", on_demand=True)
    rule.trouble("máy chủ: 503", 0)
    rule.answered(1)
    assert [n.title for n in posted] == ["Không cập nhật được số liệu", "Đã khôi phục"]
    assert posted[1].message == "Nguồn số liệu đã hoạt động trở lại."


HCM = timezone(timedelta(hours=7))
UTC_ = UTC


@pytest.mark.parametrize(
    ("fetched", "shown", "is_earlier"),
    [
        (datetime(2025, 10, 15, 8, tzinfo=HCM), datetime(2025, 10, 28, 8, tzinfo=HCM), True),
        (datetime(2025, 10, 28, 8, tzinfo=HCM), datetime(2025, 10, 15, 8, tzinfo=HCM), False),
        # equal: replaces, as any refresh does
        (datetime(2025, 10, 28, 8, tzinfo=HCM), datetime(2025, 10, 28, 8, tzinfo=HCM), False),
        # the same instant in another offset
        (datetime(2025, 10, 28, 1, tzinfo=UTC_), datetime(2025, 10, 28, 8, tzinfo=HCM), False),
        # 07:30+07:00 is 00:30Z, before 01:00Z though its clock reads later
        (datetime(2025, 10, 28, 7, 30, tzinfo=HCM), datetime(2025, 10, 28, 1, tzinfo=UTC_), True),
        (datetime(2025, 10, 28, 9, tzinfo=UTC_), datetime(2025, 10, 28, 8, tzinfo=HCM), False),
        # a date against a date-time: by the day each wrote
        (date(2025, 10, 28), datetime(2025, 10, 28, 8, tzinfo=HCM), False),
        (date(2025, 10, 27), datetime(2025, 10, 28, 8, tzinfo=HCM), True),
        (datetime(2025, 10, 28, 23, 59, tzinfo=HCM), date(2025, 10, 28), False),
        (datetime(2025, 10, 27, 23, 59, tzinfo=HCM), date(2025, 10, 28), True),
        (date(2025, 10, 15), date(2025, 10, 28), True),
        (date(2025, 10, 28), date(2025, 10, 28), False),
        # without an offset beside one with: the wall clocks (the feed's local time)
        (datetime(2025, 10, 28, 7), datetime(2025, 10, 28, 8, tzinfo=HCM), True),
        (datetime(2025, 10, 28, 8), datetime(2025, 10, 28, 8, tzinfo=HCM), False),
        (datetime(2025, 10, 28, 8, tzinfo=HCM), datetime(2025, 10, 28, 9), True),
        # at the ends of the calendar, nothing overflows
        (datetime(1, 1, 1, tzinfo=HCM), datetime(1, 1, 1, 5, tzinfo=UTC_), True),
        (datetime(9999, 12, 31, 23, tzinfo=UTC_), datetime(9999, 12, 31, 23, tzinfo=HCM), False),
    ],
)
def test_as_of_earlier(fetched: date, shown: date, is_earlier: bool) -> None:
    assert earlier(fetched, shown) is is_earlier


def test_went_back_to_reads_in_the_offset_on_screen() -> None:
    shown = datetime(2025, 10, 28, 8, tzinfo=HCM)
    fetched = datetime(2025, 10, 28, 0, 30, tzinfo=UTC)
    assert beside(fetched, shown) == datetime(2025, 10, 28, 7, 30, tzinfo=HCM)
    assert beside(fetched, shown).utcoffset() == timedelta(hours=7)
    back = WentBack("host", fetched, shown)
    assert back.message == (
        "host went back to 2025-10-28 07:30; the figures as of 2025-10-28 08:00 stay on screen"
    )
    assert back.text("vi") == (
        "host lùi về số liệu đến 28/10/2025 07:30; màn hình vẫn giữ số liệu đến 28/10/2025 08:00"
    )
    assert beside(date(2025, 10, 15), shown) == date(2025, 10, 15)
    assert beside(datetime(1, 1, 1, tzinfo=HCM), datetime(1, 1, 1, tzinfo=UTC)) == (
        datetime(1, 1, 1, tzinfo=HCM)
    )  # would be before year 1 in UTC: as written
