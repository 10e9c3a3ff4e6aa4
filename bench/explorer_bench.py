"""The explorer in headless Chromium: file size, first paint (navigation start to the first frame
drawn, the page's own ``gdanim-first-paint`` mark) and the time to draw a frame while scrubbing
(the whole scrubber, front to back, timed in the page), for the momentum figure with its 10-value
learning-rate sweep and the two heaviest pages of the catalogue (3-D panels, a moving contour fill).
Run by ``make bench``; prints each figure against its target."""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

SCENES = ("momentum_lr_sweep", "loss_surface_3d", "logistic_regression")
SCRUB = """(() => { const g = document.querySelector('.gdanim-explorer').gdanim, n = g.state.pos + 1, t = [];
  for (let r = 0; r < 3; r++) for (let i = 0; i < n; i++) { const t0 = performance.now(); g.go(i); t.push(performance.now() - t0); }
  t.sort((a, b) => a - b); return [t[Math.floor(t.length / 2)], t[t.length - 1]]; })()"""


def main() -> None:
    from browser import Chromium
    with tempfile.TemporaryDirectory() as tmp:
        for name in SCENES:
            subprocess.run([str(Path(sys.executable).parent / "gdanim"), "render", f"scenes/{name}.py", "--out", tmp,
                            "--format", "html"], cwd=ROOT, check=True, capture_output=True)
        browser = Chromium(1400, 1000)
        try:
            print("explorer (--format html) in headless Chromium, from file://")
            for name in SCENES:
                page = Path(tmp) / f"{name}.html"
                paints = []
                for _ in range(3):
                    browser.open(page.as_uri())
                    browser.evaluate("new Promise(r => setTimeout(r, 50))")
                    paints.append(browser.evaluate(
                        "performance.getEntriesByName('gdanim-first-paint')[0].startTime") / 1000)
                median, worst = browser.evaluate(SCRUB)
                size = page.stat().st_size / 1e6
                size_target = "≤ 1.5 MB" if name == "momentum_lr_sweep" else ""
                print(f"  {name:22s} {size:5.2f} MB {size_target:9s}  first paint {statistics.median(paints):.2f} s "
                      f"(target < 1 s)  scrubbing: {median:.1f} ms a frame, worst {worst:.1f} ms")
                assert not browser.problems()
        finally:
            browser.close()


if __name__ == "__main__":
    main()
