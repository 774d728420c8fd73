"""engine.nn without the oracle: registration, traversal, repr, grads, state, layers and loss."""

import copy
import itertools
import math
import warnings
from collections import OrderedDict

import numpy as np
import pytest

import engine
from engine import nn
from engine.nn import functional as F


class TwoLayer(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.first = nn.Linear(3, 4)
        self.scale = nn.Parameter(engine.tensor(2.0))
        self.second = nn.Linear(4, 1, bias=False)
        self.note = "not registered"

    def forward(self, x):
        return self.second(self.first(x).relu()) * self.scale


def test_parameters_and_submodules_register_in_assignment_order():
    model = TwoLayer()
    names = [name for name, _ in model.named_parameters()]
    assert names == ["scale", "first.weight", "first.bias", "second.weight"]
    assert [name for name, _ in model.named_children()] == ["first", "second"]
    assert len(list(model.modules())) == 3
    assert "note" not in dict(model.named_parameters())
    assert model.note == "not registered"


def test_parameter_is_a_leaf_that_requires_grad_and_shares_its_data():
    data = engine.tensor([1.0, 2.0])
    param = nn.Parameter(data)
    assert isinstance(param, engine.Tensor)
    assert param.requires_grad and param.is_leaf
    with engine.no_grad():
        data.add_(1.0)
    assert param.tolist() == [2.0, 3.0]
    assert type(param * 2) is engine.Tensor


def test_parameter_repr_is_pytorchs():
    param = nn.Parameter(engine.tensor([1.0, 2.0]))
    assert repr(param) == "Parameter containing:\ntensor([1., 2.], requires_grad=True)"
    frozen = nn.Parameter(engine.tensor([1, 2]), requires_grad=False)
    assert repr(frozen) == "Parameter containing:\ntensor([1, 2])"


def test_integer_parameter_cannot_require_grad():
    with pytest.raises(RuntimeError, match="Only Tensors of floating point"):
        nn.Parameter(engine.tensor([1, 2]))


def test_sequential_repr_matches_pytorch_layout():
    model = nn.Sequential(nn.Linear(3, 1), nn.Flatten(0, 1))
    assert repr(model) == (
        "Sequential(\n"
        "  (0): Linear(in_features=3, out_features=1, bias=True)\n"
        "  (1): Flatten(start_dim=0, end_dim=1)\n"
        ")"
    )
    assert repr(nn.MSELoss(reduction="sum")) == "MSELoss()"


def test_nested_repr_indents_children():
    inner = nn.Sequential(nn.Linear(2, 2, bias=False))
    outer = nn.Sequential(inner, nn.Flatten())
    assert repr(outer) == (
        "Sequential(\n"
        "  (0): Sequential(\n"
        "    (0): Linear(in_features=2, out_features=2, bias=False)\n"
        "  )\n"
        "  (1): Flatten(start_dim=1, end_dim=-1)\n"
        ")"
    )


def test_sequential_indexing_slicing_and_bounds():
    first, second, third = nn.Linear(1, 2), nn.Linear(2, 3), nn.Flatten()
    model = nn.Sequential(first, second, third)
    assert model[0] is first and model[-1] is third and len(model) == 3
    tail = model[1:]
    assert isinstance(tail, nn.Sequential) and list(tail) == [second, third]
    with pytest.raises(IndexError, match="index 3 is out of range"):
        model[3]


def test_sequential_with_ordered_dict_uses_its_names():
    model = nn.Sequential(OrderedDict(hidden=nn.Linear(2, 2), out=nn.Linear(2, 1)))
    assert [name for name, _ in model.named_parameters()] == [
        "hidden.weight",
        "hidden.bias",
        "out.weight",
        "out.bias",
    ]
    assert model.out is model[1]


def test_assigning_a_plain_tensor_to_a_parameter_name_is_refused():
    layer = nn.Linear(2, 1)
    with pytest.raises(TypeError, match=r"cannot assign 'torch.FloatTensor' as parameter 'weight'"):
        layer.weight = engine.zeros(1, 2)
    layer.bias = None
    assert [name for name, _ in layer.named_parameters()] == ["weight"]


def test_missing_attribute_and_forward_give_pytorchs_errors():
    module = nn.Module()
    with pytest.raises(AttributeError, match="'Module' object has no attribute 'weight'"):
        _ = module.weight
    with pytest.raises(NotImplementedError, match='missing the required "forward" function'):
        module(engine.zeros(1))


def test_parameter_before_init_is_refused():
    class Broken(nn.Module):
        def __init__(self) -> None:
            self.weight = nn.Parameter(engine.zeros(1))

    with pytest.raises(AttributeError, match="before Module.__init__"):
        Broken()


def test_train_and_eval_reach_every_submodule():
    model = TwoLayer()
    assert model.eval() is model
    assert not any(m.training for m in model.modules())
    model.train()
    assert all(m.training for m in model.modules())
    with pytest.raises(ValueError, match="training mode is expected to be boolean"):
        model.train("yes")


def _backward_once(model):
    model(engine.ones(2, 3)).sum().backward()


def test_zero_grad_sets_grads_to_none_by_default():
    model = TwoLayer()
    _backward_once(model)
    assert all(p.grad is not None for p in model.parameters())
    model.zero_grad()
    assert all(p.grad is None for p in model.parameters())


def test_zero_grad_without_set_to_none_zeroes_the_same_tensor():
    model = TwoLayer()
    # Through the first layer alone: a relu could zero every gradient of a random init.
    model.first(engine.ones(2, 3)).sum().backward()
    held = model.first.weight.grad
    assert held.abs().sum().item() > 0
    model.zero_grad(set_to_none=False)
    assert model.first.weight.grad is held
    assert held.abs().sum().item() == 0


def test_linear_shapes_and_pytorch_init_bounds():
    engine.manual_seed(0)
    layer = nn.Linear(16, 5)
    assert layer.weight.shape == (5, 16) and layer.bias.shape == (5,)
    bound = 1 / math.sqrt(16)
    for param in (layer.weight, layer.bias):
        values = param.detach().numpy()
        assert np.all(np.abs(values) <= bound)
        assert values.std() > bound / 4  # spread over the interval, not a constant
    assert layer(engine.ones(7, 16)).shape == (7, 5)
    assert layer(engine.ones(16)).shape == (5,)


def test_linear_computes_x_times_weight_transposed_plus_bias():
    layer = nn.Linear(2, 3)
    with engine.no_grad():
        layer.weight.copy_(engine.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]))
        layer.bias.copy_(engine.tensor([0.5, -0.5, 0.0]))
    x = engine.tensor([[1.0, -1.0], [2.0, 0.5]])
    out = layer(x)
    expected = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    np.testing.assert_allclose(
        out.detach().numpy(), x.numpy() @ expected.T + [0.5, -0.5, 0.0], rtol=1e-6
    )
    out.sum().backward()
    np.testing.assert_allclose(layer.weight.grad.numpy(), [[3.0, -0.5]] * 3)
    np.testing.assert_allclose(layer.bias.grad.numpy(), [2.0, 2.0, 2.0])


