"""Instruments and directives: transitions, the cascade without cycles, symbols, the seeds."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from rest_framework.test import APIClient

from core.context import SYSTEM
from core.exceptions import ValidationError
from core.testing import count_queries
from instruments import services
from instruments.models import Directive, DirectiveItem, Instrument
from instruments.tests.specs import make_directive, make_instrument
from partners.selectors import indicators

pytestmark = pytest.mark.django_db


def test_150_instruments_signed_by_14_12_2021(users):
    """Seed 001: 150 cooperation documents as of 14/12/2021, for doingoai and lanhdao alike."""
    for login in ("doingoai", "lanhdao"):
        assert indicators(user=users[login], as_of=datetime.date(2021, 12, 14))["instruments_signed"] == 150
    assert indicators(user=users["doingoai"], as_of=datetime.date(2026, 3, 2))["instruments_signed"] > 150
    assert not Instrument.objects.filter(classification="tuyet_mat").exists()


def test_the_cybercrime_convention_has_72_signatures(users):
    """The UN Convention against Cybercrime, opened for signature in Hanoi on 25/10/2025."""
    convention = Instrument.objects.get(
        multilateral=True, signed_on=datetime.date(2025, 10, 25), place__icontains="Hà Nội"
    )
    assert convention.party_actions.filter(signed_on=datetime.date(2025, 10, 25)).count() == 72
    assert convention.party_actions.filter(country__code="VN").exists()
    c = Client()
    c.force_login(users["doingoai"])
    assert 'data-testid="party-actions"' in c.get(convention.get_absolute_url()).content.decode()


def test_the_directive_cascade_of_the_seeds(users):
    """59-NQ/TW is implemented by 153/NQ-CP and 50-CTr/ĐUCA; the latter also implements 82-KL/TW."""
    nq59 = Directive.objects.get(symbol="59-NQ/TW")
    nq153 = Directive.objects.get(symbol="153/NQ-CP")
    ctr50 = Directive.objects.get(symbol="50-CTr/ĐUCA")
    kl82 = Directive.objects.get(symbol="82-KL/TW")
    assert set(nq153.implements.all()) == {nq59}
    assert set(ctr50.implements.all()) == {nq59, kl82}
    assert (nq59.issued_on, nq153.issued_on, ctr50.issued_on, kl82.issued_on) == (
        datetime.date(2025, 1, 24),
        datetime.date(2025, 5, 31),
        datetime.date(2025, 4, 21),
        datetime.date(2024, 6, 7),
    )
    assert DirectiveItem.objects.filter(directive=nq153, kind="viewpoint").count() == 5
    assert DirectiveItem.objects.filter(directive=nq153, kind="task_group").count() == 7
    assert DirectiveItem.objects.filter(directive=ctr50, kind="task_group").count() == 8


def test_a_cycle_in_the_cascade_is_refused(units):
    """59-NQ/TW cannot implement 50-CTr/ĐUCA, which implements it."""
    nq59 = Directive.objects.get(symbol="59-NQ/TW")
    ctr50 = Directive.objects.get(symbol="50-CTr/ĐUCA")
    with pytest.raises(ValidationError) as exc:
        services.directive_update(actor=SYSTEM, obj=nq59, data={"implements": [ctr50]}, version=nq59.version)
    assert "implements" in exc.value.message_dict
    plan = make_directive(SYSTEM, units["CA-QUANG-NINH"], implements=[ctr50])
    with pytest.raises(ValidationError):
        services.directive_update(actor=SYSTEM, obj=nq59, data={"implements": [plan]}, version=nq59.version)


def test_symbols_are_normalised_and_found_with_or_without_diacritics(users, units):
    """'50-ctr/duca' finds 50-CTr/ĐUCA in the API and the list; a malformed symbol is a field error."""
    api = APIClient()
    api.force_authenticate(users["doingoai"])
    for query in ("50-CTr/ĐUCA", "50-ctr/duca", "Số: 50-CTr/ĐUCA"):
        results = api.get("/api/v1/directives/", {"symbol": query}).json()["results"]
        assert [r["symbol"] for r in results] == ["50-CTr/ĐUCA"], query
    c = Client()
    c.force_login(users["doingoai"])
    assert c.get("/instruments/directives/", {"symbol": "153/nq-cp"}).context["page"].paginator.count == 1
    directive = make_directive(SYSTEM, units["CDN"], symbol="Số: 77 - kh / cat")
    assert directive.symbol == "77-KH/CAT"
    with pytest.raises(ValidationError) as exc:
        make_directive(SYSTEM, units["CDN"], symbol="KH/CAT")
    assert "symbol" in exc.value.message_dict


def test_status_moves_only_along_the_allowed_transitions(units):
    """drafting → negotiating → signed → in force → expired; drafting → in force is refused."""
    unit = units["CDN"]
    instrument = make_instrument(SYSTEM, unit)
    with pytest.raises(ValidationError) as exc:
        services.instrument_update(actor=SYSTEM, obj=instrument, data={"status": "in_force"}, version=1)
    assert "status" in exc.value.message_dict
    steps = [
        {"status": "negotiating"},
        {"status": "signed", "signed_on": datetime.date(2024, 1, 10)},
        {"status": "in_force", "in_force_on": datetime.date(2024, 2, 1)},
        {"status": "terminated"},
    ]
    for version, data in enumerate(steps, start=1):
        instrument = services.instrument_update(actor=SYSTEM, obj=instrument, data=data, version=version)
    assert instrument.status == "terminated" and instrument.ended_on is not None
    with pytest.raises(ValidationError):
        services.instrument_update(actor=SYSTEM, obj=instrument, data={"status": "in_force"}, version=5)


def test_dates_must_be_coherent(units):
    with pytest.raises(ValidationError) as exc:
        make_instrument(SYSTEM, units["CDN"], status="signed")
    assert "signed_on" in exc.value.message_dict
    with pytest.raises(ValidationError):
        make_instrument(
            SYSTEM,
            units["CDN"],
            status="drafting",
            signed_on=datetime.date(2020, 5, 1),
            in_force_on=datetime.date(2020, 1, 1),
        )


def test_instrument_filters_and_partner_profiles(users):
    """Filters by type, country and 'in force on'; the country profile lists its instruments."""
    c = Client()
    c.force_login(users["doingoai"])
    total = c.get("/instruments/instruments/").context["page"].paginator.count
    mous = c.get("/instruments/instruments/", {"type": "mou"}).context["page"].paginator.count
    assert 0 < mous < total
    api = APIClient()
    api.force_authenticate(users["doingoai"])
    kh = api.get("/api/v1/instruments/", {"country": "KH"}).json()
    assert kh["count"] >= 1
    in_force = api.get("/api/v1/instruments/", {"in_force_on": "2021-12-14"}).json()["count"]
    signed = api.get("/api/v1/instruments/", {"signed_to": "2021-12-14"}).json()["count"]
    assert 0 < in_force <= signed == 150


def test_directive_page_shows_tree_and_cascade_with_constant_queries(users):
    c = Client()
    c.force_login(users["doingoai"])
    ctr50 = Directive.objects.get(symbol="50-CTr/ĐUCA")
    nq59 = Directive.objects.get(symbol="59-NQ/TW")
    page = c.get(ctr50.get_absolute_url()).content.decode()
    assert 'data-testid="directive-tree"' in page and "59-NQ/TW" in page
    implemented = c.get(nq59.get_absolute_url()).content.decode()
    assert "50-CTr/ĐUCA" in implemented and "153/NQ-CP" in implemented
    c.get(nq59.get_absolute_url())
    assert count_queries(lambda: c.get(nq59.get_absolute_url())) == count_queries(
        lambda: c.get(ctr50.get_absolute_url())
    )


def test_working_days_skip_weekends():
    """15 working days from Monday 03/03/2025 is Monday 24/03/2025."""
    from instruments.calendar import add_working_days

    assert add_working_days(datetime.date(2025, 3, 3), 15) == datetime.date(2025, 3, 24)
    assert add_working_days(datetime.date(2025, 3, 7), 1) == datetime.date(2025, 3, 10)


def test_consultation_due_date_and_post_signing_deadlines(units):
    """A consultation is due N working days after the request; signing and entry into force
    add the report to MOFA and the implementation plan, each due 15 days later."""
    from instruments.models import InstrumentStage

    instrument = make_instrument(SYSTEM, units["CDN"])
    stage = services.stage_create(
        actor=SYSTEM,
        data={
            "instrument": instrument,
            "kind": "mofa_consultation",
            "requested_on": datetime.date(2025, 3, 3),
            "working_days": 15,
            "override_reason": "Bộ Ngoại giao đề nghị gia hạn trả lời",
        },
    )
    assert stage.due_on == datetime.date(2025, 3, 24) and stage.owner_unit == instrument.owner_unit
    instrument = services.instrument_update(
        actor=SYSTEM, obj=instrument, data={"status": "negotiating"}, version=1
    )
    instrument = services.instrument_update(
        actor=SYSTEM,
        obj=instrument,
        data={"status": "signed", "signed_on": datetime.date(2025, 6, 2)},
        version=2,
    )
    report = InstrumentStage.objects.get(instrument=instrument, kind="report_to_mofa")
    assert report.due_on == datetime.date(2025, 6, 17)
    instrument = services.instrument_update(
        actor=SYSTEM,
        obj=instrument,
        data={"status": "in_force", "in_force_on": datetime.date(2025, 7, 1)},
        version=3,
    )
    assert InstrumentStage.objects.get(
        instrument=instrument, kind="implementation_plan"
    ).due_on == datetime.date(2025, 7, 16)
    services.instrument_update(actor=SYSTEM, obj=instrument, data={"notes": "x"}, version=4)
    assert InstrumentStage.objects.filter(instrument=instrument, kind="report_to_mofa").count() == 1


def test_expiry_calendar(users, units):
    """Instruments expiring soon appear by month; an expired one still 'in force' is flagged."""
    soon = make_instrument(
        SYSTEM,
        units["CDN"],
        status="in_force",
        signed_on=datetime.date(2020, 1, 1),
        in_force_on=datetime.date(2020, 2, 1),
        expires_on=datetime.date.today() + datetime.timedelta(days=40),
    )
    stale = make_instrument(
        SYSTEM,
        units["CDN"],
        status="in_force",
        signed_on=datetime.date(2015, 1, 1),
        in_force_on=datetime.date(2015, 2, 1),
        expires_on=datetime.date.today() - datetime.timedelta(days=3),
    )
    c = Client()
    c.force_login(users["doingoai"])
    page = c.get("/instruments/expiring/", {"months": 3}).content.decode()
    assert soon.title in page and 'data-testid="overdue-renewals"' in page and stale.title in page
    outsider = Client()
    outsider.force_login(users["qninh"])
    assert soon.title not in outsider.get("/instruments/expiring/").content.decode()


def test_instrument_files_refuse_a_renamed_executable_and_an_oversized_file(users, units):
    """On an instrument's page: a PDF is kept with its checksum; 'MZ…' named .pdf and a file
    over the limit are refused; a province officer cannot reach the Ministry's instrument."""
    import hashlib

    from django.contrib.contenttypes.models import ContentType
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import override_settings
    from django.urls import reverse

    from core.models import Attachment
    from core.testing import pdf_bytes

    instrument = make_instrument(SYSTEM, units["CDN"])
    url = reverse("attachments:add", args=[ContentType.objects.get_for_model(Instrument).pk, instrument.pk])
    c = Client()
    c.force_login(users["doingoai"])
    pdf = pdf_bytes()
    assert c.post(url, {"file": SimpleUploadedFile("Ban ky.pdf", pdf, "application/pdf")}).status_code == 302
    stored = Attachment.objects.get(object_id=str(instrument.pk))
    assert stored.sha256 == hashlib.sha256(pdf).hexdigest() and stored.mime_type == "application/pdf"
    c.post(url, {"file": SimpleUploadedFile("report.pdf", b"MZ\x90\x00" + b"\x00" * 100, "application/pdf")})
    with override_settings(HOPTAC_UPLOAD_MAX_BYTES=64):
        c.post(url, {"file": SimpleUploadedFile("big.pdf", pdf + b"0" * 200, "application/pdf")})
    assert Attachment.objects.filter(object_id=str(instrument.pk)).count() == 1
    page = c.get(instrument.get_absolute_url()).content.decode()
    assert "Ban ky.pdf" in page
    outsider = Client()
    outsider.force_login(users["qninh"])
    assert (
        outsider.post(url, {"file": SimpleUploadedFile("x.pdf", pdf, "application/pdf")}).status_code == 404
    )
    assert outsider.get(reverse("attachments:download", args=[stored.pk])).status_code == 404


