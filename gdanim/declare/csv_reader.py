"""The CSV reader of ``data.Table``: numeric columns by header name, parsed (never evaluated) row
by row into one array of floats; every problem is a DataError naming the file and the line."""
from __future__ import annotations

import csv
import math
import re
from array import array
from pathlib import Path

import numpy as np

from gdanim.declare import checks
from gdanim.declare.dataset import MAX_N
from gdanim.core.errors import DataError

# a number as a data file writes it: ASCII digits, a point, an exponent (float() also takes 1_000
# and other scripts' digits)
NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", re.ASCII)
MAX_ROWS = MAX_N            # as many as a generator draws (n): beyond, a sample shows the same


def read_csv(path, features, target) -> tuple[np.ndarray, np.ndarray]:
    """Read numeric columns by header name; every problem is a DataError naming file and line (the
    line a row starts on, a quoted cell's line breaks counted). Rows are parsed as they are read,
    into one array of floats: a million rows of two numbers take 16 MB, not a list of strings."""
    path = Path(path)
    if not path.is_file():
        raise DataError("data file not found" if not path.exists() else "data path is not a file", str(path))
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:     # -sig: Excel's "CSV UTF-8" starts with a BOM
            reader = csv.reader(fh)
            header = next(reader, None)
            if header is None:
                raise DataError("data file is empty", str(path))
            header = [h.strip() for h in header]
            cols = columns(header, [*features, target], path)
            values, rows = read_rows(reader, header, cols, path)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DataError(f"cannot read data file: {exc}", str(path)) from None
    if not rows:
        raise DataError("data file has a header but no rows", str(path))
    arr = np.frombuffer(values, dtype=float).reshape(rows, len(cols))
    return arr[:, :-1], arr[:, -1]


def columns(header: list[str], wanted: list[str], path: Path) -> list[int]:
    """The header's index of each wanted column; a DataError on line 1 for one it lacks."""
    for name in wanted:
        if name not in header:
            other = next((sep for sep in ";\t|" if len(header) == 1 and sep in header[0]), None)
            if other is not None:
                raise DataError(f"no column {name!r}: the header is one column, {header[0]!r}; the file seems to be "
                                f"separated by {other!r}, and gdanim reads commas: save it as comma-separated",
                                str(path), 1)
            raise DataError(f"no column {name!r}{checks.suggest(name, header)}", str(path), 1)
    return [header.index(name) for name in wanted]


def read_rows(reader, header: list[str], cols: list[int], path: Path) -> tuple[array, int]:
    """The ``cols`` of every row after the header, as floats one after the other, and how many
    rows; blank rows are skipped. ``reader.line_num`` is the line a row ends on, so a row starts
    one after where the one before it ended."""
    values, rows, lineno = array("d"), 0, reader.line_num + 1
    for row in reader:
        if row and any(c.strip() for c in row):
            if len(row) != len(header):
                raise DataError(f"row has {len(row)} cells, the header has {len(header)}", str(path), lineno)
            if rows == MAX_ROWS:
                raise DataError(f"data file has more than {MAX_ROWS:,} rows, the most gdanim reads (as many as a "
                                f"generator draws): use a sample of them", str(path), lineno)
            values.extend(number(row[c].strip(), header[c], path, lineno) for c in cols)
            rows += 1
        lineno = reader.line_num + 1
    return values, rows


def number(cell: str, column: str, path: Path, lineno: int) -> float:
    """The finite number ``cell`` writes, as a data file writes numbers, else a DataError."""
    try:
        v = float(cell)
        if not NUMBER.fullmatch(cell) and math.isfinite(v):     # 1_000, ١٢: Python's, not a CSV's
            raise ValueError
    except ValueError:
        hint = (" (digits grouped with _ are Python's way, not a data file's: write 1000)" if "_" in cell
                else " (digits are 0-9)" if not cell.isascii() else "")
        raise DataError(f"column {column!r}: {cell!r} is not a number{hint}", str(path), lineno) from None
    if not math.isfinite(v):
        raise DataError(f"column {column!r}: {cell!r} is not a finite number", str(path), lineno)
    return v
