"""NumPy's BLAS runs one thread under the engine until set_num_threads asks for more, and a
thread count the user's environment sets is left alone (engine/blas_threads.py)."""
import json
import os
import subprocess
import sys

import pytest

threadpoolctl = pytest.importorskip("threadpoolctl")

REPORT = (
    "import json, sys, threadpoolctl\n"
    "import engine\n"
    "counts = [threadpoolctl.threadpool_info()]\n"
    "if len(sys.argv) > 1: engine.set_num_threads(int(sys.argv[1]))\n"
    "counts.append(threadpoolctl.threadpool_info())\n"
    "print(json.dumps([[lib['num_threads'] for lib in info if lib['user_api'] == 'blas']\n"
    "                  for info in counts]))\n"
)
USER_SET = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def _blas_threads(*args: str, **env: str) -> list[list[int]]:
    environment = {k: v for k, v in os.environ.items() if k not in USER_SET}
    environment.update(env)
    out = subprocess.run([sys.executable, "-c", REPORT, *args], env=environment,
                         capture_output=True, text=True, check=True).stdout
    counts = json.loads(out)
    if not counts[0]:
        pytest.skip("this NumPy has no BLAS library threadpoolctl knows")
    return counts


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: BLAS runs one thread anyway")
def test_one_blas_thread_until_set_num_threads_asks_for_two():
    after_import, after_set = _blas_threads("2")
    assert set(after_import) == {1}
    assert set(after_set) == {2}


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: BLAS runs one thread anyway")
def test_a_thread_count_from_the_environment_stays():
    after_import, _ = _blas_threads(OPENBLAS_NUM_THREADS="2", OMP_NUM_THREADS="2")
    assert set(after_import) == {2}
