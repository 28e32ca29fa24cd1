"""How the screen draws a task state and a change: a symbol or word beside every colour.

State is never told by colour alone, so a monochrome projector or a colour-blind reader
loses nothing.
"""

from __future__ import annotations

from rich.text import Text

from ..feed import TaskState
from ..i18n.numbers import format_int
from ..i18n.strings import tr

SYMBOLS = {"completed": "✓", "completed_late": "✓", "on_time": "◷", "overdue": "!"}
STYLES = {
    "completed": "bold green",
    "completed_late": "green",
    "on_time": "bold blue",
    "overdue": "bold red",
}
STATE_WORDS = {
    TaskState.COMPLETED: "completed",
    TaskState.COMPLETED_LATE: "completed late",
    TaskState.ON_TIME: "on time",
    TaskState.OVERDUE: "overdue",
}


def state_text(state: TaskState, language: str) -> Text:
    return Text(
        f"{SYMBOLS[state.value]} {tr(STATE_WORDS[state], language)}", style=STYLES[state.value]
    )


def change_text(delta: int, language: str) -> Text:
    """`+3` or `−1` (a real minus sign), reversed so a changed figure catches the eye."""
    sign = "+" if delta > 0 else "−"
    return Text(f"{sign}{format_int(abs(delta), language)}", style="bold reverse yellow")


def with_change(figure: Text, delta: int | None, language: str) -> Text:
    if not delta:
        return figure
    text = figure.copy()
    text.append(" ")
    text.append_text(change_text(delta, language))
    return text
