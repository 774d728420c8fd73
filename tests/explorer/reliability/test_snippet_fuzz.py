"""Snippet fuzz: hostile or malformed Python is refused with its line number and never executed,
whether it comes through the importer, the window's Import Python / paste, or `run FILE`."""
from __future__ import annotations

import os
import random
import threading

import pytest
from PySide6.QtGui import QGuiApplication

from explorer.core.codegen import run_cli
from explorer.core.codegen.snippet_import import SnippetError, parse_snippet

PRELUDE = "x = torch.tensor(2.0, requires_grad=True)\ny = x * 3\n"   # two good lines first
HOSTILE_LINE = 3

HOSTILE = {
    "import call": "z = __import__('os')",
    "dunder attribute": "z = x.__class__.__bases__",
    "dunder name": "z = __builtins__",
    "lambda": "f = lambda t: t * 2",
    "called lambda": "z = (lambda t: t)(x)",
    "list comprehension": "z = [x for _ in range(3)]",
    "generator": "z = sum(x for _ in range(3))",
    "dict comprehension": "z = {k: x for k in range(3)}",
    "power tower": "z = 10 ** 10 ** 10",
    "huge power": "z = 2 ** 100000000",
    "huge integer literal": "z = " + "9" * 5000,
    "huge tensor": "z = torch.ones(100000, 100000)",
    "huge arange": "z = torch.arange(1e12)",
    "10000-deep parentheses": "z = " + "(" * 10_000 + "x" + ")" * 10_000,
    "10000-deep sum": "z = " + " + ".join(["x"] * 10_000),
    "10000-deep negation": "z = " + "-" * 10_000 + "x",
    "10000-deep calls": "z = " + "torch.exp(" * 10_000 + "x" + ")" * 10_000,
    "10000-deep methods": "z = x" + ".exp()" * 10_000,
    "syntax error": "z = = 2",
    "bad indent": "  z = x",
    "open": "open('f', 'w').write('x')",
    "exec": "exec('import os')",
    "eval": "z = eval('1')",
    "getattr": "z = getattr(x, 'grad')",
    "import os": "import os",
    "from import": "from os import system",
    "class": "class A: pass",
    "def": "def f(): return 1",
    "loop": "while True: pass",
    "attribute store": "x.data = torch.ones(2)",
    "walrus": "z = (w := x)",
    "f-string": "z = f'{x}'",
    "try": "try:\n    z = x\nexcept Exception:\n    pass",
    "torch.save": "torch.save(x, 'f')",
    "numpy escape": "z = x.numpy()",
    "hook": "x.register_hook(print)",
    "huge reshape": "z = x.reshape(10**30)",
    "unknown name": "z = undefined * 2",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_snippet_is_refused_with_its_line_number(name):
    with pytest.raises(SnippetError) as refused:
        parse_snippet(PRELUDE + HOSTILE[name] + "\nz2 = x + 1\n")
    assert refused.value.line == HOSTILE_LINE
    assert str(refused.value).startswith(f"Line {HOSTILE_LINE}: ")


def _writers(target) -> list[str]:
    """Snippets that, if any of their code ran, would create `target`."""
    path = str(target)
    return [
        f"__import__('pathlib').Path({path!r}).touch()",
        f"open({path!r}, 'w').write('pwned')",
        f"import os\nos.system('touch {path}')",
        f"exec(\"open({path!r}, 'w')\")",
        f"with open({path!r}, 'w') as handle:\n    pass",
        f"print(open({path!r}, 'w'))",
        f"x = torch.tensor(1.)\ntorch.save(x, {path!r})",
        f"x = torch.ones(2)\nx.numpy().tofile({path!r})",
        f"y = [open({path!r}, 'w') for _ in range(1)]",
        f"f = lambda: open({path!r}, 'w')\nf()",
    ]


def test_nothing_in_a_snippet_is_executed(tmp_path, window, capsys):
    target = tmp_path / "pwned"
    for source in _writers(target):
        with pytest.raises(SnippetError):
            parse_snippet(source)
        assert window.code_actions.import_source(source, "Import") == []
        script = tmp_path / "snippet.py"
        script.write_text(source, encoding="utf-8")
        assert run_cli.main([str(script)]) == 1
        err = capsys.readouterr().err.strip()
        assert "Line " in err and len(err.splitlines()) == 1, err
        assert not target.exists(), source
    assert len(window.document) == 0


def test_hostile_snippets_leave_the_window_document_untouched(window):
    assert window.open_example("diamond", ask=False)
    before, depth = window.document.to_dict(), window.undo_stack.count()
    for name, body in HOSTILE.items():
        assert window.code_actions.import_source(PRELUDE + body, "Import") == [], name
        assert f"Line {HOSTILE_LINE}" in window.last_error, name
        QGuiApplication.clipboard().setText(PRELUDE + body)
        window.clipboard.paste_action.trigger()
        assert f"Line {HOSTILE_LINE}" in window.statusBar().currentMessage(), name
    assert window.document.to_dict() == before
    assert window.undo_stack.count() == depth


TOKENS = ("x", "y", "=", "torch", ".", "tensor", "ones", "exp", "sum", "(", ")", "[", "]", "1",
          "2.5", "1e308", "+", "*", "**", "-", "/", "@", ",", ":", "requires_grad", "True",
          "\n", "  ", "lambda", "__class__", "import", "with", "no_grad", "backward", "'s'", "#",
          "dim", "keepdim", "retain_grad", "mean", "grad", "None", "if", "else", "not", "nan")


def test_random_token_soup_is_translated_or_refused_within_its_lines():
    rng = random.Random(8)
    accepted = refused = 0
    for _ in range(400):
        source = " ".join(rng.choice(TOKENS) for _ in range(rng.randint(1, 40)))
        try:
            parse_snippet(source)   # only SnippetError may come out
        except SnippetError as exc:
            assert 1 <= exc.line <= source.count("\n") + 1, (source, exc.line)
            refused += 1
        else:
            accepted += 1
    assert refused > 300 and accepted > 0, (accepted, refused)


def test_importing_a_pipe_or_a_folder_is_refused_without_blocking(window, tmp_path):
    fifo = tmp_path / "snippet.py"
    os.mkfifo(fifo)
    unblocked = threading.Event()

    def watchdog() -> None:
        # Should the import open the pipe, a writer that closes at once ends its read (the test
        # then fails instead of hanging).
        if not done.wait(10):
            unblocked.set()
            with open(fifo, "wb"):
                pass

    done = threading.Event()
    guard = threading.Thread(target=watchdog, daemon=True)
    guard.start()
    try:
        for path in (fifo, tmp_path):
            assert window.code_actions.import_python(str(path)) == []
            assert "not a regular file" in window.last_error
    finally:
        done.set()
        guard.join()
    assert not unblocked.is_set(), "the import blocked on the pipe"
    assert window.code_actions.import_python(str(tmp_path / "missing.py")) == []
    assert "cannot be read" in window.last_error
    assert len(window.document) == 0
