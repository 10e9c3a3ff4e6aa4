"""Views rendered small on Agg: pixels where the trajectory is, frames that change, stills that
match the last frame, vector PDFs with embedded fonts, GIF timing, MP4 encoding, same bytes twice."""
import re
import subprocess
import warnings

import matplotlib
import numpy as np
import pytest
from matplotlib.colors import to_rgb
from PIL import Image

from gdanim import Run, Scene, Timing, data, optimizers as O, problems as P, views as V
from gdanim.rendering.scene_figure import SceneFigure
from gdanim.rendering.frame_pass import FramePass
from gdanim.rendering.renderer import render_scene, trajectories_of
from gdanim.declare.style import THEMES, rc

SMALL = dict(size=(4.8, 2.7), dpi=60, timing=Timing(fps=10, hold_first=0, hold_last=0))
QUAD2 = [Run("GD", O.gd(0.9), start=(-4, -2), steps=8), Run("mom", O.momentum(0.9, 0.3), start=(-4, 3), steps=8)]
LINE = P.LinearRegression(data.Linear(n=30, coef=[3], intercept=2, sigma=0.3, seed=0), gradient="half")
SINE = P.SineRegression(data.Sine(seed=42))


def draw(scene, steps, texts=True):
    """The figure and frames (step -> RGB array) drawn by the renderer's own frame pass.
    ``texts=False`` hides the status lines ("step 3 · loss 0.12", the figure's step counter),
    which change in every frame: what then differs between frames is what moved."""
    trajs = trajectories_of(scene)
    with matplotlib.rc_context(rc(THEMES[scene.theme], scene.font_size)):
        built = SceneFigure(scene, trajs, scene.dpi)
        if not texts:
            hide_status(built)
        built.freeze_layout()
        fp = FramePass(built)
        frames = {s: fp.draw(s, i) for i, s in enumerate(steps)}
    return built, trajs, frames


def hide_status(built):
    for text in [built.step_text, *(getattr(p, "info", None) for p in built.painters)]:
        if text is not None:
            text.set_visible(False)


def moved(a, b, ax, inset=3) -> int:
    """How many pixels inside ``ax`` (its frame and ticks left out) differ between frames a and b."""
    h = a.shape[0]
    box = ax.get_window_extent()
    rows = slice(int(h - box.y1) + inset, int(h - box.y0) - inset)
    cols = slice(int(box.x0) + inset, int(box.x1) - inset)
    return int(np.any(a[rows, cols] != b[rows, cols], axis=-1).sum())


def near(frame, ax, xy, color, radius=3, tol=60):
    """Is there a pixel of roughly ``color`` within ``radius`` px of data point ``xy``?"""
    h = frame.shape[0]
    px, py = ax.transData.transform(xy)
    r, c = int(round(h - py)), int(round(px))
    patch = frame[max(r - radius, 0): r + radius + 1, max(c - radius, 0): c + radius + 1].astype(float)
    target = np.array(to_rgb(color)) * 255
    return np.min(np.linalg.norm(patch - target, axis=-1)) < tol


def test_contours_path_colours_sit_on_the_trajectory_and_grow():
    scene = Scene("t", problem=P.ill_conditioned, runs=QUAD2, views=[V.Contours(xlim=(-5, 5), ylim=(-5, 5))], **SMALL)
    built, trajs, frames = draw(scene, [0, 3, 8], texts=False)
    ax = built.painters[0].ax
    colors = THEMES["light"].palette
    for (label, traj), color in zip(trajs.items(), colors):
        for step in (3, 8):
            assert near(frames[step], ax, traj.params[step], color), (label, step)
        assert not near(frames[0], ax, traj.params[3], color, radius=1, tol=30)
    ax = built.painters[0].ax
    assert moved(frames[0], frames[3], ax) > 20 and moved(frames[3], frames[8], ax) > 20


def test_curve1d_iterates_are_red_dots_on_the_parabola():
    scene = Scene("t", problem=P.parabola, runs=[Run("lr", O.gd(1.08), start=2, steps=5)],
                  views=[V.Curve1D(xlim=(-10, 10))], **SMALL)
    built, trajs, frames = draw(scene, [1, 5])
    ax, traj = built.painters[0].ax, trajs["lr"]
    for k in range(6):
        assert near(frames[5], ax, (traj.params[k, 0], traj.loss[k]), "#E8000B")
    assert not near(frames[1], ax, (traj.params[5, 0], traj.loss[5]), "#E8000B", radius=1, tol=30)


@pytest.mark.parametrize("problem,start", [(LINE, (0.0, 0.0)), (SINE, (1.0, 2.2))])
def test_modelfit_line_follows_the_current_parameters(problem, start):
    scene = Scene("t", problem=problem, runs=[Run("GD", O.gd(0.1), start=start, steps=10)],
                  views=[V.ModelFit(reference=False)], **SMALL)
    built, trajs, frames = draw(scene, [0, 10], texts=False)
    ax, traj = built.painters[0].ax, trajs["GD"]
    x = float(np.median(problem.dataset.x[:, 0]))
    for step in (0, 10):
        y = float(problem.predict(traj.params[step], np.array([x]))[0]) if problem is SINE else \
            float(problem.predict(traj.params[step], np.array([[x]]))[0])
        assert near(frames[step], ax, (x, y), THEMES["light"].palette[0])
    assert moved(frames[0], frames[10], ax) > 20         # the model's line moved, not only the status


def test_logistic_boundary_and_shading_change_over_frames():
    lp = P.LogisticRegression(data.breast_cancer())
    scene = Scene("t", problem=lp, runs=[Run("GD", O.gd(10), start=(0, 0), steps=5)], views=[V.ModelFit()], **SMALL)
    built, trajs, frames = draw(scene, [1, 5])
    assert np.mean(np.abs(frames[1].astype(int) - frames[5].astype(int))) > 1


def test_loss_curve_and_traces_grow_with_the_step():
    scene = Scene("t", problem=LINE, runs=[Run("GD", O.gd(0.1), start=(0, 0), steps=10)],
                  views=[V.LossCurve(), V.Traces(of="params"), V.Traces(of="grad")], **SMALL)
    built, trajs, frames = draw(scene, [2, 10])
    traj = trajs["GD"]
    loss_ax, par_ax, grad_ax = (p.ax for p in built.painters)
    palette = THEMES["light"].palette
    assert near(frames[10], loss_ax, (10, traj.loss[10]), palette[0])
    assert not near(frames[2], loss_ax, (10, traj.loss[10]), palette[0], radius=1, tol=30)
    for d in range(2):
        assert near(frames[10], par_ax, (8, traj.params[8, d]), palette[d])
        assert near(frames[10], grad_ax, (8, traj.grad[8, d]), palette[d])


