"""BatchNorm, LayerNorm, Embedding, RNN / LSTM / GRU (and cells), F.pad: seeded modules get
PyTorch's weights, and outputs, grad_fn names, gradients and running statistics match torch."""
import numpy as np
import pytest

import engine
from tests.engine.bernoulli_stream import torch_uses_mkl_bernoulli

torch = pytest.importorskip("torch")


def _run(make, inputs, seed=0, train=True, steps=1):
    """Build the module with each library under the same seed, run `steps` forward/backward
    passes on the same inputs; return per library (module, outputs, input leaves)."""
    results = []
    for lib in (engine, torch):
        lib.manual_seed(seed)
        module = make(lib)
        module.train(train)
        leaves = [lib.tensor(v, requires_grad=v.dtype.kind == "f") for v in inputs]
        for _ in range(steps):
            out = module(*leaves)
            flat = [o for o in (out if isinstance(out, tuple) else (out,))
                    for o in (o if isinstance(o, tuple) else (o,))]
            total = sum((o * lib.arange(o.numel(), dtype=o.dtype).reshape(o.shape).cos()).sum()
                        for o in flat)
            total.backward()
        results.append((module, flat, leaves))
    return results


def _compare(results, rtol=1e-5, atol=1e-6, names=True):
    (mod, outs, leaves), (t_mod, t_outs, t_leaves) = results
    for o, t in zip(outs, t_outs):
        np.testing.assert_allclose(o.detach().numpy(), t.detach().numpy(), rtol=rtol, atol=atol)
        if names:
            assert type(o.grad_fn).__name__ == type(t.grad_fn).__name__
    ours = dict(mod.named_parameters())
    for name, p in t_mod.named_parameters():
        np.testing.assert_allclose(ours[name].detach().numpy(), p.detach().numpy(), rtol=rtol)
        np.testing.assert_allclose(ours[name].grad.numpy(), p.grad.numpy(), rtol=1e-4, atol=1e-5)
    buffers = dict(mod.named_buffers())
    for name, b in t_mod.named_buffers():
        np.testing.assert_allclose(buffers[name].numpy(), b.numpy(), rtol=1e-5, atol=1e-6)
    for x, t in zip(leaves, t_leaves):
        if t.grad is not None:
            np.testing.assert_allclose(x.grad.numpy(), t.grad.numpy(), rtol=1e-4, atol=1e-5)
    assert list(mod.state_dict()) == list(t_mod.state_dict())
    assert repr(mod) == repr(t_mod)


def _x(*shape, seed=1):
    return np.random.default_rng(seed).standard_normal(shape).astype(np.float32) * 2 + 0.5


@pytest.mark.parametrize("train", [True, False])
@pytest.mark.parametrize("momentum", [0.1, None])
def test_batchnorm1d_and_2d(train, momentum):
    _compare(_run(lambda lib: lib.nn.BatchNorm1d(4, momentum=momentum), [_x(6, 4)],
                  train=train, steps=3))
    _compare(_run(lambda lib: lib.nn.BatchNorm1d(3, affine=False), [_x(5, 3, 7)], train=train))
    _compare(_run(lambda lib: lib.nn.BatchNorm2d(3, momentum=momentum), [_x(2, 3, 4, 5)],
                  train=train, steps=2))


def test_batchnorm_errors_as_torch():
    for lib in (engine, torch):
        with pytest.raises(ValueError, match="expected 4D input"):
            lib.nn.BatchNorm2d(3)(lib.zeros(2, 3, 4))
        with pytest.raises(ValueError, match="more than 1 value per channel"):
            lib.nn.BatchNorm1d(3)(lib.zeros(1, 3))


@pytest.mark.parametrize("shape", [4, (3, 4)])
def test_layernorm(shape):
    _compare(_run(lambda lib: lib.nn.LayerNorm(shape), [_x(2, 3, 4)]))
    _compare(_run(lambda lib: lib.nn.LayerNorm(shape, elementwise_affine=False), [_x(5, 3, 4)]))


def test_functional_norms_and_double_backward():
    x = _x(4, 3)
    for lib in (engine, torch):
        t = lib.tensor(x, requires_grad=True)
        w = lib.tensor([1.5, -0.5, 2.0], requires_grad=True)
        y = lib.nn.functional.layer_norm(t, (3,), w) + lib.nn.functional.batch_norm(
            t, None, None, w, None, training=True)
        (g,) = lib.autograd.grad((y ** 2).sum(), t, create_graph=True)
        (h,) = lib.autograd.grad(g.sum(), w)
        if lib is engine:
            ours = (y.detach().numpy(), g.detach().numpy(), h.numpy())
        else:
            for a, b in zip(ours, (y.detach().numpy(), g.detach().numpy(), h.numpy())):
                np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-4)


