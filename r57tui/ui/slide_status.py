"""The line under a slide's title: the figures' date and, in words, whether they are live.

The dashboard's status line names the source and why it fails, for the secretariat. A
slide is read by the room: it says how old the figures are and whether they could be
brought up to date ("Số liệu đến 15/10/2025 08:00 — chưa cập nhật được"), never the
source's address nor an error's text; the secretariat reads those when the deck is left
(the status line, and the notification held for then: held_notices.py). A stale figure is
still never shown as live.
"""

from __future__ import annotations

from rich.text import Text

from ..i18n.message import Message
from ..i18n.strings import tr
from .marks import ThemeColours
from .status import StatusFacts, StatusLine, replay_words


def slide_status_text(facts: StatusFacts, language: str, colours: ThemeColours) -> Text:
    """What the slide says of its figures: their date, and live, paused, not updated
    (the source failing) or kept (the source sent older ones), each after a mark, so
    colour alone tells nothing."""
    health, style, lang = facts.health, colours.style, language
    if not facts.has_figures:
        if health.error is not None:
            return Text(
                f"✗ {tr('No figures yet — the source cannot be read', lang)}",
                style=style("bad", bold=True),
            )
        return Text(tr("loading…", lang), style=style("notice"))
    if facts.replay:  # a recorded meeting's figures: never "live", whatever the source does
        return Text(replay_words(facts.as_of, lang), style=style("notice", bold=True, reverse=True))
    if health.error is not None:
        stale = Message.of("Figures as of {as_of} — not updated", as_of=facts.as_of)
        return Text(f"✗ {stale.text(lang)}", style=style("bad", bold=True))
    if health.went_back_to is not None:  # the newer figures stay: not stale
        kept = Message.of(
            "Figures as of {as_of} — the source sent older ones, not used", as_of=facts.as_of
        )
        return Text(f"↶ {kept.text(lang)}", style=style("notice", bold=True))
    text = Text(f"{tr('as of', lang)} {facts.as_of}   ")
    if health.paused:
        text.append(f"⏸ {tr('paused', lang)}", style=style("notice", bold=True))
    else:  # a refresh under way is not news on a projector
        text.append(f"● {tr('live', lang)}", style=style("good", bold=True))
    return text


class SlideStatus(StatusLine):
    """The slide's line of its figures' date and health, small and centred. A StatusLine,
    so the app redraws it with every other status line (each second, and when a refresh
    fails)."""

    def render_status(self, facts: StatusFacts) -> None:
        self._facts = facts
        self._show(slide_status_text(facts, self.language, self.colours))
