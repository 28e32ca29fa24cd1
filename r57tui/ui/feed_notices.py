"""Feed-health notifications: one when an outage starts, one when it is over, never a stack.

A source that flaps (answers, fails, answers… at each refresh) would otherwise notify at
every turn, and at a 2 s refresh the notifications pile up over the figures. The status
line says what each poll found (live, stale and why, went back and to when); a
notification is for the two moments someone in the room must look up:

- An outage starts with the first answer that is not good — a failure, or a feed older
  than the one on screen — after the source was well (or before any figures came).
- It is over only when the source has answered well `polls` times in a row, over at least
  `seconds`; anything else in between is the same outage, and says nothing new. Three
  answers, because a flapping source alternates, and a server restarting in a loop can
  answer twice between crashes; ten seconds, because at a refresh of a few seconds three
  answers fit inside one such loop. At a slow refresh the three answers take longer:
  that costs nothing, since the status line says "live" from the first good answer; an
  early "Recovered" is what would start the stack again.
- With refresh on demand only (refresh = 0) every answer counts at once: someone asked
  for it, and nothing polls on its own to flap.

At most one feed-health notification is on screen: a newer one replaces the older (it is
expired, and Textual drops expired notifications when the next one is posted).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.notifications import Notification, SeverityLevel

from ..i18n.strings import tr

CONFIRM_POLLS = 3
CONFIRM_SECONDS = 10.0


class FeedNotices:
    """The outage state of one source, and the notification that says it.

    `post` shows a notification (the app posts Textual's `Notify`); times are
    `time.monotonic()` values given by the caller, so the rule is tested without a clock.
    """

    def __init__(
        self,
        post: Callable[[Notification], None],
        language: str = "en",
        *,
        on_demand: bool = False,
        polls: int = CONFIRM_POLLS,
        seconds: float = CONFIRM_SECONDS,
        timeout: float = 5.0,
    ) -> None:
        self._post = post
        self.language = language
        self.timeout = timeout  # how long a notification stays, unless replaced
        # On demand only (refresh = 0): each answer was asked for, so each counts at once.
        self.polls = 1 if on_demand else polls
        self.seconds = 0.0 if on_demand else seconds
        self.in_outage = False
        self._good = 0  # good answers in a row since the last bad one, during an outage
        self._good_since: float | None = None
        self._shown: Notification | None = None

    def trouble(self, message: str, now: float, severity: SeverityLevel = "error") -> None:
        """A poll that did not bring the figures up to date: `message` says why."""
        self._good, self._good_since = 0, None
        if self.in_outage:
            return
        self.in_outage = True
        self._show(message, tr("Feed not updated", self.language), severity)

    def answered(self, now: float) -> None:
        """A poll that brought new figures or confirmed the ones on screen."""
        if not self.in_outage:
            return
        if self._good_since is None:
            self._good_since = now
        self._good += 1
        if self._good >= self.polls and now - self._good_since >= self.seconds:
            self.in_outage = False
            self._good, self._good_since = 0, None
            lang = self.language
            self._show(tr("The feed is back.", lang), tr("Recovered", lang), "information")

    def _show(self, message: str, title: str, severity: SeverityLevel) -> None:
        # Plain text, never markup: a message quotes addresses and feed values.
        notification = Notification(message, title, severity, self.timeout, markup=False)
        if self._shown is not None:
            self._shown.timeout = 0  # expired: gone from the screen when this one comes
        self._shown = notification
        self._post(notification)
