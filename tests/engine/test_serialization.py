"""torch.load refuses to run code unless the caller trusts the file (weights_only=False)."""
import io
import pickle

import pytest

import engine
from engine import nn


class _RunsCode:
    def __reduce__(self):
        return (print, ("this must never run",))


def _saved(obj) -> io.BytesIO:
    buffer = io.BytesIO()
    engine.save(obj, buffer)
    buffer.seek(0)
    return buffer


def test_a_checkpoint_of_tensors_and_state_dicts_loads_by_default():
    engine.manual_seed(0)
    net = nn.Linear(3, 2)
    loaded = engine.load(_saved({"model": net.state_dict(), "t": engine.arange(4.0), "n": 3}))
    assert engine.equal(loaded["model"]["weight"], net.weight)
    assert loaded["t"].tolist() == [0.0, 1.0, 2.0, 3.0] and loaded["n"] == 3


def test_a_file_that_would_run_code_is_refused_by_default(capsys):
    buffer = io.BytesIO()
    pickle.dump(_RunsCode(), buffer)
    buffer.seek(0)
    with pytest.raises(pickle.UnpicklingError, match="Unsupported global: GLOBAL builtins.print"):
        engine.load(buffer)
    assert "must never run" not in capsys.readouterr().out


def test_weights_only_false_is_the_callers_explicit_trust(capsys):
    buffer = io.BytesIO()
    pickle.dump(_RunsCode(), buffer)
    buffer.seek(0)
    engine.load(buffer, weights_only=False)
    assert "must never run" in capsys.readouterr().out
