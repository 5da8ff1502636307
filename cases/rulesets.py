"""The rule sets by date shipped with hoptac: which law applies to a case's type on its date,
the central authority it names and the provisional-arrest limit, each with its source.

Loaded by a data migration (so a production instance has them) and again by the demo after a
flush. The sources are public texts and official press reports read in December 2026; what
they did not confirm is marked unconfirmed (``confirmed`` off and ``unconfirmed_points``), and
docs/cases.md repeats it. Coordinators correct the rows when the official text is checked.
"""

from __future__ import annotations

import datetime
from typing import Any

LAW_2007 = "Luật Tương trợ tư pháp"
LAW_MLA_2025 = "Luật Tương trợ tư pháp về hình sự"
LAW_EXTRADITION_2025 = "Luật Dẫn độ"
LAW_TRANSFER_2025 = "Luật Chuyển giao người đang chấp hành án phạt tù"

SPP = ("Viện kiểm sát nhân dân tối cao", "Supreme People's Procuracy of Viet Nam")
MPS = ("Bộ Công an", "Ministry of Public Security of Viet Nam")

# Viet Nam's central authorities in the directory (request kind, name, English name, note).
AUTHORITIES: list[tuple[str, tuple[str, str], str]] = [
    (
        "mla",
        SPP,
        "Cơ quan trung ương về tương trợ tư pháp về hình sự (Luật Tương trợ tư pháp 2007; "
        "Luật Tương trợ tư pháp về hình sự 103/2025/QH15 từ 01/7/2026).",
    ),
    (
        "extradition",
        SPP,
        "Cơ quan trung ương về dẫn độ theo Luật Tương trợ tư pháp 2007 (đến 30/6/2026) — chưa đối chiếu "
        "điều khoản với văn bản gốc.",
    ),
    (
        "extradition",
        MPS,
        "Cơ quan trung ương về dẫn độ theo Luật Dẫn độ 100/2025/QH15 (từ 01/7/2026).",
    ),
    (
        "transfer",
        MPS,
        "Cơ quan trung ương về chuyển giao người đang chấp hành án phạt tù (Luật Tương trợ tư pháp 2007; "
        "Luật Chuyển giao người đang chấp hành án phạt tù 2025 từ 01/7/2026).",
    ),
]

UNTIL_2026 = datetime.date(2026, 6, 30)
FROM_2026 = datetime.date(2026, 7, 1)
FROM_2008 = datetime.date(2008, 7, 1)

SOURCE_2007 = (
    "Luật Tương trợ tư pháp số 08/2007/QH12, Quốc hội thông qua ngày 21/11/2007 "
    "(https://thuvienphapluat.vn/van-ban/Thu-tuc-To-tung/Law-No-08-2007-QH12-of-November-21-2007-on-legal-assistance-85332.aspx); "
    "hiệu lực từ 01/7/2008 (Công an tỉnh Long An, tài liệu tuyên truyền dự án Luật Dẫn độ, 26/3/2025, "
    "https://congan.longan.gov.vn/vi/chi-tiet-tin-tuc?Id=225232). Các quy định liên quan được thay thế từ "
    "01/7/2026 bởi các luật năm 2025 (cand.com.vn, 28/02/2026)."
)

