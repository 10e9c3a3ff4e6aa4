"""Loss slices through parameter space (Contours/Surface3D with slice=Slice(...)): the plane's
directions against an independent transcription (PCA by the covariance's eigenvectors, Gram–Schmidt
of the seeded draws), the loss drawn against a direct evaluation (the contour lines' vertices on a
quadratic whose slice is known in closed form), the paths projected onto the plane, the errors."""
import numpy as np
import pytest

from gdanim import Pin, Run, Scene, data, optimizers as O, problems as P, views as V
from gdanim.core.errors import SceneError
from test_render import SMALL, draw, near

NET = P.TinyNetwork(data.Wave(n=30, seed=0), hidden=3)
RUN = Run("GD", O.gd(0.3), start=NET.initial(0), steps=60, color="#009E73")
H3 = np.array([[3.0, 0.5, 0.0], [0.5, 1.0, 0.2], [0.0, 0.2, 0.5]])
BOWL = P.QuadraticForm(H3)


def principal_by_covariance(path, centre):
    """The two leading eigenvectors of the iterates' covariance, signed so the start is negative."""
    vals, vecs = np.linalg.eigh(np.cov(path.T))
    D = vecs[:, np.argsort(vals)[::-1][:2]]
    D[:, (path[0] - centre) @ D > 0] *= -1
    return D, vals[np.argsort(vals)[::-1][:2]] / vals.sum()


def test_a_pca_slice_is_the_plane_of_the_paths_principal_directions_through_its_end():
    scene = Scene("t", problem=NET, runs=[RUN], views=[V.Contours(slice=V.Slice("pca"))], **SMALL)
    built, trajs, frames = draw(scene, [0, 60], texts=False)
    painter, path = built.painters[0], trajs["GD"].params
    plane = painter.plane
    D, share = principal_by_covariance(path, path[-1])
    np.testing.assert_allclose(plane.basis.D, D, atol=1e-9)
    np.testing.assert_allclose(plane.basis.centre, path[-1])
    assert painter.ax.get_xlabel() == f"PC1 ({100 * share[0]:.0f}% of the path's variance)"
    # the loss on the panel's grid is the loss at centre + a·d1 + b·d2, evaluated point by point
    A, B, pts = plane.grid(7)
    for a, b, p in zip(A.ravel(), B.ravel(), pts):
        assert NET.values_on(p[None])[0] == pytest.approx(NET.value(path[-1] + a * D[:, 0] + b * D[:, 1]), rel=1e-12)
    # the path drawn is each iterate projected onto the plane, ending at its centre
    line = painter.paths[0].line
    np.testing.assert_allclose(np.column_stack(line.get_data()), (path - path[-1]) @ D, atol=1e-12)
    head = painter.paths[0].head.get_color()
    assert near(frames[60], painter.ax, (0.0, 0.0), head) and not near(frames[0], painter.ax, (0.0, 0.0), head)
    assert painter.xlim[0] < ((path[0] - path[-1]) @ D)[0] < 0 < painter.xlim[1]


def test_the_contours_drawn_on_a_slice_are_the_level_sets_of_the_loss_on_that_plane():
    u = np.array([1.0, 1.0, 0.0]) / np.sqrt(2)
    v = np.array([0.0, 0.0, 1.0])
    centre = np.array([0.3, -0.2, 0.1])
    levels = (0.5, 1.0, 2.0)
    view = V.Contours(slice=V.Slice((tuple(u), tuple(v)), centre=tuple(centre)), xlim=(-1.5, 1.5), ylim=(-1.5, 1.5),
                      levels=levels, filled=False, labels=False)
    built, _, _ = draw(Scene("t", problem=BOWL, pins=[Pin("p", (0.1, 0.1, 0.1))], views=[view], **SMALL), [0])
    ax = built.painters[0].ax
    (lines,) = [c for c in ax.collections if hasattr(c, "levels")]
    assert tuple(lines.levels) == levels
    for level, path in zip(lines.levels, lines.get_paths()):
        ab = path.vertices
        assert len(ab) > 20
        w = centre + ab[:, :1] * u + ab[:, 1:] * v                      # back in parameter space
        np.testing.assert_allclose(np.einsum("ki,ij,kj->k", w, H3, w), level, rtol=2e-3)
    assert ax.get_xlabel() == "direction 1"
    # the star is drawn only where the minimum lies on the plane: not through this centre
    assert not [ln for ln in ax.lines if ln.get_label() == "minimum"]
    built, _, _ = draw(Scene("t", problem=BOWL, views=[V.Contours(slice=V.Slice((tuple(u), tuple(v)), centre=(0, 0, 0)),
                                                                  xlim=(-1, 1), ylim=(-1, 1))], **SMALL), [0])
    (star,) = [ln for ln in built.painters[0].ax.lines if ln.get_marker() == "*"]
    np.testing.assert_allclose(np.ravel(star.get_data()), [0, 0], atol=1e-12)


