"""`engine.Tensor`: an array plus the autograd attributes PyTorch gives a tensor.

The data lives in `_data` (a NumPy array, or the array type of the tensor's device). Ops and
their derivatives are in engine/ops; they are attached to this class in engine/ops/__init__.py.
"""
from __future__ import annotations

import warnings
import weakref

import numpy as np

from engine import backend, dtypes, printing

_new = object.__new__
_weakref = weakref.ref
# A tensor's version counter is a one-element list, shared by its views. Until a tensor is
# changed in place or shares its counter (a view, detach, a saved output), it holds this one
# list, never bumped: most tensors are neither, and a list for each was a noticeable part of
# an op. bump_version and own_vc give it a list of its own first.
_FRESH_VC = [0]


def own_vc(t) -> list:
    """t's own version counter, made on first need: to share with a view."""
    vc = t._vc
    if vc is _FRESH_VC:
        vc = t._vc = [0]
    return vc


def bump_version(t) -> None:
    """Count an in-place change of t (and of every tensor sharing its counter)."""
    vc = t._vc
    if vc is _FRESH_VC:
        t._vc = [1]
    else:
        vc[0] += 1
# NumPy returns scalars, not 0-d arrays, from ops on 0-d arrays; tensors always hold arrays.
_NP_SCALARS = frozenset(np.dtype(d.np).type for d in dtypes.ALL)
_asarray = np.asarray
_ndarray = np.ndarray

NON_LEAF_GRAD_WARNING = (
    "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad "
    "attribute won't be populated during autograd.backward(). If you indeed want the .grad field "
    "to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. If you "
    "access the non-leaf Tensor by mistake, make sure you access the leaf Tensor instead. See "
    "github.com/pytorch/pytorch/pull/30531 for more information. (Triggered internally at "
    "/__w/pytorch/pytorch/build/aten/src/ATen/core/TensorBody.h:493.)"
)

SCALAR_WARNING = (
    "Converting a tensor with requires_grad=True to a scalar may lead to unexpected behavior.\n"
    "Consider using tensor.detach() first. (Triggered internally at "
    "/__w/pytorch/pytorch/torch/csrc/autograd/generated/python_variable_methods.cpp:822.)"
)


_NON_LEAF_FLAG_MESSAGE = (
    "you can only change requires_grad flags of leaf variables. If you want to use a computed "
    "variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach()."
)


class Size(tuple):
    """A shape: a tuple that prints as `torch.Size([2, 3])`."""

    __slots__ = ()
    __module__ = "torch"  # type(x.shape) prints <class 'torch.Size'>

    def __repr__(self) -> str:
        return f"torch.Size({list(self)})"

    __str__ = __repr__

    def numel(self) -> int:
        n = 1
        for s in self:
            n *= s
        return n

    def __getitem__(self, item):
        out = tuple.__getitem__(self, item)
        return Size(out) if isinstance(item, slice) else out

    def __add__(self, other):
        return Size(tuple.__add__(self, tuple(other)))


