"""A pool of query worker processes, driven from the event loop without blocking it.

Each worker opens the store read-only once and answers queries over its stdin/stdout pipes. A
query that overruns its time limit is stopped by killing its worker (a replacement starts in the
background), so a runaway query holds one worker for at most the limit and never the others. A
worker is released as soon as its answer has been read from the pipe, so a slow client cannot hold
one either.

A worker whose memory passes `worker_memory` bytes is killed the same way (the client gets 507);
a watcher reads each worker's resident size from /proc every `MEMORY_CHECK` seconds (Linux). Not
RLIMIT_AS: it counts the store's mapped files and the threads' reserved stacks, and a worker
that meets it aborts inside pyoxigraph (Rust aborts on a failed allocation), indistinguishable
from a crash (measured: under 1, 2 and 4 GiB the store opens and answers, and the worst query
aborts the process).
Workers die with the server (server.lifeline). A worker found dead when a query is sent to it
(it died while idle) is replaced and the query sent once more to another.

Admission: one client address has at most `client_queries` queries running; at most `queue_limit`
queries wait for a worker, one client at most half of them. Past those bounds a query
is refused at once (503, or 429 for one client's excess, with Retry-After), never after a wait.
The client of the request being answered is `CLIENT` (a context variable the application sets).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import json
import logging
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from server.etags import entity_tag
from server.lifeline import LIFELINE_ENV, lifeline_pipe

log = logging.getLogger("server.pool")
ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 60.0
MEMORY_CHECK = 0.05  # seconds between two readings of the workers' memory
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
CLIENT: contextvars.ContextVar[str | None] = contextvars.ContextVar("client", default=None)


class PoolError(Exception):
    """A query could not be answered: `status` is the HTTP status the client gets."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


@dataclass(frozen=True)
class Answer:
    format: str  # the registry key of the body's format
    rows: int
    truncated: bool
    body: bytes
    seconds: float
    store: str | None = None  # the identity of the store that answered (None: not known to be fixed)
    tag: str | None = None  # the entity tag, when the worker has computed it

    @cached_property
    def etag(self) -> str:
        """A strong entity tag of the body in its format."""
        return self.tag or entity_tag(self.format, self.body)


class _Worker:
    def __init__(self, proc: asyncio.subprocess.Process, isolated: bool, store: str | None, lifeline: int) -> None:  # fmt: skip
        self.proc = proc
        self.isolated = isolated
        self.store = store
        self.lifeline = lifeline  # the writing end of the pipe whose closing kills the worker
        self.over_memory = False

    @property
    def dead(self) -> bool:
        return self.proc.returncode is not None

    def resident(self) -> int | None:
        """Its resident memory of its own in bytes (Linux): resident less file-backed pages, so the
        store's files mapped by RocksDB, which the system can drop, do not count. None where it
        cannot be read."""
        try:
            with open(f"/proc/{self.proc.pid}/statm", "rb") as f:
                fields = f.read().split()
            return (int(fields[1]) - int(fields[2])) * PAGE
        except (OSError, ValueError, IndexError):
            return None

    async def exchange(self, payload: bytes) -> tuple[dict[str, Any], bytes]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(len(payload).to_bytes(4, "big") + payload)
        await self.proc.stdin.drain()
        return await _read_answer(self.proc.stdout)

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            self.proc.kill()
        if self.lifeline >= 0:
            with contextlib.suppress(OSError):
                os.close(self.lifeline)
            self.lifeline = -1


async def _read_answer(stdout: asyncio.StreamReader) -> tuple[dict[str, Any], bytes]:
    size = int.from_bytes(await stdout.readexactly(4), "big")
    header = json.loads(await stdout.readexactly(size))
    body = await stdout.readexactly(header.get("length", 0)) if header.get("length") else b""
    return header, body


def _give_up(turn: asyncio.Future[_Worker], limit: float) -> None:
    if not turn.done():
        turn.set_exception(
            PoolError(
                503,
                f"every query worker stayed busy for {limit:g} s; try again later",
                {"Retry-After": str(max(1, round(limit)))},
            )
        )


def _busy(status: int, message: str, retry: float) -> PoolError:
    return PoolError(status, message, {"Retry-After": str(max(1, round(retry)))})


class _Died(Exception):
    """The worker's pipe closed with no time or memory limit passed: it had died."""


