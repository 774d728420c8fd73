"""The hostile inputs of issue 17: snippets and graph files that once crashed, hung or exhausted
memory. Each must now end in values or in one clear refusal, whether it goes through `run` or the
window; test_hostile_corpus.py sends them (with the older corpora) through both.
"""
from __future__ import annotations

import json
from pathlib import Path

CYRILLIC_O, CYRILLIC_A, GREEK_O = "\u043e", "\u0430", "\u03bf"

SNIPPETS: dict[str, str] = {
    # ranges past any size, and nan bounds
    "arange 1e300 by 1e-300": "x = torch.arange(0, 1e300, 1e-300)",
    "arange +-1.7e308": "x = torch.arange(-1.7e308, 1.7e308)",
    "arange to 1.7e308": "x = torch.arange(0, 1.7e308)",
    "arange by 1e-308": "x = torch.arange(0, 1, 1e-308)",
    "arange 400 digits": f"x = torch.arange({'9' * 400})",
    "arange nan end": "x = torch.arange(0, float('nan'))",
    "arange inf end": "x = torch.arange(0, float('inf'))",
    "arange nan step": "x = torch.arange(0, 1, float('nan'))",
    "arange inf step": "x = torch.arange(0, 1, float('inf'))",
    "arange math.inf": "x = torch.arange(math.inf)",
    "arange 1e20": "x = torch.arange(1e20)",
    "linspace 1e12 steps": "x = torch.linspace(0, 1, 10**12)",
    # backward through a freed graph, and what PyTorch allows
    "backward twice": "x = torch.tensor(2.0, requires_grad=True)\ny = x * x\ny.backward()\n"
                      "y.backward()",
    "backward twice via exp": "x = torch.tensor(1.0, requires_grad=True)\ny = x.exp()\n"
                              "y.backward()\ny.backward()",
    "backward twice retained": "x = torch.tensor(2.0, requires_grad=True)\ny = x * x\n"
                               "y.backward(retain_graph=True)\ny.backward()",
    "backward twice through add": "x = torch.tensor(2.0, requires_grad=True)\ny = x + 1\n"
                                  "y.backward()\ny.backward()",
    "backward three times": "x = torch.ones(2, requires_grad=True)\ny = (x * x).sum()\n"
                            "y.backward(retain_graph=True)\ny.backward()\ny.backward()",
    # **kwargs and odd keywords
    "kwargs dtype 1": "x = torch.ones(2, **{'dtype': 1})",
    "kwargs empty": "x = torch.ones(2, **{})",
    "star args": "x = torch.ones(*[2, 3])",
    "keyword None": "x = torch.ones(2, dtype=None)",
    # names from other alphabets, and floats spelled as names
    "cyrillic torch": f"x = torch.ones(2)\ny = t{CYRILLIC_O}rch.exp(x)",
    "cyrillic math": f"x = torch.ones(2)\ny = m{CYRILLIC_A}th.pi * x",
    "greek torch": f"x = torch.ones(2)\ny = t{GREEK_O}rch.sin(x)",
    "cyrillic variable": f"x = torch.ones(2)\ny = {CYRILLIC_O} * x",
    "bare nan": "x = torch.ones(2)\ny = x * nan",
    "bare inf": "x = torch.ones(2)\ny = x + inf",
    "bare NaN": "x = torch.ones(2)\ny = x - NaN",
    "zero-width space": "x = torch.ones(2)\ny = x\u200b * 2",
    "right-to-left mark": "x = torch.ones(2)\ny = \u202ex * 2",
    # memory and arithmetic budgets
    "outer product 40000": "x = torch.ones(40000, 1)\ny = torch.ones(1, 40000)\nz = x * y",
    "outer product by matmul": "x = torch.ones(40000, 1)\ny = torch.ones(1, 40000)\nz = x @ y",
    "300 ones on one line": "; ".join(f"o{i} = torch.ones(1000, 1000)" for i in range(300)),
    "chained squares": "x = torch.ones(1000, 1000)\n"
                       + "".join(f"x{i} = x @ x\n" for i in range(100)),
    "broadcast blow-up": "a = torch.ones(1000, 1, 1)\nb = torch.ones(1, 1000, 1)\n"
                         "c = torch.ones(1, 1, 1000)\nd = a * b * c",
    "huge expand by add": "a = torch.zeros(100000, 1)\nb = torch.zeros(1, 100000)\nc = a + b",
    # random draws after manual_seed
    "40 large rand draws": "torch.manual_seed(0)\n"
                           + "".join(f"r{i} = torch.rand(1000000)\n" for i in range(40)),
    "1000 small rand draws": "torch.manual_seed(1)\n"
                             + "".join(f"r{i} = torch.rand(3)\n" for i in range(1000)),
    "randn after rand": "torch.manual_seed(2)\na = torch.rand(1000000)\nb = torch.randn(20000)",
    "rand without seed": "a = torch.rand(2)\nb = torch.rand(20000)",
    # numbers at the edges
    "400-digit literal": f"x = torch.tensor({'9' * 400}.0)",
    "1e309 literal": "x = torch.tensor(1e309)",
    "int64 overflow": f"x = torch.tensor({2**63})",
    "tiny denormal": "x = torch.tensor(1e-320, requires_grad=True)\ny = x * x\ny.backward()",
    "nan gradient": "x = torch.tensor(float('nan'), requires_grad=True)\ny = x.exp()\n"
                    "y.backward()",
}