def test_surface3d_and_turning_camera():
    for turn in (0.0, 5.0):
        scene = Scene("t", problem=P.ill_conditioned, runs=QUAD2[:1],
                      views=[V.Surface3D(xlim=(-5, 5), ylim=(-5, 5), npts=15, turn=turn)], **SMALL)
        built, trajs, frames = draw(scene, [0, 4, 8], texts=False)
        assert built.full_redraw == (turn != 0)
        ax = built.painters[0].ax
        assert moved(frames[0], frames[4], ax) > 20 and moved(frames[4], frames[8], ax) > 20


def test_gradient_field_draws_arrows():
    common = dict(problem=P.ill_conditioned, runs=QUAD2[:1], **SMALL)
    _, _, plain = draw(Scene("t", views=[V.Contours(xlim=(-5, 5), ylim=(-5, 5))], **common), [0])
    _, _, field = draw(Scene("t", views=[V.GradientField(xlim=(-5, 5), ylim=(-5, 5))], **common), [0])
    assert np.mean(np.any(plain[0] != field[0], axis=-1)) > 0.02


def test_taylor_still_draws_eigenvectors(tmp_path):
    scene = Scene("t", views=[V.Taylor(problem=SINE, xlim=(-1.5, 3), ylim=(1, 4))], **SMALL)
    assert scene.is_still
    written = render_scene(scene, "taylor", tmp_path, ("gif", "mp4", "pdf", "png"))
    assert sorted(p.name for p in written) == ["taylor.pdf", "taylor.png"]    # a still writes stills only
    built, _, _ = draw(scene, [])
    painter = built.painters[0]
    np.testing.assert_allclose(painter.eigenvalues, [0.25236948, 19.79095065], atol=1e-7)
    built.canvas.draw()
    still = np.asarray(built.canvas.buffer_rgba())[..., :3]
    w = painter.point
    lam, U = np.linalg.eigh(SINE.hessian(w))              # drawn ±scaling/√|λ| along each eigenvector
    palette = THEMES["light"].palette
    for k in range(2):
        reach = scene.views[0].scaling / np.sqrt(abs(lam[k]))
        for f in (0.5, 0.9):                               # the solid half, in the k-th run colour
            assert near(still, painter.ax, w + f * reach * U[:, k], palette[k]), (k, f)
        ahead = w + 1.6 * reach * U[:, k]                  # and it ends where it should
        assert not near(still, painter.ax, ahead, palette[k], radius=1, tol=30), k
    labels = [t.get_text() for t in painter.ax.get_legend().get_texts()]
    assert labels[:2] == [f"u1 (λ = {lam[0]:.3g})", f"u2 (λ = {lam[1]:.3g})"]


def gif_frames(path):
    im = Image.open(path)
    frames, durations = [], []
    for i in range(im.n_frames):
        im.seek(i)
        frames.append(np.asarray(im.convert("RGB")))
        durations.append(im.info["duration"])
    return frames, durations, im.info.get("loop")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    scene = Scene("t", problem=P.ill_conditioned, runs=QUAD2, views=[V.Contours(xlim=(-5, 5), ylim=(-5, 5)), V.LossCurve()],
                  size=(4.8, 2.7), dpi=60, timing=Timing(fps=10, hold_first=0.3, hold_last=1.0), stills={"early": 2})
    paths = render_scene(scene, "demo", out, ("gif", "mp4", "pdf", "png"))
    return scene, out, paths


def test_outputs_are_named_and_complete(rendered):
    _, out, paths = rendered
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["demo.gif", "demo.mp4", "demo.pdf", "demo.png", "demo-early.pdf", "demo-early.png"])
    assert {p.name for p in paths} == {p.name for p in out.iterdir()}


def test_gif_shows_every_step_for_its_duration_and_loops(rendered):
    _, out, _ = rendered
    frames, durations, loop = gif_frames(out / "demo.gif")
    assert loop == 0
    # 9 frames (steps 0..8) at 100 ms, the first held 300 ms more and the last 1 s more;
    # Pillow merges identical consecutive frames, so count time, not frames
    assert sum(durations) == 9 * 100 + 300 + 1000
    assert durations[0] == 400 and durations[-1] >= 1100
    assert len(frames) >= 8


def test_last_frame_matches_the_png_still(rendered):
    _, out, _ = rendered
    png = np.asarray(Image.open(out / "demo.png").convert("RGB")).astype(float)
    frames, _, _ = gif_frames(out / "demo.gif")
    mse = np.mean((frames[-1].astype(float) - png) ** 2)
    psnr = 10 * np.log10(255 ** 2 / mse) if mse else np.inf
    assert psnr > 30, psnr
    early = np.asarray(Image.open(out / "demo-early.png").convert("RGB"))
    assert np.any(early != png)


def test_pdf_is_vector_with_embedded_truetype_fonts(rendered):
    _, out, _ = rendered
    pdf = (out / "demo.pdf").read_bytes()
    assert b"/Subtype /Image" not in pdf
    assert b"/FontFile2" in pdf                     # TrueType font program embedded
    assert b"/CreationDate" not in pdf and b"Producer" not in pdf


def test_mp4_is_h264_yuv420p_even_size_faststart(rendered):
    import imageio_ffmpeg
    _, out, _ = rendered
    probe = subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-i", str(out / "demo.mp4")],
                           capture_output=True, text=True).stderr
    m = re.search(r"Video: h264 .*?yuv420p.*?, (\d+)x(\d+)", probe)
    assert m, probe
    w, h = map(int, m.groups())
    assert (w, h) == (288, 162) and w % 2 == 0 and h % 2 == 0
    assert "bt709" in probe, probe                  # tagged as the frames were converted
    data_ = (out / "demo.mp4").read_bytes()
    assert data_.index(b"moov") < data_.index(b"mdat")
    assert b"colrnclx\x00\x01\x00\x01\x00\x01" in data_         # and in the container: BT.709 1/1/1


