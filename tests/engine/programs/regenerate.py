"""Record what PyTorch prints for every program here, as the golden `<name>.out` beside it.

    .venv/bin/python tests/engine/programs/regenerate.py [NAME ...]

Each program runs in its own process with the real `torch` (the oracle), stdout only.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def programs(names: list[str]) -> list[Path]:
    every = sorted(p for p in HERE.glob("*.py") if p.name != Path(__file__).name)
    if not names:
        return every
    return [p for p in every if p.stem in names or p.name in names]


def main(argv: list[str]) -> int:
    import torch  # noqa: F401 - fail early, with a clear message, when the oracle is missing

    for path in programs(argv):
        done = subprocess.run(
            [sys.executable, str(path)], capture_output=True, text=True, cwd=HERE, check=False
        )
        if done.returncode:
            print(f"{path.name}: exit {done.returncode}\n{done.stderr}", file=sys.stderr)
            return 1
        path.with_suffix(".out").write_text(done.stdout)
        print(f"{path.stem}.out: {len(done.stdout.splitlines())} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
