"""Seeded mutations of graph files for the file fuzz: each returns the bytes of a hostile file.

Every mutation starts from a bundled example (its text or its parsed JSON) and breaks it one way:
truncation, byte flips, wrong types, huge numbers, deep nesting, unknown ops, duplicate ids,
dangling or cyclic edges, wrong format or version, encodings, binary garbage.
"""
from __future__ import annotations

import copy
import json
import random
from collections.abc import Callable
from pathlib import Path

from explorer.core.document.op_catalog import OPS

EXAMPLES_DIR = Path(__file__).resolve().parents[3] / "resources" / "examples"

# Values of the wrong type (or absurd size) to put anywhere in a file.
ODD_VALUES = (None, True, False, 0, -1, 1.5, 1e308, -1e308, 10**30, "", "x", "日本", [], {},
              [1, 2], {"a": 1}, "\u0000", "9" * 300, [[[[]]]], float("nan"), float("inf"))


def example_texts() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(EXAMPLES_DIR.glob("*.json"))}


def _dump(data) -> bytes:
    # allow_nan: NaN and Infinity are what a careless writer puts into JSON.
    text = json.dumps(data, ensure_ascii=False, allow_nan=True)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:   # a lone surrogate: written as the \\udXXX escape JSON allows
        return json.dumps(data, allow_nan=True).encode("ascii")


def _paths(data, prefix=()) -> list[tuple]:
    """Every path (tuple of keys and indices) to a value inside parsed JSON."""
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, prefix + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, prefix + (index,))
    return found


def _set(data, path: tuple, value):
    if not path:
        return value
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


def _delete(data, path: tuple):
    target = data
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    return data


def truncate(rng: random.Random, text: str, data: dict) -> bytes:
    raw = text.encode("utf-8")
    return raw[: rng.randrange(len(raw))]


def flip_bytes(rng: random.Random, text: str, data: dict) -> bytes:
    raw = bytearray(text.encode("utf-8"))
    for _ in range(rng.randint(1, 6)):
        raw[rng.randrange(len(raw))] = rng.randrange(256)
    return bytes(raw)


def wrong_type(rng: random.Random, text: str, data: dict) -> bytes:
    path = rng.choice(_paths(data)[1:])
    return _dump(_set(data, path, copy.deepcopy(rng.choice(ODD_VALUES))))


def drop_key(rng: random.Random, text: str, data: dict) -> bytes:
    path = rng.choice(_paths(data)[1:])
    return _dump(_delete(data, path))


def huge_number(rng: random.Random, text: str, data: dict) -> bytes:
    numbers = [p for p in _paths(data)[1:] if isinstance(_get(data, p), (int, float))
               and not isinstance(_get(data, p), bool)]
    path = rng.choice(numbers) if numbers else ("version",)
    literal = rng.choice(["1e999", "-1e999", "NaN", "Infinity", "9" * 5000, "-" + "9" * 400,
                          "1" + "0" * 300, "1e-400", "0." + "0" * 5000 + "1"])
    marker = "__HUGE_NUMBER__"
    return _dump(_set(data, path, marker)).replace(f'"{marker}"'.encode(), literal.encode())


def deep_nesting(rng: random.Random, text: str, data: dict) -> bytes:
    depth = rng.choice([50, 1000, 100_000])
    opener, closer = rng.choice([("[", "]"), ('{"a":', "}")])
    nested = opener * depth + "1" + closer * depth
    marker = "__DEEP__"
    path = rng.choice(_paths(data)[1:])
    return _dump(_set(data, path, marker)).replace(f'"{marker}"'.encode(), nested.encode())


def unknown_op(rng: random.Random, text: str, data: dict) -> bytes:
    node = rng.choice(data["nodes"])
    node["op"] = rng.choice(["frobnicate", "conv2d", "", "ADD", "add ", "__import__", "exec"])
    return _dump(data)


def duplicate_id(rng: random.Random, text: str, data: dict) -> bytes:
    if len(data["nodes"]) < 2:
        data["nodes"].append(copy.deepcopy(data["nodes"][0]))
        data["nodes"][-1]["name"] = "dup_name"
    first, second = rng.sample(range(len(data["nodes"])), 2)
    data["nodes"][second]["id"] = data["nodes"][first]["id"]
    return _dump(data)


def duplicate_name(rng: random.Random, text: str, data: dict) -> bytes:
    data["nodes"].append({**copy.deepcopy(rng.choice(data["nodes"])), "id": "n999"})
    return _dump(data)


def dangling_edge(rng: random.Random, text: str, data: dict) -> bytes:
    ids = [n["id"] for n in data["nodes"]]
    edge = {"src": rng.choice(ids + ["ghost"]), "dst": rng.choice(ids + ["ghost"]),
            "port": rng.choice(["x", "a", "b", "nope", ""])}
    if "ghost" not in (edge["src"], edge["dst"]):
        edge[rng.choice(["src", "dst"])] = "ghost"
    data["edges"].append(edge)
    return _dump(data)