def test_mp4_decodes_to_the_colours_it_was_given(tmp_path):
    """ffmpeg, reading the MP4's BT.709 tags, decodes areas of saturated colour to the colours the
    encoder was given (gdanim.encode.yuv converts them), in every frame, changed ones too. Read with
    BT.601 instead (the tags wrong or missing), the green would come back 34 levels too bright."""
    import imageio_ffmpeg
    from gdanim.encode.mp4_encoder import Mp4Writer
    colours = [(220, 50, 47), (38, 139, 210), (0, 200, 0), (250, 250, 250), (120, 60, 160), (20, 20, 20)]
    h, w = 48, 96
    frames = []
    for k in range(3):
        frame = np.zeros((h, w, 3), np.uint8)
        for i in range(6):
            frame[(i // 3) * 24:(i // 3 + 1) * 24, (i % 3) * 32:(i % 3 + 1) * 32] = colours[(i + k) % 6]
        frames.append(np.frombuffer(frame.tobytes(), np.uint8).reshape(h, w, 3))
    mp4 = Mp4Writer(tmp_path / "c.mp4", (w, h), 10, crf=0)         # lossless: what is left is the conversion
    for frame in frames:
        mp4.grab(frame, 0.1)
    mp4.finish()
    raw = subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-i", str(tmp_path / "c.mp4"), "-f",
                          "rawvideo", "-pix_fmt", "rgb24", "-"], capture_output=True, check=True).stdout
    decoded = np.frombuffer(raw, np.uint8).reshape(-1, h, w, 3).astype(int)
    assert len(decoded) == 3
    for got, want in zip(decoded, frames):
        for i in range(6):
            y, x = (i // 3) * 24, (i % 3) * 32
            inside = got[y + 6:y + 18, x + 6:x + 26]
            assert np.abs(inside - want[y + 12, x + 16].astype(int)).max() <= 2, (want[y + 12, x + 16], inside.mean(axis=(0, 1)))


def test_same_scene_same_bytes(rendered, tmp_path):
    scene, out, _ = rendered
    render_scene(scene, "demo", tmp_path, ("gif", "mp4", "pdf", "png"))
    for name in ("demo.gif", "demo.mp4", "demo.pdf", "demo.png", "demo-early.pdf"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_failed_render_keeps_old_outputs_and_leaves_no_temporaries(tmp_path):
    (tmp_path / "demo.gif").write_bytes(b"old gif")
    scene = Scene("t", problem=P.ill_conditioned, runs=QUAD2, views=[V.LossCurve()], stills={"late": 99}, **SMALL)
    from gdanim.core.errors import SceneError
    with pytest.raises(SceneError, match="step 99"):
        render_scene(scene, "demo", tmp_path, ("gif", "mp4", "pdf"))
    assert [p.name for p in tmp_path.iterdir()] == ["demo.gif"]
    assert (tmp_path / "demo.gif").read_bytes() == b"old gif"


def test_a_run_that_leaves_the_view_is_marked_where_it_leaves():
    """lr 1.2 on L = wᵀHw with H = diag(0.1, 1): w2 is multiplied by −1.4 each step, so the path
    grows without overflowing and leaves the ±5 box after step 3 (|w2| = 2·1.4³ = 5.49)."""
    runs = [Run("ok", O.gd(0.9), start=(-4, -2), steps=12), Run("too big", O.gd(1.2), start=(-4, -2), steps=12),
            Run("overflow", O.gd(1e4), start=(-4, -2), steps=12)]
    scene = Scene("t", problem=P.ill_conditioned, runs=runs, views=[V.Contours(xlim=(-5, 5), ylim=(-5, 5))], **SMALL)
    built, trajs, frames = draw(scene, [2, 3, 12])
    assert trajs["too big"].stop == "budget" and trajs["overflow"].stop == "diverged"
    markers = {pa.traj.label: pa.marker for pa in built.painters[0].paths}
    assert markers["ok"].when is None
    big = markers["too big"]
    assert big.when == 3 and big.text(2) is None and big.text(3) == "left at step 3"
    assert abs(abs(big.where[1]) - 5) < 1e-9 and -5 <= big.where[0] <= 5          # on the edge of the box
    w_prev, w_next = trajs["too big"].params[2], trajs["too big"].params[3]
    t = (big.where - w_prev) / (w_next - w_prev)
    assert abs(t[0] - t[1]) < 1e-9 and 0 < t[0] < 1                               # on the segment it leaves by
    over = markers["overflow"]
    assert over.escaped and over.step == over.when < trajs["overflow"].diverged_at     # left, then blew up
    built.pose(12, 0)
    notes = [a.get_text() for a in built.painters[0].ax.texts if a.get_visible() and " at step " in a.get_text()]
    assert sorted(notes) == sorted(["too big: left at step 3", f"overflow: left at step {over.step}"])
    # the path ends on the edge where it left: w2 flips sign each step, so the steps after it
    # would each cross the panel again
    path = next(pa for pa in built.painters[0].paths if pa.traj.label == "too big")
    drawn = np.column_stack(path.line.get_data())
    assert np.array_equal(drawn, np.vstack([trajs["too big"].params[:3], big.where]))
    # no head half cut by the edge: the cross there stands for it once the run has left
    assert len(path.dots.get_xdata()) == 3 and len(path.head.get_xdata()) == 0
    built.pose(2, 0)
    assert np.array_equal(np.ravel(path.head.get_data()), trajs["too big"].params[2])   # inside, it is drawn
    ax = built.painters[0].ax
    assert near(frames[12], ax, big.where, THEMES["light"].star, radius=4)        # the red cross is drawn
    assert not near(frames[2], ax, big.where, THEMES["light"].star, radius=4, tol=40)


def test_a_run_that_leaves_and_later_blows_up_says_both_when_each_happens():
    """lr 1.5 on L = wᵀHw, H = diag(0.1, 1): w2 is multiplied by −2 each step, so it leaves the
    ±5 box at step 2 (|w2| = 8) and passes 1e8 times the problem's scale at step 28."""
    scene = Scene("t", problem=P.ill_conditioned, runs=[Run("gd", O.gd(1.5), start=(-4, -2), steps=40)],
                  views=[V.Contours(xlim=(-5, 5), ylim=(-5, 5))], **SMALL)
    built, trajs, _ = draw(scene, [40])
    traj, marker = trajs["gd"], built.painters[0].paths[0].marker
    assert traj.stop == "diverged" and traj.diverged_at == 28 and marker.when == 2
    assert marker.text(1) is None and marker.text(2) == marker.text(27) == "left at step 2"
    assert status_lines(built) == ["step 27 · loss 7.206e+16", "left at step 2", "diverged at step 28"]
    built.pose(26, 0)
    assert status_lines(built) == ["step 26 · loss 1.801e+16", "left at step 2"]


def status_lines(built):
    return built.painters[0].info.get_text().splitlines()


@pytest.mark.parametrize("trail", [True, False])
def test_a_1d_run_that_leaves_the_panel_ends_where_it_left(trail):
    """lr 1.05 on w² + 1: w is multiplied by −1.1 each step, so the zig-zag grows and its chord
    leaves the ±4 window; the chord ends on the edge, and no iterate is drawn there (with the trail
    or, without it, the current one): the cross marks where it left."""
    scene = Scene("t", problem=P.parabola, runs=[Run("gd", O.gd(1.05), start=2, steps=20)],
                  views=[V.Curve1D(xlim=(-4, 4), trail=trail)], **SMALL)
    built, trajs, frames = draw(scene, [20])
    traj = trajs["gd"]
    _, zig, dots, marker = built.painters[0].marks[0]
    w = 2 * (-1.1) ** np.arange(21)
    np.testing.assert_allclose(traj.params[:, 0], w, rtol=1e-12)                 # the hand loop
    k = int(np.flatnonzero(np.abs(w) > 4)[0])                                    # the first step outside
    assert marker.escaped and marker.when == k and marker.text(20) == f"left at step {k}"
    x, y = zig.get_data()
    assert np.allclose(x[-1], marker.where[0]) and np.allclose(y[-1], marker.where[1])
    assert len(x) == (k + 1 if trail else 1)
    shown = dots.get_data()[0]
    assert list(shown) == (list(traj.params[:k, 0]) if trail else [])


def test_a_log_loss_axis_says_what_it_cannot_show():
    """Newton on the bowl reaches a loss of exactly 0 at step 1, which a log axis cannot show (its
    curve had vanished): the axis is made linear near 0 (symlog), 0 marked, with a note. A loss
    below 0 (the double well's) makes the axis linear, with a note (its runs had vanished)."""
    from gdanim.core.errors import Note
    scene = Scene("t", problem=P.ill_conditioned, runs=[Run("GD", O.gd(0.5), start=(-4, -2), steps=6),
                                                        Run("Newton", O.newton(), start=(-4, -2), steps=6)],
                  views=[V.LossCurve(log=True)], **SMALL)
    with pytest.warns(Note, match="run 'Newton' reaches 0 at step 1, which a log axis cannot show: the axis is "
                                  "linear below 0.1"):
        built, trajs, frames = draw(scene, [6])
    ax = built.painters[0].ax
    assert trajs["Newton"].loss[1] == 0 and ax.get_yscale() == "symlog" and ax.get_ylim()[0] < 0
    assert 0 in ax.get_yticks()
    newton = next(line for _, _, line in built.painters[0].series if line.get_label() == "Newton")
    assert near(frames[6], ax, (4, 0), newton.get_color(), radius=2)       # seen, at 0
    assert near(frames[6], ax, (0.1, trajs["Newton"].loss[0] * 0.8), newton.get_color(), radius=3, tol=60)
    # a loss shrinking by 0.36 a step passes through subnormal numbers on its way to 0 by underflow:
    # a log axis, from which it drops off (a symlog axis so far down is refused, or its ticks overflow)
    bowl = Scene("t", problem=P.QuadraticForm(((1.0, 0.0), (0.0, 1.0))),
                 runs=[Run("GD", O.gd(0.2), start=(1, 1), steps=800)], views=[V.LossCurve(log=True)], **SMALL)
    with warnings.catch_warnings():
        warnings.simplefilter("error")                  # no note, and none of numpy's or matplotlib's
        built, trajs, frames = draw(bowl, [400, 800])
    loss = trajs["GD"].loss
    assert 0 < loss[loss > 0].min() < np.finfo(float).tiny and loss[-1] == 0
    assert built.painters[0].ax.get_yscale() == "log"
    well = Scene("t", problem=P.double_well, runs=[Run("a", O.gd(0.05), start=-2.5, steps=10)],
                 views=[V.LossCurve(log=True)], **SMALL)
    with pytest.warns(Note, match="run 'a' goes below zero, which a log axis cannot show; the axis is linear"):
        built, trajs, frames = draw(well, [10])
    ax = built.painters[0].ax
    assert trajs["a"].loss.min() < 0 and ax.get_yscale() == "linear"
    assert ax.get_ylim()[0] < trajs["a"].loss.min()


def test_a_1d_curve_in_a_window_gdanim_chose_shows_what_the_runs_do_not_the_far_arms():
    """The double well's arms climb to f = 450 at the edge of the window gdanim chose: the loss
    axis spans the runs' part of the curve (both wells), and the arms leave the top; a declared
    window is shown whole, as before."""
    runs = [Run("left", O.gd(0.05), start=-2.5, steps=20), Run("right", O.gd(0.05), start=0.3, steps=20)]
    auto = Scene("t", problem=P.double_well, runs=runs, views=[V.Curve1D()], **SMALL)
    built, trajs, frames = draw(auto, [20])
    ax = built.painters[0].ax
    losses = np.concatenate([t.loss for t in trajs.values()])
    lo, hi = ax.get_ylim()
    assert ax.get_xlim()[0] < -4 and P.double_well.value([-4.0]) > 150          # the window reaches the steep arm
    assert lo <= losses.min() and hi >= losses.max() and hi - lo < 1.3 * (losses.max() - losses.min())
    left = trajs["left"]
    color = next(d.get_color() for _, _, d, _ in built.painters[0].marks if d.get_label() == "left")
    assert near(frames[20], ax, (left.params[-1, 0], left.loss[-1]), color, radius=4)    # in the left well, seen
    declared = Scene("t", problem=P.double_well, runs=runs, views=[V.Curve1D(xlim=(-4, 2))], **SMALL)
    built, _, _ = draw(declared, [20])
    assert built.painters[0].ax.get_ylim()[1] > P.double_well.value([-4.0])


def test_one_diverging_run_leaves_the_top_of_a_linear_loss_axis_instead_of_flattening_the_others():
    runs = [Run("calm", O.gd(0.1), start=2, steps=30), Run("wild", O.gd(1.5), start=2, steps=30)]
    scene = Scene("t", problem=P.parabola, runs=runs, views=[V.LossCurve()], **SMALL)
    built, trajs, frames = draw(scene, [30])
    lo, hi = built.painters[0].ax.get_ylim()
    assert trajs["wild"].loss.max() > 1e9 and hi < 10            # the calm run's 1 to 5 fill the panel
    assert lo < trajs["calm"].loss.min() and hi > trajs["wild"].loss[0]


def test_a_note_from_python_names_the_lecturers_line_not_gdanims(tmp_path):
    """Rendered from Python (a notebook), a Note is shown by Python's warnings at the line that
    called gdanim, as numpy's and pandas' warnings are, not at a line inside gdanim."""
    import inspect

    import gdanim
    from gdanim.core.errors import Note
    problem = P.Function(lambda w: np.sqrt(w[0]) + w[1] ** 2, dim=2)
    scene = Scene("t", problem=problem, runs=[Run("GD", O.gd(0.5), start=(1, -2), steps=10)],
                  views=[V.Contours(xlim=(-1, 2), ylim=(-3, 1))], **SMALL)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        line = inspect.currentframe().f_lineno + 1
        gdanim.render(scene, "t", tmp_path, "png")
    notes = [w for w in caught if w.category is Note]
    assert {str(w.message).split(":")[0] for w in notes} == {"run 'GD' stopped at step 3", "the loss is nan on part of a panel"}
    assert {(w.filename, w.lineno) for w in notes} == {(__file__, line)}
    assert [w for w in caught if w.category is not Note] == []


def test_blitted_frames_layer_like_a_full_draw():
    """The frame pass redraws only the moving artists; it must stack them in z-order as a full
    draw does (the divergence cross and its note above the paths, the head above the dots)."""
    runs = [Run("ok", O.gd(0.9), start=(-4, -2), steps=12), Run("overflow", O.gd(1e4), start=(-4, -2), steps=12),
            Run("too big", O.gd(1.2), start=(-4, -2), steps=12)]
    scene = Scene("t", problem=P.ill_conditioned, runs=runs, views=[V.Contours(xlim=(-5, 5), ylim=(-5, 5))], **SMALL)
    built, _, frames = draw(scene, [12])
    built.set_animated(False)
    built.pose(12, 0)
    with matplotlib.rc_context(rc(THEMES[scene.theme], scene.font_size)):     # as the renderer draws it
        built.canvas.draw()           # (outside, the tick labels' size, so the axis' ticks, would differ)
    full = np.asarray(built.canvas.buffer_rgba())[:, :, :3].astype(int)
    diff = np.abs(frames[12].astype(int) - full).max(axis=2)
    assert (diff > 40).mean() < 0.001, (diff > 40).sum()


LOGISTIC = P.LogisticRegression(data.breast_cancer())
EVERY_VIEW = {
    "Contours": (P.ill_conditioned, QUAD2, [V.Contours(xlim=(-5, 5), ylim=(-5, 5))]),
    "GradientField": (P.ill_conditioned, QUAD2, [V.GradientField(xlim=(-5, 5), ylim=(-5, 5), arrow_grid=8)]),
    "Curve1D": (P.parabola, [Run("a", O.gd(0.3), start=2, steps=8), Run("b", O.gd(1.05), start=1, steps=8)],
                [V.Curve1D(xlim=(-4, 4))]),
    "ModelFit line": (LINE, [Run("GD", O.gd(0.5), start=(0, 0), steps=8)], [V.ModelFit()]),
    "ModelFit logistic": (LOGISTIC, [Run("GD", O.gd(2), start=(0, 0), steps=8)], [V.ModelFit()]),
    "ModelFit sine": (SINE, [Run("GD", O.gd(0.1), start=(2.2, 2.2), steps=8)], [V.ModelFit()]),
    "ModelFit predict": (P.Function(lambda w: float(np.sum((w - 1) ** 2)), dim=2),
                         [Run("GD", O.gd(0.1), start=(0.2, 0.1), steps=8)],
                         [V.ModelFit(predict=lambda w, x: w[0] * np.exp(-w[1] * x),
                                     data=data.Arrays([0, 1, 2, 3], [1, 0.5, 0.3, 0.1]))]),
    "Contours and Surface3D on slices": (
        P.TinyNetwork(data.Wave(n=20, seed=1), hidden=2), [Run("GD", O.gd(0.3), start=(0.5, -0.4, 0, 0, 0.3, 0.2, 0),
                                                               steps=8)],
        [V.Contours(slice=V.Slice("pca")), V.Surface3D(slice=V.Slice("random"), npts=12)]),
    "LossCurve": (P.ill_conditioned, QUAD2, [V.LossCurve(log=True)]),
    "Traces": (LINE, [Run("GD", O.gd(0.5), start=(0, 0), steps=8)], [V.Traces(), V.Traces(of="grad")]),
    "Surface3D": (P.ill_conditioned, QUAD2, [V.Surface3D(xlim=(-5, 5), ylim=(-5, 5), npts=15)]),
    "Surface3D turning": (P.ill_conditioned, QUAD2[:1], [V.Surface3D(xlim=(-5, 5), ylim=(-5, 5), npts=15, turn=7)]),
    "Taylor beside a path": (P.ill_conditioned, QUAD2[:1], [V.Taylor(at=(1, 1)), V.Contours(xlim=(-5, 5), ylim=(-5, 5))]),
}


@pytest.mark.parametrize("kind", EVERY_VIEW)
def test_a_blitted_frame_is_a_full_draw_for_every_view_kind(kind):
    """Every frame the blitted pass draws equals a full draw of the same step and frame, pixel
    for pixel: moving artists that a full draw layers under static ones (ModelFit's shading under
    its data points) stay under them."""
    problem, runs, views_ = EVERY_VIEW[kind]
    scene = Scene("blit", problem=problem, runs=runs, views=views_, **SMALL)
    steps = [0, 3, 8]
    with matplotlib.rc_context(rc(THEMES[scene.theme], scene.font_size)):    # as the renderer draws
        built = SceneFigure(scene, trajectories_of(scene), scene.dpi)
        built.freeze_layout()
        fp = FramePass(built)
        frames = [fp.draw(step, i) for i, step in enumerate(steps)]
        built.set_animated(False)
        for i, step in enumerate(steps):
            built.pose(step, i)
            built.canvas.draw()
            full = np.asarray(built.canvas.buffer_rgba())[:, :, :3]
            differ = np.any(frames[i] != full, axis=2)
            assert not differ.any(), f"step {step}: {differ.sum()} pixels differ"


def test_png_and_pdf_stills_show_the_same_state_whatever_else_is_written(tmp_path):
    """The still of a step shows the camera of the frame that shows that step, in the PNG (taken
    from the frame pass, or drawn when no animation is written) and the PDF alike."""
    scene = Scene("turning", problem=P.ill_conditioned, runs=QUAD2[:1],
                  views=[V.Surface3D(xlim=(-5, 5), ylim=(-5, 5), npts=15, turn=9)], stills={"mid": 4}, **SMALL)
    render_scene(scene, "a", tmp_path / "with", ("gif", "png", "pdf"))
    render_scene(scene, "a", tmp_path / "alone", ("png", "pdf"))
    for name in ("a.png", "a-mid.png"):
        assert (tmp_path / "with" / name).read_bytes() == (tmp_path / "alone" / name).read_bytes(), name
    for folder in ("with", "alone"):
        pdf_page = subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(tmp_path / folder / "a.pdf"),
                                   str(tmp_path / folder / "page")], capture_output=True)
        assert pdf_page.returncode == 0, pdf_page.stderr
    png = np.asarray(Image.open(tmp_path / "alone" / "a.png").convert("L")).astype(float)
    page = np.asarray(Image.open(tmp_path / "alone" / "page.png").convert("L").resize(png.shape[::-1])).astype(float)
    first = tmp_path / "first"
    render_scene(Scene("turning", problem=P.ill_conditioned, runs=QUAD2[:1],
                       views=[V.Surface3D(xlim=(-5, 5), ylim=(-5, 5), npts=15, turn=0)], **SMALL), "a", first, ("png",))
    unturned = np.asarray(Image.open(first / "a.png").convert("L")).astype(float)
    # the PDF page is the turned camera's picture (close to the PNG), not the unturned one
    assert np.abs(page - png).mean() < 0.5 * np.abs(page - unturned).mean()