def snippet_files(directory: Path) -> list[Path]:
    paths = []
    for number, (name, body) in enumerate(sorted(SNIPPETS.items())):
        path = directory / f"issue17-{number:02d}.py"
        path.write_text(f"# {name}\nimport math\nimport torch\n{body}\n", encoding="utf-8")
        paths.append(path)
    return paths


def _graph(nodes: list[dict], edges: list[dict] = ()) -> dict:
    return {"format": "autograd-explorer-graph", "version": 1, "nodes": nodes,
            "edges": list(edges)}


def _input(number: int, **params) -> dict:
    return {"id": f"n{number}", "op": "input", "name": f"x{number}",
            "pos": [float(number % 100) * 10, float(number // 100) * 10], "params": params}


def _op(number: int, op: str, **params) -> dict:
    return {"id": f"n{number}", "op": op, "name": f"v{number}", "pos": [0.0, float(number)],
            "params": params}


def graph_files(directory: Path) -> list[Path]:
    """Graph files that once exhausted memory or that the app saved but would not open."""
    graphs = {
        # 20,000 inputs of ten million elements each: 2.4 MB of JSON, terabytes of tensors
        "20000 huge inputs": _graph([_input(i, init="ones", shape="10000000")
                                     for i in range(1, 20_001)]),
        "20001 nodes": _graph([_input(i) for i in range(1, 20_002)]),
        "outer product": _graph(
            [_input(1, init="ones", shape="40000, 1"), _input(2, init="ones", shape="1, 40000"),
             _op(3, "mul")],
            [{"src": "n1", "dst": "n3", "port": "a"}, {"src": "n2", "dst": "n3", "port": "b"}]),
        "200 large matmuls": _graph(
            [_input(1, init="ones", shape="3162, 3162", dtype="float64")]
            + [_op(i, "matmul") for i in range(2, 202)],
            [edge for i in range(2, 202) for edge in (
                {"src": "n1", "dst": f"n{i}", "port": "a"},
                {"src": "n1", "dst": f"n{i}", "port": "b"})]),
        "arange nan end": _graph([_input(1, init="arange", start="0", end="nan", step="1")]),
        "arange 1e300": _graph([_input(1, init="arange", start="0", end="1e300", step="1e-300")]),
        "arange huge int": _graph([_input(1, init="arange", start="0", end="9" * 300, step="1")]),
        "400-digit position": _graph([{"id": "n1", "op": "input", "name": "x",
                                       "pos": [int("9" * 400), 0], "params": {}}]),
        "linspace 1e12": _graph([_input(1, init="linspace", start="0", end="1", steps=10**12)]),
    }
    paths = []
    for number, (name, data) in enumerate(sorted(graphs.items())):
        path = directory / f"issue17-graph-{number:02d}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        paths.append(path)
    return paths
