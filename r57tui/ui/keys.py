"""The dashboard's keys: every binding it declares (the app's and each class's), the ids a
`[keys]` table in the config may remap, and which key quits."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.app import App
from textual.binding import ActiveBinding, Binding, BindingType
from textual.dom import DOMNode

from ..config import ConfigError, Settings
from ..i18n.message import Message
from .app_bindings import APP_BINDINGS


def _declarations() -> list[list[BindingType]]:
    # Every screen of the dashboard, imported here: the start draws the main screen only,
    # and asks for the whole list only to check a [keys] table or to go read-only.
    from .baseline_picker import BaselinePicker
    from .changes_screen import ChangesScreen
    from .chart_screen import ChartScreen
    from .export_dialog import ExportDialog
    from .facet_picker import FacetPicker
    from .filter_bar import FilterBar
    from .findings_screen import FindingsScreen
    from .help_screen import HelpScreen
    from .indicator_screen import IndicatorScreen
    from .keyed_table import KeyedTable
    from .main_screen import MainScreen
    from .present_screen import PresentScreen
    from .screen_base import DataScreen, TableScreen
    from .source_picker import SourcePicker
    from .task_screen import TaskScreen
    from .tasks_screen import TasksScreen
    from .text_viewer import LongText, TextScreen
    from .trend_chart_screen import TrendChartScreen
    from .trends_screen import AgencyTrendScreen, TrendsScreen
    from .virtual_table import VirtualTable

    classes: list[type[DOMNode]] = [
        DataScreen,
        TableScreen,
        ExportDialog,
        MainScreen,
        TasksScreen,
        TaskScreen,
        TextScreen,
        FindingsScreen,
        ChangesScreen,
        ChartScreen,
        IndicatorScreen,
        TrendsScreen,
        AgencyTrendScreen,
        TrendChartScreen,
        BaselinePicker,
        FacetPicker,
        SourcePicker,
        PresentScreen,
        HelpScreen,
        KeyedTable,
        VirtualTable,
        LongText,
        FilterBar,
    ]
    return [APP_BINDINGS, *(cls.__dict__.get("BINDINGS", []) for cls in classes)]


def bindings() -> list[Binding]:
    """Every binding of the dashboard's own (not Textual's), the app's first."""
    return [each for found in _declarations() for each in found if isinstance(each, Binding)]


def binding_ids() -> set[str]:
    return {binding.id for binding in bindings() if binding.id}


def check_keymap(settings: Settings) -> None:
    """Refuse a `[keys]` table naming a binding the dashboard does not have."""
    if not settings.keys:
        return  # nothing to check, nor every screen to import for it
    known = binding_ids()
    unknown = sorted(set(settings.keys) - known)
    if unknown:
        raise ConfigError(
            Message.of(
                "{where}: no binding {names}; binding ids are {ids}",
                where=settings.where("[keys]"),
                names=", ".join(map(repr, unknown)),
                ids=", ".join(sorted(known)),
            )
        )


def quit_hint(app: App[Any], active: Iterable[ActiveBinding], language: str) -> str | None:
    """For Ctrl+C pressed from habit: which key quits, ours (q, or as remapped) before
    Textual's own ctrl+q; None when nothing quits here."""
    quits = [each.binding for each in active if each.binding.action in ("quit", "app.quit")]
    if not quits:
        return None
    binding = min(quits, key=lambda binding: binding.id != "quit")
    return Message.of("Press {key} to quit", key=app.get_key_display(binding)).text(language)
