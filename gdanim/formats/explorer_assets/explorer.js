/* gdanim explorer: draws a scene's moving layer over its prerendered static layer, frame by frame.
   The data (gdanim/explorer.py) holds the static image, the camera crops of 3-D panels, and for
   every sweep value and frame the drawables read off matplotlib's artists. No network access. */
function gdanimExplorer(root) {
  "use strict";
  if (!root || root.dataset.gxReady) return;
  root.dataset.gxReady = "1";
  const D = JSON.parse(root.querySelector("script.gx-data").textContent);
  const canvas = root.querySelector("canvas");
  const ctx = canvas.getContext("2d");
  const pools = D.pools.map(([cols, b64]) => {
    const bin = atob(b64), bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    if (cols > 0) return {cols: cols, data: new Float32Array(bytes.buffer)};
    const q = new Int16Array(bytes.buffer), d = new Float32Array(q.length);     // sixteenths of a pixel
    for (let i = 0; i < q.length; i++) d[i] = q[i] / 16;
    return {cols: -cols, data: d};
  });
  const N = D.steps.length;
  const S = {pos: N - 1, variant: D.sweep && D.sweep.grid ? D.sweep.start : 0, playing: false, speed: 1, mode: D.mode, dir: 1, acc: 0, last: 0,
             views: D.views3d.map(v => ({e: Math.floor(v.default / v.azims.length), a: 0}))};
  const images = {};
  function image(url, then) {
    if (images[url]) return images[url].complete ? images[url] : null;
    const im = new Image();
    images[url] = im;
    im.onload = then;
    im.src = url;
    return im.complete ? im : null;
  }
  const css = c => c ? `rgba(${c[0]},${c[1]},${c[2]},${c[3]})` : null;
  const CAPS = {round: "round", butt: "butt", projecting: "square"};

  /* ---- geometry ---- */
  function verts(ref) {           // [pool, rows] -> Float32Array view of rows*cols numbers (rows -1: the step + 1)
    const p = pools[ref[0]];
    return {cols: p.cols, n: ref[1] < 0 ? D.steps[S.pos] + 1 : ref[1], d: p.data};
  }
  function project(view, cam, v) {   // 3-D data -> canvas pixels with the view's camera
    const M = cam.M, A = cam.A, out = new Float32Array(v.n * 2);
    for (let i = 0; i < v.n; i++) {
      const x = v.d[3 * i], y = v.d[3 * i + 1], z = v.d[3 * i + 2];
      const w = M[3][0] * x + M[3][1] * y + M[3][2] * z + M[3][3];
      const px = (M[0][0] * x + M[0][1] * y + M[0][2] * z + M[0][3]) / w;
      const py = (M[1][0] * x + M[1][1] * y + M[1][2] * z + M[1][3]) / w;
      out[2 * i] = A[0][0] * px + A[0][1] * py + A[0][2];
      out[2 * i + 1] = A[1][0] * px + A[1][1] * py + A[1][2];
    }
    return {cols: 2, n: v.n, d: out};
  }
  function polyline(v) {
    ctx.beginPath();
    let pen = false;
    for (let i = 0; i < v.n; i++) {
      const x = v.d[v.cols * i], y = v.d[v.cols * i + 1];
      if (!isFinite(x) || !isFinite(y)) { pen = false; continue; }
      if (pen) ctx.lineTo(x, y); else { ctx.moveTo(x, y); pen = true; }
    }
  }
  function shape(vs, codes, dx, dy) {       // a matplotlib path: a code per vertex (M L Q Q C C C Z)
    for (let i = 0; i < codes.length;) {
      const c = codes[i];
      if (c === "M") { ctx.moveTo(vs[i][0] + dx, vs[i][1] + dy); i += 1; }
      else if (c === "Q") { ctx.quadraticCurveTo(vs[i][0] + dx, vs[i][1] + dy, vs[i + 1][0] + dx, vs[i + 1][1] + dy); i += 2; }
      else if (c === "C") {
        ctx.bezierCurveTo(vs[i][0] + dx, vs[i][1] + dy, vs[i + 1][0] + dx, vs[i + 1][1] + dy, vs[i + 2][0] + dx, vs[i + 2][1] + dy);
        i += 3;
      } else if (c === "Z") { ctx.closePath(); i += 1; }
      else { ctx.lineTo(vs[i][0] + dx, vs[i][1] + dy); i += 1; }
    }
  }
  function markers(st, v, colors) {
    const m = st.m;
    for (let i = 0; i < v.n; i++) {
      const x = v.d[v.cols * i], y = v.d[v.cols * i + 1];
      if (!isFinite(x) || !isFinite(y)) continue;
      ctx.beginPath();
      shape(m.v, m.c, x, y);
      for (const [w, c] of st.fx || []) { ctx.lineWidth = w; ctx.strokeStyle = css(c); ctx.stroke(); }
      const face = colors ? [colors.d[4 * i], colors.d[4 * i + 1], colors.d[4 * i + 2], colors.d[4 * i + 3] / 255] : st.mf;
      if (face) { ctx.fillStyle = css(face); ctx.fill(); }
      if (st.me && st.mw > 0) { ctx.lineWidth = st.mw; ctx.strokeStyle = css(st.me); ctx.stroke(); }
    }
  }

  /* ---- drawables ---- */
  function drawOne(item) {
    const st = D.styles[item[0]];
    ctx.save();
    if (st.clip) { ctx.beginPath(); ctx.rect(st.clip[0], st.clip[1], st.clip[2], st.clip[3]); ctx.clip(); }
    ctx.lineJoin = "round"; ctx.lineCap = "round";
    if (st.k === "line") {
      let v = verts(item[1]);
      if (st.ax3d !== undefined) {
        const vw = D.views3d[st.ax3d], s = S.views[st.ax3d];
        v = project(vw, vw.cameras[s.e * vw.azims.length + s.a], v);
      }
      if (st.stroke) {
        polyline(v);
        for (const [w, c] of st.fx || []) { ctx.lineWidth = w; ctx.strokeStyle = css(c); ctx.stroke(); }
        ctx.lineWidth = st.lw; ctx.strokeStyle = css(st.stroke);
        ctx.lineCap = CAPS[st.cap] || "butt"; ctx.lineJoin = st.join || "round";
        if (st.dash) ctx.setLineDash(st.dash);
        ctx.stroke();
        ctx.setLineDash([]);
      }
      if (st.m) markers(st, v, null);
    } else if (st.k === "dots") {
      markers(st, verts(item[1]), item.length > 2 ? verts(item[2]) : null);
    } else if (st.k === "text") {
      const [lines, box] = [item[1], item[2]];
      if (box && st.box) {
        ctx.beginPath(); shape(box[0], box[1], 0, 0);
        if (st.box.fill) { ctx.fillStyle = css(st.box.fill); ctx.fill(); }
        if (st.box.stroke && st.box.lw > 0) { ctx.lineWidth = st.box.lw; ctx.strokeStyle = css(st.box.stroke); ctx.stroke(); }
      }
      ctx.font = st.font; ctx.textBaseline = "alphabetic"; ctx.textAlign = "left";
      for (const [text, x, y] of lines) {
        for (const [w, c] of st.fx || []) { ctx.lineWidth = w; ctx.strokeStyle = css(c); ctx.strokeText(text, x, y); }
        ctx.fillStyle = css(st.fill); ctx.fillText(text, x, y);
      }
    } else if (st.k === "sprite") {
      const [x, y, url] = D.sprites[st.i], im = image(url, draw);
      if (im) ctx.drawImage(im, x, y);
    } else if (st.k === "paths") {
      for (const [ref, codes] of item[1]) {
        const v = verts(ref), vs = [];
        for (let i = 0; i < v.n; i++) vs.push([v.d[2 * i], v.d[2 * i + 1]]);
        ctx.beginPath(); shape(vs, codes, 0, 0);
        if (st.fill) { ctx.fillStyle = css(st.fill); ctx.fill(); }
        if (st.stroke && st.lw > 0) { ctx.lineWidth = st.lw; ctx.strokeStyle = css(st.stroke); ctx.stroke(); }
      }
    }
    ctx.restore();
  }
  function draw() {
    const bg = image(D.background, draw);
    if (!bg) return;
    if (!root.dataset.gxPainted) { root.dataset.gxPainted = "1"; performance.mark("gdanim-first-paint"); }
    ctx.drawImage(bg, 0, 0);
    D.views3d.forEach((vw, k) => {
      const s = S.views[k], idx = s.e * vw.azims.length + s.a;
      if (idx === vw.default) return;
      const im = image(vw.images[idx], draw);
      if (im) ctx.drawImage(im, vw.crop[0], vw.crop[1]);
    });
    for (const i of D.variants[S.variant][S.pos]) drawOne(D.items[i]);
    readout();
  }

  /* ---- controls ---- */
  const el = (tag, attrs, text) => {
    const e = document.createElement(tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const uid = "gx" + Math.random().toString(36).slice(2, 8);
  const bar = el("div", {class: "gx-controls", role: "group", "aria-label": "animation controls"});
  const play = el("button", {type: "button", class: "gx-play", "aria-label": "play"}, "▶");
  const scrub = el("input", {type: "range", min: 0, max: N - 1, step: 1, value: S.pos, class: "gx-step",
                             id: uid + "-step", "aria-label": "step"});
  const stepOut = el("output", {class: "gx-stepout", for: uid + "-step", "aria-live": "polite"});
  const speed = el("select", {class: "gx-speed", id: uid + "-speed"});
  for (const v of [0.25, 0.5, 1, 2, 4]) { const o = el("option", {value: v}, v + "×"); if (v === 1) o.selected = true; speed.append(o); }
  const mode = el("select", {class: "gx-mode", id: uid + "-mode"});
  for (const [v, t] of [["loop", "loop"], ["once", "once"], ["bounce", "back and forth"]]) {
    const o = el("option", {value: v}, t); if (v === D.mode) o.selected = true; mode.append(o);
  }
  const labelled = (text, control) => { const l = el("label", {for: control.id}, text); return [l, control]; };
  bar.append(play, ...labelled("step", scrub), stepOut, ...labelled("speed", speed), ...labelled("at the end", mode));
  const rows = N > 1 ? [bar] : [];           // a still: nothing to play
  let sweep = null, sweepOut = null, pair = null;
  if (D.sweep && D.sweep.grid) {      // a sweep over two fields: a slider for each, the variant their pair
    const nb = D.sweep.values[1].length;
    const row = el("div", {class: "gx-controls gx-sweep-row", role: "group", "aria-label": "sweep"});
    pair = D.sweep.over.map((over, d) => el("input", {type: "range", min: 0, max: D.sweep.values[d].length - 1, step: 1,
      value: d ? S.variant % nb : Math.floor(S.variant / nb), class: "gx-sweep gx-sweep" + d, id: `${uid}-sweep${d}`,
      "aria-label": over}));
    sweepOut = el("output", {class: "gx-sweepout", for: pair.map(p => p.id).join(" ")});
    row.append(...labelled(D.sweep.over[0], pair[0]), ...labelled(D.sweep.over[1], pair[1]), sweepOut);
    rows.push(row);
  } else if (D.sweep) {
    const row = el("div", {class: "gx-controls gx-sweep-row", role: "group", "aria-label": "sweep"});
    sweep = el("input", {type: "range", min: 0, max: D.sweep.labels.length - 1, step: 1, value: 0, class: "gx-sweep",
                         id: uid + "-sweep", "aria-label": D.sweep.over});
    sweepOut = el("output", {class: "gx-sweepout", for: uid + "-sweep"});
    row.append(...labelled(D.sweep.over, sweep), sweepOut);
    rows.push(row);
  }
  const turners = D.views3d.map((vw, k) => {
    // which panel each row turns, where there are two: its title, or its number where titles repeat
    const titles = D.views3d.map(v => v.title), unique = new Set(titles).size === titles.length;
    const name = D.views3d.length < 2 ? null : (unique && vw.title ? vw.title : `3-D view ${k + 1}`);
    const row = el("div", {class: "gx-controls gx-view-row", role: "group",
                           "aria-label": name ? `3-D view: ${name}` : "3-D view " + (k + 1)});
    if (name) row.append(el("span", {class: "gx-viewname"}, name + ":"));
    const az = el("input", {type: "range", min: 0, max: vw.azims.length - 1, step: 1, value: 0, class: "gx-azim",
                            id: `${uid}-az${k}`});
    const ev = el("input", {type: "range", min: 0, max: vw.elevs.length - 1, step: 1, value: S.views[k].e, class: "gx-elev",
                            id: `${uid}-el${k}`});
    const out = el("output", {class: "gx-viewout"});
    row.append(...labelled("azimuth", az), ...labelled("elevation", ev), out);
    rows.push(row);
    const sync = () => {
      az.value = S.views[k].a; ev.value = S.views[k].e;
      out.textContent = `${(((vw.azims[S.views[k].a] + 180) % 360 + 360) % 360 - 180).toFixed(0)}°, ${vw.elevs[S.views[k].e].toFixed(0)}°`;
    };
    az.addEventListener("input", () => { S.views[k].a = +az.value; sync(); draw(); });
    ev.addEventListener("input", () => { S.views[k].e = +ev.value; sync(); draw(); });
    sync();
    return sync;
  });
  const losses = el("div", {class: "gx-losses", "aria-live": "off"});
  rows.push(losses);
  root.append(...rows);

  function visibleRuns() {
    return D.runs.filter(r => !r.swept || !D.sweep || r.label === D.sweep.labels[S.variant]);
  }
  function readout() {
    scrub.value = S.pos;
    stepOut.textContent = `step ${D.steps[S.pos]} / ${D.total}`;
    if (sweep) { sweep.value = S.variant; sweepOut.textContent = D.sweep.values[S.variant]; }
    if (pair) {
      const nb = D.sweep.values[1].length, i = Math.floor(S.variant / nb), j = S.variant % nb;
      pair[0].value = i; pair[1].value = j;
      sweepOut.textContent = `${D.sweep.over[0]} ${D.sweep.values[0][i]}, ${D.sweep.over[1]} ${D.sweep.values[1][j]}`;
    }
    losses.replaceChildren(...visibleRuns().map(r => {
      const chip = el("span", {class: "gx-loss"});
      const dot = el("span", {class: "gx-dot"}); dot.style.background = r.color;
      chip.append(dot, `${r.label}: loss ${r.loss[S.pos]}` + (r.ends && r.ends[S.pos] ? ` (${r.ends[S.pos]})` : ""));
      return chip;
    }));
  }
  function go(pos) { S.pos = Math.max(0, Math.min(N - 1, pos)); S.acc = 0; draw(); }
  function setPlaying(on) {
    S.playing = on && N > 1;
    play.textContent = S.playing ? "❚❚" : "▶";
    play.setAttribute("aria-label", S.playing ? "pause" : "play");
    if (S.playing) { if (S.pos === N - 1 && S.mode !== "bounce") S.pos = 0; S.last = performance.now(); requestAnimationFrame(tick); }
  }
  function advance(seconds) {     // play on by this much time: each frame keeps its duration
    S.acc += seconds * S.speed;
    let moved = false;
    while (S.playing && S.acc >= D.durations[S.pos]) {
      S.acc -= D.durations[S.pos];
      let next = S.pos + S.dir;
      if (next >= N || next < 0) {
        if (S.mode === "once") { setPlaying(false); break; }
        if (S.mode === "bounce") { S.dir = -S.dir; next = S.pos + S.dir; }
        else next = 0;
      }
      S.pos = Math.max(0, Math.min(N - 1, next)); moved = true;
    }
    if (moved) draw();
  }
  function tick(now) {
    if (!S.playing) return;
    advance((now - S.last) / 1000);
    S.last = now;
    if (S.playing) requestAnimationFrame(tick);
  }
  play.addEventListener("click", () => setPlaying(!S.playing));
  scrub.addEventListener("input", () => { setPlaying(false); go(+scrub.value); });
  speed.addEventListener("change", () => { S.speed = +speed.value; });
  mode.addEventListener("change", () => { S.mode = mode.value; S.dir = 1; });
  if (sweep) sweep.addEventListener("input", () => { S.variant = +sweep.value; draw(); });
  if (pair) for (const p of pair) p.addEventListener("input", () => {
    S.variant = +pair[0].value * D.sweep.values[1].length + +pair[1].value; draw();
  });

  function key(ev) {
    const t = ev.target, typing = t && (t.tagName === "SELECT" || (t.tagName === "INPUT" && t !== scrub));
    if (ev.key === " " && !(t && t.tagName === "BUTTON")) { ev.preventDefault(); setPlaying(!S.playing); }
    else if (typing) return;
    else if (ev.key === "ArrowRight" && t !== scrub) { ev.preventDefault(); setPlaying(false); go(S.pos + 1); }
    else if (ev.key === "ArrowLeft" && t !== scrub) { ev.preventDefault(); setPlaying(false); go(S.pos - 1); }
    else if (ev.key === "Home") { ev.preventDefault(); setPlaying(false); go(0); }
    else if (ev.key === "End") { ev.preventDefault(); setPlaying(false); go(N - 1); }
  }
  canvas.tabIndex = 0;
  root.addEventListener("keydown", key);
  if (document.body.classList.contains("gx-page"))      // a page of its own: keys work unfocused too
    document.addEventListener("keydown", ev => { if (ev.target === document.body) key(ev); });

  /* ---- turning a 3-D panel by dragging ---- */
  function scale() { const r = canvas.getBoundingClientRect(); return [canvas.width / r.width, r]; }
  let drag = null;
  canvas.addEventListener("pointerdown", ev => {
    const [k, r] = scale(), x = (ev.clientX - r.left) * k, y = (ev.clientY - r.top) * k;
    const i = D.views3d.findIndex(v => x >= v.crop[0] && x < v.crop[0] + v.crop[2] && y >= v.crop[1] && y < v.crop[1] + v.crop[3]);
    if (i < 0) return;
    drag = {i: i, x: ev.clientX, y: ev.clientY, a: S.views[i].a, e: S.views[i].e};
    canvas.setPointerCapture(ev.pointerId);
    ev.preventDefault();
  });
  canvas.addEventListener("pointermove", ev => {
    if (!drag) return;
    const vw = D.views3d[drag.i], n = vw.azims.length;
    const a = ((drag.a - Math.round((ev.clientX - drag.x) / 12)) % n + n) % n;
    const e = Math.max(0, Math.min(vw.elevs.length - 1, drag.e + Math.round((ev.clientY - drag.y) / 30)));
    if (a !== S.views[drag.i].a || e !== S.views[drag.i].e) { S.views[drag.i] = {a: a, e: e}; turners[drag.i](); draw(); }
  });
  const end = () => { drag = null; };
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);
  if (D.views3d.length) canvas.classList.add("gx-turnable");

  if (D.fonts) {                  // the figure's own font, embedded: draw once it is ready
    const sheet = document.createElement("style");
    sheet.textContent = D.fonts;
    root.append(sheet);
    const fonts = [...new Set(D.styles.filter(s => s.k === "text").map(s => s.font))];
    Promise.all(fonts.map(f => document.fonts.load(f))).then(draw, draw);
  } else draw();
  root.gdanim = {go: go, state: S, draw: draw, advance: advance, play: setPlaying};
}
