"""Schedules against optax's formulas, transcribed by hand from optax/schedules/_schedule.py (each
``ref_*`` below is optax's function of the count, 0 for the first step), and plain functions of
the step given where a learning rate goes."""
import math

import numpy as np
import pytest

from gdanim import Run, optimizers as O, problems as P, schedules as S
from gdanim.compute.runner import run
from gdanim.core.errors import SceneError

COUNTS = range(0, 60)


def ref_polynomial(init, end, power, steps, begin=0):
    def f(count):
        count = min(max(count - begin, 0), steps)
        frac = 1 - count / steps
        return (init - end) * frac ** power + end
    return f


def ref_exponential(init, transition_steps, decay_rate, begin=0, staircase=False, end=None):
    def f(count):
        dec = count - begin
        p = dec / transition_steps
        if staircase:
            p = math.floor(p)
        v = init if dec <= 0 else init * decay_rate ** p
        if end is not None:
            v = max(v, end) if decay_rate < 1 else min(v, end)
        return v
    return f


def ref_cosine(init, decay_steps, alpha=0.0, exponent=1.0):
    def f(count):
        count = min(count, decay_steps)
        d = 0.5 * (1 + math.cos(math.pi * count / decay_steps))
        return init * ((1 - alpha) * d ** exponent + alpha)
    return f


def ref_join(schedules, boundaries):              # optax.join_schedules
    def f(step):
        out = schedules[0](step)
        for b, s in zip(boundaries, schedules[1:]):
            out = out if step < b else s(step - b)
        return out
    return f


def ref_linear(init, end, steps):
    return ref_polynomial(init, end, 1, steps) if steps > 0 else (lambda count: init)


def ref_warmup_cosine(init, peak, warmup, decay_steps, end=0.0, exponent=1.0):
    alpha = 0.0 if peak == 0 else end / peak
    return ref_join([ref_linear(init, peak, warmup), ref_cosine(peak, decay_steps - warmup, alpha, exponent)], [warmup])


def ref_sgdr(cosine_kwargs):
    boundaries, schedules, step = [], [], 0
    for kw in cosine_kwargs:
        schedules.append(ref_warmup_cosine(**kw))
        boundaries.append(step + kw["decay_steps"])
        step += kw["decay_steps"]
    return ref_join(schedules, boundaries[:-1])


def ref_piecewise_constant(init, boundaries_and_scales):
    def f(count):
        v = init
        for threshold, scale in sorted(boundaries_and_scales.items()):
            indicator = max(0.0, np.sign(threshold - count))
            v = v * indicator + (1 - indicator) * scale * v
        return v
    return f


def ref_cosine_onecycle(steps, peak, pct_start=0.3, div_factor=25.0, final_div_factor=1e4):
    init = peak / div_factor
    bounds = np.array([0, int(pct_start * steps), steps])
    values = np.cumprod([init, div_factor, 1.0 / (div_factor * final_div_factor)])

    def f(count):
        ind = (bounds[:-1] <= count) & (count < bounds[1:])
        pct = (count - bounds[:-1]) / (bounds[1:] - bounds[:-1])
        interp = values[1:] + (values[:-1] - values[1:]) / 2.0 * (np.cos(np.pi * pct) + 1)
        return float(ind.dot(interp) + (bounds[-1] <= count) * values[-1])
    return f


def ref_linear_onecycle(steps, peak, pct_start=0.3, pct_final=0.85, div_factor=25.0, final_div_factor=1e4):
    init = peak / div_factor
    bounds = np.array([0, int(pct_start * steps), int(pct_final * steps), steps])
    values = np.cumprod([init, div_factor, 1.0 / div_factor, 1.0 / final_div_factor])

    def f(count):
        ind = (bounds[:-1] <= count) & (count < bounds[1:])
        pct = (count - bounds[:-1]) / (bounds[1:] - bounds[:-1])
        interp = (values[1:] - values[:-1]) * pct + values[:-1]
        return float(ind.dot(interp) + (bounds[-1] <= count) * values[-1])
    return f


CASES = {
    "exponential": (S.exponential(0.5, decay_rate=0.8, every=7), ref_exponential(0.5, 7, 0.8)),
    "exponential staircase, begin, end": (S.exponential(0.5, 0.5, every=5, begin=3, staircase=True, end=0.05),
                                          ref_exponential(0.5, 5, 0.5, 3, True, 0.05)),
    "exponential growing to an end": (S.exponential(0.01, 1.1, end=0.05), ref_exponential(0.01, 1, 1.1, end=0.05)),
    "polynomial": (S.polynomial(1.0, 0.01, power=2, steps=40, begin=5), ref_polynomial(1.0, 0.01, 2, 40, 5)),
    "cosine": (S.cosine(0.3, 50, alpha=0.1, exponent=2.0), ref_cosine(0.3, 50, 0.1, 2.0)),
    "cosine with restarts (sgdr)": (S.cosine(0.3, 12, alpha=0.1, restarts=3),
                                    ref_sgdr([dict(init=0.3, peak=0.3, warmup=0, decay_steps=12, end=0.03)] * 4)),
    "cosine, restarts growing": (S.cosine(0.2, 5, restarts=2, mult=2),
                                 ref_sgdr([dict(init=0.2, peak=0.2, warmup=0, decay_steps=d) for d in (5, 10, 20)])),
    "warm-up, cosine": (S.warmup(10, S.cosine(0.4, 30, alpha=0.25), init=0.01),
                        ref_warmup_cosine(0.01, 0.4, 10, 40, end=0.1)),
    "one-cycle": (S.one_cycle(50, 0.8), ref_cosine_onecycle(50, 0.8)),
    "one-cycle, linear": (S.one_cycle(50, 0.8, pct_start=0.2, shape="linear", pct_final=0.7),
                          ref_linear_onecycle(50, 0.8, 0.2, 0.7)),
    "piecewise constant": (S.piecewise_constant(0.5, {10: 0.1, 25: 0.5}), ref_piecewise_constant(0.5, {10: 0.1, 25: 0.5})),
}


