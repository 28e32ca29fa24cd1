"""`r57tui serve`'s one fetch for every dashboard: the serve process's `SharedFetch` against
a real HTTP server on 127.0.0.1 that counts what it is asked, and the dashboards' sources
(`SharedFileSource`) reading the real folder it writes. The whole program, browsers and
all, is in tests/test_serve.py."""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import socket
import stat
import tempfile
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from r57tui.cli import main
from r57tui.commands.sources import open_shared, open_source
from r57tui.config import Settings
from r57tui.i18n.message import Message, message_from_data, message_to_data
from r57tui.i18n.strings import Phrase
from r57tui.sources import Failed, NewFeed, Unchanged
from r57tui.sources.shared import BODY, STATUS, SharedFileSource, SharedFolder
from r57tui.web.shared_fetch import SharedFetch
from tests.builders import feed_dict, task, to_bytes
from tests.httpserver import Handler, ScriptedServer

FIRST = to_bytes(feed_dict([task("T1"), task("T2")]))
SECOND = to_bytes(feed_dict([task("T1"), task("T2"), task("T3")]))
SECRET = "Bearer shared-fetch-secret"


class Upstream:
    """What the feed's server answers next: a feed with its ETag (304 when it is the one
    asked about), or a failure."""

    def __init__(self) -> None:
        self.status, self.body = 200, FIRST

    def __call__(self, handler: Handler) -> None:
        if self.status != 200:
            handler.send(self.status, b"{}")
            return
        etag = f'"{hashlib.sha256(self.body).hexdigest()[:16]}"'
        if handler.headers.get("If-None-Match") == etag:
            handler.send(304, content_type=None, headers={"ETag": etag})
        else:
            handler.send(200, self.body, headers={"ETag": etag})


@pytest.fixture(scope="module")
def feed_server() -> Iterator[ScriptedServer]:
    with ScriptedServer(Upstream()) as server:
        yield server


@pytest.fixture
def upstream(feed_server: ScriptedServer) -> Upstream:
    answers = feed_server.respond = Upstream()
    feed_server.requests.clear()
    return answers


def shared_fetch(
    server: ScriptedServer, refresh: float, monkeypatch: pytest.MonkeyPatch
) -> SharedFetch:
    monkeypatch.setenv("R57_SHARED_TOKEN", SECRET)
    settings = Settings.model_validate(
        {"http": {"headers": {"Authorization": "${R57_SHARED_TOKEN}"}}}
    )
    source = open_source(server.url(), settings)
    return SharedFetch(source, SharedFolder.create(), refresh, "en")


def dashboards(shared: SharedFetch, count: int) -> list[SharedFileSource]:
    settings = Settings()
    opened = [open_shared(shared.folder.path, shared.source.label, settings) for _ in range(count)]
    assert all(isinstance(source, SharedFileSource) for source in opened)
    return opened  # type: ignore[return-value]


async def polls(sources: list[SharedFileSource]) -> list[object]:
    return [await source.poll() for source in sources]


