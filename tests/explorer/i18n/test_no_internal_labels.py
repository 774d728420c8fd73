"""What users read names things, never our internal labels ("seed 004" was the task name of the
PyTorch tutorial's cubic fit): every translatable text, every bundled example and the README."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CATALOG = ROOT / "resources" / "translations" / "autograd_explorer_zh_CN.ts"
INTERNAL_LABEL = re.compile(r"\bseed[ -]?\d{3}\b|种子 ?\d{3}", re.IGNORECASE)


def test_no_translatable_text_carries_an_internal_label():
    texts = [el.text or "" for tag in ("source", "translation")
             for el in ET.parse(CATALOG).getroot().iter(tag)]
    assert [t for t in texts if INTERNAL_LABEL.search(t)] == []


def test_no_bundled_example_carries_an_internal_label():
    for path in sorted((ROOT / "resources" / "examples").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for key in ("title", "description"):
            assert not INTERNAL_LABEL.search(str(data.get(key, ""))), (path.name, key)


def test_the_readme_names_things_rather_than_labels():
    assert INTERNAL_LABEL.findall((ROOT / "README.md").read_text(encoding="utf-8")) == []
