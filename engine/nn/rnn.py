"""nn.RNN, nn.LSTM, nn.GRU and their one-step cells, built from the engine's differentiable ops.

The arithmetic follows PyTorch's CPU implementation (aten/src/ATen/native/RNN.cpp): the input
projection of a whole layer is computed first, then each step adds the hidden projection; the
gates are chunks of one product in PyTorch's order (LSTM: input, forget, cell, output; GRU:
reset, update, new). Parameters are registered and initialised in PyTorch's order, uniform in
+-1/sqrt(hidden_size), so a seeded program gets PyTorch's weights.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

from engine.nn import functional as F
from engine.nn import init
from engine.nn.module import Module
from engine.nn.parameter import Parameter
from engine.ops.shape import StackBackward0, TransposeBackward1

_GATES = {"RNN_TANH": 1, "RNN_RELU": 1, "LSTM": 4, "GRU": 3}


class MkldnnRnnLayerBackward0(StackBackward0):
    """The grad_fn PyTorch's CPU LSTM shows on a layer's output (here: the stacked steps)."""

    __slots__ = ()


def _shown_as(t, node_cls):
    """t, its grad_fn printed under PyTorch's name for it (the same backward)."""
    if t.grad_fn is not None:
        t.grad_fn.__class__ = node_cls
    return t


def _rnn_step(activation):
    def step(x_proj, h, w_hh, b_hh):
        return activation(x_proj + F.linear(h, w_hh, b_hh))

    return step


def _lstm_step(x_proj, state, w_hh, b_hh):
    hx, cx = state
    gates = x_proj + F.linear(hx, w_hh, b_hh)
    i, f, g, o = gates.chunk(4, 1)
    cy = f.sigmoid() * cx + i.sigmoid() * g.tanh()
    return o.sigmoid() * cy.tanh(), cy


def _gru_step(x_proj, h, w_hh, b_hh):
    ir, iz, in_ = x_proj.chunk(3, 1)
    hr, hz, hn = F.linear(h, w_hh, b_hh).chunk(3, 1)
    reset = (ir + hr).sigmoid()
    update = (iz + hz).sigmoid()
    new = (in_ + hn * reset).tanh()
    return (h - new) * update + new


def _step_for(mode: str):
    import engine

    if mode == "LSTM":
        return _lstm_step
    if mode == "GRU":
        return _gru_step
    return _rnn_step(engine.tanh if mode == "RNN_TANH" else engine.relu)


