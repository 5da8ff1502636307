"""Links obey the access rule (DESIGN.md 4.1), generated for every relation of every model.

For each link from a registered business model to another business record: linking a
record the writer cannot see is refused exactly like an id that does not exist; a viewer
never finds the hidden record's name or id on any page, export or answer of the record
that carries the link; an edit by that viewer keeps the link. Relations that cannot hold a
hidden record by construction are listed with their reason, and the list is checked.
"""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from access.links import LINK_ERROR, link_fields
from access.registry import registry
from core.context import SYSTEM
from core.testing import all_specs
from core.tests.test_generated import api_for as api
from core.tests.test_generated import client_for as client

pytestmark = pytest.mark.django_db

SPECS = {spec.model: spec for spec in all_specs()}

# Links that can never name a record hidden from a viewer of the record that carries them,
# each with its reason. The tests below fail for a relation missing here that they cannot
# exercise, and for one listed here that they can.
NEVER_HIDDEN: dict[str, str] = {
    "partners.Relationship.agency": "an agency is visible through its relationships (access_unit_paths)",
    "instruments.DirectiveItem.parent": "a parent item belongs to the same directive (the item's parent)",
    "tracking.Assignment.obligation": "an obligation is visible to the units it is assigned to",
    "tracking.Assignment.parent": "a sub-assignment's parent is an assignment of its own unit's chain",
    "tracking.ProgressReport.assignment": "a report is visible through its assignment (access_unit_paths)",
    "tracking.ProgressReport.period": "a period belongs to the report's own assignment",
    "tracking.Obstacle.assignment": "an obstacle is visible through its assignment (access_unit_paths)",
    "cases.CaseMessage.subjects": "subjects belong to the message's own case",
    "cases.PersonalDataTransfer.subjects": "subjects belong to the transfer's own case",
    "cases.Outcome.case": "an outcome carries its case's unit and classification, and is seen where it is",
    "cases.Outcome.operation": "an outcome carries its operation's unit and classification, and is seen where it is",
    "cases.Outcome.report": "an outcome carries its report's unit and classification, and is seen where it is",
}

# What a relation needs besides the link to be valid (a staff participant has a profile).
LINK_EXTRA: dict[str, dict] = {"events.Participant.profile": {"side": "ours", "country": None, "agency": ""}}


def relations():
    out = []
    for model, spec in SPECS.items():
        fks, m2ms, _generic = link_fields(model)
        for field in (*fks, *m2ms):
            if field.related_model in SPECS:
                out.append(pytest.param(spec, field, id=f"{model._meta.label}.{field.name}"))
    return out


def key(spec, field) -> str:
    return f"{spec.model._meta.label}.{field.name}"


def link_value(field, record):
    return [record] if field.many_to_many else record


def hidden_record(field, units):
    """A record of the related model in Hà Nội: qninh (Quảng Ninh, Mật) cannot see it."""
    return SPECS[field.related_model].make(SYSTEM, units["CA-HA-NOI"], "thuong")


def carrying_record(spec, field, hidden, units):
    """A Quảng Ninh record linked (by the system) to ``hidden``, or None when it cannot be."""
    extra = {**LINK_EXTRA.get(key(spec, field), {}), field.name: link_value(field, hidden)}
    try:
        return spec.make(SYSTEM, units["CA-QUANG-NINH"], "thuong", **extra)
    except (ValidationError, TypeError, ValueError):
        return None


def writable_in_api(spec, field) -> bool:
    from core.api.router import router

    entry = registry.get(spec.model)
    viewset = next(v for prefix, v, basename in router.registry if basename == entry.api_basename)
    serializer = viewset.serializer_class()
    return field.name in serializer.fields and not serializer.fields[field.name].read_only


@pytest.mark.parametrize(("spec", "field"), relations())
def test_a_hidden_record_cannot_be_linked_and_is_refused_like_a_missing_one(spec, field, units, users):
    """Posting a hidden id answers exactly as posting an id that does not exist; nothing is written."""
    hidden = hidden_record(field, units)
    qninh = users[spec.extra.get("writer", "qninh")]
    assert not field.related_model.objects.visible_to(qninh).filter(pk=hidden.pk).exists()
    entry = registry.get(spec.model)
    url = reverse(f"api:{entry.api_basename}-list")
    base = spec.api_data(units["CA-QUANG-NINH"])
    before = spec.model.objects.count()
    if writable_in_api(spec, field):
        answers = []
        for value in (hidden.pk, 2_000_000_000):
            body = {**base, field.name: [value] if field.many_to_many else value}
            response = api(qninh).post(url, body, format="json")
            answers.append((response.status_code, response.json()))
        assert spec.model.objects.count() == before
        (hidden_status, hidden_body), (missing_status, missing_body) = answers
        assert hidden_status == missing_status == 400, answers
        assert hidden_body == missing_body
        text = json.dumps(hidden_body["error"]["fields"][field.name], ensure_ascii=False)
        assert str(LINK_ERROR) in text
    # The service refuses it too, whatever layer above it forgot.
    extra = {**LINK_EXTRA.get(key(spec, field), {}), field.name: link_value(field, hidden)}
    with pytest.raises(ValidationError) as refused:
        spec.make(qninh, units["CA-QUANG-NINH"], "thuong", **extra)
    assert field.name in refused.value.message_dict, refused.value
    assert spec.model.objects.count() == before


