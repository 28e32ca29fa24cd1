"""The report's sentences as reports phrase them, from the roll-up's figures, and feed text
made fit for a Word document."""

from __future__ import annotations

import re
from datetime import date

from ..i18n.dates import format_date
from ..i18n.message import Message
from ..i18n.numbers import format_int, format_percent, signed_int
from ..rollup import Bucket, Counts

# What a document must not hold: control characters (a Word file cannot hold most of
# them at all), bidi overrides that would reorder a line, and halves of surrogate pairs.
_UNFIT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufffe\uffff]"
)
_BREAKS = re.compile("[\t\n\r\u2028\u2029]+")


# A name the report quotes from the feed (the issuer, the feed's title) is cut to this, as
# the other exports' title block cuts it; a task's own text is kept whole.
NAME_CHARS = 300


def cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def clean(text: str) -> str:
    """Feed text as a document's text: line breaks and tabs as spaces, control and bidi
    characters left out."""
    return _UNFIT.sub("", _BREAKS.sub(" ", text)).strip()


def issuer_of(title: str | None, language: str) -> str:
    """The issuing body's name for the header, from the feed's title when the settings
    give none: its part before " — " ("Ban Chỉ đạo … — Sơ kết quý III/2025"), in capitals
    as the decree writes it; a gap to fill when the feed has no title."""
    name = clean((title or "").split(" — ")[0])
    return cut(name.upper(), NAME_CHARS) if name else "……………………"


def lead_paragraph(counts: Counts, language: str) -> str:
    """ "Tổng số 1.132 nhiệm vụ được giao; đã hoàn thành 485 nhiệm vụ (đạt 43%), trong đó
    45 nhiệm vụ hoàn thành trễ hạn; 561 nhiệm vụ đang thực hiện trong hạn; 86 nhiệm vụ
    quá hạn." The percentage rounded as the screen rounds it."""
    lang = language
    if not counts.assigned:
        return Message.of("No tasks have been assigned.").text(lang)
    template = (
        "In total {assigned} tasks assigned; {completed} completed ({percent}), of which "
        "{late} completed late; {on_time} under way on time; {overdue} overdue."
        if counts.completed_late
        else "In total {assigned} tasks assigned; {completed} completed ({percent}); "
        "{on_time} under way on time; {overdue} overdue."
    )
    return Message.of(
        template,
        assigned=format_int(counts.assigned, lang),
        completed=format_int(counts.completed, lang),
        percent=format_percent(counts.share(Bucket.COMPLETED).percent(0), 0, lang),
        late=format_int(counts.completed_late, lang),
        on_time=format_int(counts.on_time, lang),
        overdue=format_int(counts.overdue, lang),
    ).text(lang)


_MOVES = {
    Bucket.COMPLETED: (
        "completed tasks rose from {was} to {now} ({change})",
        "completed tasks fell from {was} to {now} ({change})",
        "completed tasks unchanged at {now}",
    ),
    Bucket.OVERDUE: (
        "overdue tasks rose from {was} to {now} ({change})",
        "overdue tasks fell from {was} to {now} ({change})",
        "overdue tasks unchanged at {now}",
    ),
}


def _move(bucket: Bucket, before: Counts, now: Counts, lang: str) -> Message:
    was, then = before.get(bucket), now.get(bucket)
    rose, fell, same = _MOVES[bucket]
    template = rose if then > was else fell if then < was else same
    return Message.of(
        template,
        was=format_int(was, lang),
        now=format_int(then, lang),
        change=signed_int(then - was, lang),
    )


def since_paragraph(before: Counts, now: Counts, since: date, language: str) -> str:
    """What changed since the baseline: "So với số liệu đến ngày 15/09/2025: số nhiệm vụ
    hoàn thành tăng từ 473 lên 485 (+12); số nhiệm vụ quá hạn giảm từ 89 xuống 86 (−3).\""""
    lang = language
    return Message.of(
        "Compared with the figures as of {date}: {completed}; {overdue}.",
        date=format_date(since, lang),
        completed=_move(Bucket.COMPLETED, before, now, lang),
        overdue=_move(Bucket.OVERDUE, before, now, lang),
    ).text(lang)
