"""The backward graph: `Node`, `AccumulateGrad`, and the executor that runs them.

Like PyTorch's engine: a node runs once every path into it has delivered its gradient
(contributions are summed in a buffer where paths meet), nodes run in reverse creation
order (sequence numbers), AccumulateGrad as soon as its last producer has run, and nothing
recurses, so graphs of any depth work. One executor, `run`: observing (or capturing for
autograd.grad) is a flag that adds the bookkeeping for PyTorch's exact event order.

Backward formulas run on raw arrays (`as_tensors=False`, fast) or, for create_graph=True,
on Tensors through the engine's own ops (`as_tensors=True`) so they can be differentiated
again. `m` is the matching namespace: the device's array module or the engine itself.
"""
from __future__ import annotations

import heapq
import itertools
import re
import sys

from engine import observer
from engine.autograd import grad_mode
from engine.observer import _listeners
from engine.tensor import (
    _FRESH_VC,
    _NP_SCALARS,
    Tensor,
    _asarray,
    _new,
    bump_version,
    own_vc,
)

wrap = Tensor._wrap
next_seq = itertools.count().__next__
NO_EDGE = (None, 0)
_heappop, _heappush = heapq.heappop, heapq.heappush
_grad_state = grad_mode.state
_turned_on, _turned_off, _thread = grad_mode._turned_on, grad_mode._turned_off, grad_mode._thread
_PLAIN = frozenset((int, float, bool, complex))  # saved Python scalars have no version
_ACCUMULATE_SEQ = sys.maxsize  # AccumulateGrad runs as soon as it is ready, as in PyTorch

FREED_MESSAGE = (
    "Trying to backward through the graph a second time (or directly access saved tensors after "
    "they have already been freed). Saved intermediate values of the graph are freed when you "
    "call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward "
    "through the graph a second time or if you need to access saved tensors after calling "
    "backward."
)
_BACKWARD_SUFFIX = re.compile(r"Backward\d*$")


def record(op: str | None, inputs: tuple, out, node=None):
    """How every op ends (tinygrad's Function.apply): `out` gets its backward node, if the op
    recorded one, and the observer hears of the op (`inputs`: the arguments as passed). The one
    place either happens. `op` None: no event (the op reported itself already)."""
    if node is not None:
        out._grad_fn = node
        out._requires_grad = True
    if _listeners and op is not None:
        observer.forward(op, inputs, out)
    return out


def edge(t) -> tuple:
    """The (node, input_nr) a gradient for tensor `t` flows along; NO_EDGE if none."""
    fn = t._grad_fn
    if fn is not None:
        return (fn, 0)
    if t._requires_grad:
        return (t._accumulator(), 0)
    return NO_EDGE


