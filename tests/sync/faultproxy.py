"""A fault-injecting TCP proxy on 127.0.0.1 for sync tests (one thread per connection).

The proxy sits between the client and the live server and carries exactly one
request/response exchange per connection (it answers with ``connection: close`` so
the client reconnects for the next one). For each connection it reads the request
headers and asks ``schedule(index, request_line)`` what to do (so a schedule can aim
at pushes or pulls):

* ``PASS`` — forward both ways untouched;
* ``DROP_REQUEST`` — forward the request headers and a fraction of its body, then
  reset both sides (the server never sees a complete request);
* ``DROP_RESPONSE`` — forward the whole request (the server applies it), then only a
  fraction of the response body before resetting both sides (the answer is lost);
* ``TRUNCATE_RESPONSE`` — like ``DROP_RESPONSE`` but ends with an orderly close, so
  the client reads a short body rather than a reset;
* ``DELAY`` — hold the response back for ``delay`` seconds, then forward it.

The cut point is ``headers + int(fraction * Content-Length)``, so "mid-body" really
is mid-body whatever the size. ``events`` records what happened per connection
(request line, action, whether the cut was made) so tests can check that the faults
they scheduled actually hit.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum


class Fault(StrEnum):
    PASS = "pass"
    DROP_REQUEST = "drop_request"
    DROP_RESPONSE = "drop_response"
    TRUNCATE_RESPONSE = "truncate_response"
    DELAY = "delay"


@dataclass(frozen=True, slots=True)
class Action:
    fault: Fault = Fault.PASS
    fraction: float = 0.5  # where in the body to cut, 0 <= fraction < 1
    delay: float = 0.0


@dataclass(slots=True)
class Event:
    index: int
    action: Action
    request_line: str = ""
    cut: bool = False


Schedule = Callable[[int, str], Action]


def _content_length(head: bytes) -> int | None:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value.strip())
    return None


def _reset(sock: socket.socket) -> None:
    """Close with RST (SO_LINGER 0): the peer sees 'connection reset', not a clean end."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.close()


class FaultProxy:
    """Listens on 127.0.0.1 (``url``), forwards to ``target_port``; ``close()`` stops it."""

    def __init__(self, target_port: int, schedule: Schedule | None = None) -> None:
        self.target = ("127.0.0.1", target_port)
        self.schedule: Schedule = schedule or (lambda _i, _line: Action())
        self.events: list[Event] = []
        self._lock = threading.Lock()
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.port = int(self._listener.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}"
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self._accepter = threading.Thread(target=self._accept_loop, daemon=True)
        self._accepter.start()

    def __enter__(self) -> FaultProxy:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._stopping.set()
        with contextlib.suppress(OSError):
            self._listener.close()
        self._accepter.join(timeout=5)
        for t in list(self._threads):
            t.join(timeout=5)

    def faults_hit(self, fault: Fault, path: str | None = None) -> int:
        """How many connections had ``fault`` actually cut (optionally on ``path``)."""
        with self._lock:
            return sum(1 for e in self.events if e.action.fault is fault and e.cut
                       and (path is None or path in e.request_line))

    def _accept_loop(self) -> None:
        self._listener.settimeout(0.2)
        index = 0
        while not self._stopping.is_set():
            try:
                client, _addr = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            t = threading.Thread(target=self._serve, args=(client, index), daemon=True)
            index += 1
            self._threads.append(t)
            t.start()

    def _serve(self, client: socket.socket, index: int) -> None:
        upstream: socket.socket | None = None
        event: Event | None = None
        try:
            client.settimeout(15)
            head, rest = _read_head(client)
            line = head.split(b"\r\n", 1)[0].decode("latin-1")
            event = Event(index, self.schedule(index, line), request_line=line)
            with self._lock:
                self.events.append(event)
            upstream = socket.create_connection(self.target, timeout=15)
            if not self._forward(client, upstream, head, rest, event, request=True):
                return
            head, rest = _read_head(upstream)
            head = _with_connection_close(head)
            if event.action.fault is Fault.DELAY:
                time.sleep(event.action.delay)
                event.cut = True
            self._forward(upstream, client, head, rest, event, request=False)
        except OSError:
            pass
        finally:
            broken = event is not None and event.cut and event.action.fault in (
                Fault.DROP_REQUEST, Fault.DROP_RESPONSE)
            for sock in (client, upstream):
                if sock is None:
                    continue
                if broken:
                    _reset(sock)
                else:
                    with contextlib.suppress(OSError):
                        sock.close()

    def _forward(self, src: socket.socket, dst: socket.socket, head: bytes, rest: bytes,
                 event: Event, *, request: bool) -> bool:
        """Forward one whole message; False when the scheduled fault cut it."""
        fault = event.action.fault
        cuts = fault is Fault.DROP_REQUEST if request else fault in (
            Fault.DROP_RESPONSE, Fault.TRUNCATE_RESPONSE)
        body = _read_body(src, head, rest)
        if not cuts:
            dst.sendall(head + body)
            return True
        keep = min(int(event.action.fraction * len(body)), max(len(body) - 1, 0))
        dst.sendall(head + body[:keep])
        event.cut = True
        if fault is Fault.TRUNCATE_RESPONSE:
            with contextlib.suppress(OSError):
                dst.shutdown(socket.SHUT_WR)
            time.sleep(0.05)
        return False


def _read_body(sock: socket.socket, head: bytes, rest: bytes) -> bytes:
    """The message body as sent on the wire (Content-Length or chunked), read whole."""
    length = _content_length(head)
    chunked = b"transfer-encoding: chunked" in head.lower()
    data = rest
    while True:
        if length is not None and len(data) >= length:
            return data[:length]
        if chunked and (data.endswith(b"0\r\n\r\n") and _chunks_complete(data)):
            return data
        if length is None and not chunked:
            return data
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("peer closed in the middle of a message")
        data += chunk


def _chunks_complete(data: bytes) -> bool:
    """Does ``data`` hold a whole chunked body (up to the zero-size last chunk)?"""
    pos = 0
    while True:
        end = data.find(b"\r\n", pos)
        if end < 0:
            return False
        size = int(data[pos:end].split(b";", 1)[0], 16)
        pos = end + 2 + size + 2
        if size == 0:
            return pos <= len(data)
        if pos > len(data):
            return False


def _read_head(sock: socket.socket) -> tuple[bytes, bytes]:
    """-> (message head up to and including the blank line, the bytes read after it)."""
    buf = b""
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("peer closed before the end of the headers")
        buf += chunk
    end = buf.index(b"\r\n\r\n") + 4
    return buf[:end], buf[end:]


def _with_connection_close(head: bytes) -> bytes:
    """Tell the client to reconnect for its next request, so each exchange gets its
    own connection and its own scheduled fault (keep-alive would bypass the schedule)."""
    lines = [ln for ln in head[:-4].split(b"\r\n")
             if not ln.lower().startswith(b"connection:")]
    return b"\r\n".join([*lines, b"connection: close"]) + b"\r\n\r\n"
