"""Help > Concepts: every page opens its example, and its code prints what its comments say."""
from __future__ import annotations

import contextlib
import io
import re

import pytest

import engine
from explorer.core.document import evaluation
from explorer.core.document.examples import list_examples
from explorer.guide.concepts import concepts, show_concepts

EXPECTED = re.compile(r"^\s*print\(.*\)\s*#\s*(.+)$")


def run_sample(code: str, torch_module) -> tuple[list[str], list[str]]:
    """(printed lines, the lines the comments promise) for a concept's code sample."""
    expected = [m.group(1).strip() for line in code.splitlines() if (m := EXPECTED.match(line))]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<concept>", "exec"), {"torch": torch_module})  # noqa: S102 (our text)
    return out.getvalue().splitlines(), expected


@pytest.mark.parametrize("concept", concepts(), ids=lambda c: c.key)
def test_code_sample_prints_what_its_comments_say_with_the_engine(concept):
    printed, expected = run_sample(concept.code, engine)
    assert expected and printed == expected


@pytest.mark.parametrize("concept", concepts(), ids=lambda c: c.key)
def test_code_sample_comments_are_what_pytorch_prints(concept):
    torch = pytest.importorskip("torch")
    printed, expected = run_sample(concept.code, torch)
    assert printed == expected


def test_pages_cover_the_five_concepts_and_their_examples_exist():
    keys = [c.key for c in concepts()]
    assert keys == ["leaf", "accumulation", "retain_grad", "no_grad", "detach"]
    bundled = dict(list_examples())
    assert all(c.example in bundled for c in concepts())


def test_each_page_button_opens_its_example(window):
    dialog = show_concepts(window)
    titles = dict(list_examples())
    for page in concepts():
        dialog.show_concept(page.key)
        assert dialog.heading.text() == page.title
        assert titles[page.example] in dialog.open_button.text()
        assert dialog.open_example()
        assert window.document.meta["title"] == titles[page.example]


@pytest.mark.parametrize(("example", "leaf", "grad"), [("detach", "x", 9.0), ("no_grad", "x", 7.0)])
def test_cut_examples_send_no_gradient_through_the_cut_value(window, example, leaf, grad):
    # The examples the no_grad and detach pages open show the numbers their pages state.
    assert window.open_example(example, ask=False)
    ev = window.evaluate_now()
    evaluation.backward(ev, window.document.meta["root"])
    value, _ = evaluation.grad_of(ev, window.document.node_by_name(leaf).id)
    assert value.item() == grad


def test_unknown_concept_is_refused(window):
    with pytest.raises(KeyError):
        show_concepts(window, "monads")
