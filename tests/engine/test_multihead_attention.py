"""nn.MultiheadAttention and F.multi_head_attention_forward against torch 2.13 (skipped without
it): seeded weights, values, gradients of every parameter and input, the whole grad_fn tree,
printing; PyTorch's shape errors and a float64 gradcheck (always)."""

import numpy as np
import pytest

import engine
from engine.autograd import gradcheck
from tests.engine.bernoulli_stream import torch_uses_mkl_bernoulli


@pytest.fixture
def torch():
    return pytest.importorskip("torch")


def _tree(fn):
    """(name, children) down to the leaves; None for an edge to nothing."""
    if fn is None:
        return None
    return (type(fn).__name__, tuple(_tree(n) for n, _ in fn.next_functions))


L, S, N, E, HEADS = 3, 4, 2, 6, 2
RNG = np.random.default_rng(7)
X = RNG.standard_normal((L, N, E)).astype(np.float32)
KEY = RNG.standard_normal((S, N, E)).astype(np.float32)
VALUE = RNG.standard_normal((S, N, E)).astype(np.float32)
CAUSAL = np.triu(np.ones((L, L), dtype=bool), 1)
PADDING = np.array([[False, False, True], [False, False, False]])
FLOAT_MASK = RNG.standard_normal((N * HEADS, L, S)).astype(np.float32)

# name: (constructor options, inputs ("x" self-attention, "kv" key is value, "qkv" three
# tensors), forward options as arrays, whether the input needs a gradient)
CASES = {
    "self-attention": ({}, "x", {}, True),
    "batch_first": ({"batch_first": True}, "x_batch_first", {}, True),
    "unbatched": ({}, "x0", {}, True),
    "key is value": ({}, "kv", {}, False),
    "three tensors": ({}, "qkv", {}, True),
    "kdim and vdim": ({"kdim": 5, "vdim": 3}, "qkv_dims", {}, True),
    "no bias": ({"bias": False}, "x", {}, True),
    "causal bool mask and padding": ({}, "x", {"attn_mask": CAUSAL,
                                               "key_padding_mask": PADDING}, True),
    "3-D float mask, weights per head": ({}, "qkv", {"attn_mask": FLOAT_MASK,
                                                     "average_attn_weights": False}, True),
    "bias_kv and zero attention": ({"add_bias_kv": True, "add_zero_attn": True}, "x",
                                   {"key_padding_mask": PADDING}, True),
    "dropout": ({"dropout": 0.5}, "x", {}, True),
    "need_weights=False": ({}, "x", {"need_weights": False}, True),
    "is_causal without weights": ({}, "x", {"attn_mask": CAUSAL, "is_causal": True,
                                            "need_weights": False}, True),
}


def _inputs(lib, kind, grad):
    def t(a):
        return lib.tensor(a, requires_grad=grad)

    if kind == "x":
        x = t(X)
        return x, x, x
    if kind == "x_batch_first":
        x = t(X.transpose(1, 0, 2).copy())
        return x, x, x
    if kind == "x0":
        x = t(X[:, 0])
        return x, x, x
    if kind == "kv":
        k = t(KEY)
        return t(X), k, k
    if kind == "qkv":
        return t(X), t(KEY), t(VALUE)
    return t(X), t(KEY[..., :5]), t(VALUE[..., :3])  # kdim 5, vdim 3


def _run(lib, options, kind, forward, grad):
    lib.manual_seed(0)
    mha = lib.nn.MultiheadAttention(E, HEADS, **options)
    query, key, value = _inputs(lib, kind, grad)
    forward = {k: lib.tensor(v) if isinstance(v, np.ndarray) else v for k, v in forward.items()}
    lib.manual_seed(1)
    out, weights = mha(query, key, value, **forward)
    loss = (out * lib.arange(out.numel(), dtype=out.dtype).reshape(out.shape).cos()).sum()
    if weights is not None:
        loss = loss + (weights * weights).sum()
    loss.backward()
    numbers = {"out": out, **({"weights": weights} if weights is not None else {})}
    numbers.update({name: p.grad for name, p in mha.named_parameters()})
    for name, x in (("query", query), ("key", key), ("value", value)):
        if x.grad is not None:
            numbers[name + ".grad"] = x.grad
    return mha, out, weights, {k: v.detach().numpy() for k, v in numbers.items()}


