"""Vietnamese all the way, and English all the way: every screen, as drawn.

tests/language_walk.py walks every screen (main with each tab, the indicators, a task
list and its overdue filter, a task, help, all and group tasks, due soon, findings,
changes since a baseline, the baseline picker, the export dialog from three places, the
palette opened, with a query that matches nothing and with one that matches, and
presentation mode) in one language, in a process of its own, and gives back what is
drawn. Here:

- a Vietnamese screen holds no internal code (a state or kind code, a table's file name,
  any snake_case identifier) and no English interface word: the words of the
  catalogue's English and of Textual's own strings, less the words Vietnamese uses too
  (those in the catalogue's Vietnamese), the feed's own data, and key names;
- an English screen holds no Vietnamese: every phrase with a Vietnamese letter must come
  from the feed's data as an English screen shows it (a province without `name_en`, a
  task's title), never from `name` where `name_en` is given, nor `unit` where `unit_en` is.

The feed is the demo with two findings added (a contradiction, an unknown agency).
"""

from __future__ import annotations

import copy
import inspect
import json
import os
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import textual.widgets
from textual.binding import Binding

from r57tui.feed import Finding
from r57tui.i18n.message import Message
from r57tui.i18n.strings import tr
from tests.builders import task
from tests.po import po_translations
from tests.test_baseline import demo_doc, meeting_baseline_doc

# One worker makes this file's walk or fixtures once (the suite runs --dist loadgroup).
pytestmark = pytest.mark.xdist_group("test_ui_language_leaks")


ROOT = Path(__file__).resolve().parents[1]
Seen = list[tuple[str, str]]

# Textual's own words that can reach a screen: the palette's prompt and its "no matches"
# line, its system commands (title and help), and its widgets' binding descriptions.
TEXTUAL_STRINGS = [
    "Search for commands…",
    "Search for themes…",
    "No matches found",
    "Theme",
    "Change the current theme",
    "Quit",
    "Quit the application as soon as possible",
    "Keys",
    "Show help for the focused widget and a summary of available keys",
    "Hide the keys and widget help panel",
    "Maximize",
    "Maximize the focused widget",
    "Minimize",
    "Minimize the widget and restore to normal size",
    "Screenshot",
    "Save an SVG 'screenshot' of the current screen",
    "palette",
    "Focus Next",
    "Focus Previous",
]
# Key names, as keyboards print them.
KEY_NAMES = {
    "esc", "tab", "enter", "shift", "ctrl", "space", "home", "end", "pgup", "pgdn",
    "up", "down", "left", "right", "backspace", "delete",
}  # fmt: skip
# Internal codes: the feed's states and kinds, the export tables' ids and file names.
CODES = re.compile(
    r"\b[a-z]+(?:_[a-z]+)+\b"  # snake_case: on_time, completed_late, due_soon…
    r"|\b(?:agencies|tasks|indicators|findings|changes)-[\w-]+"  # tasks-DIEN-BIEN-overdue
    r"|\b(?:unknown-agency|duplicate-key)\b"  # findings' codes
)
VI_CODES = re.compile(r"\b(?:ministry|branch|locality|party|overdue|completed|agencies)\b")
# Where in the feed file a finding is (`tasks[1132]`): the feed's own keys, which its
# format names in English, and a path, not words of the interface.
FEED_LOCATION = re.compile(r"\b(?:tasks|agencies|indicators)\[\d+\]")
# Not words of the interface either: a folder typed or shown (the export dialog's), and
# a word cut short with … (a title from the feed shortened to its column), and a word of
# the screen beneath a dialog cut by the dialog's border ("% ho█" of "% hoàn thành").
NOT_WORDS = re.compile(r"(?<![\w/])/[^\s▎█]+|[^\W\d_]+…|[^\W\d_]+(?=[▊▌▐▎▍█])")
WORD = re.compile(r"[^\W\d_]{2,}")  # a single letter is a key (e, s, d)


def textual_binding_words() -> list[str]:
    found = []
    for name in textual.widgets.__all__:
        widget = getattr(textual.widgets, name)
        if not inspect.isclass(widget):
            continue
        for cls in widget.__mro__:
            for binding in cls.__dict__.get("BINDINGS", []):
                if isinstance(binding, Binding):
                    found.append(binding.description)
                elif len(binding) > 2:
                    found.append(binding[2])
    return [text for text in found if text]


def words(text: str) -> set[str]:
    return {word.lower() for word in WORD.findall(re.sub(r"\{[^}]*\}", " ", text))}


