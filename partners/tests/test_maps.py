"""The server-side world map (partners.maps): no database needed."""

from __future__ import annotations

import json
import re
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from django.conf import settings

from partners import maps

SVG = "{http://www.w3.org/2000/svg}"
HOANG_SA_VI = "Quần đảo Hoàng Sa (Việt Nam)"
TRUONG_SA_VI = "Quần đảo Trường Sa (Việt Nam)"


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)


def links(root: ET.Element) -> dict[str, ET.Element]:
    return {a.get("href"): a for a in root.iter(f"{SVG}a")}


def title_of(element: ET.Element) -> str | None:
    title = element.find(f"{SVG}title")
    return None if title is None else title.text


def archipelagos(root: ET.Element) -> dict[str, ET.Element]:
    return {p.get("data-archipelago"): p for p in root.iter(f"{SVG}path") if p.get("data-archipelago")}


def test_svg_root_and_viewbox():
    root = parse(maps.render_world_map({}))
    assert root.tag == f"{SVG}svg"
    assert root.get("class") == "world-map"
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Bản đồ thế giới"
    _, _, width, height = (float(v) for v in root.get("viewBox").split())
    assert width == 960
    assert 380 <= height <= 520
    assert parse(maps.render_world_map({}, label_vi=False)).get("aria-label") == "World map"


def test_vietnam_and_archipelagos_without_mapping():
    markup = maps.render_world_map({})
    root = parse(markup)
    assert 'class="map-country map-vn" data-iso="VN"' in markup
    assert not list(root.iter(f"{SVG}a"))
    islands = archipelagos(root)
    assert set(islands) == {"hoang-sa", "truong-sa"}
    assert islands["hoang-sa"].get("class") == "map-country map-vn-islands"
    assert title_of(islands["hoang-sa"]) == HOANG_SA_VI
    assert title_of(islands["truong-sa"]) == TRUONG_SA_VI
    assert islands["truong-sa"].get("d").count("M") >= 5  # several islands, not one dot
    labels = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "map-label"]
    assert labels == ["Hoàng Sa", "Trường Sa"]
    # Countries outside the mapping are plain.
    china = next(p for p in root.iter(f"{SVG}path") if p.get("data-iso") == "CN")
    assert china.get("class") == "map-country"


def test_archipelagos_inside_vietnam_link_when_active():
    mapping = {"VN": {"url": "/doi-tac/vn/", "title": "Việt Nam", "active": True}}
    root = parse(maps.render_world_map(mapping))
    link = links(root)["/doi-tac/vn/"]
    assert title_of(link) == "Việt Nam"
    classes = {
        p.get("data-iso") or p.get("data-archipelago"): p.get("class") for p in link.iter(f"{SVG}path")
    }
    assert classes == {
        "VN": "map-country map-vn is-active",
        "hoang-sa": "map-country map-vn-islands is-active",
        "truong-sa": "map-country map-vn-islands is-active",
    }
    titles = {title_of(p) for p in link.iter(f"{SVG}path")}
    assert {HOANG_SA_VI, TRUONG_SA_VI} <= titles
    assert {t.text for t in link.iter(f"{SVG}text")} == {"Hoàng Sa", "Trường Sa"}


def test_archipelagos_follow_vietnam_link_state_and_english_labels():
    mapping = {"vn": {"url": "/vn/", "title": "Viet Nam", "active": False}}  # lower-case code accepted
    root = parse(maps.render_world_map(mapping, label_vi=False))
    link = links(root)["/vn/"]
    islands = archipelagos(link)
    assert islands["hoang-sa"].get("class") == "map-country map-vn-islands has-link"
    assert title_of(islands["hoang-sa"]) == "Hoang Sa Archipelago (Viet Nam)"
    assert title_of(islands["truong-sa"]) == "Truong Sa Archipelago (Viet Nam)"
    assert {t.text for t in link.iter(f"{SVG}text")} == {"Hoang Sa", "Truong Sa"}


