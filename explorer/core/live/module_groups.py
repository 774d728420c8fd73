"""Calls into nn.Modules become groups named after the module (`net.0 (Linear)`), folded when
the graph is large, so a traced network reads as its layers first and its ops on demand.

One call of a module is one group: the module's ops recorded one after another (ops of
another module, or outside any, end the call). A call whose ops cannot form a group (one that
would need a card outside it) is left as plain cards, which still name their module.
"""
from __future__ import annotations

from explorer.core.document.graph_document import MAX_GROUP_NAME, GraphDocument, GraphEditError

FOLD_FROM_NODES = 20   # from this many cards on, module groups open folded


def add_module_groups(doc: GraphDocument, node_calls: list[tuple[int, str, str]],
                      module_of_seq: dict[int, str]) -> list[str]:
    """Group the nodes of each module call; `node_calls` holds (event seq, module label, node
    id) for the nodes a module's op made, `module_of_seq` every recorded seq's module label.
    Returns the new groups' ids."""
    calls: list[tuple[str, list[str]]] = []
    previous: int | None = None
    for seq, label, node_id in sorted(node_calls):
        same_call = calls and calls[-1][0] == label and previous is not None and all(
            module_of_seq.get(s) == label for s in range(previous + 1, seq))
        if same_call:
            calls[-1][1].append(node_id)
        else:
            calls.append((label, [node_id]))
        previous = seq
    folded = len(doc) >= FOLD_FROM_NODES
    made = []
    for label, members in calls:
        name = _free_name(doc, label[:MAX_GROUP_NAME])
        try:
            made.append(doc.add_group(members, name, folded=folded))
        except GraphEditError:
            continue
    return made


def _free_name(doc: GraphDocument, label: str) -> str:
    """The label, or `label #2`, `label #3` … for the module's later calls."""
    taken = {group.name for group in doc.groups.values()}
    if label not in taken:
        return label
    n = 2
    while f"{label} #{n}"[-MAX_GROUP_NAME:] in taken:
        n += 1
    return f"{label} #{n}"[-MAX_GROUP_NAME:]
