"""records(): the one check of whether an op records a backward node."""
import threading

import engine
from engine.autograd.grad_mode import records


def test_records_needs_grad_mode_and_an_input_that_requires_grad():
    a, b = engine.ones(2, requires_grad=True), engine.ones(2)
    assert records(a) and records(b, a) and records(None, a)
    assert not records(b) and not records(None) and not records()
    with engine.no_grad():
        assert not records(a)
        with engine.enable_grad():
            assert records(a)


def test_records_follows_this_threads_grad_mode():
    a = engine.ones(2, requires_grad=True)
    seen = []
    with engine.no_grad():
        worker = threading.Thread(target=lambda: seen.append(records(a)))
        worker.start()
        worker.join()
        seen.append(records(a))
    assert seen == [True, False]
