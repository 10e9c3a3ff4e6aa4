"""The passes over a render's pictures, one per kind of thing a format consumes: the blitted
frames, the posed pages, the stills, the explorer's layers, and nothing."""
from __future__ import annotations

import sys

import numpy as np

from gdanim.rendering.frame_pass import FramePass
from gdanim.rendering.job import Job, Shot


def run_passes(job: Job, chosen, progress: bool) -> None:
    """Every pass that a chosen format consumes, in the order of PASSES."""
    for consumes, run_pass in PASSES:
        group = [f for f in chosen if f.consumes == consumes]
        if group:
            run_pass(job, group, progress)


def frames_pass(job: Job, group, progress: bool) -> None:
    """Every frame, blitted, to every format that consumes frames, in order; the frames of still
    steps are kept, so a PNG still is the very frame the animation shows. The frames are drawn
    by worker processes when there are enough of them and cores to spare (``Frames``)."""
    with Frames(job) as frames:                 # workers start before any encoder does
        writers = [job.open(f) for f in group]
        wanted = set(job.stills.values())
        bar = None
        if progress:
            import click
            bar = click.progressbar(length=len(job.frames), label=job.name, file=sys.stderr)
            bar.__enter__()
        try:
            for f, rgb in zip(job.frames, frames):
                shot = Shot(job, f.step, f.index, f.duration, pixels=rgb)
                for w in writers:
                    w.grab(shot)
                if f.step in wanted:
                    job.captured[f.step] = rgb
                if bar is not None:
                    bar.update(1)
        finally:
            if bar is not None:
                bar.__exit__(None, None, None)


class Frames:
    """The pixels of every frame of ``job``, in order: drawn here, one after the other, or by
    ``job.processes`` forked workers (each a copy of this process with the figure laid out and its
    background cached; gdanim.workers), which give the same pixels, so the same bytes. A frame a
    worker could not draw is drawn here, where its error is raised as it would be without workers;
    the frames after it are drawn here too."""

    def __init__(self, job: Job):
        self.job = job
        self.pool = None
        count = job.processes
        if count > 1:
            from gdanim.runtime.workers import Pool
            if job.frame_pass is None:
                job.frame_pass = FramePass(job.figure)
            w, h = job.size
            fp, frames = job.frame_pass, job.frames
            self.pool = Pool(lambda i: fp.draw(frames[i].step, frames[i].index), len(frames), w * h * 3, count)

    def __iter__(self):
        job, done = self.job, 0
        if self.pool is not None:
            from gdanim.runtime.workers import WorkerFailed
            w, h = job.size
            try:
                for data in self.pool.results():
                    job.drawn.pop(job.frames[done].index, None)
                    yield np.frombuffer(data, np.uint8).reshape(h, w, 3)
                    done += 1
            except WorkerFailed:
                self.close()
        for f in job.frames[done:]:
            yield job.take(f)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def pages_pass(job: Job, group, progress: bool) -> None:
    """The figure posed at every frame (fully drawn) for vector pages."""
    job.figure.set_animated(False)
    writers = [job.open(f) for f in group]
    for f in job.frames:
        shot = Shot(job, f.step, f.index, f.duration)
        for w in writers:
            w.grab(shot)


def stills_pass(job: Job, group, progress: bool) -> None:
    """The final state and every declared still."""
    job.figure.set_animated(False)
    writers = [job.open(f) for f in group]
    for label, step in job.stills.items():
        shot = Shot(job, step, job.frame_of(step), label=label)
        for w in writers:
            w.grab(shot)


def nothing_pass(job: Job, group, progress: bool) -> None:
    """Formats that write from the scene and trajectories alone (alt text): they only finish."""
    for f in group:
        job.open(f)


def layers_pass(job: Job, group, progress: bool) -> None:
    """The figure as a static and a moving layer, handed once to each format (the explorer),
    which draws from it when it finishes."""
    layers = job.layers()
    for f in group:
        job.open(f).grab(layers)


PASSES = (("frames", frames_pass), ("pages", pages_pass), ("stills", stills_pass), ("nothing", nothing_pass),
          ("layers", layers_pass))