def test_embedding_with_padding_and_repeats():
    idx = np.array([[1, 0, 4, 1], [2, 1, 0, 3]])
    _compare(_run(lambda lib: lib.nn.Embedding(5, 3), [idx]))
    _compare(_run(lambda lib: lib.nn.Embedding(5, 3, padding_idx=0), [idx]))
    w = engine.tensor(_x(4, 2))
    emb = engine.nn.Embedding.from_pretrained(w)
    assert not emb.weight.requires_grad
    assert emb(engine.tensor([3])).tolist() == [w[3].tolist()]
    with pytest.raises(IndexError, match="index out of range"):
        engine.nn.Embedding(3, 2)(engine.tensor([3]))


@pytest.mark.parametrize("kind", ["RNN", "LSTM", "GRU"])
@pytest.mark.parametrize("options", [
    {}, {"num_layers": 2}, {"batch_first": True}, {"bidirectional": True},
    {"num_layers": 2, "bidirectional": True, "bias": False},
])
def test_recurrent_layers(kind, options):
    shape = (3, 5, 4) if options.get("batch_first") else (5, 3, 4)
    _compare(_run(lambda lib: getattr(lib.nn, kind)(4, 6, **options), [_x(*shape)]),
             rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("kind", ["RNN", "LSTM", "GRU"])
def test_recurrent_layers_unbatched_and_with_an_initial_state(kind):
    _compare(_run(lambda lib: getattr(lib.nn, kind)(3, 4), [_x(6, 3)]), rtol=1e-4, atol=1e-5)
    if kind == "LSTM":
        return
    _compare(_run(lambda lib: getattr(lib.nn, kind)(3, 4, 2), [_x(6, 2, 3), _x(2, 2, 4)]),
             rtol=1e-4, atol=1e-5)


def test_relu_rnn_and_lstm_with_a_state():
    _compare(_run(lambda lib: lib.nn.RNN(3, 4, nonlinearity="relu"), [_x(5, 2, 3)]),
             rtol=1e-4, atol=1e-5)

    class Wrapper:
        def __init__(self, lib):
            self.lstm = lib.nn.LSTM(3, 4)

    for lib in (engine, torch):
        lib.manual_seed(0)
        lstm = lib.nn.LSTM(3, 4)
        out, (h, c) = lstm(lib.tensor(_x(5, 2, 3)), (lib.tensor(_x(1, 2, 4)),
                                                      lib.tensor(_x(1, 2, 4, seed=2))))
        if lib is engine:
            ours = [out.detach().numpy(), h.detach().numpy(), c.detach().numpy()]
        else:
            for a, b in zip(ours, [out.detach().numpy(), h.detach().numpy(),
                                   c.detach().numpy()]):
                np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("kind", ["RNNCell", "LSTMCell", "GRUCell"])
def test_cells(kind):
    _compare(_run(lambda lib: getattr(lib.nn, kind)(3, 5), [_x(4, 3)]), rtol=1e-4, atol=1e-5)
    _compare(_run(lambda lib: getattr(lib.nn, kind)(3, 5, bias=False), [_x(3)]), rtol=1e-4,
             atol=1e-5, names=False)


@pytest.mark.parametrize("pad, mode", [
    ((1, 2), "constant"), ((1, 1, 2, 0), "constant"), ((-1, 2), "constant"),
    ((2, 1), "reflect"), ((1, 2), "replicate"), ((1, 1, 1, 1), "circular"),
])
def test_pad(pad, mode):
    x = _x(1, 2, 3, 4)[0] if len(pad) == 2 and mode != "constant" else _x(1, 2, 3, 4)
    for lib in (engine, torch):
        t = lib.tensor(x, requires_grad=True)
        y = lib.nn.functional.pad(t, pad, mode=mode, **({"value": 0.5} if mode == "constant"
                                                       else {}))
        (y * lib.arange(y.numel(), dtype=y.dtype).reshape(y.shape)).sum().backward()
        if lib is engine:
            ours = (y.detach().numpy(), t.grad.numpy(), type(y.grad_fn).__name__)
        else:
            np.testing.assert_allclose(ours[0], y.detach().numpy())
            np.testing.assert_allclose(ours[1], t.grad.numpy())
            if mode == "constant":
                assert ours[2] == type(y.grad_fn).__name__


def test_dropout_masks_are_torchs():
    if torch_uses_mkl_bernoulli(torch):
        pytest.skip("torch draws this CPU's bernoulli_ from MKL's stream")
    for p in (0.1, 0.5, 0.8):
        masks = []
        for lib in (engine, torch):
            lib.manual_seed(7)
            x = lib.arange(1.0, 41.0).reshape(5, 8)
            masks.append((lib.nn.Dropout(p)(x).tolist(), lib.nn.functional.dropout(x, p).tolist()))
        assert masks[0] == masks[1]