class Node:
    """A backward function. Subclasses are named exactly as PyTorch names them."""

    __module__ = "torch.autograd.graph"

    # `_edges`: (node, 0) for each input, what the executor follows; `next_functions` shows them
    __slots__ = (  # noqa: RUF023 - grouped by meaning
        "_edges", "_seq", "_saved", "_versions", "_extras", "__weakref__",
    )
    # Names of the tensors in `_saved`, as PyTorch's `_saved_<name>` attributes show them.
    _saved_fields: tuple[str, ...] = ()
    # Elementwise nodes can report d(output)/d(input) for the observer's BackwardEvent.local.
    _elementwise = False
    _result_index: int | None = None  # where in `_saved` the node's own output is
    _is_output_slot = False  # see engine.autograd.function.OutputSlot

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        # type(y.grad_fn) prints <class 'MulBackward0'>: PyTorch's nodes are builtins.
        if not cls.__module__.startswith("torch"):
            cls.__module__ = "builtins"
        fields = cls._saved_fields
        cls._result_index = fields.index("result") if "result" in fields else None
        for field in fields:
            # `_saved_self`, `_saved_result` ...: unless the class or a base defines it already
            if getattr(cls, "_saved_" + field, None) is None:
                setattr(cls, "_saved_" + field, SavedField(field))

    @property
    def next_functions(self) -> tuple:
        """(node, input_nr) for each input, as PyTorch shows them: an edge into output k of a
        node with several outputs (split, unbind ...) is (that node, k). The executor follows
        `_edges` instead, where output k's own node (an OutputSlot) tags its gradient."""
        edges = self._edges
        for nxt, _ in edges:
            if nxt is not None and nxt._is_output_slot:
                return tuple(
                    (n._owner, n._nr) if n is not None and n._is_output_slot else (n, i)
                    for n, i in edges
                )
        return edges

    def __init__(self, next_functions: tuple, saved: tuple = ()) -> None:
        self._edges = next_functions
        self._seq = next_seq()
        self._extras = None
        if not saved:
            self._saved = self._versions = ()
            return
        ri = self._result_index
        if ri is not None and saved[ri] is not None:
            # The output is kept as data, not as the Tensor whose grad_fn is this node: no
            # reference cycle, so a graph nobody runs backward through is freed at once.
            saved = saved[:ri] + (SavedOutput(saved[ri]),) + saved[ri + 1 :]
        self._saved = saved
        # A loop, not a comprehension: Python 3.11 builds a function for each comprehension.
        versions = []
        for v in saved:
            versions.append(None if v is None or v.__class__ in _PLAIN else v._vc[0])
        self._versions = versions

    def name(self) -> str:
        return type(self).__name__

    # Hooks and retain_grad are rare: they live in one `_extras` record, None on almost every
    # node, so building a node and running it test one slot instead of two.
    @property
    def _retained(self):
        """weakref to the non-leaf tensor that called retain_grad(), or None."""
        extras = self._extras
        return None if extras is None else extras.retained

    @_retained.setter
    def _retained(self, ref) -> None:
        self._extras_record().retained = ref

    @property
    def _pre_hooks(self) -> list | None:
        extras = self._extras
        return None if extras is None else extras.pre_hooks

    @_pre_hooks.setter
    def _pre_hooks(self, hooks: list | None) -> None:
        self._extras_record().pre_hooks = hooks

    def _extras_record(self) -> NodeExtras:
        if self._extras is None:
            self._extras = NodeExtras()
        return self._extras

    def __repr__(self) -> str:
        cls = type(self)
        module = "" if cls.__module__ == "builtins" else cls.__module__ + "."
        return f"<{module}{cls.__name__} object at {hex(id(self))}>"

    def _needs(self, i: int) -> bool:
        return self._edges[i][0] is not None

    def _unpack(self, as_tensors: bool) -> list:
        """The saved values (arrays, or Tensors for create_graph), checking their versions."""
        saved = self._saved
        if saved is None:
            raise RuntimeError(FREED_MESSAGE)
        out = list(saved)
        for i, version in enumerate(self._versions):
            if version is not None:
                value = saved[i]
                if value._vc[0] != version:
                    raise RuntimeError(self._version_message(i, value, version))
                if not as_tensors:
                    out[i] = value._data
                elif value.__class__ is SavedOutput:
                    out[i] = value.tensor(self)
        return out

    def _version_message(self, i: int, t, version: int) -> str:
        kind = "cuda." if t._device.type == "cuda" else ""
        what = f"[torch.{kind}{t.dtype._legacy}Tensor {list(t._data.shape)}]"
        fields = type(self)._saved_fields
        fn = self if i < len(fields) and fields[i] == "result" else t._grad_fn
        if fn is not None:
            what += f", which is output 0 of {_BACKWARD_SUFFIX.sub('', fn.name())},"
        return (
            "one of the variables needed for gradient computation has been modified by an "
            f"inplace operation: {what} is at version {t._vc[0]}; expected version {version} "
            "instead. Hint: enable anomaly detection to find the operation that failed to "
            "compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False)."
        )

    def _apply(self, grad, m, as_tensors: bool) -> tuple:
        """Gradients for each of next_functions (None where not needed)."""
        raise NotImplementedError

    def _local(self, grad, m, as_tensors: bool) -> tuple:
        """d(output)/d(input_i) for elementwise nodes, broadcast to the output's shape."""
        ones = m.ones_like(grad)
        return tuple(
            None if g is None else m.broadcast_to(g, grad.shape)
            for g in self._grads(ones, m, as_tensors)
        )

    def register_prehook(self, hook) -> RemovableHandle:
        """Call hook((grad_output,)) before this node runs; a returned tuple replaces the grad."""
        if self._pre_hooks is None:
            self._pre_hooks = []
        self._pre_hooks.append(lambda g: _first(hook((g,))))
        return RemovableHandle(self._pre_hooks, self._pre_hooks[-1])


