"""The published site's assets: its style sheet, the script that keeps an open page
current, and the bundled font, all served from the site itself (no CDN, no request
anywhere else: the site works on a government network without internet).

The colours are the projector theme's (themes/r57-projector.toml): black on white, and
every colour that carries text at 7:1 or more on white and on the panel grey. The type
is large enough to read from the back of a hall at 1920×1080 and stays readable on a
phone, where a wide table scrolls sideways inside its own box, never the page.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from .site_model import Page

FONT_FILE = "DejaVuSans.ttf"  # every letter of Vietnamese, with its diacritics
FONT_LICENCE = "LICENSE-DejaVu.txt"

SITE_CSS = """
@font-face {
  font-family: "R57 Sans";
  src: url("DejaVuSans.ttf") format("truetype");
  font-display: swap;
}
:root {
  --fg: #000000; --bg: #FFFFFF; --panel: #E6E6E6; --muted: #3D3D3D;
  --primary: #0033A0; --done: #004D1A; --ontime: #0033A0;
  --overdue: #930000; --amber: #5A3C00;
}
* { box-sizing: border-box; }
html { font-size: clamp(17px, 0.6vw + 12px, 26px); -webkit-text-size-adjust: 100%; }
body {
  margin: 0; color: var(--fg); background: var(--bg); line-height: 1.4;
  font-family: "R57 Sans", "DejaVu Sans", "Noto Sans", "Segoe UI", Arial, sans-serif;
}
header, main, footer { max-width: 110rem; margin: 0 auto; padding: 0 1.2rem; }
header { border-bottom: 4px solid var(--primary); padding-top: .6rem; padding-bottom: .4rem; }
header h1 { font-size: 1.7rem; margin: 0 0 .2rem; }
header p { margin: 0; color: var(--muted); }
header p.stale { color: var(--overdue); font-weight: bold; margin-top: .3rem; }
a { color: var(--primary); }
a:focus-visible, .scroll:focus-visible { outline: 3px solid var(--primary); outline-offset: 2px; }
h2 { font-size: 1.45rem; margin: 1.6rem 0 .5rem; }
h3 { font-size: 1.2rem; margin: 1.2rem 0 .4rem; }
.figures { display: flex; flex-wrap: wrap; gap: .8rem; margin: .8rem 0; padding: 0; }
.figure {
  flex: 1 1 11rem; background: var(--panel); padding: .6rem .9rem; margin: 0;
  border-left: .5rem solid var(--primary);
}
.figure dt { font-size: 1rem; color: var(--muted); }
.figure dd { margin: 0; font-size: 2.6rem; font-weight: bold; line-height: 1.15; }
.figure dd small { display: block; font-size: .95rem; font-weight: normal; }
.figure.completed { border-color: var(--done); }
.figure.completed dd { color: var(--done); }
.figure.on_time { border-color: var(--ontime); }
.figure.overdue { border-color: var(--overdue); }
.figure.overdue dd { color: var(--overdue); }
.figure.at_risk { border-color: var(--amber); }
.figure.at_risk dd { color: var(--amber); }
.since { font-size: 1.1rem; }
nav.groups ul {
  list-style: none; display: flex; flex-wrap: wrap; gap: .5rem; padding: 0; margin: .4rem 0;
}
nav.groups a {
  display: inline-block; padding: .3rem .8rem; background: var(--panel); color: var(--fg);
  text-decoration: none; border-bottom: 3px solid var(--primary);
}
.scroll { overflow-x: auto; max-width: 100%; margin: .4rem 0 1rem; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
p.caption { font-weight: bold; font-size: 1.1rem; margin: 1rem 0 .2rem; }
th, td {
  padding: .35rem .55rem; border-bottom: 1px solid #767676; vertical-align: top; text-align: left;
}
th { background: var(--panel); position: sticky; top: 0; }
td.n { text-align: right; white-space: nowrap; }
th.n { text-align: right; }
td.d, td.id { white-space: nowrap; }
td.long { min-width: 14rem; }
td.name { min-width: 11rem; }
td.flag { color: var(--overdue); font-weight: bold; }
tr.total td { font-weight: bold; border-top: 3px solid var(--fg); }
.empty { color: var(--muted); font-style: italic; }
figure.chart { margin: 1rem 0; max-width: 60rem; }
figure.chart svg { width: 100%; height: auto; }
figure.chart figcaption { font-weight: bold; margin-bottom: .3rem; }
.charts { display: flex; flex-wrap: wrap; gap: 1.5rem; }
.charts figure { flex: 1 1 28rem; }
footer { color: var(--muted); margin-top: 2rem; padding-bottom: 1.5rem; font-size: .9rem; }
@media (max-width: 40rem) {
  html { font-size: 16px; }
  header h1 { font-size: 1.35rem; }
  .figure { flex-basis: 42%; padding: .5rem .6rem; }
  .figure dd { font-size: 1.8rem; }
  th, td { padding: .3rem .4rem; }
}
@media print { .scroll { overflow: visible; } th { position: static; } }
""".lstrip()

# Keeps an open page current without a reload: `publish --serve` tells it of a new site
# by Server-Sent Events (`sse`); a static site is asked again every refresh with the
# last ETag (`poll`: a 304 costs nothing). Only <main> is swapped, so the page keeps its
# place. The page says which by <meta name="r57-live">.
LIVE_JS = """
(function () {
  "use strict";
  function meta(name) {
    var tag = document.querySelector('meta[name="' + name + '"]');
    return tag ? tag.getAttribute("content") : null;
  }
  var mode = meta("r57-live") || "off";
  if (mode === "off" || location.protocol === "file:" || !window.fetch) { return; }
  var refresh = Math.max(Number(meta("r57-refresh")) || 30, 1) * 1000;
  var root = meta("r57-root") || "";
  var etag = null;
  var shown = null;
  var busy = false;
  function swap(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.querySelector("main");
    var main = document.querySelector("main");
    if (!fresh || !main || fresh.innerHTML === shown) { return; }
    shown = fresh.innerHTML;
    main.innerHTML = shown;
    var head = doc.querySelector("header");
    var mine = document.querySelector("header");
    if (head && mine) { mine.innerHTML = head.innerHTML; }
    document.title = doc.title;
  }
  function load() {
    if (busy) { return Promise.resolve(); }
    busy = true;
    var headers = etag ? { "If-None-Match": etag } : {};
    return fetch(location.pathname + location.search, {
      headers: headers, cache: "no-cache", credentials: "same-origin"
    }).then(function (response) {
      if (response.status !== 200) { return; }
      etag = response.headers.get("ETag");
      return response.text().then(swap);
    }).catch(function () {}).then(function () { busy = false; });
  }
  function poll() {
    setTimeout(function () { load().then(poll); }, refresh);
  }
  shown = (document.querySelector("main") || {}).innerHTML;
  if (mode === "sse" && window.EventSource) {
    // The server names the site's version on connecting and at each change; the
    // browser reconnects by itself after a drop, and a page that missed a change
    // then hears the new version and catches up.
    var events = new EventSource(root + "events");
    var version = null;
    var heard = function (event) {
      if (event.data && event.data !== version) {
        version = event.data;
        load();
      }
    };
    events.onmessage = heard;
    events.addEventListener("version", heard);
    return;
  }
  poll();
})();
""".lstrip()


@cache
def _bundled(name: str) -> bytes:
    return files("r57tui.export").joinpath("fonts", name).read_bytes()


def site_assets() -> dict[str, Page]:
    """Every asset of the site by its path: the same for every feed."""
    return {
        "assets/site.css": Page(SITE_CSS.encode(), "text/css; charset=utf-8"),
        "assets/live.js": Page(LIVE_JS.encode(), "text/javascript; charset=utf-8"),
        f"assets/{FONT_FILE}": Page(_bundled(FONT_FILE), "font/ttf"),
        f"assets/{FONT_LICENCE}": Page(_bundled(FONT_LICENCE), "text/plain; charset=utf-8"),
    }
