"""A batch's files read in a second process while this one validates and stores them.

Reading a small file (its safety checks, unpacking it, extracting its values) takes about
as long as validating and storing it, and a year's import is 290 small files.
`read_ahead` forks a process that reads the batch's files in order
(`FileReading.complete`) and sends each reading through a pipe; the importer takes them
in the same order and asks them what it would have asked a file it read itself.  The
command line starts it before it loads SQLAlchemy and the models, so the reading begins
while they load.

What arrives is what the importer would have read: the same bytes, the same problems in
the same order.  Storing stays in this process, one file at a time in the files' order,
each in its own transaction.  When the reading process ends early (killed, or out of
memory) the importer reads the rest itself; after Ctrl-C (which the reading process
ignores) it is stopped.  Files the store has seen are read ahead for nothing, on the
other processor.

Only where ``fork`` exists, with more than one processor and more than one file;
``MILJOMAL_READ_AHEAD=0`` turns it off.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import operator
import os
import pickle
import signal
import struct
import sys
import threading
from collections import deque
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from typing import BinaryIO
from typing import NamedTuple

from intake.reading import FileReading
from intake.reading import ReadingOptions
from intake.reading import no_cycle_collection

_LENGTH = struct.Struct("!Q")  # each reading's pickled size, before it
_PIPE_BYTES = 1024 * 1024  # Linux's pipes hold 64 KB unless asked for more
_WAITING_BYTES = 64 * 1024 * 1024  # read ahead of the importer, at most
try:
    import fcntl
except ImportError:  # not a Unix
    fcntl = None  # type: ignore[assignment]


# A reading is sent without its path and options: the importer has them already, and
# making a path again took a tenth of the time of loading a template file's reading.
# Its extraction's zip archive is never sent (`FileReading.extract` lets go of it).
_SENT_FIELDS = tuple(
    f.name for f in dataclasses.fields(FileReading) if f.name not in ("path", "options", "_archive")
)
_sent_state = operator.attrgetter(*_SENT_FIELDS)


class _SentReading(NamedTuple):
    """A file's reading as sent: its path's text, then the rest of its fields in order."""

    name: str
    state: tuple[Any, ...]


class ReadAhead:
    """The readings of a batch's files, as the reading process sends them, in order."""

    def __init__(self, files: Sequence[Path], options: ReadingOptions, pid: int, stream: BinaryIO):
        self.files = list(files)
        self.options = options
        self._pid: int | None = pid
        self._stream: BinaryIO | None = stream
        self._next = 0

    @property
    def pid(self) -> int | None:
        """The reading process's id, until it is closed."""
        return self._pid

    def reading(self, index: int, path: Path) -> FileReading | None:
        """File number ``index``'s reading, or None when the importer must read it itself.

        None for every file after the reading process ended early or anything arrived
        out of order (which closes it).
        """
        if self._stream is None:
            return None
        if index != self._next:
            self.close()
            return None
        try:
            head = self._stream.read(_LENGTH.size)
            if len(head) < _LENGTH.size:
                raise EOFError
            (size,) = _LENGTH.unpack(head)
            body = self._stream.read(size)
            if len(body) < size:
                raise EOFError
            sent = pickle.loads(body)  # from our own process, forked from this one
        except (EOFError, OSError, pickle.UnpicklingError):
            self.close()
            return None
        self._next += 1
        if not isinstance(sent, _SentReading) or sent.name != os.fspath(path):
            self.close()
            return None
        state = dict(zip(_SENT_FIELDS, sent.state, strict=True))
        return FileReading(path, self.options, **state)

    def close(self) -> None:
        """Stop the reading process (when it is still reading) and forget it."""
        stream, pid = self._stream, self._pid
        self._stream = self._pid = None
        if stream is not None:
            stream.close()
        if pid is not None:
            with contextlib.suppress(OSError):
                if os.waitpid(pid, os.WNOHANG) == (0, 0):
                    os.kill(pid, signal.SIGTERM)
                    os.waitpid(pid, 0)

    def __enter__(self) -> ReadAhead:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_ahead(files: Sequence[Path], options: ReadingOptions) -> ReadAhead | None:
    """Start reading the files in a second process, or None where it would not help."""
    if len(files) < 2 or os.environ.get("MILJOMAL_READ_AHEAD", "1").strip() == "0":
        return None
    if not hasattr(os, "fork") or _processors() < 2:
        return None
    read_end, write_end = os.pipe()
    set_pipe_size = getattr(fcntl, "F_SETPIPE_SZ", None)  # Linux only
    if set_pipe_size is not None:
        with contextlib.suppress(OSError):
            fcntl.fcntl(write_end, set_pipe_size, _PIPE_BYTES)
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # the reading process
        os.close(read_end)
        _read_and_send(files, options, write_end)  # never returns
    os.close(write_end)
    return ReadAhead(files, options, pid, os.fdopen(read_end, "rb", buffering=_PIPE_BYTES))


