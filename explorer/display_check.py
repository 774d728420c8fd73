"""Before the window: can Qt open one here? Without a display, or without the system libraries
Qt's X11 (xcb) plugin loads, Qt prints a raw plugin message and aborts the interpreter (exit
134, a core dump); we say instead which packages to install and which commands need no window.

Only Qt Core is imported here: `run` and `train` never load QtGui or QtWidgets.
"""
from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from explorer.core.i18n import translate

# Platforms that need no display server (tests and --screenshot use offscreen).
WINDOWLESS_PLATFORMS = ("offscreen", "minimal", "minimalegl", "vnc", "linuxfb", "eglfs",
                        "vkkhrdisplay")
# The Debian/Ubuntu packages the xcb plugin and Qt's GUI libraries load, for the message.
SYSTEM_PACKAGES = ("libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-image0",
                   "libxcb-render-util0", "libxcb-randr0", "libxcb-shape0", "libxcb-xfixes0",
                   "libxcb-xkb1", "libxkbcommon-x11-0", "libxkbcommon0", "libegl1", "libgl1",
                   "libfontconfig1", "libdbus-1-3")


def why_no_window(environ: Mapping[str, str] | None = None) -> str | None:
    """None when Qt can open a window; else the reason, one line (untranslated system text)."""
    environ = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return None
    platform = environ.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0].strip()
    if platform in WINDOWLESS_PLATFORMS:
        return None
    if platform.startswith("wayland") or (not platform and environ.get("WAYLAND_DISPLAY")):
        return None   # Qt falls back to xcb by itself where Wayland fails
    if not environ.get("DISPLAY"):
        return "no display: neither DISPLAY nor WAYLAND_DISPLAY is set"
    return xcb_plugin_error() or xcb_connection_error()


def xcb_plugin_error() -> str | None:
    """Why Qt's xcb plugin cannot be loaded (a missing system library), or None."""
    plugin = _plugins_dir() / "platforms" / "libqxcb.so"
    if not plugin.is_file():
        return None   # a Qt built differently: let Qt itself decide
    try:
        ctypes.CDLL(str(plugin))
    except OSError as exc:
        return str(exc)
    return None


def xcb_connection_error() -> str | None:
    """Why no connection to the X server in DISPLAY can be made (Qt's own first step), or None."""
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError as exc:
        return str(exc)
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(None, None)
    failed = xcb.xcb_connection_has_error(connection)
    xcb.xcb_disconnect(connection)
    if failed:
        return f"cannot connect to the X server DISPLAY={os.environ.get('DISPLAY', '')}"
    return None


def _plugins_dir() -> Path:
    from PySide6.QtCore import QLibraryInfo

    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))


def no_window_message(reason: str) -> str:
    """What to tell a user whose machine cannot show the window: the cause, the packages, and
    the commands that work without a window."""
    return translate("DisplayCheck", "autograd-explorer cannot open its window: {reason}.\n\n"
                     "On a desktop, install the system libraries Qt needs (Debian/Ubuntu):\n"
                     "    sudo apt-get install {packages}\n\n"
                     "Without a screen, these commands work:\n"
                     "    autograd-explorer run diamond\n"
                     "    autograd-explorer train --steps 2000\n"
                     "    QT_QPA_PLATFORM=offscreen autograd-explorer --example diamond "
                     "--run backward --screenshot out.png").format(
        reason=reason, packages=" ".join(SYSTEM_PACKAGES))
