"""The Examples menu: each bundled example by its title; opening one lays its cards out for
their real sizes and fits it to the canvas.

A feature of the main window (see explorer/features.py).
"""
from __future__ import annotations

from explorer.core.document.examples import example_description, list_examples, load_example
from explorer.core.document.file_format import FileFormatError
from explorer.core.document.layout import apply_layout


class ExamplesMenu:
    def __init__(self, window) -> None:
        self.window = window
        menu = window.menu("examples")
        for key, title in list_examples():
            action = menu.addAction(title)
            action.setData(key)
            action.setToolTip(key)
            action.setStatusTip(example_description(key))
            action.triggered.connect(lambda checked=False, k=key: self.open_example(k))

    def open_example(self, key: str, *, ask: bool = True) -> bool:
        window = self.window
        if ask and not window.maybe_save():
            return False
        try:
            loaded = load_example(key)
        except FileFormatError as exc:
            window.show_load_error(key, str(exc))
            return False
        window.set_document(loaded, None, modified=False)
        # The example was laid out for cards of a default size: now the cards show their values.
        apply_layout(window.document, window.scene.card_sizes())
        window.view.fit_to_view(readable=True)
        window.show_message(window.document.meta.get("description", ""))
        return True
