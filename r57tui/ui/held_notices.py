"""Notifications while the slides are shown: they wait, and come when the deck is left.

A notification says what the dashboard did or what went wrong, for the secretariat: the
path of an export or a screenshot, the baseline's file, the error of a source. On a
projector it is the one thing the room reads that is not meant for it. So while
presentation mode is on (a slide on screen, or a dialog over one), every notification is
held, and those already on screen when the deck opens are taken off it and held too. When
the deck is left they are shown, in the order they came, each once, with their full time
to be read. The slide says what the room needs of the source's state in words of its
own (slide_status.py).

Held rather than counted in a corner: a mark saying "1 notification" on a slide invites
the question of what it is, and its answer still has to be read off the slide.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from time import time
from typing import Any
from uuid import uuid4

from textual.app import App
from textual.notifications import Notification, Notify


class HeldNotices:
    """The notifications held while `holding()` says the slides are shown.

    The app offers each notification as it is posted (`offer`); one held is not shown.
    `taken_off` holds those on screen when the deck opens; `release` shows what was held.
    """

    def __init__(self, app: App[Any], holding: Callable[[], bool]) -> None:
        self.app = app
        self._holding = holding
        self._held: list[Notification] = []
        self._shown: list[Notification] = []  # posted while not holding, maybe on screen

    @property
    def count(self) -> int:
        return len(self._held)

    def offer(self, notification: Notification) -> bool:
        """Whether `notification` is held (then it is not to be shown now)."""
        if not self._holding():
            self._shown = [each for each in self._shown if not each.has_expired]
            self._shown.append(notification)
            return False
        self._held.append(notification)
        return True

    def take_off(self) -> None:
        """The deck opens: what is on screen goes, to come back when it is left."""
        # Copies, each its own identity: the screen left keeps a toast by the identity
        # of what it showed, and would not show it again.
        waiting = [
            replace(each, identity=str(uuid4())) for each in self._shown if not each.has_expired
        ]
        self._shown = []
        if waiting:
            self.app.clear_notifications()
            self._held = waiting + self._held

    def release(self) -> None:
        """The deck is left: each held notification, in order and once, timed from now.
        One a later one replaced while held (a feed-health notice's outage, once the feed
        is back: FeedNotices expires it) is not shown."""
        held, self._held = self._held, []
        seen: set[tuple[str, str, str]] = set()
        for notification in held:
            key = (notification.title, notification.message, notification.severity)
            if notification.timeout <= 0 or key in seen:
                continue
            seen.add(key)
            # The same notification, not a copy: FeedNotices may still expire it.
            notification.raised_at = time()
            self.app.post_message(Notify(notification))
