"""The view in a real browser: Debian's Chromium, headless, network blocked, page from file://."""
import base64
import os
from pathlib import Path

import pytest

from kg.network import load_network
from kg.view import write_view
from synthetic_graph import make

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
MINI = Path(__file__).parent / "fixtures" / "mini.ttl"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not os.path.exists(CHROMIUM):
    pytest.skip("Debian chromium not installed (/usr/bin/chromium); run scripts/install-system-deps.sh",
                allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Page:
    """A page opened from file:// with every other request aborted and recorded."""

    def __init__(self, browser, html: Path):
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.ctx = browser.new_context(viewport={"width": 1280, "height": 800})
        self.ctx.route("**/*", self._route)
        self.page = self.ctx.new_page()
        self.page.on("request", lambda r: None if r.url.startswith(("file://", "data:"))
                     else self.requests.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(html.resolve().as_uri())
        self.page.wait_for_selector('body[data-ready="1"]', state="attached", timeout=30000)

    def _route(self, route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def js(self, fn: str, arg=None):
        # function form: the page's CSP forbids string eval, which is part of what we test
        return self.page.evaluate(fn, arg)

    def node_id(self, label: str) -> int:
        return self.js("l => kgView.nodeId(l)", label)

    def node_xy(self, node: int) -> tuple[float, float]:
        """Page coordinates (CSS px) of an entity's centre."""
        x, y = self.js("""id => { const p = kgView.screenPositions()[id], r = kgView.canvasRect();
                         return [p.x + r.left, p.y + r.top]; }""", node)
        return x, y

    def colour(self, node: int) -> str:
        return self.js("id => kgView.renderer.getNodeDisplayData(String(id)).color", node)

    def empty_xy(self, clearance: float = 40) -> tuple[float, float]:
        """Page coordinates of a canvas point at least ``clearance`` px from every entity."""
        return tuple(self.js("""c => { const r = kgView.canvasRect(), ps = Object.values(kgView.screenPositions());
            for (let y = r.height - 10; y > 10; y -= 20) for (let x = r.width - 10; x > 10; x -= 20)
              if (ps.every(p => Math.hypot(p.x - x, p.y - y) > c)) return [x + r.left, y + r.top];
            return null; }""", clearance))

    def settle(self):
        """Two animation frames: whatever was asked of the renderer is drawn."""
        self.js("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")

    def close(self):
        self.ctx.close()


@pytest.fixture(scope="module")
def mini_html(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser") / "mini.html"
    write_view(MINI, out)
    return out


@pytest.fixture
def mini(browser, mini_html):
    page = Page(browser, mini_html)
    yield page
    page.close()


def assert_clean(p: Page):
    assert p.errors == [], p.errors
    assert p.requests == [], p.requests
    assert p.dialogs == []
    assert p.js("() => window.__pwned") is None


DIM = "#e4e4e0"


def test_loads_offline_with_all_entities_and_relations(mini):
    G = load_network(MINI)
    counts = mini.js("() => [kgView.nodeCount(), kgView.edgeCount(), kgView.renderer.getGraph().order, "
                     "kgView.renderer.getGraph().size]")
    assert counts == [G.number_of_nodes(), G.number_of_edges()] * 2
    assert mini.js("() => document.querySelectorAll('img, iframe, object, embed').length") == 0
    # the state the page exposes is read-only
    assert mini.js("() => { try { kgView.nodeCount = null; } catch (e) {} return typeof kgView.nodeCount; }") == "function"
    assert_clean(mini)


def test_search_by_alias_zooms_and_shows_details(mini):
    before = mini.js("() => kgView.cameraRatio()")
    box = mini.page.locator("#kg-search")
    box.fill("埃地沃兹")
    box.press("Enter")
    target = mini.node_id("埃地沃兹真空泵制造（青岛）有限公司")
    assert mini.js("() => kgView.selected()") == target
    assert "埃地沃兹真空泵制造" in mini.page.locator("#kg-search-status").inner_text()
    mini.page.wait_for_timeout(600)                       # the camera's animation
    pos = mini.js("id => kgView.screenPositions()[id]", target)
    rect = mini.js("() => kgView.canvasRect()")
    assert abs(pos["x"] - rect["width"] / 2) < 2 and abs(pos["y"] - rect["height"] / 2) < 2
    assert pos["r"] >= 13.9 and mini.js("() => kgView.cameraRatio()") <= before
    details = mini.page.locator("#kg-details")
    assert details.is_visible()
    text = details.inner_text()
    assert "埃地沃兹真空泵制造（青岛）有限公司" in text and "企业 Company" in text
    assert "位于 located in" in text and "青岛高新区" in text
    # its neighbourhood is highlighted, the rest dimmed
    assert mini.colour(mini.node_id("国务院")) == DIM
    assert mini.colour(target) != DIM
    box.fill("火星园区")
    box.press("Enter")
    assert "未找到" in mini.page.locator("#kg-search-status").inner_text()
    assert_clean(mini)


def test_class_and_relation_filters(mini):
    assert mini.js("() => kgView.nodeCount()") == 11
    company = mini.page.locator('label[data-cls="Company"] input')
    company.uncheck()
    assert mini.js("() => kgView.nodeCount()") == 7
    assert mini.js("() => kgView.edgeCount()") == 5       # relations of hidden entities go too
    mini.settle()
    assert mini.js("() => kgView.renderer.getNodeDisplayData(String(kgView.nodeId('阿斯利康'))).hidden") is True
    company.check()
    assert mini.js("() => kgView.nodeCount()") == 11
    located = mini.page.locator('label[data-rel="locatedIn"] input')
    located.uncheck()
    assert mini.js("() => kgView.edgeCount()") == 12 - 4
    located.check()
    assert mini.js("() => kgView.edgeCount()") == 12
    assert_clean(mini)


def test_click_shows_details_and_highlights_neighbourhood(mini):
    park = mini.node_id("青岛高新区")
    mini.page.mouse.click(*mini.node_xy(park))
    assert mini.js("() => kgView.selected()") == park
    mini.settle()
    dimmed = mini.js(f"() => kgView.data.nodes.filter(n => kgView.renderer.getNodeDisplayData(String(n.id)).color === '{DIM}').map(n => n.label)")
    assert sorted(dimmed) == ["国务院", "洪锡哲", "阿斯利康"]        # two hops away
    text = mini.page.locator("#kg-details").inner_text()
    assert "青岛高新区" in text and "园区 Park" in text and "关系与证据" in text
    mini.page.mouse.click(*mini.empty_xy())                            # background
    mini.settle()
    assert mini.js("() => kgView.selected()") is None
    assert mini.js(f"() => kgView.data.nodes.filter(n => kgView.renderer.getNodeDisplayData(String(n.id)).color === '{DIM}').length") == 0
    assert not mini.page.locator("#kg-details").is_visible()


def test_expand_neighbours_shows_filtered_entities(mini):
    mini.page.locator('label[data-cls="Company"] input').uncheck()
    assert mini.js("() => kgView.nodeCount()") == 7
    park = mini.node_id("青岛高新区")
    mini.js("id => kgView.select(id)", park)
    mini.page.locator("#kg-expand").click()
    # the park's four companies come back, the other companies stay hidden
    assert mini.js("() => kgView.nodeCount()") == 7 + 3
    assert_clean(mini)


def test_pan_and_zoom_with_wheel_drag_and_keys(mini):
    """The renderer's own camera: the wheel zooms about the pointer (the point under it stays
    put), a drag pans by as much as the pointer moved and selects nothing, keys zoom and pan,
    and "fit to screen" comes back home."""
    rect = mini.js("() => kgView.canvasRect()")
    park = mini.node_id("青岛高新区")
    home = mini.js("() => kgView.cameraRatio()")
    cx, cy = rect["left"] + rect["width"] * 0.4, rect["top"] + rect["height"] * 0.6
    px, py = mini.node_xy(park)
    mini.page.mouse.move(cx, cy)
    mini.page.mouse.wheel(0, -240)
    mini.settle()
    ratio = mini.js("() => kgView.cameraRatio()")
    assert ratio < home
    qx, qy = mini.node_xy(park)
    k = home / ratio                                   # how much bigger everything is now
    assert abs((qx - cx) - (px - cx) * k) < 1.5 and abs((qy - cy) - (py - cy) * k) < 1.5
    # a drag from a clear spot pans, and is no click
    sx, sy = mini.empty_xy(30)
    mini.page.mouse.move(sx, sy)
    mini.page.mouse.down()
    for step in range(1, 6):
        mini.page.mouse.move(sx - 12 * step, sy + 6 * step)
    mini.page.mouse.up()
    mini.settle()
    rx, ry = mini.node_xy(park)
    assert abs(rx - (qx - 60)) < 1.5 and abs(ry - (qy + 30)) < 1.5
    assert mini.js("() => kgView.selected()") is None
    # keys: + zooms in, an arrow pans
    mini.page.locator("#kg-graph canvas").focus()
    mini.page.keyboard.press("+")
    assert mini.js("() => kgView.cameraRatio()") < ratio
    before = mini.node_xy(park)
    mini.page.keyboard.press("ArrowLeft")
    mini.settle()
    assert mini.node_xy(park)[0] > before[0] + 40
    mini.page.locator("#kg-fit").click()
    mini.page.wait_for_timeout(600)
    assert abs(mini.js("() => kgView.cameraRatio()") - home) < 1e-9
    assert_clean(mini)


def test_moving_view_is_drawn_in_full_when_it_rests(browser, tmp_path):
    """While the camera moves, relations may be left out of a frame that would not fit the
    budget; once it rests, the next frame has every relation on screen."""
    syn = make(1500, seed=3)
    ttl = tmp_path / "g.ttl"
    ttl.write_text(syn.ttl, encoding="utf-8")
    write_view(ttl, tmp_path / "v.html", max_nodes=1500)
    p = Page(browser, tmp_path / "v.html")
    try:
        p.js("""() => new Promise(done => { let i = 0; const r = kgView.renderer, h = r.getState();
            (function step() { r.setState({ratio: h.ratio * Math.pow(0.95, i)});
              if (++i < 20) requestAnimationFrame(step); else done(); })(); })""")
        p.page.wait_for_timeout(400)
        stats = p.js("() => Object.assign({}, kgView.renderer.stats)")
        assert stats["simplified"] is False and stats["edges"] > 0 and stats["nodes"] > 0
        assert_clean(p)
    finally:
        p.close()


def test_injected_markup_shows_as_text_and_never_runs(mini):
    evil = mini.node_id("<img src=x onerror=alert(1)>")
    mini.page.mouse.click(*mini.node_xy(evil))
    details = mini.page.locator("#kg-details")
    text = details.inner_text()
    assert "<img src=x onerror=alert(1)>" in text
    assert "<script>window.__pwned=1</script>" in text                 # the alias
    assert "公司在高新区追加投资。<img src=x onerror=alert(1)>" in text   # the source sentence
    assert mini.js("() => document.getElementById('kg-details').querySelectorAll('img, script').length") == 0
    # search with the script alias: found, shown, not run
    box = mini.page.locator("#kg-search")
    box.fill("<script>window.__pwned=1</script>")
    box.press("Enter")
    assert mini.js("() => kgView.selected()") == evil
    mini.page.wait_for_timeout(300)
    assert_clean(mini)


def test_details_list_relations_with_evidence(mini):
    mini.js("id => kgView.select(id)", mini.node_id("李天传"))
    text = mini.page.locator("#kg-details").inner_text()
    assert "任职于 holds post in" in text
    assert "青岛高新区管委会常务副主任李天传表示" in text and "d1.txt" in text


def dark_pixels(p: Page, png: bytes) -> int:
    return p.js("""async b64 => {
        const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
        const img = await createImageBitmap(new Blob([bytes], {type: 'image/png'}));
        const c = new OffscreenCanvas(img.width, img.height);
        const g = c.getContext('2d'); g.drawImage(img, 0, 0);
        const d = g.getImageData(0, 0, img.width, img.height).data; let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i] < 70 && d[i + 1] < 70 && d[i + 2] < 70) n++;
        return n; }""", base64.b64encode(png).decode())


def test_screenshot_renders_chinese(mini, tmp_path):
    shot = tmp_path / "mini.png"
    png = mini.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000
    assert dark_pixels(mini, png) > 500                                # not blank; text drawn
    # dark (text) pixels in the park's label box: its label is drawn
    park = mini.node_id("青岛高新区")
    box = next(b for b in mini.js("() => kgView.labelBoxes()") if b["id"] == park)
    rect = mini.js("() => kgView.canvasRect()")
    assert box["w"] > 40
    region = mini.page.screenshot(clip={"x": box["x"] + rect["left"], "y": box["y"] + rect["top"],
                                        "width": box["w"], "height": box["h"]})
    (tmp_path / "label.png").write_bytes(region)
    assert dark_pixels(mini, region) > 100
    # the label font has real CJK glyphs: two different characters do not draw the same box
    differ = mini.js("""() => {
        const face = "'Noto Sans CJK SC','Source Han Sans SC',sans-serif";
        const draw = ch => { const c = new OffscreenCanvas(48, 48), g = c.getContext('2d');
            g.font = '40px ' + face; g.fillText(ch, 2, 40);
            return Array.from(g.getImageData(0, 0, 48, 48).data).join(','); };
        return [draw('青') !== draw('岛'), draw('青') !== draw(' '),
                document.fonts.check('16px "Noto Sans CJK SC"')]; }""")
    assert differ == [True, True, True]
    assert_clean(mini)


def test_truncated_view_says_what_is_left_out(browser, tmp_path):
    syn = make(300, seed=6)
    ttl = tmp_path / "g.ttl"
    ttl.write_text(syn.ttl, encoding="utf-8")
    info = write_view(ttl, tmp_path / "v.html", max_nodes=100)
    p = Page(browser, tmp_path / "v.html")
    try:
        assert p.js("() => kgView.nodeCount()") == 100
        banner = p.page.locator("#kg-banner")
        assert banner.is_visible()
        text = banner.inner_text()
        assert f"{info.left_out_nodes}" in text and "kg viz --focus NAME" in text
        assert_clean(p)
    finally:
        p.close()


def test_large_graph_counts_and_stays_still(browser, tmp_path):
    syn = make(600, seed=7)
    ttl = tmp_path / "g.ttl"
    ttl.write_text(syn.ttl, encoding="utf-8")
    write_view(ttl, tmp_path / "v.html")
    G = load_network(ttl)
    p = Page(browser, tmp_path / "v.html")
    try:
        assert p.js("() => [kgView.nodeCount(), kgView.edgeCount()]") == [G.number_of_nodes(), G.number_of_edges()]
        before = p.js("() => JSON.stringify(kgView.screenPositions())")
        p.page.wait_for_timeout(500)
        assert p.js("() => JSON.stringify(kgView.screenPositions())") == before
        assert_clean(p)
    finally:
        p.close()


def test_focus_view_selects_the_entity(browser, tmp_path):
    write_view(MINI, tmp_path / "f.html", focus="埃地沃兹", hops=1)
    p = Page(browser, tmp_path / "f.html")
    try:
        assert p.js("() => kgView.nodeCount()") == 3
        assert p.js("() => kgView.selected()") == p.node_id("埃地沃兹真空泵制造（青岛）有限公司")
        assert "埃地沃兹真空泵制造" in p.page.locator("#kg-heading").inner_text()
        assert p.page.locator("#kg-details").is_visible()
        assert_clean(p)
    finally:
        p.close()


# --- the view of real articles ------------------------------------------------------------------

REAL = Path(__file__).parent / "data" / "real_dev" / "texts"


def built_page(tmp_path_factory, texts: Path) -> Path:
    """graph.html of a kg build of `texts` (the page the build draws from its graph)."""
    from click.testing import CliRunner
    from kg.cli import main
    out = tmp_path_factory.mktemp(texts.name)
    r = CliRunner().invoke(main, ["build", str(texts), "--out", str(out), "--no-store"])
    assert r.exit_code == 0, r.output
    return out / "graph.html"


@pytest.fixture(scope="module")
def real_html(tmp_path_factory):
    return built_page(tmp_path_factory, REAL)


def overlaps(boxes: list[tuple[float, float, float, float]]) -> list[tuple[int, int]]:
    hits = []
    for i, (x, y, w, h) in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            X, Y, W, H = boxes[j]
            if x < X + W and X < x + w and y < Y + H and Y < y + h:
                hits.append((i, j))
    return hits


def check_legible(p: Page) -> dict:
    """At the current zoom: discs apart, all inside the canvas, drawn labels clear of each other."""
    p.settle()
    pos = p.js("() => kgView.screenPositions()")
    rect = p.js("() => kgView.canvasRect()")
    ids = sorted(pos)
    crowded = set()
    for i, a in enumerate(ids):
        A = pos[a]
        for b in ids[i + 1:]:
            B = pos[b]
            if (A["x"] - B["x"]) ** 2 + (A["y"] - B["y"]) ** 2 < (A["r"] + B["r"]) ** 2 - 1e-6:
                crowded |= {a, b}
    outside = [i for i in ids if not (pos[i]["r"] <= pos[i]["x"] <= rect["width"] - pos[i]["r"]
                                      and pos[i]["r"] <= pos[i]["y"] <= rect["height"] - pos[i]["r"])]
    labels = p.js("() => kgView.labelBoxes()")
    clash = overlaps([(b["x"], b["y"], b["w"], b["h"]) for b in labels])
    radii = sorted(pos[i]["r"] for i in ids)
    return {"nodes": len(ids), "crowded": len(crowded), "outside": outside, "labels": labels,
            "label_clashes": clash, "median_r": radii[len(radii) // 2]}


def test_real_articles_view_is_legible_at_fit_and_zoomed(browser, real_html, tmp_path):
    p = Page(browser, real_html)
    try:
        n = p.js("() => kgView.nodeCount()")
        assert n > 150 and p.js("() => kgView.edgeCount()") > 30
        fit = check_legible(p)
        assert fit["nodes"] == n
        assert fit["crowded"] <= 0.01 * n, fit["crowded"]
        assert fit["outside"] == []
        assert fit["median_r"] >= 2.0
        assert fit["label_clashes"] == [] and len(fit["labels"]) >= 20
        labelled = {b["id"] for b in fit["labels"]}
        parks = p.js("() => kgView.data.nodes.filter(n => n.cls === 'Park').sort((a, b) => b.kg.degree - a.kg.degree).map(n => n.id)")
        assert set(parks[:5]) <= labelled              # the most connected parks are named
        p.page.screenshot(path=str(tmp_path / "real-fit.png"))
        # zoomed in on the busiest park: more labels, still none over another
        hub = parks[0]
        p.js("id => kgView.zoomTo(id)", hub)
        near = check_legible(p)
        assert near["label_clashes"] == [] and hub in {b["id"] for b in near["labels"]}
        assert near["crowded"] == 0
        assert_clean(p)
    finally:
        p.close()


def test_real_articles_search_zoom_details(browser, real_html):
    p = Page(browser, real_html)
    try:
        hub = p.js("() => kgView.data.nodes.filter(n => n.cls === 'Park').sort((a, b) => b.kg.degree - a.kg.degree)[0]")
        box = p.page.locator("#kg-search")
        box.fill(hub["kg"]["names"][-1])                 # any of its names
        box.press("Enter")
        p.page.wait_for_timeout(700)
        assert p.js("() => kgView.selected()") == hub["id"]
        pos = p.js("id => kgView.screenPositions()[id]", hub["id"])
        rect = p.js("() => kgView.canvasRect()")
        assert abs(pos["x"] - rect["width"] / 2) < 2 and abs(pos["y"] - rect["height"] / 2) < 2
        assert pos["r"] >= 13.9
        text = p.page.locator("#kg-details").inner_text()
        assert hub["label"] in text and "园区 Park" in text
        # every relation of the park is listed with its evidence sentence and document
        rels = p.js("id => kgView.data.edges.filter(e => e.from === id || e.to === id)", hub["id"])
        assert p.js("() => document.querySelectorAll('#kg-details .kg-d-rel').length") == len(rels)
        for e in rels:
            for ref in e["kg"]["evidence"][:1]:
                ev = p.js("ref => kgView.passage(ref)", ref)
                assert ev["text"] in text and ev["document"] in text
        # clicking a related entity in the panel goes there
        p.page.locator("#kg-details .kg-d-link").first.click()
        p.page.wait_for_timeout(600)
        assert p.js("() => kgView.selected()") != hub["id"]
        assert_clean(p)
    finally:
        p.close()


def test_colour_by_zone_names_the_parks(browser, real_html):
    """The overview by zone: every entity takes the colour of the park it is nearest to, the
    legend names the parks of the largest zones, a legend entry goes to its park, and the
    colours by class come back."""
    p = Page(browser, real_html)
    try:
        data = p.js("() => ({nodes: kgView.data.nodes.map(n => [n.id, n.cls, n.z]), zones: kgView.data.zones, "
                    "classes: kgView.data.classes, info: kgView.data.zoneInfo})")
        assert len(data["zones"]) >= 10 and data["info"]["named"] == 12
        assert not p.page.locator("#kg-zones").is_visible()
        p.page.locator("label:has(#kg-colour-zone)").click()
        assert p.js("() => kgView.state.colourBy") == "zone"
        p.settle()
        colours = p.js("() => kgView.data.nodes.map(n => kgView.renderer.getNodeDisplayData(n.id).color)")
        for (i, _, z), colour in zip(data["nodes"], colours):
            assert colour == (data["zones"][z]["colour"] if z >= 0 else "#c9c9c4"), i
        named = {z["colour"] for z in data["zones"][:12]}
        assert len(named) == 12                          # the largest zones are told apart
        legend = p.page.locator("#kg-zones")
        assert legend.is_visible()
        text = legend.inner_text()
        for z in data["zones"][:12]:
            assert z["label"] in text and f"{z['count']:,}" in text
        if data["info"]["none"]:
            assert "linked to no park" in text
        biggest = data["zones"][0]
        legend.locator(f'button[data-park="{biggest["park"]}"]').click()
        p.page.wait_for_timeout(600)
        assert p.js("() => kgView.selected()") == biggest["park"]
        assert biggest["label"] in p.page.locator("#kg-details").inner_text()
        p.page.screenshot(path=str(real_html.parent / "zones.png"))
        p.page.locator("label:has(#kg-colour-class)").click()
        p.js("() => kgView.select(null)")
        classes = {c["name"]: c["colour"] for c in data["classes"]}
        colours = p.js("() => kgView.data.nodes.map(n => kgView.renderer.getNodeDisplayData(n.id).color)")
        assert colours == [classes[c] for _, c, _ in data["nodes"]]
        assert not legend.is_visible()
        assert_clean(p)
    finally:
        p.close()


SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def seeds_html(tmp_path_factory):
    return built_page(tmp_path_factory, SEEDS)


def test_details_list_a_parks_investments(browser, seeds_html):
    """A park selected: its stated investments, each with investor, amount as written,
    currency, project, date and the sentence that states it (seed articles: 阿斯利康 puts
    约为4.5亿美元 into 青岛高新区)."""
    p = Page(browser, seeds_html)
    try:
        box = p.page.locator("#kg-search")
        box.fill("青岛高新技术产业开发区")                  # an alias
        box.press("Enter")
        park = p.node_id("青岛高新区")
        assert p.js("() => kgView.selected()") == park
        listed = p.js("id => kgView.data.nodes[id].kg.inv.map(i => kgView.data.investments[i])"
                      ".map(v => Object.assign({}, v, {evidence: kgView.passage(v.evidence)}))", park)
        assert len(listed) >= 3
        details = p.page.locator("#kg-details")
        assert details.locator(".kg-d-inv").count() == len(listed)
        text = details.inner_text()
        assert f"投资 Investments（{len(listed)}）" in text and "Stated total" in text
        for v in listed:
            assert v["amountText"] in text and v["investorLabel"] in text
            assert v["evidence"]["text"] in text and v["evidence"]["document"] in text
        assert "约为4.5亿美元（USD 450,000,000）" in text
        assert "项目 Project: 吸入气雾剂生产供应基地" in text
        assert text.count("日期 Date: ") == len(listed)
        # the investor's own panel lists the same investment
        details.locator(".kg-d-inv button.kg-d-link", has_text="阿斯利康制药（青岛）有限公司").first.click()
        assert p.js("() => kgView.selected()") == p.node_id("阿斯利康制药（青岛）有限公司")
        text = p.page.locator("#kg-details").inner_text()
        assert "约为4.5亿美元" in text and "吸入气雾剂生产供应基地" in text
        assert_clean(p)
    finally:
        p.close()