class Tensor:
    """A multi-dimensional array that can record the operations applied to it."""

    # `_acc` (the AccumulateGrad weakref), `_base` (the viewed tensor), `_hooks` (a leaf's
    # gradient hooks) and `_views` (weakrefs to a non-leaf's views, see engine/ops/views.py) are
    # set only when needed and read with getattr defaults: fewer stores per op on the hot path.
    __slots__ = (
        "__dict__",  # user attributes (t.tag = "x"), as PyTorch tensors take them
        "__weakref__",
        "_acc",
        "_base",
        "_data",
        "_device",
        "_grad",
        "_grad_fn",
        "_hooks",
        "_pending",  # a DeferredTensor's (compute, source), see engine/deferred.py
        "_requires_grad",
        "_vc",
        "_views",
    )
    __array_priority__ = 1000  # `ndarray * tensor` must defer to Tensor.__rmul__
    __module__ = "torch"  # type(x) prints <class 'torch.Tensor'>, as in PyTorch

    def __new__(cls, *args, **kwargs):
        # torch.Tensor(data) / torch.Tensor(2, 3): a float tensor, like PyTorch's legacy
        # constructor.
        from engine import factories

        if len(args) == 1 and not isinstance(args[0], int):
            src = factories.tensor(args[0], dtype=dtypes.get_default_dtype())
        else:
            src = factories.empty(*args, dtype=dtypes.get_default_dtype())
        return Tensor._wrap(src._data, src._device, None, cls)

    def __init__(self, *args, **kwargs) -> None:
        pass

    @staticmethod
    def _wrap(data, device=None, grad_fn=None, cls=None) -> Tensor:
        """The internal constructor (no copy, no checks), of a Tensor or of subclass `cls`."""
        if data.__class__ is not _ndarray and data.__class__ in _NP_SCALARS:  # (arrays: one test)
            data = _asarray(data)
        t = _new(Tensor if cls is None else cls)
        t._data = data
        t._device = device if device is not None else backend.device_of_array(data)
        t._requires_grad = grad_fn is not None
        t._grad_fn = grad_fn
        t._grad = None
        t._vc = _FRESH_VC
        return t

    # ----------------------------------------------------------------- metadata
    @property
    def shape(self) -> Size:
        return Size(self._data.shape)

    def size(self, dim: int | None = None):
        if dim is None:
            return Size(self._data.shape)
        return self._data.shape[_wrap_dim(dim, self._data.ndim)]

    def dim(self) -> int:
        return self._data.ndim

    @property
    def ndim(self) -> int:
        return self._data.ndim

    def numel(self) -> int:
        return int(self._data.size)

    nelement = numel

    @property
    def dtype(self) -> dtypes.dtype:
        return dtypes._FROM_NP[self._data.dtype]

    @property
    def device(self) -> backend.device:
        return self._device

    @property
    def is_cuda(self) -> bool:
        return self._device.type == "cuda"

    def is_floating_point(self) -> bool:
        return self._data.dtype.kind == "f"

    def element_size(self) -> int:
        return self._data.dtype.itemsize

    def stride(self, dim: int | None = None):
        strides = tuple(s // self._data.dtype.itemsize for s in self._data.strides)
        return strides if dim is None else strides[_wrap_dim(dim, self._data.ndim)]

    def is_contiguous(self) -> bool:
        return bool(self._data.flags.c_contiguous)

    @property
    def _version(self) -> int:
        return self._vc[0]

    def __len__(self) -> int:
        if not self._data.ndim:
            raise TypeError("len() of a 0-d tensor")
        return self._data.shape[0]

    def __hash__(self) -> int:
        return id(self)

    # ----------------------------------------------------------------- autograd attributes
    @property
    def requires_grad(self) -> bool:
        return self._requires_grad

    @requires_grad.setter
    def requires_grad(self, value: bool) -> None:
        if self._grad_fn is not None:
            if value:
                raise RuntimeError("you can only change requires_grad flags of leaf variables.")
            raise RuntimeError(_NON_LEAF_FLAG_MESSAGE)
        if value and self._data.dtype.kind not in "fc":
            raise RuntimeError("only Tensors of floating point dtype can require gradients")
        self._requires_grad = bool(value)

    def requires_grad_(self, requires_grad: bool = True) -> Tensor:
        if self._grad_fn is not None:
            if not requires_grad:
                raise RuntimeError(_NON_LEAF_FLAG_MESSAGE)
            return self  # a non-leaf already requires grad: nothing to change, as in PyTorch
        self.requires_grad = requires_grad
        return self

    @property
    def grad_fn(self):
        fn = self._grad_fn
        if fn is not None and fn._is_output_slot:
            return fn._owner  # output 1, 2 ... of a custom Function: its one node, as in PyTorch
        return fn

    @property
    def output_nr(self) -> int:
        """Which output of its grad_fn this tensor is (split's third piece: 2), as PyTorch's."""
        fn = self._grad_fn
        return fn._nr if fn is not None and fn._is_output_slot else 0

    @property
    def is_leaf(self) -> bool:
        return self._grad_fn is None

    @property
    def grad(self) -> Tensor | None:
        if self._grad_fn is not None and self._grad is None and not self.retains_grad:
            warnings.warn(NON_LEAF_GRAD_WARNING, UserWarning, stacklevel=2)
        return self._grad

    @grad.setter
    def grad(self, value: Tensor | None) -> None:
        if value is not None:
            if not isinstance(value, Tensor):
                raise TypeError(
                    "assigned grad expected to be a Tensor or None but got grad of type "
                    f"{type(value).__name__}"
                )
            if value._data.shape != self._data.shape:
                raise RuntimeError(
                    f"attempting to assign a gradient of size '{list(value._data.shape)}' to a "
                    f"tensor of size '{list(self._data.shape)}'. Please ensure that the gradient "
                    "and the tensor are the same size"
                )
            if value._data.dtype != self._data.dtype:
                raise RuntimeError(
                    "attempting to assign a gradient with dtype "
                    f"'{value.dtype.name.capitalize()}' to a tensor with dtype "
                    f"'{self.dtype.name.capitalize()}'. Please ensure that the gradient and the "
                    "tensor have the same dtype"
                )
        self._grad = value

    @grad.deleter
    def grad(self) -> None:
        self._grad = None

    @property
    def retains_grad(self) -> bool:
        fn = self._grad_fn
        return fn is not None and fn._retained is not None and fn._retained() is self

    def retain_grad(self) -> None:
        """Keep .grad for this non-leaf tensor after backward (a no-op on leaves)."""
        if self._grad_fn is None:
            if not self._requires_grad:
                raise RuntimeError("can't retain_grad on Tensor that has requires_grad=False")
            return
        if not self.retains_grad:
            self._grad_fn._retained = weakref.ref(self)

    def register_hook(self, hook):
        """Call hook(grad) when this tensor's gradient is computed; a returned Tensor replaces
        it."""
        from engine.autograd.graph import RemovableHandle

        if not self._requires_grad:
            raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
        if self._grad_fn is None:
            from engine.autograd.graph import _leaf_hooks

            _leaf_hooks[0] = True
            hooks = getattr(self, "_hooks", None)
            if hooks is None:
                hooks = self._hooks = []
        else:
            if self._grad_fn._pre_hooks is None:
                self._grad_fn._pre_hooks = []
            hooks = self._grad_fn._pre_hooks
        hooks.append(hook)
        return RemovableHandle(hooks, hook)

    def register_post_accumulate_grad_hook(self, hook):
        """Call hook(self) after backward has accumulated into this leaf's .grad."""
        from engine.autograd.graph import RemovableHandle, _leaf_hooks

        if not self._requires_grad:
            raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
        if self._grad_fn is not None:
            raise RuntimeError(
                "post accumulate grad hooks cannot be registered on non-leaf tensors")
        _leaf_hooks[0] = True
        # (in __dict__, not a slot: read only once some leaf has a hook)
        hooks = self.__dict__.setdefault("_post_accumulate_grad_hooks", [])
        hooks.append(hook)
        return RemovableHandle(hooks, hook)

    def storage_offset(self) -> int:
        """Where this view starts in its base's storage, in elements (0 for a tensor that owns
        its memory)."""
        base = self._base if getattr(self, "_base", None) is not None else None
        if base is None:
            return 0
        start = self._data.__array_interface__["data"][0] if self._data.size else 0
        origin = base._data.__array_interface__["data"][0] if base._data.size else 0
        return (start - origin) // self._data.itemsize if start and origin else 0

    def _accumulator(self):
        """This leaf's AccumulateGrad node; one per leaf while anything holds it, like PyTorch."""
        try:
            node = self._acc()  # (set on a leaf's first use; try is free when it is)
        except AttributeError:
            node = None
        if node is None:
            # (a new one each training step: the last graph, which held it, is gone; _graph is
            # imported at the end of this module, cheaper than an import statement here)
            node = _graph.AccumulateGrad(self)
            self._acc = _weakref(node)
        return node

    def backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None) -> None:
        """Accumulate d(self)/d(leaf) into every leaf's .grad, like torch.Tensor.backward."""
        fn = self._grad_fn
        if (
            fn is not None and gradient is None and inputs is None and not create_graph
            and self._data.size == 1
        ):  # `loss.backward()`: straight to the executor
            data = self._data
            _graph.run_from_scalar(fn, data.dtype, data.shape, self._device.xp, bool(retain_graph))
            return
        _autograd.backward(self, gradient, retain_graph, create_graph, inputs=inputs)

    def detach(self) -> Tensor:
        """The same data (shared, with the same version counter) outside any graph."""
        out = Tensor._wrap(self._data, self._device)
        out._vc = own_vc(self)
        return _graph.record("detach", (self,), out)  # an op like any other: the explorer shows it

    def detach_(self) -> Tensor:
        self._grad_fn = None
        self._requires_grad = False
        return self

    @property
    def data(self) -> Tensor:
        return self.detach()

    @data.setter
    def data(self, value: Tensor) -> None:
        self._data = value._data
        self._device = value._device

    # ----------------------------------------------------------------- conversion
    def item(self):
        if self._data.size != 1:
            raise RuntimeError(
                f"a Tensor with {self._data.size} elements cannot be converted to Scalar"
            )
        return self._data.item()

    def data_ptr(self) -> int:
        """The address of the first element (views into the same memory share it)."""
        data = self._data
        if hasattr(data, "__array_interface__"):
            return data.__array_interface__["data"][0]
        return int(data.data.ptr)  # CuPy

    def tolist(self):
        return self._host().tolist()

    def numpy(self, *, force: bool = False) -> np.ndarray:
        # as PyTorch, only while grad mode is on (a Function's forward may call it)
        if self._requires_grad and not force and _autograd.grad_mode.state.enabled:
            raise RuntimeError(
                "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() "
                "instead."
            )
        if self._device.type != "cpu" and not force:
            raise TypeError(
                f"can't convert {self._device.type}:0 device type tensor to numpy. Use "
                "Tensor.cpu() to copy the tensor to host memory first."
            )
        return self._host()

    def _host(self) -> np.ndarray:
        """The data as a NumPy array (copied off the GPU when needed)."""
        data = self._data
        if type(data) is np.ndarray:
            return data
        if hasattr(data, "get"):
            return data.get()
        return np.asarray(data)

    def __array__(self, dtype=None, copy=None):
        arr = self._host()
        return arr if dtype is None else arr.astype(dtype)

    def __float__(self) -> float:
        if self._requires_grad and not _autograd._warned["scalar"]:
            _autograd._warned["scalar"] = True  # PyTorch warns once per process
            warnings.warn(SCALAR_WARNING, UserWarning, stacklevel=2)
        return float(self.item())

    def __int__(self) -> int:
        return int(self.item())

    def __index__(self) -> int:
        if self._data.dtype.kind not in "iub" or self._data.size != 1:
            raise TypeError("only integer tensors of a single element can be converted to an index")
        return int(self.item())

    def __bool__(self) -> bool:
        if self._data.size != 1:
            raise RuntimeError(
                "Boolean value of Tensor with more than one value is ambiguous"
            )
        return bool(self._data.item())

    def __format__(self, spec: str) -> str:
        if self._data.ndim == 0:
            return format(self.item(), spec)
        return format(repr(self), spec)

    def __iter__(self):
        if not self._data.ndim:
            raise TypeError("iteration over a 0-d tensor")
        return (self[i] for i in range(self._data.shape[0]))

    def __repr__(self) -> str:
        return printing.format_tensor(self)

    def __deepcopy__(self, memo):
        if self._grad_fn is not None:
            raise RuntimeError(
                "Only Tensors created explicitly by the user (graph leaves) support the deepcopy "
                "protocol at the moment.  If you were attempting to deepcopy a module, this may be "
                "because of a torch.nn.utils.weight_norm usage, see "
                "https://github.com/pytorch/pytorch/pull/103001"
            )
        import copy

        rebuild, args = self.__reduce_ex__(2)
        out = memo[id(self)] = rebuild(*args)
        if self._grad is not None:
            out._grad = copy.deepcopy(self._grad, memo)
        if self.__dict__:
            out.__dict__.update(copy.deepcopy(self.__dict__, memo))
        return out

    def __reduce_ex__(self, protocol):
        return (_rebuild, (self._host().copy(), str(self._device), self._requires_grad))


def _rebuild(data, device, requires_grad):
    from engine import factories

    return factories.tensor(data, device=device, requires_grad=requires_grad)


def _wrap_dim(dim: int, ndim: int) -> int:
    """PyTorch's dimension wrapping, with its IndexError for a dimension out of range."""
    lo, hi = (-ndim, ndim - 1) if ndim else (-1, 0)
    if dim < lo or dim > hi:
        raise IndexError(
            f"Dimension out of range (expected to be in range of [{lo}, {hi}], but got {dim})"
        )
    return dim + ndim if dim < 0 else dim


# Imported last: engine.autograd itself imports this module.
from engine import autograd as _autograd
from engine.autograd import graph as _graph
