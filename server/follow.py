"""The server follows its data folder: a new build swapped in is served within seconds, without a
restart, and every request is answered from exactly one build.

A `Generation` is one build as served: its data folder (held, server/data.py), its own query
workers (which open that build's store and only it, also when one is replaced), and what the
server computed from it (VoID's counts). `Follower` looks at the data folder every
FOLLOW_SECONDS; when it points at another build, that build's workers are started and, once they
are ready, it becomes the current generation. Each request is pinned to the generation current
when it began (`Follower.pinned`), so a request running across the swap finishes on the old
one; the old generation's workers are stopped, and its folder let go (and removed if nobody
else holds it), when its last request ends. A build that fails never swaps the folder
(kg/generations.py), so the served graph stays as it was; a new generation whose workers cannot
start is not taken, and the old one goes on.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from kg.generations import collect
from server.data import DataDir, current_key
from server.pool import WorkerPool
from server.remote import RemoteBackend

log = logging.getLogger("server.follow")
FOLLOW_SECONDS = 1.0  # how often the data folder is looked at (a readlink and a stat)

Pool = WorkerPool | RemoteBackend


@dataclass(eq=False)
class Generation:
    """One build as served: its data, its query workers, what was computed from it."""

    data: DataDir
    pool: Pool
    cache: dict[str, Any] = field(default_factory=dict)
    requests: int = 0  # requests pinned to it and not yet finished
    retired: bool = False


_pinned: contextvars.ContextVar[Generation | None] = contextvars.ContextVar("generation", default=None)


class Follower:
    """The generation being served, and the watch that swaps in a new one."""

    def __init__(
        self, data: DataDir, make_pool: Callable[[DataDir], Pool], shared_pool: bool = False
    ) -> None:
        self.make_pool = make_pool
        self.shared_pool = shared_pool  # one backend for every generation: never stopped with one
        self.current = Generation(data, make_pool(data))
        self._failed: set[Any] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._watch: asyncio.Task[None] | None = None
        self.swaps = 0

    @property
    def generation(self) -> Generation:
        """The generation of the request being answered, else the current one."""
        return _pinned.get() or self.current

    async def start(self) -> None:
        """Start the current generation's workers, then watch the data folder (if there is one)."""
        await self.current.pool.start()
        if self.current.data.key is not None:
            self._watch = asyncio.get_running_loop().create_task(self._follow())

    @contextlib.contextmanager
    def pinned(self) -> Iterator[Generation]:
        """The block (a request) answered from the generation current now, whatever is swapped in meanwhile."""
        generation = _pinned.get()
        if generation is not None:  # already pinned (a request within a request)
            yield generation
            return
        generation = self.current
        generation.requests += 1
        token = _pinned.set(generation)
        try:
            yield generation
        finally:
            _pinned.reset(token)
            generation.requests -= 1
            if generation.retired and generation.requests == 0:
                self._spawn(self._let_go(generation))

    async def _follow(self) -> None:
        while True:
            await asyncio.sleep(FOLLOW_SECONDS)
            try:
                await self.check()
            except Exception:  # the watch must outlive any one failure
                log.exception("following the data folder failed; the served graph is unchanged")

    async def check(self) -> bool:
        """Swap in the build the data folder points at, if it is another one; True if swapped."""
        root = self.current.data.root
        key = await asyncio.to_thread(current_key, root)
        if key is None or key == self.current.data.key or key in self._failed:
            return False
        try:
            data = await asyncio.to_thread(DataDir, root, self.current.data.need_store)
        except OSError as exc:
            self._failed.add(key)
            log.warning("the new build in %s cannot be opened (%s); the served graph is unchanged", root, exc)
            return False
        pool = self.current.pool if self.shared_pool else self.make_pool(data)
        try:
            await pool.start()
        except Exception as exc:
            data.release()
            self._failed.add(data.key)
            log.error("the new build in %s cannot be served (%s); the served graph is unchanged", root, exc)
            return False
        old, self.current = self.current, Generation(data, pool)
        self.swaps += 1
        log.info("serving the new build %s (was %s)", data.path, old.data.path)
        old.retired = True
        if old.requests == 0:
            self._spawn(self._let_go(old))
        return True

    async def _let_go(self, generation: Generation) -> None:
        """Stop a retired generation's workers and release its folder (removed if nobody holds it)."""
        if not self.shared_pool:
            await generation.pool.close()
        generation.data.release()
        with contextlib.suppress(OSError):
            await asyncio.to_thread(collect, generation.data.root)

    def _spawn(self, work: Any) -> None:
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def close(self) -> None:
        if self._watch is not None:
            self._watch.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watch
        for task in list(self._tasks):
            with contextlib.suppress(Exception):
                await task
        await self.current.pool.close()
        self.current.data.release()
