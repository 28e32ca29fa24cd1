"""The indicators as a table shows them: filtered, sorted (the feed's order, worst against
target first, name), and each one's judgement against its target said in words.

Pure (no textual): the indicators panel, its detail screen and the exports call these.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..feed import Direction, Indicator
from ..i18n.collation import sort_key
from ..i18n.message import Message
from ..i18n.numbers import format_decimal
from ..i18n.search import Matcher, fold_fields
from ..i18n.strings import tr
from ..indicators import AMBER_BAND, Rag, decimals_of, exact, places, rag
from ..safety import one_line
from .sorts import Sort, SortOrder, order_of

# The first is the default: the order the feed gives (the ministry's own).
INDICATOR_SORTS: tuple[Sort, ...] = (
    Sort("feed", "feed order", False, "feed order, reversed"),
    Sort("worst", "worst against target", True, "best against target"),
    Sort("name", "name A–Z", False, "name Z–A"),
)
# What of a name an indicator is found by (a pasted megabyte would stall each keystroke).
_SEARCHED_CHARS = 1000


def shortfall(indicator: Indicator) -> Decimal | None:
    """How far the value falls short of the target, as a share of the target (the scale
    the red/amber/green mark is judged on): 0 or less when met, None without a target."""
    if indicator.target is None:
        return None
    value, target = exact(indicator.value), exact(indicator.target)
    gap = target - value if indicator.direction is Direction.UP else value - target
    return gap / (abs(target) if target else Decimal(1))


def indicator_haystack(indicator: Indicator) -> str:
    names = (indicator.id, indicator.name, indicator.name_en)
    return fold_fields(*(name[:_SEARCHED_CHARS] if name else name for name in names))


def indicator_rows(
    indicators: Sequence[Indicator],
    *,
    query: str = "",
    sort: str | SortOrder = "feed",
    language: str = "vi",
) -> list[Indicator]:
    """The indicators matching `query` (case and diacritics ignored, by id and names) in
    `sort`'s order. Worst first: furthest short of its target first, those without a
    target last; ties keep the feed's order."""
    matcher = Matcher(query)
    rows = [
        item
        for item in indicators
        if matcher.is_blank or matcher.matches_folded(indicator_haystack(item))
    ]
    order = order_of(sort)
    descending = order.descending(INDICATOR_SORTS)
    if order.key == "name":
        rows.sort(key=lambda item: sort_key(item.display_name(language)), reverse=descending)
    elif order.key == "worst":
        judged = [item for item in rows if item.target is not None]
        unjudged = [item for item in rows if item.target is None]
        judged.sort(key=lambda item: shortfall(item) or Decimal(0), reverse=descending)
        rows = judged + unjudged
    elif descending:
        rows.reverse()
    return rows


@dataclass(frozen=True, slots=True)
class Point:
    """One period of an indicator's history: its value and the change since the one
    before (None for the first), and whether it is the indicator's own (latest) period."""

    period: str | None
    value: float
    change: Decimal | None
    own: bool


def history_points(indicator: Indicator) -> list[Point]:
    """The feed's history, oldest first, then the value itself (a history point of the
    indicator's own period gives way to it), each with its change since the one before."""
    raw: list[tuple[str | None, float, bool]] = [
        (point.period, point.value, False)
        for point in indicator.history
        if indicator.period is None or point.period != indicator.period
    ]
    raw.append((indicator.period, indicator.value, True))
    points: list[Point] = []
    for period, value, own in raw:
        change = exact(value) - exact(points[-1].value) if points else None
        points.append(Point(period, value, change, own))
    return points


def improved(change: Decimal, indicator: Indicator) -> bool:
    """Whether a change went the better way for this indicator."""
    return (change > 0) == (indicator.direction is Direction.UP)


# Numbers and units ------------------------------------------------------------------


def number(value: float, language: str, like: float | None = None) -> str:
    """The number with as many decimals as the feed gave (or as `like` has)."""
    decimals = max(decimals_of(value), decimals_of(like) if like is not None else 0)
    return format_decimal(value, decimals, language)


