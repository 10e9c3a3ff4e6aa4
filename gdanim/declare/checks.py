"""Small validators used by scene declarations; each raises SceneError naming the field."""
from __future__ import annotations

import difflib
import functools
import math
import numbers
import re

import numpy as np

from gdanim.core.errors import SceneError

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


def number(value, field: str, what: str = "a number") -> float:
    """A finite real number (``what`` names it in the error: "a number of degrees")."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise SceneError(f"{field} must be {what}, got {value!r}")
    value = float(value)
    if not math.isfinite(value):
        raise SceneError(f"{field} must be a finite {what.removeprefix('a ')}, got {value!r}")
    return value


def elevation(value, field: str) -> float:
    """A camera's elevation in degrees, -90 (from straight below) to 90 (from straight above):
    beyond, matplotlib turns the view upside down, the same view as an elevation within."""
    value = number(value, field, "a number of degrees")
    if not -90 <= value <= 90:
        raise SceneError(f"{field} must be between -90 and 90 degrees (90: from straight above, "
                         f"-90: from straight below), got {value:g}")
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
    close = difflib.get_close_matches(name, options, n=3, cutoff=0.5)
    close.sort(key=lambda option: typos(name, option))          # stable: difflib's order breaks ties
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{hint} (valid: {', '.join(options)})"


def typos(a: str, b: str) -> int:
    """Edits from a to b, a swap of two neighbours counting as one (optimal string alignment), so that
    'adma' is one typo from 'adam' and two from 'adamax'.

    >>> typos("adma", "adam"), typos("adma", "adamax")
    (1, 2)
    """
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


def instance(value, field: str, kind, what: str):
    if not isinstance(value, kind):
        if isinstance(value, type) and issubclass(value, kind):       # problems.Rosenbrock, not called
            raise SceneError(f"{field} must be {what}, got the class {value.__name__} itself: "
                             f"call it, {value.__name__}(...)")
        if makes(value, kind):                                       # optimizers.gd, not gd(0.1)
            name = f"{value.__module__.rsplit('.', 1)[-1]}.{value.__name__}"
            raise SceneError(f"{field} must be {what}, got the function {name} itself: call it, {name}(...)")
        import inspect
        if isinstance(value, type):                                # another class, given uncalled
            raise SceneError(f"{field} must be {what}, got the class {value.__name__}")
        if inspect.isfunction(value):
            own = kind.__name__ == "Problem" and not value.__module__.startswith("gdanim.")
            hint = ": a loss of your own is problems.Function(f, dim=...)" if own else ""   # the lecturer's loss
            raise SceneError(f"{field} must be {what}, got the function {value.__name__}{hint}")
        raise SceneError(f"{field} must be {what}, got {type(value).__name__} {value!r}")
    return value


def makes(value, kind: type) -> bool:
    """Is ``value`` one of gdanim's functions that return a ``kind`` (``optimizers.gd`` for an
    Optimizer), by its declared return type?"""
    import inspect
    if not inspect.isfunction(value) or not value.__module__.startswith("gdanim."):
        return False
    returns = inspect.signature(value, eval_str=False).return_annotation
    return getattr(returns, "__name__", returns) == kind.__name__


MAX_PIXELS = 20_000_000        # 20 Mpx: 4K video is 8.3, a 16:9 figure at 300 dpi 8.3


def pixel_budget(width_in: float, height_in: float, dpi: float) -> None:
    """A figure of this size and dpi must fit the pixel budget; checked before anything is drawn."""
    w, h = round(width_in * dpi), round(height_in * dpi)
    if w * h > MAX_PIXELS:
        raise SceneError(f"a figure of {width_in:g} × {height_in:g} in at {dpi:g} dpi is {w} × {h} px "
                         f"({w * h / 1e6:.1f} Mpx); the limit is {MAX_PIXELS / 1e6:g} Mpx: lower the dpi or the size")


def color(value, field: str) -> str:
    """A colour matplotlib accepts ('C1', '#0072B2', 'tab:blue', (r, g, b)); matplotlib.colors is
    imported only when a scene names a colour."""
    from matplotlib.colors import is_color_like
    if isinstance(value, bool) or not is_color_like(value):
        raise SceneError(f"{field} {value!r} is not a colour (use a name such as 'tab:red', '#0072B2' or (r, g, b))")
    return value


def levels(value, field: str = "levels"):
    """A number of contour levels (1 to 200), or the levels themselves: finite and increasing."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return count(value, field, 1, 200)
    vals = vector(value, field)
    if not vals or any(b <= a for a, b in zip(vals, vals[1:])):
        raise SceneError(f"{field} must be a number of levels or increasing numbers, got {value!r}")
    return vals


