"""The legal-basis panel judges each instrument with the partners by the parties' own dates and
the request types the instrument covers, and says why it is or is not a basis."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from cases import selectors
from cases.choices import CaseType
from cases.tests.specs import make_case
from core.context import SYSTEM
from core.testing import count_queries
from instruments import services as instrument_services
from instruments.choices import RequestType
from instruments.tests.specs import make_instrument
from partners.models import Country

pytestmark = pytest.mark.django_db


def D(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def _convention(units, *, request_types=("information", "mla"), in_force="2020-01-01", **extra):
    return make_instrument(
        SYSTEM,
        units["CDN"],
        title="Công ước đa phương thử nghiệm về phòng, chống tội phạm",
        type="treaty",
        level="state",
        multilateral=True,
        status="in_force",
        signed_on=D("2019-01-01"),
        in_force_on=D(in_force),
        request_types=list(request_types),
        **extra,
    )


def _party(instrument, code, **dates):
    return instrument_services.party_action_create(
        actor=SYSTEM,
        data={
            "instrument": instrument,
            "country": Country.objects.get(code=code),
            **{k: D(v) for k, v in dates.items()},
        },
    )


def _basis(panel, instrument):
    return next(b for b in panel["bases"] if b.instrument == instrument)


def _case(units, code, opened_on="2026-03-02", **extra):
    return make_case(
        SYSTEM, units["CSHS"], opened_on=opened_on, countries=[Country.objects.get(code=code)], **extra
    )


def test_the_request_types_align_with_the_case_types():
    """Every case type is a request type an instrument can cover (the panel compares them)."""
    assert set(CaseType.values) <= set(RequestType.values)


def test_a_multilateral_instrument_binding_both_is_a_basis(units, users):
    """Viet Nam and the partner both bound on the case's date, information exchange covered."""
    convention = _convention(units)
    _party(convention, "VN", signed_on="2019-01-01", ratified_on="2019-06-01", in_force_on="2020-01-01")
    _party(convention, "NZ", signed_on="2019-01-01", ratified_on="2019-08-01", in_force_on="2020-01-01")
    panel = selectors.legal_basis_panel(user=users["doingoai"], case=_case(units, "NZ"))
    basis = _basis(panel, convention)
    assert basis.is_basis and basis.status == "bound"
    assert convention in panel["covering"] and not panel["reciprocity_applies"]
    text = "; ".join(basis.reasons)
    assert "01/01/2020" in text


def test_vietnam_not_yet_bound(units, users):
    """Viet Nam bound only from 2027: not a basis in 2026, and the panel says from when."""
    convention = _convention(units)
    _party(convention, "VN", signed_on="2019-01-01", ratified_on="2026-10-01", in_force_on="2027-01-01")
    _party(convention, "NZ", acceded_on="2019-08-01", in_force_on="2020-01-01")
    panel = selectors.legal_basis_panel(user=users["doingoai"], case=_case(units, "NZ"))
    basis = _basis(panel, convention)
    assert basis.status == "not_yet" and not basis.is_basis
    assert "02/03/2026" in basis.reasons[0] and "01/01/2027" in basis.reasons[0]
    assert panel["reciprocity_applies"]
    # In 2027 the same instrument is a basis.
    later = selectors.legal_basis_panel(
        user=users["doingoai"], case=_case(units, "NZ", opened_on="2027-02-01")
    )
    assert _basis(later, convention).is_basis


def test_a_signature_alone_does_not_bind(units, users):
    convention = _convention(units)
    _party(convention, "VN", signed_on="2019-01-01")
    _party(convention, "NZ", signed_on="2019-01-01", ratified_on="2019-08-01", in_force_on="2020-01-01")
    basis = _basis(selectors.legal_basis_panel(user=users["doingoai"], case=_case(units, "NZ")), convention)
    assert basis.status == "not_yet" and "01/01/2019" in basis.reasons[0]


