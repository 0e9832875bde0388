"""A child process that dies with its parent: query workers must not outlive a killed server and go on
running a runaway query with nobody to stop it.

On Linux the kernel sends the child SIGKILL when its parent dies (prctl PR_SET_PDEATHSIG). Everywhere,
the parent may also hand the child the reading end of a pipe (`lifeline_pipe`) whose writing end
only the parent holds: the system closes it when the parent dies, however it dies, and a thread in
the child that waits on it (`watch_lifeline`) then kills the child. The thread runs while a query
does, since pyoxigraph releases the interpreter lock as it evaluates.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading

LIFELINE_ENV = "HKPR_LIFELINE_FD"
PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int | None = None) -> bool:
    """Ask the kernel to kill this process when its parent dies (Linux); True when it will.
    If the parent (`parent`, else the current one) is already gone, exit at once."""
    parent = parent or os.getppid()
    done = False
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            done = libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
    return done


def lifeline_pipe() -> tuple[int, int]:
    """(read end for the child, write end the parent keeps); pass the read end with `pass_fds`."""
    read, write = os.pipe()
    os.set_inheritable(read, True)
    return read, write


def watch_lifeline(fd: int | None = None) -> bool:
    """Kill this process when the pipe's writing end closes (the parent died); True when watching.
    `fd` defaults to the one named by $HKPR_LIFELINE_FD."""
    if fd is None:
        value = os.environ.get(LIFELINE_ENV, "")
        if not value.isdigit():
            return False
        fd = int(value)

    def wait() -> None:
        with contextlib.suppress(OSError):
            while os.read(fd, 1):
                pass
        os.kill(os.getpid(), signal.SIGKILL)

    threading.Thread(target=wait, name="lifeline", daemon=True).start()
    return True