class SavedField(property):
    """`node._saved_<name>`: the saved value as a Tensor, as PyTorch exposes it. A property on
    the class, not a Node.__getattr__: a class with __getattr__ gets none of Python's fast
    attribute loads, and the executor reads a node's attributes at every node."""

    def __init__(self, field: str) -> None:
        def saved(node: Node):
            fields = type(node)._saved_fields
            if field not in fields:  # (a subclass that saves other values)
                raise AttributeError(
                    f"'{type(node).__name__}' object has no attribute '_saved_{field}'"
                )
            if node._saved is None:
                raise RuntimeError(FREED_MESSAGE)
            value = node._saved[fields.index(field)]
            if value.__class__ is SavedOutput:
                return value.tensor(node)
            if value is None or hasattr(value, "_vc"):
                return value
            from engine import factories

            return factories.tensor(value)

        super().__init__(saved)


class NodeExtras:
    """What few nodes carry: tensor hooks (pre-hooks) and the retain_grad() tensor."""

    __slots__ = ("pre_hooks", "retained")

    def __init__(self) -> None:
        self.pre_hooks = None
        self.retained = None


def _first(result):
    return None if result is None else result[0]


class RemovableHandle:
    """What register_hook returns: .remove() unregisters the hook."""

    def __init__(self, hooks: list, hook) -> None:
        self._hooks = hooks
        self._hook = hook

    def remove(self) -> None:
        if self._hook in self._hooks:
            self._hooks.remove(self._hook)


def run_hooks(hooks: list, grad, as_tensors: bool, device):
    """Pass the gradient through tensor hooks; a hook returning a Tensor replaces it."""
    g = grad if as_tensors else Tensor._wrap(grad, device)
    for hook in list(hooks):
        result = hook(g)
        if result is not None:
            if not isinstance(result, Tensor):
                raise TypeError(f"hook must return a Tensor or None, not {type(result).__name__}")
            g = result
    return g if as_tensors else g._data


class SavedOutput:
    """A node's own output, saved as its data and version counter (PyTorch saves it weakly)."""

    __slots__ = ("_data", "_device", "_vc")
    _grad_fn = None

    def __init__(self, t) -> None:
        self._data = t._data
        self._device = t._device
        self._vc = own_vc(t)

    @property
    def dtype(self):
        from engine import dtypes

        return dtypes._FROM_NP[self._data.dtype]

    def tensor(self, node: Node):
        """The output again, as a Tensor produced by `node` (for create_graph)."""
        out = Tensor._wrap(self._data, self._device, node)
        out._vc = self._vc
        return out


class AccumulateGrad(Node):
    """The sink for a leaf tensor: adds the incoming gradient into `variable.grad`."""

    __slots__ = ("variable",)

    def __init__(self, variable) -> None:
        self._edges = ()
        self._seq = _ACCUMULATE_SEQ
        self._extras = None
        self._saved = ()
        self._versions = ()
        self.variable = variable

    def name(self) -> str:
        return "torch::autograd::AccumulateGrad"


_leaf_hooks = [False]  # becomes [True] once any leaf gets a hook: skips a slow lookup till then


