"""The published site under load: nginx on 127.0.0.1 with the configuration of
docs/publish.md serving a published demo site, measured with wrk.

Needs nginx and wrk (Debian/Ubuntu: `apt-get install -y nginx wrk`). Not part of the
test suite. Run from the project folder:

    .venv/bin/python bench/bench_static.py [--connections 3000] [--seconds 20] [--tasks 0]

`--tasks N` publishes a synthetic feed of N tasks (bench/feeds.py) in place of the demo.
Prints, for the index and for one agency's page, requests per second, the latency
percentiles wrk measured, and the errors, all connections asking with gzip as browsers do.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from r57tui.commands.publish import with_gzip  # noqa: E402
from r57tui.demo import demo_feed_path  # noqa: E402
from r57tui.feed import load_feed  # noqa: E402
from r57tui.web.site_files import write_site  # noqa: E402
from r57tui.web.site_model import SiteInput, build_site  # noqa: E402


def server_block(site: Path, port: int) -> str:
    """docs/publish.md's nginx server block, for this folder and port."""
    text = (ROOT / "docs" / "publish.md").read_text(encoding="utf-8")
    block = re.search(r"```nginx\n(.*?)```", text, re.S)
    if block is None:
        raise SystemExit("docs/publish.md has no nginx block")
    conf = block.group(1).replace("listen 80;", f"listen 127.0.0.1:{port} backlog=8192;")
    return re.sub(r"root [^;]+;", f"root {site};", conf)


def nginx_conf(work: Path, site: Path, port: int, connections: int) -> Path:
    conf = work / "nginx.conf"
    conf.write_text(
        f"""
worker_processes auto;
worker_rlimit_nofile {connections * 2 + 1000};
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections {connections + 1000}; multi_accept on; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {work}/body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
{server_block(site, port)}
}}
""",
        encoding="utf-8",
    )
    return conf


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(port: int, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise SystemExit("nginx did not start")


def run_wrk(url: str, connections: int, seconds: int) -> str:
    threads = max(os.cpu_count() or 1, 1)
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "--latency",
        "-H",
        "Accept-Encoding: gzip",
        url,
    ]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def summary(output: str) -> str:
    wanted = ("Requests/sec", "Transfer/sec", "50%", "90%", "99%", "Socket errors", "Non-2xx")
    lines = [line.strip() for line in output.splitlines() if line.strip().startswith(wanted)]
    if not any(line.startswith(("Socket errors", "Non-2xx")) for line in lines):
        lines.append("no socket error, no response other than 2xx")
    return "\n".join(f"  {line}" for line in lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=3000)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--tasks", type=int, default=0, help="a synthetic feed (0: the demo)")
    args = parser.parse_args()
    for tool in ("nginx", "wrk"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not installed (apt-get install -y nginx wrk)")
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = min(hard, args.connections * 2 + 1000)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, wanted), hard))
    connections = min(args.connections, wanted - 200)
    if connections < args.connections:
        print(f"open files limited to {hard}: {connections} connections")
    if args.tasks:
        from bench.feeds import generate

        feed = load_feed(generate(args.tasks))
    else:
        feed = load_feed(demo_feed_path().read_bytes())
    with tempfile.TemporaryDirectory(prefix="r57-static-") as temp:
        work = Path(temp)
        site = work / "site"
        written = write_site(site, with_gzip(build_site(SiteInput(feed, language="vi")).pages))
        os.chmod(work, 0o755)  # nginx's workers run as another user
        port = free_port()
        conf = nginx_conf(work, site, port, connections)
        nginx = subprocess.Popen(
            ["nginx", "-c", str(conf), "-p", str(work), "-g", "daemon off;"],
            start_new_session=True,
        )
        try:
            wait_for(port)
            agency = sorted(p for p in written if p.startswith("agency/") and p.endswith(".html"))[
                0
            ]
            print(
                f"nginx on 127.0.0.1:{port}, {len(feed.tasks)} tasks, {len(written)} files; "
                f"wrk with {connections} connections for {args.seconds} s, gzip"
            )
            for path in ("index.html", agency):
                size = (site / path).stat().st_size
                print(f"{path} ({size // 1024} KiB before gzip):")
                url = f"http://127.0.0.1:{port}/{path}"
                print(summary(run_wrk(url, connections, args.seconds)))
        finally:
            os.killpg(nginx.pid, signal.SIGQUIT)
            nginx.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
