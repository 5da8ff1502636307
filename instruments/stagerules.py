"""The statutory deadlines of treaty and agreement work shipped with hoptac, by kind of
instrument and stage, each with the article of law behind it.

Loaded by a data migration (so a production instance has them) and again by the demo after a
flush. The sources are public texts and official press reports read in December 2026; what
they did not confirm is marked unconfirmed (``confirmed`` off and ``unconfirmed_points``), and
docs/tracking.md repeats it. Coordinators correct the rows when the official text is checked
(each change is kept in the history).
"""

from __future__ import annotations

import datetime
from typing import Any

LAW_TREATIES = "Luật Điều ước quốc tế số 108/2016/QH13"
LAW_TREATIES_2025 = "Luật Điều ước quốc tế số 108/2016/QH13, sửa đổi bởi Luật số 137/2025/QH15"
LAW_AGREEMENTS = "Luật Thỏa thuận quốc tế số 70/2020/QH14"
CIRCULAR_54 = "Thông tư số 54/2021/TT-BCA của Bộ trưởng Bộ Công an"

FROM_2016 = datetime.date(2016, 7, 1)
UNTIL_2025 = datetime.date(2025, 12, 31)
FROM_2026 = datetime.date(2026, 1, 1)
FROM_2021 = datetime.date(2021, 7, 1)

SRC_2025 = (
    "Luật số 137/2025/QH15 ngày 10/12/2025 sửa đổi, bổ sung một số điều của Luật Điều ước quốc tế, hiệu lực "
    "từ 01/01/2026 (văn bản: https://thuviennhadat.vn/vbpl/luat-dieu-uoc-quoc-te-sua-doi-2025-so-137-2025-qh15-686549.html; "
    "vietnamplus.vn 10/12/2025; news.laodong.vn, “Trách nhiệm thẩm định điều ước quốc tế của Bộ Tư pháp”)."
)
SRC_2016 = (
    "Luật Điều ước quốc tế số 108/2016/QH13 ngày 09/4/2016, hiệu lực từ 01/7/2016 (Công báo số 345+346 "
    "ngày 21/5/2016, vi.wikisource.org)."
)
SRC_2020 = (
    "Luật Thỏa thuận quốc tế số 70/2020/QH14 ngày 13/11/2020, hiệu lực từ 01/7/2021 (Điều 19: lawnet.vn, "
    "“Vietnam: guiding the procedures for concluding an international agreement in the name of the provincial "
    "regulatory body”; văn bản: luatvietnam.vn)."
)
SRC_54 = (
    "Thông tư số 54/2021/TT-BCA ngày 15/5/2021 quy định về công tác điều ước quốc tế và công tác thỏa thuận "
    "quốc tế trong Công an nhân dân (english.luatvietnam.vn; thuvienphapluat.vn) — chỉ đọc được phần đầu."
)

UNCONFIRMED_54 = (
    "Chưa đọc được điều khoản của Thông tư 54/2021/TT-BCA quy định thời hạn nội bộ này; hoptac giữ thời hạn "
    "đã dùng trước đây (DESIGN.md §6) cho đến khi đối chiếu văn bản."
)


def _rule(work_kind: str, stage: str, **fields: Any) -> dict[str, Any]:
    return {"work_kind": work_kind, "stage": stage, "trigger": "request", "day_count": "working", **fields}


def _consultations(work_kind: str, **fields: Any) -> list[dict[str, Any]]:
    return [_rule(work_kind, stage, **fields) for stage in ("mofa_consultation", "moj_consultation")]