def accumulate_grad(t, grad, as_tensors: bool) -> None:
    """Add `grad` into `t.grad`: in place normally, out of place (keeping graph) for
    create_graph."""
    hooks = getattr(t, "_hooks", None) if _leaf_hooks[0] else None
    if hooks:
        grad = run_hooks(hooks, grad, as_tensors, t._device)
    before = t._grad
    # Read once: another thread may start listening meanwhile (its events are its own).
    listening = bool(_listeners)
    if listening:
        snapshot = None if before is None else before._data.copy()
    if as_tensors:
        if grad._data.dtype is not t._data.dtype:
            grad = grad.to(t.dtype)
        if before is None:
            # PyTorch stores a copy: copy_ into a new tensor (CopyBackwards when grad has history).
            from engine.ops.inplace import copy_

            with observer.muted():
                t._grad = copy_(Tensor._wrap(t._device.xp.empty_like(grad._data), t._device), grad)
        else:
            t._grad = before + grad
    else:
        if grad.dtype is not t._data.dtype:
            grad = grad.astype(t._data.dtype)
        if before is None:
            t._grad = Tensor._wrap(grad.copy(), t._device)
        else:
            before._data += grad
            bump_version(before)
    if listening:
        observer.accumulate(
            t,
            None if snapshot is None else Tensor._wrap(snapshot, t._device),
            grad,
            t._grad,
        )
    if _leaf_hooks[0]:
        post = t.__dict__.get("_post_accumulate_grad_hooks")
        if post:
            _run_post_accumulate_hooks(post, t, as_tensors)


def _run_post_accumulate_hooks(hooks: list, t, create_graph: bool) -> None:
    """Tensor.register_post_accumulate_grad_hook's hooks: hook(t), in no_grad unless
    create_graph, as PyTorch runs them."""
    prev_mode = grad_mode.state.enabled
    grad_mode.set_enabled(create_graph)
    try:
        for hook in list(hooks):
            hook(t)
    finally:
        grad_mode.set_enabled(prev_mode)


def execute(
    roots: list,
    m,
    retain_graph: bool,
    create_graph: bool,
    capture: list | None = None,
    accumulate: bool = True,
) -> list:
    """Run the graph backward from `roots` [(node, grad)]; return grads captured at `capture`.

    `capture` lists nodes whose summed incoming gradient is returned (autograd.grad's inputs);
    with accumulate=False, AccumulateGrad nodes do not run and only nodes that lead to a
    captured node execute.
    """
    buffers: dict = {}
    for node, g in roots:
        old = buffers.get(node)
        buffers[node] = g if old is None else old + g
    return run(buffers, m, not retain_graph, create_graph, bool(_listeners), capture, accumulate)


def run_from_scalar(fn: Node, dtype, shape: tuple, xp, retain_graph: bool) -> None:
    """`loss.backward()` for a one-element `loss` of `dtype` and `shape` made by `fn`: seeded
    with 1."""
    seed = xp.array(1, dtype=dtype)  # cheaper than ones_like
    if shape:
        seed = seed.reshape(shape)
    run({fn: seed}, xp, not retain_graph, False, bool(_listeners))