@pytest.mark.parametrize("name", CASES)
def test_schedules_follow_optax_on_its_count(name):
    ours, ref = CASES[name]
    for count in COUNTS:
        assert ours.at(count) == pytest.approx(ref(count), rel=1e-12, abs=1e-15), count
        assert ours(count + 1) == ours.at(count)           # the runner's step t is the count + 1


def test_the_runner_records_the_rate_of_each_step_from_count_0():
    sched = S.warmup(3, S.exponential(0.2, 0.5))
    t = run(P.parabola, Run("w", O.gd(sched), start=1.0, steps=6))
    np.testing.assert_allclose(t.lr[1:], [0, 0.2 / 3, 0.4 / 3, 0.2, 0.1, 0.05], rtol=1e-12)
    w = 1.0
    for k in range(6):
        w -= sched.at(k) * 2 * w
    assert t.params[-1, 0] == pytest.approx(w, rel=1e-12)


def test_warmup_composes_with_any_schedule_a_number_or_a_function():
    assert S.warmup(2, 0.4).at(1) == pytest.approx(0.2) and S.warmup(2, 0.4).at(5) == 0.4
    w = S.warmup(4, S.inverse_time(1.0))                  # gdanim's own numbering, t = count + 1
    assert [w.at(k) for k in (0, 2, 4, 5)] == [0, 0.5, 1.0, 0.5]
    f = S.warmup(2, lambda k: 1 / (k + 1))
    assert [f.at(k) for k in (0, 1, 2, 3)] == [0, 0.5, 1.0, 0.5]


def test_inverse_sqrt():
    s = S.inverse_sqrt(2.0)
    assert [s(t) for t in (1, 4, 16)] == [2.0, 1.0, 0.5] and s.at(3) == 1.0
    assert str(s) == "2/√t"


def test_a_plain_function_of_the_count_is_a_learning_rate_wherever_one_goes():
    def decay(k):
        return 0.4 / (1 + k)
    for opt in (O.gd(decay), O.momentum(decay, beta=0.5), O.adam(decay)):
        t = run(P.parabola, Run("f", opt, start=1.0, steps=4))
        np.testing.assert_allclose(t.lr[1:], [0.4, 0.2, 0.4 / 3, 0.1], rtol=1e-12)
    t = run(P.parabola, Run("f", O.gd(decay), start=1.0, steps=3))
    w = 1.0
    for k in range(3):
        w -= decay(k) * 2 * w
    assert t.params[-1, 0] == pytest.approx(w, rel=1e-15)
    assert O.gd(decay).describe() == "GD, lr decay(k)"
    assert O.gd(lambda k: 0.1).describe() == "GD, lr a function of the step"
    assert O.gd(np.float64(0.1)).lr(1) == 0.1


@pytest.mark.parametrize("make, said", [
    (lambda: O.gd(lambda: 0.1), r"learning rate: the function <lambda> must take one argument, the step count"),
    (lambda: O.gd(lambda k: -0.1), r"learning rate the function\(0\) must be a number >= 0, got -0\.1"),
    (lambda: O.gd(lambda k: "fast"), r"learning rate the function\(0\) must be a number, got 'fast'"),
    (lambda: O.gd(lambda k: 1 / k), r"learning rate the function\(0\) raised ZeroDivisionError"),
    (lambda: O.gd(S.cosine), r"got the class cosine itself: call it, cosine\(\.\.\.\)"),
    (lambda: O.gd(O.adam), r"got gdanim's adam"),
    (lambda: S.exponential(0.1, decay_rate=0), r"decay_rate must be a positive number, got 0"),
    (lambda: S.polynomial(1.0, 0.1, power=1, steps=0), r"steps must be at least 1, got 0"),
    (lambda: S.cosine(0.1, 10, alpha=2), r"alpha \(the final fraction of lr\) must be at most 1, got 2"),
    (lambda: S.cosine(0.1, 10, restarts=-1), r"restarts must be at least 0, got -1"),
    (lambda: S.warmup(0, 0.1), r"warm-up steps must be at least 1, got 0"),
    (lambda: S.warmup(3, "fast"), r"warm-up's then must be a positive number, got 'fast'"),
    (lambda: S.one_cycle(10, 0.1, pct_start=0.05), r"pct_start × steps must be at least 1 step"),
    (lambda: S.one_cycle(10, 0.1, shape="saw"), r"unknown one-cycle shape 'saw'"),
    (lambda: S.one_cycle(10, 0.1, shape="linear", pct_final=0.2), r"pct_final must come after pct_start"),
    (lambda: S.piecewise_constant(0.1, {10: -1}), r"the scale at 10 must be a positive number, got -1"),
    (lambda: S.piecewise_constant(0.1, [1, 2]), r"boundaries must be a dict \{count: scale\}, got \[1, 2\]"),
    (lambda: S.exponential(0.1, 0.5, staircase=1), r"staircase must be True or False"),
])
def test_schedule_mistakes_are_one_line_declaration_errors(make, said):
    with pytest.raises(SceneError, match=said):
        make()


def test_a_function_that_goes_wrong_later_stops_the_run_with_its_step():
    with pytest.raises(SceneError, match=r"run 'f', step 3: learning rate the function\(2\) must be a number >= 0, got -0\.1$"):
        run(P.parabola, Run("f", O.gd(lambda k: 0.1 - 0.1 * k), start=1.0, steps=5))
