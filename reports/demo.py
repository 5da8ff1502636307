"""Demo of the outgoing register: a department issues its yearly report and a request letter.

Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao (ANM, a real department)
issues the 2025 report generated from the demo, then the request letter of its outgoing
mutual-legal-assistance case with Korea (a fictional case): consecutive numbers in its
register. The signer and the drafter are the department's fictional demo head and officer
(made by the tracking demo); the numbers and dates are those of the day the demo is loaded.
"""

from __future__ import annotations

from typing import Any

from cases.models import CooperationCase
from org.models import Unit, User

from . import services
from .models import IssuedDocument, ReportRun

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
        return {"issued": 0}
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
    return {"issued": 2}


def describe() -> list[str]:
    docs = IssuedDocument.objects.filter(owner_unit__code=UNIT).order_by("pk")
    return [
        "Outgoing register: {} issued by Cục An ninh mạng (report and request letter, "
        "login demo_anm_ld has no password: see them as doingoai or lanhdao).".format(
            ", ".join(d.symbol for d in docs) or "nothing"
        )
    ]
