"""The exported program's statement order, in the order a learner writes a program: the
tensors it starts from (inputs, parameters, named constants) first, each where it is first used,
then the computation, with each group's members together, so a group is written as one
commented block.

A group has no gap (the document refuses one), so its members can always sit together: the
order is a topological order of the graph with each group taken as one unit, each unit as
early as the document's own order allows.
"""
from __future__ import annotations

import heapq

from explorer.core.document.graph_document import GraphDocument
from explorer.core.document.op_catalog import OPS


def grouped_order(doc: GraphDocument) -> list[str]:
    """Every node, inputs before consumers, the members of each group consecutive."""
    places = doc.topological_places()
    if not doc.groups:
        return list(places)
    unit_of = {node_id: doc.group_of(node_id) or node_id for node_id in places}
    members: dict[str, list[str]] = {}
    for node_id in places:   # dicts keep the topological order
        members.setdefault(unit_of[node_id], []).append(node_id)
    needs: dict[str, set[str]] = {unit: set() for unit in members}
    for src, dst, _port in doc.edges():
        if unit_of[src] != unit_of[dst]:
            needs[unit_of[dst]].add(unit_of[src])
    users: dict[str, list[str]] = {unit: [] for unit in members}
    for unit, deps in needs.items():
        for dep in deps:
            users[dep].append(unit)
    waiting = {unit: len(deps) for unit, deps in needs.items()}
    ready = [(places[nodes[0]], unit) for unit, nodes in members.items() if not waiting[unit]]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        _place, unit = heapq.heappop(ready)
        order += members[unit]
        for user in users[unit]:
            waiting[user] -= 1
            if not waiting[user]:
                heapq.heappush(ready, (places[members[user][0]], user))
    if len(order) < len(places):   # a group given a gap by later edges: the plain order
        return list(places)
    return order


def program_order(doc: GraphDocument) -> list[str]:
    """grouped_order with the nodes that take no input and belong to no group moved to the top,
    in the order they are first used (by the first statement that uses them, then by argument).
    A traced graph numbers its nodes from the loss back, which put the last layer's bias
    first."""
    order = grouped_order(doc)
    place = {node_id: i for i, node_id in enumerate(order)}
    graph = doc.graph
    starts = [n for n in order if not graph.in_degree(n) and doc.group_of(n) is None]
    unused = len(order)

    def first_use(node_id: str) -> tuple[int, int]:
        uses = [(place[dst], OPS[doc.node(dst).op].inputs.index(port))
                for _src, dst, port in graph.out_edges(node_id, keys=True)]
        return min(uses, default=(unused, place[node_id]))

    starts.sort(key=first_use)
    hoisted = set(starts)
    return starts + [n for n in order if n not in hoisted]
