"""A pool of query worker processes, driven from the event loop without blocking it.

Each worker opens the store read-only once and answers queries over its stdin/stdout pipes. A
query that overruns its time limit is stopped by killing its worker (a replacement starts in the
background), so a runaway query holds one worker for at most the limit and never the others. A
worker is released as soon as its answer has been read from the pipe, so a slow client cannot hold
one either.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import sys
import time
from collections import deque
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from server.etags import entity_tag

log = logging.getLogger("server.pool")
ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 60.0


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
    def __init__(self, proc: asyncio.subprocess.Process, isolated: bool, store: str | None) -> None:
        self.proc = proc
        self.isolated = isolated
        self.store = store

    async def exchange(self, payload: bytes) -> tuple[dict[str, Any], bytes]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(len(payload).to_bytes(4, "big") + payload)
        await self.proc.stdin.drain()
        return await _read_answer(self.proc.stdout)

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            self.proc.kill()


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


class WorkerPool:
    """`size` workers over the store at `store_path`; `run` answers one query request."""

    def __init__(self, store_path: Path, size: int, timeout: float) -> None:
        self.store_path = Path(store_path)
        self.size = size
        self.timeout = timeout
        self._free: list[_Worker] = []  # idle workers, the last freed on top (its caches are warm)
        self._waiting: deque[asyncio.Future[_Worker]] = deque()  # requests waiting for a worker, in turn
        self._all: set[_Worker] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._closed = False
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

    async def _spawn(self) -> _Worker:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "server.worker",
            str(self.store_path),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            env=env,
        )
        assert proc.stdout is not None
        try:
            header, _ = await asyncio.wait_for(_read_answer(proc.stdout), START_TIMEOUT)
        except (asyncio.IncompleteReadError, TimeoutError) as exc:
            proc.kill()
            raise RuntimeError(f"a query worker did not start ({exc!r})") from exc
        if not header.get("ready"):
            proc.kill()
            raise RuntimeError(header.get("message", "a query worker did not start"))
        worker = _Worker(proc, bool(header.get("isolated")), header.get("store"))
        self._all.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        """Kill a worker whose state is unknown and start its replacement in the background."""
        worker.kill()
        self._all.discard(worker)
        task = asyncio.get_running_loop().create_task(self._replace(worker))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

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
        """Answer one request (see server.worker.answer); raises PoolError with the HTTP status."""
        if self._closed:
            raise PoolError(503, "the server is shutting down")
        limit = timeout or self.timeout
        worker = await self._take(limit)
        payload = json.dumps(request).encode()
        started = time.perf_counter()
        expired: list[bool] = []

        def expire() -> None:  # past the limit the worker is killed: its pipe closes, ending the exchange
            expired.append(True)
            worker.kill()

        timer = asyncio.get_running_loop().call_later(limit, expire)
        done = False
        try:
            header, body = await worker.exchange(payload)
            done = True
        except (asyncio.IncompleteReadError, ConnectionError) as exc:
            if expired:
                raise PoolError(
                    504, f"the query ran longer than the time limit of {limit:g} s and was stopped"
                ) from None
            raise PoolError(500, f"the query worker failed ({exc.__class__.__name__}); try again") from None
        finally:
            timer.cancel()
            if done and not expired:
                self._give(worker)
            else:  # its state is unknown, or it was killed just as its answer came in
                self._retire(worker)
        if not header.get("ok"):
            raise PoolError(int(header.get("status", 500)), str(header.get("message", "query failed")))
        return Answer(header["format"], int(header["rows"]), bool(header["truncated"]), body,
                      time.perf_counter() - started, worker.store, header.get("etag"))  # fmt: skip

    async def _take(self, limit: float) -> _Worker:
        """An idle worker: at once if one is free (then no request is waiting: `_give` serves them
        first), else in turn; 503 after `limit` seconds."""
        if self._free:
            return self._free.pop()
        loop = asyncio.get_running_loop()
        turn: asyncio.Future[_Worker] = loop.create_future()
        self._waiting.append(turn)
        timer = loop.call_later(limit, _give_up, turn, limit)
        try:
            return await turn
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled() and turn.exception() is None:
                self._give(turn.result())  # handed a worker just as the request was cancelled
            raise
        finally:
            timer.cancel()

    def _give(self, worker: _Worker) -> None:
        """A worker is free: to the request that has waited longest, else to the idle ones."""
        while self._waiting:
            turn = self._waiting.popleft()
            if not turn.done():
                turn.set_result(worker)
                return
        self._free.append(worker)

    @property
    def identity(self) -> str | None:
        """The identity of the store every live worker has open, or None while they differ."""
        stores = {w.store for w in self._all}
        return stores.pop() if len(stores) == 1 else None

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