def test_the_gif_keeps_the_figures_own_colours_exactly(tmp_path):
    """Median cut alone merges colours that cover few pixels (a red cross) into their
    neighbours; the theme's and runs' colours have palette entries of their own."""
    runs = [Run("ok", O.gd(0.1), start=(-4, -2), steps=30), Run("too big", O.gd(1.2), start=(-4, -2), steps=30)]
    scene = Scene("t", problem=P.ill_conditioned, runs=runs, views=[V.Contours(xlim=(-5, 5), ylim=(-5, 5))],
                  size=(4.8, 2.7), dpi=60, timing=Timing(hold_first=0, hold_last=0))
    render_scene(scene, "p", tmp_path, ("gif", "png"))
    gif = Image.open(tmp_path / "p.gif")
    gif.seek(gif.n_frames - 1)
    last = np.asarray(gif.convert("RGB")).reshape(-1, 3)
    png = np.asarray(Image.open(tmp_path / "p.png").convert("RGB")).reshape(-1, 3)
    for color in ("#E8000B", "#0072B2", "#D55E00"):           # the divergence cross, the two runs
        rgb = np.round(np.array(to_rgb(color)) * 255).astype(int)
        exact = np.all(png == rgb, axis=1)
        assert exact.sum() > 0 and np.all(last[exact] == rgb), color


