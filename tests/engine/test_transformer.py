"""nn.Transformer, its encoder and decoder stacks and layers against torch 2.13 (skipped without
it): seeded weights, values, gradients of every parameter, printing, PyTorch's warning and
messages; and what holds without torch (deep copies, causal mask, gradcheck)."""

import warnings

import numpy as np
import pytest

import engine
from engine.autograd import gradcheck
from tests.engine.bernoulli_stream import torch_uses_mkl_bernoulli


@pytest.fixture
def torch():
    return pytest.importorskip("torch")


D_MODEL, HEADS, FF, SEQ, BATCH = 8, 2, 16, 5, 3
RNG = np.random.default_rng(11)
SRC = RNG.standard_normal((SEQ, BATCH, D_MODEL)).astype(np.float32)
PADDING = np.zeros((BATCH, SEQ), dtype=bool)
PADDING[1, 3:] = True

# name: (layer options, encoder options, forward options, training)
CASES = {
    "post-norm, relu": ({}, {}, {}, True),
    "pre-norm, gelu, final norm": ({"norm_first": True, "activation": "gelu"}, {"norm": True},
                                   {}, True),
    "batch_first with padding": ({"batch_first": True}, {}, {"src_key_padding_mask": PADDING},
                                 True),
    "causal mask": ({}, {}, {"mask": "causal"}, True),
    "causal mask, is_causal": ({}, {}, {"mask": "causal", "is_causal": True}, True),
    "dropout in training": ({"dropout": 0.3}, {}, {}, True),
    "eval": ({"dropout": 0.3}, {}, {"src_key_padding_mask": PADDING}, False),
    "no bias, callable activation": ({"bias": False, "activation": "tanh"}, {}, {}, True),
}


def _run(lib, layer_options, encoder_options, forward, training):
    layer_options = {"dropout": 0.0, **layer_options}
    if layer_options.get("activation") == "tanh":
        layer_options["activation"] = lib.tanh
    lib.manual_seed(0)
    layer = lib.nn.TransformerEncoderLayer(D_MODEL, HEADS, FF, **layer_options)
    norm = lib.nn.LayerNorm(D_MODEL) if encoder_options.get("norm") else None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        encoder = lib.nn.TransformerEncoder(layer, 2, norm=norm)
    encoder.train(training)
    src = SRC.transpose(1, 0, 2).copy() if layer_options.get("batch_first") else SRC
    src = lib.tensor(src, requires_grad=True)
    options = dict(forward)
    if options.get("mask") == "causal":
        options["mask"] = lib.nn.Transformer.generate_square_subsequent_mask(SEQ)
    if "src_key_padding_mask" in options:
        options["src_key_padding_mask"] = lib.tensor(options["src_key_padding_mask"])
    lib.manual_seed(1)
    out = encoder(src, **options)
    weights = lib.arange(out.numel(), dtype=out.dtype).reshape(out.shape).sin()
    (out * weights).sum().backward()
    numbers = {"out": out, "src.grad": src.grad}
    numbers.update({name: p.grad for name, p in encoder.named_parameters()})
    return repr(encoder), {k: v.detach().numpy() for k, v in numbers.items()}


@pytest.mark.parametrize("case", CASES)
def test_values_and_gradients_of_every_parameter_are_pytorchs(torch, case):
    if CASES[case][0].get("dropout") and CASES[case][3] and torch_uses_mkl_bernoulli(torch):
        pytest.skip("torch draws this CPU's dropout masks from MKL's stream")
    mine_repr, mine = _run(engine, *CASES[case])
    their_repr, theirs = _run(torch, *CASES[case])
    assert mine_repr == their_repr
    assert mine.keys() == theirs.keys()
    for name in theirs:
        np.testing.assert_allclose(mine[name], theirs[name], rtol=2e-4, atol=2e-5, err_msg=name)


def test_eval_without_grad_agrees_with_pytorchs_fused_layers(torch):
    outs = []
    for lib in (engine, torch):
        lib.manual_seed(0)
        layer = lib.nn.TransformerEncoderLayer(D_MODEL, HEADS, FF, batch_first=True)
        encoder = lib.nn.TransformerEncoder(layer, 2, enable_nested_tensor=False).eval()
        with lib.no_grad():
            outs.append(encoder(lib.tensor(SRC.transpose(1, 0, 2).copy())).numpy())
    np.testing.assert_allclose(outs[0], outs[1], rtol=1e-4, atol=1e-5)