def feed_strings(document: Any, english: bool) -> Iterator[str]:
    """Every string of the feed an English (or Vietnamese) screen may show as written."""
    if isinstance(document, dict):
        for key, value in document.items():
            if english and key in ("name", "unit") and document.get(f"{key}_en"):
                continue  # an English screen shows name_en, unit_en
            if not english and key in ("name_en", "unit_en"):
                continue  # a Vietnamese screen never does
            yield from feed_strings(value, english)
    elif isinstance(document, list):
        for item in document:
            yield from feed_strings(item, english)
    elif isinstance(document, str):
        yield document


def given_in_english(document: Any, english: bool) -> Iterator[str]:
    """`name_en` and `unit_en` (english) or the `name` and `unit` they stand for."""
    if isinstance(document, dict):
        for key in ("name", "unit"):
            if document.get(f"{key}_en") and isinstance(document.get(key), str):
                yield document[f"{key}_en"] if english else document[key]
        for value in document.values():
            yield from given_in_english(value, english)
    elif isinstance(document, list):
        for item in document:
            yield from given_in_english(item, english)


def is_vietnamese(word: str) -> bool:
    """A word with a letter only Vietnamese writes here: a diacritic, or đ."""
    return any(
        ch in "đĐ" or (not ch.isascii() and unicodedata.decomposition(ch) != "")
        for ch in word
        if ch.isalpha()
    )


@pytest.fixture(scope="module")
def feed_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path, Path]:
    folder = tmp_path_factory.mktemp("walk")
    document = copy.deepcopy(demo_doc())
    baseline = meeting_baseline_doc(demo_doc())
    document["tasks"] += [
        task("T-CONTRA", "DIEN-BIEN", status="on_time", due="2025-06-30"),  # dates: overdue
        task("T-NOAG", "SO-LA-MOI", due="2025-12-31"),  # an agency not in the feed
    ]
    feed, base = folder / "nguon.json", folder / "moc.json"
    feed.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    base.write_text(json.dumps(baseline, ensure_ascii=False), encoding="utf-8")
    return document, feed, base