def cyclic_edge(rng: random.Random, text: str, data: dict) -> bytes:
    """An edge from a node back into one of its own ancestors, a self-loop, or a second edge
    into an input that is already connected."""
    edges = data["edges"]
    kind = rng.choice(["back", "self", "occupied"])
    if kind == "back" and edges:
        edge = rng.choice(edges)
        edges.append({"src": edge["dst"], "dst": edge["src"], "port": rng.choice(["a", "b", "x"])})
    elif kind == "occupied" and edges:
        edge = rng.choice(edges)
        other = rng.choice([n["id"] for n in data["nodes"]])
        edges.append({"src": other, "dst": edge["dst"], "port": edge["port"]})
    else:
        node = rng.choice(data["nodes"])["id"]
        edges.append({"src": node, "dst": node, "port": rng.choice(["a", "x"])})
    return _dump(data)


def wrong_version(rng: random.Random, text: str, data: dict) -> bytes:
    key, value = rng.choice([("version", 0), ("version", 2), ("version", "1"), ("version", 1.0),
                             ("version", True), ("version", None), ("format", "other"),
                             ("format", None), ("version", -1)])
    data[key] = value
    return _dump(data)


def not_a_graph(rng: random.Random, text: str, data: dict) -> bytes:
    return rng.choice([b"", b"   ", b"null", b"[]", b"42", b'"text"', b"{}", b"{\"nodes\": []}",
                       b"\xef\xbb\xbf" + text.encode("utf-8"), text.encode("utf-16"),
                       text.encode("utf-32"), b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
                       b"{" * 10, b"\xff" * 64])


def binary_garbage(rng: random.Random, text: str, data: dict) -> bytes:
    return bytes(rng.randrange(256) for _ in range(rng.randint(1, 2048)))


def odd_strings(rng: random.Random, text: str, data: dict) -> bytes:
    """Lone surrogates, control characters and huge texts where names, ids and values go."""
    node = rng.choice(data["nodes"])
    field = rng.choice(["name", "id", "title", "description", "value"])
    value = rng.choice(["\ud800", "a\udfffb", "\u202e", "x" * 100_000, "\n\t", "名前"])
    if field == "value":
        node.setdefault("params", {})["value"] = value
    elif field in ("title", "description"):
        data[field] = value
    else:
        node[field] = value
    return _dump(data)


# Values of each param kind that are well-typed or nearly so, but absurd.
ABSURD_PARAMS = {
    "int": (10**30, -(10**30), 2**31, 2**63, -1, 0, 1.5, "3"),
    "text": ("1e308", "[" * 500 + "]" * 500, "100000, 100000", "99999", "-99999", "\u202e", ""),
    "shape": ("100000, 100000", "1e308", "-5", "0", ""),
    "bool": ("yes", 1, None, 0.0),
    "choice": ("complex128", "", None, "randn "),
}
# An input shows the param only for some inits (seed for randn, steps for linspace ...).
INIT_SHOWING = {"seed": "randn", "shape": "randn", "steps": "linspace", "start": "arange",
                "end": "arange", "step": "arange", "value": "value"}


def odd_params(rng: random.Random, text: str, data: dict) -> bytes:
    """A real param of the node's op given an absurd value (and shown in the inspector)."""
    node = rng.choice(data["nodes"])
    spec = OPS.get(node["op"])
    if spec is None or not spec.params:
        node.setdefault("params", {})["bogus"] = 1
        return _dump(data)
    param = rng.choice(spec.params)
    params = node.setdefault("params", {})
    params[param.name] = rng.choice(ABSURD_PARAMS[param.kind])
    if node["op"] == "input" and param.name in INIT_SHOWING:
        params["init"] = INIT_SHOWING[param.name]
    return _dump(data)


def huge_graph(rng: random.Random, text: str, data: dict) -> bytes:
    count = rng.choice([300, 20_001])   # a big graph, and one over the limit
    data["nodes"] = [{"id": f"n{i}", "op": "input", "name": f"v{i}", "pos": [i, 0]}
                     for i in range(1, count + 1)]
    data["edges"] = []
    return _dump(data)


MUTATIONS: tuple[Callable[[random.Random, str, dict], bytes], ...] = (
    truncate, flip_bytes, wrong_type, drop_key, huge_number, deep_nesting, unknown_op,
    duplicate_id, duplicate_name, dangling_edge, cyclic_edge, wrong_version, not_a_graph,
    binary_garbage, odd_strings, odd_params, huge_graph,
)


def _get(data, path: tuple):
    for key in path:
        data = data[key]
    return data


def mutated_files(seed: int, count: int) -> list[tuple[str, bytes]]:
    """`count` (label, bytes) pairs: every mutation in turn, each on a random bundled example."""
    rng = random.Random(seed)
    texts = example_texts()
    files = []
    for number in range(count):
        mutation = MUTATIONS[number % len(MUTATIONS)]
        name = rng.choice(sorted(texts))
        text = texts[name]
        files.append((f"{number:03d}-{mutation.__name__}-{name}",
                      mutation(rng, text, json.loads(text))))
    return files
