"""Training points from a CSV file of x,y rows: the good rows kept, each bad row reported with its
line number, nothing raised for bad content."""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

from explorer.core.i18n import translate

MAX_POINTS = 100_000
MAX_BYTES = 20_000_000


class PointsError(ValueError):
    """The file gives no usable points; the message is translated and says why."""


@dataclass(frozen=True)
class Points:
    """The x,y points that were read (sorted by x, so the fit draws as a curve) and the
    bad rows as (line number, reason)."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    bad_rows: tuple[tuple[int, str], ...]

    def report(self, limit: int = 5) -> str:
        """The bad rows, for the user: the first `limit` of them and how many more."""
        lines = [
            translate("TrainingPoints", "line {line}: {reason}").format(line=line, reason=reason)
            for line, reason in self.bad_rows[:limit]
        ]
        if len(self.bad_rows) > limit:
            lines.append(
                translate("TrainingPoints", "and {count} more bad rows").format(
                    count=len(self.bad_rows) - limit
                )
            )
        return "\n".join(lines)


def load_points(path: str | Path) -> Points:
    """Read `path` (UTF-8); raise PointsError when it cannot be read or holds under 2 points."""
    try:
        size = Path(path).stat().st_size
        if size > MAX_BYTES:
            raise PointsError(
                translate("TrainingPoints", "{file} is larger than {size} MB.").format(
                    file=path, size=MAX_BYTES // 1_000_000
                )
            )
        text = Path(path).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PointsError(
            translate("TrainingPoints", "{file} is not UTF-8 text (byte {offset}).").format(
                file=path, offset=exc.start
            )
        ) from None
    except OSError as exc:
        raise PointsError(
            translate("TrainingPoints", "{file} cannot be read: {reason}").format(
                file=path, reason=exc.strerror or exc
            )
        ) from None
    return parse_points(text)


def parse_points(text: str) -> Points:
    """Rows `x,y`; blank lines and # comments are skipped, and a first row of names is a header.
    Raise PointsError when fewer than 2 good rows remain."""
    rows: list[tuple[float, float]] = []
    bad: list[tuple[int, str]] = []
    first = True  # only the first row can be a header
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        try:
            fields = next(csv.reader([stripped.replace("\0", "\ufffd")]), [])
        except csv.Error as exc:
            bad.append((number, str(exc)))
            continue
        point, reason = _point(fields)
        header, first = first and _is_header(fields), False
        if point is None:
            if header:
                continue
            bad.append((number, reason))
        elif len(rows) >= MAX_POINTS:
            bad.append(
                (number, translate("TrainingPoints", "more than {count} points").format(
                    count=MAX_POINTS
                ))
            )
        else:
            rows.append(point)
    if len(rows) < 2:
        message = translate(
            "TrainingPoints", "The file has {count} usable x,y rows; training needs at least 2."
        ).format(count=len(rows))
        report = Points((), (), tuple(bad)).report()
        raise PointsError(message + ("\n" + report if report else ""))
    rows.sort()
    return Points(tuple(x for x, _ in rows), tuple(y for _, y in rows), tuple(bad))


def _point(fields: list[str]) -> tuple[tuple[float, float] | None, str]:
    if len(fields) != 2:
        return None, translate("TrainingPoints", "{count} values, not 2 (x,y)").format(
            count=len(fields)
        )
    values = []
    for field in fields:
        try:
            value = float(field.strip())
        except ValueError:
            return None, translate("TrainingPoints", "{text} is not a number").format(
                text=repr(field.strip()[:40])
            )
        if not math.isfinite(value):
            return None, translate("TrainingPoints", "{text} is not a finite number").format(
                text=field.strip()
            )
        values.append(value)
    return (values[0], values[1]), ""


def _is_header(fields: list[str]) -> bool:
    return len(fields) == 2 and all(field.strip().isidentifier() for field in fields)
