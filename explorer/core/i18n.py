"""Translation hook of the Qt-free core: every user-visible text outside QObject subclasses goes
through `translate`. The core never imports Qt; the Qt layer (explorer/language.py) installs
QCoreApplication.translate here when it installs a language. Until then text stays English."""
from __future__ import annotations

from collections.abc import Callable

LANGUAGES = ("en", "zh_CN")
# Each language is offered under its own name, so that anyone can find their way back.
LANGUAGE_NAMES = {"en": "English", "zh_CN": "简体中文"}


def _english(context: str, text: str) -> str:
    return text


_translate: Callable[[str, str], str] = _english
_current = "en"


def install_translation(translate_function: Callable[[str, str], str], language: str) -> None:
    """Route `translate` through `translate_function` (Qt's), now speaking `language`."""
    global _translate, _current
    _translate = translate_function
    _current = language


def translate(context: str, text: str) -> str:
    """The translation of `text`; both arguments must be literals so that pyside6-lupdate, which
    recognises calls named `translate(context, text)`, finds them."""
    return _translate(context, text)


def translate_data(context: str, text: str) -> str:
    """The translation of a text read from a data file (an example's title): the extractor never
    sees such text, so its English is registered with QT_TRANSLATE_NOOP in the source (see
    explorer/guide/example_texts.py); unregistered text comes back unchanged."""
    return _translate(context, text)


def current_language() -> str:
    """The language the Qt layer last installed ("en" before any)."""
    return _current
