"""A scripted HTTP server on 127.0.0.1 for offline web tests.

    with serve({"/a": Reply(body="<html>...</html>"),
                "/flaky": [Reply(500), Reply(500), Reply(body="ok")],
                "/echo": lambda req: Reply(body=req.path)}) as srv:
        url = srv.url("/a")
        ...
        assert srv.hits["/a"] == 1

A route maps a path (without the query string) to a :class:`Reply`, to a list of replies
(the n-th request gets the n-th reply; the last one repeats) or to a callable taking a
:class:`Request` and returning a :class:`Reply`. Unknown paths get a 404. Replies can be
delayed, dripped byte by byte (body or headers), truncated (a Content-Length larger than the body) or replaced
by a connection reset. The server is threaded, listens on a random port and stops (without
waiting for slow handlers) when the ``with`` block ends.
"""

from __future__ import annotations

import socket
import ssl
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Request:
    """What the handler saw: method, path, query, headers and the route's hit number (1-based)."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    hit: int
    time: float  # time.monotonic() when the request arrived


@dataclass
class Reply:
    """A scripted response."""

    status: int = 200
    body: bytes | str = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = "text/html; charset=utf-8"
    #: seconds to sleep before sending anything
    delay: float = 0.0
    #: seconds to sleep between body bytes (a server that drips)
    drip: float = 0.0
    #: seconds to sleep between bytes of the status line and headers
    drip_headers: float = 0.0
    #: announce this Content-Length instead of the real one (e.g. larger: a truncated body)
    content_length: int | None = None
    #: reset the connection (TCP RST) instead of answering
    reset: bool = False
    #: reset the connection after sending headers and this many body bytes
    reset_after: int | None = None

    def payload(self) -> bytes:
        return self.body.encode("utf-8") if isinstance(self.body, str) else self.body


Route = Reply | list[Reply] | Callable[[Request], Reply]


def redirect(location: str, status: int = 302) -> Reply:
    """A redirect reply."""
    return Reply(status=status, headers={"Location": location}, content_type=None)


class _Abort(Exception):
    """Stop handling this request without writing anything more."""


class ScriptedServer:
    """The running server: ``base`` URL, ``url(path)``, ``hits`` per path and a request ``log``."""

    def __init__(self, routes: dict[str, Route], tls: ssl.SSLContext | None = None) -> None:
        self.routes = dict(routes)
        self.hits: Counter[str] = Counter()
        self.log: list[Request] = []
        self._lock = threading.Lock()
        self._httpd = _Server(("127.0.0.1", 0), _make_handler(self))
        if tls is not None:
            self._httpd.socket = tls.wrap_socket(self._httpd.socket, server_side=True)
        self.port = self._httpd.server_address[1]
        self.base = f"{'https' if tls else 'http'}://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)

    def url(self, path: str) -> str:
        return self.base + path

    def requests_to(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.log if r.path == path]

    def start(self) -> ScriptedServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _record(self, method: str, raw_path: str, headers: dict[str, str]) -> Request:
        parts = urlsplit(raw_path)
        with self._lock:
            self.hits[parts.path] += 1
            req = Request(method, parts.path, parts.query, headers, self.hits[parts.path],
                          time.monotonic())
            self.log.append(req)
        return req

    def _reply_for(self, req: Request) -> Reply:
        route = self.routes.get(req.path)
        if route is None:
            return Reply(404, body="<h1>not found</h1>")
        if isinstance(route, Reply):
            return route
        if isinstance(route, list):
            return route[min(req.hit, len(route)) - 1]
        return route(req)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # never wait for a slow handler at shutdown

    def handle_error(self, request, client_address) -> None:  # noqa: ANN001 - quiet
        pass


def _make_handler(server: ScriptedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server naming
            req = server._record(self.command, self.path, {k.lower(): v for k, v in self.headers.items()})
            try:
                self._send(server._reply_for(req))
            except (_Abort, OSError):
                self.close_connection = True

        def _reset(self) -> None:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            raise _Abort

        def _send(self, reply: Reply) -> None:
            if reply.delay:
                time.sleep(reply.delay)
            if reply.reset:
                self._reset()
            body = reply.payload()
            self.send_response(reply.status)
            if reply.content_type:
                self.send_header("Content-Type", reply.content_type)
            for k, v in reply.headers.items():
                self.send_header(k, v)
            length = reply.content_length if reply.content_length is not None else len(body)
            self.send_header("Content-Length", str(length))
            if reply.content_length is not None and reply.content_length != len(body):
                self.send_header("Connection", "close")
                self.close_connection = True
            if reply.drip_headers:
                head = b"".join(getattr(self, "_headers_buffer", [])) + b"\r\n"
                self._headers_buffer = []
                for i in range(len(head)):
                    self.wfile.write(head[i : i + 1])
                    self.wfile.flush()
                    time.sleep(reply.drip_headers)
            else:
                self.end_headers()
            if reply.reset_after is not None:
                self.wfile.write(body[: reply.reset_after])
                self.wfile.flush()
                self._reset()
            if reply.drip:
                for i in range(len(body)):
                    self.wfile.write(body[i : i + 1])
                    self.wfile.flush()
                    time.sleep(reply.drip)
            else:
                self.wfile.write(body)
            self.wfile.flush()
            if self.close_connection:
                self.connection.shutdown(socket.SHUT_WR)

        do_HEAD = do_GET

    return Handler


@contextmanager
def serve(routes: dict[str, Route], tls: ssl.SSLContext | None = None) -> Iterator[ScriptedServer]:
    """Serve ``routes`` on 127.0.0.1 (random port) for the duration of the block.

    With ``tls`` (a server-side ``ssl.SSLContext``) the server speaks HTTPS.
    """
    srv = ScriptedServer(routes, tls).start()
    try:
        yield srv
    finally:
        srv.stop()
