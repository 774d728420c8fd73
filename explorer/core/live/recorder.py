"""`with record() as rec:`: every forward op and every backward call of a block
(`Tensor.backward`, `torch.autograd.backward`, `torch.autograd.grad`).

Each backward call becomes a BackwardCall: where it was made (file:line), the graph of its
root built at that moment (variable names from the calling frame, values and .grad as they
were), and the observer events of the call, which the animation replays. Module calls are
noted so that the cards of a module's ops say which module ran them (`net.0 (Linear)`).
"""
from __future__ import annotations

import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import engine
from engine import observer
from explorer.core.i18n import translate
from explorer.core.live.graph_builder import LiveGraph, build_graph, is_tensor
from explorer.core.live.names import Names, names_from

# Forward events kept for graphs still to be captured: a long training loop must not keep
# every step's tensors alive, and a graph reaches back a few steps at most.
FORWARD_WINDOW = 4096


@dataclass
class BackwardCall:
    """One backward call of the recorded code: `root.backward()`, `autograd.grad(root, ...)`."""
    index: int        # among all backward calls of the block, from 0
    filename: str
    lineno: int
    graph: LiveGraph
    call: str = "backward"   # or "autograd.grad", "autograd.backward"

    @property
    def root_name(self) -> str:
        return self.graph.root_name

    @property
    def node_count(self) -> int:
        return len(self.graph.document)

    def describe(self, short: bool = False) -> str:
        """'#3  fit.py:21  loss  14 nodes', the line `trace --list` prints (with the call
        at its end when it is not `.backward()`: '... 5 nodes  autograd.grad'). `short`: the
        file's name without its folder, for the window's chooser (room for its buttons)."""
        nodes = translate("LiveGraphs", "{count} nodes").format(count=self.node_count)
        return self._line(os.path.basename(self.filename) if short else self.filename, nodes)

    @property
    def title(self) -> str:
        """'#3  fit.py:21  loss': the chooser's name without the node count (an edit changes
        it), the title of the graph's document: the window and crash recovery name it so."""
        return self._line(os.path.basename(self.filename))

    def _line(self, filename: str, nodes: str = "") -> str:
        line = f"#{self.index}  {filename}:{self.lineno}  {self.root_name}"
        if nodes:
            line += f"  {nodes}"
        return line if self.call == "backward" else f"{line}  {self.call}"


class Recording:
    """What a `record()` block captured; `graphs` fills in as backward calls happen."""

    def __init__(self, keep: Callable[[int], bool] | None = None) -> None:
        self.graphs: list[BackwardCall] = []
        self.backward_calls = 0       # all of them, kept or not
        self._keep = keep or (lambda index: True)
        self._forward: deque = deque(maxlen=FORWARD_WINDOW)
        self._backward: list | None = None   # the events of the backward call under way
        self._module_stack: list[Any] = []
        self._module_of_seq: dict[int, Any] = {}
        self._thread = threading.get_ident()

    @property
    def forward_events(self) -> list:
        return list(self._forward)

    def _on_event(self, event: Any) -> None:
        if threading.get_ident() != self._thread:
            return
        if self._backward is not None:
            self._backward.append(event)
        elif isinstance(event, observer.ForwardEvent):
            self._forward.append(event)
            if self._module_stack:
                self._module_of_seq[event.seq] = self._module_stack[-1]

    def module_labels(self, names: Names) -> dict[int, str]:
        """ForwardEvent.seq -> 'net.0 (Linear)' for the ops still in the forward window."""
        seqs = {e.seq for e in self._forward}
        self._module_of_seq = {s: m for s, m in self._module_of_seq.items() if s in seqs}
        return {seq: names.module_label(m) for seq, m in self._module_of_seq.items()}

    def _graph_of(self, root: Any, frame: Any, backward_events: list) -> LiveGraph:
        names = names_from(frame)
        return build_graph(root, events=self._forward, names=names,
                           modules=self.module_labels(names), backward_events=backward_events)

    def _backward_call(self, original: Callable, outputs: Any, args: tuple, kwargs: dict,
                       call: str = "backward") -> Any:
        """`original(outputs, ...)`, one of the backward entry points; its graph is the first
        output's (autograd.grad and autograd.backward also take a sequence of them)."""
        if self._backward is not None or threading.get_ident() != self._thread:
            return original(outputs, *args, **kwargs)   # nested in another backward call
        frame = sys._getframe(2)
        index = self.backward_calls
        self.backward_calls += 1
        self._backward = events = []
        try:
            result = original(outputs, *args, **kwargs)
        finally:
            self._backward = None
        root = outputs if is_tensor(outputs) else next(
            (t for t in outputs if is_tensor(t)), None) if isinstance(outputs, (list, tuple)) \
            else None
        if self._keep(index) and root is not None:
            graph = self._graph_of(root, frame, events)
            backward_call = BackwardCall(index, frame.f_code.co_filename, frame.f_lineno, graph,
                                         call)
            graph.document.meta["title"] = backward_call.title
            self.graphs.append(backward_call)
        return result

    def _module_call(self, original: Callable, module: Any, args: tuple, kwargs: dict) -> Any:
        if threading.get_ident() != self._thread:   # e.g. the training workbench's worker
            return original(module, *args, **kwargs)
        self._module_stack.append(module)
        try:
            return original(module, *args, **kwargs)
        finally:
            self._module_stack.pop()


_active: list[Recording] = []   # the record() blocks running now, innermost last


def active_recording() -> Recording | None:
    """The innermost record() block running now, if any (draw(t) inside it uses its events)."""
    return _active[-1] if _active else None


@contextmanager
def record(keep: Callable[[int], bool] | None = None) -> Iterator[Recording]:
    """Capture the block's forward ops and backward calls; `keep(index)` picks the backward
    calls whose graphs are built (default: all)."""
    rec = Recording(keep)
    tensor_backward = engine.Tensor.backward
    autograd_backward, autograd_grad = engine.autograd.backward, engine.autograd.grad
    module_call = engine.nn.Module.__call__

    def backward(self, *args, **kwargs):
        return rec._backward_call(tensor_backward, self, args, kwargs)

    def grad_call(outputs, *args, **kwargs):
        return rec._backward_call(autograd_grad, outputs, args, kwargs, "autograd.grad")

    def backward_call(tensors, *args, **kwargs):
        return rec._backward_call(autograd_backward, tensors, args, kwargs, "autograd.backward")

    def call(self, *args, **kwargs):
        return rec._module_call(module_call, self, args, kwargs)

    for wrapper, original in ((backward, tensor_backward), (grad_call, autograd_grad),
                              (backward_call, autograd_backward)):
        wrapper.__doc__ = original.__doc__
    handle = observer.listen(rec._on_event)
    engine.Tensor.backward = backward
    engine.autograd.backward, engine.autograd.grad = backward_call, grad_call
    engine.nn.Module.__call__ = call
    _active.append(rec)
    try:
        yield rec
    finally:
        _active.remove(rec)
        engine.Tensor.backward = tensor_backward
        engine.autograd.backward, engine.autograd.grad = autograd_backward, autograd_grad
        engine.nn.Module.__call__ = module_call
        observer.unlisten(handle)


def first_and_every(first: int = 3, every: int = 100) -> Callable[[int], bool]:
    """Keep the first `first` backward calls and every `every`-th (the 100th, 200th ...)."""
    return lambda index: index < first or (every > 0 and (index + 1) % every == 0)
