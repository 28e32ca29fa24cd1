"""docs/glossary.md is the one list of the interface's words: the catalogue translates each
English word into its Vietnamese one, and every place it names (screens, help, the
presentation, every export format, `r57tui check`) shows exactly those words."""

from __future__ import annotations

import csv
import html
import io
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rich.console import Console
from textual.widgets import Static

from r57tui.cli import main
from r57tui.demo import demo_feed_path
from r57tui.i18n.strings import tr
from r57tui.ui.agencies import AgencyTable
from r57tui.ui.help_screen import HelpScreen
from r57tui.ui.present_screen import PresentScreen
from r57tui.ui.task_table import TaskTable
from r57tui.views import Scope
from tests.pilot import demo_app, settle, text_of
from tests.po import po_translations
from tests.test_baseline import demo_doc, meeting_baseline_doc
from tests.test_ui_baseline import app_for, settled, write

GLOSSARY = Path(__file__).resolve().parents[1] / "docs" / "glossary.md"
PLACES = (
    "headline",
    "totals",
    "agencies table",
    "agencies table with a baseline",
    "task list",
    "help",
    "presentation",
    "export",
    "check",
)
LANGUAGES = ("en", "vi")


@dataclass(frozen=True)
class Term:
    english: str
    vietnamese: str
    where: tuple[str, ...]

    def word(self, language: str) -> str:
        return self.vietnamese if language == "vi" else self.english


def _table(heading: str) -> list[list[str]]:
    """The rows of the table under `## heading` in the glossary, cells unquoted."""
    lines = GLOSSARY.read_text("utf-8").split(f"## {heading}\n", 1)[1].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip().strip("`") for cell in line.strip("|").split(" | ")])
    return rows


def _where(cell: str) -> tuple[str, ...]:
    return tuple(place.strip() for place in cell.split(","))


def terms() -> list[Term]:
    states = [Term(en, vi, _where(where)) for _, en, vi, where, _ in _table("Task states")]
    figures = [Term(en, vi, _where(where)) for en, vi, where, _ in _table("Figures and headings")]
    return states + figures


def avoided() -> list[tuple[str, str]]:
    """(language, word) of the words the interface does not use."""
    return [(language, word) for language, word, _, _ in _table("Words not used")]


@dataclass
class Shown:
    """What one place shows in one language: headings (each whole) and running text."""

    headings: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    def has(self, word: str) -> bool:
        # The sorted column's heading carries the order's arrow after the word.
        headings = {heading.removesuffix(" ↓").removesuffix(" ↑") for heading in self.headings}
        if "{" not in word and word in headings:
            return True
        return any(_pattern(word).search(text) for text in self.text)

    def everything(self) -> str:
        return "\n".join([*self.headings, *self.text])


def _pattern(word: str) -> re.Pattern[str]:
    """`word` standing alone (not inside a longer word); a {placeholder} is a figure."""
    body = re.escape(word).replace(r"\{count\}", r"[\d.,]+")
    return re.compile(rf"(?<!\w){body}(?!\w)")


def _rendered(widget: Static) -> str:
    console = Console(width=300, file=io.StringIO(), record=True, color_system=None)
    console.print(widget.content)
    return console.export_text()


async def _screens(language: str, tmp_path: Path) -> dict[str, Shown]:
    shown = {place: Shown() for place in PLACES if place not in ("export", "check")}
    app = demo_app(language=language)
    # 200 columns: every column of the agencies table shows (at 160 an English name of
    # 63 letters is whole in place of the completed-late column).
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        shown["headline"].text.append(text_of(app, "#headline"))
        shown["totals"].text.append(text_of(app, "#totals"))
        table = app.screen.query_one(AgencyTable)
        shown["agencies table"].headings += [c.label.plain for c in table.columns.values()]
        await pilot.press("a")
        await settle(app, pilot)
        tasks = app.screen.query_one(TaskTable)
        listing = shown["task list"]
        listing.headings += [column.label for column in tasks.columns]
        listing.text += [text_of(app, "#headline"), text_of(app, "#states")]
        shown["headline"].text.append(text_of(app, "#headline"))
        for key in tasks.keys:
            _, _, state, days, *_ = tasks.get_row(key)
            listing.text += [str(state), str(days)]
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown["help"].text += [_rendered(w) for w in app.screen.query(Static)]
        await pilot.press("escape", "escape")
        await pilot.press("P")
        await pilot.pause()
        assert isinstance(app.screen, PresentScreen)
        for number in range(1, len(app.screen.slides) + 1):  # every slide of the deck
            await pilot.press(str(number))
            shown["presentation"].text += [_rendered(w) for w in app.screen.query(Static)]
        # One agency's list: its latest notes take the room the lead agency's name would.
        await pilot.press("escape")
        app.open_tasks(Scope.agency("LAI-CHAU"))
        await pilot.pause()
        shown["task list"].headings += [c.label for c in app.screen.query_one(TaskTable).columns]
    base = write(tmp_path / "base.json", meeting_baseline_doc(demo_doc()))
    app = app_for(tmp_path, baseline=base, language=language)
    async with app.run_test(size=(160, 45)) as pilot:
        await settled(app, pilot)
        assert app.snapshot.comparison is not None
        table = app.screen.query_one(AgencyTable)
        labels = [c.label.plain for c in table.columns.values()]
        shown["agencies table with a baseline"].headings += labels
    return shown


