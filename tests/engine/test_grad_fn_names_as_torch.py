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

    def pad(mode, sizes, pads):
        return lambda t: t.nn.functional.pad(t.ones(*sizes, requires_grad=True), pads, mode=mode)

    def einsum(equation):
        return lambda t: t.einsum(equation, t.ones(3, 3, requires_grad=True))

    programs = {
        **{f"einsum {eq}": einsum(eq) for eq in ("ii->i", "ii", "ij->i", "ij->", "ij->ji")},
        "conv1d": lambda t: t.nn.functional.conv1d(t.ones(1, 2, 5, requires_grad=True),
                                                   t.ones(3, 2, 2, requires_grad=True)),
        "conv1d unbatched": lambda t: t.nn.functional.conv1d(t.ones(2, 5, requires_grad=True),
                                                             t.ones(3, 2, 2)),
        "nn.Conv1d": lambda t: t.nn.Conv1d(2, 3, 2)(t.ones(4, 2, 5)),
    }
    for mode in ("reflect", "replicate"):
        programs[f"pad {mode} 1d"] = pad(mode, (1, 2, 5), (1, 2))
        programs[f"pad {mode} 2d"] = pad(mode, (1, 2, 4, 4), (1, 2, 1, 1))
        programs[f"pad {mode} 2d, one dim"] = pad(mode, (2, 4, 4), (0, 0, 1, 1))
        programs[f"pad {mode} 3d"] = pad(mode, (1, 1, 3, 3, 3), (1, 1, 0, 2, 1, 0))
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


def test_conv1d_single_node_gives_torchs_first_and_second_order_gradients():
    import numpy as np

    rng = np.random.default_rng(0)
    arrays = [rng.standard_normal(s).astype(np.float32) for s in ((2, 3, 7), (4, 3, 3), (4,))]
    results = []
    for lib in (engine, torch):
        x, w, b = (lib.tensor(a, requires_grad=True) for a in arrays)
        y = lib.nn.functional.conv1d(x, w, b, padding=1, stride=2)
        (gx,) = lib.autograd.grad((y * y).sum(), x, create_graph=True)
        gx.sum().backward()
        results.append([t.detach().numpy() for t in (y, gx, w.grad, b.grad)])
    for ours, theirs in zip(*results):
        np.testing.assert_allclose(ours, theirs, rtol=1e-4, atol=1e-5)
    y = engine.nn.functional.conv1d(engine.ones(1, 2, 5, requires_grad=True), engine.ones(3, 2, 2))
    y.sum().backward()
    with pytest.raises(RuntimeError, match="second time"):
        y.sum().backward()


@pytest.mark.parametrize("mode", ["reflect", "replicate"])
def test_one_pad_node_gives_torchs_first_and_second_order_gradients(mode):
    import numpy as np

    data = np.random.default_rng(1).standard_normal((2, 3, 4, 5)).astype(np.float32)
    weights = np.arange(2 * 3 * 6 * 8, dtype=np.float32).reshape(2, 3, 6, 8) % 7
    results = []
    for lib in (engine, torch):
        x = lib.tensor(data, requires_grad=True)
        y = lib.nn.functional.pad(x, (1, 2, 2, 0), mode=mode)
        (gx,) = lib.autograd.grad((y * y * lib.tensor(weights)).sum(), x, create_graph=True)
        gx.sum().backward()
        results.append([t.detach().numpy() for t in (y, gx, x.grad)])
    for ours, theirs in zip(*results):
        np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-5)
    x = engine.ones(1, 2, 5, requires_grad=True)
    y = engine.nn.functional.pad(x * 1, (1, 2), mode=mode)
    y.sum().backward()
    with pytest.raises(RuntimeError, match="second time"):
        y.sum().backward()


def test_the_one_node_ops_report_one_forward_event_each():
    from engine import observer

    x = engine.ones(1, 2, 5, requires_grad=True)
    w = engine.ones(3, 2, 2, requires_grad=True)
    with observer.recording() as events:
        padded = engine.nn.functional.pad(x, (1, 2), mode="reflect")
        out = engine.nn.functional.conv1d(padded, w)
    forward = [e for e in events if isinstance(e, observer.ForwardEvent)]
    assert [e.op for e in forward] == ["pad", "conv1d"]
    assert forward[0].output is padded and forward[1].output is out
