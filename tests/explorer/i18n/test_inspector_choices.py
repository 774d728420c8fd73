"""The inspector's choice boxes: words are translated, identifiers (dtype names, torch
functions) are not, and what is saved is always the untranslated choice."""
from __future__ import annotations


def test_zh_cn_inspector_translates_word_choices_and_saves_the_choice_itself(
        language, make_window):
    language("zh_CN")
    window = make_window()
    assert window.open_example("x_squared", ask=False)
    x = next(d.id for d in window.document.nodes() if d.name == "x")
    window.scene.select_nodes([x])
    init = window.inspector.param_editor("init")
    dtype = window.inspector.param_editor("dtype")
    assert [init.itemText(i) for i in range(init.count())] == [
        "指定值", "ones", "zeros", "rand", "randn", "arange", "linspace"]
    assert [dtype.itemText(i) for i in range(dtype.count())] == [
        "自动", "float32", "float64", "int64", "bool"]
    assert init.currentText() == "指定值" and dtype.currentText() == "自动"
    dtype.activated.emit(dtype.findText("float64"))
    assert window.document.node(x).params["dtype"] == "float64"
    dtype.activated.emit(dtype.findText("自动"))
    assert window.document.node(x).params["dtype"] == "auto"
    assert dtype.currentText() == "自动"
