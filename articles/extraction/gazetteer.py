"""Names the extractor looks for, from the registry when the database answers, else from the
general data every installation has (CLDR and ISO through Babel and pycountry, the registry's
reference list of multilateral bodies).

Countries: CLDR Vietnamese and English names of every ISO 3166-1 code, the registry's names,
and the common Vietnamese exonyms of data.COUNTRY_VARIANTS. Bodies: the registry's Vietnamese
and English names and acronyms, with the derived forms (a name without its parenthesis, the
parenthesis alone, English without "The"). Agencies: only those the user may see (business
records under the access rule); without a user, none (agencies are then found by pattern).
Units and provinces: Vietnamese units are never partners, provinces are places.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from . import data

logger = logging.getLogger(__name__)

_PAREN = re.compile(r"\s*\(([^)]*)\)\s*")


@dataclass
class Surface:
    """One written form of a name and what it stands for."""

    text: str
    key: str  # ISO code, a body's canonical short name, an agency's registry name
    extra: str = ""  # an agency's country


@dataclass
class Gazetteer:
    countries: list[Surface] = field(default_factory=list)
    country_names: dict[str, str] = field(default_factory=dict)  # ISO code -> English name
    bodies: list[Surface] = field(default_factory=list)
    body_acronyms: dict[str, str] = field(default_factory=dict)  # acronym -> canonical
    agencies: list[Surface] = field(default_factory=list)
    places: set[str] = field(default_factory=set)
    source: str = "builtin"


def _body_surfaces(name_vi: str, name_en: str, acronym: str) -> tuple[str, list[str]]:
    canonical = acronym or name_en
    forms = []
    for name in (name_vi, name_en):
        if not name:
            continue
        forms.append(name)
        inside = _PAREN.search(name)
        if inside:
            forms.append(_PAREN.sub(" ", name).strip())
            if len(inside.group(1).split()) >= 2:
                forms.append(inside.group(1).strip())
        if name.startswith("The "):
            forms.append(name[4:])
    if acronym:
        forms.append(acronym)
    # "Liên Hiệp Quốc" is the older, still common spelling of "Liên hợp quốc".
    forms += [
        re.sub("liên hợp quốc", "Liên Hiệp Quốc", f, flags=re.IGNORECASE)
        for f in forms
        if "hợp quốc" in f.lower()
    ]
    return canonical, [f for f in dict.fromkeys(forms) if f]


def _add_countries(gaz: Gazetteer, rows) -> None:
    seen = {(s.text, s.key) for s in gaz.countries}
    for code, *names in rows:
        if code == "VN":
            continue
        for name in names:
            if name and (name, code) not in seen:
                seen.add((name, code))
                gaz.countries.append(Surface(name, code))


def _builtin(gaz: Gazetteer) -> None:
    from babel import Locale

    from partners import demo_data
    from partners.countries import country_rows

    en = Locale("en").territories
    rows = []
    for row in country_rows():
        gaz.country_names[row["code"]] = row["name_en"]
        rows.append((row["code"], row["name_vi"], row["name_en"], en.get(row["code"], "")))
    _add_countries(gaz, rows)
    for _key, _kind, _scope, name_vi, name_en, acronym in demo_data.BODIES:
        canonical, forms = _body_surfaces(name_vi, name_en, acronym)
        gaz.bodies.extend(Surface(form, canonical) for form in forms)
        if acronym:
            gaz.body_acronyms[acronym] = canonical


def _from_registry(gaz: Gazetteer, user) -> None:
    """The registry's names (reference data: countries, bodies, units; agencies as the user sees them)."""
    from org.models import Unit, UnitKind
    from partners.models import Country, ForeignAgency, MultilateralBody

    def rows(model):
        manager = model.objects
        return manager.visible_to(user) if user is not None else manager.all()

    countries = list(rows(Country).values_list("code", "name_vi", "name_en"))
    _add_countries(gaz, countries)
    gaz.country_names.update({code: name_en for code, _vi, name_en in countries})
    bodies = list(rows(MultilateralBody).values_list("name_vi", "name_en", "acronym"))
    if bodies:
        gaz.bodies = []
        gaz.body_acronyms = {}
        for name_vi, name_en, acronym in bodies:
            canonical, forms = _body_surfaces(name_vi, name_en, acronym)
            gaz.bodies.extend(Surface(form, canonical) for form in forms)
            if acronym:
                gaz.body_acronyms[acronym] = canonical
    if user is not None:
        agencies = ForeignAgency.objects.visible_to(user).values_list(
            "name_vi", "name_en", "name_original", "acronym", "country__code"
        )
        acronyms: dict[str, int] = {}
        listed = list(agencies)
        for *_names, acronym, _code in listed:
            if acronym:
                acronyms[acronym] = acronyms.get(acronym, 0) + 1
        for name_vi, name_en, name_original, acronym, code in listed:
            for form in (name_vi, name_en, name_original):
                if form:
                    gaz.agencies.append(Surface(form, name_vi, code))
            # An acronym shared by two agencies ("MPS" of Laos and of China) names neither.
            if acronym and len(acronym) >= 3 and acronyms[acronym] == 1:
                gaz.agencies.append(Surface(acronym, name_vi, code))
    for name in rows(Unit).filter(kind=UnitKind.PROVINCE).values_list("name_vi", flat=True):
        for prefix in ("Công an thành phố ", "Công an tỉnh ", "Công an "):
            if name.startswith(prefix):
                gaz.places.add(name[len(prefix) :])
                break
    gaz.source = "registry"


def load(user=None, use_database: bool = True) -> Gazetteer:
    """The gazetteer: general data, then the registry's names over it when the database answers."""
    gaz = Gazetteer()
    gaz.places.update(data.PROVINCES)
    _builtin(gaz)
    _add_countries(gaz, [(code, *names) for code, names in data.COUNTRY_VARIANTS.items()])
    if use_database:
        from django.db import DatabaseError

        try:
            _from_registry(gaz, user)
        except DatabaseError as exc:  # no database, or not migrated: general data only
            logger.info("articles: registry not available (%s); general data only", exc)
    return gaz