@pytest.fixture(scope="module")
def walks(
    feed_files: tuple[dict[str, Any], Path, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Seen]:
    """Both walks, side by side: each is its own process (the language is set once)."""
    _, feed, base = feed_files
    running = {}
    for language in ("vi", "en"):
        out = tmp_path_factory.mktemp(f"exports-{language}")
        command = [sys.executable, "-m", "tests.language_walk", language, str(feed), str(base)]
        running[language] = subprocess.Popen(
            [*command, str(out)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=english_locale(out),
        )
    seen = {}
    for language, process in running.items():
        stdout, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr[-3000:]
        seen[language] = [tuple(pair) for pair in json.loads(stdout)]
    return seen


def english_locale(folder: Path) -> dict[str, str]:
    """This environment with an English locale and a config folder of its own, as
    conftest.py gives each test (the language comes from the walk's argument)."""
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    return {**env, "LANG": "C.UTF-8", "XDG_CONFIG_HOME": str(folder / "config")}


def screen(seen: Seen, where: str) -> str:
    return next(text for at, text in seen if at == where)


def test_every_screen_was_reached(walks: dict[str, Seen]) -> None:
    for language, seen in walks.items():
        where = [at for at, _ in seen]
        assert len(where) >= 28, (language, where)
        assert "changes" in where
        assert "baseline picker" in where
    vi, en = walks["vi"], walks["en"]
    assert "Tất cả cơ quan" in screen(vi, "main, tab 0")
    assert "T-0797" in screen(vi, "task")
    assert "Đến cơ quan: Điện Biên" in screen(vi, "palette, a match")
    assert "Go to agency: Điện Biên" in screen(en, "palette, a match")
    assert "Chọn bảng màu" in screen(vi, "palette, a command")  # typed "bang mau"
    assert "Choose a theme" in screen(en, "palette, a command")


def vietnamese_leaks(seen: Seen, document: dict[str, Any]) -> list[str]:
    catalogue = po_translations()
    english = set()
    for text in [*catalogue, *TEXTUAL_STRINGS, *textual_binding_words()]:
        english |= words(text)
    for text in given_in_english(document, english=True):  # name_en, unit_en
        english |= words(text)
    same_in_both = set().union(*(words(text) for text in catalogue.values()))
    data = set().union(*(words(text) for text in feed_strings(document, english=False)))
    allowed = same_in_both | data | KEY_NAMES
    problems = []
    for where, drawn in seen:
        text = NOT_WORDS.sub(" ", FEED_LOCATION.sub(" ", drawn))
        problems += [f"{where}: code {code!r}" for code in CODES.findall(text)]
        problems += [f"{where}: code {code!r}" for code in VI_CODES.findall(text)]
        leaked = sorted(
            {
                word
                for word in WORD.findall(text)
                if word.isascii() and word.lower() in english and word.lower() not in allowed
            }
        )
        if leaked:
            problems.append(f"{where}: English {leaked}")
    return problems


def english_leaks(seen: Seen, document: dict[str, Any]) -> list[str]:
    data = "\n".join(feed_strings(document, english=True))
    # A name or unit with `name_en`/`unit_en` is never shown in English, even where a
    # title or note of the feed happens to quote it; a title or note itself (the palette
    # lists tasks whole) is the feed's free text, which has no English form.
    replaced = sorted(set(given_in_english(document, english=False)))
    free = "\n".join(
        text
        for task in document["tasks"]
        for text in [task.get("title", ""), *(n.get("text", "") for n in task.get("notes", []))]
    )
    problems = []
    for where, drawn in seen:
        text = FEED_LOCATION.sub(" ", drawn)
        problems += [f"{where}: code {code!r}" for code in CODES.findall(text)]
        for line in text.splitlines():
            for part in re.split(r"\s{2,}|[│▊▎▍▌▐▁▂▃▄▅▆▇█·:()\[\]“”\"'|,;]", line):
                phrase = part.strip()
                if not any(is_vietnamese(word) for word in WORD.findall(phrase)):
                    continue
                quoted = phrase not in replaced and from_the_feed(phrase, free)
                if not from_the_feed(phrase, data) or (
                    shows_one_of(phrase, replaced) and not quoted
                ):
                    problems.append(f"{where}: {phrase!r}")
    return sorted(set(problems))


def test_vietnamese_screens_hold_no_english_word_and_no_code(
    walks: dict[str, Seen], feed_files: tuple[dict[str, Any], Path, Path]
) -> None:
    assert vietnamese_leaks(walks["vi"], feed_files[0]) == []


def test_english_screens_hold_no_vietnamese_but_the_feeds_own(
    walks: dict[str, Seen], feed_files: tuple[dict[str, Any], Path, Path]
) -> None:
    assert english_leaks(walks["en"], feed_files[0]) == []


def shows_one_of(phrase: str, names: list[str]) -> bool:
    """The phrase shows one of `names`, whole (a unit after its figure) or cut with …."""
    cut = phrase.rstrip("…").rstrip()
    if cut != phrase and len(cut) >= 6 and any(name.startswith(cut) for name in names):
        return True
    return any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", phrase) for name in names)


def from_the_feed(phrase: str, data: str) -> bool:
    """The phrase is the feed's, whole or cut (a name shortened with … loses its end)."""
    if phrase in data:
        return True
    cut = phrase.rstrip("…").rstrip()
    if cut != phrase:
        head = cut.rsplit(" ", 1)[0] if " " in cut else cut
        return cut in data or head in data
    return False


def test_the_fixes_read_as_words(walks: dict[str, Seen]) -> None:
    vi, en = walks["vi"], walks["en"]
    assert "Tìm lệnh…" in screen(vi, "palette, opened")
    assert "Không tìm thấy lệnh nào" in screen(vi, "palette, no match")
    assert "Search for commands…" in screen(en, "palette, opened")
    assert "No matches found" in screen(en, "palette, no match")
    findings = screen(vi, "findings")
    assert "trạng thái “trong hạn” được tính như báo cáo" in findings
    assert "“quá hạn”" in findings
    assert "state “on time” counted as given, but the dates say “overdue”" in screen(en, "findings")
    assert "Bảng đang xem: Nhiệm vụ quá hạn của Bộ Tài chính" in screen(
        vi, "export dialog, agency's overdue tasks"
    )
    assert "This view: Overdue tasks of Ministry of Finance" in screen(
        en, "export dialog, agency's overdue tasks"
    )
    assert "Bảng đang xem: Chỉ tiêu" in screen(vi, "export dialog, indicators")
    assert "Bảng đang xem: Vấn đề chất lượng dữ liệu" in screen(vi, "export dialog, findings")
    assert "12.7 million records" in screen(en, "main, tab 0")
    assert "84 platforms" in screen(en, "main, tab 0")
    assert "12,7 triệu hồ sơ" in screen(vi, "main, tab 0")


@pytest.mark.parametrize(
    "code",
    ["invalid", "duplicate", "unknown-agency", "contradiction", "reference", "as-of",
     "duplicate-key"],
)  # fmt: skip
def test_every_kind_of_finding_reads_as_words(code: str) -> None:
    finding = Finding(code, "tasks[0]", "T1", Message.of("x"))
    assert not re.fullmatch(r"[a-z]+(-[a-z]+)+", finding.kind)  # words, not a code
    assert tr(finding.kind, "vi") != finding.kind  # and in Vietnamese
