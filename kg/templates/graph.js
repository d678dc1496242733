/* ParkKG network view. All data comes from the JSON block #kg-data and is untrusted (it was
 * extracted from web articles): it only ever reaches the page through textContent, element
 * properties and the canvas — never innerHTML, never an attribute that can run code. */
(function () {
  "use strict";

  var timing = { start: performance.now() };
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  timing.parsed = performance.now();
  var meta = data.meta;
  var SVG = "http://www.w3.org/2000/svg";
  var DIM_NODE = { background: "#e4e4e0", border: "#d2d2cc",
                   highlight: { background: "#e4e4e0", border: "#d2d2cc" },
                   hover: { background: "#e4e4e0", border: "#d2d2cc" } };
  var DIM_TEXT = "rgba(0,0,0,0.18)";
  var DIM_EDGE = { color: "rgba(170,170,170,0.18)", highlight: "rgba(170,170,170,0.18)",
                   hover: "rgba(170,170,170,0.18)" };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function fmt(n) { return Number(n).toLocaleString("en-US"); }
  function norm(s) { return String(s).normalize("NFKC").replace(/\s+/g, "").toLowerCase(); }

  var classInfo = {};
  data.classes.forEach(function (c) { classInfo[c.name] = c; });

  /* ---- tooltips: DOM elements, text only ---- */
  function passageList(box, items, more, emptyText) {
    if (!items.length) { box.appendChild(el("div", "kg-tip-more", emptyText)); return; }
    items.forEach(function (p) {
      var q = el("div", "kg-tip-quote");
      q.appendChild(el("div", null, p.text));
      var src = [];
      if (p.article) src.push("《" + p.article + "》");
      if (p.document) src.push(p.document);
      if (p.confidence !== undefined) src.push("置信度 " + Number(p.confidence).toFixed(2));
      if (src.length) q.appendChild(el("div", "kg-tip-src", src.join(" · ")));
      box.appendChild(q);
    });
    if (more > 0) box.appendChild(el("div", "kg-tip-more", "另有 " + more + " 处 · +" + more + " more"));
  }

  function nodeTip(n) {
    var k = n.kg, c = classInfo[n.cls];
    var box = el("div", "kg-tip");
    var head = el("div", "kg-tip-head", n.label);
    var badge = el("span", "kg-tip-badge", c.zh + " " + c.en);
    badge.style.background = c.colour;
    head.appendChild(badge);
    box.appendChild(head);
    if (k.names.length > 1) {
      var row = el("div", "kg-tip-row");
      row.appendChild(el("span", "kg-tip-key", "别名 Also: "));
      row.appendChild(document.createTextNode(k.names.slice(1).join("；")));
      box.appendChild(row);
    }
    if (k.post) {
      var post = el("div", "kg-tip-row");
      post.appendChild(el("span", "kg-tip-key", "职务 Post: "));
      post.appendChild(document.createTextNode(k.post));
      box.appendChild(post);
    }
    var deg = el("div", "kg-tip-row");
    deg.appendChild(el("span", "kg-tip-key", "关系数 Degree: "));
    deg.appendChild(document.createTextNode(String(k.degree)));
    box.appendChild(deg);
    box.appendChild(el("div", "kg-tip-sub", "来源句子 Mentioned in:"));
    passageList(box, k.mentions, k.more, "（无 none recorded）");
    box.appendChild(el("div", "kg-tip-iri", k.iri));
    return box;
  }

  var labelOf = {};
  data.nodes.forEach(function (n) { labelOf[n.id] = n.label; });

  function edgeTip(e) {
    var k = e.kg;
    var box = el("div", "kg-tip");
    var head = el("div", "kg-tip-head");
    head.appendChild(document.createTextNode(labelOf[e.from] + " —"));
    var rel = el("span", null, k.zh + " " + k.en);
    rel.style.color = data.relations.filter(function (r) { return r.name === e.rel; })[0].colour;
    head.appendChild(rel);
    head.appendChild(document.createTextNode("→ " + labelOf[e.to]));
    box.appendChild(head);
    box.appendChild(el("div", "kg-tip-sub", "证据 Evidence:"));
    passageList(box, k.evidence, k.more, "（无证据句 no evidence sentence recorded）");
    return box;
  }

  /* ---- data sets ---- */
  var original = {};        // node id -> colour; edge id -> colour (to undo dimming)
  var clsOf = {};
  var fontSize = {};        // node id -> label size in canvas units (grows with degree)
  var visNodes = data.nodes.map(function (n) {
    original[n.id] = n.color;
    clsOf[n.id] = n.cls;
    fontSize[n.id] = Math.min(30, 14 + 2.5 * Math.log2(1 + n.kg.degree));
    var v = {};
    for (var key in n) if (key !== "kg") v[key] = n[key];
    v.font = { size: fontSize[n.id], color: "#1a1a1a" };
    v.title = nodeTip(n);
    return v;
  });
  var edgeColour = {};
  var visEdges = data.edges.map(function (e) {
    edgeColour[e.id] = e.color;
    var v = {};
    for (var key in e) if (key !== "kg") v[key] = e[key];
    v.title = edgeTip(e);
    return v;
  });
  timing.tooltips = performance.now();
  var nodes = new vis.DataSet(visNodes);
  var edges = new vis.DataSet(visEdges);
  var hiddenClasses = new Set();
  var nodesView = new vis.DataView(nodes, { filter: function (n) { return !hiddenClasses.has(n.cls); } });
  var edgesView = new vis.DataView(edges, { filter: function (e) {
    return !hiddenClasses.has(clsOf[e.from]) && !hiddenClasses.has(clsOf[e.to]);
  } });

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
    close.addEventListener("click", function () { banner.hidden = true; });
    banner.appendChild(close);
    banner.hidden = false;
  }

  /* ---- legend = class filter ---- */
  function swatch(shape, colour) {
    var s = document.createElementNS(SVG, "svg");
    s.setAttribute("viewBox", "0 0 16 16");
    s.setAttribute("class", "kg-swatch");
    var p;
    var pts = {
      triangle: "8,1.5 15,14.5 1,14.5", triangleDown: "1,1.5 15,1.5 8,14.5",
      diamond: "8,0.5 15.5,8 8,15.5 0.5,8", hexagon: "4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8",
      star: "8,0.5 10,6 15.5,6 11,9.5 12.8,15 8,11.7 3.2,15 5,9.5 0.5,6 6,6"
    }[shape];
    if (pts) { p = document.createElementNS(SVG, "polygon"); p.setAttribute("points", pts); }
    else if (shape === "square") {
      p = document.createElementNS(SVG, "rect");
      p.setAttribute("x", "2"); p.setAttribute("y", "2"); p.setAttribute("width", "12"); p.setAttribute("height", "12");
    } else {
      p = document.createElementNS(SVG, "circle");
      p.setAttribute("cx", "8"); p.setAttribute("cy", "8"); p.setAttribute("r", "6.5");
    }
    p.setAttribute("fill", colour);
    p.setAttribute("stroke", "rgba(0,0,0,0.35)");
    s.appendChild(p);
    return s;
  }

  var classBoxes = {};
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
      nodesView.refresh();
      edgesView.refresh();
    });
    label.appendChild(box);
    label.appendChild(swatch(c.shape, c.colour));
    label.appendChild(el("span", null, c.zh + " " + c.en));
    label.appendChild(el("span", "kg-count", fmt(c.count)));
    if (c.count === 0) label.classList.add("kg-off");
    classFieldset.appendChild(label);
  });

  var relFieldset = document.getElementById("kg-relations");
  data.relations.forEach(function (r) {
    if (!r.count) return;
    var row = el("div", "kg-rel");
    var line = el("span", "kg-line");
    line.style.borderTopColor = r.colour;
    row.appendChild(line);
    row.appendChild(el("span", null, r.zh + " " + r.en));
    row.appendChild(el("span", "kg-count", fmt(r.count)));
    relFieldset.appendChild(row);
  });
  if (!data.edges.length) relFieldset.hidden = true;

  /* ---- network ---- */
  var container = document.getElementById("kg-graph");
  var progress = document.getElementById("kg-progress");
  var network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, data.options);
  timing.network = performance.now();
  var state = { ready: false, highlighted: null, timing: timing };
  var textColour = {};

  /* The most connected entities are landmarks: their labels keep a readable size on screen
   * at any zoom, so the overview of a big graph still says where the hubs are. */
  var landmarks = data.nodes.slice().sort(function (a, b) { return b.kg.degree - a.kg.degree || a.id - b.id; })
    .filter(function (n) { return n.kg.degree >= 2 || n.kg.focus; }).slice(0, 30).map(function (n) { return n.id; });
  var isLandmark = new Set(landmarks);
  function font(id, colour) {
    textColour[id] = colour;
    var size = fontSize[id];
    if (isLandmark.has(id)) size = Math.max(size, 15 / network.getScale());
    return { size: size, color: colour };
  }
  function updateLandmarks() {
    nodes.update(landmarks.map(function (id) { return { id: id, font: font(id, textColour[id] || "#1a1a1a") }; }));
  }
  var zoomTimer = null;
  network.on("zoom", function () {
    clearTimeout(zoomTimer);
    zoomTimer = setTimeout(updateLandmarks, 60);
  });

  function highlight(id) {
    var keep = new Set(network.getConnectedNodes(id));
    keep.add(id);
    var keepEdges = new Set(network.getConnectedEdges(id));
    nodes.update(data.nodes.map(function (n) {
      return keep.has(n.id) ? { id: n.id, color: original[n.id], font: font(n.id, "#1a1a1a") }
                            : { id: n.id, color: DIM_NODE, font: font(n.id, DIM_TEXT) };
    }));
    edges.update(data.edges.map(function (e) {
      return keepEdges.has(e.id) ? { id: e.id, color: edgeColour[e.id], font: { color: "#555555" } }
                                 : { id: e.id, color: DIM_EDGE, font: { color: DIM_TEXT } };
    }));
    state.highlighted = id;
  }
  function clearHighlight() {
    if (state.highlighted === null) return;
    nodes.update(data.nodes.map(function (n) {
      return { id: n.id, color: original[n.id], font: font(n.id, "#1a1a1a") };
    }));
    edges.update(data.edges.map(function (e) {
      return { id: e.id, color: edgeColour[e.id], font: { color: "#555555" } };
    }));
    state.highlighted = null;
  }
  network.on("click", function (p) {
    if (p.nodes.length) highlight(p.nodes[0]); else clearHighlight();
  });

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
  var degreeOf = {};
  data.nodes.forEach(function (n) { degreeOf[n.id] = n.kg.degree; });
  var datalist = document.getElementById("kg-names");
  allNames.sort().forEach(function (name) {
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
    return ids.slice().sort(function (a, b) { return degreeOf[b] - degreeOf[a] || a - b; })[0];
  }

  var status = document.getElementById("kg-search-status");
  function focusNode(id) {
    var cls = clsOf[id];
    if (hiddenClasses.has(cls)) {   // the user asked for it: show its class again
      classBoxes[cls].checked = true;
      classBoxes[cls].dispatchEvent(new Event("change"));
    }
    network.selectNodes([id]);
    highlight(id);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1),
                        animation: { duration: 450, easingFunction: "easeInOutQuad" } });
    status.classList.remove("kg-miss");
    status.textContent = "已定位 Found: " + labelOf[id];
  }
  function search(query) {
    var id = findNode(query);
    if (id === null) {
      status.classList.add("kg-miss");
      status.textContent = "未找到 Not found: " + query;
      return null;
    }
    focusNode(id);
    return id;
  }
  var input = document.getElementById("kg-search");
  document.getElementById("kg-search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    search(input.value);
  });
  input.addEventListener("input", function (ev) {
    // Picking a suggestion from the datalist: go there at once.
    if ((ev.inputType === undefined || ev.inputType === "insertReplacementText") && nameIndex.has(norm(input.value))) {
      search(input.value);
    }
  });

  /* ---- layout: stabilise once, then keep still ---- */
  function ready() {
    timing.stabilised = performance.now();
    network.setOptions({ physics: { enabled: false } });
    progress.hidden = true;
    var focusIds = data.nodes.filter(function (n) { return n.kg.focus; }).map(function (n) { return n.id; });
    if (focusIds.length) {
      network.selectNodes(focusIds);
      if (focusIds.length === 1) highlight(focusIds[0]);
    }
    network.fit({ animation: false });
    updateLandmarks();
    state.ready = true;
    timing.ready = performance.now();
    document.body.dataset.ready = "1";
  }
  if (!data.nodes.length) {
    progress.hidden = true;
    container.appendChild(el("div", "kg-empty", "没有符合条件的实体 No entities to show"));
    state.ready = true;
    document.body.dataset.ready = "1";
  } else if (data.options.physics.enabled) {
    var bar = document.getElementById("kg-bar-fill");
    network.on("stabilizationProgress", function (p) {
      bar.style.width = Math.round(100 * p.iterations / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", ready);
  } else {
    ready();
  }

  window.kgNetwork = network;
  window.kgView = { data: data, nodes: nodes, edges: edges, nodesView: nodesView,
                    edgesView: edgesView, state: state, search: search, highlight: highlight,
                    clearHighlight: clearHighlight };
})();