def test_a_figure_without_its_title_leaves_the_top_band_empty(tmp_path):
    """Decks put the title on the slide and render the figure with figure_title=False."""
    import dataclasses
    from PIL import Image
    from gdanim import Scene, problems, views
    from gdanim.rendering.renderer import render_scene
    scene = Scene(title="A title in the figure", problem=problems.parabola, views=[views.Curve1D()], size=(6.4, 3.2),
                  dpi=50)
    render_scene(scene, "with", tmp_path, ("png",))
    render_scene(dataclasses.replace(scene, figure_title=False), "without", tmp_path, ("png",))
    band = lambda name: np.asarray(Image.open(tmp_path / f"{name}.png").convert("L"))[:12, :100]  # noqa: E731
    assert band("with").min() < 100          # the bold title's ink
    assert band("without").min() > 200       # nothing but the background there (the panel title is centred)


def test_a_legend_weighs_each_point_once_as_a_scatter_or_a_line_of_markers():
    """legend_spot counts a point once whether a scatter or a line of markers shows it (a run's
    iterates are the latter), and a line's points once more along its segments."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from gdanim.rendering.legend_spot import shown_points
    fig = Figure(dpi=50)
    ax = fig.add_subplot()
    renderer = FigureCanvasAgg(fig).get_renderer()
    ax.set(xlim=(-1, 3), ylim=(-1, 2))
    ax.plot([0, 1, 2], [0, 1, 0], "o", ls="none")
    assert len(shown_points(ax, renderer)) == 3
    ax.lines[0].remove()
    ax.scatter([0, 1, 2], [0, 1, 0])
    assert len(shown_points(ax, renderer)) == 3


@pytest.mark.parametrize("starts, free", [(((4, 4), (4.5, 3)), False), (((-4, -4), (-4.5, -3)), True)])
def test_a_legend_stands_where_the_runs_paths_leave_room(starts, free):
    """A panel's legend goes to the corner that hides the least of the runs' whole paths (not only
    of what the first frame shows); where its own corner (upper right) hides nothing, it stays."""
    runs = [Run(f"from {s}", O.gd(0.1), start=s, steps=30) for s in starts]
    scene = Scene("t", problem=P.ill_conditioned, runs=runs, views=[V.Contours(xlim=(-5, 5), ylim=(-5, 5))], **SMALL)
    built, trajs, frames = draw(scene, [0, 30])
    ax = built.painters[0].ax
    box = ax.get_legend().get_window_extent(built.canvas.get_renderer())
    upper_right = box.x1 > ax.bbox.x0 + 0.8 * ax.bbox.width and box.y1 > ax.bbox.y0 + 0.8 * ax.bbox.height
    assert upper_right == free
    for traj in trajs.values():
        for x, y in ax.transData.transform(traj.params):
            assert not box.contains(x, y), (x, y, box)


@pytest.mark.parametrize("first_3d", [False, True])
def test_a_3d_panels_axis_labels_stay_off_its_neighbour_and_in_the_figure(first_3d):
    """matplotlib lays a 3-D panel out by its box, and its z label stands outside the cube: it
    fell on the contour panel beside it, or off the figure's left edge. Now it does neither."""
    def f(w):
        return w[0] ** 2 - w[1] ** 2 + 0.25 * w[1] ** 4
    problem = P.Function(f, dim=2, param_names=("x", "y"))
    views_ = [V.GradientField(xlim=(-2.5, 2.5), ylim=(-2.5, 2.5)), V.Surface3D(xlim=(-2.5, 2.5), ylim=(-2.5, 2.5))]
    scene = Scene("t", problem=problem, runs=[Run("gd", O.gd(0.1), start=(2, 0.01), steps=8)],
                  views=views_[::-1] if first_3d else views_, size=(7.68, 4.32), dpi=60,
                  timing=Timing(fps=10, hold_first=0, hold_last=0))
    built, _, _ = draw(scene, [8])
    renderer = built.canvas.get_renderer()
    (surface,) = [p.ax for p in built.painters if p.projection == "3d"]
    (flat,) = [p.ax for p in built.painters if p.projection != "3d"]
    for axis in (surface.xaxis, surface.yaxis, surface.zaxis):
        box = axis.label.get_window_extent(renderer)
        assert not box.overlaps(flat.bbox), (axis.label.get_text(), box, flat.bbox)
        assert 0 <= box.x0 and box.x1 <= built.fig.bbox.width, (axis.label.get_text(), box)