def _processors() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _read_and_send(files: Sequence[Path], options: ReadingOptions, write_end: int) -> None:
    """The reading process: each file read completely and sent, then exit without cleanup."""
    code = 0
    try:
        # Ctrl-C reaches the whole process group; the importer decides what it means.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        # The thread that sends gets the interpreter within a millisecond, not five.
        sys.setswitchinterval(0.001)
        gc.freeze()  # what the parent made stays where it is, shared, and is not walked
        with _Outbox(os.fdopen(write_end, "wb")) as outbox:
            for path in files:
                with no_cycle_collection():
                    reading = FileReading(Path(path), options).complete()
                    sent = _SentReading(os.fspath(reading.path), _sent_state(reading))
                    body = pickle.dumps(sent, protocol=pickle.HIGHEST_PROTOCOL)
                del reading, sent
                if not outbox.put(body):
                    break  # the importer stopped listening
    except BaseException:  # anything else: the importer reads the rest itself
        code = 1
    os._exit(code)


class _Outbox:
    """Readings waiting to be sent, written to the pipe by a thread of their own.

    The reading goes on while the pipe is full (the importer still loading SQLAlchemy),
    until `_WAITING_BYTES` wait.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._waiting: deque[bytes] = deque()
        self._bytes = 0
        self._done = False
        self._broken = False
        self._changed = threading.Condition()
        self._sender = threading.Thread(target=self._send, daemon=True)
        self._sender.start()

    def put(self, body: bytes) -> bool:
        """Queue a reading to send; False when the importer stopped listening."""
        with self._changed:
            while self._bytes > _WAITING_BYTES and not self._broken:
                self._changed.wait()
            if self._broken:
                return False
            self._waiting.append(body)
            self._bytes += len(body)
            self._changed.notify_all()
            return True

    def _send(self) -> None:
        while True:
            with self._changed:
                while not self._waiting and not self._done:
                    self._changed.wait()
                if not self._waiting:
                    return
                # Every reading that waits, in one write: the thread needs the interpreter
                # (which the reading holds) once per write, not once per file.
                bodies = list(self._waiting)
                self._waiting.clear()
            try:
                self._stream.write(b"".join(part for body in bodies for part in _framed(body)))
                self._stream.flush()
            except OSError:  # BrokenPipeError: the importer stopped listening
                with self._changed:
                    self._broken = True
                    self._changed.notify_all()
                return
            with self._changed:
                self._bytes -= sum(map(len, bodies))
                self._changed.notify_all()

    def __enter__(self) -> _Outbox:
        return self

    def __exit__(self, *exc: object) -> None:
        """Send what waits, then close the pipe (the importer reads its end)."""
        with self._changed:
            self._done = True
            self._changed.notify_all()
        self._sender.join()
        with contextlib.suppress(OSError):
            self._stream.close()


def _framed(body: bytes) -> tuple[bytes, bytes]:
    """A reading as sent: its length, then its pickled bytes."""
    return _LENGTH.pack(len(body)), body