def test_the_partner_withdrew(units, users):
    """A partner whose withdrawal took effect before the case's date is no longer bound."""
    convention = _convention(units)
    _party(convention, "VN", ratified_on="2019-06-01", in_force_on="2020-01-01")
    _party(convention, "NZ", ratified_on="2019-06-01", in_force_on="2020-01-01", withdrew_on="2025-05-01")
    panel = selectors.legal_basis_panel(user=users["doingoai"], case=_case(units, "NZ"))
    basis = _basis(panel, convention)
    assert basis.status == "withdrawn" and not basis.is_basis
    assert any("01/05/2025" in r for r in basis.reasons)
    # Before the withdrawal took effect, it was a basis.
    earlier = selectors.legal_basis_panel(
        user=users["doingoai"], case=_case(units, "NZ", opened_on="2024-05-01")
    )
    assert _basis(earlier, convention).is_basis


def test_an_instrument_that_does_not_cover_the_request(units, users):
    """Both bound, but the instrument covers information exchange, not extradition."""
    convention = _convention(units, request_types=("information",))
    _party(convention, "VN", ratified_on="2019-06-01", in_force_on="2020-01-01")
    _party(convention, "NZ", ratified_on="2019-06-01", in_force_on="2020-01-01")
    case = _case(units, "NZ", type="extradition", direction="incoming")
    basis = _basis(selectors.legal_basis_panel(user=users["doingoai"], case=case), convention)
    assert basis.status == "not_covered" and not basis.is_basis
    label = str(RequestType.EXTRADITION.label)
    assert any(label in r for r in basis.reasons)


def test_no_party_dates_recorded(units, users):
    """A multilateral instrument naming the partner but without party rows: unknown, said so."""
    convention = _convention(units, countries=[Country.objects.get(code="NZ")])
    basis = _basis(selectors.legal_basis_panel(user=users["doingoai"], case=_case(units, "NZ")), convention)
    assert basis.status == "unknown" and not basis.is_basis
    assert len(basis.reasons) >= 1


def test_vietnam_row_missing_is_unknown(units, users):
    convention = _convention(units)
    _party(convention, "NZ", ratified_on="2019-06-01", in_force_on="2020-01-01")
    basis = _basis(selectors.legal_basis_panel(user=users["doingoai"], case=_case(units, "NZ")), convention)
    assert basis.status == "unknown" and not basis.is_basis


def test_bilateral_instruments_bind_from_entry_into_force_until_termination(units, users):
    nz = Country.objects.get(code="NZ")
    treaty = make_instrument(
        SYSTEM,
        units["CDN"],
        type="treaty",
        status="in_force",
        signed_on=D("2025-01-10"),
        in_force_on=D("2025-06-01"),
        countries=[nz],
        request_types=["information"],
    )
    early = _basis(
        selectors.legal_basis_panel(user=users["doingoai"], case=_case(units, "NZ", opened_on="2025-03-01")),
        treaty,
    )
    assert early.status == "not_yet" and "01/06/2025" in early.reasons[0]
    assert _basis(
        selectors.legal_basis_panel(user=users["doingoai"], case=_case(units, "NZ")), treaty
    ).is_basis
    instrument_services.instrument_update(
        actor=SYSTEM,
        obj=treaty,
        data={"status": "terminated", "ended_on": D("2026-01-01")},
        version=treaty.version,
    )
    ended = _basis(selectors.legal_basis_panel(user=users["doingoai"], case=_case(units, "NZ")), treaty)
    assert ended.status == "ended" and "01/01/2026" in ended.reasons[0]


def test_coverage_not_recorded_is_a_labelled_fallback(units, users):
    """Empty request types: never a basis by guess; the panel says coverage is not recorded and
    whether the title names the kind of request."""
    nz = Country.objects.get(code="NZ")
    treaty = make_instrument(
        SYSTEM,
        units["CDN"],
        title="Hiệp ước dẫn độ thử nghiệm với New Zealand",
        type="treaty",
        status="in_force",
        signed_on=D("2025-01-10"),
        in_force_on=D("2025-06-01"),
        countries=[nz],
    )
    case = _case(units, "NZ", type="extradition", direction="incoming")
    basis = _basis(selectors.legal_basis_panel(user=users["doingoai"], case=case), treaty)
    assert basis.status == "coverage_unknown" and not basis.is_basis and basis.title_suggests