def test_a_function_with_no_limits_declared_is_drawn_around_its_runs():
    """A loss of the lecturer's own has no natural scale: its panel is fitted to the runs' starts,
    paths and minimum, not ±5 around the minimum (Rosenbrock's valley was a patch in the middle)."""
    rosen = P.Function(lambda w: (1 - w[0]) ** 2 + 100 * (w[1] - w[0] ** 2) ** 2, dim=2, minimum=(1, 1))
    runs = [Run("GD", O.gd(0.001), start=(-1.2, 1), steps=60), Run("Adam", O.adam(0.05), start=(-1.2, 1), steps=60)]
    scene = Scene("t", problem=rosen, runs=runs, views=[V.Contours()], **SMALL)
    built, trajs, _ = draw(scene, [60])
    ax = built.painters[0].ax
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    assert -2 < x0 < -1.2 and 1 < x1 < 2 and y1 < 2.5, (ax.get_xlim(), ax.get_ylim())
    for t in trajs.values():
        assert (t.params[:, 0] >= x0).all() and (t.params[:, 0] <= x1).all()
        assert (t.params[:, 1] >= y0).all() and (t.params[:, 1] <= y1).all()


def test_a_pin_is_always_inside_its_panel_as_a_start_is():
    """A Function's panel is fitted to its runs; a pin far from them was left outside it (and
    outside the ±5 window of a bowl), drawn nowhere while its legend listed it."""
    from gdanim import Pin
    f = P.Function(lambda w: w[0] ** 2 + 2 * w[1] ** 2, dim=2, minimum=(0, 0))
    for problem, at in ((f, (3, -2)), (P.ill_conditioned, (9, -7))):
        scene = Scene("t", problem=problem, pins=[Pin("my guess", at)], views=[V.Contours(), V.Surface3D()],
                      runs=[Run("GD", O.gd(0.1), start=(1, 1), steps=5)], **SMALL)
        built, _, _ = draw(scene, [5])
        for painter in built.painters:
            (x0, x1), (y0, y1) = painter.ax.get_xlim(), painter.ax.get_ylim()
            assert x0 < at[0] < x1 and y0 < at[1] < y1, (type(painter).__name__, painter.ax.get_xlim(), painter.ax.get_ylim())


