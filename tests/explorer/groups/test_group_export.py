"""The exported PyTorch program writes each group as a commented block, and still runs to the
same values and grads."""
import contextlib
import io

import pytest
from group_graphs import hidden_layer, inner

from explorer.core.codegen.pytorch_export import export_script


def grouped():
    doc, ids = hidden_layer()
    # Created after the group's first member: the block must still come after b's line.
    late = doc.add_node("input", name="late", params={"value": "0.5"}, pos=(0, 360))
    doc.disconnect(ids["h"], "b")
    doc.connect(late, ids["h"], "b")
    doc.add_group(inner(ids), "hidden")
    return doc, ids


def test_a_group_is_one_commented_block_in_the_exported_program():
    doc, _ids = grouped()
    lines = export_script(doc).splitlines()
    start = lines.index("# group 'hidden': mul, add, relu")
    end = lines.index("# end of group 'hidden'")
    assert lines[start + 1:end] == ["wx = w * x", "h = wx + late", "r = torch.relu(h)"]
    assert lines.index("late = torch.tensor(0.5, requires_grad=True)") < start


def run(source: str, module) -> str:
    assert source.startswith("import torch\n")
    source = source.removeprefix("import torch\n")   # `torch` is the module given
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        # our own exported program, not user input
        exec(compile(source, "<export>", "exec"), {"torch": module})  # noqa: S102
    return out.getvalue()


def test_the_exported_program_with_groups_prints_what_it_printed_without_them():
    import engine

    doc, _ids = grouped()
    with_groups = export_script(doc)
    doc.remove_group("g1")
    assert run(with_groups, engine) == run(export_script(doc), engine)
    # d(out)/d(late) = relu'(h) * k = 3, as the engine's own backward gives it.
    assert "late.grad: tensor(3.)" in run(with_groups, engine)


def test_the_exported_program_with_groups_runs_in_pytorch_to_the_engines_numbers():
    torch = pytest.importorskip("torch")
    import engine

    doc, _ids = grouped()
    source = export_script(doc)
    assert run(source, torch) == run(source, engine)