class WorkerPool:
    """`size` workers over the store at `store_path`; `run` answers one query request."""

    def __init__(self, store_path: Path, size: int, timeout: float, *, memory: int | None = None,
                 queue_limit: int | None = None, client_queries: int | None = None) -> None:  # fmt: skip
        self.store_path = Path(store_path)
        self.size = size
        self.timeout = timeout
        self.memory = memory
        self.queue_limit = 4 * size if queue_limit is None else queue_limit
        self.client_queries = client_queries or size
        self._free: list[_Worker] = []  # idle workers, the last freed on top (its caches are warm)
        self._waiting: list[tuple[asyncio.Future[_Worker], str | None]] = []  # requests waiting, in turn
        self._running: Counter[str | None] = Counter()  # queries running, by client
        self._all: set[_Worker] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._closed = False
        self._identity: str | None = None  # the store the workers had open, kept while they are replaced
        self.isolated = False

    async def start(self) -> None:
        """Start every worker and wait until each has opened the store (errors raise here)."""
        workers = await asyncio.gather(*(self._spawn() for _ in range(self.size)), return_exceptions=True)
        failed = [w for w in workers if isinstance(w, BaseException)]
        for w in workers:
            if isinstance(w, _Worker):
                self._give(w)
        if failed:
            await self.close()
            raise RuntimeError(str(failed[0]))
        self.isolated = all(isinstance(w, _Worker) and w.isolated for w in workers)
        if self.memory:
            self._background(self._watch_memory())

    def _background(self, coro: Any) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _spawn(self) -> _Worker:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
        read, write = lifeline_pipe()
        env[LIFELINE_ENV] = str(read)
        env["HKPR_PARENT_PID"] = str(os.getpid())
        try:
            proc = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "server.worker",
                str(self.store_path),
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                env=env,
                pass_fds=(read,),
            )
        except BaseException:
            os.close(write)
            raise
        finally:
            os.close(read)
        assert proc.stdout is not None
        try:
            header, _ = await asyncio.wait_for(_read_answer(proc.stdout), START_TIMEOUT)
        except (asyncio.IncompleteReadError, TimeoutError) as exc:
            proc.kill()
            os.close(write)
            raise RuntimeError(f"a query worker did not start ({exc!r})") from exc
        if not header.get("ready"):
            proc.kill()
            os.close(write)
            raise RuntimeError(header.get("message", "a query worker did not start"))
        worker = _Worker(proc, bool(header.get("isolated")), header.get("store"), write)
        self._all.add(worker)
        return worker

    async def _watch_memory(self) -> None:
        """Kill any worker whose resident memory passes the limit (its query gets 507)."""
        while not self._closed:
            await asyncio.sleep(MEMORY_CHECK)
            for worker in list(self._all):
                size = worker.resident()
                if size is None or self.memory is None or size <= self.memory:
                    continue
                log.warning("a query worker used %d MiB, above the limit of %d MiB: stopped",
                            size >> 20, self.memory >> 20)  # fmt: skip
                if worker in self._free:  # kept its memory after a query: replaced, blaming no one
                    self._free.remove(worker)
                    self._retire(worker)
                else:
                    worker.over_memory = True
                    worker.kill()

    def _retire(self, worker: _Worker) -> None:
        """Kill a worker whose state is unknown and start its replacement in the background."""
        worker.kill()
        if worker in self._all:
            self._all.discard(worker)
            self._background(self._replace(worker))

    async def _replace(self, old: _Worker) -> None:
        with contextlib.suppress(ProcessLookupError):
            await old.proc.wait()
        delay = 0.5
        while not self._closed:
            try:
                worker = await self._spawn()
            except (RuntimeError, OSError) as exc:
                log.error("cannot start a query worker: %s (retrying in %.1f s)", exc, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)
                continue
            if self._closed:
                worker.kill()
            else:
                self._give(worker)
            return

    async def run(self, request: dict[str, Any], timeout: float | None = None) -> Answer:
        """Answer one request (see server.worker.answer); raises PoolError with the HTTP status.
        A worker found dead on sending (it died while idle) is replaced and the query sent once
        more, within what is left of the time limit."""
        if self._closed:
            raise PoolError(503, "the server is shutting down")
        limit = timeout or self.timeout
        client = CLIENT.get()
        deadline = time.monotonic() + limit
        payload = json.dumps(request).encode()
        for attempt in (1, 2):
            worker = await self._take(max(0.001, deadline - time.monotonic()), client)  # counted as running
            try:
                return await self._exchange(worker, payload, max(0.001, deadline - time.monotonic()), limit)
            except _Died:
                if attempt == 2 or time.monotonic() >= deadline:
                    raise PoolError(500, "the query worker failed twice; try again") from None
                log.warning("a query worker had died; the query is sent to another")
            finally:
                self._done(client)
        raise AssertionError("unreachable")

    def _done(self, client: str | None) -> None:
        self._running[client] -= 1
        if self._running[client] <= 0:
            del self._running[client]
        self._dispatch()

    async def _exchange(self, worker: _Worker, payload: bytes, left: float, limit: float) -> Answer:
        """Send one query to `worker` and read its answer, killing it after `left` seconds (what is
        left of the time limit `limit`) or when the memory watcher finds it too large."""
        started = time.perf_counter()
        expired: list[bool] = []

        def expire() -> None:  # past the limit the worker is killed: its pipe closes, ending the exchange
            expired.append(True)
            worker.kill()

        timer = asyncio.get_running_loop().call_later(left, expire)
        done = False
        try:
            header, body = await worker.exchange(payload)
            done = True
        except (asyncio.IncompleteReadError, ConnectionError) as exc:
            if worker.over_memory:
                raise PoolError(
                    507,
                    f"the query needed more than the memory limit of {(self.memory or 0) >> 20} MiB"
                    " and was stopped; narrow it (fewer variables joined, LIMIT before ORDER BY)",
                ) from None
            if expired:
                raise PoolError(
                    504, f"the query ran longer than the time limit of {limit:g} s and was stopped"
                ) from None
            raise _Died(exc) from None
        finally:
            timer.cancel()
            if done and not expired and not worker.over_memory:
                self._give(worker)
            else:  # its state is unknown, or it was killed just as its answer came in
                self._retire(worker)
        if not header.get("ok"):
            raise PoolError(int(header.get("status", 500)), str(header.get("message", "query failed")))
        return Answer(header["format"], int(header["rows"]), bool(header["truncated"]), body,
                      time.perf_counter() - started, worker.store, header.get("etag"))  # fmt: skip

    async def _take(self, limit: float, client: str | None) -> _Worker:
        """An idle worker: at once if one is free and the client has fewer than `client_queries`
        running (then no request that could take it is waiting: `_dispatch` serves those first),
        else in turn; refused at once when the queue is full, 503 after `limit` seconds."""
        while self._free and self._free[-1].dead:  # died while idle: replaced, never handed out
            self._retire(self._free.pop())
        if self._free and self._running[client] < self.client_queries:
            self._running[client] += 1
            return self._free.pop()
        mine = sum(1 for _, c in self._waiting if c == client)
        if mine >= max(1, self.queue_limit // 2):
            raise _busy(429, f"this client already has {self._running[client] + mine} queries running or"
                        " waiting; wait for their answers", self.timeout)  # fmt: skip
        if len(self._waiting) >= self.queue_limit:
            raise _busy(503, f"all {self.size} query workers are busy and {len(self._waiting)} queries are"
                        " waiting; try again later", self.timeout)  # fmt: skip
        loop = asyncio.get_running_loop()
        turn: asyncio.Future[_Worker] = loop.create_future()
        entry = (turn, client)
        self._waiting.append(entry)
        timer = loop.call_later(limit, _give_up, turn, limit)
        try:
            return await turn
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled() and turn.exception() is None:
                self._free.append(turn.result())  # handed a worker just as the request was cancelled
                self._done(client)
            raise
        finally:
            timer.cancel()
            with contextlib.suppress(ValueError):
                self._waiting.remove(entry)

    def _give(self, worker: _Worker) -> None:
        """A worker is free: to the request that has waited longest and may run, else idle."""
        self._free.append(worker)
        self._dispatch()

    def _dispatch(self) -> None:
        """Hand free workers to waiting requests, in turn, skipping clients at their limit."""
        i = 0
        while self._free and i < len(self._waiting):
            turn, client = self._waiting[i]
            if turn.done():
                self._waiting.pop(i)
                continue
            if self._running[client] >= self.client_queries:
                i += 1
                continue
            worker = self._free.pop()
            if worker.dead:
                self._retire(worker)
                continue
            self._waiting.pop(i)
            self._running[client] += 1  # running from the moment it is handed the worker
            turn.set_result(worker)

    @property
    def identity(self) -> str | None:
        """The identity of the store every live worker has open, or None while they differ; while
        no worker is live (all being replaced) the last one known, so cached answers stay served."""
        stores = {w.store for w in self._all}
        if len(stores) == 1:
            self._identity = stores.pop()
            return self._identity
        return self._identity if not stores else None

    @property
    def pids(self) -> set[int]:
        """The process ids of the running workers."""
        return {w.proc.pid for w in self._all}

    async def close(self) -> None:
        self._closed = True
        for task in list(self._tasks):
            task.cancel()
        for worker in list(self._all):
            worker.kill()
            with contextlib.suppress(ProcessLookupError):
                await worker.proc.wait()
        self._all.clear()