async def test_one_fetch_serves_every_dashboard_and_a_failure_keeps_their_figures(
    feed_server: ScriptedServer, upstream: Upstream, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = shared_fetch(feed_server, 0, monkeypatch)  # 0: a fetch each time one opens
    viewers = dashboards(shared, 3)
    try:
        # Three dashboards opening at once: one request, with the secret, from here.
        await asyncio.gather(*(shared.ready() for _ in viewers))
        assert len(feed_server.requests) == 1
        assert feed_server.requests[0]["authorization"] == SECRET
        first = await polls(viewers)
        assert all(isinstance(update, NewFeed) for update in first)
        assert {len(update.feed.tasks) for update in first} == {2}  # type: ignore[attr-defined]
        # Shown under the source's own label, not the folder's temporary path.
        assert {source.label for source in viewers} == {"127.0.0.1"}
        assert all(isinstance(update, Unchanged) for update in await polls(viewers))
        assert len(feed_server.requests) == 1  # the dashboards asked the server nothing

        # A change upstream reaches each of them, from one more request.
        upstream.body = SECOND
        await shared.ready()
        changed = await polls(viewers)
        assert [len(update.feed.tasks) for update in changed] == [3, 3, 3]  # type: ignore[attr-defined]
        assert len(feed_server.requests) == 2

        # The server fails: the copy stays as it was, and each dashboard says why, in its
        # language, at every poll until it answers again.
        upstream.status = 503
        await shared.ready()
        assert shared.folder.body.read_bytes() == SECOND
        where = feed_server.url()
        for _ in range(2):
            for update in await polls(viewers):
                assert isinstance(update, Failed)
                assert update.message == (
                    f"{where}: HTTP 503 Service Unavailable: the server is unavailable for "
                    "now; it will be asked again"
                )
                assert update.text("vi").endswith("máy chủ tạm thời không phục vụ; sẽ thử lại")
        # A dashboard that opens during the outage shows the last good figures, then why.
        late = dashboards(shared, 1)
        opened = await polls(late)
        assert isinstance(opened[0], NewFeed)
        assert len(opened[0].feed.tasks) == 3
        assert isinstance((await polls(late))[0], Failed)

        upstream.status = 200  # back, with the same feed: fresh again, nothing to parse
        await shared.ready()
        assert all(isinstance(update, Unchanged) for update in await polls(viewers + late))
        assert len(feed_server.requests) == 4
    finally:
        await shared.stop()
    assert not shared.folder.path.exists()


async def test_polls_at_the_refresh_only_while_a_dashboard_runs(
    feed_server: ScriptedServer, upstream: Upstream, monkeypatch: pytest.MonkeyPatch
) -> None:
    refresh = 0.05
    shared = shared_fetch(feed_server, refresh, monkeypatch)
    try:
        await shared.ready()  # the first dashboard's fetch
        await shared.ready()  # a second one, within the refresh: the same copy
        assert shared.fetches == 1
        shared.start()
        shared.viewers(2)
        while shared.fetches < 4:
            await asyncio.sleep(refresh / 5)
        shared.viewers(0)
        async with shared._lock:  # a fetch under way ends
            stopped_at = shared.fetches
        await asyncio.sleep(refresh * 4)  # what is being shown is that nothing comes
        assert shared.fetches == stopped_at
        assert len(feed_server.requests) == stopped_at
    finally:
        await shared.stop()


def test_the_folder_is_private_and_replaced_whole() -> None:
    folder = SharedFolder.create()
    try:
        assert stat.S_IMODE(folder.path.stat().st_mode) == 0o700
        folder.write_body(FIRST)
        folder.write_body(SECOND)
        folder.write_status(
            Failed.of("{where}: {what}", where="x", what=Phrase("no answer in time"))
        )
        assert sorted(os.listdir(folder.path)) == [BODY, STATUS]  # no temporary file left
        assert folder.body.read_bytes() == SECOND
        for name in (BODY, STATUS):
            assert stat.S_IMODE((folder.path / name).stat().st_mode) == 0o600
    finally:
        folder.remove()
    assert not folder.path.exists()
    folder.remove()  # gone already: nothing to say


async def test_no_copy_yet_or_a_status_that_cannot_be_read_is_said_for_the_source(
    tmp_path: Path,
) -> None:
    failed = Failed.of(
        "{where}: {what}", where="feed.example/r57.json", what=Phrase("no answer in time")
    )
    folder = SharedFolder(tmp_path)
    folder.write_status(failed)
    source = SharedFileSource(tmp_path, "feed.example")
    # The upstream's reason, not "file not found" for a temporary path.
    assert await source.poll() == failed
    (tmp_path / STATUS).write_text("{not json", encoding="utf-8")
    folder.write_body(FIRST)
    unreadable = await source.poll()
    assert isinstance(unreadable, NewFeed)  # the body first: it is the last good one
    said = await source.poll()
    assert isinstance(said, Failed)
    assert said.message == "feed.example: the copy of the feed kept by r57tui serve cannot be read"
    assert said.text("vi") == "feed.example: không đọc được bản sao số liệu do r57tui serve lưu giữ"


def test_a_message_crosses_to_another_process_and_reads_the_same_in_each_language() -> None:
    when = datetime(2025, 10, 15, 8, 0, tzinfo=timezone(timedelta(hours=7)))
    message = Message.of(
        "{where}: {what}",
        where="feed.example",
        what=Message.of(
            "{where} went back to {to}; the figures as of {kept} stay on screen",
            where="feed.example",
            to=date(2025, 7, 15),
            kept=when,
        ),
    )
    # Templates of the catalogue only: this test's process also checks no string is missed.
    reason = Message.of("{where}: {what}", where="tasks[3]", what=Phrase("file not found"))
    joined = Message.of("set aside: {reasons}", reasons=(reason,))
    counted = Message.of("{count} tasks counted once, as the same task in another source", count=3)
    for sent in (message, joined, counted):
        back = message_from_data(json.loads(json.dumps(message_to_data(sent))))
        assert back == sent
        assert back.text("vi") == sent.text("vi")
    for bad in ([], {"template": 3}, {"template": "{x}", "params": {"x": [1]}}):
        with pytest.raises(ValueError, match="not a message"):
            message_from_data(bad)


async def test_a_copy_that_cannot_be_written_is_said_once_and_written_when_it_can(
    feed_server: ScriptedServer,
    upstream: Upstream,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    shared = shared_fetch(feed_server, 0, monkeypatch)
    try:
        shared.folder.remove()  # the system's temporary folder cleaned under it
        for _ in range(2):  # the second time, asked for whole again: none was kept
            await shared.ready()
        assert "if-none-match" not in feed_server.requests[-1]
        said = [record.getMessage() for record in caplog.records]
        assert said == [
            f"cannot write the dashboards' copy of the feed in {shared.folder.path}: "
            "No such file or directory"
        ]
        shared.folder.path.mkdir(mode=0o700)
        await shared.ready()
        assert shared.folder.body.read_bytes() == FIRST
        assert isinstance(await dashboards(shared, 1)[0].poll(), NewFeed)
    finally:
        await shared.stop()


def test_no_private_folder_is_one_line_and_exit_2_before_serving(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "gone"
    monkeypatch.setattr(tempfile, "tempdir", str(missing))
    with socket.socket() as probe:  # a port free to listen on: the folder is what fails
        probe.bind(("127.0.0.1", 0))
        port = str(probe.getsockname()[1])
    assert main(["--lang", "vi", "serve", "--port", port]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"r57tui: không tạo được thư mục riêng để lưu số liệu trong {missing}: "
        "No such file or directory\n"
    )
