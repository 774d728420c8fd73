"""The palette: a real QMimeData drop through the view's one drop handler, double-click, search."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from explorer.canvas.view import OP_MIME_TYPE
from explorer.core.document.op_catalog import OPS
from explorer.panels.op_palette import op_mime_data
from tests.explorer.reliability.monkey import drop_on_view


def test_palette_lists_every_catalog_op_with_its_tooltip(window):
    entries = window.palette.entries()
    # Ops recorded from running code are not offered: the editor cannot compute them.
    assert set(entries) == {key for key, spec in OPS.items() if spec.category_key != "traced"}
    assert entries["mul"].toolTip(0) == OPS["mul"].tooltip


def test_dropping_a_palette_entry_creates_the_node_under_the_drop_point(window):
    view = window.view
    point = QPoint(300, 200)
    event = drop_on_view(view, op_mime_data("mul"), point)
    assert event.isAccepted()
    [data] = window.document.nodes()
    assert data.op == "mul"
    item = window.scene.node_item(data.id)
    # The card's header is under the cursor: the drop point lies inside the new node.
    assert item.sceneBoundingRect().contains(view.mapToScene(point))
    assert window.scene.selected_node_ids() == [data.id]
    assert window.undo_stack.count() == 1


def test_dropping_foreign_mime_data_adds_nothing(window):
    from PySide6.QtCore import QMimeData

    mime = QMimeData()
    mime.setText("mul")
    drop_on_view(window.view, mime, QPoint(200, 200))
    assert len(window.document) == 0


def test_dropping_an_unknown_op_is_refused_with_a_message(window):
    from PySide6.QtCore import QMimeData

    mime = QMimeData()
    mime.setData(OP_MIME_TYPE, b"frobnicate")
    drop_on_view(window.view, mime, QPoint(200, 200))
    assert len(window.document) == 0
    assert "frobnicate" in window.statusBar().currentMessage()
    drop_on_view(window.view, op_mime_data("mul"), QPoint(200, 200))
    assert window.statusBar().currentMessage() == "Added mul1"


def test_double_click_adds_the_op_at_the_view_centre(window, qtbot):
    tree = window.palette.tree
    entry = window.palette.entries()["exp"]
    tree.scrollToItem(entry)
    rect = tree.visualItemRect(entry)
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    [data] = window.document.nodes()
    assert data.op == "exp"
    item = window.scene.node_item(data.id)
    assert item.sceneBoundingRect().contains(window.view.visible_centre())


def test_search_hides_entries_that_do_not_match(window):
    window.palette.search.setText("sig")
    visible = [op for op, entry in window.palette.entries().items() if not entry.isHidden()]
    assert visible == ["sigmoid"]
    window.palette.search.setText("")
    assert not any(entry.isHidden() for entry in window.palette.entries().values())
