"""What screens and the palette may ask of the dashboard: a narrow protocol `R57App`
satisfies, so no screen imports the app module (and the app can import every screen)."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, cast

from ..config import Settings
from ..export import TableSpec
from ..history import Entry, HistoryStore
from ..views import Scope, StateFilter
from .held_notices import HeldNotices
from .marks import ThemeColours
from .snapshot import Snapshot


class Dashboard(Protocol):
    """The app as screens see it: the figures, the settings, and where to go next."""

    @property
    def snapshot(self) -> Snapshot | None: ...

    @property
    def settings(self) -> Settings: ...

    @property
    def language(self) -> str: ...

    @property
    def read_only(self) -> bool: ...

    @property
    def colours(self) -> ThemeColours: ...

    @property
    def held_notices(self) -> HeldNotices: ...

    def render_status(self) -> None: ...

    def show_snapshot(self) -> None: ...

    @property
    def history_store(self) -> HistoryStore: ...

    @property
    def replayed_entry(self) -> Entry | None: ...

    def replay_as_of(self) -> str | None: ...

    def replay_entry(self, entry: Entry) -> None: ...

    def export_view(
        self, specs: list[TableSpec], fmt: str | None = None, folder: Path | None = None
    ) -> None: ...

    def open_export_dialog(self, spec: TableSpec) -> None: ...

    def export_report(self, scope: Scope) -> None: ...

    def open_tasks(self, scope: Scope, state: StateFilter | None = None) -> None: ...

    def open_task(self, task_id: str) -> None: ...

    def open_findings(self) -> None: ...

    def open_indicator(self, indicator_id: str) -> None: ...

    def open_chart(
        self, group: str = "all", kinds: tuple[str, ...] | None = None, query: str = ""
    ) -> None: ...


def dashboard(app: object) -> Dashboard:
    """The running app, as a Dashboard (R57App is the only app these screens run in)."""
    return cast(Dashboard, app)
