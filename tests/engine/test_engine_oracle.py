"""PyTorch as the oracle: the same small programs run on `engine` and on `torch`.

Each program is a function of the library module; it returns a dict of observations
(values, gradients, grad_fn names, dtypes, shapes) which must agree between the two.
"""
from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

import engine

torch = pytest.importorskip("torch")


def observe(value):
    """A library-independent view of a result: arrays, names, dtypes, shapes, plain values."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (tuple, list)):
        return [observe(v) for v in value]
    if isinstance(value, (engine.Tensor, torch.Tensor)):
        return ("tensor", str(value.dtype), tuple(value.shape), value.detach().cpu().numpy().copy())
    if isinstance(value, (engine.dtype, torch.dtype)):
        return str(value)
    if isinstance(value, (engine.Size, torch.Size)):
        return repr(value)
    raise TypeError(f"cannot observe {type(value)}")


def assert_same(ours, theirs, path="result"):
    if isinstance(ours, dict):
        assert ours.keys() == theirs.keys(), path
        for k in ours:
            assert_same(ours[k], theirs[k], f"{path}.{k}")
        return
    a, b = observe(ours), observe(theirs)
    _compare(a, b, path)


def _compare(a, b, path):
    if isinstance(a, tuple) and a and a[0] == "tensor":
        assert isinstance(b, tuple) and b[0] == "tensor", path
        assert a[1] == b[1], f"{path}: dtype {a[1]} != {b[1]}"
        assert a[2] == b[2], f"{path}: shape {a[2]} != {b[2]}"
        np.testing.assert_allclose(a[3], b[3], rtol=2e-5, atol=1e-6, err_msg=path)
    elif isinstance(a, list):
        assert isinstance(b, list) and len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b)):
            _compare(x, y, f"{path}[{i}]")
    elif isinstance(a, float) and isinstance(b, float):
        assert math.isclose(a, b, rel_tol=2e-5, abs_tol=1e-6) \
            or (math.isnan(a) and math.isnan(b)), path
    else:
        assert a == b, f"{path}: {a!r} != {b!r}"


def fn_name(t):
    return None if t.grad_fn is None else type(t.grad_fn).__name__


def both(program):
    ours = program(engine)
    theirs = program(torch)
    assert_same(ours, theirs)


# --------------------------------------------------------------------------- programs
def p_scalar_chain(lib):
    x = lib.tensor(2.0, requires_grad=True)
    y = x**2 + 3 * x - 1 / x
    z = y.exp().log() * y.sin().cos() + y.tanh() - y.sigmoid()
    z.backward()
    return {"y": y, "z": z, "grad": x.grad, "name": fn_name(z)}


def p_broadcast_binary(lib):
    a = lib.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
    b = lib.tensor([0.5, -1.0, 2.0], requires_grad=True)
    c = lib.tensor([[2.0], [3.0]], requires_grad=True)
    out = ((a + b) * c - a / c + b**2 - (a - b) / (c + 1)).sum()
    out.backward()
    return {"out": out, "ga": a.grad, "gb": b.grad, "gc": c.grad}


def p_constants_on_either_side(lib):
    w = lib.tensor([[0.5, -1.0], [2.0, 0.25]], requires_grad=True)
    c = lib.tensor([[1.5, 0.5], [-0.5, 1.0]])
    v = lib.tensor([2.0, 3.0])
    out = (c + w) * (c - w) + (v + w) / (v * w) + (c**w) + (w**v) + lib.maximum(c, w)
    out = out + lib.where(c > 0, c, w) + (c @ w).sum() + (w @ c).sum()
    out.sum().backward()
    return {"out": out, "grad": w.grad}


def p_pow_three_forms(lib):
    x = lib.tensor([0.0, 1.0, 2.0, 3.0], requires_grad=True)
    e = lib.tensor([0.0, 2.0, -1.0, 0.5], requires_grad=True)
    names = [fn_name(x**2), fn_name(x**e), fn_name(2**x), fn_name(x.pow(3)),
             fn_name(lib.pow(2.5, x))]
    (x**2 + x**e + 2**x + 0**e).sum().backward()
    return {"names": names, "gx": x.grad, "ge": e.grad}


def p_pow_zero_masking(lib):
    a = lib.tensor(0.0, requires_grad=True)
    b = lib.tensor(0.0, requires_grad=True)
    (a**b).backward()
    c = lib.tensor(0.0, requires_grad=True)
    (c**0).backward()
    return {"ga": a.grad, "gb": b.grad, "gc": c.grad}


def p_unary_functions(lib):
    x = lib.tensor([[-1.5, -0.2, 0.3], [0.7, 1.2, 2.5]], requires_grad=True)
    parts = [x.exp(), x.abs().log(), x.abs().sqrt(), x.abs(), x.sin(), x.cos(), x.tanh(),
             x.sigmoid(), x.relu(), -x, lib.relu(x), lib.sigmoid(x), lib.tanh(x), lib.sin(x)]
    total = parts[0].sum()
    for p in parts[1:]:
        total = total + p.sum()
    total.backward()
    return {"names": [fn_name(p) for p in parts], "total": total, "grad": x.grad}


def p_rounding_floor_divide_remainder(lib):
    x = lib.tensor([-2.5, -0.5, 0.4, 1.5, 7.0], requires_grad=True)
    y = lib.tensor([2.0, -3.0, 0.3, 1.0, 4.0], requires_grad=True)
    r = x % y
    (r * lib.arange(5.0)).sum().backward()
    i = lib.tensor([7, -7, 5])
    return {
        "floor": x.floor(), "ceil": lib.ceil(x), "round": x.round(), "trunc": x.trunc(),
        "fdiv": x // 2, "rfdiv": 7 // y, "ifdiv": i // 2, "imod": i % 3, "rmod": 7 % i,
        "r": r, "gx": x.grad, "gy": y.grad, "name": fn_name(r),
        "sigmoid_extremes": lib.sigmoid(lib.tensor([-100.0, 0.0, 100.0])),
    }


def p_reductions(lib):
    x = lib.tensor([[1.0, 5.0, 3.0], [4.0, 2.0, 6.0]], requires_grad=True)
    outs = {
        "sum": x.sum(), "sum0": x.sum(0), "sum1k": x.sum(dim=1, keepdim=True),
        "mean": x.mean(), "mean0": x.mean(0), "meank": x.mean(-1, keepdim=True),
        "max": x.max(), "min": x.min(), "sumt": x.sum((0, 1)),
    }
    names = {k: fn_name(v) for k, v in outs.items()}
    total = sum(v.sum() for v in outs.values())
    total.backward()
    mx = x.max(1)
    mn = x.min(dim=0, keepdim=True)
    return {**outs, "names": [names[k] for k in sorted(names)], "grad": x.grad,
            "maxv": mx.values, "maxi": mx.indices, "minv": mn[0], "mini": mn[1],
            "maxname": fn_name(mx.values)}


def p_max_with_dim_backward(lib):
    x = lib.tensor([[1.0, 3.0, 3.0], [7.0, 2.0, 0.0]], requires_grad=True)
    (x.max(1)[0] * lib.tensor([2.0, 5.0])).sum().backward()
    y = lib.tensor([1.0, 3.0, 3.0], requires_grad=True)
    y.max().backward()
    return {"gx": x.grad, "gy": y.grad}


def p_softmax_family_and_moments(lib):
    x = lib.tensor([[1.0, 2.0, 3.0], [0.5, -1.0, 2.0]], requires_grad=True)
    outs = [x.softmax(1), lib.softmax(x, dim=0), x.log_softmax(-1), lib.logsumexp(x, 1),
            x.logsumexp(dim=0, keepdim=True), x.var(), x.std(), x.var(1), x.std(0, keepdim=True),
            x.var(unbiased=False), lib.var(x, dim=1, correction=0), lib.std(x, dim=None)]
    total = sum((o * (lib.arange(float(o.numel())).reshape(o.shape) + 1)).sum() for o in outs)
    total.backward()
    return {"outs": outs, "names": [fn_name(o) for o in outs], "grad": x.grad}


def p_norms(lib):
    x = lib.tensor([[3.0, -4.0], [1.0, 2.0]], requires_grad=True)
    n = x.norm() + x.norm(dim=0).sum() + x.norm(p=1) + lib.linalg.norm(x[0])
    n.backward()
    return {"n": n, "grad": x.grad, "name": fn_name(x.norm())}


def p_matmul_family(lib):
    m = lib.tensor([[1.0, 2.0, 0.5], [-1.0, 0.0, 3.0]], requires_grad=True)
    k = lib.tensor([[0.5, 1.0], [2.0, -1.0], [1.0, 1.0]], requires_grad=True)
    v = lib.tensor([1.0, -2.0, 0.5], requires_grad=True)
    w = lib.tensor([2.0, 1.0], requires_grad=True)
    r = {
        "mm": m @ k, "mv": m @ v, "vm": w @ m, "dot": v @ v, "tdot": lib.dot(v, v),
        "fmm": lib.mm(m, k), "fmv": lib.mv(m, v), "mat": lib.matmul(m, k),
    }
    names = [fn_name(r[key]) for key in sorted(r)]
    total = sum(t.sum() for t in r.values())
    total.backward()
    return {**r, "names": names, "gm": m.grad, "gk": k.grad, "gv": v.grad, "gw": w.grad}


def p_batched_matmul(lib):
    a = lib.arange(24.0).reshape(2, 3, 4).requires_grad_()
    b = lib.arange(8.0).reshape(4, 2).requires_grad_()
    c = lib.arange(4.0, requires_grad=True)
    d = lib.arange(16.0).reshape(2, 4, 2).requires_grad_()
    r = [a @ b, a @ c, a @ d]
    sum(t.sum() for t in r).backward()
    return {"r": r, "ga": a.grad, "gb": b.grad, "gc": c.grad, "gd": d.grad,
            "names": [fn_name(t) for t in r]}


def p_shapes(lib):
    x = lib.arange(6.0).reshape(2, 3).requires_grad_()
    outs = [x.reshape(3, 2), x.view(6), x.view(-1, 2), x.flatten(), x.T, x.t(), x.transpose(0, 1),
            x.unsqueeze(0), x.unsqueeze(-1).squeeze(), x.unsqueeze(1).squeeze(1), v_expand(lib, x),
            x.permute(1, 0), x.T.reshape(6), x.unsqueeze(0).squeeze((0,)), x.clone()]
    total = sum((o * lib.arange(float(o.numel())).reshape(o.shape)).sum() for o in outs)
    total.backward()
    return {"outs": outs, "names": [fn_name(o) for o in outs], "grad": x.grad,
            "shapes": [o.shape for o in outs]}


def v_expand(lib, x):
    return x[0].expand(4, 3)


def p_indexing(lib):
    x = lib.arange(12.0).reshape(3, 4).requires_grad_()
    outs = [x[0], x[0:2], x[:, 1], x[1, 2], x[-1], x[1:, ::2], x[..., 0], x[None], x[:],
            x[lib.tensor([0, 2, 0])], x[x > 5], x[[1, 1]], x[0, 1:], x[0][1]]
    weights = [lib.arange(float(o.numel())).reshape(o.shape) + 1 for o in outs]
    total = sum((o * w).sum() for o, w in zip(outs, weights))
    total.backward()
    return {"outs": outs, "names": [fn_name(o) for o in outs], "grad": x.grad}


def p_setitem(lib):
    w = lib.tensor([1.0, 2.0, 3.0], requires_grad=True)
    v = lib.tensor(5.0, requires_grad=True)
    y = w * 2
    y[1] = v * 3
    y.sum().backward()
    z = lib.zeros(2, 3)
    z[0, 1] = 4
    z[1] = lib.tensor([1.0, 2.0, 3.0])
    return {"y": y, "gw": w.grad, "gv": v.grad, "z": z}


def p_comparisons(lib):
    x = lib.tensor([1.0, 2.0, 3.0])
    y = lib.tensor([3.0, 2.0, 1.0])
    return {
        "eq": x == y, "ne": x != y, "lt": x < y, "le": x <= 2, "gt": 2 < x, "ge": x >= y,
        "eqm": x.eq(y), "all": (x > 0).all(), "any": (x > 2).any(), "not": ~(x > 2),
        "and": (x > 1) & (y > 1), "or": (x > 2) | (y > 2), "where": lib.where(x > 1, x, y),
    }


def p_dtypes(lib):
    i = lib.tensor([1, 2, 3])
    f = lib.tensor([1.0, 2.0])
    d = lib.tensor([1.0], dtype=lib.float64)
    b = lib.tensor([True, False])
    z64 = lib.tensor(2.0, dtype=lib.float64)
    zi = lib.tensor(3)
    return {
        "int": i.dtype, "float": f.dtype, "bool": b.dtype, "double": d.dtype,
        "i*f": (i * 1.5).dtype, "i/i": (i / i).dtype, "i+i": (i + 1).dtype, "b+1": (b + 1).dtype,
        "b+b": (b + True).dtype, "f*z64": (f * z64).dtype, "zi*z64": (zi * z64).dtype,
        "f+d": (f[:1] + d).dtype, "i*zf": (i * lib.tensor(2.0)).dtype, "i**2": (i**2).dtype,
        "i**2.": (i**2.0).dtype, "2**i": (2**i).dtype, "sum_i": i.sum().dtype,
        "sum_b": b.sum().dtype, "ar": lib.arange(3).dtype, "arf": lib.arange(3.0).dtype,
        "full": lib.full((2,), 3).dtype, "fullb": lib.full((1,), True).dtype,
        "zeros": lib.zeros(2).dtype, "ones_i": lib.ones(2, dtype=lib.long).dtype,
        "mixed": lib.tensor([1, 2.5]).dtype, "i/2": (i / 2).dtype, "f.double": f.double().dtype,
        "int32+int64": (lib.tensor([1], dtype=lib.int32) + lib.tensor(5)).dtype,
        "promote": lib.promote_types(lib.int64, lib.float32),
        "py_float_dtype": lib.ones(1, dtype=float).dtype,
        "py_int_dtype": lib.ones(1, dtype=int).dtype,
        "py_bool_dtype": lib.ones(1, dtype=bool).dtype,
    }


def p_inplace_and_no_grad(lib):
    a = lib.tensor([1.0, 2.0], requires_grad=True)
    with lib.no_grad():
        a -= 0.5 * lib.ones(2)
        a *= 2
        a += 1
        a /= 4
    y = (a * a).sum()
    y.backward()
    g = a.grad.clone()
    a.grad.zero_()
    h = a * 3
    h.add_(1)
    h.mul_(a)
    h.sub_(a, alpha=2)
    name = fn_name(h)
    h.sum().backward()
    return {"a": a, "g": g, "g2": a.grad, "h": h, "name": name, "req": (a * 2).requires_grad}


def p_factories(lib):
    return {
        "z": lib.zeros(2, 3), "zt": lib.zeros((2, 3)), "o": lib.ones(()), "f": lib.full((2,), 1.5),
        "zl": lib.zeros_like(lib.ones(2, dtype=lib.int64)), "ol": lib.ones_like(lib.zeros(3)),
        "ar": lib.arange(5), "ar2": lib.arange(1, 4, 0.5), "ar3": lib.arange(0, 10, 3),
        "ls": lib.linspace(-1, 1, 5), "ls2": lib.linspace(-math.pi, math.pi, 2000),
        "e": lib.eye(3), "t": lib.tensor([[1, 2], [3, 4]]), "s": lib.tensor(3.5),
        "np": lib.from_numpy(np.array([1.0, 2.0])), "as": lib.as_tensor([1, 2]),
        "size": lib.zeros(2, 3).size(), "size1": lib.zeros(2, 3).size(1),
        "numel": lib.zeros(2, 3).numel(),
        "dim": lib.zeros(2, 3).dim(), "ndim": lib.zeros(2, 3, 1).ndim, "shape": lib.ones(4).shape,
        "tolist": lib.tensor([[1.0, 2.0]]).tolist(), "item": lib.tensor([[7]]).item(),
    }


def p_autograd_grad(lib):
    x = lib.tensor([1.0, 2.0, 3.0], requires_grad=True)
    y = (x**3).sum()
    (g,) = lib.autograd.grad(y, x, create_graph=True)
    (h,) = lib.autograd.grad(g.sum(), x)
    w = lib.tensor(2.0, requires_grad=True)
    z = w.sin() * w
    (dz,) = lib.autograd.grad(z, w, create_graph=True)
    (d2z,) = lib.autograd.grad(dz, w, create_graph=True)
    (d3z,) = lib.autograd.grad(d2z, w)
    return {"g": g, "h": h, "gname": fn_name(g), "dz": dz, "d2z": d2z, "d3z": d3z, "xgrad": x.grad}


def p_double_backward_through_ops(lib):
    x = lib.tensor([[0.5, -1.0], [2.0, 0.3]], requires_grad=True)
    y = lib.tensor([1.5, 0.7], requires_grad=True)
    out = ((x * y).exp().sum(0).sum() / (x**2 + 1).sum() + (x @ y).tanh().sum() + x.norm()
           + (x.abs() + 1).log().mean() + x.sigmoid().max() + ((x.abs() + 0.1) ** y.abs()).sum())
    gx, gy = lib.autograd.grad(out, (x, y), create_graph=True)
    (gx.pow(2).sum() + gy.sum()).backward()
    return {"gx": gx, "gy": gy, "xx": x.grad, "yy": y.grad}


def p_retain_grad_and_accumulation(lib):
    x = lib.tensor([1.0, 2.0], requires_grad=True)
    h = x * 3
    h.retain_grad()
    out = (h * h).sum()
    out.backward(retain_graph=True)
    first = x.grad.clone()
    out.backward()
    return {"first": first, "x": x.grad, "h": h.grad, "retains": h.retains_grad,
            "leaf": [x.is_leaf, h.is_leaf, out.is_leaf]}


def p_retain_grad_follows_inplace(lib):
    x = lib.tensor([1.0, 2.0], requires_grad=True)
    h = x * 2
    h.retain_grad()
    h.add_(1)
    (h * h).sum().backward()
    return {"h": h.grad, "x": x.grad, "retains": h.retains_grad}


def p_tensor_and_node_hooks(lib):
    x = lib.tensor([1.0, 2.0], requires_grad=True)
    seen = []
    handle = x.register_hook(lambda g: seen.append(g.clone()))
    y = x * 3
    y.register_hook(lambda g: g * 10)
    q = y.exp()
    q.grad_fn.register_prehook(lambda grads: (grads[0] + 1,))
    (y * y + q).sum().backward()
    first = x.grad.clone()
    handle.remove()
    x.grad = None
    (x * x).sum().backward()
    return {"seen": seen, "first": first, "second": x.grad}


def p_requires_grad_on_non_leaf_is_a_no_op(lib):
    y = lib.ones(2, requires_grad=True) * 2
    return {"same": y.requires_grad_() is y, "req": y.requires_grad, "leaf": y.is_leaf}


def p_seeded_random_numbers(lib):
    out = {}
    for seed in (0, 7, 2**40 + 3):
        lib.manual_seed(seed)
        out[f"{seed}"] = [
            lib.rand(5), lib.randn(3), lib.randn(()), lib.randn(2, 17), lib.randn(16),
            lib.rand(2, 3, dtype=lib.float64), lib.randn(5, dtype=lib.float64),
            lib.randint(0, 10, (6,)), lib.randint(-3, 5, (2, 2)), lib.randperm(9),
            lib.empty(4).uniform_(-2, 3), lib.empty(20).normal_(1.5, 0.5),
            lib.empty(3).normal_(-1, 2), lib.rand_like(lib.ones(2)), lib.randn(7),
        ]
    return out


def p_generator_objects(lib):
    g = lib.Generator().manual_seed(11)
    a = lib.rand(3, generator=g)
    lib.manual_seed(0)
    b = lib.randn(2, generator=g)
    return {"a": a, "b": b, "perm": lib.randperm(4, generator=g),
            "int": lib.randint(5, (3,), generator=g)}


def p_seeded_linear_init_matches(lib):
    lib.manual_seed(42)
    layer = lib.nn.Linear(3, 2)
    return {"w": layer.weight, "b": layer.bias}


def p_next_functions(lib):
    w = lib.tensor(2.0, requires_grad=True)
    x = lib.tensor(3.0)
    b = lib.tensor(1.0, requires_grad=True)
    y = w * x + b
    fns = y.grad_fn.next_functions
    mul = fns[0][0]
    return {
        "y": fn_name(y), "nf": [type(f).__name__ if f else None for f, _ in fns],
        "mul": [type(f).__name__ if f else None for f, _ in mul.next_functions],
        "var_is_b": fns[1][0].variable is b, "name": y.grad_fn.name(),
        "rsub": fn_name(2 - w), "rdiv": fn_name(2 / w),
        "rdiv_nf": type((2 / w).grad_fn.next_functions[0][0]).__name__,
        "sub": fn_name(w - 2), "div": fn_name(w / 2), "neg": fn_name(-w),
    }


def p_function(lib):
    class Cube(lib.autograd.Function):
        @staticmethod
        def forward(ctx, x, k):
            ctx.save_for_backward(x)
            ctx.k = k
            return x**3 * k

        @staticmethod
        def backward(ctx, grad):
            (x,) = ctx.saved_tensors
            return grad * 3 * x**2 * ctx.k, None

    x = lib.tensor([1.0, 2.0], requires_grad=True)
    y = Cube.apply(x, 2.0)
    y.sum().backward()
    return {"y": y, "g": x.grad, "name": fn_name(y)}


def p_seed004_short(lib):
    x = lib.linspace(-math.pi, math.pi, 2000, dtype=lib.float)
    y = lib.sin(x)
    a, b, c, d = (lib.tensor(v, requires_grad=True) for v in (-0.3, 0.5, 0.2, -0.1))
    losses = []
    for _ in range(50):
        y_pred = a + b * x + c * x**2 + d * x**3
        loss = (y_pred - y).pow(2).sum()
        losses.append(loss.item())
        loss.backward()
        with lib.no_grad():
            for p in (a, b, c, d):
                p -= 1e-6 * p.grad
                p.grad = None
    return {"losses": losses, "coef": [a.item(), b.item(), c.item(), d.item()]}


PROGRAMS = [value for name, value in sorted(globals().items()) if name.startswith("p_")]


@pytest.mark.parametrize("program", PROGRAMS, ids=lambda p: p.__name__[2:])
def test_program_matches_pytorch(program):
    both(program)


# --------------------------------------------------------------------------- errors
def error_of(fn):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            fn()
        except Exception as exc:  # noqa: BLE001 - comparing whatever each library raises
            return type(exc).__name__, str(exc)
    return None


def e_no_grad_fn(lib):
    lib.ones(3).sum().backward()


def e_non_scalar(lib):
    (lib.ones(3, requires_grad=True) * 2).backward()


def e_backward_twice(lib):
    x = lib.ones(3, requires_grad=True)
    y = (x * x).sum()
    y.backward()
    y.backward()


def e_leaf_inplace(lib):
    lib.ones(3, requires_grad=True).add_(1)


def e_view_of_leaf_inplace(lib):
    lib.ones(3, 2, requires_grad=True)[0].mul_(2)


def e_saved_output_modified(lib):
    x = lib.ones(3, requires_grad=True)
    a = x.sigmoid()
    b = a * 2
    a.mul_(2)
    (a + b).sum().backward()


def e_saved_input_modified(lib):
    w = lib.ones(2, 3, dtype=lib.float64, requires_grad=True)
    a = w * 1
    b = a * a
    a.add_(1)
    b.sum().backward()


def e_saved_leaf_modified(lib):
    w = lib.ones(3, requires_grad=True)
    x = lib.ones(3)
    y = w * x
    x.add_(1)
    y.sum().backward()


def e_broadcast(lib):
    lib.ones(3) + lib.ones(2)


def e_broadcast_2d(lib):
    lib.ones(2, 3) * lib.ones(3, 2)


def e_mm_shapes(lib):
    lib.ones(2, 3) @ lib.ones(2, 3)


def e_dot_sizes(lib):
    lib.dot(lib.ones(3), lib.ones(2))


def e_dot_dtypes(lib):
    lib.dot(lib.ones(3), lib.ones(3, dtype=lib.float64))


def e_view_size(lib):
    lib.ones(2, 3).view(4)


def e_infer_two(lib):
    lib.ones(2, 3).view(-1, -1)


def e_index_oob(lib):
    lib.ones(2, 3)[5]


def e_dim_oob(lib):
    lib.ones(2, 3).sum(2)


def e_item(lib):
    lib.ones(3).item()


def e_mean_int(lib):
    lib.ones(3, dtype=lib.long).mean()


def e_int_requires_grad(lib):
    lib.tensor([1, 2], requires_grad=True)


def e_int_requires_grad_(lib):
    lib.ones(3, dtype=lib.long).requires_grad_()


def e_cast_inplace(lib):
    a = lib.ones(3, dtype=lib.long)
    a += 1.5


def e_numpy_requires_grad(lib):
    lib.ones(3, requires_grad=True).numpy()


def e_unused_input(lib):
    x = lib.ones(3, requires_grad=True)
    lib.autograd.grad((x * 2).sum(), [lib.ones(2, requires_grad=True)])


def e_expand(lib):
    lib.ones(2, 3).expand(3, 3)


def e_grad_shape(lib):
    (lib.ones(3, requires_grad=True) * 2).backward(lib.ones(2))


def e_ragged(lib):
    lib.tensor([[1, 2], [3]])


def e_bad_data(lib):
    lib.tensor("a")


def e_negative_size(lib):
    lib.zeros(-1)


def e_float_index(lib):
    lib.ones(2)[lib.tensor([0.5])]


def e_set_requires_grad_non_leaf(lib):
    (lib.ones(2, requires_grad=True) * 2).requires_grad = False


def e_set_requires_grad_true_non_leaf(lib):
    (lib.ones(2, requires_grad=True) * 2).requires_grad = True


def e_requires_grad_false_non_leaf(lib):
    (lib.ones(2, requires_grad=True) * 2).requires_grad_(False)


def e_grad_wrong_size(lib):
    lib.ones(3, requires_grad=True).grad = lib.ones(2)


def e_grad_wrong_type(lib):
    lib.ones(3, requires_grad=True).grad = 3


def e_empty_inputs(lib):
    (lib.ones(2, requires_grad=True) * 2).sum().backward(inputs=[])


def e_int_negative_power(lib):
    lib.tensor([1, 2]) ** -1


def e_mv_sizes(lib):
    lib.mv(lib.ones(3, 2), lib.ones(3))


def e_max_empty(lib):
    lib.ones(0).max()


def e_bool_neg(lib):
    -lib.tensor([True])


def e_floor_divide_backward(lib):
    x = lib.tensor([1.5, 2.0], requires_grad=True)
    (x // 2).sum().backward()


def e_scalar_remainder_backward(lib):
    x = lib.tensor([1.5, 2.0], requires_grad=True)
    (7 % x).sum().backward()


def e_float_index_scalar(lib):
    lib.ones(2, 3)[1.5]


def e_add_string(lib):
    lib.ones(2) + "a"


def e_cat_ndim(lib):
    lib.cat([lib.ones(2), lib.ones(2, 2)])


def e_cat_sizes(lib):
    lib.cat([lib.ones(2, 3), lib.ones(2, 2)])


def e_stack_sizes(lib):
    lib.stack([lib.ones(2), lib.ones(3)])


def e_where_not_bool(lib):
    lib.where(lib.ones(2), lib.ones(2), lib.zeros(2))


def e_index_zero_dim(lib):
    lib.tensor(1.0)[0]


def e_mask_shape(lib):
    lib.ones(3)[lib.tensor([True, False])]


def e_full_string(lib):
    lib.full((2,), "a")


def e_randn_negative(lib):
    lib.randn(-1)


def e_linspace_negative(lib):
    lib.linspace(0, 1, -1)


def e_squeeze_dim(lib):
    lib.ones(2, 3).squeeze(3)


ERRORS = [value for name, value in sorted(globals().items()) if name.startswith("e_")]


@pytest.mark.parametrize("program", ERRORS, ids=lambda p: p.__name__[2:])
def test_error_matches_pytorch(program):
    theirs = error_of(lambda: program(torch))
    ours = error_of(lambda: program(engine))
    assert theirs is not None
    assert ours == theirs


def test_non_leaf_grad_warning_matches_pytorch():
    def warning_of(lib):
        y = lib.ones(2, requires_grad=True) * 2
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            assert y.grad is None
        return [(w.category, str(w.message)) for w in caught]

    assert warning_of(engine) == warning_of(torch)
    assert len(warning_of(engine)) == 1


def test_size_and_dtype_reprs_match_pytorch():
    assert repr(engine.zeros(2, 2).shape) == repr(torch.zeros(2, 2).shape) == "torch.Size([2, 2])"
    for name in ("float", "float32", "float64", "double", "int64", "long", "bool", "int32"):
        assert repr(getattr(engine, name)) == repr(getattr(torch, name))
    assert repr(engine.device("cpu")) == repr(torch.device("cpu"))
    r = repr(engine.tensor([[1.0, 3.0]]).max(1))
    assert r == repr(torch.tensor([[1.0, 3.0]]).max(1))


# --------------------------------------------------------------------------- type promotion
PROMOTION_OPERANDS = [
    (kind, dt)
    for kind in ("dim", "zero")
    for dt in ("bool", "uint8", "int8", "int16", "int32", "int64", "float16", "float32", "float64")
] + [("scalar", v) for v in (True, 3, 2.5)]


def make_operand(lib, spec):
    kind, value = spec
    if kind == "scalar":
        return value
    dt = getattr(lib, value)
    return lib.ones(2, dtype=dt) if kind == "dim" else lib.ones((), dtype=dt)


@pytest.mark.parametrize("left", PROMOTION_OPERANDS, ids=str)
def test_type_promotion_matches_pytorch(left):
    for right in PROMOTION_OPERANDS:
        if left[0] == "scalar" and right[0] == "scalar":
            continue
        for op in ("add", "mul"):
            expected = getattr(torch, op)(*(make_operand(torch, s) for s in (left, right)))
            if left[0] == "scalar":
                got = getattr(make_operand(engine, right), op)(left[1])
                expected = getattr(make_operand(torch, right), op)(left[1])
            else:
                got = getattr(engine, op)(*(make_operand(engine, s) for s in (left, right)))
            assert str(got.dtype) == str(expected.dtype), (left, right, op)
            assert tuple(got.shape) == tuple(expected.shape)
