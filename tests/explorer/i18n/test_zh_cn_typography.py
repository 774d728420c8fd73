"""Typography of the zh_CN catalog where Chinese meets Latin text: a space between Chinese
characters and Latin letters, digits or {placeholders}, none next to full-width punctuation,
and full-width punctuation (，：（）) in Chinese sentences, e.g. `AccumulateGrad：{name} 是`."""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).resolve().parents[3] / "resources/translations/autograd_explorer_zh_CN.ts"

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
FULL_WIDTH = "，。、；：？！（）“”‘’《》【】"
# What starts or ends a Latin word, a number, a placeholder or a bit of code.
# ("|x|" and "步/秒" are notation: their bars and slashes stand next to Chinese.)
LATIN = r"A-Za-z0-9{}_.'\"`=+\-*<>\[\]#%$@^~\\"
BLOCK_TAG = re.compile(r"</?(?:p|br|li|ul|ol|h\d|div|table|tr|td)\b[^>]*>", re.IGNORECASE)
TAG = re.compile(r"</?[a-zA-Z][^>]*>")
ACCELERATOR = re.compile(r"\(&\w\)|&(?=\w)")   # 文件(&F): Qt's usual form stays half-width
FILE_FILTER = re.compile(r"\(\*[^)]*\)|;;")     # (*.py);;: a file dialog's syntax
# What the user types as it is: a model spec (poly:3, mlp:32x2:tanh) and a CSV row's x,y.
TYPED_SYNTAX = re.compile(r"\b(?:poly|mlp):[\w:|]*|\(?\bx,y\b\)?")
PLACEHOLDER = re.compile(r"\{(\w*)(?:![rsa])?(?::[^{}]*)?\}")

RULES = (
    (re.compile(f"[{HAN}](?!\\.\\.\\.)[{LATIN}]|[{LATIN}](?<!\\.\\.\\.)[{HAN}]"),
     "no space between Chinese and Latin text"),
    (re.compile(f"[{HAN}]\\.\\.\\."), "... after Chinese (write …)"),
    (re.compile(f"[{HAN}][,;:!?()]|[,;:!?()][{HAN}]"),
     "half-width punctuation next to Chinese"),
    (re.compile(r"[,;:](?=[A-Za-z{(])"),
     "half-width punctuation in a Chinese sentence"),
    (re.compile(f" [{FULL_WIDTH}]|[{FULL_WIDTH}] "),
     "a space next to full-width punctuation"),
)


def plain_text(translation: str) -> str:
    """The text as a reader sees it: markup, accelerators and file filters taken out."""
    if TAG.search(translation):
        translation = html.unescape(TAG.sub("", BLOCK_TAG.sub("\n", translation)))
    translation = FILE_FILTER.sub("", ACCELERATOR.sub("", translation))
    translation = TYPED_SYNTAX.sub("x", translation)
    return PLACEHOLDER.sub(lambda m: "{" + m.group(1) + "}", translation)


def typography_problems(translation: str) -> list[str]:
    text = plain_text(translation)
    if not re.search(f"[{HAN}]", text):
        return []
    return [f"{reason} at {text[max(m.start() - 8, 0):m.end() + 8]!r}"
            for pattern, reason in RULES for m in pattern.finditer(text)]


def test_the_checker_knows_good_and_bad_typography():
    assert typography_problems("AccumulateGrad：{name} 是叶子张量。") == []
    assert typography_problems("保存(&S)") == []
    assert typography_problems("Python 文件 (*.py);;所有文件 (*)") == []
    assert typography_problems("<b>x_sq</b> = x ** 2 是运算结果") == []
    assert typography_problems("模型：poly:3 或 mlp:32x2:tanh|relu，CSV 文件中的 x,y 行") == []
    for bad in ("AccumulateGrad:{name} 是", "界面将使用{language}。", "值(9)，",
                "因此 w.grad = 3,b.grad", "梯度 ，然后", "使用PyTorch", "<b>y</b>是",
                "正在开始..."):
        assert typography_problems(bad), bad


def test_every_zh_CN_translation_spaces_latin_words_and_uses_full_width_punctuation():
    problems = []
    for message in ET.parse(TS).getroot().iter("message"):
        translation = message.find("translation")
        if translation.get("type") in ("vanished", "obsolete"):
            continue
        for problem in typography_problems(translation.text or ""):
            problems.append(f"{problem} in {translation.text!r}")
    assert not problems, f"{len(problems)} typography problems:\n" + "\n".join(problems)


def test_a_translation_left_in_latin_keeps_the_sources_spaces():
    """Code kept as it is (`grad: None (requires_grad=False)`) is not squeezed together: the
    canvas showed `grad:None(requires_grad=False)` in Chinese."""
    squeezed = []
    for message in ET.parse(TS).getroot().iter("message"):
        source, translation = message.findtext("source"), message.findtext("translation") or ""
        if (not re.search(f"[{HAN}]", translation) and translation != source
                and "".join(translation.split()) == "".join(source.split())):
            squeezed.append(translation)
    assert not squeezed, squeezed