def _right_padded_inference(lib, grad: bool):
    lib.manual_seed(0)
    layer = lib.nn.TransformerEncoderLayer(D_MODEL, HEADS, FF, batch_first=True)
    encoder = lib.nn.TransformerEncoder(layer, 2, norm=lib.nn.LayerNorm(D_MODEL)).eval()
    with lib.set_grad_enabled(grad):
        return encoder(lib.tensor(SRC.transpose(1, 0, 2).copy()),
                       src_key_padding_mask=lib.tensor(PADDING)).detach().numpy()


def test_inference_on_a_right_padded_batch_pads_the_output_with_zeros_as_pytorch(torch):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PyTorch's nested tensors are a prototype, it says
        theirs = _right_padded_inference(torch, False)
    np.testing.assert_allclose(_right_padded_inference(engine, False), theirs, rtol=1e-4,
                               atol=1e-5)


def test_only_inference_zeroes_the_padded_positions():
    without_grad = _right_padded_inference(engine, False)
    with_grad = _right_padded_inference(engine, True)
    assert not without_grad[1, 3:].any() and with_grad[1, 3:].all()
    np.testing.assert_array_equal(without_grad[0], with_grad[0])


def test_seeded_layer_has_pytorchs_weights(torch):
    params = []
    for lib in (engine, torch):
        lib.manual_seed(5)
        layer = lib.nn.TransformerEncoderLayer(D_MODEL, HEADS, FF)
        params.append({n: p.detach().numpy() for n, p in layer.named_parameters()})
    assert params[0].keys() == params[1].keys()
    for name in params[1]:
        np.testing.assert_array_equal(params[0][name], params[1][name], err_msg=name)


def test_the_nested_tensor_warning_is_pytorchs(torch):
    for lib in (engine, torch):
        layer = lib.nn.TransformerEncoderLayer(D_MODEL, HEADS, FF)
        with pytest.warns(UserWarning) as caught:
            encoder = lib.nn.TransformerEncoder(layer, 1)
        assert str(caught[0].message) == (
            "enable_nested_tensor is True, but self.use_nested_tensor is False because "
            "encoder_layer.self_attn.batch_first was not True(use batch_first for better "
            "inference performance)")
        assert encoder.use_nested_tensor is False


def test_the_causal_mask_is_pytorchs(torch):
    mine = engine.nn.Transformer.generate_square_subsequent_mask(4)
    theirs = torch.nn.Transformer.generate_square_subsequent_mask(4)
    assert repr(mine) == repr(theirs)


def test_layers_are_deep_copies_that_start_equal():
    layer = engine.nn.TransformerEncoderLayer(D_MODEL, HEADS, FF)
    encoder = engine.nn.TransformerEncoder(layer, 3, enable_nested_tensor=False)
    first, second = encoder.layers[0], encoder.layers[1]
    assert first is not layer and first.linear1.weight is not second.linear1.weight
    assert first.linear1.weight.tolist() == layer.linear1.weight.tolist()
    assert len(list(encoder.parameters())) == 3 * len(list(layer.parameters()))


def test_causal_mask_blocks_the_future():
    engine.manual_seed(0)
    layer = engine.nn.TransformerEncoderLayer(D_MODEL, HEADS, FF, dropout=0.0)
    src = engine.tensor(SRC, requires_grad=True)
    out = layer(src, src_mask=engine.nn.Transformer.generate_square_subsequent_mask(SEQ))
    out[0].sum().backward()  # the first position sees only itself
    assert src.grad[1:].abs().sum().item() == 0
    assert src.grad[0].abs().sum().item() > 0


def test_unknown_activation_is_refused_as_pytorch():
    with pytest.raises(RuntimeError, match="activation should be relu/gelu, not swish"):
        engine.nn.TransformerEncoderLayer(D_MODEL, HEADS, activation="swish")


def test_encoder_layer_passes_gradcheck():
    engine.manual_seed(0)
    layer = engine.nn.TransformerEncoderLayer(4, 2, 6, dropout=0.0).double()
    src = engine.randn(3, 2, 4, dtype=engine.float64, requires_grad=True)
    assert gradcheck(lambda x: layer(x), (src,))


