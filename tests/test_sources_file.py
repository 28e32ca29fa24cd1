"""The file source against real files."""

from __future__ import annotations

import asyncio
import gzip
import os
from pathlib import Path

import pytest

from r57tui.commands.sources import open_source
from r57tui.sources import Failed, FileSource, NewFeed, Unchanged
from tests.builders import feed_dict, task, to_bytes

FEED = to_bytes(feed_dict([task("T1"), task("T2", due="2025-01-31")]))


def bump_mtime(path: Path) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


async def test_read_then_unchanged_without_a_parse(tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    path.write_bytes(FEED)
    source = FileSource(path)
    first = await source.poll()
    assert isinstance(first, NewFeed)
    assert len(first.feed.tasks) == 2
    assert isinstance(await source.poll(), Unchanged)
    bump_mtime(path)  # touched, same bytes: read, but not parsed
    assert isinstance(await source.poll(), Unchanged)
    path.write_bytes(to_bytes(feed_dict([task("T9")])))
    bump_mtime(path)
    third = await source.poll()
    assert isinstance(third, NewFeed)
    assert [t.id for t in third.feed.tasks] == ["T9"]


async def test_a_refresh_reuses_the_tasks_written_the_same_even_after_a_bad_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "feed.json"
    tasks = [task(f"T{i}", due="2025-10-31") for i in range(10)]
    path.write_bytes(to_bytes(feed_dict(tasks)))
    source = FileSource(path)
    first = await source.poll()
    assert isinstance(first, NewFeed)
    path.write_bytes(b'{"format": "r57-feed", "version": 1, "tas')  # mid-write
    bump_mtime(path)
    assert isinstance(await source.poll(), Failed)
    tasks[4] = {**tasks[4], "completed": "2025-10-02"}
    path.write_bytes(to_bytes(feed_dict(tasks)))
    bump_mtime(path)
    second = await source.poll()
    assert isinstance(second, NewFeed)
    # The last good feed's tasks, except the one record that changed.
    shared = [a is b for a, b in zip(first.feed.tasks, second.feed.tasks, strict=True)]
    assert shared == [True] * 4 + [False] + [True] * 5
    assert second.feed.tasks[4].state.is_completed


async def test_gz_is_decompressed(tmp_path: Path) -> None:
    path = tmp_path / "feed.json.gz"
    path.write_bytes(gzip.compress(FEED))
    update = await FileSource(path).poll()
    assert isinstance(update, NewFeed)
    assert len(update.feed.tasks) == 2


async def test_truncated_gz_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "feed.json.gz"
    path.write_bytes(gzip.compress(FEED)[:-12])
    update = await FileSource(path).poll()
    assert isinstance(update, Failed)
    assert update.message == "feed.json.gz: not valid gzip (truncated or corrupt)"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "feed.json: document: empty: no JSON at all"),
        (FEED[: len(FEED) // 2], "feed.json: line 1, column"),  # half-written
        (b"\xef\xbb\xbf" + FEED, None),  # BOM: fine
    ],
)
async def test_empty_truncated_and_bom(
    tmp_path: Path, content: bytes, expected: str | None
) -> None:
    path = tmp_path / "feed.json"
    path.write_bytes(content)
    update = await FileSource(path).poll()
    if expected is None:
        assert isinstance(update, NewFeed)
    else:
        assert isinstance(update, Failed)
        assert update.message.startswith(expected)


async def test_missing_file_then_it_appears(tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    source = FileSource(path)
    missing = await source.poll()
    assert isinstance(missing, Failed)
    assert missing.message == "feed.json: file not found"
    path.write_bytes(FEED)
    assert isinstance(await source.poll(), NewFeed)


async def test_a_failure_persists_until_the_file_changes(tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    path.write_bytes(b"{")
    source = FileSource(path)
    first = await source.poll()
    assert isinstance(first, Failed)
    assert await source.poll() == first  # still broken: the same failure, not "unchanged"
    path.write_bytes(FEED)
    bump_mtime(path)
    assert isinstance(await source.poll(), NewFeed)


async def test_a_folder_is_not_a_feed(tmp_path: Path) -> None:
    update = await FileSource(tmp_path).poll()
    assert isinstance(update, Failed)
    assert "folder" in update.message


async def test_no_location_is_the_bundled_demo() -> None:
    source = open_source(None)
    assert source.label == "demo"
    update = await source.poll()
    assert isinstance(update, NewFeed)
    assert len(update.feed.tasks) == 1132


async def test_a_file_caught_half_rewritten_in_place_is_changing_not_broken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A writer rewriting the feed in place leaves it half new, half old until it ends: a
    poll that reads it then says the file is changing (and reads it again), never that
    the feed is not JSON; the next poll gives the finished feed."""
    path = tmp_path / "feed.json"
    longer = to_bytes(feed_dict([task("T1"), task("T2"), task("T3", title="x" * 200)]))
    path.write_bytes(FEED + longer[len(FEED) :])  # the new feed over the old one's tail
    settle = asyncio.sleep

    async def writer_finishes(seconds: float) -> None:
        with open(path, "r+b") as handle:  # what the writer does next: cut the old tail
            handle.truncate(len(FEED))
        await settle(0)

    monkeypatch.setattr("r57tui.sources.file.asyncio.sleep", writer_finishes)
    source = FileSource(path)
    caught = await source.poll()
    assert isinstance(caught, Failed)
    assert "the file changed while it was read; it will be read again" in caught.message
    finished = await source.poll()
    assert isinstance(finished, NewFeed)
    assert [t.id for t in finished.feed.tasks] == ["T1", "T2"]


async def test_a_file_broken_moments_ago_and_still_broken_is_said_to_be_broken(
    tmp_path: Path,
) -> None:
    path = tmp_path / "feed.json"
    path.write_bytes(FEED + b" trailing")  # written just now, and left so
    failed = await FileSource(path).poll()
    assert isinstance(failed, Failed)
    assert "not JSON" in failed.message