class RNNBase(Module):
    """The shared body of RNN, LSTM and GRU: layers, directions, parameters and the loop."""

    def __init__(self, mode: str, input_size: int, hidden_size: int, num_layers: int = 1,
                 bias: bool = True, batch_first: bool = False, dropout: float = 0.0,
                 bidirectional: bool = False, proj_size: int = 0, device: Any = None,
                 dtype: Any = None) -> None:
        import engine

        super().__init__()
        if proj_size:
            raise NotImplementedError("LSTM(proj_size=) is not supported by this engine")
        if not 0 <= dropout <= 1 or isinstance(dropout, bool):
            raise ValueError("dropout should be a number in range [0, 1] representing the "
                             "probability of an element being zeroed")
        if dropout > 0 and num_layers == 1:
            warnings.warn(
                "dropout option adds dropout after all but last recurrent layer, so non-zero "
                f"dropout expects num_layers greater than 1, but got dropout={dropout} and "
                f"num_layers={num_layers}", stacklevel=3)
        self.mode = mode
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.num_layers = num_layers
        self.bias = bias
        self.batch_first = batch_first
        self.dropout = float(dropout)
        self.bidirectional = bidirectional
        self.proj_size = proj_size
        directions = 2 if bidirectional else 1
        gate_size = _GATES[mode] * hidden_size
        self._flat_weights_names = []
        for layer in range(num_layers):
            for direction in range(directions):
                suffix = "_reverse" if direction else ""
                width = input_size if layer == 0 else hidden_size * directions
                shapes = {f"weight_ih_l{layer}{suffix}": (gate_size, width),
                          f"weight_hh_l{layer}{suffix}": (gate_size, hidden_size)}
                if bias:
                    shapes[f"bias_ih_l{layer}{suffix}"] = (gate_size,)
                    shapes[f"bias_hh_l{layer}{suffix}"] = (gate_size,)
                for name, shape in shapes.items():
                    setattr(self, name, Parameter(engine.empty(shape, device=device,
                                                               dtype=dtype)))
                    self._flat_weights_names.append(name)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        bound = 1.0 / math.sqrt(self.hidden_size) if self.hidden_size > 0 else 0
        for weight in self.parameters():
            init.uniform_(weight, -bound, bound)

    def flatten_parameters(self) -> None:
        """Nothing to do: there is no cuDNN weight buffer here."""

    @property
    def all_weights(self) -> list:
        names = self._flat_weights_names
        per = 4 if self.bias else 2
        return [[getattr(self, n) for n in names[i:i + per]] for i in range(0, len(names), per)]

    def _layer_params(self, layer: int, direction: int) -> tuple:
        suffix = "_reverse" if direction else ""
        get = lambda kind: getattr(self, f"{kind}_l{layer}{suffix}", None)
        return get("weight_ih"), get("weight_hh"), get("bias_ih"), get("bias_hh")

    def _initial_state(self, input, batch: int):
        import engine

        directions = 2 if self.bidirectional else 1
        zeros = engine.zeros(self.num_layers * directions, batch, self.hidden_size,
                             dtype=input.dtype, device=input.device)
        return (zeros, zeros) if self.mode == "LSTM" else zeros

    def forward(self, input, hx=None):
        import engine

        batched = input.dim() == 3
        if input.dim() not in (2, 3):
            raise ValueError(f"{type(self).__name__}: Expected input to be 2D or 3D, got "
                             f"{input.dim()}D input instead")
        if input.shape[-1] != self.input_size:
            raise RuntimeError(f"input.size(-1) must be equal to input_size. Expected "
                               f"{self.input_size}, got {input.shape[-1]}")
        if not batched:
            input = input.unsqueeze(1)
            if hx is not None:
                hx = tuple(h.unsqueeze(1) for h in hx) if self.mode == "LSTM" else hx.unsqueeze(1)
        elif self.batch_first:
            input = input.transpose(0, 1)
        if hx is None:
            hx = self._initial_state(input, input.shape[1])
        step = _step_for(self.mode)
        directions = 2 if self.bidirectional else 1
        finals = []
        layer_input = input
        for layer in range(self.num_layers):
            outputs = []
            for direction in range(directions):
                w_ih, w_hh, b_ih, b_hh = self._layer_params(layer, direction)
                k = layer * directions + direction
                state = (hx[0][k], hx[1][k]) if self.mode == "LSTM" else hx[k]
                projected = F.linear(layer_input, w_ih, b_ih).unbind(0)
                order = range(len(projected) - 1, -1, -1) if direction else range(len(projected))
                steps = [None] * len(projected)
                for t in order:
                    state = step(projected[t], state, w_hh, b_hh)
                    steps[t] = state[0] if self.mode == "LSTM" else state
                finals.append(state)
                output = engine.stack(steps, 0)
                outputs.append(_shown_as(output, MkldnnRnnLayerBackward0)
                               if self.mode == "LSTM" else output)
            layer_input = outputs[0] if directions == 1 else engine.cat(outputs, 2)
            if self.dropout and self.training and layer + 1 < self.num_layers:
                layer_input = F.dropout(layer_input, self.dropout, True)
        output = layer_input
        if self.mode == "LSTM":
            h_n = (engine.stack([s[0] for s in finals], 0), engine.stack([s[1] for s in finals], 0))
        else:
            h_n = engine.stack(finals, 0)
        if not batched:
            output = output.squeeze(1)
            h_n = tuple(h.squeeze(1) for h in h_n) if self.mode == "LSTM" else h_n.squeeze(1)
        elif self.batch_first:
            output = output.transpose(0, 1)
            if self.mode != "LSTM":
                output = _shown_as(output, TransposeBackward1)
        return output, h_n

    def extra_repr(self) -> str:
        text = f"{self.input_size}, {self.hidden_size}"
        if self.num_layers != 1:
            text += f", num_layers={self.num_layers}"
        if not self.bias:
            text += ", bias=False"
        if self.batch_first:
            text += ", batch_first=True"
        if self.dropout:
            text += f", dropout={self.dropout}"
        if self.bidirectional:
            text += ", bidirectional=True"
        return text


