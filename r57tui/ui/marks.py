"""How the screen draws a task state and a change: a symbol or word beside every colour.

State is never told by colour alone, so a monochrome projector or a colour-blind reader
loses nothing.
"""

from __future__ import annotations

from rich.color import Color, ColorParseError
from rich.text import Text

from ..feed import TaskState
from ..i18n.numbers import signed_int
from ..i18n.strings import tr
from ..views.words import STATE_COLOURS, STATE_SYMBOLS
from ..views.words import STATE_WORDS as _STATE_WORDS

SYMBOLS = STATE_SYMBOLS  # the documents' charts draw them too

# The words are the documents' too, so they live below the interface.
STATE_WORDS = _STATE_WORDS

# Colours by meaning, before a theme is applied.
DEFAULT_COLOURS: dict[str, str] = {
    **STATE_COLOURS,  # the documents' charts draw with them too
    "rag_green": "#4EBF71",
    "rag_amber": "#E6B33D",
    "rag_red": "#F05A5A",
    "good": "#4EBF71",  # live, an improvement
    "bad": "#F05A5A",  # stale, a setback
    "notice": "#E6B33D",  # a change mark, refreshing, paused, findings
    "trend": "#5AA9FF",  # sparklines
    # Secondary text (late figures, ±0, units, dates). Rich's dim by default; a theme that
    # sets text-muted gets that colour instead: dim is a fixed blend half way to the
    # ground, which falls under 7:1 on any tinted row of the projector theme, and on a
    # cursor row a table keeps the dim while it replaces the colour.
    "muted": "dim",
}
# Theme variable (see themes.py) -> meaning.
_FROM_THEME = {
    "state-completed": "completed",
    "state-completed-late": "completed_late",
    "state-on-time": "on_time",
    "state-overdue": "overdue",
    "rag-green": "rag_green",
    "rag-amber": "rag_amber",
    "rag-red": "rag_red",
    "success": "good",
    "error": "bad",
    "warning": "notice",
    "primary": "trend",
    "text-muted": "muted",
}


class ThemeColours:
    """The colours by meaning of the theme in use. The app owns one, sets it when the
    theme changes and redraws; screens and widgets draw with it (Dashboard.colours)."""

    def __init__(self) -> None:
        self.table = dict(DEFAULT_COLOURS)

    def apply(self, variables: dict[str, str]) -> None:
        """Take the colours of the theme now in use (`App.theme_variables`)."""
        # From the defaults, not the last theme's: a theme without text-muted gets dim back.
        table = dict(DEFAULT_COLOURS)
        for variable, meaning in _FROM_THEME.items():
            value = variables.get(variable)
            if value and _is_colour(value):  # Textual's own text-muted is "auto 60%"
                table[meaning] = value
        self.table = table  # whole at once: a reader never sees half a theme

    def __getitem__(self, meaning: str) -> str:
        return self.table[meaning]

    def style(self, meaning: str, *, bold: bool = False, reverse: bool = False) -> str:
        """A Rich style for a meaning: `style("overdue", bold=True)` -> `bold #F05A5A`."""
        parts = (["bold"] if bold else []) + (["reverse"] if reverse else [])
        return " ".join([*parts, self.table[meaning]])

    def state_style(self, state: str) -> str:
        """The style of a task state (`completed`, `on_time`…)."""
        return self.style(state, bold=state != "completed_late")

    def state_text(self, state: TaskState, language: str) -> Text:
        return Text(
            f"{SYMBOLS[state.value]} {tr(STATE_WORDS[state], language)}",
            style=self.state_style(state.value),
        )

    def change_text(self, delta: int, language: str) -> Text:
        """`+3` or `−1` (a real minus sign), reversed so a changed figure catches the eye."""
        return Text(signed(delta, language), style=self.style("notice", bold=True, reverse=True))

    def with_change(self, figure: Text, delta: int | None, language: str) -> Text:
        if not delta:
            return figure
        text = figure.copy()
        text.append(" ")
        text.append_text(self.change_text(delta, language))
        return text


def _is_colour(value: str) -> bool:
    try:
        Color.parse(value)
    except ColorParseError:
        return False
    return True


def signed(delta: int, language: str) -> str:
    """`+12`, `−3` (a real minus sign) or `±0`: a change since the baseline."""
    return signed_int(delta, language)
