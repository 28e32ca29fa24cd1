"""The binding ids a `[keys]` table in the config may remap."""

from __future__ import annotations

from textual.binding import Binding
from textual.dom import DOMNode


def _classes() -> list[type[DOMNode]]:
    from .app import R57App
    from .baseline_picker import BaselinePicker
    from .changes_screen import ChangesScreen
    from .export_dialog import ExportDialog
    from .filter_bar import FilterBar
    from .findings_screen import FindingsScreen
    from .help_screen import HelpScreen
    from .keyed_table import KeyedTable
    from .main_screen import MainScreen
    from .present_screen import PresentScreen
    from .screen_base import DataScreen
    from .task_screen import TaskScreen
    from .tasks_screen import TasksScreen
    from .text_viewer import LongText, TextScreen
    from .virtual_table import VirtualTable

    return [
        R57App,
        DataScreen,
        ExportDialog,
        MainScreen,
        TasksScreen,
        TaskScreen,
        TextScreen,
        FindingsScreen,
        ChangesScreen,
        BaselinePicker,
        PresentScreen,
        HelpScreen,
        KeyedTable,
        VirtualTable,
        LongText,
        FilterBar,
    ]  # type: ignore[list-item]


def bindings() -> list[Binding]:
    """Every binding of the dashboard's own classes (not Textual's), in class order."""
    found: list[Binding] = []
    for cls in _classes():
        for binding in cls.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding):
                found.append(binding)
    return found


def binding_ids() -> set[str]:
    return {binding.id for binding in bindings() if binding.id}
