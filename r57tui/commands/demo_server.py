"""`r57tui demo-server`: the bundled demo feed over HTTP, moving a step at a time."""

from __future__ import annotations

import sys

from ..demo.server import demo_server

EXIT_USAGE = 2


def run_demo_server(host: str, port: int, interval: float) -> int:
    """Serve until Ctrl+C; 0 then, 2 if the address cannot be listened on."""
    try:
        server, _ = demo_server(host, port, interval)
    except OSError as exc:
        print(f"r57tui: cannot listen on {host}:{port}: {exc.strerror}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Serving the demo feed at {server.url} (a step every {interval:g} s). Ctrl+C stops.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
