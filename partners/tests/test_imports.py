"""Excel imports of the partner registry: all or nothing, idempotent, every error shown."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from core.imports import get_import, import_commit, import_preview, parse_workbook
from core.models import ObjectChange
from partners.models import ForeignAgency, Membership, Relationship

pytestmark = pytest.mark.django_db


def xlsx(headers, rows, name="partners.xlsx"):
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/octet-stream")


def upload(key, headers, rows, name="partners.xlsx"):
    """A template-shaped file: every column of the spec, the given ones filled in."""
    names = [c.name for c in get_import(key).columns]
    full = [[dict(zip(headers, row, strict=False)).get(n, "") for n in names] for row in rows]
    return xlsx(names, full, name)


AGENCY_HEADERS = ["country", "name_vi", "name_en", "kind", "owner_unit", "classification"]
REL_HEADERS = ["country", "agency", "owner_unit", "start", "end", "level", "channels"]


def test_agencies_then_relationships_import_and_reimport_changes_nothing(users):
    """New agencies and their relationships import; the same files again change nothing."""
    user = users["doingoai"]
    agencies = upload(
        "partners.foreignagency",
        AGENCY_HEADERS,
        [
            [
                "IS",
                "Cảnh sát Quốc gia Iceland",
                "National Police Agency of Iceland",
                "police",
                "CDN",
                "thuong",
            ],
            [
                "IS",
                "Cơ quan Chống tham nhũng Iceland",
                "Independent Authority against Corruption",
                "other",
                "CDN",
                "",
            ],
        ],
    )
    job = import_preview(actor=user, spec="partners.foreignagency", upload=agencies)
    assert job.summary == {"create": 2, "update": 0, "unchanged": 0}, job.errors
    import_commit(actor=user, job=job)
    assert ForeignAgency.objects.filter(country__code="IS").count() == 2

    rels = upload(
        "partners.relationship",
        REL_HEADERS,
        [
            [
                "IS",
                "Cảnh sát Quốc gia Iceland",
                "CDN",
                "15/03/2019",
                "",
                "ministry",
                "liaison_officer, Đường dây nóng",
            ],
            [
                "IS",
                "Cảnh sát Quốc gia Iceland",
                "XNC",
                datetime.date(2020, 6, 1),
                "31/12/2023",
                "department",
                "",
            ],
        ],
    )
    job = import_preview(actor=user, spec="partners.relationship", upload=rels)
    assert job.summary == {"create": 2, "update": 0, "unchanged": 0}, job.errors
    import_commit(actor=user, job=job)
    rel = Relationship.objects.get(agency__name_vi="Cảnh sát Quốc gia Iceland", owner_unit__code="CDN")
    assert rel.channels == ["liaison_officer", "hotline"] and rel.end is None

    changes = ObjectChange.objects.count()
    again = import_preview(
        actor=user,
        spec="partners.relationship",
        upload=upload(
            "partners.relationship",
            REL_HEADERS,
            [
                [
                    "IS",
                    "Cảnh sát Quốc gia Iceland",
                    "CDN",
                    "15/03/2019",
                    "",
                    "ministry",
                    "liaison_officer, hotline",
                ],
                ["IS", "Cảnh sát Quốc gia Iceland", "XNC", "01/06/2020", "31/12/2023", "department", ""],
            ],
        ),
    )
    assert again.summary == {"create": 0, "update": 0, "unchanged": 2}
    import_commit(actor=user, job=again)
    assert ObjectChange.objects.count() == changes


def test_a_broken_file_shows_every_error_and_writes_nothing(users):
    """Unknown agency, bad date, bad level, end before start and an overlapping spell all show; nothing is written."""
    user = users["doingoai"]
    before = Relationship.objects.count()
    kh = ForeignAgency.objects.filter(country__code="KH", relationships__owner_unit__code="CDN").first()
    rows = [
        ["KH", "Không có cơ quan này", "CDN", "01/01/2020", "", "ministry", ""],
        ["KH", kh.name_vi, "CSKT", "31/02/2020", "", "ministry", ""],
        ["KH", kh.name_vi, "CSKT", "01/01/2020", "", "galactic", ""],
        ["KH", kh.name_vi, "CSKT", "01/01/2021", "01/01/2020", "department", ""],
        ["KH", kh.name_vi, "CSKT", "01/01/2022", "", "department", "smoke signals"],
    ]
    result = parse_workbook("partners.relationship", upload("partners.relationship", REL_HEADERS, rows), user)
    assert not result.ok
    rows_with_errors = {e.row for e in result.errors}
    assert rows_with_errors >= {2, 3, 4, 5, 6}
    c = Client()
    c.force_login(user)
    response = c.post(
        reverse("imports:upload", args=["partners.relationship"]),
        {"file": upload("partners.relationship", REL_HEADERS, rows)},
    )
    page = c.get(response["Location"]).content.decode()
    assert 'data-testid="import-errors"' in page and 'data-testid="import-commit"' not in page
    assert Relationship.objects.count() == before


def test_an_overlap_found_at_commit_rolls_back_the_whole_file(users):
    """A row that overlaps an existing period is refused by the service; earlier rows roll back."""
    user = users["doingoai"]
    rel = (
        Relationship.objects.filter(owner_unit__code="CDN", end__isnull=True)
        .select_related("agency__country")
        .first()
    )
    rows = [
        ["IS", "Cảnh sát Quốc gia Iceland", "CDN", "01/01/2019", "", "ministry", ""],
        [rel.agency.country.code, rel.agency.name_vi, "CDN", "01/01/2025", "", "ministry", ""],
    ]
    import_commit(
        actor=user,
        job=import_preview(
            actor=user,
            spec="partners.foreignagency",
            upload=upload(
                "partners.foreignagency",
                AGENCY_HEADERS,
                [
                    ["IS", "Cảnh sát Quốc gia Iceland", "", "police", "CDN", ""],
                ],
            ),
        ),
    )
    before = Relationship.objects.count()
    job = import_preview(
        actor=user, spec="partners.relationship", upload=upload("partners.relationship", REL_HEADERS, rows)
    )
    from core.imports import ImportRefused

    with pytest.raises(ImportRefused):
        import_commit(actor=user, job=job)
    assert Relationship.objects.count() == before


def test_memberships_import_by_body_name(users):
    user = users["doingoai"]
    rows = [
        ["International Criminal Police Organization", "CA-QUANG-NINH", "01/01/2024", "", "participant", ""]
    ]
    job = import_preview(
        actor=user,
        spec="partners.membership",
        upload=upload("partners.membership", ["body", "owner_unit", "start", "end", "status", "notes"], rows),
    )
    assert job.summary["create"] == 1, job.errors
    import_commit(actor=user, job=job)
    assert Membership.objects.filter(owner_unit__code="CA-QUANG-NINH", status="participant").exists()


def test_templates_and_list_buttons(users):
    """Each partner list offers the template and the import to users who may add; a viewer gets neither."""
    c = Client()
    c.force_login(users["doingoai"])
    for key, url in (
        ("partners.foreignagency", "/partners/agencies/"),
        ("partners.relationship", "/partners/relationships/"),
        ("partners.membership", "/partners/memberships/"),
    ):
        assert f"/imports/{key}/" in c.get(url).content.decode()
        template = c.get(reverse("imports:template", args=[key]))
        wb = load_workbook(io.BytesIO(template.content))
        assert [cell.value for cell in wb.worksheets[0][1]] == [
            str(col.label) for col in get_import(key).columns
        ]
    viewer = Client()
    viewer.force_login(users["khach"])
    assert "/imports/" not in viewer.get("/partners/agencies/").content.decode()
    assert viewer.get(reverse("imports:template", args=["partners.foreignagency"])).status_code == 403


def test_a_similar_agency_in_the_file_needs_the_confirmation_column(users):
    user = users["doingoai"]
    kh = ForeignAgency.objects.filter(country__code="KH").first()
    near = kh.name_vi + " mới"
    result = parse_workbook(
        "partners.foreignagency",
        upload("partners.foreignagency", AGENCY_HEADERS, [["KH", near, "", "police", "CDN", ""]]),
        user,
    )
    assert not result.ok and result.errors[0].row == 2
    confirmed = parse_workbook(
        "partners.foreignagency",
        upload(
            "partners.foreignagency",
            [*AGENCY_HEADERS, "confirm_duplicate"],
            [["KH", near, "", "police", "CDN", "", "x"]],
        ),
        user,
    )
    assert confirmed.ok, confirmed.errors
