"""How many threads NumPy's BLAS (matrix products) runs: one, until torch.set_num_threads says.

NumPy's OpenBLAS starts a thread per core for every product, however small. On a 2-core laptop,
with the explorer's window drawing or its training worker beside it, those threads wait on each
other: the workbench's small MLP trained 5x slower than on one thread (1000 steps: 4.0 s against
0.74 s, with the other core busy). PyTorch splits a product across threads only when it is large,
so one thread is the engine's default and set_num_threads(n) gives BLAS n. A thread count the
user set in the environment (OPENBLAS_NUM_THREADS, OMP_NUM_THREADS, MKL_NUM_THREADS) stays.
"""
from __future__ import annotations

import os

_USER_SET = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
_limiters: list = []  # the limit in force (threadpoolctl keeps it until it is restored)


def limit(threads: int) -> bool:
    """Run BLAS on `threads` threads; False where no BLAS library could be told (threadpoolctl
    missing, a library it does not know)."""
    try:
        from threadpoolctl import ThreadpoolController

        limiter = ThreadpoolController().limit(limits=threads, user_api="blas")
    except (ImportError, OSError, ValueError, AttributeError, RuntimeError):
        # threadpoolctl absent, or a library it cannot load or set: BLAS stays as it is
        return False
    _limiters[:] = [limiter]
    return True


def apply_default() -> None:
    """One BLAS thread, unless the user's environment asks for a number."""
    if not any(name in os.environ for name in _USER_SET):
        limit(1)
