"""An edge into output k of a node with several outputs shows k in next_functions, as PyTorch's
(`(<SplitBackward0>, 2)`); the gradients still reach the right outputs."""
import pytest

import engine


def _edges(lib):
    """(name, number) of each edge of a few ops that read outputs after the first."""
    x = lib.arange(6.0, requires_grad=True)
    _, b, c = x.split(2)
    u = lib.ones(3, 2, requires_grad=True).unbind(0)
    p, q = lib.ones(4, requires_grad=True).chunk(2)

    class Three(lib.autograd.Function):
        @staticmethod
        def forward(ctx, t):
            return t * 1, t * 2, t * 3

        @staticmethod
        def backward(ctx, g0, g1, g2):
            return g0 + 2 * g1 + 3 * g2

    _, second, third = Three.apply(lib.ones(2, requires_grad=True))
    outs = [c * 2, b + c, u[1] + u[2], u[0] * u[2], q - p, third * second]
    return [
        [(None if n is None else n.name(), k) for n, k in out.grad_fn.next_functions]
        for out in outs
    ]


def test_an_edge_into_a_later_output_says_its_number():
    split, split_two, unbind, unbind_first, chunk, function = _edges(engine)
    assert split == [("SplitBackward0", 2), (None, 0)]
    assert split_two == [("SplitBackward0", 1), ("SplitBackward0", 2)]
    assert unbind == [("UnbindBackward0", 1), ("UnbindBackward0", 2)]
    assert unbind_first == [("UnbindBackward0", 0), ("UnbindBackward0", 2)]
    assert chunk == [("SplitBackward0", 1), ("SplitBackward0", 0)]
    assert [k for _, k in function] == [2, 1]


def test_the_numbered_edges_are_those_of_torch():
    torch = pytest.importorskip("torch")
    assert _edges(engine) == _edges(torch)


def test_gradients_still_reach_each_output():
    x = engine.arange(6.0, requires_grad=True)
    a, b, c = x.split(2)
    (a * 1 + b * 10 + c * 100).sum().backward()
    assert x.grad.tolist() == [1.0, 1.0, 10.0, 10.0, 100.0, 100.0]


def test_a_node_with_one_output_keeps_its_edges_object():
    # (no tuple is built where no edge leads into a later output)
    y = engine.ones(2, requires_grad=True) * 3
    assert y.grad_fn.next_functions is y.grad_fn.next_functions


def test_an_edge_into_output_k_leads_to_the_ops_node_itself():
    x = engine.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
    _, b = x.split(2)
    node, k = (b * 2).grad_fn.next_functions[0]
    assert node is b.grad_fn and k == 1
    # walking on from it reaches the op's input, as in PyTorch (not the same node again)
    ((leaf, _),) = node.next_functions
    assert leaf.name() == "torch::autograd::AccumulateGrad" and leaf.variable is x
