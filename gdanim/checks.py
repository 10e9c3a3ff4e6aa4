"""Small validators used by scene declarations; each raises SceneError naming the field."""
from __future__ import annotations

import difflib
import math
import numbers

import numpy as np

from .errors import SceneError

MAX_STEPS = 100_000


def positive_number(value, field: str, allow_zero: bool = False) -> float:
    """A finite real number > 0 (or >= 0), else a SceneError that names ``field``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise SceneError(f"{field} must be a positive number, got {value!r}")
    value = float(value)
    if math.isnan(value) or math.isinf(value):
        raise SceneError(f"{field} must be a finite positive number, got {value!r}")
    if value < 0 or (value == 0 and not allow_zero):
        bound = "a number >= 0" if allow_zero else "a positive number"
        raise SceneError(f"{field} must be {bound}, got {value!r}")
    return value


def fraction(value, field: str) -> float:
    """A number in [0, 1)."""
    value = positive_number(value, field, allow_zero=True)
    if value >= 1:
        raise SceneError(f"{field} must be in [0, 1), got {value!r}")
    return value


def count(value, field: str, minimum: int = 0, maximum: int = MAX_STEPS) -> int:
    """A whole number in [minimum, maximum]."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise SceneError(f"{field} must be a whole number, got {value!r}")
    value = int(value)
    if value < minimum:
        raise SceneError(f"{field} must be at least {minimum}, got {value}")
    if value > maximum:
        raise SceneError(f"{field} must be at most {maximum:,}, got {value:,} (gdanim caps it to keep renders finite)")
    return value


def vector(value, field: str, length: int | None = None) -> tuple[float, ...]:
    """A tuple of finite floats, of a given length when ``length`` is set."""
    try:
        arr = np.asarray(value, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        raise SceneError(f"{field} must be a list of numbers, got {value!r}") from None
    if not np.all(np.isfinite(arr)):
        raise SceneError(f"{field} must contain finite numbers, got {value!r}")
    if length is not None and arr.size != length:
        raise SceneError(f"{field} must have {length} number{'s' if length != 1 else ''} "
                         f"(one per parameter), got {arr.size}")
    return tuple(float(v) for v in arr)


def interval(value, field: str) -> tuple[float, float] | None:
    """None or a (low, high) pair with low < high."""
    if value is None:
        return None
    lo, hi = vector(value, field, 2)
    if not lo < hi:
        raise SceneError(f"{field} must be (low, high) with low < high, got {value!r}")
    return lo, hi


def choice(value, field: str, options) -> str:
    """One of ``options``; the error suggests the closest valid one."""
    options = list(options)
    if value in options:
        return value
    raise SceneError(f"unknown {field} {value!r}{suggest(str(value), options)}")


def suggest(name: str, options) -> str:
    """' (did you mean X?)' for the closest option, plus the valid choices."""
    options = sorted(options)
    close = difflib.get_close_matches(name, options, n=1, cutoff=0.5)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{hint} (valid: {', '.join(options)})"


def instance(value, field: str, kind, what: str):
    if not isinstance(value, kind):
        raise SceneError(f"{field} must be {what}, got {type(value).__name__} {value!r}")
    return value