def test_a_1d_curve_shows_each_runs_start_and_each_pin():
    """A run starting 10 from the minimum of a Function fell off the right of the window gdanim
    chose (87…98 for a start at 100)."""
    from gdanim import Pin
    f = P.Function(lambda w: (w - 90) ** 2, minimum=90)
    scene = Scene("t", problem=f, runs=[Run("GD", O.gd(0.1), start=100, steps=20)], pins=[Pin("guess", (84,))],
                  views=[V.Curve1D()], **SMALL)
    built, _, _ = draw(scene, [20])
    x0, x1 = built.painters[0].ax.get_xlim()
    assert x0 < 84 and 100 < x1 < 110, (x0, x1)


def test_a_turning_3d_panels_labels_stay_off_its_neighbour_all_the_way_round():
    """The room for a 3-D panel's labels was measured at the first frame's camera only; as the
    camera turned, the z label moved onto the panel beside it."""
    rosen = P.Rosenbrock()
    scene = Scene("t", problem=rosen, runs=[Run("GD", O.gd(0.001), start=(-1.5, 2), steps=40)],
                  views=[V.Contours(), V.Surface3D(turn=9), V.LossCurve()], size="wide", dpi=40,
                  timing=Timing(fps=10, hold_first=0, hold_last=0))
    with matplotlib.rc_context(rc(THEMES[scene.theme], scene.font_size)):
        built = SceneFigure(scene, trajectories_of(scene), scene.dpi)
        built.freeze_layout()
        renderer = built.canvas.get_renderer()
        surface = built.painters[1].ax
        others = [built.painters[0].ax.bbox, built.painters[2].ax.bbox]
        for frame in range(0, 41, 4):
            built.pose(frame, frame)
            built.canvas.draw()
            for axis in (surface.xaxis, surface.yaxis, surface.zaxis):
                box = axis.label.get_window_extent(renderer)
                assert not any(box.overlaps(o) for o in others), (frame, axis.label.get_text(), box)


def test_pins_levels_are_kept_in_view_and_a_pin_outside_declared_limits_is_a_note():
    """A pin's loss level (LossCurve) and coordinates (Traces) stay in the panel, as the runs do;
    limits the lecturer declared that leave a pin out say so rather than list it unseen."""
    from gdanim import Pin
    f = P.Function(lambda w: (w - 1000.0) ** 2 / 1000 + 5, minimum=1000)
    scene = Scene("t", problem=f, runs=[Run("GD", O.gd(100.0), start=900.0, steps=10)], pins=[Pin("way off", -50.0)],
                  views=[V.Curve1D(), V.LossCurve(log=True), V.Traces()], **SMALL)
    built, _, _ = draw(scene, [10])
    curve, loss, traces = (p.ax for p in built.painters)
    assert curve.get_xlim()[0] < -50 and traces.get_ylim()[0] < -50
    assert loss.get_ylim()[1] > f.value([-50.0])
    lo, hi = curve.get_xlim()
    assert hi - 1000 == pytest.approx(1000 - lo)                     # the whole bowl, the minimum in the middle
    scene = Scene("t", problem=P.ill_conditioned, pins=[Pin("far", (30, 40))], views=[V.Contours(xlim=(-5, 5), ylim=(-5, 5))],
                  runs=[Run("GD", O.gd(0.9), start=(-4, -2), steps=3)], **SMALL)
    with pytest.warns(UserWarning, match=r"Contours: pin 'far' at \(30, 40\) lies outside the panel's "
                                         r"xlim=\(-5\.0, 5\.0\), ylim=\(-5\.0, 5\.0\): it is not drawn there"):
        draw(scene, [3])


def test_a_logistic_model_with_a_bias_is_drawn_around_its_runs():
    """Its default window was ±10 on both axes, a path of about one unit a dot in the middle;
    CS 189's two-feature model keeps the lecture's window."""
    pts = data.Arrays(np.linspace(-2, 2, 40), (np.linspace(-2, 2, 40) + np.sin(np.arange(40)) > 0).astype(float),
                      names=("x",), target="t")
    problem = P.LogisticRegression(pts, bias=True)
    scene = Scene("t", problem=problem, runs=[Run("GD", O.gd(0.5), start=(0, 0), steps=20)],
                  views=[V.Contours()], **SMALL)
    built, trajs, _ = draw(scene, [20])
    (x0, x1), (y0, y1) = built.painters[0].ax.get_xlim(), built.painters[0].ax.get_ylim()
    assert x1 - x0 < 5 and y1 - y0 < 5, ((x0, x1), (y0, y1))
    assert P.LogisticRegression(data.breast_cancer()).window_from_runs is False


def test_a_slowly_turning_camera_does_not_shrink_its_panel_for_angles_it_never_reaches():
    """Labels' room for a turning camera was measured at eight angles round a full turn, whatever
    the turn; a turn of 0.5° a frame shrank its panel as much as one of 9°. Its roll stays."""
    def built(turn):
        scene = Scene("t", problem=P.Rosenbrock(), runs=[Run("GD", O.gd(0.001), start=(-1.5, 2), steps=40)],
                      views=[V.Contours(), V.Surface3D(turn=turn), V.LossCurve()], size="wide", dpi=40,
                      timing=Timing(fps=10, hold_first=0, hold_last=0))
        with matplotlib.rc_context(rc(THEMES[scene.theme], scene.font_size)):
            figure = SceneFigure(scene, trajectories_of(scene), scene.dpi)
            figure.freeze_layout()
        return figure.painters[1].ax
    still, slow = built(0), built(0.5)
    assert slow.bbox.width == pytest.approx(still.bbox.width) and slow.roll == 0


def test_a_pin_far_above_the_runs_keeps_its_loss_level_on_a_linear_axis():
    """The loss axis leaves out runs that blow up (1000 times the largest start), and took a pin's
    level with them: a pin at 40 on w² (loss 1600) was listed while the axis ended at 1."""
    from gdanim import Pin
    scene = Scene("t", problem=P.Polynomial((1, 0, 0)), runs=[Run("a", O.gd(0.1), start=1.0, steps=5)],
                  pins=[Pin("guess", 40.0)], views=[V.LossCurve()], **SMALL)
    built, _, _ = draw(scene, [5])
    assert built.painters[0].ax.get_ylim()[1] > 1600


