"""Offline world map, drawn server-side as SVG.

The country shapes come from the vendored ``world-atlas`` 2.x package
(``static/vendor/world-atlas/countries-110m.json``: Natural Earth 1:110m admin-0
boundaries as TopoJSON). The TopoJSON is decoded here (quantized, delta-encoded arcs;
polygons and multipolygons; negative arc indexes reversed), projected with the Equal
Earth projection and turned into SVG path data once per process (``lru_cache``), so a
request only assembles strings.

Vietnam's Hoàng Sa (Paracel) and Trường Sa (Spratly) archipelagos are not in the
1:110m data. They are drawn here as small island shapes at the positions of their main
islands, in Vietnam's colour and inside Vietnam's link, with a title and a text label.

The markup has no ``style`` attribute, no ``<style>`` element and no script (the site's
Content-Security-Policy forbids inline styles and scripts): colours come from CSS
classes in ``static/css/map.css``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry
from django.conf import settings
from django.utils.html import escape

from core.text import as_id

DATA_PATH = Path("static") / "vendor" / "world-atlas" / "countries-110m.json"

WIDTH = 960  # viewBox width; the height follows from the projection and the data
PAD = 4  # viewBox units around the sphere's left/right edges, the top and the southernmost land
ANTARCTICA = "010"  # ISO 3166-1 numeric; dropped to save space

# Equal Earth projection (Šavrič, Patterson & Jenny 2018).
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """Equal Earth projection of a point in degrees, unit sphere, y pointing north."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


# Main islands, reefs and cays (lon, lat, radius in viewBox units) of the two archipelagos.
HOANG_SA = (
    (112.34, 16.83, 1.4),  # Phú Lâm (Woody Island)
    (112.26, 16.98, 1.0),  # Cây (Tree Island)
    (112.73, 16.67, 1.1),  # Linh Côn (Lincoln Island)
    (111.61, 16.53, 1.1),  # Hoàng Sa (Pattle Island)
    (111.71, 16.45, 1.0),  # Quang Hòa (Duncan Island)
    (111.20, 15.78, 0.9),  # Tri Tôn (Triton Island)
    (112.52, 16.03, 0.9),  # Bông Bay (Bombay Reef)
)
TRUONG_SA = (
    (111.92, 8.64, 1.2),  # Trường Sa Lớn (Spratly Island)
    (114.35, 11.44, 1.0),  # Song Tử Đông, Song Tử Tây (Northeast and Southwest Cays)
    (114.28, 11.05, 1.0),  # Thị Tứ (Thitu Island)
    (114.36, 10.38, 1.1),  # Ba Bình (Itu Aba Island)
    (114.36, 10.18, 1.0),  # Nam Yết (Namyit Island)
    (114.33, 9.88, 1.0),  # Sinh Tồn (Sin Cowe Island)
    (112.92, 7.87, 1.0),  # An Bang (Amboyna Cay)
    (113.84, 7.37, 1.0),  # Hoa Lau (Swallow Reef)
    (114.42, 10.67, 0.9),  # Loại Ta (Loaita Island)
    (113.70, 8.97, 0.9),  # Phan Vinh (Pearson Reef)
    (115.22, 8.37, 0.9),  # Công Đo (Commodore Reef)
    (115.53, 9.90, 0.9),  # Vành Khăn (Mischief Reef)
)
ARCHIPELAGO_TITLES = {
    "hoang-sa": ("Quần đảo Hoàng Sa (Việt Nam)", "Hoang Sa Archipelago (Viet Nam)"),
    "truong-sa": ("Quần đảo Trường Sa (Việt Nam)", "Truong Sa Archipelago (Viet Nam)"),
}
# Label text and where its baseline's middle goes (lon, lat): in open sea, Hoàng Sa's
# above the islands between Hainan, Taiwan and Luzon, Trường Sa's below the islands
# between the Malay Peninsula and Borneo (at map.css's font size).
ARCHIPELAGO_LABELS = {
    "hoang-sa": (("Hoàng Sa", "Hoang Sa"), (117.3, 18.9)),
    "truong-sa": (("Trường Sa", "Truong Sa"), (109.6, 5.3)),
}

