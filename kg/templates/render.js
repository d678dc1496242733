/* KGCanvas: the network view's renderer. Canvas 2D, one canvas, no library.
 *
 * Chosen by measurement (benchmarks/bench_renderer.py, benchmarks/results/view.md): where
 * Chromium has no GPU and rasterises WebGL in software, sigma.js took hundreds of milliseconds
 * a frame at 2,000-10,000 nodes, and Canvas 2D paths (vis-network, or arcs batched by colour)
 * cost microseconds a shape in Skia. This renderer
 *   - finds what is on screen with a uniform grid over the layout, and draws only that;
 *   - writes discs and lines straight into an ImageData buffer (a pixel written from script
 *     costs nanoseconds), antialiased: coverage-weighted disc rims, Xiaolin Wu's lines;
 *   - simplifies with the zoom and while the view moves: lines shorter than a pixel are not
 *     drawn, arrowheads only when few relations are on screen, and while the camera moves the
 *     relations are left out (and, at tens of thousands of entities, discs become single
 *     pixels) whenever the last frames say drawing them would not fit the frame budget; the
 *     full picture is drawn as soon as the view rests.
 * Arrowheads, the selection's ring and anything an afterRender listener draws (the page's
 * labels) go on top with Canvas 2D.
 *
 * Positions and radii are in layout units (kg/view.py), y downwards. The camera is {x, y, ratio}:
 * the layout point at the centre of the canvas and the zoom, ratio 1 showing the whole layout
 * and smaller ratios closer. Styles are typed arrays the caller fills (palette indices and
 * flags), then calls refresh(); a frame only culls and draws.
 */
