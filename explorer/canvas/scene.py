"""The scene: one NodeItem per document node, one EdgeItem per edge, kept in step by events.

The scene only listens to the document and reports what the user asked for (connect, move,
context menu) through signals; the main window turns those requests into undoable commands.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsSceneMouseEvent

from explorer.canvas.callout_item import CalloutItem
from explorer.canvas.edge_item import EdgeItem, WireItem
from explorer.canvas.group_item import GroupCardItem, GroupFrameItem
from explorer.canvas.node_item import NodeItem
from explorer.canvas.overview_drawing import BATCHED_CARDS, OverviewDrawing, set_painted_by_items
from explorer.canvas.port_item import PortItem
from explorer.core.document.graph_document import (
    DocumentEvent,
    DocumentReset,
    EdgeAdded,
    EdgeRemoved,
    GraphDocument,
    GroupAdded,
    GroupChanged,
    GroupRemoved,
    NodeAdded,
    NodeChanged,
    NodeRemoved,
)
from explorer.core.document.layout import HEADER_H

Edge = tuple[str, str, str]
SCENE_MARGIN = 5000.0   # room to pan around the nodes
MANY_CHANGED = 50       # cards whose selection changed at once: the scene repaints as a whole


class GraphScene(QGraphicsScene):
    # (old edge or None, new edge or None): the user dragged a wire. Nothing is changed yet.
    rewire_requested = Signal(object, object)
    # ({node id: (old pos, new pos)}, merge key): once a drag of nodes ends (key ""), or for each
    # arrow-key nudge (key "nudge": consecutive nudges merge into one undo step).
    nodes_moved = Signal(dict, str)
    # A short, translated message for the status bar (e.g. why a connection was refused).
    message = Signal(str)
    # A node was double-clicked (the window offers to rename it).
    node_activated = Signal(str)
    # (node id, param changes): the user clicked a card's one-click fix (e.g. value 3 -> 3.0).
    value_fix_requested = Signal(str, dict)
    # (item under the cursor or None, scene pos, screen pos)
    context_menu_requested = Signal(object, QPointF, object)
    # A group's card or frame title was double-clicked (the group actions fold or unfold it).
    group_activated = Signal(str)
    # (group id, screen pos): the context menu of a group's card or frame title.
    group_menu_requested = Signal(str, object)

    def __init__(self, document: GraphDocument, parent=None) -> None:
        super().__init__(parent)
        self.document = document
        self._nodes: dict[str, NodeItem] = {}
        self._unlaid: tuple[list, list] = ([], [])   # (cards, wires) that _rebuild deferred
        self._edges: dict[Edge, EdgeItem] = {}
        self._groups: dict[str, GroupCardItem | GroupFrameItem] = {}
        self._routed: dict[Edge, list[GroupCardItem]] = {}   # wires drawn to folded cards
        self._wire: WireItem | None = None
        self._wire_from: PortItem | None = None
        self._picked_edge: Edge | None = None
        self._wire_target: PortItem | None = None
        self._drag_start: dict[str, tuple[float, float]] = {}
        # Zoomed far out on a big graph the view draws cards and wires batched (see
        # overview_drawing); `batched` is True while the items leave their painting to it.
        self.overview = OverviewDrawing()
        self.batched = False
        self._selected_cards: set[NodeItem] = set()
        self._selected_ids: list[str] | None = None   # selected_node_ids() until a change
        self.selectionChanged.connect(self._selection_drawn)
        self.callout = CalloutItem()   # a refusal, said where the user acted
        self.addItem(self.callout)
        self.setSceneRect(QRectF(-SCENE_MARGIN, -SCENE_MARGIN, 2 * SCENE_MARGIN, 2 * SCENE_MARGIN))
        document.subscribe(self._on_document_event)
        self._rebuild()

    # ---- lookups for the rest of the app -----------------------------------------------------

    def node_item(self, node_id: str) -> NodeItem | None:
        """The card of a node; for a folded group's id its card (the animation lights it)."""
        item = self._nodes.get(node_id)
        if item is None and isinstance(self._groups.get(node_id), GroupCardItem):
            return self._groups[node_id]
        return item

    def group_item(self, group_id: str) -> GroupCardItem | GroupFrameItem | None:
        return self._groups.get(group_id)

    def group_items(self) -> list[GroupCardItem | GroupFrameItem]:
        return list(self._groups.values())

    def edge_item(self, src: str, dst: str, port: str) -> EdgeItem | None:
        return self._edges.get((src, dst, port))

    def is_empty(self) -> bool:
        """True when there is no card (the view then shows how to start)."""
        return not self._nodes

    def node_items(self) -> list[NodeItem]:
        return list(self._nodes.values())

    def edge_items(self) -> list[EdgeItem]:
        return list(self._edges.values())

    def selected_node_ids(self) -> list[str]:
        """The selected nodes in topological order (the document's, sorted once per change)."""
        if self._selected_ids is None:   # asked several times for each change (select-all)
            order = self.document.topological_places()
            selected = self.selectedItems()   # a list made afresh by Qt: ask once
            ids = [i.node_id for i in selected if isinstance(i, NodeItem)]
            cards = [i for i in selected if isinstance(i, GroupCardItem)]
            if cards:   # a folded group stands for its members
                ids = list(set(ids).union(*(card.members for card in cards)))
            self._selected_ids = sorted(ids, key=lambda n: order.get(n, 0))
        return list(self._selected_ids)

    def selected_group_ids(self) -> list[str]:
        """Selected folded cards' groups and the groups of selected cards, in id order."""
        found = {i.group_id for i in self.selectedItems() if isinstance(i, GroupCardItem)}
        for item in self.selectedItems():
            if isinstance(item, NodeItem) and self.document.group_of(item.node_id) is not None:
                found.add(self.document.group_of(item.node_id))
        return [g.id for g in self.document.group_list() if g.id in found]

    def selected_edges(self) -> list[Edge]:
        return [i.key for i in self.selectedItems() if isinstance(i, EdgeItem)]

    def select_nodes(self, node_ids) -> None:
        """Select exactly these nodes, announcing selectionChanged once (not once per card:
        each announcement makes the window read the whole selection again)."""
        before = set(self.selectedItems())
        after = set()
        self.blockSignals(True)
        try:
            self.clearSelection()
            for node_id in node_ids:
                # A member of a folded group is hidden: its group's card is selected instead.
                item = self._folded_card(node_id) or self._nodes.get(node_id)
                if item is not None:
                    item.setSelected(True)
                    after.add(item)
        finally:
            self.blockSignals(False)
        if {item for item in after if item.isSelected()} != before:
            self.selectionChanged.emit()

    def card_sizes(self) -> dict[str, tuple[float, float]]:
        """Every card's (width, height) with room for a later .grad, for the layout."""
        return {node_id: item.layout_size() for node_id, item in self._nodes.items()}

    def nodes_bounding_rect(self, within: QRectF | None = None) -> QRectF:
        """The cards' bounding rect; with `within`, of the shown cards that begin inside it."""
        rect = QRectF()
        for item in self._nodes.values():
            if within is None or (item.isVisible() and within.contains(item.scenePos())):
                rect = rect.united(item.sceneBoundingRect())
        return rect

    def backward_start_rect(self) -> QRectF:
        """Where backward starts by default: the card of the graph's root (a traced loss), else
        of its last output; a folded group's card where the group hides it. Empty when none."""
        root = self.document.meta.get("root")
        if root is None or not self.document.has_node(root):
            outputs = self.document.outputs()
            root = outputs[-1] if outputs else None
        if root is None:
            return QRectF()
        card = self._folded_card(root) or self._nodes.get(root)
        return card.sceneBoundingRect() if card is not None else QRectF()

    def set_batched(self, batched: bool) -> None:
        """Leave the painting of cards and wires to the batched overview (True, only on a big
        graph) or let every item paint itself (False)."""
        batched = batched and len(self._nodes) >= BATCHED_CARDS
        if batched != self.batched:
            self.batched = batched
            set_painted_by_items([*self._nodes.values(), *self._edges.values()], not batched)
            self.overview.stale = True

    def render(self, *args, **kwargs) -> None:
        """Exports draw every card in full, whatever the view's zoom."""
        batched = self.batched
        self.set_batched(False)
        try:
            super().render(*args, **kwargs)
        finally:
            self.set_batched(batched)

    def _selection_drawn(self) -> None:
        """A selected card is drawn over its neighbours and its wires darker."""
        self._selected_ids = None
        selected = {i for i in self.selectedItems() if isinstance(i, NodeItem)}
        changed = selected ^ self._selected_cards
        self._selected_cards = selected
        for item in changed:
            item.setZValue(1.5 if item in selected else 1.0)
        if len(changed) > MANY_CHANGED:
            self.update()   # one repaint, not one per wire
        else:
            for item in changed:
                for edge in item.edges:
                    edge.update()
        self.overview.stale = True

    def refuse_at(self, reason: str, scene_pos: QPointF) -> None:
        """Say why an edit was refused at the port or point where the user made it, and in the
        status bar."""
        self.callout.show_at(reason, scene_pos)
        self.message.emit(reason)

    # ---- evaluation --------------------------------------------------------------------------

    def apply_evaluation(self, evaluation) -> None:
        """Show every node's value, error, wait for inputs or 'not computed' from an
        evaluation.Evaluation."""
        for node_id, item in self._nodes.items():
            computed = node_id in evaluation.values
            item.show_result(evaluation.values.get(node_id), evaluation.errors.get(node_id),
                             computed, evaluation.waiting.get(node_id, ()))
        self.flush_layout()

    def flush_layout(self) -> None:
        """Size the cards of a rebuilt graph that no result has sized yet and make room for
        them, then give the new wires their paths (each once, from the cards' final sizes)."""
        cards, wires = self._unlaid
        if not cards and not wires:
            return
        self._unlaid = ([], [])
        if cards:
            self._grow_to_all(cards)   # sizes every card that no result has sized
        for wire in wires:
            if wire.path_due:
                wire.update_path()

    # ---- document events ---------------------------------------------------------------------

    def _on_document_event(self, event: DocumentEvent) -> None:
        self._selected_ids = None   # a card may go, or the order change
        if isinstance(event, NodeAdded):
            self._add_node_item(event.node_id)
        elif isinstance(event, NodeRemoved):
            self._remove_node_item(event.node_id)
        elif isinstance(event, EdgeAdded):
            self._add_edge_item((event.src, event.dst, event.port))
        elif isinstance(event, EdgeRemoved):
            self._remove_edge_item((event.src, event.dst, event.port))
        elif isinstance(event, NodeChanged):
            self._update_node_item(event.node_id, event.field)
            if event.field in ("pos", "name"):   # a card's place, a port's label
                self._refresh_groups_of([event.node_id], event.field == "name")
        elif isinstance(event, DocumentReset):
            self._rebuild()
        elif isinstance(event, (GroupAdded, GroupRemoved, GroupChanged)):
            self._sync_group(event.group_id)
        if isinstance(event, (EdgeAdded, EdgeRemoved)):   # the group's outer ports change
            self._refresh_groups_of([event.src, event.dst], True)

    def _rebuild(self) -> None:
        self._cancel_wire()
        self.callout.dismiss()   # a refusal about the graph that was there before
        for group_id in list(self._groups):
            self.removeItem(self._groups.pop(group_id))
        # Every card and wire goes: no port or card needs telling that a wire left it.
        for item in [*self._edges.values(), *self._nodes.values()]:
            item.clear_badge()
            self.removeItem(item)
        self._edges.clear()
        self._routed.clear()
        self._nodes.clear()
        self._selected_cards.clear()
        self.overview.stale = True
        # Cards are laid out and wires routed once, by the first evaluation or paint after this.
        cards, wires = self._unlaid = ([], [])
        for data in self.document.nodes():
            cards.append(self._add_node_item(data.id, deferred=True, data=data))
        for edge in self.document.edges():
            wires.append(self._add_edge_item(edge, deferred=True))
        QTimer.singleShot(0, self, self.flush_layout)
        for group in self.document.group_list():
            self._sync_group(group.id)

    def _add_node_item(self, node_id: str, deferred: bool = False, data=None) -> NodeItem:
        data = data or self.document.node(node_id)
        item = NodeItem(node_id, data.op, data.name, data.params, deferred)
        # Panning repaints a card from a pixmap instead of its text (thousands of cards).
        item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        QGraphicsItem.setPos(item, *data.pos)   # a new card: no wire to follow it yet
        if self.batched:
            set_painted_by_items([item], False)
        self.addItem(item)
        self._nodes[node_id] = item
        self.overview.stale = True
        if not deferred:   # a rebuilt graph's room is made once, from its cards' final sizes
            self._grow_to(item)
        return item

    def _remove_node_item(self, node_id: str) -> None:
        for key in [k for k in self._edges if node_id in (k[0], k[1])]:
            self._remove_edge_item(key)
        item = self._nodes.pop(node_id, None)
        if item is not None:
            item.clear_badge()
            self._selected_cards.discard(item)
            self.removeItem(item)
            self.overview.stale = True

    def _add_edge_item(self, edge: Edge, deferred: bool = False) -> EdgeItem:
        src, dst, port = edge
        edge_item = EdgeItem(self._nodes[src], self._nodes[dst], port, deferred)
        if self.batched:
            set_painted_by_items([edge_item], False)
        self.addItem(edge_item)
        self.overview.stale = True
        self._edges[edge] = edge_item
        self._nodes[src].edges.add(edge_item)
        self._nodes[dst].edges.add(edge_item)
        self._nodes[dst].input_port(port).set_connected(True)
        return edge_item

    def _remove_edge_item(self, edge: Edge) -> None:
        item = self._edges.pop(edge, None)
        if item is None:
            return
        item.clear_badge()
        item.src_item.edges.discard(item)
        item.dst_item.edges.discard(item)
        for card in self._routed.pop(edge, ()):
            card.edges.discard(item)
        item.dst_item.input_port(item.port).set_connected(False)
        self.removeItem(item)
        self.overview.stale = True

    def _update_node_item(self, node_id: str, field: str) -> None:
        item = self._nodes.get(node_id)
        if item is None:
            return
        data = self.document.node(node_id)
        if field == "pos":
            if (item.pos().x(), item.pos().y()) != data.pos:
                item.setPos(QPointF(*data.pos))
            self._grow_to(item)
        elif field == "name":
            item.set_name(data.name)
        elif field == "params":
            item.set_params(data.params)

    # ---- groups ------------------------------------------------------------------------------

    def _sync_group(self, group_id: str) -> None:
        """Make the group's card or frame match the document, hide a folded group's members and
        route the wires that cross its edge to the card."""
        old = self._groups.pop(group_id, None)
        affected = set(old.members) if old is not None else set()
        was_selected = old is not None and old.isSelected()
        if was_selected:
            # Swapping a selected card for its new one keeps the selection: say nothing while
            # the old one goes (the window would show an empty inspector, then the same node).
            self.blockSignals(True)
        try:
            self._replace_group_item(group_id, old, affected)
        finally:
            if was_selected:
                self.blockSignals(False)
        new = self._groups.get(group_id)
        if was_selected and (new is None or not new.isSelected()):
            self.selectionChanged.emit()

    def _replace_group_item(self, group_id: str, old, affected: set[str]) -> None:
        if old is not None:
            self.removeItem(old)
        group = self.document.groups.get(group_id)
        if group is not None:
            affected |= group.members
            ops = self.document.group_ops(group_id)
            if group.folded:
                entering, leaving = self.document.group_ports(group_id)
                item = GroupCardItem(
                    group_id, group.name, ops, group.members,
                    [(edge, self.document.node(edge[0]).name) for edge in entering],
                    [(node_id, self.document.node(node_id).name) for node_id in leaving])
                item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            else:
                item = GroupFrameItem(group_id, group.name, ops, group.members)
            self.addItem(item)
            self._groups[group_id] = item
            if old is not None and old.isSelected() and isinstance(item, GroupCardItem):
                item.setSelected(True)   # a renamed or re-wired card stays selected
        for node_id in affected:
            node = self._nodes.get(node_id)
            if node is not None:
                node.setVisible(self._folded_card(node_id) is None)
        graph = self.document.graph
        for edge in {e for n in affected if n in graph
                     for e in (*graph.in_edges(n, keys=True), *graph.out_edges(n, keys=True))}:
            self._route_edge(edge)
        if group is not None:
            self._place_group(group_id)

    def _folded_card(self, node_id: str) -> GroupCardItem | None:
        card = self._groups.get(self.document.group_of(node_id) or "")
        return card if isinstance(card, GroupCardItem) else None

    def _route_edge(self, edge: Edge) -> None:
        item = self._edges.get(edge)
        if item is None:
            return
        src_card, dst_card = self._folded_card(edge[0]), self._folded_card(edge[1])
        for card in self._routed.pop(edge, ()):
            card.edges.discard(item)
        item.setVisible(src_card is None or src_card is not dst_card)
        item.src_anchor = None if src_card is None else \
            (lambda card=src_card, node_id=edge[0]: card.output_anchor(node_id))
        item.dst_anchor = None if dst_card is None else \
            (lambda card=dst_card: card.input_anchor(edge))
        for card in (src_card, dst_card):
            if card is not None:
                card.edges.add(item)
                self._routed.setdefault(edge, []).append(card)
        item.update_path()

    def _place_group(self, group_id: str) -> None:
        """A folded card sits at its members' top-left; a frame surrounds the member cards."""
        item = self._groups[group_id]
        members = [self.document.node(n) for n in item.members if self.document.has_node(n)]
        if not members:
            return
        if isinstance(item, GroupCardItem):
            item.setPos(QPointF(min(d.pos[0] for d in members), min(d.pos[1] for d in members)))
            self._grow_to(item)
            return
        rect = QRectF()
        for data in members:
            rect = rect.united(self._nodes[data.id].sceneBoundingRect())
        item.fit(rect)

    def _refresh_groups_of(self, node_ids, rebuild: bool) -> None:
        """After an edit of these nodes: rebuild their groups' items (names, ports) or, for a
        move, place them again."""
        for group_id in {self.document.group_of(n) for n in node_ids if
                         self.document.has_node(n)} - {None}:
            if group_id not in self._groups:
                continue
            if rebuild:
                self._sync_group(group_id)
            else:
                self._place_group(group_id)

    def _grow_to(self, item: NodeItem) -> None:
        """Keep panning room around every node, wherever a file or a drag put it."""
        self._grow_to_rect(item.sceneBoundingRect())

    def _grow_to_all(self, cards: list[NodeItem]) -> None:
        """_grow_to for many cards at once (one scene rect for a whole new graph)."""
        xs, ys, rights, bottoms = [], [], [], []
        for card in cards:
            pos = card.pos()
            width, height = card.size()
            xs.append(pos.x())
            ys.append(pos.y())
            rights.append(pos.x() + width)
            bottoms.append(pos.y() + height)
        self._grow_to_rect(QRectF(min(xs), min(ys), max(rights) - min(xs),
                                  max(bottoms) - min(ys)).adjusted(-4, -4, 4, 4))

    def _grow_to_rect(self, rect: QRectF) -> None:
        room = rect.adjusted(-SCENE_MARGIN, -SCENE_MARGIN, SCENE_MARGIN, SCENE_MARGIN)
        if not self.sceneRect().contains(room):
            self.setSceneRect(self.sceneRect().united(room))

    # ---- wiring and moving -------------------------------------------------------------------

    def port_at(self, scene_pos: QPointF) -> PortItem | None:
        for item in self.items(scene_pos, Qt.ItemSelectionMode.IntersectsItemShape,
                               Qt.SortOrder.DescendingOrder, QTransform()):
            if isinstance(item, PortItem):
                return item
        return None

    def node_at(self, scene_pos: QPointF) -> NodeItem | None:
        for item in self.items(scene_pos):
            if isinstance(item, NodeItem):
                return item
        return None

    def helpEvent(self, event) -> None:
        """A card's tooltip is made when it is about to show (not on every relayout)."""
        for item in self.items(event.scenePos()):
            if isinstance(item, PortItem):
                item = item.parentItem()
            if isinstance(item, NodeItem):
                item.setToolTip(item.toolTip())
                break
            if isinstance(item, EdgeItem):
                break
        super().helpEvent(event)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.callout.dismiss()   # the user has moved on
        if event.button() == Qt.MouseButton.LeftButton:
            port = self.port_at(event.scenePos())
            if port is not None:
                self._begin_wire(port)
                event.accept()
                return
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_start = {i.node_id: (i.pos().x(), i.pos().y())
                                for i in self.selectedItems()
                                if isinstance(i, (NodeItem, GroupCardItem))}

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._wire is not None:
            self._wire.follow(event.scenePos())
            hovered = self.port_at(event.scenePos())
            if hovered is not self._wire_target:
                self._wire_target = hovered
                self._show_wire_target(hovered)
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._wire is not None and event.button() == Qt.MouseButton.LeftButton:
            self._finish_wire(event.scenePos())
            event.accept()
            return
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and self._drag_start:
            moves = {}
            for node_id, old in self._drag_start.items():
                item = self._nodes.get(node_id) or self._groups.get(node_id)
                if item is not None and (item.pos().x(), item.pos().y()) != old:
                    moves.update(self._moves_of(item, old))
            self._drag_start = {}
            if moves:
                self.nodes_moved.emit(moves, "")

    def _moves_of(self, item, old: tuple[float, float]) -> dict:
        """{node id: (old pos, new pos)} for a card dragged from `old`: a folded group's card
        moves all its members by as much."""
        new = (item.pos().x(), item.pos().y())
        if not isinstance(item, GroupCardItem):
            return {item.node_id: (old, new)}
        dx, dy = new[0] - old[0], new[1] - old[1]
        moves = {}
        for node_id in item.members:
            x, y = self.document.node(node_id).pos
            moves[node_id] = ((x, y), (x + dx, y + dy))
        return moves

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self._wire is not None:
            self._cancel_wire()   # the picked-up edge, if any, goes back where it was
            event.accept()
            return
        steps = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1),
                 Qt.Key.Key_Down: (0, 1)}
        if event.key() in steps and self.selected_node_ids() and self.focusItem() is None:
            step = 1.0 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 10.0
            dx, dy = steps[event.key()]
            moves = {}
            for node_id in self.selected_node_ids():   # a folded card's members included
                old = self.document.node(node_id).pos
                moves[node_id] = (old, (old[0] + dx * step, old[1] + dy * step))
            self.nodes_moved.emit(moves, "nudge")
            event.accept()
            return
        super().keyPressEvent(event)

    def group_at(self, scene_pos: QPointF) -> str | None:
        """The group whose folded card or frame title is at scene_pos."""
        for item in self.items(scene_pos):
            if isinstance(item, (GroupCardItem, GroupFrameItem)):
                return item.group_id
            if isinstance(item, NodeItem):
                return None
        return None

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        group_id = self.group_at(event.scenePos())
        if group_id is not None and event.button() == Qt.MouseButton.LeftButton:
            self.group_activated.emit(group_id)
            event.accept()
            return
        node = self.node_at(event.scenePos())
        if node is not None and event.button() == Qt.MouseButton.LeftButton \
                and self.port_at(event.scenePos()) is None:
            self.node_activated.emit(node.node_id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def _begin_wire(self, port: PortItem) -> None:
        anchor = port
        if not port.is_output:
            src = self.document.input_sources(port.node_id).get(port.port)
            if src is not None:
                # Dragging from a connected input picks its edge up, like lifting a cable.
                self._picked_edge = (src, port.node_id, port.port)
                self._edges[self._picked_edge].setVisible(False)
                anchor = self._nodes[src].output_port
        self._wire_from = anchor
        self._wire = WireItem(anchor.scenePos(), anchor.is_output)
        self.addItem(self._wire)

    def _show_wire_target(self, target: PortItem | None) -> None:
        """Light the port under the wire: amber where it may connect, red (and why) where not."""
        reason = None
        if target is not None and target.is_output != self._wire_from.is_output:
            output, input_port = ((self._wire_from, target) if self._wire_from.is_output
                                  else (target, self._wire_from))
            edge = (output.node_id, input_port.node_id, input_port.port)
            if edge != self._picked_edge:
                reason = self._connect_refusal(edge, self._picked_edge)
        for item in self._nodes.values():
            for port in [*item.input_ports.values(), item.output_port]:
                port.set_hovered(port is target, refused=port is target and reason is not None)
        if reason is not None:
            self.refuse_at(reason, target.scenePos())

    def _cancel_wire(self) -> None:
        if self._wire is not None:
            self.removeItem(self._wire)
        if self._picked_edge is not None and self._picked_edge in self._edges:
            self._edges[self._picked_edge].setVisible(True)
        for item in self._nodes.values():
            for port in [*item.input_ports.values(), item.output_port]:
                port.set_hovered(False)
        self._wire = None
        self._wire_from = None
        self._wire_target = None
        self._picked_edge = None

    def _finish_wire(self, scene_pos: QPointF) -> None:
        start, picked = self._wire_from, self._picked_edge
        target = self.port_at(scene_pos)
        if target is None and start.is_output:
            node = self.node_at(scene_pos)
            if node is not None:
                target = self._first_free_input(node)
        self._cancel_wire()
        if target is None:
            if picked is not None:
                self.rewire_requested.emit(picked, None)
            return
        if target.is_output == start.is_output:
            self.refuse_at(self.tr("Connect an output (right side) to an input (left side)."),
                           target.scenePos())
            return
        output, input_port = (start, target) if start.is_output else (target, start)
        new_edge = (output.node_id, input_port.node_id, input_port.port)
        if new_edge == picked:
            return
        reason = self._connect_refusal(new_edge, picked)
        if reason is not None:
            self.refuse_at(reason, target.scenePos())
            return
        self.rewire_requested.emit(picked, new_edge)

    def _first_free_input(self, node: NodeItem) -> PortItem | None:
        taken = self.document.input_sources(node.node_id)
        free = [p for name, p in node.input_ports.items() if name not in taken]
        if not free:
            self.refuse_at(self.tr("{name} has no free input.").format(name=node.name),
                           node.scenePos() + QPointF(0.0, HEADER_H / 2))
            return None
        return free[0]

    def _connect_refusal(self, edge: Edge, picked: Edge | None) -> str | None:
        src, dst, port = edge
        if picked is not None and (picked[1], picked[2]) == (dst, port):
            return None   # the input is occupied only by the edge being moved
        return self.document.check_connect(src, dst, port)

    # ---- context menu ------------------------------------------------------------------------

    def contextMenuEvent(self, event) -> None:
        group_id = self.group_at(event.scenePos())
        if group_id is not None:
            card = self._groups[group_id]
            if isinstance(card, GroupCardItem) and not card.isSelected():
                self.clearSelection()
                card.setSelected(True)
            self.group_menu_requested.emit(group_id, event.screenPos())
            event.accept()
            return
        item = None
        for candidate in self.items(event.scenePos()):
            if isinstance(candidate, (NodeItem, EdgeItem)):
                item = candidate
                break
            if isinstance(candidate, PortItem):
                item = candidate.parentItem()
                break
        if item is not None and not item.isSelected():
            self.clearSelection()
            item.setSelected(True)
        self.context_menu_requested.emit(item, event.scenePos(), event.screenPos())
        event.accept()
