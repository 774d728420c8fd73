"""grad_fn names the engine once gave differently from torch 2.13: each output's grad_fn chain
(down to the leaves) is compared with torch's for the same program."""
import pytest

import engine

torch = pytest.importorskip("torch")


def _chain(out) -> list[str]:
    """The names along the first non-leaf input of each node, from out.grad_fn down."""
    names, fn = [], out.grad_fn
    while fn is not None and len(names) < 6:
        names.append(fn.name())
        inner = [n for n, _ in fn.next_functions if n is not None]
        fn = inner[0] if inner else None
    return names


def _programs():
    def act(name):
        return lambda t: getattr(t.nn.functional, name)(t.ones(3, 3, requires_grad=True))

    def module(name):
        return lambda t: getattr(t.nn, name)()(t.ones(3, 3, requires_grad=True))

    programs = {
    }
    for name in ("hardtanh", "relu6", "hardsigmoid", "hardswish"):
        programs[name] = act(name)
    for name in ("Hardtanh", "ReLU6", "Hardsigmoid", "Hardswish"):
        programs[f"nn.{name}"] = module(name)
    return programs


PROGRAMS = _programs()


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_grad_fn_chain_is_torchs(name):
    program = PROGRAMS[name]
    assert _chain(program(engine)) == _chain(program(torch))
