"""Several named sources (issue 24): the config's [[sources]] and --source given more than
once, each source opened with its own headers; polled together against real servers on
127.0.0.1 and real files (a dead source among live ones, conditional requests); `check
A B …`'s report and exit codes; the bundled provincial demo beside the national one."""

from __future__ import annotations

import csv
import json
import re
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from r57tui.cli import main
from r57tui.commands.sources import open_sources, source_overrides
from r57tui.config import ConfigError, load_settings
from r57tui.feed import load_feed
from r57tui.several import Several
from r57tui.sources import Failed, NewFeed, Unchanged
from tests.builders import feed_dict, task, to_bytes
from tests.httpserver import Handler, ScriptedServer

CENTRE = feed_dict([task("T-1", "LAI-CHAU", due="2025-12-31"), task("T-2")])
PROVINCE = feed_dict(
    [task("T-1", "LAI-CHAU", same_as="centre:T-1"), task("T-7", "LAI-CHAU")],
    as_of="2025-10-10",
    agencies=[{"id": "LAI-CHAU", "name": "Lai Châu", "kind": "locality"}],
)


def _answer(handler: Handler) -> None:
    """The centre's feed, with an ETag: a request that has it gets 304."""
    if handler.headers.get("If-None-Match") == '"v1"':
        handler.send(304, headers={"ETag": '"v1"'})
    else:
        handler.send(200, to_bytes(CENTRE), headers={"ETag": '"v1"'})


@pytest.fixture(scope="module")
def centre() -> Iterator[ScriptedServer]:
    with ScriptedServer(_answer) as server:
        yield server


def _dead_url() -> str:
    with socket.socket() as sock:  # a port nothing listens on once it is closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/feed.json"


