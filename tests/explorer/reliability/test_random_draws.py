"""Random draws after manual_seed: the generator moves on from draw to draw (no replay of the
earlier ones), the values are PyTorch's, and a large later draw is never folded into text."""
from __future__ import annotations

import numpy as np
import pytest

import engine
from explorer.core.codegen.snippet_import import MAX_FOLDED_RANDOM, SnippetError, import_snippet
from explorer.core.document.evaluation import evaluate


def test_each_draw_is_made_once_however_many_came_before(monkeypatch):
    made = []
    original = engine.generator.Generator.uniform

    def counting(self, shape, dtype, *args, **kwargs):
        made.append(shape)
        return original(self, shape, dtype, *args, **kwargs)

    monkeypatch.setattr(engine.generator.Generator, "uniform", counting)
    lines = "".join(f"x{i} = torch.rand(3)\n" for i in range(40))
    import_snippet("import torch\ntorch.manual_seed(1)\n" + lines)
    assert len(made) == 40   # replaying the earlier draws made 820


def test_later_draws_hold_what_pytorch_gives():
    torch = pytest.importorskip("torch")
    source = ("import torch\ntorch.manual_seed(3)\na = torch.randn(5)\nb = torch.rand(2, 3)\n"
              "c = torch.randn(3)\n")
    doc = import_snippet(source)
    ev = evaluate(doc)
    torch.manual_seed(3)
    want = {"a": torch.randn(5), "b": torch.rand(2, 3), "c": torch.randn(3)}
    for name, value in want.items():
        got = ev.values[doc.node_by_name(name).id]
        np.testing.assert_array_equal(got.detach().numpy(), value.numpy(), err_msg=name)


def test_a_large_later_draw_is_refused_not_folded_into_text():
    source = (f"import torch\ntorch.manual_seed(0)\na = torch.rand(4)\n"
              f"b = torch.rand({MAX_FOLDED_RANDOM + 1})\n")
    with pytest.raises(SnippetError, match="manual_seed") as raised:
        import_snippet(source)
    assert raised.value.line == 4


def test_a_large_first_draw_stays_a_seeded_rand():
    doc = import_snippet("import torch\ntorch.manual_seed(5)\na = torch.rand(1000000)\n")
    params = doc.node_by_name("a").params
    assert (params["init"], params["seed"]) == ("rand", 5)
