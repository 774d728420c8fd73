"""The zh_CN catalog: complete for the current source, faithful to each source string, and the
committed .qm is what pyside6-lrelease makes of the committed .ts.

To update after changing user-visible strings (then translate the new entries, e.g. in
pyside6-linguist, and compile):
    .venv/bin/pyside6-lupdate $(find explorer -name '*.py' | sort) -no-obsolete -locations none \
        -target-language zh_CN -ts resources/translations/autograd_explorer_zh_CN.ts
    .venv/bin/pyside6-lrelease resources/translations/autograd_explorer_zh_CN.ts
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

ROOT = Path(__file__).resolve().parents[3]
TS = ROOT / "resources" / "translations" / "autograd_explorer_zh_CN.ts"
QM = TS.with_suffix(".qm")
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    path = BIN / name
    found = str(path) if path.exists() else shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed")
    return found


def messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    """(context, source, translation element) for every message of a .ts file."""
    result = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            result.append((name, message.findtext("source"), message.find("translation")))
    return result


def finished(ts: Path) -> list[tuple[str, str, str]]:
    return [(ctx, src, tr.text or "") for ctx, src, tr in messages(ts)
            if tr.get("type") is None]


def test_every_source_string_has_a_finished_zh_CN_translation(tmp_path):
    fresh = tmp_path / TS.name
    shutil.copy(TS, fresh)
    sources = sorted(str(p) for p in (ROOT / "explorer").rglob("*.py"))
    subprocess.run([tool("pyside6-lupdate"), *sources, "-silent", "-locations", "none",
                    "-target-language", "zh_CN", "-ts", str(fresh)], check=True, timeout=120)
    missing = [f"{ctx}: {src!r}" for ctx, src, tr in messages(fresh)
               # vanished/obsolete entries are strings the code no longer has
               if tr.get("type") not in ("vanished", "obsolete")
               and (tr.get("type") == "unfinished" or not (tr.text or "").strip())]
    assert not missing, (f"{len(missing)} strings lack a zh_CN translation (see this file's "
                         "docstring to update the catalog):\n" + "\n".join(missing))


PLACEHOLDER = re.compile(r"\{[^{}]*\}")
TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")
# '&' + letter is a keyboard accelerator, unless it is '&&' or an HTML entity such as '&gt;'.
ACCELERATOR = re.compile(r"(?<!&)&(?!&)(?![a-zA-Z]+;)(\w)")
# PyTorch identifiers and op names stay as they are (grad_fn, requires_grad, AddBackward0, ...).
IDENTIFIER = re.compile(r"\b(?:\w+_\w+|\w+Backward\d|AccumulateGrad)\b")


def test_translations_keep_placeholders_tags_identifiers_and_accelerators():
    problems = []
    for ctx, source, translation in finished(TS):
        where = f"{ctx}: {source!r} -> {translation!r}"
        if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation)):
            problems.append(f"placeholders differ in {where}")
        if sorted(TAG.findall(source)) != sorted(TAG.findall(translation)):
            problems.append(f"HTML tags differ in {where}")
        lost = set(IDENTIFIER.findall(source)) - set(IDENTIFIER.findall(translation))
        if lost:
            problems.append(f"identifiers {sorted(lost)} lost in {where}")
        keys = [k.lower() for k in ACCELERATOR.findall(source)]
        if keys != [k.lower() for k in ACCELERATOR.findall(translation)]:
            problems.append(f"accelerator differs in {where}")
    assert not problems, "\n".join(problems)


# Code inside a text (calls such as exp(x), attributes such as .grad, assigned names such as
# "out = ", the program's name) and the PyTorch attribute names shown as labels stay English;
# any other English word needs translating.
CODE = re.compile(r"\b\w+\(|\.\w+|\b\w+ = |autograd-explorer")
KEPT_WORDS = {"grad", "shape", "dtype"}


def test_translations_are_chinese_where_the_source_has_words():
    # A "translation" that repeats the English would pass the completeness test.
    han = re.compile(r"[\u4e00-\u9fff]")
    untranslated = []
    for ctx, source, translation in finished(TS):
        prose = CODE.sub("", PLACEHOLDER.sub("", IDENTIFIER.sub("", TAG.sub("", source))))
        words = set(re.findall(r"\b[a-zA-Z]{3,}\b", prose)) - KEPT_WORDS - {"None", "False"}
        if words and not han.search(translation):
            untranslated.append(f"{ctx}: {source!r} (words {sorted(words)})")
    assert not untranslated, "\n".join(untranslated)


# One Chinese word per idea, as in Chinese deep-learning teaching material, whoever translates.
GLOSSARY = {r"gradient checks?": "梯度检查", r"learning rates?": "学习率", r"loss(es)?": "损失",
            r"lea(f|ves)": "叶子", r"chain rule": "链式法则", r"computational graphs?": "计算图"}


def test_translations_use_the_glossary_terms():
    inconsistent = []
    for ctx, source, translation in finished(TS):
        prose = CODE.sub("", PLACEHOLDER.sub("", IDENTIFIER.sub("", TAG.sub("", source)))).lower()
        inconsistent += [f"{ctx}: {source!r} -> {translation!r} needs {chinese}"
                         for english, chinese in GLOSSARY.items()
                         if re.search(rf"\b{english}\b", prose) and chinese not in translation]
    assert not inconsistent, "\n".join(inconsistent)


def test_committed_qm_is_a_fresh_lrelease_of_the_ts(tmp_path):
    fresh = tmp_path / QM.name
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(TS), "-qm", str(fresh)],
                   check=True, timeout=60)
    assert fresh.read_bytes() == QM.read_bytes(), \
        "resources/translations/*.qm is stale: run pyside6-lrelease on the .ts"


def test_qm_translates_menu_titles_and_keeps_placeholders(qapp):
    translator = QTranslator()
    assert translator.load(str(QM))
    assert translator.translate("MainWindow", "&File") == "文件(&F)"
    zoom = translator.translate("MainWindow", "Zoom {percent} %")
    assert "{percent}" in zoom and zoom.format(percent=150).count("150") == 1


def test_example_texts_registry_matches_the_example_files():
    # The files' English is what the Examples menu looks up; TEXTS is what the translators get.
    from explorer.core.document.examples import EXAMPLES_DIR
    from explorer.guide.example_texts import TEXTS

    in_files = set()
    for path in EXAMPLES_DIR.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        in_files |= {data["title"], data["description"]}
    assert in_files == set(TEXTS)


def test_examples_menu_and_opened_example_are_translated(language):
    language("zh_CN")
    from explorer.core.document.examples import list_examples, load_example

    titles = dict(list_examples())
    assert titles["leaf_nonleaf"] == "叶子张量与非叶子张量（t*2）"
    assert load_example("x_squared").meta["description"].startswith("第一个梯度")