def text(value, field: str, written: bool = True) -> str:
    """A string that matplotlib can draw: where it holds math ($…$ pairs), the math is parsed now
    by matplotlib's own parser (imported only then), not when the figure is drawn. ``written``:
    typed in a scene file, where a control character is a backslash escape gone wrong and a lone
    $ a mistake (a name read from a data file may hold a tab or a "price ($)")."""
    instance(value, field, str, "a string")
    control = [c for c in value if ord(c) < 32 and c != "\n"] if written else []
    if control:
        escape = {"\t": "\\t", "\f": "\\f", "\b": "\\b", "\a": "\\a", "\v": "\\v", "\r": "\\r"}.get(control[0])
        hint = (f" ({escape} in the source: in a Python string a backslash starts an escape, so write it as a raw "
                f"string, r'...')" if escape else "")
        raise SceneError(f"{field} {value!r} holds a control character{hint}")
    plain(value, field)
    dollars = value.count("$") - value.count(r"\$")
    if dollars % 2 and written:
        raise SceneError(f"{field} {value!r} has an unmatched $: math goes between two, and a dollar sign "
                         f"itself is written \\$")
    if written and broken_escape(value):
        raise SceneError(f"{field} {value!r} has a line break inside its math ($…$): \\n in the source, as in "
                         f"\\nabla, starts an escape in a Python string, so write it as a raw string, r'...'")
    if dollars >= 2:
        from matplotlib import cbook
        from matplotlib.mathtext import MathTextParser
        for line in value.split("\n"):        # matplotlib draws each line of a text by itself
            if cbook.is_math_text(line):
                try:
                    MathTextParser("path").parse(line)
                except ValueError as exc:
                    what = " ".join(str(exc).split())
                    raise SceneError(f"{field} {value!r}: matplotlib cannot read its math ($…$): {what}") from None
    return value


def plain(value: str, field: str) -> str:
    """No terminal control (ESC, DEL, the C1 codes: an OSC or CSI sequence would act on the
    terminal of whoever runs ``gdanim list``, and on alt.txt's reader) and no lone surrogate
    (which no file, terminal or slide can encode) in a text; a tab or a line break may be there."""
    for c in value:
        code = ord(c)
        if 0xD800 <= code <= 0xDFFF:
            raise SceneError(f"{field} {ascii(value)} holds a lone surrogate ({ascii(c)}), which is not a character: "
                             f"no file, terminal or slide can hold it")
        if (code < 32 and c not in "\t\n") or 127 <= code < 160:
            raise SceneError(f"{field} {ascii(value)} holds a control character ({ascii(c)}): gdanim writes texts into "
                             f"terminals, pages and slides, where it would act, not show")
    return value


def prose(value, field: str, what: str = "a string") -> str:
    """A description or source: a string, plain (see ``plain``)."""
    instance(value, field, str, what)
    return plain(value, field)


def broken_escape(value: str) -> bool:
    """Does a line break inside $…$ start what would be a TeX name with its n (\\nabla, \\nu, \\neq
    written without r'')? "price $5\\nand $6" is two lines of plain text, not that. Only a text with
    both asks matplotlib's names: loading a scene imports no matplotlib."""
    if "$" not in value or "\n" not in value:
        return False
    for math in re.split(r"(?<!\\)\$", value)[1::2]:
        for after in re.findall(r"\n([A-Za-z]+)", math):
            if "n" + after in tex_names_with_n():
                return True
    return False


@functools.cache
def tex_names_with_n() -> frozenset:
    """mathtext's symbol names that start with n (nabla, nu, neq, …), gathered once."""
    try:
        from gdanim.core.compat import tex2uni               # mathtext's symbol names
    except ImportError:
        tex2uni = {}
    return frozenset({n for n in tex2uni if n.startswith("n")} | {"nabla", "neq", "nu", "not", "ne", "newline"})


def colormap(value, field: str) -> str:
    """The name of a matplotlib colormap ('viridis', 'coolwarm', 'plasma_r')."""
    instance(value, field, str, "a colormap name such as 'viridis'")
    from matplotlib import colormaps
    if value not in colormaps:
        raise SceneError(f"{field}: no colormap {value!r}{suggest(value, list(colormaps))}")
    return value


def accepts(owner: type, method: str, count: int) -> bool:
    """Can ``owner.method`` be called, on an instance, with ``count`` positional arguments? (A
    staticmethod or classmethod is read as it is called; a signature that cannot be read passes.)

    >>> class W:
    ...     def grab(self, shot): ...
    ...     @staticmethod
    ...     def make(job): ...
    >>> accepts(W, "grab", 1), accepts(W, "grab", 2), accepts(W, "make", 1)
    (True, False, True)
    """
    import inspect
    raw = inspect.getattr_static(owner, method)
    bound = isinstance(raw, (staticmethod, classmethod))
    try:
        inspect.signature(getattr(owner, method)).bind(*[None] * (count + (not bound)))
    except TypeError:
        return False
    except ValueError:
        pass
    return True


def takes(owner: type, method: str, params: str, count: int | None = None, said_of: str = "") -> None:
    """A SceneError unless ``owner.method`` takes ``params`` after self (``count`` of them, where
    some have defaults gdanim leaves out), as gdanim calls it; ``said_of`` begins the message
    ("format 'x': "). Plug-ins' mistakes are said where their file loads, not while a frame is drawn."""
    if not accepts(owner, method, len([p for p in params.split(", ") if p]) if count is None else count):
        raise SceneError(f"{said_of}{owner.__name__}.{method} must take (self{', ' if params else ''}{params}), "
                         f"as gdanim calls it")


def gdanims(cls: type) -> bool:
    """Is ``cls`` gdanim's own (a built-in view, painter or format), not a plug-in's?"""
    return cls.__module__.startswith("gdanim.")

