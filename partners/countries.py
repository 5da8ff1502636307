"""ISO 3166-1 countries and territories with CLDR names (Babel) and a region.

Codes come from pycountry, names from CLDR through Babel (pycountry's Vietnamese names
are dated), the continent from CLDR's time-zone territories; ASEAN is its own region.
"""

from __future__ import annotations

from functools import lru_cache

import pycountry
from babel import Locale
from babel.core import get_global

# ASEAN members (Timor-Leste joined on 26 October 2025).
ASEAN = frozenset({"BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN", "TL"})
ZONE_REGIONS = {
    "Asia": "asia",
    "Europe": "europe",
    "America": "americas",
    "Africa": "africa",
    "Australia": "oceania",
    "Pacific": "oceania",
}
# Territories whose first time zone is an ocean's or Antarctica's.
OCEAN_REGIONS = {
    "MV": "asia",
    "IO": "asia",
    "CX": "oceania",
    "CC": "oceania",
    "HM": "oceania",
    "TF": "africa",
    "MU": "africa",
    "SC": "africa",
    "KM": "africa",
    "MG": "africa",
    "RE": "africa",
    "YT": "africa",
    "CV": "africa",
    "SH": "africa",
    "BM": "americas",
    "FK": "americas",
    "GS": "americas",
    "FO": "europe",
    "IS": "europe",
    "SJ": "europe",
    "PT": "europe",
    "ES": "europe",
    "BV": "other",
    "AQ": "other",
}


def region_of(code: str) -> str:
    if code in ASEAN:
        return "asean"
    if code in OCEAN_REGIONS:
        return OCEAN_REGIONS[code]
    zones = get_global("territory_zones").get(code, [])
    for zone in zones:
        region = ZONE_REGIONS.get(zone.split("/")[0])
        if region:
            return region
    return "other"


@lru_cache(maxsize=1)
def country_rows() -> tuple[dict, ...]:
    """One row per ISO 3166-1 entry: code, alpha3, numeric, name_vi, name_en, region."""
    vi, en = Locale("vi").territories, Locale("en").territories
    rows = []
    for c in pycountry.countries:
        rows.append(
            {
                "code": c.alpha_2,
                "alpha3": c.alpha_3,
                "numeric": c.numeric,
                "name_vi": vi.get(c.alpha_2) or c.name,
                "name_en": en.get(c.alpha_2) or c.name,
                "region": region_of(c.alpha_2),
            }
        )
    return tuple(rows)
