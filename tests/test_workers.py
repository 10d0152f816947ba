"""The warm worker pool: results in order, errors carried back, lost workers made up for."""
from __future__ import annotations

import os

import pytest

from jargonlint.workers import WarmPool

WARMED = []


def _warm(value):
    WARMED.append(value)


def _report(arg):
    """What a worker sees: its argument, whether the warm-up ran before it was forked, and its process."""
    return arg * 2, list(WARMED), os.getpid()


def _fail(arg):
    raise ValueError(f"bad {arg}")


def _die_in_worker(parent_pid):
    if os.getpid() != parent_pid:
        os._exit(3)  # as if killed
    return "done here"


def test_results_come_back_in_order_from_warm_workers():
    with WarmPool(2, _warm, ("spacy",)) as pool:
        results = list(pool.map(_report, range(20)))
    assert [r[0] for r in results] == [n * 2 for n in range(20)]
    assert all(r[1] == ["spacy"] for r in results)  # the warm-up ran once, before the workers were forked
    assert WARMED == []  # ... in the broker, not here
    assert os.getpid() not in {r[2] for r in results}


def test_an_error_in_a_task_reaches_the_caller():
    with WarmPool(2, _warm, (None,)) as pool:
        results = pool.map(_fail, [1])
        with pytest.raises(ValueError, match="bad 1"):
            next(results)


def test_a_lost_worker_task_runs_in_the_parent():
    with WarmPool(2, _warm, (None,)) as pool:
        assert list(pool.map(_die_in_worker, [os.getpid()] * 3)) == ["done here"] * 3


def _cannot_load():
    raise RuntimeError("this object cannot be unpickled")


class Unloadable:
    """Pickles, but cannot be unpickled: a result that cannot come back."""

    def __reduce__(self):
        return _cannot_load, ()


def _unloadable(arg):
    return Unloadable()


def test_a_result_that_cannot_come_back_is_made_here():
    with WarmPool(2, _warm, (None,)) as pool:
        [result] = pool.map(_unloadable, [1])
    assert isinstance(result, Unloadable)
