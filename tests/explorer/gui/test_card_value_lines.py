"""How values read on a card: PyTorch's printed form, wrapped or shortened to the card's width."""
from __future__ import annotations

import engine
from explorer.canvas.value_preview import compact_grad_lines, compact_lines

WIDTH = 17


def texts(lines):
    return [text for text, _style in lines]


def test_a_short_vector_is_printed_as_pytorch_prints_it():
    assert texts(compact_lines(engine.arange(4.0), WIDTH)) == ["[0., 1., 2., 3.]"]


def test_a_long_vector_keeps_its_first_and_last_elements_around_an_ellipsis():
    x = engine.linspace(-3.14159, 3.14159, 2000, requires_grad=True)
    lines = compact_lines(x, WIDTH)
    data = [text for text, style in lines if style == "value"]
    assert 1 < len(data) <= 3 and all(len(line) <= WIDTH for line in data)
    joined = " ".join(data)
    assert joined.startswith("[-3.1416,") and joined.endswith("3.1416]") and "..." in joined
    assert ("requires_grad=True", "muted") in lines


def test_wrapping_breaks_after_commas_never_inside_a_number():
    lines = texts(compact_lines(engine.arange(6.0) * 1000, WIDTH))
    assert lines == ["[0., 1000.,", " 2000., 3000.,", " 4000., 5000.]"]


def test_matrix_rows_are_cut_after_a_whole_element_and_extra_rows_left_out():
    m = engine.arange(100.0).reshape(10, 10) / 7
    lines = texts(compact_lines(m, WIDTH))
    assert len(lines) == 3 and lines[-1] == "…"
    for row in lines[:-1]:
        assert row.endswith(", …") and len(row) <= WIDTH


def test_a_small_matrix_keeps_whole_rows():
    t = engine.tensor([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]])
    assert texts(compact_lines(t, WIDTH)) == ["[[0.1000, 0.2000, 0.3000],",
                                              " [0.4000, 0.5000, 0.6000]]"]


def test_a_scalar_keeps_its_whole_grad_fn_on_a_muted_line():
    y = engine.tensor(2.0, requires_grad=True).mean()
    assert compact_lines(y, WIDTH) == [("tensor(2.,", "value"),
                                       ("  grad_fn=<MeanBackward0>)", "muted")]


def test_grad_lines_carry_the_label_and_align_their_rows():
    grad = engine.ones(2, 2) * 4.5
    assert compact_grad_lines(grad, WIDTH + 7) == ["grad: [[4.5000, 4.5000],",
                                                   "       [4.5000, 4.5000]]"]
    assert compact_grad_lines(engine.tensor(-31530.5449), WIDTH + 7) == \
        ["grad: tensor(-31530.5449)"]


def _scalar_values():
    x = engine.tensor(0.5, requires_grad=True)
    big = engine.tensor(3e38) * 10   # inf
    return [engine.tensor(0.25), engine.tensor(-123456.789), engine.tensor(1e-7), x, x * 3,
            (x * 3).exp(), big, big - big, engine.tensor(7), engine.tensor(True),
            engine.tensor(2.5, dtype=engine.float64), engine.tensor(0.1, dtype=engine.float64,
                                                                    requires_grad=True) * 2,
            3, -2.5, float("nan"), True, 12345678901234567890]


def test_a_scalar_card_keeps_the_size_it_was_given_with_its_value_once_its_text_is_laid_out(
        qapp):
    from explorer.canvas.node_item import NodeItem

    for op, name in (("input", "x"), ("mul", "a_rather_long_variable_name")):
        for value in _scalar_values():
            card = NodeItem("n1", op, name, {}, deferred=True)
            card.show_result(value, None, True)
            given = card.size()
            assert card.layout_due   # the text waits for a paint or a reader
            lines = card.body_lines()
            assert not card.layout_due and card.size() == given, (value, lines)
            fresh = NodeItem("n1", op, name, {})
            fresh._value, fresh._computed = value, True   # laid out the long way, at once
            fresh.kind = card.kind
            fresh._relayout()
            assert fresh.size() == given and fresh.body_lines() == lines
