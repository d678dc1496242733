/* ParkKG network view: drawn by KGCanvas (render.js, the page's own Canvas 2D renderer), positions
 * computed by kg/view.py.
 * All data comes from the JSON block #kg-data and is untrusted (it was extracted from web
 * articles): it only ever reaches the page through textContent, element properties and the
 * canvas — never innerHTML, never an attribute that can run code. */
(function () {
  "use strict";

  var timing = { start: performance.now() };
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  timing.parsed = performance.now();
  var meta = data.meta;
  var DIM_NODE = "#e4e4e0";
  var DIM_EDGE = "#ececea";
  var MAX_LABELS = 800;                 // labels drawn per frame, at most

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function fmt(n) { return Number(n).toLocaleString("en-US"); }
  function norm(s) { return String(s).normalize("NFKC").replace(/\s+/g, "").toLowerCase(); }

  var classInfo = {}, relInfo = {};
  data.classes.forEach(function (c) { classInfo[c.name] = c; });
  data.relations.forEach(function (r) { relInfo[r.name] = r; });
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var edgesOf = {};                     // node id -> edge records touching it
  data.nodes.forEach(function (n) { edgesOf[n.id] = []; });
  data.edges.forEach(function (e) { edgesOf[e.from].push(e); if (e.to !== e.from) edgesOf[e.to].push(e); });

  var hiddenClasses = new Set(), hiddenRelations = new Set();
  var shown = new Set();                // entities "expand neighbours" showed despite the filters
  var state = { ready: false, selected: null, neighbours: null, timing: timing, labels: [],
                colourBy: "class" };

  function nodeHidden(id) {
    return hiddenClasses.has(byId[id].cls) && !shown.has(id) && state.selected !== id;
  }
  function edgeHidden(e) {
    return hiddenRelations.has(e.rel) || nodeHidden(e.from) || nodeHidden(e.to);
  }

  /* ---- colours: by class, or by zone (the park each entity is nearest to) ---- */
  var zones = data.zones || [];
  var NO_ZONE = "#c9c9c4";
  function baseColour(n) {
    if (state.colourBy === "zone") return n.z >= 0 ? zones[n.z].colour : NO_ZONE;
    return classInfo[n.cls].colour;
  }
  var palette = [], paletteIndex = {};
  function colourIndex(c) {
    if (!(c in paletteIndex)) { paletteIndex[c] = palette.length; palette.push(c); }
    return paletteIndex[c];
  }

  var container = document.getElementById("kg-graph");
  var renderer = null;
  if (data.nodes.length) {
    // node and edge records are numbered 0..n-1 in order: an id is also the renderer's index
    renderer = new KGCanvas(container, {
      x: data.nodes.map(function (n) { return n.x; }), y: data.nodes.map(function (n) { return n.y; }),
      r: data.nodes.map(function (n) { return n.r; }),
      src: data.edges.map(function (e) { return e.from; }), dst: data.edges.map(function (e) { return e.to; })
    });
  }
  timing.renderer = performance.now();

  /* the renderer's styles from the page's state: filters, selection, colour mode */
  function restyle() {
    if (!renderer) return;
    var sel = state.selected, near = state.neighbours;
    data.nodes.forEach(function (n, i) {
      var dim = near !== null && !near.has(i);
      renderer.nodeHidden[i] = nodeHidden(i) ? 1 : 0;
      renderer.nodeColour[i] = colourIndex(dim ? DIM_NODE : baseColour(n));
      renderer.nodeLayer[i] = dim ? 0 : sel === i ? 3 : n.cls === "Park" ? 2 : 1;
      renderer.nodeRing[i] = sel === i ? 1 : 0;
    });
    data.edges.forEach(function (e, j) {
      var touches = sel !== null && (e.from === sel || e.to === sel);
      renderer.edgeHidden[j] = edgeHidden(e) ? 1 : 0;
      renderer.edgeColour[j] = colourIndex(sel !== null && !touches ? DIM_EDGE : relInfo[e.rel].colour);
      renderer.edgeWide[j] = touches ? 1 : 0;
    });
    renderer.palette = palette;
    renderer.refresh();
  }

  /* ---- labels: parks first, then by degree; a label is drawn only where it overprints no
   * other label, so which ones show depends on the zoom ---- */
  var FONT = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei','WenQuanYi Micro Hei',sans-serif";
  var widthCache = {};
  var measure = document.createElement("canvas").getContext("2d");
  function textWidth(id) {              // at 12px
    var w = widthCache[id];
    if (w === undefined) {
      measure.font = "12px " + FONT;
      w = widthCache[id] = measure.measureText(byId[id].label).width;
    }
    return w;
  }
  var labelOrder = data.nodes.map(function (n) { return n.id; }).sort(function (a, b) {
    var A = byId[a], B = byId[b];
    return (B.kg.focus - A.kg.focus) || ((B.cls === "Park") - (A.cls === "Park")) ||
           (B.kg.degree - A.kg.degree) || (a - b);
  });

  function drawLabels(lctx) {
    var W = renderer.width, H = renderer.height;
    var boxes = [];
    var CELL = 48, grid = new Map();
    function free(b) {
      for (var gx = Math.floor(b.x / CELL); gx <= Math.floor((b.x + b.w) / CELL); gx++)
        for (var gy = Math.floor(b.y / CELL); gy <= Math.floor((b.y + b.h) / CELL); gy++) {
          var list = grid.get(gx * 100003 + gy);
          if (list) for (var i = 0; i < list.length; i++) {
            var o = list[i];
            if (b.x < o.x + o.w && o.x < b.x + b.w && b.y < o.y + o.h && o.y < b.y + b.h) return false;
          }
        }
      return true;
    }
    function take(b) {
      for (var gx = Math.floor(b.x / CELL); gx <= Math.floor((b.x + b.w) / CELL); gx++)
        for (var gy = Math.floor(b.y / CELL); gy <= Math.floor((b.y + b.h) / CELL); gy++) {
          var k = gx * 100003 + gy;
          if (!grid.has(k)) grid.set(k, []);
          grid.get(k).push(b);
        }
      boxes.push(b);
    }
    var unit = renderer.scale();
    var order = labelOrder;
    if (state.neighbours) {           // the selection's neighbourhood first
      var sel = state.selected;
      order = [sel].concat(Array.from(state.neighbours).filter(function (x) { return x !== sel; }), labelOrder);
    }
    var done = new Set();
    for (var i = 0; i < order.length && boxes.length < MAX_LABELS; i++) {
      var id = order[i];
      if (done.has(id)) continue;
      done.add(id);
      var n = byId[id];
      if (nodeHidden(id)) continue;
      var r = n.r * unit;
      var park = n.cls === "Park", near = state.neighbours && state.neighbours.has(id);
      // parks and the selection's neighbours are always candidates; other entities once their
      // disc is big enough on screen to belong to a readable name
      if (!park && !near && !n.kg.focus && r < 4) continue;
      var p = renderer.toScreen(n.x, n.y);
      if (p.x < -300 || p.x > W + 10 || p.y < -20 || p.y > H + 20) continue;
      var fs = park || near || n.kg.focus ? 13 : 12;
      var w = textWidth(id) * fs / 12 + 4, h = fs + 4;
      var cands = [{ x: p.x + r + 2, y: p.y - h / 2 }, { x: p.x - r - 2 - w, y: p.y - h / 2 },
                   { x: p.x - w / 2, y: p.y - r - 1 - h }, { x: p.x - w / 2, y: p.y + r + 1 }];
      for (var c = 0; c < cands.length; c++) {
        var b = { id: id, x: cands[c].x, y: cands[c].y, w: w, h: h, fs: fs };
        if (b.x < 0 || b.y < 0 || b.x + w > W || b.y + h > H) continue;
        if (!free(b)) continue;
        take(b);
        break;
      }
    }
    lctx.textBaseline = "middle";
    lctx.lineJoin = "round";
    boxes.forEach(function (b) {
      var n = byId[b.id];
      var dim = state.neighbours && !state.neighbours.has(b.id);
      lctx.font = (n.cls === "Park" || b.id === state.selected ? "600 " : "") + b.fs + "px " + FONT;
      lctx.lineWidth = 3;
      lctx.strokeStyle = "rgba(255,255,255,0.9)";
      lctx.strokeText(n.label, b.x + 2, b.y + b.h / 2);
      lctx.fillStyle = dim ? "rgba(0,0,0,0.3)" : "#1a1a1a";
      lctx.fillText(n.label, b.x + 2, b.y + b.h / 2);
    });
    state.labels = boxes;
  }
  var home = null;                      // the fit-to-screen camera
  if (renderer) {
    home = renderer.home();
    // A small graph is not blown up: its biggest disc stays under 30 px in radius.
    var big = renderer.rmax * renderer.scale(1);
    if (big > 30) home.ratio = big / 30;
    renderer.setState(home);
    renderer.on("afterRender", drawLabels);
  }

  /* ---- panel: heading, summary, banner ---- */
  var heading = meta.focus ? meta.focusLabels.join(" / ") : meta.graph;
  document.getElementById("kg-heading").textContent = heading;
  var summary = fmt(data.nodes.length) + " 实体 entities · " + fmt(data.edges.length) + " 关系 relations";
  if (meta.focus) summary += " · " + meta.hops + " 跳 hop" + (meta.hops === 1 ? "" : "s") + " of " + meta.graph;
  if (data.nodes.length < meta.totalNodes) summary += " (全图 of " + fmt(meta.totalNodes) + ")";
  document.getElementById("kg-summary").textContent = summary;

  if (meta.leftOutNodes > 0) {
    var banner = document.getElementById("kg-banner");
    banner.appendChild(el("div", null,
      "只显示连接最多的 " + fmt(data.nodes.length) + " 个实体（共 " + fmt(meta.selectedNodes) +
      " 个），省略 " + fmt(meta.leftOutNodes) + " 个实体和 " + fmt(meta.leftOutEdges) + " 条关系。 " +
      "Showing the " + fmt(data.nodes.length) + " most connected of " + fmt(meta.selectedNodes) +
      " entities; " + fmt(meta.leftOutNodes) + " entities and " + fmt(meta.leftOutEdges) +
      " relations are left out."));
    var how = el("div", null, "查看某一实体及其邻居 To see one entity and its neighbours: ");
    how.appendChild(el("code", null, "kg viz --focus NAME"));
    how.appendChild(document.createTextNode(" — 或缩小范围 or narrow with "));
    how.appendChild(el("code", null, "--types Park,Company"));
    how.appendChild(document.createTextNode(" / "));
    how.appendChild(el("code", null, "--min-degree K"));
    how.appendChild(document.createTextNode(" / "));
    how.appendChild(el("code", null, "--max-nodes N"));
    banner.appendChild(how);
    var close = el("button", null, "×");
    close.type = "button";
    close.title = "close";
    close.addEventListener("click", function () { banner.hidden = true; container.style.top = "0"; });
    banner.appendChild(close);
    banner.hidden = false;
    container.style.top = banner.offsetHeight + "px";     // the graph below the note, not under it
    if (renderer) renderer.render();
  }

  function refresh() { restyle(); }

  /* ---- filters: classes and relations ---- */
  var classBoxes = {}, relBoxes = {};
  var classFieldset = document.getElementById("kg-classes");
  data.classes.forEach(function (c) {
    var label = el("label");
    label.dataset.cls = c.name;
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = c.name;
    box.name = "kg-class";
    box.disabled = c.count === 0;
    classBoxes[c.name] = box;
    box.addEventListener("change", function () {
      if (box.checked) hiddenClasses.delete(c.name); else hiddenClasses.add(c.name);
      label.classList.toggle("kg-off", !box.checked);
      refresh();
    });
    var dot = el("span", "kg-dot");
    dot.style.background = c.colour;
    label.appendChild(box);
    label.appendChild(dot);
    label.appendChild(el("span", null, c.zh + " " + c.en));
    label.appendChild(el("span", "kg-count", fmt(c.count)));
    if (c.count === 0) label.classList.add("kg-off");
    classFieldset.appendChild(label);
  });

  var relFieldset = document.getElementById("kg-relations");
  data.relations.forEach(function (r) {
    if (!r.count) return;
    var label = el("label");
    label.dataset.rel = r.name;
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = r.name;
    box.name = "kg-relation";
    relBoxes[r.name] = box;
    box.addEventListener("change", function () {
      if (box.checked) hiddenRelations.delete(r.name); else hiddenRelations.add(r.name);
      label.classList.toggle("kg-off", !box.checked);
      refresh();
    });
    var line = el("span", "kg-line");
    line.style.borderTopColor = r.colour;
    label.appendChild(box);
    label.appendChild(line);
    label.appendChild(el("span", null, r.zh + " " + r.en));
    label.appendChild(el("span", "kg-count", fmt(r.count)));
    relFieldset.appendChild(label);
  });
  if (!data.edges.length) relFieldset.hidden = true;

  /* ---- colour by class or by zone ---- */
  var zoneFieldset = document.getElementById("kg-zones"), modeBoxes = {};
  var classDots = classFieldset.querySelectorAll(".kg-dot");
  function colourBy(mode) {
    if (mode !== "class" && mode !== "zone") return state.colourBy;
    if (mode === "zone" && !zones.length) mode = "class";
    state.colourBy = mode;
    if (modeBoxes[mode]) modeBoxes[mode].checked = true;
    zoneFieldset.hidden = mode !== "zone";
    // the class legend keeps its filters; its dots are grey while colours mean zones
    classDots.forEach(function (d) { d.classList.toggle("kg-dot-plain", mode === "zone"); });
    refresh();
    return mode;
  }
  ["class", "zone"].forEach(function (mode) {
    var box = document.getElementById("kg-colour-" + mode);
    modeBoxes[mode] = box;
    box.addEventListener("change", function () { if (box.checked) colourBy(mode); });
  });
  if (!zones.length) {
    modeBoxes.zone.disabled = true;
    modeBoxes.zone.parentNode.classList.add("kg-off");
  }
  // the zone legend: the parks whose zones are largest, each a button that goes to its park
  function zoneRow(colour, text, count, onClick) {
    var row = el(onClick ? "button" : "div", "kg-zone");
    if (onClick) { row.type = "button"; row.addEventListener("click", onClick); }
    var dot = el("span", "kg-dot");
    dot.style.background = colour;
    row.appendChild(dot);
    row.appendChild(el("span", "kg-zone-name", text));
    row.appendChild(el("span", "kg-count", fmt(count)));
    zoneFieldset.appendChild(row);
    return row;
  }
  var zoneInfo = data.zoneInfo || { named: 0, otherZones: 0, otherCount: 0, none: 0 };
  zones.slice(0, zoneInfo.named).forEach(function (z) {
    zoneRow(z.colour, z.label, z.count, function () { focusNode(z.park, true); }).dataset.park = z.park;
  });
  if (zoneInfo.otherZones) zoneRow(zones[zoneInfo.named].colour, "其他 " + fmt(zoneInfo.otherZones) +
    " 个园区的片区（浅色）other parks' zones (light)", zoneInfo.otherCount, null);
  if (zoneInfo.none) zoneRow(NO_ZONE, "不与任何园区相连 linked to no park", zoneInfo.none, null);

  /* ---- details panel ---- */
  var details = document.getElementById("kg-details");
  /* a mention or a piece of evidence: a row of the page's sentence table (and a confidence) */
  function passageOf(ref) {
    var i = Array.isArray(ref) ? ref[0] : ref, row = data.passages[i];
    var p = { text: row[0], article: row[1], document: row[2] };
    if (Array.isArray(ref) && ref.length > 1) p.confidence = ref[1];
    return p;
  }
  function passages(box, refs, more, emptyText) {
    if (!refs.length) { box.appendChild(el("div", "kg-d-more", emptyText)); return; }
    refs.map(passageOf).forEach(function (p) {
      var q = el("div", "kg-d-quote");
      q.appendChild(el("div", null, p.text));
      var src = [];
      if (p.article) src.push("《" + p.article + "》");
      if (p.document) src.push(p.document);
      if (p.confidence !== undefined) src.push("置信度 " + Number(p.confidence).toFixed(2));
      if (src.length) q.appendChild(el("div", "kg-d-src", src.join(" · ")));
      box.appendChild(q);
    });
    if (more > 0) box.appendChild(el("div", "kg-d-more", "另有 " + more + " 处 · +" + more + " more"));
  }
  function row(box, key, text) {
    var r = el("div", "kg-d-row");
    r.appendChild(el("span", "kg-d-key", key));
    r.appendChild(document.createTextNode(text));
    box.appendChild(r);
  }
  /* an amount in 亿 / 万 of its currency, as Chinese reports write them */
  function amountWords(amount, currency) {
    var x = Number(amount), unit = "";
    if (Math.abs(x) >= 1e8) { x /= 1e8; unit = "亿"; } else if (Math.abs(x) >= 1e4) { x /= 1e4; unit = "万"; }
    return (Math.round(x * 100) / 100).toLocaleString("en-US") + unit + " " + currency;
  }
  function entityLink(id, label, here) {
    if (id === here) return el("span", "kg-d-this", label);
    if (id < 0) return el("span", null, label);
    var link = el("button", "kg-d-link", label);
    link.type = "button";
    link.addEventListener("click", function () { select(id); zoomTo(id, true); });
    return link;
  }
  /* the stated investments of a park (into it) or a company (by it): investor, amount as
   * written, currency, project, date, evidence */
  function investments(box, id) {
    var k = byId[id].kg, list = k.inv || [];
    if (!list.length) return;
    var sec = el("section", "kg-d-invs");
    sec.appendChild(el("div", "kg-d-sub", "投资 Investments（" + (list.length + (k.invMore || 0)) + "）"));
    if (k.invTotals && k.invTotals.length) {
      row(sec, "合计 Stated total: ", k.invTotals.map(function (t) { return amountWords(t.amount, t.currency); }).join(" · ") +
          "（不换算 never converted）");
    }
    list.forEach(function (j) {
      var v = data.investments[j], item = el("div", "kg-d-inv");
      var who = el("div");
      who.appendChild(entityLink(v.investor, v.investorLabel, id));
      who.appendChild(document.createTextNode(" → 投资 invests in → "));
      who.appendChild(entityLink(v.target, v.targetLabel, id));
      item.appendChild(who);
      var amount = el("div", "kg-d-amount");
      amount.appendChild(el("span", "kg-d-key", "金额 Amount: "));
      amount.appendChild(el("strong", null, v.amountText));
      amount.appendChild(document.createTextNode("（" + v.currency + " " + Number(v.amount).toLocaleString("en-US") + "）"));
      item.appendChild(amount);
      if (v.project) row(item, "项目 Project: ", v.project);
      if (v.date) row(item, "日期 Date: ", v.date);
      else if (v.published) row(item, "日期 Date: ", "未说明，报道于 not stated; reported " + v.published);
      else row(item, "日期 Date: ", "未说明 not stated");
      passages(item, v.evidence !== undefined ? [v.evidence] : [], 0, "（无证据句 no evidence sentence recorded）");
      sec.appendChild(item);
    });
    if (k.invMore) {
      var q = byId[id].cls === "Park" ? "investments-of-park --param park=" : "investments-of-company --param company=";
      var more = el("div", "kg-d-more", "另有 " + k.invMore + " 项 · " + k.invMore + " more: ");
      more.appendChild(el("code", null, "kg query " + q + byId[id].label));
      sec.appendChild(more);
    }
    box.appendChild(sec);
  }
  function showDetails(id) {
    while (details.firstChild) details.removeChild(details.firstChild);
    if (id === null) { details.hidden = true; return; }
    var n = byId[id], k = n.kg, c = classInfo[n.cls];
    var head = el("div", "kg-d-head", n.label);
    var badge = el("span", "kg-d-badge", c.zh + " " + c.en);
    badge.style.background = c.colour;
    head.appendChild(badge);
    details.appendChild(head);
    if (k.names.length > 1) row(details, "别名 Also: ", k.names.slice(1).join("；"));
    if (k.post) row(details, "职务 Post: ", k.post);
    var mine = edgesOf[id];
    row(details, "关系 Relations: ", String(k.degree) +
        (k.degree > mine.length ? "（本图显示 " + mine.length + " shown here）" : ""));
    var buttons = el("div", "kg-d-buttons");
    var expandBtn = el("button", null, "展开邻居 Expand neighbours");
    expandBtn.type = "button";
    expandBtn.id = "kg-expand";
    expandBtn.addEventListener("click", function () { expand(id); });
    var zoomBtn = el("button", null, "定位 Zoom to");
    zoomBtn.type = "button";
    zoomBtn.addEventListener("click", function () { zoomTo(id, true); });
    buttons.appendChild(expandBtn);
    buttons.appendChild(zoomBtn);
    details.appendChild(buttons);
    if (n.z >= 0) row(details, "片区 Zone: ", zones[n.z].label + (n.zd ? "（" + n.zd + " 跳 hop" + (n.zd === 1 ? "" : "s") + "）" : ""));
    investments(details, id);
    if (k.degree > mine.length) {
      var hint = el("div", "kg-d-more", (k.degree - mine.length) + " 条关系不在本图中 relations are not in this view: ");
      hint.appendChild(el("code", null, "kg viz --focus " + n.label));
      details.appendChild(hint);
    }
    if (mine.length) details.appendChild(el("div", "kg-d-sub", "关系与证据 Relations and evidence"));
    mine.forEach(function (e) {
      var box = el("div", "kg-d-rel");
      box.dataset.rel = e.rel;
      var line = el("div");
      var other = e.from === id ? e.to : e.from;
      var rel = el("span", null, relInfo[e.rel].zh + " " + relInfo[e.rel].en);
      rel.style.color = relInfo[e.rel].colour;
      rel.style.fontWeight = "600";
      if (e.from === id) {
        line.appendChild(document.createTextNode("→ "));
        line.appendChild(rel);
        line.appendChild(document.createTextNode(" "));
      }
      var link = el("button", "kg-d-link", byId[other].label);
      link.type = "button";
      link.addEventListener("click", function () { select(other); zoomTo(other, true); });
      if (e.from !== id) {
        line.appendChild(link);
        line.appendChild(document.createTextNode(" "));
        line.appendChild(rel);
        line.appendChild(document.createTextNode(" → 此 this"));
      } else {
        line.appendChild(link);
      }
      box.appendChild(line);
      passages(box, e.kg.evidence, e.kg.more, "（无证据句 no evidence sentence recorded）");
      details.appendChild(box);
    });
    details.appendChild(el("div", "kg-d-sub", "提及 Mentioned in"));
    passages(details, k.mentions, k.more, "（无 none recorded）");
    details.appendChild(el("div", "kg-d-iri", k.iri));
    details.hidden = false;
  }

  /* ---- selection, expand, zoom ---- */
  function neighboursOf(id) {
    var s = new Set([id]);
    edgesOf[id].forEach(function (e) { if (!hiddenRelations.has(e.rel)) { s.add(e.from); s.add(e.to); } });
    return s;
  }
  function select(id) {
    state.selected = id;
    state.neighbours = id === null ? null : neighboursOf(id);
    showDetails(id);
    refresh();
  }
  function expand(id) {
    var s = neighboursOf(id);
    s.forEach(function (x) { shown.add(x); });
    select(id);
    fitNodes(Array.from(s), true);
    return s.size - 1;
  }
  function bbox(ids) {
    var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    ids.forEach(function (x) {
      var n = byId[x];
      x0 = Math.min(x0, n.x - n.r); x1 = Math.max(x1, n.x + n.r);
      y0 = Math.min(y0, n.y - n.r); y1 = Math.max(y1, n.y + n.r);
    });
    return { x: (x0 + x1) / 2, y: (y0 + y1) / 2, w: x1 - x0, h: y1 - y0 };
  }
  function moveCamera(target, animate) {
    if (animate) return renderer.animate(target, 400);
    renderer.setState(target);
    return Promise.resolve();
  }
  function zoomTo(id, animate) {
    if (!renderer) return Promise.resolve();
    var n = byId[id], cam = renderer.getState();
    // close enough that the entity's disc is at least 14 px across the radius
    var r = n.r * renderer.scale();
    var ratio = Math.min(cam.ratio, cam.ratio * r / 14);
    return moveCamera({ x: n.x, y: n.y, ratio: ratio }, animate);
  }
  function fitNodes(ids, animate) {
    if (!renderer) return Promise.resolve();
    // the smallest zoom that holds them all, with a margin; never further out than the home view
    var b = bbox(ids), pad = 60;
    var need = Math.min((renderer.width - 2 * pad) / Math.max(b.w, 1e-9), (renderer.height - 2 * pad) / Math.max(b.h, 1e-9));
    var ratio = Math.min(home.ratio, renderer.baseScale() / Math.max(need, 1e-9));
    return moveCamera({ x: b.x, y: b.y, ratio: ratio }, animate);
  }
  function fit(animate) {
    if (!renderer) return Promise.resolve();
    return moveCamera(home, animate);
  }
  document.getElementById("kg-fit").addEventListener("click", function () { fit(true); });

  /* ---- search by any name ---- */
  var nameIndex = new Map();
  var allNames = [];
  data.nodes.forEach(function (n) {
    n.kg.names.forEach(function (name) {
      var key = norm(name);
      if (!nameIndex.has(key)) { nameIndex.set(key, []); allNames.push(name); }
      nameIndex.get(key).push(n.id);
    });
  });
  var datalist = document.getElementById("kg-names");
  allNames.sort().slice(0, 20000).forEach(function (name) {
    var o = document.createElement("option");
    o.value = name;
    datalist.appendChild(o);
  });

  function findNode(query) {
    var q = norm(query);
    if (!q) return null;
    var ids = nameIndex.get(q);
    if (!ids) {   // no exact name: the best connected entity with a name containing the query
      ids = [];
      nameIndex.forEach(function (v, key) { if (key.indexOf(q) >= 0) ids = ids.concat(v); });
    }
    if (!ids.length) return null;
    return ids.slice().sort(function (a, b) { return byId[b].kg.degree - byId[a].kg.degree || a - b; })[0];
  }

  var status = document.getElementById("kg-search-status");
  function focusNode(id, animate) {
    var cls = byId[id].cls;
    if (hiddenClasses.has(cls)) {   // the user asked for it: show its class again
      classBoxes[cls].checked = true;
      classBoxes[cls].dispatchEvent(new Event("change"));
    }
    select(id);
    status.classList.remove("kg-miss");
    status.textContent = "已定位 Found: " + byId[id].label;
    return zoomTo(id, animate);
  }
  function search(query, animate) {
    var id = findNode(query);
    if (id === null) {
      status.classList.add("kg-miss");
      status.textContent = "未找到 Not found: " + query;
      return null;
    }
    focusNode(id, animate);
    return id;
  }
  var input = document.getElementById("kg-search");
  document.getElementById("kg-search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    search(input.value, true);
  });
  input.addEventListener("input", function (ev) {
    // Picking a suggestion from the datalist: go there at once.
    if ((ev.inputType === undefined || ev.inputType === "insertReplacementText") && nameIndex.has(norm(input.value))) {
      search(input.value, true);
    }
  });

  if (renderer) {
    renderer.on("clickNode", function (i) { select(i); });
    renderer.on("clickStage", function () { if (state.selected !== null) select(null); });
    renderer.on("enterNode", function () { container.style.cursor = "pointer"; });
    renderer.on("leaveNode", function () { container.style.cursor = ""; });
  }

  /* ---- start ---- */
  if (!data.nodes.length) {
    document.body.appendChild(el("div", "kg-empty", "没有符合条件的实体 No entities to show"));
  } else {
    var focusIds = data.nodes.filter(function (n) { return n.kg.focus; }).map(function (n) { return n.id; });
    if (focusIds.length === 1) select(focusIds[0]);
    else if (focusIds.length) state.neighbours = new Set(focusIds);
    refresh();
  }
  state.ready = true;
  timing.ready = performance.now();
  document.body.dataset.ready = "1";

  /* ---- read-only state for tests and tools ---- */
  function visibleIds() {
    return data.nodes.filter(function (n) { return !nodeHidden(n.id); }).map(function (n) { return n.id; });
  }
  function canvasRect() {
    var r = container.getBoundingClientRect();
    return { left: r.left, top: r.top, width: r.width, height: r.height };
  }
  window.kgView = Object.freeze({
    data: data,
    state: state,
    timing: timing,
    renderer: renderer,
    nodeCount: function () { return visibleIds().length; },
    edgeCount: function () { return data.edges.filter(function (e) { return !edgeHidden(e); }).length; },
    /* node id -> {x, y, r}: centre and radius in CSS pixels, relative to the graph canvas */
    screenPositions: function () {
      var out = {};
      if (!renderer) return out;
      visibleIds().forEach(function (id) { out[id] = renderer.nodeScreen(id); });
      return out;
    },
    /* labels drawn in the last frame: {id, x, y, w, h} in CSS pixels of the canvas */
    labelBoxes: function () {
      return state.labels.map(function (b) { return { id: b.id, x: b.x, y: b.y, w: b.w, h: b.h }; });
    },
    canvasRect: canvasRect,
    nodeId: function (label) { var n = data.nodes.find(function (x) { return x.label === label; }); return n ? n.id : null; },
    search: function (q, animate) { return search(q, !!animate); },
    select: function (id) { select(id); },
    expand: function (id) { return expand(id); },
    zoomTo: function (id, animate) { return zoomTo(id, !!animate); },
    fit: function (animate) { return fit(!!animate); },
    selected: function () { return state.selected; },
    cameraRatio: function () { return renderer ? renderer.getState().ratio : 1; },
    colourBy: function (mode) { return colourBy(mode); },
    /* a mention or evidence reference of the data -> {text, article, document[, confidence]} */
    passage: function (ref) { return passageOf(ref); },
    render: function () { if (renderer) renderer.render(); }
  });
})();
