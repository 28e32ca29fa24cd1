"""Nothing technical on a slide, and its colours: notifications wait while presenting and
come when the deck is left; a stale source is said in words; `t` repaints every label.
Driven with Pilot, the screen read as Textual composes it (toasts included)."""

from __future__ import annotations

from pathlib import Path

from textual.color import Color
from textual.notifications import Notification, Notify
from textual.widget import Widget

from r57tui.commands.sources import open_source
from r57tui.config import ExportSettings, Settings
from r57tui.demo.server import FeedBody, FeedServer
from r57tui.i18n.strings import tr
from r57tui.ui.app import R57App
from r57tui.ui.held_notices import HeldNotices
from r57tui.ui.main_screen import MainScreen
from r57tui.ui.present_screen import FIGURES, PresentScreen
from tests.builders import feed_dict, task, to_bytes
from tests.pilot import RecordingApp, settle, text_of
from tests.test_baseline import demo_doc, meeting_baseline_doc
from tests.test_glossary import _table
from tests.test_ui_baseline import write
from tests.test_ui_contrast import drawn_lines

SIZE = (120, 40)
# What a notification of an export, a baseline or a failing source says, and a slide never.
TECHNICAL = ("http", "127.0.0.1", ".svg", ".json", "Exported", "baseline", "version: 9", "✗ STALE")


def screen_text(app: R57App) -> str:
    """Every character on screen, notifications included, as the terminal gets them."""
    return "\n".join("".join(seg.text for seg in line) for line in drawn_lines(app))


def technical_on_screen(app: R57App, *also: str) -> list[str]:
    shown = screen_text(app)
    return [word for word in (*TECHNICAL, *also) if word in shown]


def settings_for(tmp_path: Path, language: str = "en", **more: object) -> Settings:
    return Settings(language=language, export=ExportSettings(folder=tmp_path / "exports"), **more)


async def start_presenting(app: R57App, pilot) -> PresentScreen:
    await settle(app, pilot)
    await pilot.press("P", "x")  # x: stops the cycle, so a key after it acts
    await settle(app, pilot)
    assert isinstance(app.screen, PresentScreen)
    return app.screen


async def leave(app: R57App, pilot) -> None:
    await pilot.press("escape")
    await settle(app, pilot)
    assert isinstance(app.screen, MainScreen)


async def shown_after_leaving(app: R57App, pilot, word: str) -> str:
    """The screen once `word` is on it (the toasts come a few frames after the deck
    goes), or as it is after two seconds."""
    for _ in range(40):
        if word in screen_text(app):
            break
        await pilot.pause(0.05)
    return screen_text(app)


async def test_a_screenshot_while_presenting_shows_its_path_only_after_leaving(
    tmp_path: Path,
) -> None:
    app = RecordingApp(settings_for(tmp_path), open_source(None))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start_presenting(app, pilot)
        await pilot.press("S")  # the screen as an SVG and a PNG, files in the export folder
        await settle(app, pilot)
        paths = app.last_exports
        assert sorted(path.suffix for path in paths) == [".png", ".svg"]
        assert all(path.exists() for path in paths)
        assert technical_on_screen(app, str(tmp_path), *(path.name for path in paths)) == []
        assert app.held_notices.count == 1
        await leave(app, pilot)
        shown = await shown_after_leaving(app, pilot, "Exported")
        assert "Exported" in shown
        assert "r57-screen-" in shown  # the file's name, wrapped in the notification


async def test_a_baseline_chosen_while_presenting_is_said_after_leaving(tmp_path: Path) -> None:
    baseline = write(tmp_path / "r57-baseline.json", meeting_baseline_doc(demo_doc()))
    app = RecordingApp(settings_for(tmp_path), open_source(None))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start_presenting(app, pilot)
        app.use_baseline(baseline)  # what B's picker does with the file chosen
        await settle(app, pilot)
        assert app.baseline is not None
        assert technical_on_screen(app, "r57-baseline", "Comparing") == []
        await leave(app, pilot)
        shown = await shown_after_leaving(app, pilot, "Comparing with the baseline")
        assert "Comparing with the baseline" in shown
        assert "r57-baseline" in shown


async def test_notifications_on_screen_when_the_deck_opens_leave_it_and_come_back(
    tmp_path: Path,
) -> None:
    app = RecordingApp(settings_for(tmp_path), open_source(None))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        app.notify("/srv/r57-tasks.csv", title="Exported", timeout=60)
        app.notify("/srv/r57-tasks.csv", title="Exported", timeout=60)  # the same again
        await pilot.pause()
        assert "r57-tasks.csv" in screen_text(app)
        await start_presenting(app, pilot)
        assert technical_on_screen(app, "r57-tasks.csv") == []
        await leave(app, pilot)
        shown = await shown_after_leaving(app, pilot, "r57-tasks.csv")
        assert shown.count("r57-tasks.csv") == 1  # once, however often it came


