"""The vector formats written by a process of their own beside the frame pass."""
from __future__ import annotations

from pathlib import Path

from gdanim.rendering.job import Job
from gdanim.rendering.passes import run_passes


class Beside:
    """The formats whose writers only draw the posed figure (PDF, beamer: ``Format.posed_only``),
    written by a process forked before the frame pass instead of after it, when the render has
    cores to spare and other formats to write meanwhile: the operating system shares the cores
    between it, the frame workers and the encoders. The bytes are the same. If the process cannot
    be forked or fails (an error, or it died), its files are removed and the formats are written
    here, where an error is met as it would be without the fork; its warnings are raised here."""

    def __init__(self, job: Job, chosen):
        posed = [f for f in chosen if f.posed_only]
        worth = job.processes > 1 and 0 < len(posed) < len(chosen)
        self.job, self.group = job, (posed if worth else [])
        self.process, self.forked = None, False

    def start(self) -> None:
        if not self.group:
            return
        from gdanim.runtime.side_process import SideProcess
        self.forked = True
        try:
            self.process = SideProcess(self.work)
        except OSError:                 # no process to be had (EAGAIN, ENOMEM): written here
            self.group = []

    def work(self) -> list[tuple[str, str]]:
        """In the forked process: write the group's files; the temporary files made, by name."""
        pending = len(self.job.txn.pending)
        run_passes(self.job, self.group, False)
        self.job.finish()
        return [(str(tmp), final.name) for tmp, final in self.job.txn.pending[pending:]]

    def join(self, progress: bool) -> None:
        """Take the files written beside (they commit with the render's), or write them here."""
        if self.process is None:
            return
        from gdanim.runtime.side_process import SideProcessFailed
        try:
            written = self.process.join()
        except SideProcessFailed:
            self.close()
            run_passes(self.job, self.group, progress)
            return
        self.process = None
        for tmp, name in written:
            self.job.txn.add(Path(tmp), name)

    def close(self) -> None:
        """Stop the process if it still runs, and remove the files it made (it may be called
        again)."""
        if self.process is not None:
            self.process.close()
            self.process = None
        if self.forked:
            self.job.txn.sweep_strays()