def test_a_random_slice_is_seeded_and_orthonormal_and_two_parameters_are_the_plane_through_the_centre():
    def gram_schmidt(seed):
        r = np.random.RandomState(seed).randn(NET.dim, 2)
        a = r[:, 0] / np.linalg.norm(r[:, 0])
        b = r[:, 1] - (r[:, 1] @ a) * a
        return np.column_stack([a, b / np.linalg.norm(b)])

    scene = Scene("t", problem=NET, runs=[RUN], views=[
        V.Contours(slice=V.Slice("random", seed=4)), V.Contours(slice=V.Slice("random", seed=4)),
        V.Contours(slice=V.Slice("random", seed=5)), V.Surface3D(slice=V.Slice(("w2", "c")), npts=10)], **SMALL)
    built, trajs, _ = draw(scene, [60])
    path = trajs["GD"].params
    bases = [p.plane.basis.D for p in built.painters]
    for D, seed in zip(bases[:3], (4, 4, 5)):
        np.testing.assert_allclose(np.abs(D), np.abs(gram_schmidt(seed)), atol=1e-12)      # QR's sign is its own
        np.testing.assert_allclose(D.T @ D, np.eye(2), atol=1e-12)
    assert np.array_equal(bases[0], bases[1]) and not np.allclose(np.abs(bases[0]), np.abs(bases[2]))
    surface = built.painters[3]
    A, B, pts = surface.plane.grid(4)
    expected = np.tile(path[-1], (16, 1))
    expected[:, NET.names.index("w2")], expected[:, NET.names.index("c")] = A.ravel(), B.ravel()
    np.testing.assert_allclose(pts, expected)
    traj, line, head, drop, xy = surface.lines[0]
    x, y, z = line.get_data_3d()
    assert (x[-1], y[-1]) == pytest.approx((path[-1, 1], path[-1, -1]), rel=1e-12)
    assert z[-1] == pytest.approx(trajs["GD"].loss[-1])
    assert (surface.ax.get_xlabel(), surface.ax.get_ylabel()) == ("w2", "c")
    assert surface.xlim[0] < path[-1, 1] < surface.xlim[1] and surface.ylim[0] < path[-1, -1] < surface.ylim[1]


def test_the_arrows_on_a_slice_are_the_gradient_of_the_loss_restricted_to_it():
    u, v = np.array([1.0, 0, 0]), np.array([0, 0.6, 0.8])
    view = V.Contours(slice=V.Slice((tuple(u), tuple(v)), centre=(0, 0, 0)), xlim=(-1, 1), ylim=(-1, 1), arrows=True,
                      arrow_grid=3, arrow_scale=0.1, arrow_direction="ascent")
    built, _, _ = draw(Scene("t", problem=BOWL, pins=[Pin("p", (0.1, 0.1, 0.1))], views=[view], **SMALL), [0])
    (quiver,) = [c for c in built.painters[0].ax.collections if type(c).__name__ == "Quiver"]
    for (a, b), U, Vv in zip(quiver.get_offsets(), quiver.U, quiver.V):
        w = a * u + b * v
        g = 2 * H3 @ w
        assert (U, Vv) == pytest.approx((0.1 * g @ u, 0.1 * g @ v), abs=1e-12)