def test_country_link_with_escaped_url_and_title():
    mapping = {
        "FR": {
            "url": "/doi-tac/?q=a&b=<c>",
            "title": 'Pháp <script>alert("x")</script> & co',
            "active": False,
        },
        "JP": {"url": "/doi-tac/jp/", "title": "Nhật Bản", "active": True},
    }
    markup = maps.render_world_map(mapping)
    assert "<script" not in markup
    assert "&amp;b=&lt;c&gt;" in markup
    root = parse(markup)
    by_href = links(root)
    france = by_href["/doi-tac/?q=a&b=<c>"]
    assert title_of(france) == 'Pháp <script>alert("x")</script> & co'
    (path,) = france.iter(f"{SVG}path")
    assert path.get("class") == "map-country has-link"
    assert path.get("data-iso") == "FR"
    (japan,) = by_href["/doi-tac/jp/"].iter(f"{SVG}path")
    assert japan.get("class") == "map-country is-active"


def test_small_state_missing_from_data_gets_a_marker():
    root = parse(maps.render_world_map({"SG": {"url": "/sg/", "title": "Singapore", "active": True}}))
    (marker,) = links(root)["/sg/"].iter(f"{SVG}circle")
    assert marker.get("class") == "map-country map-marker is-active"
    assert not [c for c in parse(maps.render_world_map({})).iter(f"{SVG}circle")]


def test_no_inline_style_or_script_and_small():
    mapping = {
        code: {"url": f"/{code}/", "title": code, "active": code == "VN"} for code in ("VN", "LA", "KH", "US")
    }
    for markup in (maps.render_world_map({}), maps.render_world_map(mapping, label_vi=False)):
        assert "style=" not in markup
        assert "<style" not in markup
        assert "<script" not in markup.lower()
        assert len(markup.encode()) < 400_000


def test_antarctica_dropped_and_paths_stay_on_the_map():
    markup = maps.render_world_map({})
    assert 'data-iso="AQ"' not in markup
    geo = maps.map_geometry()
    # Absolute move-to points lie inside the viewBox (rings cut at the antimeridian).
    for x, y in re.findall(r"M(-?[\d.]+) (-?[\d.]+)", "".join(f.d for f in geo.features)):
        assert -1 <= float(x) <= geo.width + 1
        assert -1 <= float(y) <= geo.height + 1


def test_no_country_covers_the_archipelagos():
    path = Path(settings.BASE_DIR) / maps.DATA_PATH
    topology = json.loads(path.read_text(encoding="utf-8"))
    arcs = maps._decode_arcs(topology)
    probes = [(112.0, 16.5), (111.6, 16.5), (114.0, 10.0), (112.0, 8.6), (115.5, 9.9)]
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            ring = maps._rings(arcs, polygon[0])[0]
            lons, lats = [p[0] for p in ring], [p[1] for p in ring]
            for lon, lat in probes:
                inside = min(lons) <= lon <= max(lons) and min(lats) <= lat <= max(lats)
                assert not inside, (geometry["properties"]["name"], lon, lat)


def test_topojson_decoding_and_antimeridian_cut():
    topology = {
        "transform": {"scale": [1, 1], "translate": [-180, -90]},
        "arcs": [[[0, 0], [10, 0], [0, 10]], [[10, 10], [-10, 0], [0, -10]]],
    }
    arcs = maps._decode_arcs(topology)
    assert arcs[0] == [(-180, -90), (-170, -90), (-170, -80)]
    (ring,) = maps._rings(arcs, [0, 1])
    assert ring[0] == ring[-1] and len(ring) == 5
    (reversed_ring,) = maps._rings(arcs, [~1, ~0])
    assert reversed_ring == ring[::-1]
    # A square from 170°E to 170°W is cut into one piece on each side of the map.
    square = [(170.0, 0.0), (-170.0, 0.0), (-170.0, 10.0), (170.0, 10.0), (170.0, 0.0)]
    pieces = maps._split_antimeridian(square)
    assert len(pieces) == 2
    spans = sorted((min(p[0] for p in piece), max(p[0] for p in piece)) for piece in pieces)
    assert spans == [(-180.0, -170.0), (170.0, 180.0)]


def test_geometry_is_cached_and_render_is_fast():
    maps.render_world_map({})
    assert maps.map_geometry() is maps.map_geometry()
    mapping = {"VN": {"url": "/vn/", "title": "Việt Nam", "active": True}}
    start = time.perf_counter()
    for _ in range(20):
        maps.render_world_map(mapping)
    assert (time.perf_counter() - start) / 20 < 0.02