# Sovereign states (and Hong Kong, Macao) too small for the 1:110m data: a small dot at
# (lon, lat) of the capital or main island, drawn only when the country is in the mapping.
SMALL_STATES = {
    "AD": (1.52, 42.51), "AG": (-61.80, 17.10), "BB": (-59.60, 13.10), "BH": (50.55, 26.07),
    "CV": (-23.51, 14.92), "DM": (-61.37, 15.41), "FM": (158.16, 6.92), "GD": (-61.70, 12.10),
    "HK": (114.17, 22.32), "KI": (172.98, 1.33), "KM": (43.26, -11.70), "KN": (-62.70, 17.30),
    "LC": (-60.98, 13.90), "LI": (9.52, 47.14), "MC": (7.42, 43.73), "MH": (171.38, 7.10),
    "MO": (113.55, 22.20), "MT": (14.45, 35.90), "MU": (57.58, -20.30), "MV": (73.51, 4.17),
    "NR": (166.93, -0.53), "PW": (134.60, 7.50), "SC": (55.45, -4.62), "SG": (103.82, 1.35),
    "SM": (12.46, 43.94), "ST": (6.73, 0.34), "TO": (-175.20, -21.14), "TV": (179.20, -8.52),
    "VA": (12.45, 41.90), "VC": (-61.20, 13.25), "WS": (-172.10, -13.76),
}  # fmt: skip
MARKER_RADIUS = 2.2


@dataclass(frozen=True)
class Feature:
    code: str | None  # ISO 3166-1 alpha-2, None for features without a usable id
    name: str  # Natural Earth's English name (not shown)
    d: str  # SVG path data


@dataclass(frozen=True)
class MapGeometry:
    width: int
    height: int
    features: tuple[Feature, ...]
    ocean: str  # path data of the sphere's outline
    to_svg: tuple[float, float, float]  # scale, x offset, y offset from unit Equal Earth


def _fmt(tenths: int) -> str:
    """A coordinate held as an integer number of tenths, as short SVG text."""
    sign = "-" if tenths < 0 else ""
    whole, frac = divmod(abs(tenths), 10)
    return f"{sign}{whole}.{frac}" if frac else f"{sign}{whole}"


def _ring_path(points: list[tuple[int, int]]) -> str:
    """Relative path data of one closed ring of points in tenths; '' if it collapses."""
    pts: list[tuple[int, int]] = []
    for p in points:
        if not pts or p != pts[-1]:
            pts.append(p)
    if len(pts) > 1 and pts[0] == pts[-1]:
        pts.pop()
    if len(set(pts)) < 3:
        return ""
    x0, y0 = pts[0]
    out = [f"M{_fmt(x0)} {_fmt(y0)}l"]
    steps = []
    for x, y in pts[1:]:
        dx, dy = x - x0, y - y0
        steps.append(f"{_fmt(dx)} {_fmt(dy)}")
        x0, y0 = x, y
    out.append(" ".join(steps))
    out.append("z")
    return "".join(out)


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute (lon, lat) points of every arc: undo delta encoding and quantization."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy, *_ in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(p[0], p[1]) for p in arc]
        arcs.append(points)
    return arcs


def _rings(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[list[tuple[float, float]]]:
    """Join a ring's arcs (a negative index ~i means arc i reversed; shared ends appear
    once) and cut the ring at the antimeridian: one ring per side it reaches."""
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc[1:] if points else arc)
    return _split_antimeridian(points)


