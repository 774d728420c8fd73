"""The editor's catalog ops one at a time: y = op(inputs) summed into s, for the tests that
check every op's replay and explanation."""
from __future__ import annotations

from explorer.core.document.graph_document import GraphDocument

UNARY = ("neg", "exp", "log", "sqrt", "abs", "sin", "cos", "tanh", "sigmoid", "relu", "sum",
         "mean", "reshape", "transpose", "index")
BINARY = ("add", "sub", "mul", "div", "pow", "matmul", "dot")


def one_op_graph(
    op: str, first: str = "a", second: str = "b"
) -> tuple[GraphDocument, str, str, str]:
    """The document s = op(first[, second]).sum() with 2x2 inputs (vectors for dot) named
    `first` and `second`: the document and the ids of `first`, the op's node y and s."""
    doc = GraphDocument()
    vector = op == "dot"
    a = doc.add_node("input", name=first,
                     params={"value": "[0.5, 1.5]" if vector else "[[0.5, 1.5], [2.0, 0.25]]"})
    node = doc.add_node(op, name="y")
    if op in BINARY:
        b = doc.add_node("input", name=second,
                         params={"value": "[1.25, 0.75]" if vector
                                 else "[[1.25, 0.75], [0.5, 2.0]]"})
        doc.connect(a, node, "a")
        doc.connect(b, node, "b")
    else:
        doc.connect(a, node, "x")
    total = doc.add_node("sum", name="s")
    doc.connect(node, total, "x")
    return doc, a, node, total
