"""The hot paths that inline a definition (Tensor._wrap, Node.__init__, a node's _grads) give
what the definition gives, bit for bit; each op is run through both and compared."""
import itertools

import numpy as np
import pytest

import engine
from engine.autograd.graph import Node
from engine.ops import elementwise
from engine.ops.dispatch import edge
from engine.ops.elementwise import BinaryNode, PowBackward0, UnaryNode
from engine.ops.reduction import SumBackward0, _reduction_node
from engine.tensor import Tensor

TENSOR_SLOTS = ("_data", "_device", "_requires_grad", "_grad_fn", "_grad", "_vc")


def same_bits(x, y) -> bool:
    if x is None or y is None:
        return x is y
    x, y = np.asarray(x), np.asarray(y)
    return x.dtype == y.dtype and x.shape == y.shape and x.tobytes() == y.tobytes()


def node_fields(node: Node) -> dict:
    slots = {s for cls in type(node).__mro__ for s in getattr(cls, "__slots__", ())}
    slots -= {"__weakref__", "_seq"}
    fields = {s: getattr(node, s) for s in slots if hasattr(node, s)}
    fields["_versions"] = tuple(fields["_versions"])
    return fields


def assert_same_tensor(fast: Tensor, defined: Tensor) -> None:
    for slot in TENSOR_SLOTS:
        if slot == "_data":
            assert same_bits(fast._data, defined._data) and type(fast._data) is np.ndarray
        elif slot != "_grad_fn":
            assert getattr(fast, slot) == getattr(defined, slot), slot


def leaf(shape, dtype, requires_grad=True, seed=0):
    engine.manual_seed(seed)
    return engine.randn(*shape, dtype=dtype, requires_grad=requires_grad)


SHAPES = [((), ()), ((3,), ()), ((), (2, 3)), ((2, 3), (3,)), ((2, 1), (1, 4)), ((4,), (4,))]
DTYPES = [(engine.float32, engine.float32), (engine.float64, engine.float64),
          (engine.float32, engine.float64)]
NEEDS = [(True, True), (True, False), (False, True)]


@pytest.mark.parametrize("op", ["add", "sub", "mul"])
def test_binary_ops_build_the_node_node_init_builds(op):
    fn = getattr(elementwise, f"{op}_tensor")
    for (sa, sb), (da, db), (na, nb) in itertools.product(SHAPES, DTYPES, NEEDS):
        a, b = leaf(sa, da, na, 1), leaf(sb, db, nb, 2)
        out = fn(a, b)
        node = out._grad_fn
        cls = type(node)
        assert cls._inline_init is not None
        defined = cls((edge(a), edge(b)), cls.to_save(a, b, out, na, nb))
        defined._meta = node._meta
        assert node_fields(node) == node_fields(defined)
        assert_same_tensor(out, Tensor._wrap(out._data, out._device, out._grad_fn))


@pytest.mark.parametrize("op", ["add", "sub", "mul"])
def test_binary_backward_fast_apply_gives_the_bits_of_grads(op):
    """AddBackward0, SubBackward0, MulBackward0 have an _apply beside the _grads that
    BinaryNode._apply reduces with sum_to: both give the same gradient bits."""
    fn = getattr(elementwise, f"{op}_tensor")
    for (sa, sb), (da, db), (na, nb) in itertools.product(SHAPES, DTYPES, NEEDS):
        a, b = leaf(sa, da, na, 1), leaf(sb, db, nb, 2)
        node = fn(a, b)._grad_fn
        g = np.asarray(leaf(np.broadcast_shapes(sa, sb), node_dtype(a, b), False, 3)._data)
        fast = type(node)._apply(node, g, np, False)
        defined = BinaryNode._apply(node, g, np, False)
        for x, y in zip(fast, defined):
            assert same_bits(x, y), (op, sa, sb, da, db, na, nb)


def node_dtype(a, b):
    return engine.promote_types(a.dtype, b.dtype)


@pytest.mark.parametrize("exponent", [2, 3, 2.0, 3.0])
@pytest.mark.parametrize("dtype", [engine.float32, engine.float64])
def test_pow_by_two_or_three_gives_the_general_paths_tensor_and_node(exponent, dtype):
    for shape in ((), (5,), (2, 3)):
        x = leaf(shape, dtype)
        out = x ** exponent
        assert same_bits(out._data, elementwise._pow(x._data, exponent))
        assert_same_tensor(out, Tensor._wrap(out._data, out._device, out._grad_fn))
        defined = PowBackward0((edge(x),), (x,))
        defined._saved_exponent = exponent
        assert node_fields(out._grad_fn) == node_fields(defined)


@pytest.mark.parametrize("dtype", [engine.float32, engine.float64])
def test_pow_backward_fast_apply_gives_the_bits_of_grads(dtype):
    for shape in ((), (5,), (2, 3)):
        x = leaf(shape, dtype)
        node = (x ** 2)._grad_fn
        g = np.asarray(leaf(shape, dtype, False, 4)._data)
        assert same_bits(PowBackward0._apply(node, g, np, False)[0],
                         UnaryNode._apply(node, g, np, False)[0])
        assert same_bits(node._grads(g, np, False)[0], 2 * x._data ** 1 * g)