(function () {
  "use strict";

  var TAU = 2 * Math.PI;
  var FRAME_BUDGET = 30;      // ms of drawing a moving frame may take (the rest: labels, compositing)
  var REST_AFTER = 140;       // ms without a camera change before the view counts as resting

  function KGCanvas(container, graph, options) {
    options = options || {};
    this.container = container;
    this.padding = options.padding === undefined ? 24 : options.padding;
    this.minRatio = options.minRatio || 0.002;
    this.maxRatio = options.maxRatio || 4;
    this.background = options.background || "#fbfbf8";
    this.simplify = options.simplify !== false;   // false: every frame in full (benchmarks)
    var n = graph.x.length, m = graph.src.length;
    this.n = n;
    this.m = m;
    this.x = Float64Array.from(graph.x);
    this.y = Float64Array.from(graph.y);
    this.r = Float64Array.from(graph.r);
    this.src = Int32Array.from(graph.src);
    this.dst = Int32Array.from(graph.dst);
    this.palette = ["#888888"];
    this.nodeColour = new Uint16Array(n);     // palette index
    this.nodeHidden = new Uint8Array(n);
    this.nodeLayer = new Uint8Array(n).fill(1);   // 0 dimmed, 1 normal, 2 landmark, 3 on top
    this.nodeRing = new Uint8Array(n);        // 1: a dark ring around it (the selection)
    this.edgeColour = new Uint16Array(m);
    this.edgeHidden = new Uint8Array(m);
    this.edgeWide = new Uint8Array(m);        // 1: wider and stronger (the selection's relations)

    var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity, rmax = 0;
    for (var i = 0; i < n; i++) {
      x0 = Math.min(x0, this.x[i] - this.r[i]); x1 = Math.max(x1, this.x[i] + this.r[i]);
      y0 = Math.min(y0, this.y[i] - this.r[i]); y1 = Math.max(y1, this.y[i] + this.r[i]);
      rmax = Math.max(rmax, this.r[i]);
    }
    if (!n) { x0 = y0 = 0; x1 = y1 = 1; }
    this.bounds = { x0: x0, y0: y0, x1: x1, y1: y1 };
    this.rmax = rmax;
    this._index();

    this.canvas = document.createElement("canvas");
    this.canvas.style.display = "block";
    this.canvas.style.width = "100%";
    this.canvas.style.height = "100%";
    this.canvas.style.touchAction = "none";
    this.canvas.style.outline = "none";
    container.appendChild(this.canvas);
    this.ctx = this.canvas.getContext("2d", { alpha: false });
    this.width = this.height = this.dpr = 1;
    this.camera = this.home();
    this.listeners = {};
    this.frame = null;
    this.anim = null;
    this.moving = false;
    this._restTimer = null;
    // what the last frames cost, per item drawn: the basis of simplifying while moving
    this.cost = { edge: 0.0008, node: 0.0006 };
    this.stats = { nodes: 0, edges: 0, ms: 0, simplified: false };
    this._visNodes = new Int32Array(n);
    this._visEdges = new Int32Array(m);
    this._order = new Int32Array(n);
    this._edgeStamp = new Uint32Array(m);
    this._stamp = 0;
    this._resize();
    this._bind();
  }

  var P = KGCanvas.prototype;

  /* ---- spatial index: a uniform grid of about four nodes a cell; a node is filed in the cell
   * of its centre, a relation in every cell its bounding box covers (one spanning more than 64
   * cells in a list of long ones, looked at every frame) ---- */
  P._index = function () {
    var b = this.bounds, n = this.n, m = this.m, i, k, e, gx, gy;
    var w = b.x1 - b.x0 || 1, h = b.y1 - b.y0 || 1;
    var size = Math.max(Math.sqrt(w * h / Math.max(1, n / 4)), this.rmax * 2, 1e-6);
    var cols = Math.max(1, Math.ceil(w / size) + 1), rows = Math.max(1, Math.ceil(h / size) + 1);
    this.cell = size; this.cols = cols; this.rows = rows;
    var cellOf = new Int32Array(n), start = new Int32Array(cols * rows + 1);
    for (i = 0; i < n; i++) { cellOf[i] = this._row(this.y[i]) * cols + this._col(this.x[i]); start[cellOf[i] + 1]++; }
    for (k = 0; k < cols * rows; k++) start[k + 1] += start[k];
    var fill = start.slice(0, cols * rows), items = new Int32Array(n);
    for (i = 0; i < n; i++) items[fill[cellOf[i]]++] = i;
    this.nodeStart = start;
    this.nodeItems = items;
    var span = new Int32Array(4 * m), long = [], estart = new Int32Array(cols * rows + 1), total = 0;
    for (e = 0; e < m; e++) {
      var s = this.src[e], t = this.dst[e];
      var c0 = this._col(Math.min(this.x[s], this.x[t])), c1 = this._col(Math.max(this.x[s], this.x[t]));
      var r0 = this._row(Math.min(this.y[s], this.y[t])), r1 = this._row(Math.max(this.y[s], this.y[t]));
      if ((c1 - c0 + 1) * (r1 - r0 + 1) > 64) { long.push(e); span[4 * e] = -1; continue; }
      span[4 * e] = c0; span[4 * e + 1] = c1; span[4 * e + 2] = r0; span[4 * e + 3] = r1;
      for (gy = r0; gy <= r1; gy++) for (gx = c0; gx <= c1; gx++) { estart[gy * cols + gx + 1]++; total++; }
    }
    for (k = 0; k < cols * rows; k++) estart[k + 1] += estart[k];
    var efill = estart.slice(0, cols * rows), eitems = new Int32Array(total);
    for (e = 0; e < m; e++) {
      if (span[4 * e] < 0) continue;
      for (gy = span[4 * e + 2]; gy <= span[4 * e + 3]; gy++)
        for (gx = span[4 * e]; gx <= span[4 * e + 1]; gx++) eitems[efill[gy * cols + gx]++] = e;
    }
    this.edgeStart = estart;
    this.edgeItems = eitems;
    this.longEdges = Int32Array.from(long);
  };
  P._col = function (x) { return Math.max(0, Math.min(this.cols - 1, Math.floor((x - this.bounds.x0) / this.cell))); };
  P._row = function (y) { return Math.max(0, Math.min(this.rows - 1, Math.floor((y - this.bounds.y0) / this.cell))); };

  /* ---- camera ---- */
  /* CSS pixels per layout unit at ratio 1: the whole layout fits, with padding */
  P.baseScale = function () {
    var b = this.bounds, pad = this.padding;
    var w = Math.max(this.width - 2 * pad, 10), h = Math.max(this.height - 2 * pad, 10);
    return Math.min(w / Math.max(b.x1 - b.x0, 1e-9), h / Math.max(b.y1 - b.y0, 1e-9));
  };
  P.scale = function (ratio) { return this.baseScale() / (ratio === undefined ? this.camera.ratio : ratio); };
  P.home = function () {
    var b = this.bounds;
    return { x: (b.x0 + b.x1) / 2, y: (b.y0 + b.y1) / 2, ratio: 1 };
  };
  P.getState = function () { return { x: this.camera.x, y: this.camera.y, ratio: this.camera.ratio }; };
  P._clamp = function (ratio) { return Math.min(this.maxRatio, Math.max(this.minRatio, ratio)); };
  P.setState = function (s) {
    if (s.x !== undefined) this.camera.x = s.x;
    if (s.y !== undefined) this.camera.y = s.y;
    if (s.ratio !== undefined) this.camera.ratio = this._clamp(s.ratio);
    this._moved();
    this.refresh();
    this._emit("cameraUpdated", this.getState());
  };
  /* the camera moved: simplify until it rests, then draw in full */
  P._moved = function () {
    var self = this;
    this.moving = true;
    clearTimeout(this._restTimer);
    this._restTimer = setTimeout(function () {
      if (self.anim) return;
      self.moving = false;
      self.refresh();
    }, REST_AFTER);
  };
  /* move the camera smoothly to `target` (any of x, y, ratio); resolves when there */
  P.animate = function (target, duration) {
    var self = this, from = this.getState();
    var to = { x: target.x === undefined ? from.x : target.x, y: target.y === undefined ? from.y : target.y,
               ratio: this._clamp(target.ratio === undefined ? from.ratio : target.ratio) };
    if (this.anim) this.anim.stop();
    duration = duration === undefined ? 400 : duration;
    return new Promise(function (done) {
      var t0 = performance.now(), stopped = false;
      self.anim = { stop: function () { stopped = true; self.anim = null; done(); } };
      function step(now) {
        if (stopped) return;
        var k = Math.min(1, (now - t0) / duration), e = k < 0.5 ? 2 * k * k : 1 - Math.pow(2 - 2 * k, 2) / 2;
        self.camera.ratio = Math.exp(Math.log(from.ratio) + (Math.log(to.ratio) - Math.log(from.ratio)) * e);
        self.camera.x = from.x + (to.x - from.x) * e;
        self.camera.y = from.y + (to.y - from.y) * e;
        self._moved();
        if (k < 1) { self._draw(); requestAnimationFrame(step); return; }
        self.anim = null;
        self.setState(to);
        self.render();
        done();
      }
      requestAnimationFrame(step);
    });
  };

  /* layout point <-> CSS pixels of the canvas */
  P.toScreen = function (x, y) {
    var s = this.scale();
    return { x: (x - this.camera.x) * s + this.width / 2, y: (y - this.camera.y) * s + this.height / 2 };
  };
  P.toLayout = function (px, py) {
    var s = this.scale();
    return { x: (px - this.width / 2) / s + this.camera.x, y: (py - this.height / 2) / s + this.camera.y };
  };
  /* node i: centre and radius in CSS pixels */
  P.nodeScreen = function (i) {
    var p = this.toScreen(this.x[i], this.y[i]);
    p.r = this.r[i] * this.scale();
    return p;
  };

  /* what node i looks like now: centre and radius (CSS pixels), colour, hidden */
  P.getNodeDisplayData = function (key) {
    var i = +key, p = this.nodeScreen(i);
    return { x: p.x, y: p.y, size: p.r, color: this.palette[this.nodeColour[i]], hidden: !!this.nodeHidden[i] };
  };
  /* the number of nodes and relations it draws from */
  P.getGraph = function () { return { order: this.n, size: this.m }; };

  /* the topmost shown node under a point (CSS pixels of the canvas), or -1; a disc smaller
   * than 2 px counts as 2 px, and `slack` px around it count too */
  P.nodeAt = function (px, py, slack) {
    var s = this.scale(), p = this.toLayout(px, py);
    slack = (slack === undefined ? 3 : slack) / s;
    var reach = Math.max(this.rmax, 2 / s) + slack, best = -1, bestLayer = -1, bestD = Infinity;
    var c0 = this._col(p.x - reach), c1 = this._col(p.x + reach), r0 = this._row(p.y - reach), r1 = this._row(p.y + reach);
    for (var gy = r0; gy <= r1; gy++) for (var gx = c0; gx <= c1; gx++) {
      var k = gy * this.cols + gx;
      for (var j = this.nodeStart[k]; j < this.nodeStart[k + 1]; j++) {
        var i = this.nodeItems[j];
        if (this.nodeHidden[i]) continue;
        var dx = this.x[i] - p.x, dy = this.y[i] - p.y, d = Math.sqrt(dx * dx + dy * dy);
        var rr = Math.max(this.r[i], 2 / s);
        if (d > rr + slack) continue;
        var layer = this.nodeLayer[i], gap = d - rr;
        if (layer > bestLayer || (layer === bestLayer && gap < bestD)) { best = i; bestLayer = layer; bestD = gap; }
      }
    }
    return best;
  };

  /* ---- frames ---- */
  /* draw at the next animation frame (once, however often it is asked) */
  P.refresh = function () {
    var self = this;
    if (this.frame !== null || this.anim) return;
    this.frame = requestAnimationFrame(function () { self.frame = null; self._draw(); });
  };
  /* draw now */
  P.render = function () {
    if (this.frame !== null) { cancelAnimationFrame(this.frame); this.frame = null; }
    this._draw();
  };

  P._resize = function () {
    var w = this.container.clientWidth || 1, h = this.container.clientHeight || 1;
    var dpr = Math.min(window.devicePixelRatio || 1, 2);
    this.width = w; this.height = h; this.dpr = dpr;
    this.canvas.width = Math.round(w * dpr);
    this.canvas.height = Math.round(h * dpr);
  };

  P._draw = function () {
    var t0 = performance.now();
    if (this.canvas.width !== Math.round(this.container.clientWidth * this.dpr) ||
        this.canvas.height !== Math.round(this.container.clientHeight * this.dpr)) this._resize();
    var ctx = this.ctx, W = this.width, H = this.height;
    var s = this.scale(), cx = this.camera.x, cy = this.camera.y, ox = W / 2, oy = H / 2;
    var X = this.x, Y = this.y, R = this.r, rmax = this.rmax;
    var lx0 = cx - ox / s, lx1 = cx + ox / s, ly0 = cy - oy / s, ly1 = cy + oy / s;
    var pad = 2 / s;          // a disc drawn at least 1 px wide reaches this far
    var c0 = this._col(lx0 - rmax - pad), c1 = this._col(lx1 + rmax + pad);
    var r0 = this._row(ly0 - rmax - pad), r1 = this._row(ly1 + rmax + pad);
    var gx, gy, k, j, i, e;

    var vis = this._visNodes, nv = 0;
    for (gy = r0; gy <= r1; gy++) for (gx = c0; gx <= c1; gx++) {
      k = gy * this.cols + gx;
      for (j = this.nodeStart[k]; j < this.nodeStart[k + 1]; j++) {
        i = this.nodeItems[j];
        if (this.nodeHidden[i]) continue;
        var ri = R[i] + pad;
        if (X[i] + ri < lx0 || X[i] - ri > lx1 || Y[i] + ri < ly0 || Y[i] - ri > ly1) continue;
        vis[nv++] = i;
      }
    }
    var stamp = ++this._stamp, evis = this._visEdges, ne = 0, seen = this._edgeStamp;
    if (stamp === 0xffffffff) { seen.fill(0); stamp = this._stamp = 1; }
    for (gy = r0; gy <= r1; gy++) for (gx = c0; gx <= c1; gx++) {
      k = gy * this.cols + gx;
      for (j = this.edgeStart[k]; j < this.edgeStart[k + 1]; j++) {
        e = this.edgeItems[j];
        if (seen[e] === stamp || this.edgeHidden[e]) continue;
        seen[e] = stamp;
        evis[ne++] = e;
      }
    }
    for (j = 0; j < this.longEdges.length; j++) if (!this.edgeHidden[this.longEdges[j]]) evis[ne++] = this.longEdges[j];

    // while moving: leave out what the last frames say would not fit the budget
    var simple = this.simplify && this.moving;
    var withEdges = !simple || ne * this.cost.edge + nv * this.cost.node <= FRAME_BUDGET;
    var dots = simple && nv * this.cost.node > FRAME_BUDGET;
    this._rasterise(vis, nv, evis, withEdges ? ne : 0, s, cx, cy, ox, oy, dots);
    var arrows = withEdges && ne <= 1500;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    if (arrows) this._arrows(ctx, evis, ne, s, cx, cy, ox, oy);
    this._rings(ctx, vis, nv, s, cx, cy, ox, oy);
    this.stats.nodes = nv;
    this.stats.edges = withEdges ? ne : 0;
    this.stats.simplified = !withEdges || dots;
    this._emit("afterRender", ctx);
    this.stats.ms = performance.now() - t0;
  };

  /* visible nodes in drawing order: by layer (dimmed, normal, landmarks, on top), then colour */
  P._sortNodes = function (vis, nv) {
    var np = this.palette.length, order = this._order, i, j, k;
    var counts = new Int32Array(4 * np + 1);
    for (j = 0; j < nv; j++) { i = vis[j]; counts[this.nodeLayer[i] * np + this.nodeColour[i] + 1]++; }
    for (k = 0; k < 4 * np; k++) counts[k + 1] += counts[k];
    for (j = 0; j < nv; j++) { i = vis[j]; order[counts[this.nodeLayer[i] * np + this.nodeColour[i]]++] = i; }
    return order;
  };

  function rgb(c) {
    var m = /^#([0-9a-f]{6})$/i.exec(c), v = m ? parseInt(m[1], 16) : 0x888888;
    return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
  }

  P._rasterise = function (vis, nv, evis, ne, s, cx, cy, ox, oy, dots) {
    var ctx = this.ctx, dpr = this.dpr, W = this.canvas.width, H = this.canvas.height, i, j, e;
    if (!this._img || this._img.width !== W || this._img.height !== H) {
      this._img = ctx.createImageData(W, H);
      this._buf = new Int32Array(this._img.data.buffer);   // Int32: pixels never boxed as floats
    }
    var buf = this._buf, key = this.palette.join() + this.background;
    if (this._palKey !== key) { this._palKey = key; this._rgb = this.palette.map(rgb); this._bg = rgb(this.background); }
    var RGB = this._rgb, bg = this._bg;
    buf.fill(-16777216 | (bg[2] << 16) | (bg[1] << 8) | bg[0]);
    var X = this.x, Y = this.y, R = this.r, S = s * dpr, OX = ox * dpr, OY = oy * dpr;
    var t0 = performance.now();
    for (j = 0; j < ne; j++) {
      e = evis[j];
      var u = this.src[e], v = this.dst[e], c = RGB[this.edgeColour[e]];
      var x1 = (X[u] - cx) * S + OX, y1 = (Y[u] - cy) * S + OY, x2 = (X[v] - cx) * S + OX, y2 = (Y[v] - cy) * S + OY;
      if (Math.abs(x2 - x1) + Math.abs(y2 - y1) < dpr) continue;     // under its discs anyway
      if (this.edgeWide[e]) {
        var d = Math.sqrt((x2 - x1) * (x2 - x1) + (y2 - y1) * (y2 - y1));
        var nx = -(y2 - y1) / d * 0.6 * dpr, ny = (x2 - x1) / d * 0.6 * dpr;
        wu(buf, W, H, x1 + nx, y1 + ny, x2 + nx, y2 + ny, c, 256);
        wu(buf, W, H, x1 - nx, y1 - ny, x2 - nx, y2 - ny, c, 256);
      } else wu(buf, W, H, x1, y1, x2, y2, c, 150);
    }
    var t1 = performance.now();
    var order = this._sortNodes(vis, nv), rim = [255, 255, 255], rimmed = !dots && S * this.rmax > 8;
    for (j = 0; j < nv; j++) {
      i = order[j];
      var px = (X[i] - cx) * S + OX, py = (Y[i] - cy) * S + OY, pr = R[i] * S, col = RGB[this.nodeColour[i]];
      if (dots) { dot(buf, W, H, px, py, col); continue; }
      if (rimmed && pr > 4 * dpr) {       // a light rim keeps touching discs of one colour apart
        disc(buf, W, H, px, py, pr, rim, 220);
        disc(buf, W, H, px, py, pr - dpr, col, 256);
      } else disc(buf, W, H, px, py, Math.max(pr, 0.55 * dpr), col, 256);
    }
    var t2 = performance.now();
    ctx.putImageData(this._img, 0, 0);
    // what a relation and a node cost this frame (smoothed), for the next moving frames
    if (ne > 500) this.cost.edge = 0.7 * this.cost.edge + 0.3 * (t1 - t0) / ne;
    if (nv > 500 && !dots) this.cost.node = 0.7 * this.cost.node + 0.3 * (t2 - t1) / nv;
  };

  /* colour c over pixel k at strength a (0-256); ABGR, integer arithmetic */
  function blend(buf, k, c, a) {
    var p = buf[k], b = 256 - a;
    buf[k] = -16777216 | (((((p >> 16) & 255) * b + c[2] * a) >> 8) << 16) |
             (((((p >> 8) & 255) * b + c[1] * a) >> 8) << 8) | ((((p & 255) * b + c[0] * a) >> 8));
  }

  function dot(buf, W, H, x, y, c) {
    var xi = x | 0, yi = y | 0;
    if (x >= 0 && y >= 0 && xi < W && yi < H) buf[yi * W + xi] = -16777216 | (c[2] << 16) | (c[1] << 8) | c[0];
  }

  /* a filled disc, antialiased: the covered middle of each row in one fill, the pixels on the
   * rim weighted by how far their centre is from it; A: strength 0-256 */
  function disc(buf, W, H, x, y, r, c, A) {
    var solid = -16777216 | (c[2] << 16) | (c[1] << 8) | c[0];
    var y0 = Math.max(0, Math.floor(y - r - 0.5)), y1 = Math.min(H - 1, Math.floor(y + r + 0.5));
    var xa = Math.max(0, Math.floor(x - r - 0.5)), xb = Math.min(W - 1, Math.floor(x + r + 0.5));
    var rin = r - 0.71, rin2 = rin > 0 ? rin * rin : -1, rout = r + 0.5;
    var faint = r < 0.5 ? 2 * r : 1;       // a disc under a pixel wide: lighter, not bigger
    for (var py = y0; py <= y1; py++) {
      var dy = py + 0.5 - y, dy2 = dy * dy, row = py * W, ia = -1, ib = -2;
      if (rin2 > dy2) {
        var h = Math.sqrt(rin2 - dy2);
        ia = Math.max(xa, Math.ceil(x - h - 0.5));
        ib = Math.min(xb, Math.floor(x + h - 0.5));
      }
      for (var px = xa; px <= xb; px++) {
        if (px === ia && ib >= ia) {
          if (A >= 256) buf.fill(solid, row + ia, row + ib + 1);
          else for (var q = ia; q <= ib; q++) blend(buf, row + q, c, A);
          px = ib;
          continue;
        }
        var dx = px + 0.5 - x, cov = rout - Math.sqrt(dx * dx + dy2);
        if (cov <= 0) continue;
        blend(buf, row + px, c, ((cov >= 1 ? 1 : cov) * faint * A) | 0);
      }
    }
  }

  /* Xiaolin Wu's antialiased line; A: strength 0-256 */
  function wu(buf, W, H, x0, y0, x1, y1, c, A) {
    var steep = Math.abs(y1 - y0) > Math.abs(x1 - x0), t;
    if (steep) { t = x0; x0 = y0; y0 = t; t = x1; x1 = y1; y1 = t; }
    if (x0 > x1) { t = x0; x0 = x1; x1 = t; t = y0; y0 = y1; y1 = t; }
    var dx = x1 - x0, grad = dx === 0 ? 1 : (y1 - y0) / dx;
    var xa = Math.max(Math.round(x0), 0), xb = Math.min(Math.round(x1), (steep ? H : W) - 1);
    var yy = y0 + grad * (xa - x0), lim = steep ? W : H, stride = steep ? 1 : W, along = steep ? W : 1;
    for (var x = xa; x <= xb; x++, yy += grad) {
      var fy = Math.floor(yy), a2 = ((yy - fy) * A) | 0;
      if (fy >= 0 && fy < lim) blend(buf, fy * stride + x * along, c, A - a2);
      if (fy + 1 >= 0 && fy + 1 < lim) blend(buf, (fy + 1) * stride + x * along, c, a2);
    }
  }

  /* arrowheads at the rim of the target disc, by colour */
  P._arrows = function (ctx, evis, ne, s, cx, cy, ox, oy) {
    var X = this.x, Y = this.y, R = this.r, byColour = {}, j, k;
    for (j = 0; j < ne; j++) {
      var e = evis[j], u = this.src[e], v = this.dst[e];
      var x1 = (X[u] - cx) * s + ox, y1 = (Y[u] - cy) * s + oy, x2 = (X[v] - cx) * s + ox, y2 = (Y[v] - cy) * s + oy;
      var d = Math.sqrt((x2 - x1) * (x2 - x1) + (y2 - y1) * (y2 - y1)), rv = R[v] * s, size = this.edgeWide[e] ? 7 : 5;
      if (d < rv + R[u] * s + size * 2) continue;
      (byColour[this.edgeColour[e]] = byColour[this.edgeColour[e]] || []).push(x1, y1, x2, y2, d, rv, size);
    }
    for (k in byColour) {
      var a = byColour[k];
      ctx.fillStyle = this.palette[k];
      ctx.beginPath();
      for (j = 0; j < a.length; j += 7) {
        var ux = (a[j + 2] - a[j]) / a[j + 4], uy = (a[j + 3] - a[j + 1]) / a[j + 4], sz = a[j + 6];
        var tx = a[j + 2] - ux * a[j + 5], ty = a[j + 3] - uy * a[j + 5], bx = tx - ux * sz, by = ty - uy * sz;
        ctx.moveTo(tx, ty);
        ctx.lineTo(bx - uy * sz * 0.5, by + ux * sz * 0.5);
        ctx.lineTo(bx + uy * sz * 0.5, by - ux * sz * 0.5);
        ctx.closePath();
      }
      ctx.fill();
    }
  };

  P._rings = function (ctx, vis, nv, s, cx, cy, ox, oy) {
    var any = false;
    ctx.beginPath();
    for (var j = 0; j < nv; j++) {
      var i = vis[j];
      if (!this.nodeRing[i]) continue;
      var px = (this.x[i] - cx) * s + ox, py = (this.y[i] - cy) * s + oy, pr = Math.max(this.r[i] * s, 2) + 2.5;
      ctx.moveTo(px + pr, py);
      ctx.arc(px, py, pr, 0, TAU);
      any = true;
    }
    if (!any) return;
    ctx.lineWidth = 2.5;
    ctx.strokeStyle = "#111111";
    ctx.stroke();
  };

  /* ---- events: clickNode(i), clickStage(point), enterNode(i), leaveNode(i),
   * afterRender(ctx), cameraUpdated(state) ---- */
  P.on = function (name, fn) { (this.listeners[name] = this.listeners[name] || []).push(fn); return this; };
  P._emit = function (name, arg) {
    var l = this.listeners[name];
    if (l) for (var i = 0; i < l.length; i++) l[i](arg);
  };

  P._bind = function () {
    var self = this, c = this.canvas, pointers = new Map(), drag = null, pinch = null, hover = -1;
    function local(ev) {
      var r = c.getBoundingClientRect();
      return { x: ev.clientX - r.left, y: ev.clientY - r.top };
    }
    c.addEventListener("pointerdown", function (ev) {
      if (ev.pointerType === "mouse" && ev.button !== 0) return;
      if (c.setPointerCapture) c.setPointerCapture(ev.pointerId);
      var p = local(ev);
      pointers.set(ev.pointerId, p);
      if (self.anim) self.anim.stop();
      if (pointers.size === 1) drag = { x: p.x, y: p.y, cam: self.getState(), moved: false };
      else if (pointers.size === 2) {
        var ps = Array.from(pointers.values());
        pinch = { d: Math.hypot(ps[0].x - ps[1].x, ps[0].y - ps[1].y) || 1, ratio: self.camera.ratio };
        drag = null;
      }
    });
    c.addEventListener("pointermove", function (ev) {
      var p = local(ev);
      if (pointers.has(ev.pointerId)) pointers.set(ev.pointerId, p);
      if (pinch && pointers.size === 2) {
        var ps = Array.from(pointers.values());
        var d = Math.hypot(ps[0].x - ps[1].x, ps[0].y - ps[1].y) || 1;
        self.zoomAround((ps[0].x + ps[1].x) / 2, (ps[0].y + ps[1].y) / 2, pinch.ratio * pinch.d / d);
        return;
      }
      if (drag) {
        var dx = p.x - drag.x, dy = p.y - drag.y;
        if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
        drag.moved = true;
        var s = self.scale(drag.cam.ratio);
        self.setState({ x: drag.cam.x - dx / s, y: drag.cam.y - dy / s });
        return;
      }
      var i = self.nodeAt(p.x, p.y);
      if (i !== hover) {
        if (hover >= 0) self._emit("leaveNode", hover);
        hover = i;
        if (i >= 0) self._emit("enterNode", i);
      }
    });
    function up(ev) {
      var p = local(ev);
      pointers.delete(ev.pointerId);
      if (pinch) { if (pointers.size < 2) pinch = null; drag = null; return; }
      var was = drag;
      drag = null;
      if (!was || was.moved || ev.type === "pointercancel") return;
      var i = self.nodeAt(p.x, p.y);
      if (i >= 0) self._emit("clickNode", i); else self._emit("clickStage", p);
    }
    c.addEventListener("pointerup", up);
    c.addEventListener("pointercancel", up);
    c.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      if (self.anim) self.anim.stop();
      var p = local(ev), dy = ev.deltaMode === 1 ? ev.deltaY * 33 : ev.deltaMode === 2 ? ev.deltaY * 300 : ev.deltaY;
      self.zoomAround(p.x, p.y, self.camera.ratio * Math.pow(1.0015, Math.max(-300, Math.min(300, dy))));
    }, { passive: false });
    c.tabIndex = 0;     // keyboard: + and - zoom, arrows pan
    c.addEventListener("keydown", function (ev) {
      var step = 80 / self.scale(), st = self.getState();
      var move = { "+": [0, 0, 1 / 1.5], "=": [0, 0, 1 / 1.5], "-": [0, 0, 1.5], ArrowLeft: [-step, 0, 1],
                   ArrowRight: [step, 0, 1], ArrowUp: [0, -step, 1], ArrowDown: [0, step, 1] }[ev.key];
      if (!move) return;
      ev.preventDefault();
      self.setState({ x: st.x + move[0], y: st.y + move[1], ratio: st.ratio * move[2] });
    });
    var redraw = function () { self._resize(); self.render(); };
    if (window.ResizeObserver) new ResizeObserver(redraw).observe(this.container);
    else window.addEventListener("resize", redraw);
  };
  /* zoom to `ratio`, keeping the layout point under (px, py) where it is */
  P.zoomAround = function (px, py, ratio) {
    var before = this.toLayout(px, py);
    ratio = this._clamp(ratio);
    var s = this.scale(ratio);
    this.setState({ ratio: ratio, x: before.x - (px - this.width / 2) / s, y: before.y - (py - this.height / 2) / s });
  };

  window.KGCanvas = KGCanvas;
})();
