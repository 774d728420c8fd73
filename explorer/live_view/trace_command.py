"""`autograd-explorer trace SCRIPT.py [ARGS...]`: run a script (or a notebook's code cells) and
open the graphs of its backward calls (`--list` prints them, `--screenshot` renders one
headless)."""
from __future__ import annotations

import argparse
import sys

from explorer.core.i18n import LANGUAGES, translate
from explorer.core.live.notebook import NotebookError
from explorer.core.live.recorder import first_and_every
from explorer.core.live.tracer import TraceResult, trace_script


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="autograd-explorer trace",
        description=translate(
            "TraceCommand", "RUNS SCRIPT.py, exactly as 'python SCRIPT.py ARGS' would: its code "
            "executes with your permissions. Only trace code you trust. 'import torch' in it "
            "gives the engine; the graph of every backward call it makes is recorded (loops are "
            "unrolled) and opened in the explorer.") + " " + translate(
            "TraceCommand", "A Jupyter notebook (.ipynb) runs its code cells in order, like Run "
            "All; its IPython-only lines (%magics, !commands) are skipped and listed."))
    parser.add_argument("--list", action="store_true", help=translate(
        "TraceCommand", "print one line per captured backward call (index, file:line, root, "
        "node count) and exit"))
    parser.add_argument("--first", type=int, default=3, metavar="K", help=translate(
        "TraceCommand", "capture the first K backward calls (default 3)"))
    parser.add_argument("--every", type=int, default=100, metavar="N", help=translate(
        "TraceCommand", "and every N-th backward call (default 100; 0: none)"))
    parser.add_argument("--screenshot", metavar="OUT.png", help=translate(
        "TraceCommand", "render the window on one captured graph, write the PNG and exit"))
    parser.add_argument("--select", type=int, metavar="N", help=translate(
        "TraceCommand", "the backward call to open, by its index in --list (default: the first "
        "captured)"))
    parser.add_argument("--run", choices=("forward", "backward"), help=translate(
        "TraceCommand", "replay the recorded forward or backward pass to its end"))
    parser.add_argument("--lang", choices=LANGUAGES, help=translate(
        "TraceCommand", "user interface language (default: the one chosen last, or the "
        "system's)"))
    parser.add_argument("script", metavar="SCRIPT.py", help=translate(
        "TraceCommand", "the Python script or Jupyter notebook (.ipynb) to run"))
    parser.add_argument("args", nargs=argparse.REMAINDER, metavar="ARGS",
                        help=translate("TraceCommand", "arguments for the script"))
    return parser


def _report(result: TraceResult) -> None:
    if result.error is not None:
        print(result.error, file=sys.stderr, end="")
        print(translate("TraceCommand", "The script raised an exception; the {count} graphs "
                        "captured before it are still offered.").format(
            count=len(result.graphs)), file=sys.stderr)
    elif result.exit_code not in (None, 0):
        print(translate("TraceCommand", "The script called sys.exit({code}).").format(
            code=result.exit_code), file=sys.stderr)


def _graphs(result: TraceResult, select: int | None) -> list | None:
    """(label, graph) pairs with the selected call first; None (reason printed) if none."""
    calls = list(result.graphs)
    if not calls:
        print(translate("TraceCommand", "The script made no backward call: there is no graph "
                        "to show."), file=sys.stderr)
        return None
    if select is not None:
        chosen = [c for c in calls if c.index == select]
        if not chosen:
            print(translate("TraceCommand", "No captured backward call has index {n}; see "
                            "--list.").format(n=select), file=sys.stderr)
            return None
        calls.remove(chosen[0])
        calls.insert(0, chosen[0])
    return [(call.describe(short=True), call.graph) for call in calls]


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        result = trace_script(args.script, args.args, first_and_every(args.first, args.every))
    except OSError as exc:
        print(f"{args.script}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except NotebookError as exc:
        print(f"{args.script}: {exc}", file=sys.stderr)
        return 2
    _report(result)
    if args.list:
        for call in result.graphs:
            print(call.describe())
        return 1 if result.error is not None else 0
    from explorer.live_view.application import ensure_application

    ensure_application(args.lang)   # (installs its language before the chooser is made)
    graphs = _graphs(result, args.select)
    if graphs is None:
        return 1
    if args.screenshot is not None:
        return _screenshot(graphs, args.screenshot, args.run)
    from explorer.live_view.window import show

    show(graphs, block=True)
    return 0


def _screenshot(graphs: list, path: str, run: str | None) -> int:
    from explorer.live_view.application import ensure_application
    from explorer.live_view.window import open_graphs
    from explorer.main_window import MainWindow

    app = ensure_application()
    window = MainWindow(interactive=False)
    chooser = open_graphs(window, graphs)
    window.show()
    app.processEvents()
    window.view.fit_to_view()
    if run == "backward":
        if chooser.replay(play=False):
            window.animator.player.run_to_end()
    elif run == "forward" and window.animator.forward(play=False):
        window.animator.player.run_to_end()
    app.processEvents()
    ok = window.grab().save(path, "PNG")
    window.undo_stack.setClean()
    window.close()
    window.deleteLater()   # called in a running program (a test), it must not stay behind
    if not ok:
        print(translate("TraceCommand", "Cannot write the screenshot to {path}.").format(
            path=path), file=sys.stderr)
        return 1
    return 0