def run(
    buffers: dict, m, release: bool, create_graph: bool, observe: bool,
    capture: list | None = None, accumulate: bool = True,
) -> list:
    """The executor: run the nodes in `buffers` {node: grad} and all they lead to, backward.

    PyTorch pops the ready node with the highest sequence number; a node's inputs always have
    lower numbers than the node itself, so popping by descending number guarantees that every
    contribution to a node has arrived (and been summed) before it runs.

    Unwatched (no observer, no capture), a node goes on a heap when its first gradient arrives,
    and leaves are accumulated at the end, each with its summed gradient: PyTorch sums before it
    accumulates, so only the unobservable order of those accumulations differs. Watched, the
    same loop runs over every reachable node (BackwardEvents in PyTorch's exact order), and an
    AccumulateGrad runs as soon as its last producer has run (its priority is the highest).
    """
    watched = observe or capture is not None
    heap: list = []
    sinks: list = []
    finishes = targets = needed = captured = None
    if watched:
        captured = {}
        nodes, finishes = _reachable(buffers)
        heap = [(-n._seq, n) for n in nodes]  # ascending: already a heap
        if capture is not None:
            targets = set(capture)
            if not accumulate:
                leading = _nodes_leading_to(nodes, targets)
                # A captured node itself runs only if it leads on to another input.
                needed = {n for n in leading if any(c in leading for c, _ in n._edges)}
    # `single`: a node that became ready while no other was; it runs next without a trip through
    # the heap or the buffers (a chain of nodes, the common case): its gradient is `single_grad`,
    # final, as no node left to run produces for it. Another ready node puts it on the heap.
    single = single_grad = None
    if not watched:
        for n in buffers:
            if n.__class__ is AccumulateGrad:
                sinks.append(n)
            else:
                heap.append((-n._seq, n))
        if len(heap) == 1:
            single = heap.pop()[1]  # `loss.backward()`
            single_grad = buffers.pop(single)
        else:
            heapq.heapify(heap)
    get, take = buffers.get, buffers.pop
    # grad_mode.set_enabled inlined (here and in `finally`): every backward comes here
    prev_mode = _grad_state.enabled
    _grad_state.enabled = create_graph
    (_turned_on if create_graph else _turned_off)(_thread())
    node = None
    flushed = False
    try:
        if watched:
            # A leaf passed as a root (leaf.backward(g)) has no producer inside the graph.
            produced = {sink for done in finishes.values() for sink in done}
            for n in [n for n in buffers if n.__class__ is AccumulateGrad and n not in produced]:
                _sink(n, take(n), targets, captured, accumulate, create_graph)
        while True:
            if single is not None:
                node, grad, single = single, single_grad, None
            elif heap:
                node = _heappop(heap)[1]
                grad = take(node, None)  # (None: a node a watched run reaches without a gradient)
            else:
                break
            if watched and not _flows(node, grad, targets, needed, captured):
                grads = (None,) * len(node._edges)  # nothing flows through here
            else:
                if node._extras is not None:
                    grad = _run_extras(node._extras, grad, create_graph)
                grads = node._apply(grad, m, create_graph)
                if observe:
                    local = (
                        node._local(grad, m, create_graph)
                        if node._elementwise
                        else (None,) * len(grads)
                    )
                    observer.backward(node, grad, grads, local)
                if release and node._saved:
                    node._saved = None
            i = 0
            for nxt, _ in node._edges:  # (zip: twice the time of indexing, in 3.11)
                g = grads[i]
                i += 1
                if nxt is None or g is None:
                    continue
                old = get(nxt)
                if old is not None:
                    buffers[nxt] = old + g
                elif nxt is single:  # (x * x: both edges lead to one node)
                    single_grad = single_grad + g
                elif nxt.__class__ is AccumulateGrad:
                    buffers[nxt] = g
                    sinks.append(nxt)
                elif watched:
                    buffers[nxt] = g  # every reachable node is on the heap already
                elif single is None and not heap:
                    single, single_grad = nxt, g
                else:
                    buffers[nxt] = g
                    if single is not None:
                        buffers[single] = single_grad
                        _heappush(heap, (-single._seq, single))
                        single = None
                    _heappush(heap, (-nxt._seq, nxt))
            if watched:
                for sink in finishes.get(node, ()):  # its last producer has run
                    _sink(sink, take(sink, None), targets, captured, accumulate, create_graph)
        if not watched:
            flushed = True
            _accumulate_sinks(sinks, buffers, create_graph)
    except BaseException:
        if sinks and not flushed and node is not None:
            # PyTorch accumulates a leaf as soon as its last producer has run: those leaves
            # keep their gradient when a later node raises
            _accumulate_reached(sinks, buffers, [node, single, *(n for _, n in heap)],
                                create_graph)
        raise
    finally:
        _grad_state.enabled = prev_mode
        (_turned_on if prev_mode else _turned_off)(_thread())
    if capture is None:
        return []
    return [captured.get(n) for n in capture]


