"""Two graphs the engine drew differently from PyTorch, found building MultiheadAttention:
F.linear of a non-contiguous input (PyTorch multiplies it through matmul and adds the bias in
place), and the node behind piece k >= 1 of a split or chunk (its inputs come next, once)."""

import numpy as np
import pytest

import engine


def _tree(fn):
    if fn is None:
        return None
    return (type(fn).__name__, tuple(_tree(n) for n, _ in fn.next_functions))


def _linear_graph(lib, transposed: bool):
    lib.manual_seed(0)
    x = lib.randn(2, 3, 4, requires_grad=True)
    layer = lib.nn.Linear(4, 5)
    out = layer(x.transpose(0, 1) if transposed else x)
    (out * out).sum().backward()
    return out, x.grad, layer.weight.grad, layer.bias.grad


def test_linear_of_a_transposed_input_adds_the_bias_after_matmul():
    out = _linear_graph(engine, True)[0]
    assert _tree(out.grad_fn) == (
        "AddBackward0", (
            ("UnsafeViewBackward0", (("MmBackward0", (
                ("UnsafeViewBackward0", (("CloneBackward0", (("TransposeBackward0", (
                    ("AccumulateGrad", ()),)),)),)),
                ("TBackward0", (("AccumulateGrad", ()),)),
            )),)),
            ("AccumulateGrad", ()),
        ))


@pytest.mark.parametrize("transposed", [True, False])
def test_linear_graph_and_gradients_are_pytorchs(transposed):
    torch = pytest.importorskip("torch")
    mine, theirs = _linear_graph(engine, transposed), _linear_graph(torch, transposed)
    assert _tree(mine[0].grad_fn) == _tree(theirs[0].grad_fn)
    for a, b in zip(mine, theirs):
        np.testing.assert_allclose(a.detach().numpy(), b.detach().numpy(), rtol=1e-5)


def _piece_graph(lib):
    w = lib.ones(6, 2, requires_grad=True)
    _first, second, third = w.chunk(3)
    return (second.t() * 2 + third).sum()


def test_a_later_piece_of_a_chunk_leads_back_to_the_leaf_through_one_split_node():
    out = _piece_graph(engine)
    t_node = out.grad_fn.next_functions[0][0].next_functions[0][0].next_functions[0][0]
    split, number = t_node.next_functions[0]
    assert (type(split).__name__, number) == ("SplitBackward0", 1)
    assert [type(fn).__name__ for fn, _ in split.next_functions] == ["AccumulateGrad"]
    out.backward()
    assert _tree(out.grad_fn) == _tree(_piece_graph(engine).grad_fn)


def test_the_piece_graph_is_pytorchs():
    torch = pytest.importorskip("torch")
    assert _tree(_piece_graph(engine).grad_fn) == _tree(_piece_graph(torch).grad_fn)