async def test_an_outage_and_its_recovery_while_presenting_stay_off_the_slide() -> None:
    good = to_bytes(feed_dict([task("T1"), task("T2", "LAI-CHAU", due="2025-01-31")]))
    body = FeedBody(good)
    server = FeedServer(body).start()
    try:
        settings = Settings(language="en", refresh=0, source=server.url)
        app = RecordingApp(settings, open_source(server.url, settings))
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await start_presenting(app, pilot)
            assert server.url.startswith("http://127.0.0.1")
            body.set(b'{"format": "r57-feed", "version": 9, "as_of": "2025-10-15", "tasks": []}')
            app.action_refresh()
            await settle(app, pilot)
            assert app.health.error is not None
            assert "version: 9" in app.health.error
            assert technical_on_screen(app, server.url, "newer", "Feed not updated") == []
            status = text_of(app, "#slide-status").strip()
            assert status == "✗ Figures as of 2025-10-15 08:00 — not updated"
            body.set(good + b" ")
            app.action_refresh()
            await settle(app, pilot)
            assert app.health.error is None
            assert technical_on_screen(app, "Recovered") == []
            assert app.held_notices.count == 2
            await leave(app, pilot)
            # The outage is over: only that it is over is said (FeedNotices replaced it).
            shown = await shown_after_leaving(app, pilot, "Recovered")
            assert "Recovered" in shown
            assert "version: 9" not in shown
    finally:
        server.stop()


async def test_a_stale_source_is_said_in_words_in_vietnamese(tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    good = to_bytes(feed_dict([task("T1"), task("T2", "LAI-CHAU", due="2025-01-31")]))
    path.write_bytes(good)
    app = RecordingApp(Settings(language="vi", refresh=0), open_source(str(path)))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await start_presenting(app, pilot)
        assert text_of(app, "#slide-status").strip() == "số liệu đến 15/10/2025 08:00   ⏸ tạm dừng"
        path.write_text("{not json")
        app.action_refresh()
        await settle(app, pilot)
        status = text_of(app, "#slide-status").strip()
        assert status == "✗ Số liệu đến 15/10/2025 08:00 — chưa cập nhật được"
        assert technical_on_screen(app, str(tmp_path), "JSON", "SỐ LIỆU CŨ") == []
        # A feed older than the one shown: kept, and said so in words.
        path.write_bytes(to_bytes(feed_dict([task("T1")], as_of="2025-10-01T08:00:00+07:00")))
        app.action_refresh()
        await settle(app, pilot)
        status = text_of(app, "#slide-status").strip()
        assert status == "↶ Số liệu đến 15/10/2025 08:00 — nguồn gửi số liệu cũ hơn, không dùng"
        assert technical_on_screen(app, str(tmp_path)) == []


async def test_no_figures_at_all_is_said_without_the_error(tmp_path: Path) -> None:
    gone = tmp_path / "gone.json"
    app = RecordingApp(Settings(language="en"), open_source(str(gone)), present=True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, PresentScreen)
        status = text_of(app, "#slide-status").strip()
        assert status == "✗ No figures yet — the source cannot be read"
        assert technical_on_screen(app, str(tmp_path), "gone.json") == []


def drawn_colours(widget: Widget) -> set[Color]:
    """The colours the characters of a widget are drawn in, as rendered."""
    found = set()
    for y in range(widget.size.height):
        for segment in widget.render_line(y):
            if segment.text.strip() and segment.style and segment.style.color:
                found.add(Color.from_rich_color(segment.style.color))
    return found


def figure_colours(screen: PresentScreen) -> dict[str, set[Color]]:
    """The colours of each figure's label and of its figure (the digits), as drawn."""
    found: dict[str, set[Color]] = {}
    for name, _, _ in FIGURES:
        if name != "assigned":
            found[f"{name}-label"] = drawn_colours(screen.query_one(f"#{name}-label"))
            found[name] = drawn_colours(screen.query_one(f"#{name}"))
    return found


async def test_t_on_a_slide_repaints_every_label_in_the_new_themes_colours() -> None:
    app = RecordingApp(Settings(language="en"), open_source(None), theme="r57-projector")
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        screen = await start_presenting(app, pilot)
        for _ in app.themes.names:
            await pilot.press("t")
            await settle(app, pilot)
            variables = app.theme_variables
            wanted = {
                key: {
                    Color.parse(variables[f"state-{key.removesuffix('-label').replace('_', '-')}"])
                }
                for key in figure_colours(screen)
            }
            assert figure_colours(screen) == wanted, app.theme
            # The theme's name is not for the room: no notification on the slide.
            assert app.theme not in screen_text(app)


def test_the_slides_words_for_the_source_are_the_glossarys() -> None:
    rows = _table("A slide's figures: how fresh")
    assert len(rows) == 3
    for english, vietnamese, _ in rows:
        assert tr(english, "vi") == vietnamese


class Posted:
    """Where HeldNotices shows what it releases, instead of an app."""

    def __init__(self) -> None:
        self.shown: list[Notification] = []

    def post_message(self, message: Notify) -> bool:
        self.shown.append(message.notification)
        return True

    def clear_notifications(self) -> None:
        pass


def test_held_notices_come_in_order_each_once_and_not_once_replaced() -> None:
    presenting = [True]
    posted = Posted()
    held = HeldNotices(posted, lambda: presenting[0])  # type: ignore[arg-type]
    outage = Notification("http://x/feed.json: refused", "Feed not updated", "error")
    first = Notification("/srv/a.csv", "Exported")
    again = Notification("/srv/a.csv", "Exported")
    later = Notification("/srv/b.csv", "Exported")
    assert all(held.offer(each) for each in (outage, first, again, later))
    outage.timeout = 0  # FeedNotices expires the outage's notice when it is over
    presenting[0] = False
    held.release()
    assert posted.shown == [first, later]
    assert not first.has_expired  # its time to be read starts now
    assert held.count == 0
    assert not held.offer(Notification("after", "Exported"))  # not presenting: shown