def _exports(language: str, folder: Path) -> Shown:
    """Every table in every format the exports write, read back as a reader's program would."""
    shown = Shown()
    for fmt in ("csv", "xlsx", "md", "html"):
        out = folder / fmt
        assert main(["--lang", language, "export", "--format", fmt, "--out", str(out)]) == 0
        for path in out.iterdir():
            if fmt == "csv":
                rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
                shown.headings += rows[0]
                # The words an id column is written in (an agency's kind, a task's
                # state), each cell whole: not the feed's text.
                for heading in (tr("Kind", language), tr("State", language)):
                    if heading in rows[0]:
                        shown.headings += [row[rows[0].index(heading)] for row in rows[1:]]
            elif fmt == "xlsx":
                for sheet in load_workbook(path, read_only=True):
                    rows = list(sheet.iter_rows(values_only=True))
                    # The heading row follows the title block and its blank row.
                    blank = next(i for i, row in enumerate(rows) if not any(row))
                    shown.headings += [str(cell) for cell in rows[blank + 1] if cell]
            elif fmt == "md":
                lines = path.read_text("utf-8").splitlines()
                for above, line in itertools.pairwise(lines):
                    if line.startswith("|") and set(line) <= set("|-: "):
                        shown.headings += [c.strip() for c in above.strip("|").split("|")]
            else:
                found = re.findall(r"<th[^>]*>(.*?)</th>", path.read_text("utf-8"), re.S)
                shown.headings += [html.unescape(cell).strip() for cell in found]
    return shown


def _check(language: str, capsys: pytest.CaptureFixture[str]) -> Shown:
    assert main(["--lang", language, "check", str(demo_feed_path())]) == 0
    return Shown(text=[capsys.readouterr().out])


@pytest.fixture(scope="module")
def glossary_terms() -> list[Term]:
    found = terms()
    assert len(found) > 30  # the tables were read
    return found


def test_every_vietnamese_word_is_the_catalogues_translation(glossary_terms) -> None:
    catalogue = po_translations()
    wrong = {
        term.english: (catalogue.get(term.english), term.vietnamese)
        for term in glossary_terms
        if catalogue.get(term.english) != term.vietnamese
        or tr(term.english, "vi") != term.vietnamese
    }
    assert wrong == {}, "catalogue (.po) says, glossary says"


def test_every_place_named_is_a_place_the_test_reads(glossary_terms) -> None:
    named = {place for term in glossary_terms for place in term.where}
    assert named <= set(PLACES)
    assert named == set(PLACES)  # and each place is checked for something


def test_the_catalogue_uses_no_word_the_glossary_rules_out() -> None:
    catalogue = po_translations()
    used = {
        (word, english)
        for language, word in avoided()
        if language == "vi"
        for english, vietnamese in catalogue.items()
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", vietnamese, re.IGNORECASE)
    }
    assert used == set()


def _assert_words(shown: dict[str, Shown], language: str, terms: list[Term]) -> None:
    """Each place of `shown` has the glossary's word for each term it names, and none of
    the words ruled out."""
    missing = [
        (place, term.word(language))
        for term in terms
        for place in term.where
        if place in shown and not shown[place].has(term.word(language))
    ]
    assert missing == []
    ruled_out = [
        (place, word)
        for word_language, word in avoided()
        if word_language == language
        for place, seen in shown.items()
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", seen.everything(), re.IGNORECASE)
    ]
    assert ruled_out == []


@pytest.mark.parametrize("language", LANGUAGES)
async def test_screens_help_and_slides_use_the_glossarys_words(
    language: str, glossary_terms, tmp_path: Path
) -> None:
    _assert_words(await _screens(language, tmp_path), language, glossary_terms)


@pytest.mark.parametrize("language", LANGUAGES)
def test_exports_and_check_use_the_glossarys_words(
    language: str, glossary_terms, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shown = {"export": _exports(language, tmp_path), "check": _check(language, capsys)}
    _assert_words(shown, language, glossary_terms)
