"""RGB frames to the yuv420p planes that H.264 encodes (BT.709, studio range), converted here
rather than by ffmpeg's scaler: only the squares that changed since the previous frame are
converted (gdanim.frame_diff, whose answer the GIF encoder shares), and half the bytes go down
ffmpeg's pipe. ffmpeg's scaler converted every pixel of every frame: 0.18 s of CPU per 100 frames
at 1280×720, against 0.05 s here. No library converts only part of a frame, so it is written out."""
from __future__ import annotations

import numpy as np

from gdanim.encode.frame_diff import changed_tiles, kept

# ITU-R BT.709-6 (Kr 0.2126, Kb 0.0722) in 8-bit studio range, times 2**16: Y = 16 + 219/255 (Kr R
# + Kg G + Kb B); Cb and Cr = 128 + 224/255 of (B - Y) / 1.8556 and (R - Y) / 1.5748. Each chroma
# row sums to 0, so a grey has no colour.
Y_RGB = (11966, 40254, 4064)
CB_RGB = (-6596, -22189, 28785)
CR_RGB = (28785, -26146, -2639)


class Yuv420:
    """One frame's yuv420p bytes, kept from frame to frame: ``frame(rgb)`` converts what changed
    and returns the buffer (valid until the next call). Each chroma sample is the mean of its 2×2
    pixels. Width and height must be even.

    >>> conv = Yuv420(2, 2)
    >>> conv.frame(np.full((2, 2, 3), 255, np.uint8)).tolist()       # white: Y 235, no colour
    [235, 235, 235, 235, 128, 128]
    """

    def __init__(self, w: int, h: int):
        self.w, self.h = w, h
        self.buffer = np.empty(w * h * 3 // 2, np.uint8)
        self.y = self.buffer[: w * h].reshape(h, w)
        self.cb = self.buffer[w * h: w * h * 5 // 4].reshape(h // 2, w // 2)
        self.cr = self.buffer[w * h * 5 // 4:].reshape(h // 2, w // 2)
        self.before = None

    def frame(self, rgb: np.ndarray) -> np.ndarray:
        if rgb.shape != (self.h, self.w, 3):
            raise ValueError(f"a frame of shape {rgb.shape} for a {self.w}×{self.h} video")
        if self.before is None:
            boxes = [(0, self.h, 0, self.w)]
        else:
            boxes = changed_tiles(rgb, self.before)     # squares of even size: whole chroma samples
        for y0, y1, x0, x1 in boxes:
            self.convert(rgb[y0:y1, x0:x1], y0, x0)
        self.before = kept(rgb)
        return self.buffer

    def convert(self, px: np.ndarray, y0: int, x0: int) -> None:
        hh, ww = px.shape[:2]
        self.y[y0:y0 + hh, x0:x0 + ww] = weigh(px, Y_RGB, 16) + 16
        quad = px.reshape(hh // 2, 2, ww // 2, 2, 3).sum(axis=(1, 3), dtype=np.int32)   # 4 pixels a sample
        cy, cx = y0 // 2, x0 // 2
        self.cb[cy:cy + hh // 2, cx:cx + ww // 2] = weigh(quad, CB_RGB, 18) + 128
        self.cr[cy:cy + hh // 2, cx:cx + ww // 2] = weigh(quad, CR_RGB, 18) + 128


def weigh(px: np.ndarray, weights, shift: int) -> np.ndarray:
    """(w_r·R + w_g·G + w_b·B) / 2**shift, rounded, in 32-bit integers: the same on every machine
    and with any NumPy (1.x would have kept uint8 × int32 scalar in 16 bits, and overflowed)."""
    out = np.multiply(px[..., 0], weights[0], dtype=np.int32)
    out += np.multiply(px[..., 1], weights[1], dtype=np.int32)
    out += np.multiply(px[..., 2], weights[2], dtype=np.int32)
    out += np.int32(1 << (shift - 1))
    out >>= shift
    return out
