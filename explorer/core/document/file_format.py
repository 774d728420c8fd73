"""The graph file: JSON with a format name and a version, validated whole before use.

A bad file raises FileFormatError with one translated sentence and builds nothing; saving
refuses a graph that could not be opened again, and writes a temporary file in the same
directory renamed over the target, so a crash mid-save never leaves a truncated graph behind.
"""
from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from explorer.core.document.atomic_write import write_atomically
from explorer.core.document.graph_document import MAX_NODES as GRAPH_MAX_NODES
from explorer.core.document.graph_document import GraphDocument, GraphEditError
from explorer.core.document.layout import apply_layout, cards_overlap
from explorer.core.i18n import translate

FORMAT = "autograd-explorer-graph"
VERSION = 1
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_NODES = GRAPH_MAX_NODES
MAX_EDGES = 60_000


class FileFormatError(ValueError):
    """The file cannot be opened; the message is translated and says what is wrong."""


def document_to_text(doc: GraphDocument) -> str:
    data = {"format": FORMAT, "version": VERSION, **doc.to_dict()}
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate (a legal JSON escape, read from a file) has no UTF-8 form: keep the
        # escapes, so the file still loads back to the same text.
        text = json.dumps(data, indent=2) + "\n"
    return text


def check_saveable(doc: GraphDocument, size: int) -> None:
    """Refuse to write what load_document would refuse to read back (FileFormatError)."""
    nodes, edges = len(doc), len(doc.edges())
    if nodes > MAX_NODES or edges > MAX_EDGES:
        _fail(translate("FileFormat", "The graph is too large to save ({nodes} nodes, {edges} "
                        "edges; a graph file holds at most {max_nodes} nodes and {max_edges} "
                        "edges).").format(nodes=nodes, edges=edges, max_nodes=MAX_NODES,
                                          max_edges=MAX_EDGES))
    if size > MAX_FILE_BYTES:
        _fail(translate("FileFormat", "The graph is too large to save ({size} MB; a graph file "
                        "holds at most {limit} MB). Make the largest values smaller.").format(
                            size=size // 2**20, limit=MAX_FILE_BYTES // 2**20))


def save_document(doc: GraphDocument, path: str | os.PathLike) -> None:
    """Write atomically (see atomic_write); FileFormatError, writing nothing, for a graph
    too large to open again."""
    data = document_to_text(doc).encode("utf-8")
    check_saveable(doc, len(data))
    write_atomically(path, data)


def load_document(path: str | os.PathLike) -> GraphDocument:
    path = Path(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise FileFormatError(translate("FileFormat", "This is a folder, not a graph file."))
        if not stat.S_ISREG(info.st_mode):
            # A device or a pipe (/dev/zero, a FIFO) would be read forever or block the window.
            raise FileFormatError(translate("FileFormat", "This is not a regular file."))
        size = info.st_size
        if size > MAX_FILE_BYTES:
            raise FileFormatError(translate(
                "FileFormat", "The file is too large to be a graph ({size} bytes).").format(
                    size=size))
        raw = path.read_bytes()
    except FileFormatError:
        raise
    except OSError as exc:
        raise FileFormatError(translate("FileFormat", "The file cannot be read: {reason}").format(
            reason=exc.strerror or exc)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise FileFormatError(translate("FileFormat", "The file is not UTF-8 text.")) from None
    return parse_document(text)


def _json_reason(message: str) -> str:
    """Python's JSON decoder's words for what it met, in the user's language (its rarer
    messages stay as it says them)."""
    reasons = {
        "Expecting value": translate("FileFormat", "a value is missing here"),
        "Expecting property name enclosed in double quotes": translate(
            "FileFormat", "a name in double quotes was expected here"),
        "Expecting ',' delimiter": translate("FileFormat", "a comma is missing here"),
        "Expecting ':' delimiter": translate("FileFormat", "a colon is missing here"),
        "Unterminated string starting at": translate("FileFormat",
                                                     "a string is not closed"),
        # Python 3.13's words for a comma before } or ] (earlier: "Expecting ...").
        "Illegal trailing comma before end of object": translate(
            "FileFormat", "a comma stands before the closing bracket"),
        "Illegal trailing comma before end of array": translate(
            "FileFormat", "a comma stands before the closing bracket"),
    }
    return reasons.get(message, message)


def parse_document(text: str) -> GraphDocument:
    if len(text) > MAX_FILE_BYTES:
        raise FileFormatError(translate("FileFormat", "The text is too large to be a graph."))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FileFormatError(translate(
            "FileFormat", "The file is not valid JSON (line {line}, column {column}: {reason}).")
            .format(line=exc.lineno, column=exc.colno, reason=_json_reason(exc.msg))) from None
    except RecursionError:
        raise FileFormatError(translate("FileFormat", "The file is nested too deeply.")) from None
    except ValueError:   # an integer literal longer than Python converts (sys.int_max_str_digits)
        raise FileFormatError(translate("FileFormat", "The file holds a number too long to "
                                                      "read.")) from None
    _check_structure(data)
    try:
        doc = GraphDocument.from_dict(data)
    except GraphEditError as exc:
        raise FileFormatError(translate("FileFormat", "The graph is invalid: {reason}").format(
            reason=exc)) from None
    if cards_overlap(doc):   # no positions in the file, or one stack of cards: lay it out
        apply_layout(doc)
        doc.revision = 0
    return doc


def _fail(message: str) -> None:
    raise FileFormatError(message)


def _check_structure(data) -> None:
    """Check the JSON shape so that from_dict only meets well-typed entries."""
    if not isinstance(data, dict):
        _fail(translate("FileFormat",
                        "The file does not contain a graph (expected a JSON object)."))
    if data.get("format") != FORMAT:
        _fail(translate("FileFormat", "This is not an autograd-explorer graph file "
                        "(format {found!r}).").format(found=data.get("format")))
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        _fail(translate("FileFormat", "The file has no valid version number."))
    if version != VERSION:
        _fail(translate("FileFormat", "The file has version {found}; this program reads version "
                        "{known}.").format(found=version, known=VERSION))
    nodes, edges = data.get("nodes"), data.get("edges")
    if not isinstance(nodes, list) or not isinstance(edges, list):
        _fail(translate("FileFormat", "The file needs a list of nodes and a list of edges."))
    if len(nodes) > MAX_NODES or len(edges) > MAX_EDGES:
        _fail(translate("FileFormat", "The graph is too large ({nodes} nodes, {edges} edges).")
              .format(nodes=len(nodes), edges=len(edges)))
    seen: set[str] = set()
    for number, node in enumerate(nodes, start=1):
        _check_node(number, node)
        if node["id"] in seen:
            _fail(translate("FileFormat", "The node id {id!r} appears twice.").format(
                id=node["id"]))
        seen.add(node["id"])
    for number, edge in enumerate(edges, start=1):
        if not isinstance(edge, dict) or not all(
                isinstance(edge.get(key), str) for key in ("src", "dst", "port")):
            _fail(translate("FileFormat", "Edge {n} needs the texts src, dst and port.").format(
                n=number))
        for key in ("src", "dst"):
            if edge[key] not in seen:
                _fail(translate("FileFormat", "Edge {n} refers to a missing node {id!r}.").format(
                    n=number, id=edge[key]))
    _check_groups(data.get("groups", []), seen)


def _check_groups(groups, seen: set[str]) -> None:
    """Groups are optional (files from before groups have none); each names existing nodes."""
    if not isinstance(groups, list) or len(groups) > MAX_NODES:
        _fail(translate("FileFormat", "The groups must be a list of at most {n} entries.").format(
            n=MAX_NODES))
    for number, group in enumerate(groups, start=1):
        if not isinstance(group, dict) or not isinstance(group.get("id"), str) \
                or not isinstance(group.get("name"), str) \
                or not isinstance(group.get("members"), list) \
                or not isinstance(group.get("folded", True), bool):
            _fail(translate("FileFormat", "Group {n} needs the texts id and name, a list of "
                            "members and folded true or false.").format(n=number))
        for member in group["members"]:
            if not isinstance(member, str) or member not in seen:
                _fail(translate("FileFormat", "Group {n} refers to a missing node {id!r}.")
                      .format(n=number, id=member))


def _check_node(number: int, node) -> None:
    if not isinstance(node, dict):
        _fail(translate("FileFormat", "Node {n} is not an object.").format(n=number))
    for key in ("id", "op", "name"):
        if not isinstance(node.get(key), str):
            _fail(translate("FileFormat", "Node {n} needs a text {key!r}.").format(
                n=number, key=key))
    pos = node.get("pos", [0, 0])   # optional: a file without positions is laid out on open
    if not (isinstance(pos, list) and len(pos) == 2 and all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in pos)):
        _fail(translate("FileFormat", "Node {n} needs a position of two numbers.").format(n=number))
    params = node.get("params", {})
    if not isinstance(params, dict):
        _fail(translate("FileFormat", "The params of node {n} must be an object.").format(n=number))
