"""Write the README's picture: the app's own SVG screenshot on the demo feed, in
Vietnamese on a 160-column projector screen, as the meeting reads it.

Run: .venv/bin/python scripts/screenshot.py  (writes docs/screenshot.svg)
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from r57tui.commands.sources import open_source
from r57tui.config import Settings
from r57tui.ui.app import R57App

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshot.svg"


async def main() -> None:
    app = R57App(Settings(language="vi"), open_source(None), theme="r57-dark")
    async with app.run_test(size=(160, 45)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause(0.5)
        app.save_screenshot(filename=OUT.name, path=str(OUT.parent))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    asyncio.run(main())