class RNN(RNNBase):
    """Elman RNN: h_t = tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh) (or relu)."""

    def __init__(self, *args, **kwargs) -> None:
        nonlinearity = kwargs.pop("nonlinearity", "tanh")
        if len(args) > 3:  # RNN(input_size, hidden_size, num_layers, nonlinearity, ...)
            nonlinearity = args[3]
            args = args[:3] + args[4:]
        if nonlinearity not in ("tanh", "relu"):
            raise ValueError(f"Unknown nonlinearity '{nonlinearity}'. Select from 'tanh' or "
                             "'relu'.")
        super().__init__("RNN_TANH" if nonlinearity == "tanh" else "RNN_RELU", *args, **kwargs)
        self.nonlinearity = nonlinearity


class LSTM(RNNBase):
    """Long short-term memory: returns output, (h_n, c_n)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__("LSTM", *args, **kwargs)


class GRU(RNNBase):
    """Gated recurrent unit."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__("GRU", *args, **kwargs)


class RNNCellBase(Module):
    """One step of a recurrent layer: weight_ih, weight_hh, bias_ih, bias_hh."""

    _gates = 1

    def __init__(self, input_size: int, hidden_size: int, bias: bool = True,
                 device: Any = None, dtype: Any = None) -> None:
        import engine

        super().__init__()
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.bias = bias
        size = self._gates * hidden_size
        self.weight_ih = Parameter(engine.empty((size, input_size), device=device, dtype=dtype))
        self.weight_hh = Parameter(engine.empty((size, hidden_size), device=device, dtype=dtype))
        if bias:
            self.bias_ih = Parameter(engine.empty(size, device=device, dtype=dtype))
            self.bias_hh = Parameter(engine.empty(size, device=device, dtype=dtype))
        else:
            self.register_parameter("bias_ih", None)
            self.register_parameter("bias_hh", None)
        self.reset_parameters()

    reset_parameters = RNNBase.reset_parameters

    def _batched(self, input, hx, zeros: int):
        """(input, hx, batched): a 1-D input and its state as a batch of one."""
        import engine

        if input.dim() not in (1, 2):
            raise ValueError(f"{type(self).__name__}: Expected input to be 1D or 2D, got "
                             f"{input.dim()}D instead")
        batched = input.dim() == 2
        if not batched:
            input = input.unsqueeze(0)
            if hx is not None:
                hx = tuple(h.unsqueeze(0) for h in hx) if zeros == 2 else hx.unsqueeze(0)
        if hx is None:
            z = engine.zeros(input.shape[0], self.hidden_size, dtype=input.dtype,
                             device=input.device)
            hx = (z, z) if zeros == 2 else z
        return input, hx, batched

    def extra_repr(self) -> str:
        text = f"{self.input_size}, {self.hidden_size}"
        if not self.bias:
            text += ", bias=False"
        if getattr(self, "nonlinearity", "tanh") != "tanh":
            text += f", nonlinearity={self.nonlinearity}"
        return text


class RNNCell(RNNCellBase):
    def __init__(self, input_size: int, hidden_size: int, bias: bool = True,
                 nonlinearity: str = "tanh", device: Any = None, dtype: Any = None) -> None:
        super().__init__(input_size, hidden_size, bias, device, dtype)
        self.nonlinearity = nonlinearity

    def forward(self, input, hx=None):
        import engine

        input, hx, batched = self._batched(input, hx, 1)
        if self.nonlinearity not in ("tanh", "relu"):
            raise RuntimeError(f"Unknown nonlinearity: {self.nonlinearity}")
        act = engine.tanh if self.nonlinearity == "tanh" else engine.relu
        h = act(F.linear(input, self.weight_ih, self.bias_ih)
                + F.linear(hx, self.weight_hh, self.bias_hh))
        return h if batched else h.squeeze(0)


class LSTMCell(RNNCellBase):
    _gates = 4

    def forward(self, input, hx=None):
        input, hx, batched = self._batched(input, hx, 2)
        h, c = _lstm_step(F.linear(input, self.weight_ih, self.bias_ih), hx, self.weight_hh,
                          self.bias_hh)
        return (h, c) if batched else (h.squeeze(0), c.squeeze(0))


class GRUCell(RNNCellBase):
    _gates = 3

    def forward(self, input, hx=None):
        input, hx, batched = self._batched(input, hx, 1)
        h = _gru_step(F.linear(input, self.weight_ih, self.bias_ih), hx, self.weight_hh,
                      self.bias_hh)
        return h if batched else h.squeeze(0)