@pytest.mark.parametrize("dtype", [engine.float32, engine.float64])
def test_sum_of_a_float_tensor_gives_the_general_paths_tensor_and_node(dtype):
    for shape in ((), (5,), (2, 3)):
        x = leaf(shape, dtype)
        fast = x.sum()
        general = x.sum(dim=(), keepdim=False)  # through the general path
        assert same_bits(fast._data, general._data)
        assert_same_tensor(fast, Tensor._wrap(fast._data, fast._device, fast._grad_fn))
        defined = _reduction_node(SumBackward0, x, None, False)
        assert node_fields(fast._grad_fn) == node_fields(defined)
        assert node_fields(general._grad_fn) == node_fields(defined)


def test_a_scalar_times_a_vector_sends_back_pytorchs_gradient_bits():
    """The scalar's gradient is sum(grad * x), the sum PyTorch takes; up to 4 elements NumPy and
    PyTorch add in the same order, so the bits agree (a dot product, another order, was 1 ulp
    off in float32 for a quarter of such vectors)."""
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(0)
    for n in (2, 3, 4):
        for _ in range(40):
            x, g = rng.standard_normal((2, n)).astype(np.float32)
            ours = engine.tensor(0.5, requires_grad=True)
            (ours * engine.tensor(x)).backward(engine.tensor(g))
            (engine.tensor(x) * ours).backward(engine.tensor(g))
            theirs = torch.tensor(0.5, requires_grad=True)
            (theirs * torch.from_numpy(x)).backward(torch.from_numpy(g))
            (torch.from_numpy(x) * theirs).backward(torch.from_numpy(g))
            assert same_bits(ours.grad._data, theirs.grad.numpy()), (n, x, g)


@pytest.mark.parametrize("dtype", [engine.float32, engine.float64])
def test_a_leafs_first_gradient_is_the_tensor_wrap_makes_from_a_copy(dtype):
    """The executor's last step builds a leaf's first .grad inline: a fresh array (never the
    buffer itself, nor a NumPy scalar), in the tensor Tensor._wrap gives."""
    for shape in ((), (3,), (2, 3)):
        x = leaf(shape, dtype)
        g = leaf(shape, dtype, False, 5)
        (x * 1.0).backward(g)
        assert x.grad._data is not g._data
        assert same_bits(x.grad._data, g._data)
        assert_same_tensor(x.grad, Tensor._wrap(g._data.copy(), x._device))
        x.grad = None
        x.sum().backward()  # a 0-dim gradient summed by NumPy arrives as a NumPy scalar
        assert_same_tensor(x.grad, Tensor._wrap(np.ones(shape, x._data.dtype), x._device))


def test_a_node_both_edges_of_one_node_lead_to_gets_their_sum():
    """`y * y` with y no leaf: both gradients arrive at y's node while it is the only node
    ready (the executor then carries its gradient past the buffers); it runs once, with
    their sum, also when another node becomes ready meanwhile."""
    x = engine.tensor([1.0, 2.0, 3.0], requires_grad=True)
    y = x.exp()
    (y * y).sum().backward()
    assert same_bits(x.grad._data, (y._data + y._data) * y._data)
    x.grad = None
    y, z = x.exp(), x * 2
    (y * z * y).sum().backward()  # y twice, z between them: y goes onto the heap
    yd, zd = y._data, z._data
    assert np.allclose(x.grad._data, (yd * zd + zd * yd) * yd + 2 * (yd * yd), rtol=1e-15)


def test_a_binary_op_that_records_no_node_is_still_heard_by_a_listener():
    """Without a node and without a listener a binary op skips `record`; with a listener the
    op is reported as always (an optimizer's `lr * p.grad` under no_grad, a constant's op)."""
    from engine import observer

    p = engine.tensor(0.5, requires_grad=True)
    with observer.recording() as events, engine.no_grad():
        step = 0.1 * p
        doubled = engine.tensor([1.0, 2.0]) + 1.0
    assert [(e.op, e.output) for e in events] == [("mul", step), ("add", doubled)]
    assert step._grad_fn is None and not step.requires_grad


def _node_classes() -> list[type]:
    import engine.nn.functional  # noqa: F401 - the nodes of engine.nn too

    found, stack = [], [Node]
    while stack:
        for cls in stack.pop().__subclasses__():
            found.append(cls)
            stack.append(cls)
    return found


def test_no_node_class_has_a_getattr_hook():
    """A class with __getattr__ gets none of Python's fast (specialized) attribute loads: the
    executor reads a node's attributes at every node. Only a custom Function's node has one
    (it forwards to its ctx, as PyTorch's does)."""
    from engine.autograd.function import BackwardCFunction

    hooked = [cls.__name__ for cls in _node_classes()
              if "__getattr__" in vars(cls) and not issubclass(cls, BackwardCFunction)]
    assert hooked == []
    assert "__getattr__" not in vars(Node)


