"""Agency kinds and the groups a meeting compares, declared once.

The feed's `kind`, the config's `show_kinds` and `export --kind` take their names from
here; the dashboard's tabs, `r57tui check`, the exports and the presentation slides
group agencies by `GROUPS`. "Other" puts Party bodies with the enterprises and the rest.
At the bottom of the layers (it imports nothing of r57tui), so the settings can use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class AgencyKind(StrEnum):
    MINISTRY = "ministry"
    BRANCH = "branch"
    LOCALITY = "locality"
    PARTY = "party"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class AgencyGroup:
    key: str  # what `export --kind` and a group's scope name it by
    label: str  # its tab, in English (translated where shown)
    title: str  # its table's title in an export
    kinds: frozenset[AgencyKind] | None  # None: every agency


GROUPS: tuple[AgencyGroup, ...] = (
    AgencyGroup("all", "All", "All agencies", None),
    AgencyGroup("ministry", "Ministries", "Ministries", frozenset({AgencyKind.MINISTRY})),
    AgencyGroup("branch", "Branches", "Branches", frozenset({AgencyKind.BRANCH})),
    AgencyGroup("locality", "Localities", "Localities", frozenset({AgencyKind.LOCALITY})),
    AgencyGroup("other", "Other", "Other", frozenset({AgencyKind.PARTY, AgencyKind.OTHER})),
)
AGENCY_GROUPS: dict[str, frozenset[AgencyKind] | None] = {g.key: g.kinds for g in GROUPS}
GROUP_LABELS: dict[str, str] = {g.key: g.label for g in GROUPS}
GROUP_TITLES: dict[str, str] = {g.key: g.title for g in GROUPS}
GROUP_KEYS: tuple[str, ...] = tuple(AGENCY_GROUPS)
KIND_KEYS: tuple[str, ...] = tuple(kind.value for kind in AgencyKind)
# Each kind's one group ("all" aside); a test checks every kind is in exactly one.
GROUP_OF_KIND: dict[AgencyKind, str] = {
    kind: next(g.key for g in GROUPS if g.kinds is not None and kind in g.kinds)
    for kind in AgencyKind
}
