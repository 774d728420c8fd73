"""The bundled examples in resources/examples/*.json, one per seed situation."""
from __future__ import annotations

import json
from pathlib import Path

from explorer.core.document.file_format import FileFormatError, load_document
from explorer.core.document.graph_document import GraphDocument
from explorer.core.document.layout import apply_layout
from explorer.core.i18n import translate, translate_data
from explorer.core.resource_files import resource_path

EXAMPLES_DIR = resource_path("examples")

# Menu order: from the first gradient to the training loss.
ORDER = ("x_squared", "linear_int_x", "power", "mean_of_square", "dot", "leaf_nonleaf",
         "diamond", "polynomial_loss")


def _order_key(key: str) -> tuple[int, str]:
    return (ORDER.index(key) if key in ORDER else len(ORDER), key)


def list_examples() -> list[tuple[str, str]]:
    """[(key, title)] for every bundled example, in menu order."""
    result = []
    for path in sorted(EXAMPLES_DIR.glob("*.json"), key=lambda p: _order_key(p.stem)):
        try:
            title = json.loads(path.read_text(encoding="utf-8")).get("title", path.stem)
        except (OSError, ValueError):
            continue   # a broken example is reported when opened, not while listing
        result.append((path.stem, translate_data("Examples", str(title))))
    return result


def example_description(key: str) -> str:
    """The example's one-line description (translated), or "" if it has none."""
    try:
        data = json.loads(example_path(key).read_text(encoding="utf-8"))
    except (OSError, ValueError, FileFormatError):
        return ""
    description = data.get("description") if isinstance(data, dict) else None
    return translate_data("Examples", description) if isinstance(description, str) else ""


def example_path(key: str) -> Path:
    path = EXAMPLES_DIR / f"{key}.json"
    if not key.isidentifier() or not path.is_file():
        raise FileFormatError(translate("Examples", "There is no example named {key!r}.").format(
            key=key))
    return path


def load_example(key: str) -> GraphDocument:
    """The example as a laid-out document; its meta holds title, description and root."""
    doc = load_document(example_path(key))
    for field in ("title", "description"):   # English in the file; see guide/example_texts.py
        if isinstance(doc.meta.get(field), str):
            doc.meta[field] = translate_data("Examples", doc.meta[field])
    apply_layout(doc)
    doc.revision = 0
    return doc
