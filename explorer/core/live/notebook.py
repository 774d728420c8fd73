"""A Jupyter notebook (.ipynb, nbformat 4) as a program the tracer can run: its code cells in
order, read as plain JSON (no nbformat, no Jupyter).

Each cell keeps its own line numbers and is compiled under the name `nb.ipynb:In[3]`, so that
tracebacks and `trace --list` say `nb.ipynb:In[3]:2`: cell In[3], line 2, as the learner sees
it in Jupyter. A cell's number is its saved execution_count when every code cell has a distinct
one, else its place among the code cells (1, 2, 3 ..., what Run All would number them).

IPython-only lines (`%matplotlib inline`, `!pip install ...`, `torch.tensor?`, a `%%bash`
cell) cannot run in plain Python: they become no-ops on the same line, and are listed in
`skipped`. The bodies of `%%time`, `%%timeit` and `%%capture` cells and the statement of
`%time` / `%timeit` lines are Python: they run (once). A cell that ends with an expression
prints its value as `Out[3]: tensor(6.)`, as Jupyter shows it (not after a `;`).
"""
from __future__ import annotations

import ast
import io
import json
import linecache
import re
import sys
import tokenize
import types
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from explorer.core.i18n import translate

NOTEBOOK_SUFFIX = ".ipynb"
PYTHON_CELL_MAGICS = ("time", "timeit", "capture")   # their body is Python
PYTHON_LINE_MAGICS = ("time", "timeit")              # `%time STATEMENT` runs STATEMENT
_HELP = re.compile(r"^\s*(\?{1,2}[\w.]+|[\w.]+\?{1,2})\s*$")   # `?obj`, `obj?`, `obj??`
_MAGIC = re.compile(r"^(\s*)(%%?|!!?)")
_ASSIGNED_MAGIC = re.compile(r"^\s*[\w.,\s]+=\s*(%|!)")   # `files = !ls`, `x = %env HOME`
_SHOW_OUT = "__explorer_show_out__"   # the namespace's name for _show_out


class NotebookError(ValueError):
    """The file is not a notebook that can be read: its message says why, for the user (the
    caller names the file)."""


def is_notebook(path: str) -> bool:
    return str(path).lower().endswith(NOTEBOOK_SUFFIX)


@dataclass(frozen=True)
class SkippedLine:
    cell: int          # In[cell]
    line: int          # from 1, in the cell
    text: str


@dataclass(frozen=True)
class Cell:
    number: int        # In[number]
    filename: str      # `nb.ipynb:In[3]`, the code's co_filename
    source: str        # what the learner wrote
    program: str       # the same lines, IPython-only ones made no-ops


@dataclass
class Notebook:
    path: str
    cells: list[Cell]
    skipped: list[SkippedLine] = field(default_factory=list)

    def skipped_report(self) -> str:
        """The lines plain Python cannot run, one a line ('' when none), for the trace's
        output."""
        if not self.skipped:
            return ""
        head = translate("Notebook", "Skipped {count} IPython-only lines (plain Python cannot "
                         "run them):").format(count=len(self.skipped))
        rows = [f"  In[{s.cell}]:{s.line}  {s.text.strip()}" for s in self.skipped]
        return "\n".join([head, *rows]) + "\n"


def _cell_source(cell: dict) -> str:
    source = cell.get("source", "")
    if isinstance(source, list) and all(isinstance(part, str) for part in source):
        return "".join(source)
    if isinstance(source, str):
        return source
    raise TypeError


def _load_json(path: str) -> dict:
    with open(path, "rb") as file:   # OSError: the caller's, as for a script
        raw = file.read()
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise NotebookError(translate(
            "Notebook", "Not a Jupyter notebook: it is not UTF-8 text.")) from None
    except json.JSONDecodeError as exc:
        raise NotebookError(translate(
            "Notebook", "Not a Jupyter notebook: its JSON is broken at line {line}, column "
            "{column}.").format(line=exc.lineno, column=exc.colno)) from None
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        raise NotebookError(translate(
            "Notebook", "JSON, but not a Jupyter notebook: it has no list of cells."))
    if data.get("nbformat") != 4:
        raise NotebookError(translate(
            "Notebook", "A notebook of format {version}: only format 4 (Jupyter since 2015) "
            "can be traced. Save it again from Jupyter.").format(version=data.get("nbformat")))
    return data