def _write(path: Path, document: object) -> Path:
    path.write_bytes(to_bytes(document))
    return path


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "r57tui.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[[sources]]\nname = "a/b"\nlocation = "x.json"\n', "sources[0].name: must be letters"),
        (
            '[[sources]]\nname = "Điện Biên"\nlocation = "x.json"\n'
            '[[sources]]\nname = "điện biên"\nlocation = "y.json"\n',
            "sources[1].name: the name 'điện biên' is already that of sources[0]",
        ),
        (
            '[[sources]]\nname = "a"\nlocation = "x.json"\nheaders = {"X Y" = "1"}\n',
            "sources[0].headers: 'X Y' is not a valid header name",
        ),
        ('[[sources]]\nname = "a"\nlocation = "x.json"\nrefesh = 5\n', "'sources[0].refresh'"),
    ],
)
def test_a_bad_source_is_one_line_naming_its_key(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(_config(tmp_path, text))
    message = str(caught.value)
    assert expected in message
    assert "\n" not in message


async def test_each_source_sends_its_own_headers_and_a_dead_one_stays_apart(
    tmp_path: Path, centre: ScriptedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = centre
    monkeypatch.setenv("CENTRE_TOKEN", "tok-centre")
    province = _write(tmp_path / "tinh.json", PROVINCE)
    settings = load_settings(
        _config(
            tmp_path,
            '[http]\nheaders = {Authorization = "Bearer shared"}\n'
            f'[[sources]]\nname = "centre"\nlocation = "{server.url()}"\n'
            'headers = {Authorization = "Bearer ${CENTRE_TOKEN}"}\n'
            '[[sources]]\nname = "tỉnh"\nlocation = "tinh.json"\nrefresh = 5\n'
            f'[[sources]]\nname = "gone"\nlocation = "{_dead_url()}"\n',
        )
    )
    named = open_sources(settings)
    assert [(n.name, n.refresh) for n in named] == [("centre", 30.0), ("tỉnh", 5.0), ("gone", 30.0)]
    several = Several(named, parallel=2)
    try:
        first = {p.name: p.update for p in await several.poll()}
        assert isinstance(first["centre"], NewFeed)
        assert isinstance(first["tỉnh"], NewFeed)
        assert isinstance(first["gone"], Failed)
        assert server.requests[-1]["authorization"] == "Bearer tok-centre"
        made = several.consolidated()
        assert made is not None
        assert [p.name for p in made.parts] == ["centre", "tỉnh"]
        assert made.feed.tasks[0].id == "centre:T-1"
        assert made.duplicates == {"tỉnh:T-1": "centre:T-1"}
        assert made.mixed_dates
        # Nothing moved: a 304 and an unmoved file, no parse, the same consolidation.
        again = {p.name: p.update for p in await several.poll(["centre", "tỉnh"])}
        assert isinstance(again["centre"], Unchanged)
        assert isinstance(again["tỉnh"], Unchanged)
        assert several.consolidated() is made
        # The province's file changes: only it is read again, and the sum moves.
        _write(province, {**PROVINCE, "tasks": [*PROVINCE["tasks"], task("T-8", "LAI-CHAU")]})
        third = {p.name: p.update for p in await several.poll(["tỉnh"])}
        assert isinstance(third["tỉnh"], NewFeed)
        assert len(several.consolidated().feed.tasks) == 4  # type: ignore[union-attr]
    finally:
        await several.aclose()


def test_a_sources_own_ca_bundle_is_checked_before_anything_is_fetched(tmp_path: Path) -> None:
    (tmp_path / "not-a.pem").write_text("not a certificate", encoding="utf-8")
    settings = load_settings(
        _config(
            tmp_path,
            '[[sources]]\nname = "a"\nlocation = "demo"\n'
            '[[sources]]\nname = "b"\nlocation = "https://127.0.0.1:9/feed.json"\n'
            'ca_bundle = "not-a.pem"\n',
        )
    )
    with pytest.raises(ConfigError, match=re.escape("sources[1].ca_bundle: ")):
        open_sources(settings)
    # A bundled feed's name in a config is that feed, not a file beside the config.
    config = _config(tmp_path, 'source = "demo-dien-bien"\n')
    assert open_sources(load_settings(config))[0].source.label == "demo-dien-bien"


def test_source_flags_one_is_the_simple_case_several_are_named(tmp_path: Path) -> None:
    assert source_overrides(["feed.json"]) == {"source": "feed.json", "sources": []}
    flags = source_overrides(
        ["demo", "tỉnh=demo-dien-bien", "http://127.0.0.1:8057/feed.json?a=b", "x/feed.json"]
    )
    assert [e["name"] for e in flags["sources"]] == ["demo", "tỉnh", "127-0-0-1-8057", "feed"]
    assert flags["sources"][1]["location"] == "demo-dien-bien"
    with pytest.raises(ConfigError, match="the name 'demo' is given twice"):
        source_overrides(["demo", "demo=demo-dien-bien"])
    with pytest.raises(ConfigError, match=re.escape("--source a b!=x.json: name: must be letters")):
        source_overrides(["demo", "a b!=x.json"])
    # Two files of one name in two folders: the second named apart.
    assert [e["name"] for e in source_overrides(["a/f.json", "b/f.json"])["sources"]] == [
        "f",
        "f-2",
    ]


def _check(
    capsys: pytest.CaptureFixture[str], *argv: str, lang: str = "en"
) -> tuple[int, str, str]:
    code = main(["--lang", lang, "check", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_check_several_reports_each_and_the_sum_with_its_exit_code(
    tmp_path: Path, centre: ScriptedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server = centre
    province = str(_write(tmp_path / "tinh.json", PROVINCE))
    code, out, _ = _check(capsys, f"centre={server.url()}", province, "--json")
    report = json.loads(out)
    assert code == 0
    assert [s["name"] for s in report["sources"]] == ["centre", "tinh"]
    assert [s["totals"]["assigned"] for s in report["sources"]] == [2, 2]
    whole = report["consolidated"]
    assert whole["totals"]["assigned"] == 3  # 2 + 2 less the one counted once
    assert whole["counted_once"] == {"tinh:T-1": "centre:T-1"}
    assert whole["mixed_dates"] is True
    assert whole["as_of_by_source"]["tinh"] == "2025-10-10"
    # A dead source among live ones: the others still added up, exit 1, said on stderr.
    dead = _dead_url()
    code, out, err = _check(capsys, f"centre={server.url()}", f"gone={dead}", lang="vi")
    assert code == 1
    assert "gone: " in err
    assert "Không cộng được (không đọc được): gone" in out
    # A source's findings make the whole 1; none loaded is 2.
    broken = _write(tmp_path / "broken.json", feed_dict([task("T-1"), task("T-1")]))
    assert _check(capsys, province, str(broken))[0] == 1
    assert _check(capsys, f"a={dead}", f"b={tmp_path / 'missing.json'}")[0] == 2


def test_the_provincial_demo_is_clean_and_adds_up_with_the_national_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from r57tui.demo import bundled_feed_path

    feed = load_feed(bundled_feed_path("demo-dien-bien").read_bytes())
    assert feed.findings == []
    groups = [t.group for t in feed.tasks]
    assert groups.count("Đề tài khoa học và công nghệ") == 11
    assert groups.count("Nhiệm vụ đột phá") == 25
    assert all(t.owner for t in feed.tasks)
    national = load_feed(bundled_feed_path("demo").read_bytes())
    assert feed.agencies["DIEN-BIEN"] == national.agencies["DIEN-BIEN"]
    # The province's same_as name the national feed by its own feed_id, so whatever the
    # reader calls that source, its two tasks are counted once.
    code, out, _ = _check(capsys, "trung-uong=demo", "demo-dien-bien", "--json")
    whole = json.loads(out)["consolidated"]
    assert code == 0
    assert whole["totals"]["assigned"] == 1132 + 36 - 2
    assert set(whole["counted_once"].values()) == {"trung-uong:T-0473", "trung-uong:T-0615"}


def test_export_of_several_sources_has_a_source_column_and_each_sources_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    province = str(_write(tmp_path / "tinh.json", PROVINCE))
    centre = str(_write(tmp_path / "centre.json", CENTRE))
    flags = ["--lang", "vi", "--source", centre, "--source", province]
    code = main([*flags, "export", "--format", "csv", "--out", str(tmp_path / "out")])
    assert code == 0
    paths = {Path(line).name.split("-")[1]: Path(line) for line in capsys.readouterr().out.split()}

    def rows(name: str) -> list[dict[str, str]]:
        with paths[name].open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))

    tasks = rows("tasks")
    # Each row's source and its own id there: T-1 of the province is counted as the centre's.
    assert sorted((row["Nguồn"], row["Mã"]) for row in tasks) == [
        ("centre", "T-1"),
        ("centre", "T-2"),
        ("tinh", "T-7"),
    ]
    sources = rows("sources")
    assert [(r["Nguồn"], r["Được giao"], r["Tính ở nguồn khác"]) for r in sources] == [
        ("centre", "2", "0"),
        ("tinh", "2", "1"),
        ("Tổng cộng", "3", "1"),
    ]
    assert sources[1]["Ngày số liệu"] == "2025-10-10"
    # One source: the tasks table as before, no source column.
    out = str(tmp_path / "one")
    code = main(["--lang", "vi", "--source", centre, "export", "--format", "csv", "--out", out])
    assert code == 0
    tasks_file = next(Path(line) for line in capsys.readouterr().out.split() if "-tasks-" in line)
    with tasks_file.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    assert "Mã" in header
    assert "Nguồn" not in header