@pytest.mark.parametrize("case", CASES)
def test_values_gradients_and_graph_are_pytorchs(torch, case):
    options, kind, forward, grad = CASES[case]
    if options.get("dropout") and torch_uses_mkl_bernoulli(torch):
        pytest.skip("torch draws this CPU's dropout masks from MKL's stream")
    mine = _run(engine, options, kind, forward, grad)
    theirs = _run(torch, options, kind, forward, grad)
    assert mine[3].keys() == theirs[3].keys()
    for name in theirs[3]:
        np.testing.assert_allclose(mine[3][name], theirs[3][name], rtol=1e-4, atol=1e-5,
                                   err_msg=name)
    assert (mine[2] is None) == (theirs[2] is None)
    if forward.get("need_weights", True):  # without weights PyTorch fuses the attention
        assert _tree(mine[1].grad_fn) == _tree(theirs[1].grad_fn)
        assert _tree(mine[2].grad_fn) == _tree(theirs[2].grad_fn)


def test_seeded_weights_are_pytorchs_draws(torch):
    for options in ({}, {"kdim": 5, "vdim": 3, "add_bias_kv": True}):
        engine.manual_seed(3)
        torch.manual_seed(3)
        mine = engine.nn.MultiheadAttention(E, HEADS, **options)
        theirs = torch.nn.MultiheadAttention(E, HEADS, **options)
        names = [n for n, _ in theirs.named_parameters()]
        assert [n for n, _ in mine.named_parameters()] == names
        for (_, a), (_, b) in zip(mine.named_parameters(), theirs.named_parameters()):
            np.testing.assert_array_equal(a.detach().numpy(), b.detach().numpy())


def test_eval_without_grad_agrees_with_pytorchs_fused_path(torch):
    values = []
    for lib in (engine, torch):
        lib.manual_seed(0)
        mha = lib.nn.MultiheadAttention(E, HEADS, batch_first=True).eval()
        x = lib.tensor(X.transpose(1, 0, 2).copy())
        with lib.no_grad():
            out, weights = mha(x, x, x, key_padding_mask=lib.tensor(PADDING))
        values.append((out.numpy(), weights.numpy()))
    for a, b in zip(*values):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


def test_prints_as_pytorch(torch):
    for options in ({}, {"bias": False, "kdim": 3}):
        assert repr(engine.nn.MultiheadAttention(E, HEADS, **options)) == repr(
            torch.nn.MultiheadAttention(E, HEADS, **options))
    mine, theirs = engine.nn.MultiheadAttention(E, HEADS), torch.nn.MultiheadAttention(E, HEADS)
    assert repr(type(mine)) == repr(type(theirs))
    assert repr(type(mine.out_proj)) == repr(type(theirs.out_proj))


def test_output_and_weight_shapes():
    mha = engine.nn.MultiheadAttention(E, HEADS, batch_first=True)
    q, kv = engine.randn(N, L, E), engine.randn(N, S, E)
    out, weights = mha(q, kv, kv)
    assert out.shape == (N, L, E) and weights.shape == (N, L, S)
    out, weights = mha(q, kv, kv, average_attn_weights=False)
    assert weights.shape == (N, HEADS, L, S)
    out, weights = mha(q[0], kv[0], kv[0])  # unbatched: batch_first does not apply
    assert out.shape == (L, E) and weights.shape == (L, S)
    out, weights = mha(q, kv, kv, need_weights=False)
    assert out.shape == (N, L, E) and weights is None


