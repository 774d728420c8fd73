"""Copy and paste of node selections: a JSON fragment on the system clipboard.

The fragment holds the selected nodes and only the edges among them. Pasting goes through
PasteCommand, so every entry passes the document's own checks; text from elsewhere that is not
a fragment is simply not a paste.
"""
from __future__ import annotations

import json

from PySide6.QtGui import QGuiApplication

from explorer.core.document.graph_document import GraphDocument

FRAGMENT_FORMAT = "autograd-explorer-fragment"


def selection_fragment(doc: GraphDocument, node_ids: list[str]) -> dict:
    chosen = set(node_ids)
    nodes = [entry for entry in doc.to_dict()["nodes"] if entry["id"] in chosen]
    edges = [{"src": s, "dst": d, "port": p} for s, d, p in doc.edges()
             if s in chosen and d in chosen]
    groups = [{"name": g.name, "folded": g.folded, "members": sorted(g.members)}
              for g in doc.group_list() if g.members <= chosen]   # only groups copied whole
    return {"format": FRAGMENT_FORMAT, "nodes": nodes, "edges": edges, "groups": groups}


def parse_fragment(text: str) -> dict | None:
    """The fragment in `text`, or None when the text is not one (any other clipboard content)."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("format") != FRAGMENT_FORMAT:
        return None
    nodes, edges = data.get("nodes"), data.get("edges")
    if not isinstance(nodes, list) or not isinstance(edges, list):
        return None
    if not all(isinstance(n, dict) for n in nodes) or not all(isinstance(e, dict) for e in edges):
        return None
    return data


def copy_to_clipboard(fragment: dict) -> None:
    # Plain text only: it pastes into other instances and editors, and PySide 6.11 crashes at
    # exit when the clipboard still owns a QMimeData made in Python.
    QGuiApplication.clipboard().setText(json.dumps(fragment, indent=1))


def fragment_from_clipboard() -> dict | None:
    return parse_fragment(QGuiApplication.clipboard().text())
