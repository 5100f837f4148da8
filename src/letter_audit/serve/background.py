"""Run the page in a background thread on a free loopback port (browser tests, screenshots).

The server always stops when the ``with`` block ends, even when the body fails; start-up waits are
bounded so a broken app fails fast instead of hanging a test run.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running(app: Any, *, start_timeout: float = 15.0) -> Iterator[str]:
    """Serve ``app`` on 127.0.0.1 in a thread; yields its base URL (``http://127.0.0.1:PORT``)."""
    import uvicorn

    port = free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, access_log=False, log_level="warning", lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="letter-audit-serve", daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + start_timeout
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the page did not start on 127.0.0.1:{port} within {start_timeout:g} s")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