def test_linear_rejects_mismatched_input():
    with pytest.raises(RuntimeError):
        nn.Linear(3, 1)(engine.zeros(2, 4))


def test_flatten_merges_the_chosen_dimensions():
    x = engine.zeros(2, 3, 4)
    assert nn.Flatten()(x).shape == (2, 12)
    assert nn.Flatten(0, 1)(x).shape == (6, 4)
    assert nn.Flatten(0, -1)(x).shape == (24,)


def test_mse_loss_reductions_by_hand():
    pred = engine.tensor([1.0, 2.0, 4.0], requires_grad=True)
    target = engine.tensor([0.0, 2.0, 1.0])
    assert F.mse_loss(pred, target, reduction="none").tolist() == [1.0, 0.0, 9.0]
    assert nn.MSELoss(reduction="sum")(pred, target).item() == 10.0
    loss = nn.MSELoss()(pred, target)
    assert loss.item() == pytest.approx(10.0 / 3)
    loss.backward()
    np.testing.assert_allclose(pred.grad.numpy(), [2 / 3, 0.0, 2.0], rtol=1e-6)


def test_mse_loss_bad_reduction_and_broadcast_warning():
    with pytest.raises(ValueError, match="avg is not a valid value for reduction"):
        nn.MSELoss(reduction="avg")(engine.zeros(2), engine.zeros(2))
    with pytest.warns(UserWarning, match=r"Using a target size \(torch.Size\(\[2\]\)\)"):
        F.mse_loss(engine.zeros(2, 1), engine.zeros(2))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        F.mse_loss(engine.zeros(2), engine.zeros(2))


