"""Demo of the outgoing register and of the registers of secret documents.

The outgoing register: a department issues its yearly report and a request letter.

Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao (ANM, a real department)
issues the 2025 report generated from the demo, then the request letter of its outgoing
mutual-legal-assistance case with Korea (a fictional case): consecutive numbers in its
register. The signer and the drafter are the department's fictional demo head and officer
(made by the tracking demo); the numbers and dates are those of the day the demo is loaded.

The registers of secret documents (``load_secrets``), so that the yearly state-secrets report
has figures to reproduce: ANM issues a report classified Mật (its secret sequence) to Cục Đối
ngoại (CDN), which enters it on arrival, hands it over to its fictional clerk and decides two
paper copies; CDN also received a Mật plan in the previous year window, destroyed in this one.
All dates fall in the year window holding the day the demo is loaded (15/12 to 14/12), the
previous document in the window before; the documents' numbers and subjects are fictional.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from cases.models import CooperationCase
from core.context import SYSTEM
from org.models import Unit, User

from . import registers, services
from .models import IssuedDocument, ReceivedSecretDocument, ReportRun
from .secrets_report import report_year, year_window

UNIT = "ANM"
CASE = "Yêu cầu tương trợ tư pháp về thu thập chứng cứ vụ lừa đảo trực tuyến xuyên quốc gia"
RECIPIENTS = [
    {"name": "Lãnh đạo Bộ (để báo cáo)", "copies": 1},
    {"name": "Cục Đối ngoại (để tổng hợp)", "copies": 1},
]


def _initials(user: User) -> str:
    return "".join(word[0] for word in (user.full_name or user.username).split()).upper()


def load() -> dict[str, int]:
    unit = Unit.objects.filter(code=UNIT).first()
    head = User.objects.filter(username="demo_anm_ld").first()
    drafter = User.objects.filter(username="demo_anm_cb").first()
    case = CooperationCase.objects.filter(title=CASE, owner_unit=unit).first()
    if unit is None or head is None or drafter is None or case is None:
        return {}
    if IssuedDocument.objects.filter(owner_unit=unit).exists():
        return {"issued": 0, **load_secrets(unit, head, drafter)}
    particulars: dict[str, Any] = {
        "signer": head,
        "signer_title": "Phó Cục trưởng",
        "recipients": RECIPIENTS,
        "drafter_code": _initials(drafter),
        "copying_permitted": False,
    }
    run = services.run_create(
        actor=head, data={"period_kind": "year", "year": 2025, "owner_unit": unit, "scope_unit": unit}
    )
    services.generate(run.pk)
    run = ReportRun.objects.get(pk=run.pk)
    services.run_issue(
        actor=head,
        run=run,
        data={**particulars, "summary": run.title.removeprefix("Báo cáo ").strip().capitalize()},
    )
    services.letter_issue(
        actor=head,
        case=case,
        data={**particulars, "summary": "V/v đề nghị tương trợ tư pháp thu thập chứng cứ"},
        language="vi",
    )
    return {"issued": 2, **load_secrets(unit, head, drafter)}


SECRETS_UNIT = "CDN"
PREVIOUS_SENDER = "Văn phòng Bộ Công an"
# Fictional demo accounts of Cục Đối ngoại: its clerk (văn thư) and a deputy director.
CDN_CLERK = ("demo_cdn_vt", "officer", "Hoàng Thị Mai Anh", "Văn thư")
CDN_HEAD = ("demo_cdn_ld", "unit_head", "Trịnh Quang Khải", "Phó Cục trưởng")


def _account(unit: Unit, username: str, role: str, name: str, position: str) -> User:
    """A fictional demo account cleared for Mật, without a password (created once)."""
    from org.services import user_create

    user = User.objects.filter(username=username).first()
    if user is not None:
        return user
    data = {
        "username": username,
        "unit": unit,
        "clearance": "mat",
        "full_name": name,
        "position": position,
        "is_active": True,
    }
    return user_create(actor=SYSTEM, data=data, roles=[role])


def load_secrets(anm: Unit, anm_head: User, anm_drafter: User) -> dict[str, int]:
    """The registers' demo lines, once (the previous window's received plan marks them)."""
    cdn = Unit.objects.filter(code=SECRETS_UNIT).first()
    coordinator = User.objects.filter(username="doingoai").first()
    if cdn is None or coordinator is None:
        return {}
    if ReceivedSecretDocument.objects.filter(owner_unit=cdn, sender=PREVIOUS_SENDER).exists():
        return {"secret_lines": 0}
    clerk = _account(cdn, *CDN_CLERK)
    head = _account(cdn, *CDN_HEAD)
    today = timezone.localdate()
    start, _end = year_window(report_year(today))

    def in_window(days: int) -> datetime.date:
        return min(today, start + datetime.timedelta(days=days))

    # The previous window: a Mật plan received, destroyed in this window once used.
    previous = registers.received_create(
        actor=coordinator,
        data={
            "owner_unit": cdn,
            "received_on": start - datetime.timedelta(days=30),
            "sender": PREVIOUS_SENDER,
            "doc_symbol": "86/KH-VPB",
            "doc_date": start - datetime.timedelta(days=33),
            "level": "mat",
            "subject": "Kế hoạch bảo đảm an ninh đoàn đại biểu quốc tế (tài liệu minh họa của bản demo)",
            "copies": 1,
        },
    )
    registers.destruction_create(
        actor=head,
        data={
            "decision_number": "03/QĐ-CĐN",
            "decision_date": in_window(20),
            "decided_by": f"{head.full_name}, {head.position}",
            "received_document": previous,
            "copies": 1,
            "copy_numbers": "01",
            "destroyed_on": in_window(21),
            "carried_out_by": "Tổ tiêu hủy tài liệu của Cục Đối ngoại",
            "method": "Nghiền bằng máy hủy tài liệu",
        },
    )
    # This window: ANM issues a Mật report to CDN, which enters it, hands it over and copies it.
    run = services.run_create(
        actor=anm_head,
        data={
            "period_kind": "quarter",
            "year": today.year,
            "owner_unit": anm,
            "scope_unit": anm,
            "classification": "mat",
            "title": "Báo cáo kết quả hợp tác quốc tế phòng, chống tội phạm mạng (tài liệu minh họa)",
        },
    )
    services.generate(run.pk)
    run = ReportRun.objects.get(pk=run.pk)
    doc = services.run_issue(
        actor=anm_head,
        run=run,
        data={
            "signer": anm_head,
            "signer_title": "Phó Cục trưởng",
            "recipients": [{"name": "Cục Đối ngoại (để tổng hợp)", "copies": 1}],
            "drafter_code": _initials(anm_drafter),
            "copying_permitted": True,
            "summary": "Kết quả hợp tác quốc tế phòng, chống tội phạm mạng",
        },
    )
    received = registers.received_create(
        actor=clerk,
        data={
            "owner_unit": cdn,
            "received_on": doc.issued_on,
            "sender": anm.name_vi,
            "doc_symbol": doc.symbol,
            "doc_date": doc.issued_on,
            "level": "mat",
            "subject": doc.summary,
            "copies": 1,
        },
    )
    registers.handover_create(actor=clerk, data={"received_document": received, "recipient": coordinator})
    registers.copy_decision_create(
        actor=head,
        data={
            "received_document": received,
            "decided_on": doc.issued_on,
            "authoriser_title": head.position,
            "copies": 2,
            "purpose": "Phục vụ tổng hợp báo cáo hợp tác quốc tế của Bộ",
        },
    )
    return {"secret_lines": 5, "secret_issued": 1}


def describe() -> list[str]:
    docs = IssuedDocument.objects.filter(owner_unit__code=UNIT, secret_sequence=False).order_by("pk")
    secret = IssuedDocument.objects.filter(owner_unit__code=UNIT, secret_sequence=True).order_by("pk")
    received = ReceivedSecretDocument.objects.filter(owner_unit__code=SECRETS_UNIT).order_by("pk")
    return [
        "Outgoing register: {} issued by Cục An ninh mạng (report and request letter, "
        "login demo_anm_ld has no password: see them as doingoai or lanhdao).".format(
            ", ".join(d.symbol for d in docs) or "nothing"
        ),
        "Secret registers: Cục An ninh mạng issued {} (Mật, its secret sequence); Cục Đối ngoại "
        "received {} (yearly state-secrets report: /reports/secrets-yearly/ as doingoai or lanhdao).".format(
            ", ".join(d.symbol for d in secret) or "nothing",
            ", ".join(r.doc_symbol for r in received) or "nothing",
        ),
    ]