RULE_SETS: list[dict[str, Any]] = [
    {
        "case_type": "mla",
        "law_name": LAW_2007,
        "law_number": "08/2007/QH12",
        "valid_from": FROM_2008,
        "valid_to": UNTIL_2026,
        "authority": ("mla", SPP[0]),
        "provisional_arrest_days": None,
        "source": SOURCE_2007,
        "confirmed": False,
        "unconfirmed_points": "Điều khoản của Luật 2007 quy định Viện kiểm sát nhân dân tối cao là Cơ quan "
        "trung ương về tương trợ tư pháp hình sự chưa được đối chiếu với văn bản gốc.",
    },
    {
        "case_type": "extradition",
        "law_name": LAW_2007,
        "law_number": "08/2007/QH12",
        "valid_from": FROM_2008,
        "valid_to": UNTIL_2026,
        "authority": ("extradition", SPP[0]),
        "provisional_arrest_days": None,
        "source": SOURCE_2007 + " Dẫn độ: Chương IV (Điều 32–48) của Luật 2007 (Công an tỉnh Long An, nt).",
        "confirmed": False,
        "unconfirmed_points": "Cơ quan trung ương về dẫn độ theo Luật 2007 (Viện kiểm sát nhân dân tối cao) "
        "và thời hạn bắt khẩn cấp trước khi có yêu cầu dẫn độ chưa được đối chiếu với văn bản gốc; "
        "hoptac dùng thời hạn mặc định 45 ngày.",
    },
    {
        "case_type": "transfer",
        "law_name": LAW_2007,
        "law_number": "08/2007/QH12",
        "valid_from": FROM_2008,
        "valid_to": UNTIL_2026,
        "authority": ("transfer", MPS[0]),
        "provisional_arrest_days": None,
        "source": SOURCE_2007 + ' Luật Chuyển giao 2025 "tiếp tục khẳng định Bộ Công an là Cơ quan trung '
        'ương về chuyển giao người đang chấp hành án phạt tù" (cand.com.vn, 28/02/2026, '
        "https://amp.cand.com.vn/nhan-quyen/hoan-thien-phap-luat-ve-chuyen-giao-nguoi-dang-chap-hanh-an-phat-tu-dong-bo-hien-dai-nhan-dao-i798026).",
        "confirmed": False,
        "unconfirmed_points": "Điều khoản của Luật 2007 về Cơ quan trung ương trong chuyển giao người đang "
        "chấp hành hình phạt tù chưa được đối chiếu với văn bản gốc.",
    },
    {
        "case_type": "mla",
        "law_name": LAW_MLA_2025,
        "law_number": "103/2025/QH15",
        "valid_from": FROM_2026,
        "valid_to": None,
        "authority": ("mla", SPP[0]),
        "provisional_arrest_days": None,
        "source": "Luật số 103/2025/QH15 ngày 26/11/2025 "
        "(https://thuviennhadat.vn/vbpl/luat-tuong-tro-tu-phap-ve-hinh-su-2025-so-103-2025-qh15-686538.html); "
        "hiệu lực từ 01/7/2026; Viện kiểm sát nhân dân tối cao là Cơ quan trung ương trong tương trợ tư pháp "
        "về hình sự (laodongthudo.vn, 26/11/2025, "
        "https://laodongthudo.vn/thong-qua-luat-tuong-tro-tu-phap-ve-hinh-su-co-hieu-luc-thi-hanh-tu-ngay-172026-202120.html).",
        "confirmed": True,
        "unconfirmed_points": "Số điều quy định Cơ quan trung ương chưa được ghi.",
    },
    {
        "case_type": "extradition",
        "law_name": LAW_EXTRADITION_2025,
        "law_number": "100/2025/QH15",
        "valid_from": FROM_2026,
        "valid_to": None,
        "authority": ("extradition", MPS[0]),
        "provisional_arrest_days": 45,
        "source": "Luật số 100/2025/QH15 ngày 26/11/2025 "
        "(https://luatvietnam.vn/hinh-su/luat-dan-do-2025-so-100-2025-qh15-423511-d1.html); hiệu lực từ "
        "01/7/2026 (Quyết định 341/QĐ-TTg ngày 26/02/2026 ban hành Kế hoạch triển khai thi hành Luật Dẫn độ, "
        "phaply.net.vn); Bộ Công an là Cơ quan trung ương về dẫn độ (kienthuc.net.vn, 31/12/2025); giữ "
        "người trong trường hợp khẩn cấp trước khi có yêu cầu dẫn độ: Điều 33, tối đa 45 ngày "
        "(vietnamnet.vn; trithucvn2.net, 26/11/2025).",
        "confirmed": True,
        "unconfirmed_points": "Theo báo chí, khi Việt Nam và nước yêu cầu cùng là thành viên điều ước về dẫn "
        "độ, thời hạn giữ người theo điều ước đó; 45 ngày chưa được đối chiếu với văn bản gốc của Điều 33.",
    },
    {
        "case_type": "transfer",
        "law_name": LAW_TRANSFER_2025,
        "law_number": "",
        "valid_from": FROM_2026,
        "valid_to": None,
        "authority": ("transfer", MPS[0]),
        "provisional_arrest_days": None,
        "source": "Quốc hội thông qua ngày 26/11/2025, hiệu lực từ 01/7/2026; Bộ Công an là Cơ quan trung ương "
        "về chuyển giao người đang chấp hành án phạt tù (thanhnien.vn, 26/11/2025, "
        "https://thanhnien.vn/6-dieu-kien-duoc-ve-viet-nam-tiep-tuc-chap-hanh-an-phat-tu-185251126102345774.htm; "
        "cand.com.vn, 28/02/2026).",
        "confirmed": False,
        "unconfirmed_points": "Số hiệu của Luật chưa được xác nhận.",
    },
]

AUTHORITY_NOTE = "Cơ quan trung ương của Việt Nam (dữ liệu tham chiếu của hoptac, xem docs/cases.md)."


def rule_set_fields(row: dict[str, Any], authority: Any) -> dict[str, Any]:
    """The model fields of one row of ``RULE_SETS``, given its central authority (or None)."""
    fields = {k: v for k, v in row.items() if k != "authority"}
    fields["central_authority"] = authority
    return fields


def load(country_model: Any, authority_model: Any, rule_set_model: Any, create: Any = None) -> int:
    """Create the missing authorities and rule sets; ``create(model, fields)`` writes one row
    (a service call in the demo, a plain create in the migration). Returns rule sets created."""
    create = create or (lambda model, fields: model.objects.create(**fields))
    vietnam = country_model.objects.filter(code="VN").first()
    if vietnam is None:
        return 0
    authorities: dict[tuple[str, str], Any] = {}
    for kind, (name, name_en), note in AUTHORITIES:
        found = authority_model.objects.filter(
            country=vietnam, request_kind=kind, role="central", name=name
        ).first()
        if found is None:
            found = create(
                authority_model,
                {
                    "country": vietnam,
                    "request_kind": kind,
                    "role": "central",
                    "name": name,
                    "name_en": name_en,
                    "notes": f"{note} {AUTHORITY_NOTE}",
                },
            )
        authorities[(kind, name)] = found
    created = 0
    for row in RULE_SETS:
        if rule_set_model.objects.filter(case_type=row["case_type"], valid_from=row["valid_from"]).exists():
            continue
        create(rule_set_model, rule_set_fields(row, authorities.get(row["authority"])))
        created += 1
    return created
