"""Why a name is unknown, when a likely cause can be seen: a letter from another alphabet that
looks Latin (`tоrch` with a Cyrillic о), or a float spelled as a bare name (`nan`, `inf`).

The expression bar turns an unknown name into a new input; these names are refused instead,
with the hint, since the user almost certainly meant something else.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from explorer.core.i18n import translate

# Cyrillic and Greek letters drawn like Latin ones (Unicode's confusables, the common subset).
LOOKALIKES = str.maketrans({
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j",
    "ѕ": "s", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ɡ": "g",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S",
    "ο": "o", "α": "a", "ν": "v", "ι": "i", "κ": "k", "ρ": "p", "τ": "t", "υ": "u",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
})
FLOAT_NAMES = {"nan": "nan", "NaN": "nan", "inf": "inf", "Inf": "inf", "infinity": "inf"}
MODULE_NAMES = ("torch", "math", "F", "nn")


def name_hint(name: str, known: Iterable[str]) -> str | None:
    """A sentence that follows "name 'x' is not defined.", or None when nothing stands out."""
    if name in FLOAT_NAMES:
        return translate("NameHints", "For a float, write float('{value}') or math.{value}.") \
            .format(value=FLOAT_NAMES[name])
    latin = name.translate(LOOKALIKES)
    if latin == name or not latin.isascii():
        return None
    if latin not in set(known) | set(MODULE_NAMES):
        return None
    letter = next(c for c in name if not c.isascii())
    return translate("NameHints", "It looks like {latin!r} but contains {letter!r} ({code}), a "
                     "letter from another alphabet.").format(
                         latin=latin, letter=letter,
                         code=f"U+{ord(letter):04X} {unicodedata.name(letter, '')}".strip())
