"""The expression bar's language: `y = w*x + b`, `z = x**y`, `out = (3*(x+2)**2).mean()`.

The same whitelist as snippet import (explorer.core.codegen.snippet_import), with two differences
that suit typing into a bar: a name the document does not know becomes a new input leaf (value
2.0, 3.0, 4.0, ...: each new input gets the first not taken, so their gradients differ;
requires_grad on, editable afterwards in the inspector), and a bare expression such as
`torch.exp(x) / 2` stays on the canvas as a node of its own. Several statements may be separated
by ';' or newlines. Nothing is added to the document here: the result is an Additions that the
editor applies as one undoable command.
"""
from __future__ import annotations

from explorer.core.codegen.additions import Additions
from explorer.core.codegen.snippet_import import build_additions
from explorer.core.document.graph_document import GraphDocument


def parse_expression(text: str, doc: GraphDocument) -> Additions:
    """The nodes `text` adds to `doc`, laid out below its nodes; raises SnippetError."""
    return build_additions(text, doc, free_names_become_inputs=True)
