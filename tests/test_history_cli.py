"""`r57tui snapshot`, `r57tui history` and `--baseline last|previous|a date` on the command
line: exit codes, the one line each says, in Vietnamese and English, on real files."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from r57tui.cli import main
from r57tui.history import HistoryStore
from tests.builders import to_bytes
from tests.test_history_store import demo_doc, quarter

QUARTERS = (
    "2025-01-15T08:00:00+07:00",
    "2025-04-15T08:00:00+07:00",
    "2025-07-15T08:00:00+07:00",
    "2025-10-15T08:00:00+07:00",
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def feeds(tmp_path: Path) -> list[Path]:
    """The demo as four quarterly meetings saw it."""
    doc = demo_doc()
    paths = []
    for number, as_of in enumerate(QUARTERS, start=1):
        moved = quarter(doc, as_of)
        moved["title"] = f"Sơ kết quý {number}"
        path = tmp_path / f"q{number}.json"
        path.write_bytes(to_bytes(moved))
        paths.append(path)
    return paths


def recorded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    history = tmp_path / "meetings.sqlite3"
    for path in feeds(tmp_path):
        assert run(capsys, "snapshot", "--source", str(path), "--history", str(history))[0] == 0
    return history


def test_snapshot_records_once_and_says_so_the_second_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    history = tmp_path / "h.sqlite3"
    first = run(capsys, "--lang", "en", "snapshot", "--history", str(history))
    assert first == (
        0,
        f"Recorded in the history: the figures as of 2025-10-15 08:00 ({history})\n",
        "",
    )
    stored = history.read_bytes()
    code, out, err = run(capsys, "--lang", "vi", "snapshot", "--history", str(history))
    assert (code, err) == (0, "")
    assert out.startswith("Đã có trong lịch sử: số liệu đến 15/10/2025 08:00 từ nguồn này")
    assert out.endswith("không ghi thêm\n")
    assert history.read_bytes() == stored
    [entry] = HistoryStore(history).entries()
    assert (entry.source, entry.kept_feed) == ("demo", False)


def test_snapshot_keeps_the_whole_feed_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    history = tmp_path / "h.sqlite3"
    [q1, *_] = feeds(tmp_path)
    assert (
        run(capsys, "snapshot", "--source", str(q1), "--keep-feed", "--history", str(history))[0]
        == 0
    )
    store = HistoryStore(history)
    [entry] = store.entries()
    assert entry.kept_feed
    assert entry.source == str(q1)
    assert store.document(entry) == q1.read_bytes()


def test_snapshot_of_a_refused_feed_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "r57-feed", "version": 1}', encoding="utf-8")
    history = tmp_path / "h.sqlite3"
    code, out, err = run(capsys, "snapshot", "--source", str(bad), "--history", str(history))
    assert (code, out) == (1, "")
    assert err.startswith("r57tui: bad.json: ")
    assert err.count("\n") == 1
    assert not history.exists()


def test_snapshot_into_a_file_that_is_not_a_history_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    history = tmp_path / "minutes.docx"
    history.write_bytes(b"PK\x03\x04 not a database")
    code, out, err = run(capsys, "--lang", "vi", "snapshot", "--history", str(history))
    assert (code, out) == (1, "")
    assert err == (
        f"r57tui: lịch sử {history}: không phải tệp lịch sử (không phải cơ sở dữ liệu "
        "SQLite); tệp được giữ nguyên\n"
    )
    assert history.read_bytes() == b"PK\x03\x04 not a database"
    code, _, err = run(capsys, "history", "--history", str(history))
    assert code == 1
    assert err.count("\n") == 1


def test_history_lists_the_meetings_in_either_language_within_80_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    history = recorded(tmp_path, capsys)
    code, out, err = run(capsys, "--lang", "vi", "history", "--history", str(history))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"Số bản lưu trong lịch sử: 4 ({history})"
    assert lines[2].split() == [
        "Số",
        "liệu",
        "đến",
        "Được",
        "giao",
        "Hoàn",
        "thành",
        "Trong",
        "hạn",
        "Quá",
        "hạn",
    ]
    assert lines[3].startswith("15/01/2025 08:00")
    assert "1.132" in lines[3]
    assert lines[4] == "  Sơ kết quý 1"
    assert lines[9].startswith("15/10/2025 08:00")
    assert lines[9].split()[-6:] == ["485", "(43%)", "561", "(50%)", "86", "(8%)"]
    assert max(len(line) for line in lines[1:]) <= 80
    code, out, _ = run(capsys, "--lang", "en", "history", "--history", str(history))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"Snapshots in the history: 4 ({history})"
    assert lines[2].split() == ["As", "of", "Assigned", "Completed", "On", "time", "Overdue"]
    assert lines[9].startswith("2025-10-15 08:00")
    assert "1,132" in lines[9]


def test_history_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    history = recorded(tmp_path, capsys)
    code, out, _ = run(capsys, "history", "--json", "--history", str(history))
    assert code == 0
    listed = json.loads(out)
    assert listed["file"] == str(history)
    assert [s["as_of"] for s in listed["snapshots"]] == list(QUARTERS)
    assert listed["snapshots"][-1]["totals"] == {
        "assigned": 1132,
        "completed": 485,
        "completed_late": 42,
        "on_time": 561,
        "overdue": 86,
    }


def test_history_without_a_store_says_so_and_makes_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    history = tmp_path / "none" / "h.sqlite3"
    code, out, _ = run(capsys, "--lang", "en", "history", "--history", str(history))
    assert code == 0
    assert out == (
        f"No snapshots in the history yet ({history}): record one with r57tui snapshot\n"
    )
    assert not history.parent.exists()


def changes_ids(folder: Path) -> set[str]:
    [path] = folder.glob("*.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    return {row[1] for row in rows[1:] if len(row) > 1}


@pytest.mark.parametrize(
    ("word", "as_file"), [("last", 3), ("previous", 2), ("2025-04-15", 1), ("15/01/2025", 0)]
)
def test_export_baseline_from_the_history_equals_the_same_feed_as_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], word: str, as_file: int
) -> None:
    history = recorded(tmp_path, capsys)
    files = sorted(tmp_path.glob("q*.json"))
    common = ["export", "--format", "csv", "--table", "changes"]
    # --history after `export` too, as after `snapshot` and `history`.
    code, _, err = run(
        capsys, "--baseline", word, *common, "--history", str(history), "--out", str(tmp_path / "a")
    )
    assert (code, err) == (0, "")
    code, _, err = run(
        capsys, "--baseline", str(files[as_file]), *common, "--out", str(tmp_path / "b")
    )
    assert (code, err) == (0, "")
    assert changes_ids(tmp_path / "a") == changes_ids(tmp_path / "b")


def test_an_unknown_entry_is_one_line_naming_those_there_are(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    history = recorded(tmp_path, capsys)
    args: list[Any] = ["--history", str(history), "export", "--out", str(tmp_path / "x")]
    code, out, err = run(capsys, "--lang", "en", "--baseline", "2025-03-31", *args)
    assert (code, out) == (2, "")
    assert err == (
        f"r57tui: history {history}: no snapshot of 2025-03-31; it holds: 2025-10-15, "
        "2025-07-15, 2025-04-15, 2025-01-15\n"
    )
    code, _, err = run(capsys, "--lang", "vi", "--baseline", "30/02/2025", *args)
    assert code == 2
    assert err == (
        "r57tui: --baseline: '30/02/2025' không phải là ngày hợp lệ (yyyy-mm-dd hoặc dd/mm/yyyy)\n"
    )
    assert not (tmp_path / "x").exists()


def test_previous_with_one_meeting_and_last_with_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    history = tmp_path / "h.sqlite3"
    args = ["--history", str(history), "export", "--out", str(tmp_path / "x")]
    code, _, err = run(capsys, "--baseline", "last", *args)
    assert code == 2
    assert err == (
        f"r57tui: history {history}: no snapshots yet (record one with r57tui snapshot)\n"
    )
    assert run(capsys, "snapshot", "--history", str(history))[0] == 0
    code, _, err = run(capsys, "--baseline", "previous", *args)
    assert code == 2
    assert err == (
        f"r57tui: history {history}: only one snapshot, none before it; it holds: 2025-10-15\n"
    )


def test_the_history_path_of_the_config_is_read_beside_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "secretariat"
    folder.mkdir()
    config = folder / "r57tui.toml"
    config.write_text('[history]\npath = "meetings/h.sqlite3"\n', encoding="utf-8")
    assert run(capsys, "--config", str(config), "snapshot")[0] == 0
    assert len(HistoryStore(folder / "meetings" / "h.sqlite3").entries()) == 1
    # --history wins over the config.
    other = tmp_path / "other.sqlite3"
    assert run(capsys, "--config", str(config), "snapshot", "--history", str(other))[0] == 0
    assert len(HistoryStore(other).entries()) == 1


def test_without_a_path_the_history_is_in_the_user_data_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "snapshot")[0] == 0
    assert len(HistoryStore(tmp_path / "data" / "r57tui" / "history.sqlite3").entries()) == 1
