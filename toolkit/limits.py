"""A per-input time limit: each input is handled in a worker process that can be killed.

Parsers can spend unbounded time inside C code on hostile input (libxml2 checks the
attributes of an element pairwise, a regular expression can backtrack...), where no
in-process check can stop them. :class:`Bounded` runs ``fn(item)`` in one forked worker
process that is reused for every input of a batch, so normal input costs a pipe round
trip (about a millisecond). An input that passes ``time_limit`` seconds gets its worker
killed (SIGKILL) and a fresh one forked for the next input; the caller gets
:class:`InputTimeout`, which the loaders turn into an error row naming the input. A
worker that dies (out of memory, a crash in C code) gives :class:`WorkerDied` the same way.

Where ``fork`` is not available (Windows, some macOS set-ups), where no worker can be
started (inside a daemonic pool worker) or when ``time_limit`` is ``None``, ``fn`` runs in
the calling process without a limit.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Default seconds one input may take in ``from_html`` and ``from_text``.
DEFAULT_TIME_LIMIT = 10.0


class InputTimeout(Exception):
    """An input took longer than the loader's ``time_limit``."""


class WorkerDied(Exception):
    """The worker process reading an input died (out of memory, a crash in C code)."""


def die_with_parent(parent: int) -> None:
    """In a forked child: end when ``parent`` dies, even by SIGKILL (Linux; elsewhere a no-op).

    Without it a killed batch leaves its workers behind, holding memory and the pipes of
    whoever started the batch.
    """
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # it died before prctl took effect
        os._exit(1)


def _serve(conn: Any, fn: Callable[[Any], Any], parent_end: Any, parent: int) -> None:
    """Worker loop: read an item, send back ``("ok", result)`` or ``("exc", exception)``."""
    parent_end.close()  # else the pipe never reports the parent's death
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return
        if item is None:
            return
        try:
            out: tuple[str, Any] = ("ok", fn(item))
        except Exception as exc:  # re-raised in the parent as it is
            out = ("exc", exc)
        try:
            conn.send(out)
        except Exception:  # an unpicklable result or exception: send a plain one instead
            what = out[1] if out[0] == "exc" else None
            msg = (f"{type(what).__name__}: {str(what)[:500]}" if what is not None
                   else "the result could not be sent back from the worker process")
            conn.send(("exc", RuntimeError(msg)))


def fork_available() -> bool:
    """Whether worker processes can be forked here."""
    return "fork" in mp.get_all_start_methods()


class Bounded(Generic[T, R]):
    """Call ``fn(item)`` with a time limit per call (see the module notes).

    Use as a context manager (the worker is stopped on exit) or call :meth:`close`.
    ``fn`` must be a module-level function; items and results must pickle.
    """

    def __init__(self, fn: Callable[[T], R], time_limit: float | None = DEFAULT_TIME_LIMIT) -> None:
        if time_limit is not None and not time_limit > 0:
            raise ValueError(f"time_limit must be a positive number of seconds or None, got {time_limit!r}")
        self.fn = fn
        self.time_limit = time_limit
        self.enforced = time_limit is not None and fork_available()
        self._proc: Any = None
        self._conn: Any = None
        #: inputs stopped at the limit / workers that died, for reporting
        self.timeouts = 0
        self.deaths = 0

    def _start(self) -> None:
        ctx = mp.get_context("fork")
        parent, child = ctx.Pipe(duplex=True)
        proc = ctx.Process(target=_serve, args=(child, self.fn, parent, os.getpid()), daemon=True,
                           name=f"toolkit-{getattr(self.fn, '__name__', 'worker')}")
        proc.start()
        child.close()
        self._proc, self._conn = proc, parent

    def _kill(self) -> None:
        proc, conn = self._proc, self._conn
        self._proc = self._conn = None
        if conn is not None:
            conn.close()
        if proc is not None:
            if proc.is_alive():
                os.kill(proc.pid, signal.SIGKILL)
            proc.join(5)

    def __call__(self, item: T) -> R:
        if not self.enforced:
            return self.fn(item)
        if self._proc is None or not self._proc.is_alive():
            self._kill()
            try:
                self._start()
            except (AssertionError, OSError, ValueError):
                # inside a daemonic process (a multiprocessing pool worker) or out of
                # processes: read in this process, without the limit, rather than fail
                self.enforced = False
                return self.fn(item)
        conn = self._conn
        try:
            conn.send(item)
            ready = conn.poll(self.time_limit)
            if ready:
                kind, value = conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            ready, kind, value = True, "died", None
        if not ready:
            self._kill()
            self.timeouts += 1
            raise InputTimeout(
                f"gave up after the {self.time_limit:g} s time limit; the input is hostile or far "
                "larger than a news article (pass a larger time_limit to try harder)"
            )
        if kind == "died":
            if self._proc is not None:
                self._proc.join(2)  # reap it, to say how it died
            code = self._proc.exitcode if self._proc is not None else None
            self._kill()
            self.deaths += 1
            how = f" (signal {-code})" if isinstance(code, int) and code < 0 else ""
            raise WorkerDied(f"the worker reading it died{how}, e.g. out of memory")
        if kind == "exc":
            raise value
        return value

    def close(self) -> None:
        """Stop the worker (politely, then by force)."""
        if self._conn is not None:
            try:
                self._conn.send(None)
            except (OSError, BrokenPipeError):
                pass
        if self._proc is not None:
            self._proc.join(1)
        self._kill()

    def __enter__(self) -> Bounded[T, R]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
