"""dropout of a non-contiguous input draws its mask in memory order, as PyTorch's bernoulli_
fills empty_like(input) (the transposed attention output of a batch_first Transformer)."""

import pytest

import engine
from tests.engine.bernoulli_stream import torch_uses_mkl_bernoulli

VIEWS = [  # (shape, the non-contiguous view dropped out)
    ((4, 6), lambda x: x.t()),
    ((2, 3, 4), lambda x: x.permute(2, 0, 1)),
    ((2, 3, 4), lambda x: x.flip(0)),  # PyTorch's flip is a copy: contiguous
]


def _masks(lib):
    out = []
    for shape, view in VIEWS:
        lib.manual_seed(3)
        out.append(lib.nn.functional.dropout(view(lib.ones(shape)), 0.5).tolist())
    return out


def test_a_transposed_input_gets_the_transposed_mask_of_its_original():
    x = engine.ones(4, 6)
    engine.manual_seed(3)
    of_transposed = engine.nn.functional.dropout(x.t(), 0.5)
    engine.manual_seed(3)
    of_original = engine.nn.functional.dropout(x, 0.5)
    assert of_transposed.tolist() == of_original.t().tolist()
    engine.manual_seed(3)
    assert engine.nn.functional.dropout(x.t().contiguous(), 0.5).tolist() != \
        of_transposed.tolist()


def test_the_masks_are_pytorchs():
    torch = pytest.importorskip("torch")
    if torch_uses_mkl_bernoulli(torch):
        pytest.skip("torch draws this CPU's bernoulli_ from MKL's stream")
    assert _masks(engine) == _masks(torch)
