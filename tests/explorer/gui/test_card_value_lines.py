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