def with_unit(text: str, unit: str | None) -> str:
    if not unit:
        return text
    unit = one_line(unit, 20)
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def amount(value: float, indicator: Indicator, language: str) -> str:
    """A value of this indicator with its unit: `36,11%`, `4,8 ngày`."""
    return with_unit(number(value, language, indicator.value), indicator.unit_for(language))


def target_text(indicator: Indicator, language: str) -> str:
    """`≥50%` (higher is better) or `≤4,0 days`; empty without a target."""
    if indicator.target is None:
        return ""
    sign = "≥" if indicator.direction is Direction.UP else "≤"
    return sign + with_unit(number(indicator.target, language), indicator.unit_for(language))


def difference(gap: Decimal, indicator: Indicator, language: str) -> str:
    """A difference between two values: of a percentage, in percentage points."""
    text = format_decimal(gap, places(gap.normalize()), language)
    unit = indicator.unit_for(language)
    if unit == "%":
        return f"{text} {tr('percentage points', language)}"
    return with_unit(text, unit)


# The judgement in words ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Judgement:
    """An indicator's mark against its target and why, in the interface language."""

    rag: Rag
    word: str  # met / near / off (empty without a target)
    reason: str  # "36,11% against a target of ≥50%: 72% of the way, 13,89 short."
    rule: str  # "Off (red): more than 10% of the target away."


RULES = {
    Rag.GREEN: "Met (green): the target is reached.",
    Rag.AMBER: "Near (amber): not reached, but within {band} of the target.",
    Rag.RED: "Off (red): further from the target than {band} of it.",
    Rag.NONE: "No target in the feed: not judged.",
}
WORDS = {Rag.GREEN: "met", Rag.AMBER: "near", Rag.RED: "off", Rag.NONE: ""}


def progress(indicator: Indicator) -> Decimal | None:
    """The share of the way from the start (the baseline, else zero when higher is
    better) to the target: 36.11 of a target of 50 from 0 is 0.7222. None when there is
    no way to measure (no target, a target equal to the start, or lower-is-better with
    no baseline)."""
    if indicator.target is None:
        return None
    if indicator.baseline is not None:
        start = exact(indicator.baseline)
    elif indicator.direction is Direction.UP:
        start = Decimal(0)
    else:
        return None
    way = exact(indicator.target) - start
    if not way:
        return None
    return (exact(indicator.value) - start) / way


def judgement(indicator: Indicator, language: str) -> Judgement:
    lang = language
    mark = rag(indicator.value, indicator.target, indicator.direction)
    band = format_decimal(AMBER_BAND * 100, 0, lang) + "%"
    rule = Message.of(RULES[mark], band=band).text(lang)
    if indicator.target is None:
        return Judgement(mark, "", "", rule)
    value = amount(indicator.value, indicator, lang)
    target = target_text(indicator, lang)
    if mark is Rag.GREEN:
        met = Message.of("{value} against a target of {target}: met.", value=value, target=target)
        return Judgement(mark, tr(WORDS[mark], lang), met.text(lang), rule)
    gap = abs(exact(indicator.value) - exact(indicator.target))
    fields = {
        "value": value,
        "target": target,
        "gap": difference(gap, indicator, lang),
    }
    share = progress(indicator)
    up = indicator.direction is Direction.UP
    if share is None:
        template = SHORT if up else OVER
    else:
        template = SHORT_OF_THE_WAY if up else OVER_OF_THE_WAY
        fields["share"] = format_decimal(share * 100, 0, lang) + "%"
    reason = Message.of(template, **fields).text(lang)
    return Judgement(mark, tr(WORDS[mark], lang), reason, rule)


SHORT = "{value} against a target of {target}: {gap} short."
OVER = "{value} against a target of {target}: {gap} over."
SHORT_OF_THE_WAY = "{value} against a target of {target}: {share} of the way, {gap} short."
OVER_OF_THE_WAY = "{value} against a target of {target}: {share} of the way, {gap} over."