@pytest.mark.parametrize("make, said", [
    (lambda: V.Slice("pcaa"), r"unknown Slice directions 'pcaa'; did you mean 'pca'\?"),
    (lambda: V.Slice(("w1",)), r"Slice directions must be two \(parameters or vectors\), got 1"),
    (lambda: V.Slice(("w1", "w1")), r"Slice directions must be two different parameters, got 'w1' twice"),
    (lambda: V.Slice(centre="middle"), r"unknown Slice centre 'middle'"),
    (lambda: V.Contours(slice="pca"), r"Contours.slice must be a Slice"),
    (lambda: V.Contours(slice=V.Slice(), axes=("w1", "w2")), r"Contours: a slice is its own plane"),
    (lambda: V.Surface3D(slice=V.Slice(), taylor=(0, 0)), r"Surface3D: the Taylor model is drawn over two parameters"),
    (lambda: Scene("t", problem=NET, runs=[RUN], views=[V.Contours(slice=V.Slice(("w1", "q")))]),
     r"Contours: Slice: no parameter 'q'"),
    (lambda: Scene("t", problem=NET, runs=[RUN], views=[V.Contours(slice=V.Slice(centre=(1, 2)))]),
     r"Contours: the Slice centre must have 10 numbers, got 2"),
    (lambda: Scene("t", problem=NET, runs=[RUN], views=[V.Contours(slice=V.Slice(centre="optimum"))]),
     r"Slice\(centre='optimum'\): TinyNetwork has no known optimum"),
    (lambda: Scene("t", problem=BOWL, views=[V.Contours(slice=V.Slice(((1, 0), (0, 1)), centre=(0, 0, 0)))]),
     r"Contours: a Slice direction must have 3 numbers \(one per parameter\), got 2"),
])
def test_slice_mistakes_are_one_line_declaration_errors(make, said):
    with pytest.raises(SceneError, match=said):
        make()


@pytest.mark.parametrize("views_, said", [
    ([V.Contours(slice=V.Slice("pca"))], r"Contours: Slice\(directions='pca', centre='end'\) takes them from a "
                                          r"run's path, and this panel shows no run"),
    ([V.Contours(slice=V.Slice("random", run="Adam"))], r"Contours: Slice: no run labelled 'Adam' in this panel"),
    ([V.Contours(slice=V.Slice(((1, 0, 0), (2, 0, 0)), centre=(0, 0, 0)))], r"the two Slice directions are parallel"),
])
def test_a_slice_that_cannot_be_drawn_says_why(views_, said):
    runs = [Run("GD", O.gd(0.1), start=(1, 1, 1), steps=5)] if "Adam" in said else []
    with pytest.raises(SceneError, match=said):
        draw(Scene("t", problem=BOWL, runs=runs, pins=[Pin("p", (0.1, 0.1, 0.1))], views=views_, **SMALL), [0])


def test_a_slice_of_two_named_parameters_draws_the_constraint_set_as_contours_axes_does():
    """Slice(directions=("w1", "w3")) through a point is the plane Contours(axes=..., fix=...) draws: the
    ball's outline there (its circle of radius √(r² − w2²) at the centre's w2) is drawn and shaded as on
    Contours, on Contours and on Surface3D; a PCA slice, not a plane of parameters, draws none."""
    from gdanim import constraints as C
    ball = P.Constrained(BOWL, C.Ball(1.0))
    run = Run("pgd", O.projected_gd(0.1), start=(0.6, 0.3, -0.5), steps=20)
    centre = (0.0, 0.6, 0.0)
    sliced = V.Contours(slice=V.Slice(("w1", "w3"), centre=centre), xlim=(-1.2, 1.2), ylim=(-1.2, 1.2))
    fixed = V.Contours(axes=("w1", "w3"), fix={"w2": 0.6}, xlim=(-1.2, 1.2), ylim=(-1.2, 1.2))
    surface = V.Surface3D(slice=V.Slice(("w1", "w3"), centre=centre), xlim=(-1.2, 1.2), ylim=(-1.2, 1.2), npts=12)
    scene = Scene("t", problem=ball, runs=[run], views=[sliced, fixed, surface, V.Contours(slice=V.Slice("pca"))], **SMALL)
    built, _, _ = draw(scene, [0], texts=False)
    outline = [np.asarray(a.get_xydata()) for a in built.painters[0].constraint if hasattr(a, "get_xydata")]
    assert len(outline) == 1 and np.allclose(np.hypot(*outline[0].T), np.sqrt(1 - 0.6 ** 2))
    theirs = [np.asarray(a.get_xydata()) for a in built.painters[1].constraint if hasattr(a, "get_xydata")]
    np.testing.assert_array_equal(outline[0], theirs[0])
    assert len(built.painters[0].constraint) == len(built.painters[1].constraint) == 2       # the shade and the line
    assert len(built.painters[2].constraint) == 2                                             # floor and surface
    assert built.painters[3].constraint == []
    assert [a.get_label() for a in built.painters[0].constraint] == [a.get_label() for a in built.painters[1].constraint]
    assert ball.constraint.describe() in [a.get_label() for a in built.painters[0].constraint]