@pytest.mark.parametrize(("spec", "field"), relations())
def test_a_hidden_linked_record_is_named_nowhere_and_an_edit_keeps_it(spec, field, units, users):
    """qninh sees the record but not what it links to: no page, export or answer names it, and
    qninh's edit (page and API) leaves the link in place."""
    hidden = hidden_record(field, units)
    record = carrying_record(spec, field, hidden, units)
    qninh = users[spec.extra.get("writer", "qninh")]
    name = key(spec, field)
    if (
        record is None
        or field.related_model.objects.visible_to(qninh).filter(pk=hidden.pk).exists()
        or not spec.model.objects.visible_to(qninh).filter(pk=record.pk).exists()
    ):
        assert name in NEVER_HIDDEN, f"{name}: cannot link a hidden record; list it with its reason"
        return
    assert name not in NEVER_HIDDEN, f"{name} can hold a hidden record: remove it from NEVER_HIDDEN"
    secret = str(hidden)
    entry = registry.get(spec.model)
    c = client(qninh)
    pages = {
        "detail": c.get(reverse(entry.url_name("detail"), args=[record.pk])),
        "edit": c.get(reverse(entry.url_name("edit"), args=[record.pk])),
        "history": c.get(reverse(entry.url_name("history"), args=[record.pk])),
        "list": c.get(reverse(entry.url_name("list")), {"per_page": 100}),
        "export": c.get(reverse(entry.url_name("list")), {"export": "csv"}),
    }
    a = api(qninh)
    answers = {
        "api_detail": a.get(reverse(f"api:{entry.api_basename}-detail", args=[record.pk])),
        "api_list": a.get(reverse(f"api:{entry.api_basename}-list"), {"page_size": 500}),
        "api_history": a.get(reverse(f"api:{entry.api_basename}-history", args=[record.pk])),
    }
    for where, response in {**pages, **answers}.items():
        assert response.status_code == 200, where
        assert secret not in response.content.decode(), f"{name}: {where} names the hidden record"
    detail = answers["api_detail"].json()
    if field.many_to_many:
        assert hidden.pk not in detail.get(field.name, []), name
    elif field.name in detail:
        assert detail[field.name] is None and detail[f"{field.name}_restricted"] is True, name
    history = answers["api_history"].json()["results"]
    for row in history:
        for data in (row["prechange_data"] or {}, row["postchange_data"] or {}):
            value = data.get(field.name)
            assert hidden.pk not in (value if isinstance(value, list) else [value]), name

    # An edit through the API keeps the link qninh cannot see.
    response = a.patch(
        reverse(f"api:{entry.api_basename}-detail", args=[record.pk]),
        {**spec.update_data, "version": record.version},
        format="json",
    )
    assert response.status_code == 200, response.content
    record.refresh_from_db()
    assert _linked(record, field, hidden), f"{name}: the API edit dropped the hidden link"
    # And so does the page's form, saved as it was shown.
    form = c.get(reverse(entry.url_name("edit"), args=[record.pk])).context["form"]
    data = {**spec.form_data(units["CA-QUANG-NINH"]), **spec.update_data, "version": record.version}
    if field.name in form.fields:
        shown = form[field.name].value()
        data[field.name] = [v for v in shown if str(v) != str(hidden.pk)] if field.many_to_many else ""
        assert str(hidden.pk) not in str(shown) or not field.many_to_many
    response = c.post(reverse(entry.url_name("edit"), args=[record.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    record.refresh_from_db()
    assert _linked(record, field, hidden), f"{name}: the page's edit dropped the hidden link"


def _linked(record, field, hidden) -> bool:
    if field.many_to_many:
        return getattr(record, field.name).filter(pk=hidden.pk).exists()
    return getattr(record, field.attname) == hidden.pk


def test_every_never_hidden_relation_exists():
    """The exemption list names real relations only."""
    names = {f"{m._meta.label}.{f.name}" for m in SPECS for f in (*link_fields(m)[0], *link_fields(m)[1])}
    assert set(NEVER_HIDDEN) <= names


def test_case_statistics_leave_out_a_hidden_partner_and_say_so(units, users):
    """A visible case with a hidden partner agency: the statistics neither name nor count the
    agency, and say that some partners are not shown."""
    from cases.models import CooperationCase
    from partners.models import ForeignAgency

    hidden = SPECS[ForeignAgency].make(SYSTEM, units["CA-HA-NOI"], "thuong", name_vi="Cơ quan Bí Danh Riêng")
    SPECS[CooperationCase].make(SYSTEM, units["CA-QUANG-NINH"], "thuong", agencies=[hidden])
    qninh = users["qninh"]
    page = client(qninh).get(reverse("cases:statistics"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Cơ quan Bí Danh Riêng" not in html
    assert 'data-testid="partners-hidden"' in html
    answer = api(qninh).get(reverse("api:case-statistics"))
    assert "Cơ quan Bí Danh Riêng" not in answer.content.decode()
    assert hidden.pk not in [row["key"] for row in answer.json()["by_partner"]]
    assert answer.json()["partners_hidden"] is True
    # Who sees the agency finds it counted.
    full = api(users["doingoai"]).get(reverse("api:case-statistics")).json()
    assert hidden.pk in [row["key"] for row in full["by_partner"]]


def test_a_hidden_legal_basis_reads_as_a_restricted_record_on_the_case_page(units, users):
    """The case page shows the neutral marker, without the instrument's title or a link."""
    from cases.models import CooperationCase
    from instruments.models import Instrument

    hidden = SPECS[Instrument].make(SYSTEM, units["CA-HA-NOI"], "mat", title="Hiệp định Tuyệt Không Lộ")
    case = SPECS[CooperationCase].make(SYSTEM, units["CA-QUANG-NINH"], "thuong", legal_basis=hidden)
    html = client(users["qninh"]).get(case.get_absolute_url()).content.decode()
    assert "Hiệp định Tuyệt Không Lộ" not in html
    assert 'data-testid="restricted"' in html
    assert hidden.get_absolute_url() not in html
    html = client(users["doingoai"]).get(case.get_absolute_url()).content.decode()
    assert "Hiệp định Tuyệt Không Lộ" in html


def test_an_obligation_from_a_hidden_source_names_neither_source_nor_document(units, users):
    """An obligation assigned to Quảng Ninh from another unit's Mật clause: qninh sees the
    obligation, but not the clause or the instrument it comes from, on the page or in the API."""
    from instruments.models import Clause
    from tracking import services as tracking
    from tracking.models import Obligation

    clause = SPECS[Clause].make(SYSTEM, units["CDN"], "mat")
    instrument = clause.instrument
    obligation = tracking.obligation_from_source(actor=SYSTEM, source=clause, owner_unit=units["CDN"])
    tracking.assignment_create(
        actor=SYSTEM,
        data={
            "obligation": obligation,
            "unit": units["CA-QUANG-NINH"],
            "role": "lead",
            "assigned_on": "2026-01-05",
            "due_on": "2027-06-30",
        },
    )
    officer = users["qninh"]  # Quảng Ninh, Mật: sees the obligation, not the Department's clause
    assert not Clause.objects.visible_to(officer).filter(pk=clause.pk).exists()
    assert Obligation.objects.visible_to(officer).filter(pk=obligation.pk).exists()
    secrets = [instrument.title, str(clause)]
    for response in (
        client(officer).get(obligation.get_absolute_url()),
        api(officer).get(reverse("api:obligation-detail", args=[obligation.pk])),
        api(officer).get(reverse("api:obligation-list"), {"page_size": 500}),
    ):
        assert response.status_code == 200
        for secret in secrets:
            assert secret not in response.content.decode()
    # Nor does the search box, which shows a document's name under an obligation.
    found = client(officer).get(reverse("search:home"), {"q": obligation.title})
    assert found.status_code == 200 and obligation.get_absolute_url() in found.content.decode()
    for secret in secrets:
        assert secret not in found.content.decode()
    body = api(officer).get(reverse("api:obligation-detail", args=[obligation.pk])).json()
    assert body["source"] is None and body["source_restricted"] is True
    assert body["group"] is None and body["group_restricted"] is True


def _argless_get_urls():
    """Every page and endpoint of the site that takes no argument in its path."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                route = prefix + str(p.pattern)
                if "<" not in route and "(?P" not in route and "\\" not in route:
                    yield "/" + route.lstrip("^").rstrip("$")

    skip = ("/logout", "/i18n/", "/jsi18n", "/api/schema", "/api/docs", "/static/", "/media/", "/test/")
    return sorted({u for u in walk(get_resolver().url_patterns) if not u.startswith(skip)})


def test_one_sweep_of_every_page_with_every_hidden_link_in_place(units, users):
    """With a hidden record behind every relation that can hold one, no page or endpoint that
    qninh can open (lists, exports, boards, dashboards, statistics, calendars, search, the
    carrying records' pages) names any of them."""
    carrying, secrets = [], set()
    for param in relations():
        spec, field = param.values
        if key(spec, field) in NEVER_HIDDEN:
            continue
        hidden = hidden_record(field, units)
        record = carrying_record(spec, field, hidden, units)
        assert record is not None, key(spec, field)
        carrying.append(record)
        # Only a name that no other record of its model bears proves a leak when found.
        named = [o for o in field.related_model._base_manager.exclude(pk=hidden.pk) if str(o) == str(hidden)]
        if not named:
            secrets.add(str(hidden))
    qninh = users["qninh"]
    c, a = client(qninh), api(qninh)
    urls = _argless_get_urls()
    for record in carrying:
        entry = registry.get(type(record))
        urls += [reverse(entry.url_name(view), args=[record.pk]) for view in ("detail", "history", "edit")]
        urls += [
            reverse(f"api:{entry.api_basename}-detail", args=[record.pk]),
            reverse(f"api:{entry.api_basename}-history", args=[record.pk]),
        ]
    words = [s.split()[-1] for s in secrets]
    opened = 0
    for url in urls:
        response = (a if url.startswith("/api/") else c).get(url)
        if response.status_code != 200 or response.get("Content-Type", "").startswith("image/"):
            continue
        opened += 1
        body = response.content.decode("utf-8", errors="replace")
        for secret in secrets:
            assert secret not in body, f"{url} names {secret!r}"
        if not url.startswith("/api/") and 'name="q"' in body:
            for word in words[:3]:
                found = c.get(url, {"q": word})
                if found.status_code == 200:
                    for secret in secrets:
                        assert secret not in found.content.decode("utf-8", errors="replace"), (url, word)
        if "export" in body and not url.startswith("/api/"):
            exported = c.get(url, {"export": "csv"})
            if exported.status_code == 200:
                for secret in secrets:
                    assert secret not in exported.content.decode("utf-8-sig", errors="replace"), url
    assert opened > 60 and len(secrets) >= 10


def test_search_as_you_type_offers_only_visible_records(units, users):
    """The link picker's choices come through visible_to: a hidden agency is never offered."""
    from partners.models import ForeignAgency

    hidden = SPECS[ForeignAgency].make(SYSTEM, units["CA-HA-NOI"], "thuong", name_vi="Cục Cảnh sát Zanzibar")
    url = reverse("link-choices", args=["partners.foreignagency"])
    mine = client(users["qninh"]).get(url, {"q": "zanzibar"})
    assert mine.status_code == 200 and mine.json() == {"results": []}
    theirs = client(users["doingoai"]).get(url, {"q": "Zanzibar"}).json()["results"]
    assert {"id": hidden.pk, "label": str(hidden)} in theirs
    kh = client(users["qninh"]).get(url, {"q": "cam pu"}).json()["results"]
    assert len(kh) <= 20
    for label in ("partners.country", "nosuch.model", "partners"):
        assert (
            client(users["qninh"]).get(reverse("link-choices", args=[label]), {"q": "a"}).status_code == 404
        )
    assert Client().get(url, {"q": "a"}).status_code == 302


def test_a_large_register_is_chosen_by_search_not_by_a_select_of_thousands(units, users):
    """The case form carries only the chosen agencies and instrument, and saves what is chosen."""
    from cases.models import CooperationCase
    from partners.models import ForeignAgency

    agency = SPECS[ForeignAgency].make(SYSTEM, units["CA-QUANG-NINH"], "thuong")
    c = client(users["qninh"])
    form = c.get(reverse("cases:cooperationcase_add")).context["form"]
    html = str(form["agencies"])
    assert "data-link-picker" in html and "<option" not in html
    assert "data-link-picker" in str(form["legal_basis"])
    data = {**SPECS[CooperationCase].form_data(units["CA-QUANG-NINH"]), "agencies": [agency.pk]}
    response = c.post(reverse("cases:cooperationcase_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    case = CooperationCase.objects.latest("pk")
    assert list(case.agencies.values_list("pk", flat=True)) == [agency.pk]
    edit = c.get(reverse("cases:cooperationcase_edit", args=[case.pk])).context["form"]
    html = str(edit["agencies"])
    assert html.count("<option") == 1 and str(agency) in html and "selected" in html
