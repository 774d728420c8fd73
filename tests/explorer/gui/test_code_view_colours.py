"""The code view colours a program in one pass per line: keywords, torch, numbers, strings and
comments, a string or comment taking in what it holds."""
from __future__ import annotations

from PySide6.QtGui import QTextDocument

from explorer.panels.code_view import PythonHighlighter

KEYWORD, MODULE, NUMBER, STRING, COMMENT = "#7048e8", "#1971c2", "#d9480f", "#2b8a3e", "#868e96"


def coloured(program: str) -> list[list[tuple[str, str]]]:
    """Each line's coloured pieces: (text, colour)."""
    document = QTextDocument()
    highlighter = PythonHighlighter(document)
    document.setPlainText(program)
    highlighter.rehighlight()
    lines, block = [], document.firstBlock()
    while block.isValid():
        text = block.text()
        lines.append([(text[r.start:r.start + r.length], r.format.foreground().color().name())
                      for r in block.layout().formats()])
        block = block.next()
    return lines


def test_a_generated_program_reads_in_its_colours(qapp):
    program = ('x = torch.tensor(2.0, requires_grad=True)  # a leaf "x"\n'
               'for t in range(3): print("x.grad", x.grad, 1e-3)')
    assert coloured(program) == [
        [("torch", MODULE), ("2.0", NUMBER), ("True", KEYWORD), ('# a leaf "x"', COMMENT)],
        [("for", KEYWORD), ("in", KEYWORD), ("3", NUMBER), ("print", MODULE),
         ('"x.grad"', STRING), ("1e-3", NUMBER)]]


def test_a_string_keeps_a_hash_and_the_words_it_holds(qapp):
    assert coloured('print("# not for a comment", 12)') == [
        [("print", MODULE), ('"# not for a comment"', STRING), ("12", NUMBER)]]
