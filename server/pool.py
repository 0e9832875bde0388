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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


class _Worker:
    def __init__(self, proc: asyncio.subprocess.Process, isolated: bool) -> None:
        self.proc = proc
        self.isolated = isolated

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


class WorkerPool:
    """`size` workers over the store at `store_path`; `run` answers one query request."""

    def __init__(self, store_path: Path, size: int, timeout: float) -> None:
        self.store_path = Path(store_path)
        self.size = size
        self.timeout = timeout
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
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
                self._idle.put_nowait(w)
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
        worker = _Worker(proc, bool(header.get("isolated")))
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
                self._idle.put_nowait(worker)
            return

    async def run(self, request: dict[str, Any], timeout: float | None = None) -> Answer:
        """Answer one request (see server.worker.answer); raises PoolError with the HTTP status."""
        if self._closed:
            raise PoolError(503, "the server is shutting down")
        limit = timeout or self.timeout
        try:
            worker = await asyncio.wait_for(self._idle.get(), limit)
        except TimeoutError:
            raise PoolError(
                503,
                f"every query worker stayed busy for {limit:g} s; try again later",
                {"Retry-After": str(max(1, round(limit)))},
            ) from None
        payload = json.dumps(request).encode()
        started = time.perf_counter()
        done = False
        try:
            header, body = await asyncio.wait_for(worker.exchange(payload), limit)
            done = True
        except TimeoutError:
            raise PoolError(
                504, f"the query ran longer than the time limit of {limit:g} s and was stopped"
            ) from None
        except (asyncio.IncompleteReadError, ConnectionError) as exc:
            raise PoolError(500, f"the query worker failed ({exc.__class__.__name__}); try again") from None
        finally:
            if done:
                self._idle.put_nowait(worker)
            else:
                self._retire(worker)
        if not header.get("ok"):
            raise PoolError(int(header.get("status", 500)), str(header.get("message", "query failed")))
        return Answer(header["format"], int(header["rows"]), bool(header["truncated"]), body,
                      time.perf_counter() - started)  # fmt: skip

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
