"""Where the program's data lives: the repository's top-level resources/ folder, installed as the
package data `explorer.resources` (examples, translations, icons, styles)."""
from __future__ import annotations

from importlib import resources
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """The path of resources/<parts...>, whether installed, editable, or run from a checkout."""
    try:
        root = Path(str(resources.files("explorer.resources")))
    except ModuleNotFoundError:   # a checkout on sys.path without an install: beside explorer/
        root = Path(__file__).resolve().parents[2] / "resources"
    return root.joinpath(*parts)