def test_attention_passes_gradcheck():
    engine.manual_seed(0)
    mha = engine.nn.MultiheadAttention(4, 2).double()
    mask = engine.tensor(CAUSAL)

    def attention(x, w, b, wo):
        out, weights = engine.nn.functional.multi_head_attention_forward(
            x, x, x, 4, 2, w, b, None, None, False, 0.0, wo, mha.out_proj.bias,
            attn_mask=mask)
        return out, weights

    x = engine.randn(3, 2, 4, dtype=engine.float64, requires_grad=True)
    assert gradcheck(attention, (x, mha.in_proj_weight, mha.in_proj_bias, mha.out_proj.weight))


SHAPE_ERRORS = [  # (query, key, value shapes, forward options as (shape, dtype name), message)
    ((2, 2, 2, 6), (3, 2, 6), (3, 2, 6), {},
     "query should be unbatched 2D or batched 3D tensor but received 4-D query tensor"),
    ((3, 2, 6), (3, 6), (3, 6), {},
     ("For batched (3-D) `query`, expected `key` and `value` to be 3-D but found 2-D and 2-D "
     "tensors respectively")),
    ((3, 6), (3, 6), (3, 6), {"key_padding_mask": ((1, 3), "bool")},
     ("For unbatched (2-D) `query`, expected `key_padding_mask` to be `None` or 1-D but found "
     "2-D tensor instead")),
    ((3, 2, 6), (3, 2, 6), (3, 2, 6), {"attn_mask": ((1, 4, 3, 3), "bool")},
     ("For batched (3-D) `query`, expected `attn_mask` to be `None`, 2-D or 3-D but found 4-D "
     "tensor instead")),
    ((3, 6), (4, 6), (4, 6), {"attn_mask": ((2, 3, 3), "float32")},
     "Expected `attn_mask` shape to be (2, 3, 4) but got torch.Size([2, 3, 3])"),
    ((3, 2, 5), (3, 2, 5), (3, 2, 5), {}, "was expecting embedding dimension of 6, but got 5"),
    ((3, 2, 6), (3, 2, 6), (4, 2, 6), {},
     "key shape torch.Size([3, 2, 6]) does not match value shape torch.Size([4, 2, 6])"),
    ((3, 2, 6), (4, 2, 6), (4, 2, 6), {"attn_mask": ((3, 3), "float32")},
     "The shape of the 2D attn_mask is torch.Size([3, 3]), but should be (3, 4)."),
    ((3, 2, 6), (4, 2, 6), (4, 2, 6), {"key_padding_mask": ((2, 3), "bool")},
     "Expected key_padded_mask.shape[1] to be 4, but got 3"),
    ((3, 2, 6), (3, 2, 6), (3, 2, 6), {"attn_mask": ((3, 3), "int64")},
     "only bool and floating types of attn_mask are supported"),
]


def _shape_error(lib, query, key, value, options):
    mha = lib.nn.MultiheadAttention(E, HEADS)
    masks = {k: lib.zeros(shape, dtype=getattr(lib, dtype)) for k, (shape, dtype) in
             options.items()}
    with pytest.raises((AssertionError, RuntimeError)) as error:
        mha(lib.randn(query), lib.randn(key), lib.randn(value), **masks)
    return str(error.value)


@pytest.mark.parametrize("case", SHAPE_ERRORS, ids=lambda case: case[-1][:40])
def test_shape_errors_are_pytorchs(case):
    assert _shape_error(engine, *case[:4]) == case[4]


@pytest.mark.parametrize("case", SHAPE_ERRORS, ids=lambda case: case[-1][:40])
def test_pytorch_words_the_shape_errors_so(torch, case):
    assert _shape_error(torch, *case[:4]) == case[4]


def test_constructor_checks():
    with pytest.raises(AssertionError, match="embed_dim must be divisible by num_heads"):
        engine.nn.MultiheadAttention(5, 2)
    with pytest.raises(ValueError, match="embed_dim and num_heads must be greater than 0, got "
                                         "embed_dim=4 and num_heads=0 instead"):
        engine.nn.MultiheadAttention(4, 0)