def test_activation_functions_match_numpy():
    x = engine.tensor([-2.0, 0.0, 3.0])
    data = x.numpy()
    np.testing.assert_allclose(F.relu(x).numpy(), np.maximum(data, 0))
    np.testing.assert_allclose(F.sigmoid(x).numpy(), 1 / (1 + np.exp(-data)), rtol=1e-6)
    np.testing.assert_allclose(F.tanh(x).numpy(), np.tanh(data), rtol=1e-6)


def test_state_dict_round_trip_copies_values_into_the_same_parameters():
    source, target = TwoLayer(), TwoLayer()
    weight = target.first.weight
    state = source.state_dict()
    assert list(state) == ["scale", "first.weight", "first.bias", "second.weight"]
    assert not state["scale"].requires_grad
    assert repr(target.load_state_dict(state)) == "<All keys matched successfully>"
    assert target.first.weight is weight
    for name, param in target.named_parameters():
        assert param.tolist() == state[name].tolist()


def test_load_state_dict_reports_missing_unexpected_and_size_errors():
    model = nn.Sequential(nn.Linear(3, 1), nn.Flatten(0, 1))
    bad = {"0.weight": engine.zeros(2, 3), "x": engine.zeros(1)}
    with pytest.raises(RuntimeError) as info:
        model.load_state_dict(bad)
    assert str(info.value) == (
        "Error(s) in loading state_dict for Sequential:\n"
        '\tMissing key(s) in state_dict: "0.bias". \n'
        '\tUnexpected key(s) in state_dict: "x". \n'
        "\tsize mismatch for 0.weight: copying a param with shape torch.Size([2, 3]) from "
        "checkpoint, the shape in current model is torch.Size([1, 3])."
    )
    result = model.load_state_dict({"0.bias": engine.tensor([0.25])}, strict=False)
    assert result.missing_keys == ["0.weight"] and result.unexpected_keys == []
    assert model[0].bias.tolist() == [0.25]


def test_to_float64_converts_parameters_in_place():
    model = nn.Sequential(nn.Linear(3, 1))
    weight = model[0].weight
    model.double()
    assert model[0].weight is weight and weight.dtype == engine.float64
    assert model(engine.ones(2, 3, dtype=engine.float64)).dtype == engine.float64


def _polynomial_data(points=200):
    x = engine.linspace(-math.pi, math.pi, points)
    return x.unsqueeze(-1).pow(engine.tensor([1, 2, 3])), engine.sin(x)


def test_nn_polynomial_loss_decreases_with_manual_updates():
    engine.manual_seed(1)
    xx, y = _polynomial_data()
    model = nn.Sequential(nn.Linear(3, 1), nn.Flatten(0, 1))
    loss_fn = nn.MSELoss(reduction="sum")
    losses = []
    for _ in range(30):
        loss = loss_fn(model(xx), y)
        losses.append(loss.item())
        model.zero_grad()
        loss.backward()
        with engine.no_grad():
            for param in model.parameters():
                param -= 1e-5 * param.grad
    assert losses[-1] < 0.5 * losses[0]
    assert all(later <= earlier for earlier, later in itertools.pairwise(losses))


def test_deepcopy_gives_independent_parameters():
    model = nn.Sequential(nn.Linear(3, 1))
    twin = copy.deepcopy(model)
    assert type(twin[0].weight) is nn.Parameter and twin[0].weight.requires_grad
    assert twin[0].weight.tolist() == model[0].weight.tolist()
    with engine.no_grad():
        twin[0].weight.add_(1.0)
    assert twin[0].weight.tolist() != model[0].weight.tolist()
