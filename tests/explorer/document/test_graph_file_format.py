import json
import os

import pytest

from explorer.core.document import file_format
from explorer.core.document.examples import load_example
from explorer.core.document.file_format import (
    FileFormatError,
    document_to_text,
    load_document,
    parse_document,
    save_document,
)


def example_data(key: str = "diamond") -> dict:
    return json.loads(document_to_text(load_example(key)))


def test_save_then_load_round_trip_is_equal(tmp_path):
    doc = load_example("polynomial_loss")
    path = tmp_path / "graph.json"
    save_document(doc, path)
    loaded = load_document(path)
    assert loaded.to_dict() == doc.to_dict()
    assert loaded.meta == doc.meta
    assert json.loads(path.read_text())["format"] == "autograd-explorer-graph"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.json"]   # no temp file left


def test_save_replaces_atomically_and_keeps_old_file_when_writing_fails(tmp_path, monkeypatch):
    path = tmp_path / "graph.json"
    save_document(load_example("x_squared"), path)
    original = path.read_text()

    def failing_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError):
        save_document(load_example("diamond"), path)
    assert path.read_text() == original
    assert [p.name for p in tmp_path.iterdir()] == ["graph.json"]


def corrupt(mutate) -> str:
    data = example_data()
    mutate(data)
    return json.dumps(data)


CORRUPTIONS = {
    "not json": ("{nodes: [", "not valid JSON"),
    "not an object": (json.dumps([1, 2]), "expected a JSON object"),
    "other format": (corrupt(lambda d: d.update(format="something-else")), "not an autograd"),
    "no version": (corrupt(lambda d: d.pop("version")), "version"),
    "future version": (corrupt(lambda d: d.update(version=2)), "version 2"),
    "bool version": (corrupt(lambda d: d.update(version=True)), "version"),
    "nodes not list": (corrupt(lambda d: d.update(nodes={})), "list of nodes"),
    "unknown op": (corrupt(lambda d: d["nodes"][1].update(op="frobnicate")), "'frobnicate'"),
    "duplicate id": (corrupt(lambda d: d["nodes"][1].update(id=d["nodes"][0]["id"])), "twice"),
    "duplicate name": (corrupt(lambda d: d["nodes"][1].update(name=d["nodes"][0]["name"])),
                       "already used"),
    "dangling edge": (corrupt(lambda d: d["edges"].append({"src": "n99", "dst": "n2",
                                                           "port": "a"})),
                      "'n99'"),
    "cyclic edge": (corrupt(lambda d: d["edges"].append({"src": "n4", "dst": "n2", "port": "x"})),
                    "no input port"),
    "occupied port": (corrupt(lambda d: d["edges"].append({"src": "n4", "dst": "n3", "port": "a"})),
                      "already connected"),
    "name not text": (corrupt(lambda d: d["nodes"][0].update(name=7)), "'name'"),
    "bad pos": (corrupt(lambda d: d["nodes"][0].update(pos=[1])), "position"),
    "bad param type": (corrupt(lambda d: d["nodes"][0]["params"].update(requires_grad="yes")),
                       "requires_grad"),
    "unknown param": (corrupt(lambda d: d["nodes"][0]["params"].update(colour="red")), "colour"),
    "params not object": (corrupt(lambda d: d["nodes"][0].update(params=[])), "params"),
    "edge not object": (corrupt(lambda d: d["edges"].append(["n1", "n2"])), "Edge 7"),
    "deep nesting": ('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
    "bad root": (corrupt(lambda d: d.update(root="n77")), "root"),
}


@pytest.mark.parametrize("case", sorted(CORRUPTIONS))
def test_corrupt_file_raises_one_clear_error(case, tmp_path):
    text, fragment = CORRUPTIONS[case]
    with pytest.raises(FileFormatError) as info:
        parse_document(text)
    message = str(info.value)
    assert fragment in message
    assert "Traceback" not in message and "\n" not in message


def test_a_real_cycle_in_the_file_is_refused():
    data = example_data()
    # diamond: a -> b -> ba -> c; feeding c back into b's free port would close a cycle.
    data["nodes"].append({"id": "n5", "op": "exp", "name": "loop", "pos": [0, 0], "params": {}})
    data["edges"] += [{"src": "n4", "dst": "n5", "port": "x"}]
    data["edges"] = [e for e in data["edges"] if not (e["dst"] == "n2" and e["port"] == "b")]
    data["edges"].append({"src": "n5", "dst": "n2", "port": "b"})
    with pytest.raises(FileFormatError, match="cycle"):
        parse_document(json.dumps(data))


def test_unreadable_or_huge_files_are_refused(tmp_path, monkeypatch):
    with pytest.raises(FileFormatError, match="cannot be read"):
        load_document(tmp_path / "missing.json")
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(FileFormatError, match="UTF-8"):
        load_document(binary)
    big = tmp_path / "big.json"
    save_document(load_example("diamond"), big)
    monkeypatch.setattr(file_format, "MAX_FILE_BYTES", 100)
    with pytest.raises(FileFormatError, match="too large"):
        load_document(big)


def test_file_without_no_grad_params_loads_with_no_grad_off():
    data = example_data("diamond")
    for node in data["nodes"]:
        node["params"].pop("no_grad", None)
    doc = parse_document(json.dumps(data))
    assert all(d.params["no_grad"] is False for d in doc.nodes() if d.op not in
               ("input", "constant"))


def test_no_grad_param_survives_save_and_load(tmp_path):
    doc = load_example("no_grad")
    s = doc.node_by_name("s").id
    assert doc.node(s).params["no_grad"] is True
    path = tmp_path / "graph.json"
    save_document(doc, path)
    assert load_document(path).node(s).params["no_grad"] is True


@pytest.mark.parametrize("op, value", [("mul", "yes"), ("input", True)])
def test_no_grad_of_the_wrong_type_or_on_an_input_is_refused(op, value):
    data = example_data("no_grad")
    node = next(n for n in data["nodes"] if n["op"] == op)
    node["params"]["no_grad"] = value
    with pytest.raises(FileFormatError, match="no_grad"):
        parse_document(json.dumps(data))
