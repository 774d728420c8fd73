"""File fuzz: hundreds of mutated graph files are each loaded correctly or refused with one clear
message, and opening them in the window never changes the document that was open."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from graph_file_mutations import MUTATIONS, mutated_files

from explorer.core.document.evaluation import evaluate
from explorer.core.document.file_format import FileFormatError, load_document, save_document

REPO = Path(__file__).resolve().parents[3]
FILE_COUNT = 510
MAX_MESSAGE_CHARS = 600   # fits a dialog; long values are elided by the checks


@pytest.fixture(scope="module")
def fuzz_files(tmp_path_factory):
    directory = tmp_path_factory.mktemp("fuzz")
    paths = []
    for label, data in mutated_files(seed=8, count=FILE_COUNT):
        path = directory / f"{label}.json"
        path.write_bytes(data)
        paths.append(path)
    return paths


def _outcome(path):
    """The loaded document, or the refusal's message."""
    try:
        return load_document(path), None
    except FileFormatError as exc:
        return None, str(exc)


def assert_clear_message(message: str) -> None:
    assert message.strip(), "an empty refusal"
    assert "\n" not in message, f"more than one line: {message!r}"
    assert len(message) <= MAX_MESSAGE_CHARS, f"a message of {len(message)} characters"
    assert "Traceback" not in message and "object at 0x" not in message, message


def test_every_mutated_file_loads_correctly_or_is_refused_with_one_clear_message(fuzz_files,
                                                                                 tmp_path):
    assert len(fuzz_files) >= 500
    loaded = refused = 0
    for path in fuzz_files:
        doc, message = _outcome(path)   # anything but FileFormatError escapes and fails here
        if doc is None:
            assert_clear_message(message)
            refused += 1
            continue
        loaded += 1
        assert nx.is_directed_acyclic_graph(doc.graph), path.name
        ports = [(dst, port) for _src, dst, port in doc.edges()]
        assert len(ports) == len(set(ports)), f"{path.name}: two edges into one input"
        evaluate(doc)   # never raises for a loaded graph
        copy = tmp_path / "copy.json"
        save_document(doc, copy)
        assert load_document(copy).to_dict() == doc.to_dict(), path.name
    # Both outcomes happen: the fuzz neither refuses everything nor accepts everything.
    assert refused >= FILE_COUNT // 2 and loaded >= 20, (loaded, refused)


def test_each_kind_of_mutation_is_exercised(fuzz_files):
    kinds = {path.name.split("-")[1] for path in fuzz_files}
    assert kinds == {m.__name__ for m in MUTATIONS}


def test_opening_mutated_files_in_the_window_keeps_the_open_document(window, fuzz_files):
    """Through File > Open's path: a refusal says why and leaves the open graph as it was; a file
    that loads is shown, inspected node by node, and evaluated, with no exception anywhere."""
    assert window.open_example("diamond", ask=False)
    for path in fuzz_files:
        before = window.document.to_dict()
        _doc, expected = _outcome(path)
        opened = window.open_file(str(path), ask=False)
        assert opened == (expected is None), path.name
        if not opened:
            assert window.document.to_dict() == before, path.name
            assert window.last_error == expected
            assert expected in window.statusBar().currentMessage()
            continue
        for data in window.document.nodes()[:12]:
            window.scene.select_nodes([data.id])   # the inspector builds its editors for it
        assert {i.node_id for i in window.scene.node_items()} == \
            {d.id for d in window.document.nodes()}
        window.open_example("diamond", ask=False)


def test_paths_that_are_not_graph_files_are_refused_without_hanging(window, tmp_path):
    """A folder, a missing or empty file, a device and a named pipe: each one clear refusal.

    Devices and pipes are read in a child process with a time limit: reading /dev/zero or a
    FIFO would otherwise never end (or block the window for good)."""
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"")
    paths = [tmp_path, tmp_path / "missing.json", empty, fifo]
    paths += [Path(p) for p in ("/dev/zero", "/dev/urandom") if Path(p).exists()]
    probe = ("import sys\nfrom explorer.core.document.file_format import FileFormatError, "
             "load_document\n"
             "try:\n    load_document(sys.argv[1])\nexcept FileFormatError as exc:\n"
             "    print(exc)\n")
    for path in paths:
        result = subprocess.run([sys.executable, "-c", probe, str(path)], cwd=REPO,
                                capture_output=True, text=True, timeout=30, check=False)
        assert result.returncode == 0, result.stderr
        assert_clear_message(result.stdout.strip())
    assert window.open_example("diamond", ask=False)
    before = window.document.to_dict()
    for path in (tmp_path, tmp_path / "missing.json", empty, fifo):
        assert not window.open_file(str(path), ask=False)
        assert window.document.to_dict() == before
        assert window.last_error
