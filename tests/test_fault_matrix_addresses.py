"""The fault matrix for addresses, headers and TLS: what cannot work is refused before
anything is drawn or sent, in one line that says where and what, and never shows a secret.

Each case runs the real command in a subprocess — `r57tui check URL`, the dashboard,
`r57tui export` and `r57tui serve`'s check before serving — and wants exit code 2, one
line on stderr, nothing on stdout and no traceback. A real server on 127.0.0.1 stands
behind the address where a request could be made, to show that none was. The TLS cases
meet a real HTTPS server with a certificate for another name.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import ssl
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import trustme

from r57tui.commands.sources import open_source
from r57tui.config import ConfigError, HttpSettings, Settings, load_settings, resolve_headers
from r57tui.sources import Failed
from tests.builders import feed_dict, task, to_bytes
from tests.httpserver import ScriptedServer

SECRET = "tok-ADDR-7e3b91-SECRET"
# No piece of the secret may show: not its start, not its end.
SECRET_PIECES = (SECRET, "tok-ADDR", "7e3b91", "SECRET")
FEED = to_bytes(feed_dict([task("T1"), task("T2")]))
HEADERS = '[http.headers]\nAuthorization = "Bearer ${R57_TOKEN}"\n'


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(args: list[str], tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "r57tui", *args],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        cwd=tmp_path,
        env={
            "LANG": "C.UTF-8",
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
            "XDG_CONFIG_HOME": str(tmp_path / "xdg"),
            "TERM": "xterm-256color",
            **env,
        },
        check=False,
    )


def _run_each(
    commands: dict[str, list[str]], tmp_path: Path, env: dict[str, str]
) -> dict[str, subprocess.CompletedProcess]:
    """Each command line, run at the same time: the cases of one fault take one wait."""
    with ThreadPoolExecutor(max_workers=len(commands)) as pool:
        running = {name: pool.submit(_run, args, tmp_path, env) for name, args in commands.items()}
        return {name: future.result() for name, future in running.items()}


def _command(command: str, source: str | None, tmp_path: Path) -> list[str]:
    """The arguments that make `command` open `source` (None: the config's)."""
    flag = [] if source is None else ["--source", source]
    if command == "check":
        assert source is not None
        return ["check", source]
    if command == "dashboard":
        return flag
    if command == "export":
        return [*flag, "export", "--out", str(tmp_path / f"out-{len(flag)}")]
    assert command == "serve"
    return [*flag, "serve", "--port", str(_free_port())]


def _refused(result: subprocess.CompletedProcess, tmp_path: Path) -> str:
    """The one line of a command refused before it drew, wrote or served anything."""
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 2, stderr
    assert result.stdout == b"", result.stdout  # nothing printed or served
    assert stderr.count("\n") == 1, stderr
    assert stderr.endswith("\n"), stderr
    assert "Traceback" not in stderr
    assert "\x1b" not in stderr  # not one escape sequence: the screen never started
    for piece in SECRET_PIECES:
        assert piece not in stderr
    assert not list(tmp_path.glob("out*"))
    return stderr.rstrip("\n")


# Addresses --------------------------------------------------------------------------


@dataclass(frozen=True)
class BadAddress:
    name: str
    url: str
    expect: str
    # Where the address is given: check's argument, --source, the config's `source`.
    commands: tuple[str, ...] = (
        "check",
        "dashboard --source",
        "export --source",
        "serve --source",
        "dashboard (config)",
    )


# The same mechanism for all: a variant is not run through every command again.
VARIANT = ("check", "dashboard --source", "dashboard (config)")


BAD_ADDRESSES = [
    BadAddress(
        "port out of range",
        "http://127.0.0.1:99999/feed.json",
        "port 99999 is out of range (1–65535)",
        commands=(*BadAddress.commands, "export (config)", "serve (config)"),
    ),
    BadAddress(
        "port not a number",
        "http://127.0.0.1:80a/feed.json",
        "port '80a' is not a number",
        commands=VARIANT,
    ),
    BadAddress(
        "unclosed IPv6 bracket",
        "http://[::1/feed.json",
        "the [ of an IPv6 address is not closed with ]",
    ),
    BadAddress(
        "ftp",
        "ftp://host.example/feed.json",
        "only http:// and https:// addresses are read; 'ftp' is not",
    ),
    BadAddress(
        "gopher",
        "gopher://host.example/1/feed",
        "only http:// and https:// addresses are read; 'gopher' is not",
        commands=VARIANT,
    ),
    BadAddress(
        "a space in the host",
        "http://my host/feed.json",
        "the host name 'my host' has a space in it",
    ),
    BadAddress("empty host", "http:///feed.json", "no host name after http://"),
]


@pytest.mark.parametrize("bad", BAD_ADDRESSES, ids=lambda bad: bad.name)
def test_an_address_that_cannot_be_used_is_refused_in_one_line(
    bad: BadAddress, tmp_path: Path
) -> None:
    """Given to check, as --source to the dashboard, export and serve, and as the
    config's `source` to the same three: one line that says where it was given."""
    given = tmp_path / "given.toml"
    given.write_text(HEADERS, encoding="utf-8")
    configured = tmp_path / "configured.toml"
    configured.write_text(f"source = {bad.url!r}\n{HEADERS}", encoding="utf-8")
    commands = {}
    for name in bad.commands:
        command = name.split()[0]
        if name.endswith("(config)"):
            commands[name] = ["--config", str(configured), *_command(command, None, tmp_path)]
        else:
            commands[name] = ["--config", str(given), *_command(command, bad.url, tmp_path)]
    results = _run_each(commands, tmp_path, {"R57_TOKEN": SECRET})
    for name, result in results.items():
        if name == "check":
            where = bad.url
        else:
            where = f"{configured}: source" if "config" in name else "--source"
        assert _refused(result, tmp_path) == f"r57tui: {where}: {bad.expect}", name


def test_paths_stay_files_and_an_address_is_never_read_as_a_file(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    (feeds / "feed.json").write_bytes(FEED)
    relative = _run(["check", "feeds/feed.json"], tmp_path, {})
    assert relative.returncode == 0, relative.stderr
    windows = _run(["check", "C:\\feeds\\feed.json"], tmp_path, {})
    assert windows.returncode == 2
    assert windows.stderr.decode() == "C:\\feeds\\feed.json: file not found\n"
    # A folder called ftp: beside the config must not be where ftp://… is looked for.
    (tmp_path / "ftp:" / "host.example").mkdir(parents=True)
    (tmp_path / "ftp:" / "host.example" / "feed.json").write_bytes(FEED)
    config = tmp_path / "r57tui.toml"
    config.write_text('source = "ftp://host.example/feed.json"\n', encoding="utf-8")
    refused = _run(["--config", str(config), "export", "--out", "out"], tmp_path, {})
    assert _refused(refused, tmp_path) == (
        f"r57tui: {config}: source: only http:// and https:// addresses are read; 'ftp' is not"
    )


def test_the_refusal_is_in_vietnamese_with_lang_vi(tmp_path: Path) -> None:
    result = _run(["--lang", "vi", "--source", "http://[::1/feed.json"], tmp_path, {})
    assert _refused(result, tmp_path) == (
        "r57tui: --source: địa chỉ IPv6 mở bằng dấu [ nhưng thiếu dấu ] đóng lại"
    )
    result = _run(["--lang", "vi", "check", "http://127.0.0.1:99999/feed.json"], tmp_path, {})
    assert _refused(result, tmp_path) == (
        "r57tui: http://127.0.0.1:99999/feed.json: cổng 99999 nằm ngoài khoảng cho phép (1–65535)"
    )


def test_a_message_about_an_address_never_shows_its_user_password_or_query(
    tmp_path: Path,
) -> None:
    url = f"https://reader:{SECRET}@127.0.0.1:70000/feed.json?token={SECRET}#{SECRET}"
    result = _run(["check", url], tmp_path, {})
    assert _refused(result, tmp_path) == (
        "r57tui: https://127.0.0.1:70000/feed.json: port 70000 is out of range (1–65535)"
    )


# Header values and names -----------------------------------------------------------


@dataclass(frozen=True)
class BadHeader:
    name: str
    config: str  # the [http.headers] table
    expect: str  # after "r57tui: <config>: "
    token: str | None = None  # R57_TOKEN's value
    commands: tuple[str, ...] = ("check", "dashboard", "export", "serve")


ENV_WHERE = "http.headers.Authorization: environment variable R57_TOKEN"
BAD_HEADERS = [
    BadHeader(
        "token file with Windows line endings",
        HEADERS,
        f"{ENV_WHERE} holds a line break (CR or LF)",
        token=SECRET + "\r",
    ),
    BadHeader(
        "a line feed inside (a second header smuggled)",
        HEADERS,
        f"{ENV_WHERE} holds a line break (CR or LF)",
        token=SECRET + "\nX-Admin: yes",
        commands=("check", "dashboard"),
    ),
    BadHeader(
        "a pasted space before",
        HEADERS,
        f"{ENV_WHERE} starts or ends with a space or tab",
        token=" " + SECRET,
    ),
    BadHeader(
        "a pasted space after",
        HEADERS,
        f"{ENV_WHERE} starts or ends with a space or tab",
        token=SECRET + " ",
        commands=("check", "dashboard"),
    ),
    BadHeader(
        "not ASCII",
        HEADERS,
        f"{ENV_WHERE} holds characters that are not ASCII",
        token=SECRET + "–ĐƯỢC",
        commands=("check", "dashboard"),
    ),
    BadHeader(
        "a control character",
        HEADERS,
        f"{ENV_WHERE} holds a control character",
        token=SECRET + "\x07",
        commands=("check", "dashboard"),
    ),
    BadHeader(
        "a literal value with a line break",
        f'[http.headers]\nX-Api-Key = "{SECRET}\\r\\n"\n',
        "http.headers.X-Api-Key: the value holds a line break (CR or LF)",
        commands=("check", "dashboard"),
    ),
    BadHeader(
        "a literal value not ASCII",
        '[http.headers]\nX-Unit = "Bộ Khoa học và Công nghệ"\n',
        "http.headers.X-Unit: the value holds characters that are not ASCII",
        commands=("check", "dashboard"),
    ),
    BadHeader(
        "a literal value with a space after",
        f'[http.headers]\nAuthorization = "Bearer {SECRET} "\n',
        "http.headers.Authorization: the value starts or ends with a space or tab",
        commands=("check", "dashboard"),
    ),
    BadHeader(
        "a header name with a space",
        '[http.headers]\n"X Api Key" = "${R57_TOKEN}"\n',
        "http.headers: 'X Api Key' is not a valid header name (use letters, digits and -)",
        token=SECRET,
        commands=("check", "dashboard"),
    ),
    BadHeader(
        "a header name with a colon",
        '[http.headers]\n"Authorization:" = "${R57_TOKEN}"\n',
        "http.headers: 'Authorization:' is not a valid header name (use letters, digits and -)",
        token=SECRET,
        commands=("check", "dashboard"),
    ),
]


@pytest.fixture
def plain_server() -> Iterator[ScriptedServer]:
    with ScriptedServer(lambda h: h.send(200, FEED)) as server:
        yield server


@pytest.mark.parametrize("bad", BAD_HEADERS, ids=lambda bad: bad.name)
def test_a_header_that_cannot_be_sent_is_refused_before_any_request(
    bad: BadHeader, tmp_path: Path, plain_server: ScriptedServer
) -> None:
    config = tmp_path / "r57tui.toml"
    config.write_text(bad.config, encoding="utf-8")
    env = {} if bad.token is None else {"R57_TOKEN": bad.token}
    commands = {
        command: ["--config", str(config), *_command(command, plain_server.url(), tmp_path)]
        for command in bad.commands
    }
    for name, result in _run_each(commands, tmp_path, env).items():
        assert _refused(result, tmp_path) == f"r57tui: {config}: {bad.expect}", name
    assert plain_server.requests == []  # refused before anything was sent


def test_a_header_refusal_keeps_the_secret_out_of_messages_logs_and_reprs(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    plain_server: ScriptedServer,
) -> None:
    caplog.set_level(logging.DEBUG)
    config = tmp_path / "r57tui.toml"
    config.write_text(HEADERS, encoding="utf-8")
    settings = load_settings(config)
    for value in (SECRET + "\r", " " + SECRET, SECRET + "é", SECRET + "\n"):
        monkeypatch.setenv("R57_TOKEN", value)
        with pytest.raises(ConfigError) as refused:
            open_source(plain_server.url(), settings)
        shown = [str(refused.value), repr(refused.value), refused.value.text("vi")]
        shown += [str(arg) for arg in refused.value.args]
        for text in shown:
            assert "R57_TOKEN" in text
            for piece in SECRET_PIECES:
                assert piece not in text
    monkeypatch.setenv("R57_TOKEN", SECRET)
    headers = resolve_headers(settings)
    assert headers == {"Authorization": f"Bearer {SECRET}"}
    assert SECRET not in repr(headers)  # a header value from the environment never shows
    for record in caplog.records:
        assert SECRET not in logging.Formatter().format(record)
    assert plain_server.requests == []


# TLS: certificates and CA bundles ---------------------------------------------------


@pytest.fixture(scope="module")
def authority() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def https_server(authority: trustme.CA) -> Iterator[ScriptedServer]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    with ScriptedServer(lambda h: h.send(200, FEED), tls=context) as server:
        yield server


def _pem(authority: trustme.CA) -> bytes:
    return authority.cert_pem.bytes()


@dataclass(frozen=True)
class BadBundle:
    name: str
    make: str  # what to put at the bundle's path
    expect: str  # after "<bundle path> "
    commands: tuple[str, ...] = ("check", "dashboard", "export", "serve")


BAD_BUNDLES = [
    BadBundle("a folder", "folder", "is a folder, not a PEM file"),
    BadBundle("an empty file", "empty", "is empty: it holds no PEM certificate"),
    BadBundle("text, not PEM", "text", "holds no PEM certificate (a DER file, or a key?)"),
    BadBundle(
        "a DER certificate",
        "der",
        "holds no PEM certificate (a DER file, or a key?)",
        commands=("check",),
    ),
    BadBundle(
        "a private key",
        "key",
        "holds no PEM certificate (a DER file, or a key?)",
        commands=("check",),
    ),
    BadBundle("a cut PEM", "cut", "holds a PEM certificate that is cut short or corrupt"),
    BadBundle("missing", "missing", ": file not found"),
]


def _make_bundle(path: Path, kind: str, authority: trustme.CA) -> None:
    pem = _pem(authority)
    if kind == "folder":
        path.mkdir()
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "text":
        path.write_text("the CA certificate is on the intranet\n")
    elif kind == "der":
        path.write_bytes(ssl.PEM_cert_to_DER_cert(pem.decode()))
    elif kind == "key":
        path.write_bytes(authority.private_key_pem.bytes())
    elif kind == "cut":
        path.write_bytes(pem[: len(pem) // 2])
    else:
        assert kind == "missing"


@pytest.mark.parametrize("bad", BAD_BUNDLES, ids=lambda bad: bad.name)
def test_a_ca_bundle_that_is_not_pem_is_named_before_any_request(
    bad: BadBundle, tmp_path: Path, authority: trustme.CA, https_server: ScriptedServer
) -> None:
    bundle = tmp_path / "ministry-ca.pem"
    _make_bundle(bundle, bad.make, authority)
    config = tmp_path / "r57tui.toml"
    config.write_text(f'[http]\nca_bundle = "ministry-ca.pem"\n{HEADERS}', encoding="utf-8")
    commands = {
        command: ["--config", str(config), *_command(command, https_server.url(), tmp_path)]
        for command in bad.commands
    }
    space = "" if bad.expect.startswith(":") else " "
    expect = f"r57tui: {config}: http.ca_bundle: {bundle}{space}{bad.expect}"
    for name, result in _run_each(commands, tmp_path, {"R57_TOKEN": SECRET}).items():
        assert _refused(result, tmp_path) == expect, name
    assert https_server.requests == []


def test_a_certificate_for_another_name_says_so_for_an_ip_and_a_host_name(
    tmp_path: Path,
    authority: trustme.CA,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    bundle = tmp_path / "ca.pem"
    bundle.write_bytes(_pem(authority))
    config = tmp_path / "r57tui.toml"
    config.write_text(f'[http]\nca_bundle = "ca.pem"\n{HEADERS}', encoding="utf-8")
    for certified, host in (("feeds.example.gov.vn", "127.0.0.1"), ("127.0.0.1", "localhost")):
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        authority.issue_cert(certified).configure_cert(context)
        with ScriptedServer(lambda h: h.send(200, FEED), tls=context) as server:
            url = server.url(host=host)
            expect = f"{url}: TLS failed: the certificate is for another host"
            result = _run(["--config", str(config), "check", url], tmp_path, {"R57_TOKEN": SECRET})
            assert _refused(result, tmp_path) == expect
            monkeypatch.setenv("R57_TOKEN", SECRET)
            source = open_source(url, load_settings(config))
            try:
                update = asyncio.run(source.poll())
            finally:
                asyncio.run(source.aclose())
            assert isinstance(update, Failed)
            assert update.message == expect
            assert update.text("vi") == f"{url}: lỗi TLS: chứng thư cấp cho máy chủ khác"
            assert SECRET not in repr(update)
            assert SECRET not in repr(vars(source))
            assert server.requests == []  # the handshake failed: no request was made
    assert any(record.name.startswith(("httpx", "httpcore")) for record in caplog.records)
    for record in caplog.records:
        assert SECRET not in logging.Formatter().format(record)


def test_an_address_or_bundle_given_in_code_is_checked_where_the_source_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Settings made without a config file (tests, tools) pass the same checks, and the
    secret header value is in no message, repr or log record of any of them."""
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("R57_TOKEN", SECRET)
    headers = {"Authorization": "Bearer ${R57_TOKEN}"}
    settings = Settings(http=HttpSettings(headers=headers))
    refusals = []
    for bad in BAD_ADDRESSES:
        with pytest.raises(ConfigError) as refused:
            open_source(bad.url, settings)
        assert str(refused.value) == f"{bad.url}: {bad.expect}"
        refusals.append(refused.value)
    folder = tmp_path / "certs"
    folder.mkdir()
    with_folder = Settings(http=HttpSettings(headers=headers, ca_bundle=folder))
    with pytest.raises(ConfigError) as refused:
        open_source("https://127.0.0.1:8443/feed.json", with_folder)
    assert str(refused.value) == f"http.ca_bundle: {folder} is a folder, not a PEM file"
    refusals.append(refused.value)
    for refusal in refusals:
        for text in (str(refusal), repr(refusal), refusal.text("vi")):
            assert SECRET not in text
    for record in caplog.records:
        assert SECRET not in logging.Formatter().format(record)
