"""Walks every screen at 80×24 in one interface language and prints, as JSON, the footer
keys each shows whole: binding descriptions are fixed in the language set before the
interface is imported, so a Vietnamese footer is only seen in a process of its own.

    python -m tests.footer_walk vi BASELINE.json
"""

from __future__ import annotations

import asyncio
import json
import sys

from r57tui.i18n.strings import set_interface_language

WIDTH, HEIGHT = 80, 24


async def walk(language: str, baseline: str) -> list[dict[str, object]]:
    # Imported only now, after the interface language is set.
    from pathlib import Path

    from r57tui.commands.sources import open_source
    from r57tui.config import Settings
    from r57tui.ui.help_screen import HelpScreen
    from tests.pilot import RecordingApp, settle

    app = RecordingApp(Settings(language=language), open_source(None), baseline=Path(baseline))
    seen: list[dict[str, object]] = []

    async def record() -> None:
        await settle(app, pilot)
        screen = app.screen
        cover = None
        if isinstance(screen, HelpScreen):
            # The help is drawn over the screen below, whose footer stays in sight.
            cover = screen.query_one("VerticalScroll").region.bottom
            screen = app.screen_stack[-2]
        keys = [
            {"key": key.key, "text": f"{key.key_display} {key.description}".strip()}
            for key in screen.query("FooterKey")
            if key.region.width and key.region.right <= WIDTH
        ]
        seen.append({"screen": type(app.screen).__name__, "keys": keys, "cover": cover})

    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await record()  # the main screen
        for keys in (["a"], ["enter"], ["escape", "escape", "d"], ["escape", "c"]):
            await pilot.press(*keys)
            await record()
        for keys in (["escape", "f"], ["escape", "question_mark"], ["escape", "tab", "enter"]):
            await pilot.press(*keys)
            await record()
    return seen


if __name__ == "__main__":
    set_interface_language(sys.argv[1])
    print(json.dumps(asyncio.run(walk(sys.argv[1], sys.argv[2])), ensure_ascii=False))