def read_notebook(path: str) -> Notebook:
    """The code cells of the notebook at `path`. Raises NotebookError (a translated message)
    for a file that is not an nbformat 4 notebook, OSError when it cannot be read."""
    data = _load_json(path)
    code: list[tuple[str, object]] = []
    for index, cell in enumerate(data["cells"], start=1):
        if not isinstance(cell, dict):
            raise NotebookError(translate(
                "Notebook", "Not a valid notebook: its cell {index} is not a cell.").format(
                    index=index))
        if cell.get("cell_type") != "code":
            continue   # markdown and raw cells
        try:
            code.append((_cell_source(cell), cell.get("execution_count")))
        except TypeError:
            raise NotebookError(translate(
                "Notebook", "Not a valid notebook: the source of its cell {index} is not "
                "text.").format(index=index)) from None
    counts = [count for _source, count in code]
    saved = all(isinstance(c, int) and not isinstance(c, bool) for c in counts) \
        and len(set(counts)) == len(counts)
    notebook = Notebook(path, [])
    for place, (source, count) in enumerate(code, start=1):
        number = count if saved else place
        program = _python_lines(source, number, notebook.skipped)
        notebook.cells.append(Cell(number, f"{path}:In[{number}]", source, program))
    return notebook


def _statement_starts(before: list[str]) -> bool:
    """Whether the line after `before` starts a statement (no bracket, string or backslash
    continuation is left open): a `%` or `!` inside a string is not a magic."""
    try:
        for _token in tokenize.generate_tokens(io.StringIO("".join(before)).readline):
            pass
    except tokenize.TokenError:
        return False
    except SyntaxError:   # an error of the cell's own: compiling it will report it
        return True
    return True


def _lines(source: str) -> list[str]:
    """The lines as Jupyter and Python count them: split at "\n" only (not at a form feed or
    the other separators str.splitlines knows)."""
    return io.StringIO(source, newline="").readlines()


def _ending(line: str) -> str:
    return line[len(line.rstrip("\r\n")):]


def _no_op(line: str) -> str:
    """`pass` at the line's indentation: the line count and any block it is in stay valid."""
    indent = line[:len(line) - len(line.lstrip())]
    return f"{indent}pass{_ending(line)}"


def _python_lines(source: str, number: int, skipped: list[SkippedLine]) -> str:
    lines = _lines(source)
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and lines[first].lstrip().startswith("%%"):
        magic = lines[first].lstrip()[2:].split(maxsplit=1)
        skipped.append(SkippedLine(number, first + 1, lines[first]))
        if magic and magic[0] in PYTHON_CELL_MAGICS:
            lines[first] = _ending(lines[first])
        else:   # %%bash, %%writefile, %%html ...: the body is not Python either
            return "".join(_ending(line) for line in lines)
    out: list[str] = []
    for index, line in enumerate(lines):
        out.append(line)
        magic = _MAGIC.match(line)
        if not (magic or _HELP.match(line) or _ASSIGNED_MAGIC.match(line)) or \
                not _statement_starts(out[:-1]):
            continue
        words = line[magic.end():].split(maxsplit=1) if magic and magic.group(2) == "%" else []
        if len(words) == 2 and words[0] in PYTHON_LINE_MAGICS:
            out[-1] = magic.group(1) + words[1].rstrip("\r\n") + _ending(line)
            continue
        out[-1] = _no_op(line)
        skipped.append(SkippedLine(number, index + 1, line))
    return "".join(out)


@contextmanager
def cell_sources(notebook: Notebook) -> Iterator[None]:
    """While it lasts, tracebacks show each cell's lines as the learner wrote them."""
    cells = notebook.cells
    for cell in cells:
        lines = _lines(cell.source)
        linecache.cache[cell.filename] = (len(cell.source), None, lines, cell.filename)
    try:
        yield
    finally:
        for cell in cells:
            linecache.cache.pop(cell.filename, None)


def _show_out(number: int, value: object) -> None:
    if value is not None:
        print(f"Out[{number}]: {value!r}")


def _cell_code(cell: Cell) -> types.CodeType:
    """The cell compiled; a last expression statement also shows its value."""
    tree = ast.parse(cell.program, cell.filename)
    last = tree.body[-1] if tree.body else None
    if isinstance(last, ast.Expr) and not cell.program.rstrip().endswith(";"):
        show = ast.Call(ast.Name(_SHOW_OUT, ast.Load()), [ast.Constant(cell.number), last.value],
                        [])
        last.value = ast.copy_location(show, last.value)
        ast.fix_missing_locations(tree)
    return compile(tree, cell.filename, "exec")


def run_notebook(notebook: Notebook) -> None:
    """Run the code cells in order in one `__main__` namespace, as Jupyter's Run All does; the
    first cell that raises ends the run (its exception propagates)."""
    module = types.ModuleType("__main__")
    module.__dict__[_SHOW_OUT] = _show_out
    saved_main = sys.modules.get("__main__")
    sys.modules["__main__"] = module
    try:
        for cell in notebook.cells:
            exec(_cell_code(cell), module.__dict__)  # noqa: S102
    finally:
        if saved_main is not None:
            sys.modules["__main__"] = saved_main
        else:
            del sys.modules["__main__"]
