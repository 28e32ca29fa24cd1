"""What a task list says of what it shows: how many of its tasks, under which filters, and
why it shows none — in words a meeting reads aloud ("Lai Châu has no overdue tasks")."""

from __future__ import annotations

from ..feed import Note, Task
from ..i18n.numbers import format_int
from ..i18n.strings import tr
from ..safety import one_line
from .scopes import StateFilter

# A quoted filter or subject is cut to this many characters in a sentence.
_QUOTED_CHARS = 60


def shown_words(shown: int, total: int, language: str) -> str:
    """`1.730 of 100.000 tasks shown`: the figure a filtered list's headline leads with."""
    return tr("{shown} of {total} tasks shown", language).format(
        shown=format_int(shown, language), total=format_int(total, language)
    )


def _no_state(subject: str | None, state: StateFilter, language: str) -> str:
    """`Lai Châu has no overdue tasks`; without a subject (all tasks), `There are no …`."""
    lang = language
    if subject is None:
        return {
            StateFilter.COMPLETED: tr("There are no completed tasks", lang),
            StateFilter.ON_TIME: tr("There are no tasks on time", lang),
            StateFilter.OVERDUE: tr("There are no overdue tasks", lang),
            StateFilter.DUE_SOON: tr("There are no tasks due soon", lang),
            StateFilter.AT_RISK: tr("There are no tasks at risk", lang),
        }.get(state, tr("There are no tasks", lang))
    template = {
        StateFilter.COMPLETED: tr("{subject} has no completed tasks", lang),
        StateFilter.ON_TIME: tr("{subject} has no tasks on time", lang),
        StateFilter.OVERDUE: tr("{subject} has no overdue tasks", lang),
        StateFilter.DUE_SOON: tr("{subject} has no tasks due soon", lang),
        StateFilter.AT_RISK: tr("{subject} has no tasks at risk", lang),
    }.get(state, tr("{subject} has no tasks", lang))
    return template.format(subject=subject)


def empty_reason(
    subject: str | None,
    language: str,
    *,
    state: StateFilter = StateFilter.ALL,
    facets: str = "",
    query: str = "",
    before_query: int = 0,
) -> str:
    """Why a list shows no task, as one sentence. `subject`: whose list (an agency, a
    group, an owner; None for all tasks), as shown; `facets`: the facets in words
    (`describe`, state and text left out); `before_query`: how many tasks the other
    filters leave for the text filter to look in."""
    lang = language
    who = one_line(subject, _QUOTED_CHARS) if subject is not None else None
    query = query.strip()
    if query:
        quoted = one_line(query, _QUOTED_CHARS)
        count = format_int(before_query, lang)
        if who is None:
            sentence = tr("No task matches “{query}” among the {count} tasks", lang)
        else:
            sentence = tr("No task matches “{query}” among {subject}'s {count} tasks", lang)
        sentence = sentence.format(query=quoted, count=count, subject=who)
        others = [words for words in (facets, _state_word(state, lang)) if words]
        return f"{sentence} ({' · '.join(others)})" if others else sentence
    if facets:
        filters = " · ".join(words for words in (facets, _state_word(state, lang)) if words)
        if who is None:
            return tr("No task matches these filters: {filters}", lang).format(filters=filters)
        return tr("No task of {subject} matches these filters: {filters}", lang).format(
            subject=who, filters=filters
        )
    return _no_state(who, state, lang)


def _state_word(state: StateFilter, language: str) -> str:
    return "" if state is StateFilter.ALL else tr(state.value.replace("_", " "), language)


def latest_note(task: Task) -> Note | None:
    """The task's newest note (by its date; of two on one day, the later in the feed): the
    reason for lateness a meeting asks for."""
    latest: Note | None = None
    for note in task.notes:
        if latest is None or note.date >= latest.date:
            latest = note
    return latest
