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
        return self.js("l => kgView.data.nodes.find(n => n.label === l).id", label)

    def node_xy(self, node: int) -> tuple[float, float]:
        x, y = self.js("""id => { const p = kgNetwork.canvasToDOM(kgNetwork.getPosition(id));
                         const r = document.getElementById('kg-graph').getBoundingClientRect();
                         return [p.x + r.left, p.y + r.top]; }""", node)
        return x, y

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


def test_loads_offline_with_all_entities_and_relations(mini):
    G = load_network(MINI)
    counts = mini.js("() => [kgView.nodes.length, kgView.edges.length, "
                     "kgNetwork.body.nodeIndices.length, kgNetwork.body.edgeIndices.length]")
    assert counts == [G.number_of_nodes(), G.number_of_edges()] * 2
    assert mini.js("() => document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert_clean(mini)


def test_search_by_alias_focuses_node(mini):
    box = mini.page.locator("#kg-search")
    box.fill("埃地沃兹")
    box.press("Enter")
    target = mini.node_id("埃地沃兹真空泵制造（青岛）有限公司")
    assert mini.js("() => kgNetwork.getSelectedNodes()") == [target]
    assert "埃地沃兹真空泵制造" in mini.page.locator("#kg-search-status").inner_text()
    # its neighbourhood is highlighted, the rest dimmed
    other = mini.node_id("国务院")
    assert mini.js("id => kgView.nodes.get(id).color.background", other) == "#e4e4e0"
    assert mini.js("id => kgView.nodes.get(id).color.background", target) != "#e4e4e0"
    box.fill("火星园区")
    box.press("Enter")
    assert "未找到" in mini.page.locator("#kg-search-status").inner_text()
    assert_clean(mini)


def test_class_filter_hides_nodes(mini):
    visible = "() => kgNetwork.body.nodeIndices.length"
    assert mini.js(visible) == 11
    company = mini.page.locator('label[data-cls="Company"] input')
    company.uncheck()
    assert mini.js(visible) == 7
    # relations of hidden entities go too: 12 - (3 of AZ, 2 of EDW... ) = only non-company ones
    assert mini.js("() => kgNetwork.body.edgeIndices.length") == 5
    company.check()
    assert mini.js(visible) == 11
    assert_clean(mini)


def test_click_highlights_neighbourhood(mini):
    park = mini.node_id("青岛高新区")
    mini.page.mouse.click(*mini.node_xy(park))
    assert mini.js("() => kgNetwork.getSelectedNodes()") == [park]
    dimmed = mini.js("() => kgView.nodes.get().filter(n => n.color.background === '#e4e4e0').map(n => n.label)")
    assert sorted(dimmed) == ["国务院", "洪锡哲", "阿斯利康"]        # two hops away
    mini.page.mouse.click(1270, 790)                                   # background
    assert mini.js("() => kgView.nodes.get().filter(n => n.color.background === '#e4e4e0').length") == 0


def test_injected_markup_shows_as_text_and_never_runs(mini):
    evil = mini.node_id("<img src=x onerror=alert(1)>")
    x, y = mini.node_xy(evil)
    mini.page.mouse.move(x - 40, y - 40)
    mini.page.mouse.move(x, y, steps=4)
    tip = mini.page.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=5000)
    text = tip.inner_text()
    assert "<img src=x onerror=alert(1)>" in text
    assert "<script>window.__pwned=1</script>" in text                 # the alias
    assert "公司在高新区追加投资。<img src=x onerror=alert(1)>" in text   # the source sentence
    assert mini.js("() => document.querySelector('div.vis-tooltip').querySelectorAll('img, script').length") == 0
    # search with the script alias: found, shown, not run
    box = mini.page.locator("#kg-search")
    box.fill("<script>window.__pwned=1</script>")
    box.press("Enter")
    assert mini.js("() => kgNetwork.getSelectedNodes()") == [evil]
    mini.page.wait_for_timeout(300)
    assert_clean(mini)


def test_edge_tooltip_has_relation_and_evidence(mini):
    text = mini.js("""() => { const e = kgView.edges.get().find(e => e.rel === 'holdsPost');
                              return e.title.textContent; }""")
    assert "任职于 holds post in" in text and "李天传" in text
    assert "青岛高新区管委会常务副主任李天传表示" in text and "d1.txt" in text