def _flows(node: Node, grad, targets: set | None, needed: set | None, captured: dict) -> bool:
    """Whether `node` runs in a watched run; records its gradient if autograd.grad asked for it."""
    if targets is not None and node in targets:
        captured[node] = grad
    return grad is not None and (needed is None or node in needed)


def _reachable(buffers: dict) -> tuple[list, dict]:
    """The nodes reachable from the roots (AccumulateGrad aside), by descending sequence number,
    and for each node the AccumulateGrads it is the last producer of (the one with the lowest
    number: nodes run by descending number); iterative (no recursion limit)."""
    last: dict = {}  # AccumulateGrad -> its producer with the lowest sequence number
    nodes = []
    stack = list(buffers)
    seen = set(stack)
    while stack:
        node = stack.pop()
        if node.__class__ is AccumulateGrad:
            continue
        nodes.append(node)
        for nxt, _ in node._edges:
            if nxt is None:
                continue
            if nxt.__class__ is AccumulateGrad:
                producer = last.get(nxt)
                if producer is None or node._seq < producer._seq:
                    last[nxt] = node
            elif nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    nodes.sort(key=_seq_of, reverse=True)
    finishes: dict = {}
    for sink, node in last.items():
        finishes.setdefault(node, []).append(sink)
    return nodes, finishes


def _accumulate_sinks(sinks: list, buffers: dict, create_graph: bool) -> None:
    """The leaves' summed gradients into their .grad (the unwatched run's last step)."""
    plain = not create_graph and not _leaf_hooks[0]
    take = buffers.pop
    for sink in sinks:
        t = sink.variable
        grad = take(sink)
        if plain and t._grad is None and grad.dtype is t._data.dtype:
            # accumulate_grad's first-gradient case (the usual one after zero_grad), without its
            # checks: PyTorch stores a copy (a NumPy scalar becomes a new 0-dim array anyway).
            # Tensor._wrap inlined (test_fast_paths checks the two give the same tensor).
            g = _new(Tensor)
            g._data = _asarray(grad) if grad.__class__ in _NP_SCALARS else grad.copy()
            g._device = t._device
            g._requires_grad = False
            g._grad_fn = None
            g._grad = None
            g._vc = _FRESH_VC
            t._grad = g
        else:
            accumulate_grad(t, grad, create_graph)


def _accumulate_reached(sinks: list, buffers: dict, unrun: list, create_graph: bool) -> None:
    """After a node raised in an unwatched run: accumulate the leaves no unrun node leads to."""
    waiting = set()
    stack = [n for n in unrun if n is not None]
    seen = set(stack)
    while stack:
        for nxt, _ in stack.pop()._edges:
            if nxt is None:
                continue
            if nxt.__class__ is AccumulateGrad:
                waiting.add(nxt)
            elif nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    _accumulate_sinks([s for s in sinks if s not in waiting], buffers, create_graph)


def _run_extras(extras: NodeExtras, grad, create_graph: bool):
    """A node's pre-hooks, then its retain_grad() tensor's .grad; the gradient to go on with."""
    if extras.pre_hooks:
        grad = run_hooks(extras.pre_hooks, grad, create_graph, None)
    if extras.retained is not None:
        t = extras.retained()
        if t is not None:
            accumulate_grad(t, grad, create_graph)
    return grad


def _seq_of(node: Node) -> int:
    return node._seq


def _sink(node, grad, targets, captured, accumulate: bool, create_graph: bool) -> None:
    """Run an AccumulateGrad node (or record its gradient for autograd.grad)."""
    if targets is not None and node in targets:
        captured[node] = grad
    if grad is not None and accumulate:
        accumulate_grad(node.variable, grad, create_graph)


def _nodes_leading_to(nodes: list, targets: set) -> set:
    """Targets and the nodes from which some target is reachable."""
    needed = set(targets)
    for node in reversed(nodes):  # ascending sequence numbers: inputs before their users
        if node not in needed and any(n in needed for n, _ in node._edges):
            needed.add(node)
    return needed