def test_the_case_page_and_the_live_panel_say_why(client, units, users):
    convention = _convention(units)
    _party(convention, "VN", ratified_on="2026-10-01", in_force_on="2027-01-01")
    _party(convention, "NZ", ratified_on="2019-06-01", in_force_on="2020-01-01")
    case = _case(units, "NZ")
    client.force_login(users["doingoai"])
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'data-testid="legal-basis-not_yet"' in page and "01/01/2027" in page
    assert 'data-testid="legal-no-basis"' in page
    nz = Country.objects.get(code="NZ")
    body = client.get(
        reverse("cases:legal_basis_panel"),
        {"type": "information", "countries": [nz.pk], "opened_on": "02/02/2027"},
    ).content.decode()
    assert 'data-testid="legal-panel-basis-bound"' in body


def test_the_panel_query_count_does_not_grow_with_instruments_and_parties(client, units, users):
    client.force_login(users["doingoai"])
    nz = Country.objects.get(code="NZ")
    url = reverse("cases:legal_basis_panel")
    params = {"type": "mla", "countries": [nz.pk], "opened_on": "02/03/2026"}
    first = _convention(units)
    _party(first, "VN", ratified_on="2019-06-01", in_force_on="2020-01-01")
    _party(first, "NZ", ratified_on="2019-06-01", in_force_on="2020-01-01")
    client.get(url, params)
    few = count_queries(lambda: client.get(url, params))
    for _ in range(4):
        more = _convention(units)
        for code in ("VN", "NZ", "TH", "LA"):
            _party(more, code, ratified_on="2019-06-01", in_force_on="2020-01-01")
    assert count_queries(lambda: client.get(url, params)) == few


def _asean_mlat():
    from instruments.models import Instrument

    return Instrument.objects.get(
        title_en__startswith="Treaty on Mutual Legal Assistance in Criminal Matters among ASEAN"
    )


def test_an_instrument_naming_only_a_body_is_offered_with_the_bodys_members(units, users):
    """The ASEAN treaty names ASEAN, not its members: a case with Thailand (a member since
    1967) is offered it, still judged by its party rows (none recorded: not a basis by guess),
    with the membership as its reason; a case with France is not offered it, and neither is a
    case with Timor-Leste dated before it joined ASEAN (26/10/2025)."""
    mlat = _asean_mlat()
    user = users["doingoai"]
    panel = selectors.legal_basis_panel(user=user, case=_case(units, "TH", type="mla"))
    basis = _basis(panel, mlat)
    assert not basis.is_basis and basis.status == "unknown"
    assert "ASEAN" in basis.reasons[0] and "02/03/2026" in basis.reasons[0]
    assert "chưa ghi nhận các mốc thời gian" in "; ".join(basis.reasons)
    assert (
        mlat not in selectors.legal_basis_panel(user=user, case=_case(units, "FR", type="mla"))["instruments"]
    )
    before = selectors.legal_basis_panel(
        user=user, case=_case(units, "TL", type="mla", opened_on="2025-01-10")
    )
    assert mlat not in before["instruments"]
    after = selectors.legal_basis_panel(
        user=user, case=_case(units, "TL", type="mla", opened_on="2026-01-10")
    )
    assert mlat in after["instruments"]
    # Once the parties' dates are recorded, the same membership makes it a basis.
    _party(mlat, "VN", ratified_on="2005-06-01", in_force_on="2005-12-01")
    _party(mlat, "TH", ratified_on="2005-06-01", in_force_on="2005-12-01")
    panel = selectors.legal_basis_panel(user=user, case=_case(units, "TH", type="mla"))
    # A party row names Thailand directly now: the membership is no longer the reason.
    basis = _basis(panel, mlat)
    assert basis.is_basis and not any(r.startswith("Thái Lan:") for r in basis.reasons)


def test_a_group_without_its_body_offers_nothing(units, users):
    """The five permanent members name no body: no instrument is offered through them."""
    from partners.models import CountryGroup

    assert CountryGroup.objects.filter(body__isnull=False).count() == 1
    assert (
        selectors._member_bodies(users["doingoai"], [Country.objects.get(code="FR").pk], D("2026-03-02"))
        == {}
    )