def test_a_proposal_outside_the_signing_plan_is_flagged(users, units):
    """A draft that no plan includes carries a warning; once planned, it does not."""
    from instruments.models import SigningPlan

    draft = make_instrument(SYSTEM, units["CDN"])
    c = Client()
    c.force_login(users["doingoai"])
    assert 'data-testid="outside-plan"' in c.get(draft.get_absolute_url()).content.decode()
    services.plan_create(
        actor=SYSTEM,
        data={
            "title": "Kế hoạch ký kết 2027",
            "kind": "yearly",
            "year_from": 2027,
            "year_to": 2027,
            "owner_unit": units["CDN"],
            "instruments": [draft],
        },
    )
    assert 'data-testid="outside-plan"' not in c.get(draft.get_absolute_url()).content.decode()
    with pytest.raises(ValidationError):
        services.plan_create(
            actor=SYSTEM,
            data={
                "title": "Sai",
                "kind": "five_year",
                "year_from": 2026,
                "year_to": 2027,
                "owner_unit": units["CDN"],
            },
        )
    demo_plan = SigningPlan.objects.get(year_from=2026)
    assert all(i.status == "negotiating" for i in demo_plan.instruments.all())


def test_working_days_skip_tet():
    """5 working days from Friday 13/02/2026 skip the weekend and Tết (16-20/02): Friday 27/02."""
    from instruments.calendar import add_working_days

    assert add_working_days(datetime.date(2026, 2, 13), 5) == datetime.date(2026, 2, 27)