def test_saved_values_are_listed_and_read_as_pytorchs_are():
    torch = pytest.importorskip("torch")
    for lib in (engine, torch):
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        fns = ((x * x).grad_fn, x.exp().grad_fn, (x ** 3).grad_fn)
        saved = [sorted(a for a in dir(fn) if a.startswith("_saved_") and a != "_saved_fields")
                 for fn in fns]
        assert saved == [["_saved_other", "_saved_self"], ["_saved_result"],
                         ["_saved_exponent", "_saved_self"]], lib
    x = engine.tensor([1.0, 2.0], requires_grad=True)
    y = x * x
    e = x.exp()
    mul, exp = y.grad_fn, e.grad_fn
    assert mul._saved_self is x and mul._saved_other is x
    assert same_bits(exp._saved_result._data, e._data) and exp._saved_result.grad_fn is exp
    assert not hasattr(exp, "_saved_self")  # ExpBackward0 saves its result only
    y.sum().backward()
    with pytest.raises(RuntimeError, match="backward through the graph a second time"):
        mul._saved_self  # noqa: B018 - freed by backward


def test_each_binary_operator_runs_its_own_copy_of_the_code():
    """CPython specializes an attribute store per code object: code that add, sub and mul
    share meets three node classes and specializes no store to a node."""
    fns = (elementwise.add_tensor, elementwise.sub_tensor, elementwise.mul_tensor)
    assert len({id(fn.__code__) for fn in fns}) == 3
    assert [fn.__name__ for fn in fns] == ["add", "sub", "mul"]


@pytest.mark.parametrize("dtype", [engine.float32, engine.float64])
def test_the_square_of_a_sum_skips_only_a_multiplication_by_one(dtype):
    values = [0.0, -0.0, 1.5, -2.25, 3e38, float("inf"), float("nan"), 1e-40]
    x = engine.tensor(values, dtype=dtype, requires_grad=True)
    (x**2).sum().backward()  # the seed 1, expanded by SumBackward0: 2x * 1 is 2x
    assert same_bits(x.grad.numpy(), (x.detach() + x.detach()).numpy())
    for seed, factor in ((2.0, 2.0), (1.0, 1.0)):
        x.grad = None
        (x**2).sum().backward(engine.tensor(seed, dtype=engine.float64).to(dtype))
        expected = (x.detach() + x.detach()) * engine.full((len(values),), factor, dtype=dtype)
        assert same_bits(x.grad.numpy(), expected.numpy())
    x.grad = None
    ((x**2) * 1).sum().backward()  # a gradient of ones that is no view: multiplied
    assert same_bits(x.grad.numpy(), (x.detach() + x.detach()).numpy())


@pytest.mark.parametrize("dtype", [engine.float16, engine.float32, engine.float64])
def test_a_sums_gradient_is_its_seed_expanded_read_only_and_the_seed_1_is_made_once(dtype):
    """SumBackward0 gives a read-only view repeating the incoming gradient; the view of
    `loss.backward()`'s 1 is kept per shape (nobody can write it), any other value is new."""
    np_dtype = np.dtype(dtype.np)
    for shape in ((4,), (2, 3)):
        node = leaf(shape, dtype).sum()._grad_fn
        for value in (1.0, 2.5, 1.0):
            seed = np.array(value, np_dtype)
            (g,) = SumBackward0._apply(node, seed, np, False)
            assert same_bits(g, np.full(shape, value, np_dtype))
            assert not g.flags.writeable
            with pytest.raises(ValueError):
                g[0] = 0
        ones = [SumBackward0._apply(node, np.array(1, np_dtype), np, False)[0] for _ in range(2)]
        assert ones[0] is ones[1]
        twos = [SumBackward0._apply(node, np.array(2, np_dtype), np, False)[0] for _ in range(2)]
        assert twos[0] is not twos[1]


def test_the_kept_views_of_the_seed_1_stay_few():
    from engine.ops import reduction

    for n in range(1, 200):
        x = engine.ones(n, requires_grad=True)
        x.sum().backward()
        assert x.grad.tolist() == [1.0] * n
    assert len(reduction._expanded_ones) <= 64


@pytest.mark.parametrize("dtype", [engine.float16, engine.float32, engine.float64])
@pytest.mark.parametrize("op", ["add", "sub", "mul"])
def test_a_0_dim_tensor_and_a_python_float_give_what_the_general_path_gives(op, dtype):
    """`lr * p.grad` goes first to a path of its own (no node, no listener); a listener sends
    the same op through the general path, whose tensor it must equal bit for bit."""
    from engine import observer

    fn = getattr(elementwise, f"{op}_tensor")
    for value, number in ((0.75, 1e-3), (-2.5, 0.1), (3e38, 10.0), (1e-30, 3.0), (0.0, -0.0)):
        t = engine.tensor(value, dtype=dtype)
        fast = fn(t, number)
        with observer.recording() as events:
            general = fn(t, number)
        assert [e.op for e in events] == [op]
        assert same_bits(fast._data, general._data) and type(fast._data) is np.ndarray
        assert_same_tensor(fast, Tensor._wrap(general._data, general._device))
        assert fast._grad_fn is None