TGT = RNG.standard_normal((4, BATCH, D_MODEL)).astype(np.float32)
TGT_PADDING = np.zeros((BATCH, 4), dtype=bool)
TGT_PADDING[2, 3] = True

# name: (Transformer options, forward options)
MODELS = {
    "post-norm, causal target": ({}, {"tgt_mask": "causal"}),
    "pre-norm, gelu, paddings": ({"norm_first": True, "activation": "gelu"},
                                 {"src_key_padding_mask": PADDING,
                                  "tgt_key_padding_mask": TGT_PADDING,
                                  "memory_key_padding_mask": PADDING}),
    # dropout of the batch-first (transposed) attention output: the mask in memory order
    "batch_first, dropout": ({"batch_first": True, "dropout": 0.2}, {"tgt_mask": "causal"}),
}


def _run_model(lib, options, forward):
    lib.manual_seed(0)
    model = lib.nn.Transformer(D_MODEL, HEADS, 2, 2, FF, **{"dropout": 0.0, **options})
    src, tgt = SRC, TGT
    if options.get("batch_first"):
        src, tgt = (a.transpose(1, 0, 2).copy() for a in (src, tgt))
    src, tgt = lib.tensor(src, requires_grad=True), lib.tensor(tgt, requires_grad=True)
    arguments = {k: (model.generate_square_subsequent_mask(4) if isinstance(v, str)
                     else lib.tensor(v)) for k, v in forward.items()}
    lib.manual_seed(1)
    out = model(src, tgt, **arguments)
    (out * lib.arange(out.numel(), dtype=out.dtype).reshape(out.shape).cos()).sum().backward()
    numbers = {"out": out, "src.grad": src.grad, "tgt.grad": tgt.grad}
    numbers.update({name: p.grad for name, p in model.named_parameters()})
    weights = {name: p.detach().numpy() for name, p in model.named_parameters()}
    return repr(model), weights, {k: v.detach().numpy() for k, v in numbers.items()}


@pytest.mark.parametrize("case", MODELS)
def test_transformer_weights_values_and_gradients_are_pytorchs(torch, case):
    if MODELS[case][0].get("dropout") and torch_uses_mkl_bernoulli(torch):
        pytest.skip("torch draws this CPU's dropout masks from MKL's stream")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        mine_repr, mine_weights, mine = _run_model(engine, *MODELS[case])
        their_repr, their_weights, theirs = _run_model(torch, *MODELS[case])
    assert mine_repr == their_repr
    assert mine_weights.keys() == their_weights.keys()
    for name in their_weights:  # every matrix re-drawn with xavier_uniform_, in PyTorch's order
        np.testing.assert_array_equal(mine_weights[name], their_weights[name], err_msg=name)
    assert mine.keys() == theirs.keys()
    for name in theirs:
        np.testing.assert_allclose(mine[name], theirs[name], rtol=2e-4, atol=2e-5, err_msg=name)


@pytest.mark.parametrize(("src", "tgt", "message"), [
    ((5, 3, 8), (4, 2, 8), "the batch number of src and tgt must be equal"),
    ((5, 3, 8), (4, 3, 6), "the feature number of src and tgt must be equal to d_model"),
])
def test_transformer_refuses_mismatched_inputs_as_pytorch(src, tgt, message):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = engine.nn.Transformer(D_MODEL, HEADS, 1, 1, FF)
    with pytest.raises(RuntimeError) as error:
        model(engine.randn(src), engine.randn(tgt))
    assert str(error.value) == message


def test_decoder_layer_attends_to_the_memory():
    engine.manual_seed(0)
    layer = engine.nn.TransformerDecoderLayer(D_MODEL, HEADS, FF, dropout=0.0)
    memory = engine.tensor(SRC, requires_grad=True)
    layer(engine.tensor(TGT), memory).sum().backward()
    assert memory.grad.abs().sum().item() > 0
    assert [name for name, _ in layer.named_children()] == [
        "self_attn", "multihead_attn", "linear1", "dropout", "linear2", "norm1", "norm2",
        "norm3", "dropout1", "dropout2", "dropout3"]