def _follow_ups(work_kind: str, law: str, valid_from: datetime.date, **report: Any) -> list[dict]:
    """The report of signing, the implementation plan and the yearly plan of one kind."""
    return [
        _rule(
            work_kind,
            "report_to_mofa",
            trigger="signing",
            days=15,
            day_count="calendar",
            valid_from=valid_from,
            law=law,
            **report,
        ),
        _rule(
            work_kind,
            "implementation_plan",
            trigger="entry_into_force",
            days=15,
            day_count="calendar",
            valid_from=valid_from,
            law=CIRCULAR_54,
            article="",
            source=SRC_54,
            confirmed=False,
            unconfirmed_points="Thời hạn 15 ngày kể từ ngày có hiệu lực để trình kế hoạch thực hiện: "
            + UNCONFIRMED_54,
        ),
        _rule(
            work_kind,
            "yearly_plan",
            trigger="yearly",
            days=None,
            day_count="calendar",
            due_month=11,
            due_day=15,
            valid_from=valid_from,
            law=CIRCULAR_54,
            article="",
            source=SRC_54,
            confirmed=False,
            unconfirmed_points="Kế hoạch thực hiện hằng năm trước ngày 15/11: " + UNCONFIRMED_54,
        ),
    ]


RULES: list[dict[str, Any]] = [
    # --- Treaties (Law on Treaties 2016, as amended from 1 January 2026) --------------------------
    *_consultations(
        "treaty",
        days=10,
        day_count="calendar",
        valid_from=FROM_2026,
        law=LAW_TREATIES_2025,
        article="Khoản 2 Điều 9 (sửa đổi bởi khoản 2 Điều 1 Luật 137/2025/QH15)",
        source=SRC_2025
        + " “Cơ quan, tổ chức được lấy ý kiến … có trách nhiệm trả lời bằng văn bản trong thời "
        "hạn 10 ngày kể từ ngày nhận đủ hồ sơ lấy ý kiến.”",
        confirmed=True,
        unconfirmed_points="Khoản 2 Điều 9 quy định việc lấy ý kiến về đề xuất đàm phán; hoptac áp dụng cùng "
        "thời hạn cho việc lấy ý kiến về đề xuất ký.",
    ),
    *_consultations(
        "treaty",
        days=7,
        valid_from=FROM_2016,
        valid_to=UNTIL_2025,
        law=LAW_TREATIES,
        article="Khoản 2 Điều 9",
        source=SRC_2016,
        confirmed=False,
        unconfirmed_points="Thời hạn 07 ngày làm việc của văn bản năm 2016 (trước sửa đổi) chưa được đối chiếu "
        "với văn bản gốc.",
    ),
    _rule(
        "treaty",
        "legal_check",
        days=10,
        day_count="calendar",
        valid_from=FROM_2026,
        law=LAW_TREATIES_2025,
        article="Khoản 1 Điều 20 (sửa đổi bởi Luật 137/2025/QH15)",
        source=SRC_2025
        + " Bộ Tư pháp thẩm định trong thời hạn 10 ngày kể từ ngày nhận đủ hồ sơ, hoặc 20 ngày "
        "nếu thành lập Hội đồng thẩm định.",
        confirmed=True,
        unconfirmed_points="Khi thành lập Hội đồng thẩm định thời hạn là 20 ngày: người điều phối ghi thời hạn "
        "khác kèm lý do.",
    ),
    _rule(
        "treaty",
        "legal_check",
        days=None,
        day_count="calendar",
        valid_from=FROM_2016,
        valid_to=UNTIL_2025,
        law=LAW_TREATIES,
        article="Khoản 1 Điều 20",
        source=SRC_2016 + " Công báo trang 12: “… trong thời hạn 60 ngày trong trường hợp thành lập Hội đồng "
        "thẩm định”.",
        confirmed=False,
        unconfirmed_points="Thời hạn thẩm định thông thường của văn bản năm 2016 chưa đọc được; không có thời hạn "
        "mặc định.",
    ),
    _rule(
        "treaty",
        "missing_papers",
        days=3,
        valid_from=FROM_2026,
        law=LAW_TREATIES_2025,
        article="",
        source=SRC_2025
        + " Hồ sơ đề nghị kiểm tra, thẩm định chưa đúng quy định: chậm nhất 03 ngày làm việc kể từ "
        "ngày nhận hồ sơ, Bộ Ngoại giao, Bộ Tư pháp đề nghị cơ quan đề xuất bổ sung, hoàn thiện.",
        confirmed=False,
        unconfirmed_points="Thời hạn 03 ngày làm việc theo báo Lao Động; số điều, khoản (hồ sơ đề nghị kiểm tra, "
        "thẩm định) chưa được đối chiếu với văn bản gốc.",
    ),
    *_follow_ups(
        "treaty",
        LAW_TREATIES,
        FROM_2016,
        article="",
        source=SRC_2016 + " Cơ quan đề xuất gửi bản sao và báo cáo Bộ Ngoại giao trong 15 ngày kể từ ngày ký "
        "(DESIGN.md §6).",
        confirmed=False,
        unconfirmed_points="Số điều quy định thời hạn 15 ngày sau khi ký chưa được đối chiếu với văn bản gốc.",
    ),
    # --- International agreements at ministry level (Law on International Agreements 2020) -------
    *_consultations(
        "ministry_agreement",
        days=7,
        valid_from=FROM_2021,
        law=LAW_AGREEMENTS,
        article="",
        source=SRC_2020,
        confirmed=False,
        unconfirmed_points="Thời hạn trả lời 07 ngày làm việc được xác nhận cho thỏa thuận cấp tỉnh (khoản 2 "
        "Điều 19); điều tương ứng cho thỏa thuận nhân danh bộ chưa được đối chiếu.",
    ),
    _rule(
        "ministry_agreement",
        "legal_check",
        days=None,
        valid_from=FROM_2021,
        law=CIRCULAR_54,
        article="",
        source=SRC_54,
        confirmed=False,
        unconfirmed_points="Thời hạn Cục Pháp chế và cải cách hành chính, tư pháp cho ý kiến pháp lý: "
        + UNCONFIRMED_54,
    ),
    *_follow_ups(
        "ministry_agreement",
        LAW_AGREEMENTS,
        FROM_2021,
        article="",
        source=SRC_2020 + " Báo cáo và gửi bản sao cho Bộ Ngoại giao trong 15 ngày kể từ ngày ký.",
        confirmed=False,
        unconfirmed_points="15 ngày được xác nhận cho thỏa thuận cấp tỉnh (khoản 5 Điều 19); điều tương ứng cho "
        "thỏa thuận nhân danh bộ chưa được đối chiếu.",
    ),
    # --- Provincial-level agreements (Law on International Agreements 2020, Article 19) -----------
    *_consultations(
        "provincial_agreement",
        days=7,
        valid_from=FROM_2021,
        law=LAW_AGREEMENTS,
        article="Khoản 2 Điều 19",
        source=SRC_2020
        + " Cơ quan được lấy ý kiến trả lời bằng văn bản trong thời hạn 07 ngày làm việc kể từ "
        "ngày nhận đủ hồ sơ.",
        confirmed=True,
        unconfirmed_points="",
    ),
    *_follow_ups(
        "provincial_agreement",
        LAW_AGREEMENTS,
        FROM_2021,
        article="Khoản 5 Điều 19",
        source=SRC_2020
        + " Báo cáo Thủ tướng Chính phủ và gửi bản sao thỏa thuận cho Bộ Ngoại giao trong thời hạn "
        "15 ngày kể từ ngày ký.",
        confirmed=True,
        unconfirmed_points="",
    ),
]


def load(rule_model: Any, create: Any = None) -> int:
    """Create the missing rules; ``create(model, fields)`` writes one row (a service call in the
    demo, a plain create in the migration). Returns the rules created."""
    create = create or (lambda model, fields: model.objects.create(**fields))
    created = 0
    for row in RULES:
        fields = {"valid_to": None, "due_month": None, "due_day": None, "unconfirmed_points": "", **row}
        if rule_model.objects.filter(
            work_kind=fields["work_kind"], stage=fields["stage"], valid_from=fields["valid_from"]
        ).exists():
            continue
        create(rule_model, fields)
        created += 1
    return created