def test_gif_quantizes_only_what_changed_and_gets_a_whole_frames_indices(tmp_path):
    """GifWriter quantizes only the squares that changed since the last frame; its indices are
    those of quantizing each whole frame, at a size no square divides, for changes at the edges,
    in one pixel, in one channel, and for a frame the caller changes after handing it over."""
    from gdanim.encode.gif_encoder import GifWriter
    rng = np.random.default_rng(3)
    frame = rng.integers(0, 256, (37, 53, 3), dtype=np.uint8)
    gif = GifWriter(tmp_path / "t.gif")
    gif.set_palette([frame])

    def whole(rgb):
        return np.asarray(Image.fromarray(rgb).quantize(palette=gif.palette, dither=Image.Dither.NONE))

    changes = [(36, 52), (0, 0), (17, 20), (36, 0), (0, 52), (16, 16), (31, 47)]
    for k, (y, x) in enumerate(changes):
        frame[y, x, k % 3] ^= 0xFF                      # the caller's own array, changed in place
        frame[rng.integers(0, 37), rng.integers(0, 53)] = rng.integers(0, 256, 3)
        got = gif.indices(frame)
        assert np.array_equal(got, whole(frame)), (y, x)
    assert np.array_equal(gif.indices(frame), whole(frame))        # nothing changed


def test_yuv_conversion_is_bt709_studio_range_and_converts_only_what_changed():
    """gdanim.encode.yuv against BT.709's own formula (ITU-R BT.709-6: Kr 0.2126, Kb 0.0722, Y 16-235,
    Cb and Cr 16-240), within rounding; and frames converted square by square as they change
    give the buffer a whole conversion gives, at a size no square divides."""
    from gdanim.encode.yuv import Yuv420
    rng = np.random.default_rng(7)
    kr, kb = 0.2126, 0.0722
    rgb = rng.integers(0, 256, (38, 54, 3), dtype=np.uint8)
    block = rgb[::2, ::2].repeat(2, axis=0).repeat(2, axis=1)       # 2×2 blocks of one colour
    r, g, b = (block[..., i].astype(float) for i in range(3))
    y = kr * r + (1 - kr - kb) * g + kb * b
    want_y = 16 + 219 / 255 * y
    want_cb = 128 + 224 / 255 * (b - y) / (2 * (1 - kb))
    want_cr = 128 + 224 / 255 * (r - y) / (2 * (1 - kr))
    buf = Yuv420(54, 38).frame(block).astype(float)
    got_y, got_cb, got_cr = buf[:38 * 54].reshape(38, 54), buf[38 * 54:38 * 54 * 5 // 4], buf[38 * 54 * 5 // 4:]
    assert np.abs(got_y - want_y).max() <= 0.5 + 1e-9
    assert np.abs(got_cb - want_cb[::2, ::2].ravel()).max() <= 0.5 + 1e-9
    assert np.abs(got_cr - want_cr[::2, ::2].ravel()).max() <= 0.5 + 1e-9

    conv = Yuv420(54, 38)
    for k in range(8):
        frame = rgb.copy()
        frame[rng.integers(0, 38, 3), rng.integers(0, 54, 3)] = rng.integers(0, 256, (3, 3))
        frame[37, 53, k % 3] ^= 0xFF                                # the last square, cut short
        rgb = np.frombuffer(frame.tobytes(), np.uint8).reshape(frame.shape)      # as frames arrive
        assert np.array_equal(conv.frame(rgb), Yuv420(54, 38).frame(rgb)), k


def test_one_loss_gets_one_colour_map_in_every_panel_of_a_figure():
    """A surface declared viridis_r beside contours of the same loss: the contours take it too (CS 189's
    plot_loss draws both Viridis_r); a panel of another loss keeps its own; the pixels agree."""
    from matplotlib import colormaps
    other = P.Rosenbrock()
    scene = Scene("t", problem=P.ill_conditioned, runs=QUAD2[:1],
                  views=[V.Surface3D(xlim=(-5, 5), ylim=(-5, 5), npts=10, cmap="viridis_r"),
                         V.Contours(xlim=(-5, 5), ylim=(-5, 5)), V.Contours(problem=other, runs=())], **SMALL)
    built, _, _ = draw(scene, [])
    assert [p.cmap for p in built.painters] == ["viridis_r", "viridis_r", THEMES["light"].contour_cmap]
    from matplotlib.contour import ContourSet
    fills = [c for c in built.painters[1].ax.collections if isinstance(c, ContourSet) and c.filled]
    assert fills and all(c.cmap.name == "viridis_r" for c in fills)
    assert colormaps["viridis_r"](0.0)[:3] == pytest.approx(to_rgb("#fde725"), abs=0.01)    # low loss: yellow


def test_a_colour_bar_stands_beside_contours_and_surfaces_when_asked():
    scene = Scene("t", problem=P.ill_conditioned, runs=QUAD2[:1],
                  views=[V.Contours(xlim=(-5, 5), ylim=(-5, 5), colorbar=True),
                         V.Surface3D(xlim=(-5, 5), ylim=(-5, 5), npts=10, colorbar=True)], **SMALL)
    built, _, _ = draw(scene, [])
    bars = [ax for ax in built.fig.axes if ax not in [p.ax for p in built.painters]]
    assert len(bars) == 2 and all(ax.get_ylabel() == "loss" for ax in bars)


def test_a_loss_curve_shows_suboptimality_on_a_log_iteration_axis_within_its_limits():
    """LossCurve(minus="p*") plots f − p* (Boyd's figures), xlog spaces the iterations, xlim limits them."""
    run = Run("GD", O.gd(0.1), start=4.0, steps=30)
    scene = Scene("t", problem=P.convex_quadratic, runs=[run],
                  views=[V.LossCurve(minus="p*", log=True, xlog=True, xlim=(0, 20)),
                         V.LossCurve(minus=1.0, ylabel="excess")], **SMALL)
    built, trajs, frames = draw(scene, [30])
    first, second = built.painters
    loss = trajs["GD"].loss
    np.testing.assert_allclose(first.series[0][1], loss - 1.75, atol=1e-12)       # w² − 3w + 4: p* = 1.75
    np.testing.assert_allclose(second.series[0][1], loss - 1.0)
    assert first.ax.get_xscale() == "symlog" and first.ax.get_xlim() == (0, 20) and first.ax.get_yscale() == "log"
    assert first.ax.get_ylabel() == "loss − p*" and second.ax.get_ylabel() == "excess"
    assert near(frames[30], first.ax, (10, loss[10] - 1.75), THEMES["light"].palette[0])


@pytest.mark.parametrize("view,said", [
    (lambda: V.LossCurve(metric="distance", minus=1), r"minus=...\) takes a value off the loss"),
    (lambda: V.LossCurve(minus="best"), r"LossCurve minus must be a number or \"p\*\""),
    (lambda: V.LossCurve(xlim=(-1, 5)), r"iterations start at 0"),
])
def test_loss_curve_options_said_wrong_are_declaration_errors(view, said):
    from gdanim.errors import SceneError
    with pytest.raises(SceneError, match=said):
        view()
