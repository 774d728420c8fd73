"""Command line: the editor (default), `run FILE` and `train ...`.

    autograd-explorer [FILE.json|FILE.py] [--example NAME] [--list-examples] [--screenshot OUT.png]
                      [--run forward|backward] [--record OUT.gif|OUT.mp4|FOLDER] [--lang zh_CN|en]
    autograd-explorer run FILE|EXAMPLE  (explorer.core.codegen.run_cli)
    autograd-explorer train ...         (explorer.core.training.cli; --record: explorer.classroom)
    autograd-explorer trace SCRIPT.py   (explorer.live_view.trace_command; runs the script;
                                        `--lang X trace` is read as `trace --lang X`)
    autograd-explorer --version

Only the editor imports QtGui and QtWidgets: `run` and `train` work without a display or GL.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys

from explorer import __version__
from explorer.core.i18n import LANGUAGES, translate
from explorer.display_check import no_window_message, why_no_window

SUBCOMMANDS = {
    "run": "explorer.core.codegen.run_cli",
    "train": "explorer.core.training.cli",
    "trace": "explorer.live_view.trace_command",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="autograd-explorer",
        description=translate("Cli", "See automatic differentiation happen: a node-graph editor "
                                     "that shows PyTorch-exact values and gradients."),
        epilog=translate("Cli", "Other commands: 'autograd-explorer run FILE' evaluates a graph "
                                "or snippet headlessly; 'autograd-explorer train --help' trains a "
                                "preset model.") + " " + translate(
            "Cli", "'autograd-explorer trace SCRIPT.py' runs your script and opens the graphs "
                   "of its backward calls."))
    parser.add_argument("file", nargs="?", metavar="FILE",
                        help=translate("Cli", "a graph (.json) or a PyTorch snippet (.py) to "
                                              "open"))
    parser.add_argument("--example", metavar="NAME",
                        help=translate("Cli", "open a bundled example (see --list-examples)"))
    parser.add_argument("--list-examples", action="store_true",
                        help=translate("Cli", "list the bundled examples and exit"))
    parser.add_argument("--screenshot", metavar="OUT.png",
                        help=translate("Cli", "render the window after loading, write the PNG "
                                              "and exit"))
    parser.add_argument("--run", choices=("forward", "backward"),
                        help=translate("Cli", "run the forward or backward pass after loading"))
    parser.add_argument("--record", metavar="OUT.gif|OUT.mp4|FOLDER",
                        help=translate("Cli", "record the --run replay (backward if not given) "
                                              "as a GIF, an MP4 or a folder of numbered PNGs "
                                              "with each step's text, and exit"))
    parser.add_argument("--lang", choices=LANGUAGES,
                        help=translate("Cli", "user interface language (default: the system's)"))
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                        help=translate("Cli", "print the version and exit"))
    return parser


def _subcommand(name: str, argv: list[str]) -> int:
    module = importlib.import_module(SUBCOMMANDS[name])
    if name == "train":   # Qt-free, except `train --record`, which it hands back to us
        return int(module.main(argv, record=_record_training) or 0)
    return int(module.main(argv) or 0)


def _record_training(config, path: str, speed: float) -> int:
    from explorer.classroom.training_record_command import record_training

    return record_training(config, path, speed)


def _list_examples() -> int:
    from explorer.core.document.examples import list_examples

    for key, title in list_examples():
        print(f"{key:20} {title}")
    return 0


def _language_first(argv: list[str]) -> list[str]:
    """`--lang zh_CN trace x.py` as `trace --lang zh_CN x.py`: the editor's option, written
    before the command that takes it too (only trace opens windows)."""
    if argv[:1] == ["--lang"] and argv[2:3] == ["trace"]:
        return [argv[2], *argv[:2], *argv[3:]]
    if argv[:1] and argv[0].startswith("--lang=") and argv[1:2] == ["trace"]:
        return [argv[1], argv[0], *argv[2:]]
    return argv


def main(argv: list[str] | None = None) -> int:
    argv = _language_first(list(sys.argv[1:] if argv is None else argv))
    if argv and argv[0] in SUBCOMMANDS:
        return _subcommand(argv[0], argv[1:])
    args = build_parser().parse_args(argv)
    if args.list_examples:
        return _list_examples()
    if args.file and args.example:
        print(translate("Cli", "Give either a file or --example, not both."), file=sys.stderr)
        return 2
    return run_gui(args)


def prepare_window(args: argparse.Namespace):
    """The main window for `args`: loaded, shown, fitted, and run forward or backward.

    None (the reason printed on stderr) when a headless run cannot load its input.
    """
    from PySide6.QtWidgets import QApplication

    from explorer.main_window import MainWindow

    headless = args.screenshot is not None or args.record is not None
    window = MainWindow(interactive=not headless)
    if args.file or args.example:
        opened = (window.open_example(args.example, ask=False) if args.example
                  else window.open_file(args.file, ask=False))
        if not opened and headless:
            print(f"{args.example or args.file}: {window.last_error}", file=sys.stderr)
            window.close()
            window.deleteLater()
            return None
    window.show()
    QApplication.processEvents()
    window.view.fit_to_view(readable=True)
    if args.run:
        # The engine runs the pass; the animation replays its events to the final state.
        window.evaluate_now()
        window.animator.run_to_end(args.run)
    return window


def run_gui(args: argparse.Namespace) -> int:
    headless = args.screenshot is not None or args.record is not None
    if headless:   # a screenshot or a recording needs no screen (`train --record` does the same)
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    reason = why_no_window()
    if reason is not None:
        return _cannot_open_window(reason, args.lang)
    from explorer import error_report
    from explorer.app import create_application

    app = create_application([sys.argv[0]], args.lang)
    error_report.install(interactive=not headless)   # a slot's error is shown, logged
    window = prepare_window(args)
    if window is None:
        return 1
    if args.record is not None or args.screenshot is not None:
        try:
            if args.record is not None:
                from explorer.classroom.record_command import record

                return record(window, args.record, args.run or "backward")
            return _screenshot(app, window, args.screenshot)
        finally:
            # Called in a running program (a test): a window left behind is restyled by every
            # later change of look, long after its test.
            window.undo_stack.setClean()
            window.close()
            window.deleteLater()
    if not (args.file or args.example) and not window.offer_recovery():
        from explorer.guide.first_run_guide import show_on_first_run

        show_on_first_run(window)   # the guided tour, unless the user turned it off
    return app.exec()


def _cannot_open_window(reason: str, language: str | None) -> int:
    """Say why there is no window and what to do, in the user's language; exit 1, no abort."""
    from PySide6.QtCore import QCoreApplication

    from explorer.language import install_translator, startup_language

    app = QCoreApplication.instance() or QCoreApplication([sys.argv[0]])
    install_translator(app, startup_language(language))
    print(no_window_message(reason), file=sys.stderr)
    return 1


def _screenshot(app, window, path: str) -> int:
    app.processEvents()
    window.view.fit_to_view()
    app.processEvents()
    from explorer.image_file import write_image

    reason = write_image(window.grab(), path)   # a failure keeps any old file whole
    window.undo_stack.setClean()
    window.close()
    if reason is not None:
        print(translate("Cli", "Cannot write the screenshot to {path}.").format(path=path),
              reason, file=sys.stderr)
        return 1
    return 0
