"""Worker processes that start with spaCy loaded, having loaded it once.

Importing spaCy takes about half a second. Workers forked from the parent
would each import it again, or the parent would have to import it before
forking and do nothing else meanwhile. Instead the parent forks one broker
process, which loads spaCy while the parent goes on reading files, and then
forks the workers from itself, so that they start warm. Tasks go to the
broker through a pipe, and results come back the same way.
"""
from __future__ import annotations

import itertools
import multiprocessing
import queue
import signal
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial


class WarmPool:
    """A process pool whose workers are forked after `warm_up(*args)` has run (once)."""

    def __init__(self, workers: int, warm_up, args=()):
        context = multiprocessing.get_context("fork")
        self._conn, broker_end = context.Pipe()
        self._broker = context.Process(target=_broker, args=(broker_end, self._conn, workers, warm_up, args),
                                       name="jargonlint-broker")
        self._broker.start()
        broker_end.close()
        self._futures: dict[int, Future] = {}
        self._lock = threading.Lock()
        self._ids = itertools.count()
        self._outbox: queue.Queue = queue.Queue()  # sent by a thread: the broker reads nothing while it warms up
        self._threads = [threading.Thread(target=self._send, daemon=True),
                         threading.Thread(target=self._receive, daemon=True)]
        for thread in self._threads:
            thread.start()

    def submit(self, fn, arg) -> Future:
        future: Future = Future()
        with self._lock:
            n = next(self._ids)
            self._futures[n] = future
        self._outbox.put((n, fn, arg))
        return future

    def map(self, fn, args):
        """Send every task now; return an iterator over their results, in order.

        A task whose worker process was lost (killed, out of memory) is run
        in this process instead, so the caller still gets every result.
        """
        tasks = [(arg, self.submit(fn, arg)) for arg in args]
        return _results(fn, tasks)

    def close(self, cancel: bool = False) -> None:
        """Wait for the tasks sent (or, with `cancel`, only for those already running), then stop."""
        self._outbox.put(_CANCEL if cancel else None)
        self._threads[0].join()
        self._broker.join()
        self._threads[1].join()
        self._conn.close()

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, traceback):
        self.close(cancel=exc_type is not None)  # after an error or an interrupt, skip the tasks not yet started

    def _send(self):
        while True:
            task = self._outbox.get()
            try:
                self._conn.send(task)
            except (OSError, ValueError):
                return  # the broker is gone: _receive fails what is pending
            if task is None or task == _CANCEL:
                return

    def _receive(self):
        try:
            while True:
                n, ok, value = self._conn.recv()
                with self._lock:
                    future = self._futures.pop(n)
                future.set_result(value) if ok else future.set_exception(value)
        except Exception:  # the pipe closed, or a message that cannot be read: the parent does the rest itself
            self._conn.close()  # and the broker, if it is still there, sees the pipe close and stops
        with self._lock:
            pending, self._futures = list(self._futures.values()), {}
        for future in pending:
            future.set_exception(WorkerLost("the jargonlint broker process stopped"))


class WorkerLost(RuntimeError):
    """A worker process ended before it finished its task."""


def _results(fn, tasks):
    for arg, future in tasks:
        try:
            yield future.result()
        except WorkerLost:
            yield fn(arg)


_CANCEL = "cancel"


def _broker(conn, parent_end, workers, warm_up, args):
    parent_end.close()  # so that this end sees the pipe close when the parent goes
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C means; the workers inherit this
    warm_up(*args)
    send_lock = threading.Lock()

    def reply(n, future):
        if future.cancelled():
            return
        error = future.exception()
        if isinstance(error, BrokenProcessPool):
            error = WorkerLost(str(error))
        message = (n, True, future.result()) if error is None else (n, False, error)
        with send_lock:
            try:
                conn.send(message)
            except (OSError, ValueError):
                pass  # the parent is gone
            except Exception as exc:  # an exception that cannot be pickled
                conn.send((n, False, RuntimeError(f"{type(error or exc).__name__}: {error or exc}")))

    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))
    cancel = True
    try:
        while True:
            try:
                task = conn.recv()
            except (EOFError, OSError):
                break  # the parent is gone
            if task is None or task == _CANCEL:
                cancel = task == _CANCEL
                break
            n, fn, arg = task
            try:
                future = pool.submit(fn, arg)
            except BrokenProcessPool as exc:  # a worker was lost earlier
                future = Future()
                future.set_exception(exc)
            future.add_done_callback(partial(reply, n))
    finally:
        pool.shutdown(wait=True, cancel_futures=cancel)
        conn.close()


def fork_available() -> bool:
    try:
        multiprocessing.get_context("fork")
    except ValueError:  # Windows
        return False
    return True