def test_screenshot_renders_chinese(mini, tmp_path):
    shot = tmp_path / "mini.png"
    png = mini.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000
    # decode the screenshot in the page and look at its pixels
    stats = mini.js("""async b64 => {
        const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
        const img = await createImageBitmap(new Blob([bytes], {type: 'image/png'}));
        const c = new OffscreenCanvas(img.width, img.height);
        const g = c.getContext('2d'); g.drawImage(img, 0, 0);
        const d = g.getImageData(0, 0, img.width, img.height).data;
        const colours = new Set(); let dark = 0;
        for (let i = 0; i < d.length; i += 4) {
            colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
            if (d[i] < 70 && d[i + 1] < 70 && d[i + 2] < 70) dark++;
        }
        return [img.width, colours.size, dark];
    }""", base64.b64encode(png).decode())
    assert stats[0] == 1280 and stats[1] > 50 and stats[2] > 500      # not blank; text drawn
    # dark (text) pixels right under the park: its label is drawn on the canvas
    box = mini.js("""id => { const s = kgNetwork.body.nodes[id].labelModule.size;
        const a = kgNetwork.canvasToDOM({x: s.left, y: s.top});
        const b = kgNetwork.canvasToDOM({x: s.left + s.width, y: s.top + s.height});
        const r = document.getElementById('kg-graph').getBoundingClientRect();
        return {x: a.x + r.left, y: a.y + r.top, width: b.x - a.x, height: b.y - a.y}; }""",
                  mini.node_id("青岛高新区"))
    assert box["width"] > 40
    region = mini.page.screenshot(clip=box)
    (tmp_path / "label.png").write_bytes(region)
    dark = mini.js("""async b64 => {
        const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
        const img = await createImageBitmap(new Blob([bytes], {type: 'image/png'}));
        const c = new OffscreenCanvas(img.width, img.height);
        const g = c.getContext('2d'); g.drawImage(img, 0, 0);
        const d = g.getImageData(0, 0, img.width, img.height).data; let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i] < 70 && d[i + 1] < 70 && d[i + 2] < 70) n++;
        return n; }""", base64.b64encode(region).decode())
    assert dark > 100
    # the label font has real CJK glyphs: two different characters do not draw the same box
    differ = mini.js("""() => {
        const face = kgView.data.options.nodes.font.face;
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
        assert p.js("() => kgNetwork.body.nodeIndices.length") == 100
        banner = p.page.locator("#kg-banner")
        assert banner.is_visible()
        text = banner.inner_text()
        assert f"{info.left_out_nodes}" in text and "kg viz --focus NAME" in text
        assert_clean(p)
    finally:
        p.close()


def test_large_graph_without_physics_counts_and_stays_still(browser, tmp_path):
    syn = make(600, seed=7)
    ttl = tmp_path / "g.ttl"
    ttl.write_text(syn.ttl, encoding="utf-8")
    write_view(ttl, tmp_path / "v.html")
    G = load_network(ttl)
    p = Page(browser, tmp_path / "v.html")
    try:
        counts = p.js("() => [kgNetwork.body.nodeIndices.length, kgNetwork.body.edgeIndices.length]")
        assert counts == [G.number_of_nodes(), G.number_of_edges()]
        before = p.js("() => JSON.stringify(kgNetwork.getPositions())")
        p.page.wait_for_timeout(500)
        assert p.js("() => JSON.stringify(kgNetwork.getPositions())") == before
        assert p.js("() => kgNetwork.physics.physicsEnabled") is False
        assert_clean(p)
    finally:
        p.close()


def test_focus_view_selects_the_entity(browser, tmp_path):
    write_view(MINI, tmp_path / "f.html", focus="埃地沃兹", hops=1)
    p = Page(browser, tmp_path / "f.html")
    try:
        assert p.js("() => kgNetwork.body.nodeIndices.length") == 3
        assert p.js("() => kgNetwork.getSelectedNodes()") == [p.node_id("埃地沃兹真空泵制造（青岛）有限公司")]
        assert "埃地沃兹真空泵制造" in p.page.locator("#kg-heading").inner_text()
        assert_clean(p)
    finally:
        p.close()