def _split_antimeridian(points: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """Cut a closed (lon, lat) ring that crosses ±180° (Russia's Chukotka, Fiji, ...).

    The longitudes are unwrapped so the ring is continuous (179, 181, ...), then clipped
    to each 360° window it reaches and shifted back into [-180, 180].
    """
    if not points:
        return []
    unwrapped = [points[0]]
    for lon, lat in points[1:]:
        prev = unwrapped[-1][0]
        step = (lon - prev + 180) % 360 - 180
        unwrapped.append((prev + step, lat))
    lons = [lon for lon, _ in unwrapped]
    if min(lons) >= -180 and max(lons) <= 180:
        return [points]
    if abs(unwrapped[-1][0] - unwrapped[0][0]) > 1:  # winds around a pole (Antarctica): leave it
        return [points]
    rings = []
    for k in range(math.floor((min(lons) + 180) / 360), math.ceil((max(lons) - 180) / 360) + 1):
        lo, hi = -180 + 360 * k, 180 + 360 * k
        ring = _clip(_clip(unwrapped, lo, keep_above=True), hi, keep_above=False)
        if len(ring) >= 3:
            rings.append([(lon - 360 * k, lat) for lon, lat in ring])
    return rings


def _clip(ring: list[tuple[float, float]], edge: float, *, keep_above: bool) -> list[tuple[float, float]]:
    """Sutherland-Hodgman clip of a closed ring to lon >= edge (keep_above) or lon <= edge."""

    def inside(p: tuple[float, float]) -> bool:
        return p[0] >= edge if keep_above else p[0] <= edge

    def cross(p: tuple[float, float], q: tuple[float, float]) -> tuple[float, float]:
        t = (edge - p[0]) / (q[0] - p[0])
        return edge, p[1] + t * (q[1] - p[1])

    out: list[tuple[float, float]] = []
    for i, q in enumerate(ring):
        p = ring[i - 1]
        if inside(q):
            if not inside(p):
                out.append(cross(p, q))
            out.append(q)
        elif inside(p):
            out.append(cross(p, q))
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out


def _alpha2(numeric: str | None) -> str | None:
    if not numeric or as_id(numeric) is None:
        return None
    country = pycountry.countries.get(numeric=str(numeric).zfill(3))
    return country.alpha_2 if country else None


@lru_cache(maxsize=1)
def map_geometry() -> MapGeometry:
    """Decode, project and format the world once per process."""
    with open(Path(settings.BASE_DIR) / DATA_PATH, encoding="utf-8") as fh:
        topology = json.load(fh)
    arcs = _decode_arcs(topology)

    x_edge, _ = equal_earth(180, 0)
    _, y_pole = equal_earth(0, 90)
    scale = (WIDTH - 2 * PAD) / (2 * x_edge)
    x_off = WIDTH / 2
    y_off = PAD + y_pole * scale

    def to_tenths(lon: float, lat: float) -> tuple[int, int]:
        x, y = equal_earth(lon, lat)
        return round((x_off + x * scale) * 10), round((y_off - y * scale) * 10)

    features = []
    lowest = 0
    for geometry in topology["objects"]["countries"]["geometries"]:
        numeric = geometry.get("id")
        if numeric == ANTARCTICA:
            continue
        kind = geometry.get("type")
        if kind == "Polygon":
            polygons = [geometry["arcs"]]
        elif kind == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        parts = []
        for polygon in polygons:
            for ring_indexes in polygon:
                for ring in _rings(arcs, ring_indexes):
                    points = [to_tenths(lon, lat) for lon, lat in ring]
                    lowest = max(lowest, *(y for _, y in points))
                    parts.append(_ring_path(points))
        d = "".join(parts)
        if d:
            name = (geometry.get("properties") or {}).get("name", "")
            features.append(Feature(code=_alpha2(numeric), name=name, d=d))

    height = math.ceil(lowest / 10 + PAD)

    # The sphere's outline: the two edge meridians, joined by the flat pole lines.
    outline = [to_tenths(180, lat) for lat in range(90, -91, -5)]
    outline += [to_tenths(-180, lat) for lat in range(-90, 91, 5)]
    ocean = _ring_path(outline)

    return MapGeometry(
        width=WIDTH,
        height=height,
        features=tuple(features),
        ocean=ocean,
        to_svg=(scale, x_off, y_off),
    )


def _project(geo: MapGeometry, lon: float, lat: float) -> tuple[float, float]:
    scale, x_off, y_off = geo.to_svg
    x, y = equal_earth(lon, lat)
    return round(x_off + x * scale, 1), round(y_off - y * scale, 1)


def _circles(geo: MapGeometry, spots: tuple[tuple[float, float, float], ...]) -> str:
    """Path data of small circles (two arcs each) at (lon, lat, radius)."""
    parts = []
    for lon, lat, r in spots:
        x, y = _project(geo, lon, lat)
        parts.append(f"M{x - r:.1f} {y:.1f}a{r} {r} 0 1 0 {2 * r:.1f} 0a{r} {r} 0 1 0 {-2 * r:.1f} 0z")
    return "".join(parts)


@lru_cache(maxsize=1)
def _archipelago_paths() -> dict[str, str]:
    geo = map_geometry()
    return {"hoang-sa": _circles(geo, HOANG_SA), "truong-sa": _circles(geo, TRUONG_SA)}


def _state_class(code: str | None, countries: dict[str, dict]) -> str:
    info = countries.get(code) if code else None
    if info is None:
        return ""
    return " is-active" if info.get("active") else " has-link"


def _link_open(info: dict) -> str:
    return f'<a href="{escape(info.get("url", ""))}" class="map-link"><title>{escape(info.get("title", ""))}</title>'


def render_world_map(countries: dict[str, dict], *, label_vi: bool = True) -> str:
    """SVG markup (a str, safe to mark_safe) of the world.

    countries: ISO 3166-1 alpha-2 code -> {"url": str, "title": str, "active": bool}.
    Every country in the mapping is wrapped in <a href=url> with <title>title</title>
    and gets class "map-country is-active" when active, else "map-country has-link";
    countries not in the mapping get class "map-country".

    Vietnam is drawn last with class "map-country map-vn", together with the Hoàng Sa
    and Trường Sa archipelagos (class "map-country map-vn-islands" plus Vietnam's state
    class), inside Vietnam's link when Vietnam is in the mapping. Small states that the
    1:110m data lacks (Singapore, Malta, ...) get a dot ("map-country map-marker") when
    they are in the mapping.
    """
    countries = {str(code).upper(): info for code, info in (countries or {}).items()}
    geo = map_geometry()
    lang = 0 if label_vi else 1
    aria = "Bản đồ thế giới" if label_vi else "World map"
    # A map with links is a group (its links stay reachable by screen readers); else an image.
    role = "group" if countries else "img"

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {geo.width} {geo.height}" '
        f'class="world-map" role="{role}" aria-label="{aria}">',
        f'<path class="map-ocean" d="{geo.ocean}"/>',
    ]
    vietnam = None
    drawn = set()
    for feature in geo.features:
        if feature.code == "VN":
            vietnam = feature
            continue
        state = _state_class(feature.code, countries)
        iso = f' data-iso="{feature.code}"' if feature.code else ""
        path = f'<path class="map-country{state}"{iso} d="{feature.d}"/>'
        if state:
            drawn.add(feature.code)
            out.append(f"{_link_open(countries[feature.code])}{path}</a>")
        else:
            out.append(path)

    for code, (lon, lat) in SMALL_STATES.items():
        if code in countries and code not in drawn:
            state = _state_class(code, countries)
            x, y = _project(geo, lon, lat)
            out.append(
                f'{_link_open(countries[code])}<circle class="map-country map-marker{state}" data-iso="{code}" '
                f'cx="{x}" cy="{y}" r="{MARKER_RADIUS}"/></a>'
            )

    # Vietnam, its two archipelagos and their labels, on top of everything else.
    state = _state_class("VN", countries)
    out.append(_link_open(countries["VN"]) if state else '<g class="map-vn-group">')
    if vietnam is not None:
        out.append(f'<path class="map-country map-vn{state}" data-iso="VN" d="{vietnam.d}"/>')
    islands = _archipelago_paths()
    for key in ("hoang-sa", "truong-sa"):
        title = ARCHIPELAGO_TITLES[key][lang]
        out.append(
            f'<path class="map-country map-vn-islands{state}" data-archipelago="{key}" d="{islands[key]}">'
            f"<title>{escape(title)}</title></path>"
        )
    for key in ("hoang-sa", "truong-sa"):
        texts, (lon, lat) = ARCHIPELAGO_LABELS[key]
        x, y = _project(geo, lon, lat)
        out.append(
            f'<text class="map-label" x="{x}" y="{y}" text-anchor="middle">{escape(texts[lang])}</text>'
        )
    out.append("</a>" if state else "</g>")
    out.append("</svg>")
    return "".join(out)
