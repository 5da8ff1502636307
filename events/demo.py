"""Demo events: the seeds' public events and a fictional year of delegations, meetings and
trainings with their pledges, trips and media coverage. Every person is fictional (DESIGN.md 8)."""

from __future__ import annotations

import datetime
from typing import Any

from core.context import SYSTEM
from instruments.models import Instrument
from org.models import Unit
from partners import demo_data as partner_data
from partners.models import Country, ForeignAgency, MultilateralBody

from . import services
from .models import Event, TripProposal

D = datetime.date.fromisoformat
CONVENTION_TITLE = "Công ước của Liên hợp quốc về chống tội phạm mạng"


def _agencies() -> dict[str, ForeignAgency]:
    names = {row[0]: row[4] for row in partner_data.AGENCIES}
    by_name = {a.name_en: a for a in ForeignAgency.objects.all()}
    return {key: by_name[name] for key, name in names.items() if name in by_name}


def _bodies() -> dict[str, MultilateralBody]:
    names = {row[0]: row[4] for row in partner_data.BODIES}
    by_name = {b.name_en: b for b in MultilateralBody.objects.all()}
    return {key: by_name[name] for key, name in names.items() if name in by_name}


# (key, type, title, starts, ends, owner, place: ("VN", unit code, city) | ("XX", country, city), level,
#  attending, agencies, countries, bodies, count, more_than, summary, classification)
EVENTS: list[dict[str, Any]] = [
    {
        "key": "doi-ngoai-2021",
        "type": "conference",
        "title": "Hội nghị Đối ngoại toàn quốc triển khai thực hiện Nghị quyết Đại hội XIII của Đảng",
        "starts_on": "2021-12-14",
        "owner": "CDN",
        "province": "CA-HA-NOI",
        "city": "Hà Nội",
        "level": "ministry",
        "attending": ["LDB", "CDN"],
        "summary": "Hội nghị toàn quốc lần đầu tiên về công tác đối ngoại do Bộ Chính trị, Ban Bí thư tổ chức; "
        "Bộ Công an tham luận về chiến lược an ninh đối ngoại: quan hệ với 162 cơ quan thực thi pháp luật "
        "của 64 quốc gia, vùng lãnh thổ (nguồn: bài báo 001).",
    },
    {
        "key": "cong-uoc-2025",
        "type": "signing",
        "title": "Lễ mở ký Công ước của Liên hợp quốc về chống tội phạm mạng",
        "starts_on": "2025-10-25",
        "ends_on": "2025-10-26",
        "owner": "CDN",
        "province": "CA-HA-NOI",
        "city": "Hà Nội",
        "level": "ministry",
        "attending": ["LDB", "CDN", "ANM"],
        "bodies": ["un", "unodc", "interpol"],
        "count": 72,
        "summary": "Chủ đề “Chống tội phạm mạng, chia sẻ trách nhiệm, hướng tới tương lai”; đại diện 72 quốc gia "
        "đã ký Công ước (nguồn: bài báo 000). Con số 72 ở đây là số quốc gia ký.",
        "instrument": CONVENTION_TITLE,
    },
    {
        "key": "hoi-nghi-50",
        "type": "conference",
        "title": "Hội nghị triển khai Chương trình hành động 50-CTr/ĐUCA thực hiện Nghị quyết 59-NQ/TW về hội nhập quốc tế",
        "starts_on": "2025-11-11",
        "owner": "CDN",
        "province": "CA-HA-NOI",
        "city": "Hà Nội",
        "level": "ministry",
        "attending": ["LDB", "CDN", "ANM", "CSMT", "CSHS", "XNC", "CA-QUANG-NINH", "CA-HA-NOI"],
        "count": 300,
        "more_than": True,
        "summary": "Bộ trưởng Lương Tam Quang chủ trì; Bộ trưởng Bộ Ngoại giao Lê Hoài Trung quán triệt Nghị quyết "
        "59-NQ/TW và Nghị quyết 153/NQ-CP; Thứ trưởng Lê Quốc Hùng quán triệt Chương trình hành động "
        "50-CTr/ĐUCA với 08 nhóm nhiệm vụ. Hơn 300 đại biểu (nguồn: bài báo 003).",
    },
    {
        "key": "tap-huan-2025",
        "type": "training",
        "title": "Hội nghị tập huấn công tác đối ngoại, hợp tác quốc tế năm 2025",
        "starts_on": "2025-11-14",
        "owner": "CDN",
        "province": "CA-QUANG-NINH",
        "city": "Quảng Ninh",
        "level": "department",
        "attending": ["CDN", "CA-QUANG-NINH", "CA-HA-NOI", "CSMT", "ANM"],
        # The training counts as international law and practice toward staff capacity.
        "capacity_credit": "intl_law",
        "summary": "Bế mạc ngày 14/11/2025 tại Quảng Ninh (ngày khai mạc không nêu trong nguồn). Chuyên đề: lý luận "
        "đối ngoại, kỹ năng tham mưu, lễ tân, đàm phán điều ước (nguồn: bài báo 004).",
    },
    # --- A fictional year (2026) ------------------------------------------------------------------
    {
        "key": "quang-tay-thang-1",
        "type": "incoming",
        "title": "Đón đoàn Sở Công an Khu tự trị dân tộc Choang Quảng Tây (Trung Quốc) (dữ liệu mẫu)",
        "starts_on": "2026-01-15",
        "ends_on": "2026-01-16",
        "owner": "CA-QUANG-NINH",
        "province": "CA-QUANG-NINH",
        "city": "Móng Cái",
        "level": "province",
        "attending": ["CA-QUANG-NINH-PA08"],
        "agencies": ["cn-mps"],
        "countries": ["CN"],
        "count": 18,
        "summary": "Hội đàm về phối hợp quản lý xuất nhập cảnh và phòng, chống tội phạm qua biên giới.",
    },
    {
        "key": "lao-hoi-dam",
        "type": "bilateral",
        "title": "Hội đàm thường niên với Bộ Công an Lào (dữ liệu mẫu)",
        "starts_on": "2026-02-24",
        "ends_on": "2026-02-25",
        "owner": "CDN",
        "province": "CA-HA-NOI",
        "city": "Hà Nội",
        "level": "ministry",
        "attending": ["LDB", "CSMT", "XNC"],
        "agencies": ["la-mps"],
        "countries": ["LA"],
        "count": 40,
        "summary": "Rà soát kết quả thực hiện kế hoạch hợp tác năm 2025 và thống nhất kế hoạch năm 2026.",
    },
    {
        "key": "qn-doan-ra-trung-quoc",
        "type": "outgoing",
        "title": "Đoàn Công an tỉnh Quảng Ninh làm việc tại Quảng Tây, Trung Quốc (dữ liệu mẫu)",
        "starts_on": "2026-03-16",
        "ends_on": "2026-03-19",
        "owner": "CA-QUANG-NINH",
        "country": "CN",
        "city": "Nam Ninh",
        "level": "province",
        "agencies": ["cn-mps"],
        "countries": ["CN"],
        "count": 6,
    },
    {
        "key": "afp-tap-huan",
        "type": "training",
        "title": "Khóa tập huấn điều tra tội phạm mua bán người do Cảnh sát Liên bang Australia hỗ trợ (dữ liệu mẫu)",
        "starts_on": "2026-04-06",
        "ends_on": "2026-04-10",
        "owner": "CSHS",
        "province": "CA-HA-NOI",
        "city": "Hà Nội",
        "level": "department",
        "attending": ["CSHS", "CA-QUANG-NINH"],
        "agencies": ["au-afp"],
        "countries": ["AU"],
        "count": 35,
        "summary": "Đối tác nước ngoài hỗ trợ nâng cao năng lực cho các đơn vị trực tiếp đấu tranh với tội phạm "
        "(bối cảnh: bài báo 002).",
    },
    {
        "key": "inl-tap-huan",
        "type": "training",
        "title": "Tập huấn kỹ năng phòng, chống ma túy xuyên quốc gia với sự hỗ trợ của Hoa Kỳ (dữ liệu mẫu)",
        "starts_on": "2026-05-11",
        "ends_on": "2026-05-15",
        "owner": "CSMT",
        "province": "CA-QUANG-NINH",
        "city": "Hạ Long",
        "level": "department",
        "attending": ["CSMT", "CA-QUANG-NINH"],
        "agencies": ["us-inl", "us-dea"],
        "countries": ["US"],
        "count": 40,
        "summary": "Hoa Kỳ ưu tiên hỗ trợ Bộ Công an nâng cao năng lực cho các đơn vị trực tiếp đấu tranh với "
        "tội phạm (bối cảnh: bài báo 002).",
    },
    {
        "key": "aseanapol-2026",
        "type": "multilateral",
        "title": "Hội nghị Tư lệnh Cảnh sát các nước ASEAN (ASEANAPOL) thường niên (dữ liệu mẫu)",
        "starts_on": "2026-06-08",
        "ends_on": "2026-06-11",
        "owner": "CDN",
        "country": "MY",
        "city": "Kuala Lumpur",
        "level": "ministry",
        "attending": ["CDN", "CSHS"],
        "bodies": ["aseanapol"],
        "count": 200,
        "more_than": True,
    },
    {
        "key": "qn-doan-ra-lao",
        "type": "outgoing",
        "title": "Đoàn Công an tỉnh Quảng Ninh trao đổi kinh nghiệm tại Viêng Chăn, Lào (dữ liệu mẫu)",
        "starts_on": "2026-06-22",
        "ends_on": "2026-06-25",
        "owner": "CA-QUANG-NINH",
        "country": "LA",
        "city": "Viêng Chăn",
        "level": "province",
        "agencies": ["la-vientiane"],
        "countries": ["LA"],
        "count": 5,
    },
    {
        "key": "knpa-truc-tuyen",
        "type": "online",
        "title": "Họp trực tuyến với Cơ quan Cảnh sát quốc gia Hàn Quốc về lừa đảo trực tuyến (dữ liệu mẫu)",
        "starts_on": "2026-07-09",
        "owner": "ANM",
        "level": "department",
        "attending": ["ANM"],
        "agencies": ["kr-knpa"],
        "countries": ["KR"],
        "count": 20,
    },
    {
        "key": "anm-doan-ra-han-quoc",
        "type": "outgoing",
        "title": "Đoàn Cục An ninh mạng làm việc với Cơ quan Cảnh sát quốc gia Hàn Quốc (dữ liệu mẫu)",
        "starts_on": "2026-09-14",
        "ends_on": "2026-09-18",
        "owner": "ANM",
        "country": "KR",
        "city": "Seoul",
        "level": "department",
        "agencies": ["kr-knpa"],
        "countries": ["KR"],
        "count": 5,
    },
    {
        "key": "jp-doan-vao",
        "type": "incoming",
        "title": "Đón đoàn Cơ quan Cảnh sát quốc gia Nhật Bản (dữ liệu mẫu)",
        "starts_on": "2026-10-05",
        "ends_on": "2026-10-07",
        "owner": "CDN",
        "province": "CA-HA-NOI",
        "city": "Hà Nội",
        "level": "department",
        "attending": ["CDN", "XNC"],
        "agencies": ["jp-npa"],
        "countries": ["JP"],
        "count": 12,
    },
    {
        "key": "hoi-thao-quoc-te",
        "type": "conference",
        "title": "Hội thảo quốc tế về hợp tác phòng, chống tội phạm sử dụng công nghệ cao (dữ liệu mẫu)",
        "starts_on": "2026-12-15",
        "ends_on": "2026-12-16",
        "owner": "ANM",
        "province": "CA-HA-NOI",
        "city": "Hà Nội",
        "level": "department",
        "attending": ["ANM", "CDN"],
        "bodies": ["unodc"],
        "count": 150,
        "international": {"sensitive_topics": True, "request_submitted_on": None},
    },
    {
        "key": "csmt-doan-ra-campuchia",
        "type": "outgoing",
        "title": "Đoàn Cục Cảnh sát điều tra tội phạm về ma túy làm việc tại Phnôm Pênh (dữ liệu mẫu)",
        "starts_on": "2026-12-07",
        "ends_on": "2026-12-10",
        "owner": "CSMT",
        "country": "KH",
        "city": "Phnôm Pênh",
        "level": "department",
        "agencies": ["kh-gdnp", "kh-nacd"],
        "countries": ["KH"],
        "count": 4,
    },
    {
        "key": "qn-doan-ra-campuchia",
        "type": "outgoing",
        "title": "Đoàn Công an tỉnh Quảng Ninh khảo sát hợp tác tại Campuchia (dữ liệu mẫu)",
        "starts_on": "2026-12-14",
        "ends_on": "2026-12-17",
        "owner": "CA-QUANG-NINH",
        "country": "KH",
        "city": "Phnôm Pênh",
        "level": "province",
        "agencies": ["kh-pnh"],
        "countries": ["KH"],
        "count": 4,
    },
    {
        "key": "hn-doan-vao-thai",
        "type": "incoming",
        "title": "Đón đoàn Cảnh sát Hoàng gia Thái Lan thăm Công an thành phố Hà Nội (dữ liệu mẫu)",
        "starts_on": "2026-08-20",
        "owner": "CA-HA-NOI",
        "province": "CA-HA-NOI",
        "city": "Hà Nội",
        "level": "province",
        "agencies": ["th-rtp"],
        "countries": ["TH"],
        "count": 10,
        "classification": "mat",
    },
]

# event key -> [(text, made_by, due, lead unit or None (not tracked))]
PLEDGES: dict[str, list[tuple[str, str, str | None, str | None]]] = {
    "hoi-nghi-50": [
        (
            "Công an các đơn vị, địa phương cụ thể hóa Chương trình hành động 50-CTr/ĐUCA thành kế hoạch của đơn vị.",
            "Lãnh đạo Bộ",
            "2025-12-31",
            "CA-QUANG-NINH",
        ),
    ],
    "tap-huan-2025": [
        (
            "Đưa nội dung tập huấn vào chương trình hành động cụ thể ở từng đơn vị, địa phương.",
            "Lãnh đạo Bộ",
            "2026-01-31",
            "CA-HA-NOI",
        ),
    ],
    "quang-tay-thang-1": [
        (
            "Thiết lập đường dây nóng giữa hai bên tại cửa khẩu Móng Cái – Đông Hưng.",
            "Hai bên",
            "2026-03-31",
            "CA-QUANG-NINH",
        ),
        (
            "Trao đổi danh sách đối tượng truy nã qua biên giới hằng quý.",
            "Hai bên",
            "2026-12-31",
            "CA-QUANG-NINH",
        ),
        ("Tổ chức giao lưu thể thao giữa lực lượng hai bên.", "Hai bên", None, None),
    ],
    "lao-hoi-dam": [
        (
            "Phối hợp đào tạo 50 cán bộ Công an Lào về điều tra tội phạm ma túy.",
            "Bộ Công an Việt Nam",
            "2026-10-31",
            "CSMT",
        ),
        ("Ký Kế hoạch hợp tác năm 2026 trong quý II.", "Hai bên", "2026-06-30", None),
    ],
    "afp-tap-huan": [
        (
            "Phía Australia hỗ trợ thêm một khóa tập huấn cho Công an các tỉnh biên giới.",
            "Cảnh sát Liên bang Australia",
            "2026-12-31",
            None,
        ),
    ],
    "inl-tap-huan": [
        (
            "Chia sẻ tài liệu huấn luyện cho Công an các địa phương tham dự.",
            "Cục Cảnh sát điều tra tội phạm về ma túy",
            "2026-07-15",
            "CSMT",
        ),
    ],
    "jp-doan-vao": [
        (
            "Trao đổi kinh nghiệm quản lý người nước ngoài cư trú, lao động bất hợp pháp.",
            "Hai bên",
            "2027-03-31",
            "XNC",
        ),
    ],
}

# event key -> [(side, name, title, unit or agency, country, key leader, head)]
PEOPLE: dict[str, list[tuple[str, str, str, str, str, bool, bool]]] = {
    "tap-huan-2025": [
        ("ours", "Đỗ Minh Tuấn", "Trưởng phòng", "CA-QUANG-NINH-PA08", "", False, False),
        ("ours", "Lê Thu Hà", "Phó Trưởng phòng", "CA-QUANG-NINH-PA08", "", False, False),
        ("ours", "Trần Quốc Việt", "Phó Trưởng phòng", "CA-HA-NOI", "", False, False),
    ],
    "quang-tay-thang-1": [
        ("ours", "Nguyễn Văn Hải", "Phó Giám đốc", "CA-QUANG-NINH", "", True, True),
        ("ours", "Đỗ Minh Tuấn", "Trưởng phòng", "CA-QUANG-NINH-PA08", "", False, False),
        ("guest", "Lý Kiến Quốc", "Phó Giám đốc Sở", "Sở Công an Quảng Tây", "CN", False, True),
        (
            "guest",
            "Hoàng Tiểu Minh",
            "Trưởng phòng Xuất nhập cảnh",
            "Sở Công an Quảng Tây",
            "CN",
            False,
            False,
        ),
    ],
    "lao-hoi-dam": [
        ("ours", "Vũ Quang Thành", "Cục trưởng", "CDN", "", True, False),
        ("guest", "Khamphone Sisavath", "Thứ trưởng", "Bộ Công an Lào", "LA", False, True),
        ("guest", "Bounmy Phommachanh", "Cục trưởng Đối ngoại", "Bộ Công an Lào", "LA", False, False),
    ],
    "qn-doan-ra-trung-quoc": [
        ("ours", "Nguyễn Văn Hải", "Phó Giám đốc", "CA-QUANG-NINH", "", True, True),
        ("ours", "Phạm Thị Lan", "Phó Giám đốc", "CA-QUANG-NINH", "", True, False),
        ("ours", "Đỗ Minh Tuấn", "Trưởng phòng", "CA-QUANG-NINH-PA08", "", False, False),
    ],
    "qn-doan-ra-lao": [
        ("ours", "Nguyễn Văn Hải", "Phó Giám đốc", "CA-QUANG-NINH", "", True, True),
        ("ours", "Lê Thu Hà", "Phó Trưởng phòng", "CA-QUANG-NINH-PA08", "", False, False),
    ],
    "qn-doan-ra-campuchia": [
        ("ours", "Nguyễn Văn Hải", "Phó Giám đốc", "CA-QUANG-NINH", "", True, True),
        ("ours", "Trịnh Văn Nam", "Cán bộ", "CA-QUANG-NINH", "", False, False),
    ],
    "anm-doan-ra-han-quoc": [
        ("ours", "Hồ Đức Anh", "Phó Cục trưởng", "ANM", "", True, True),
        ("ours", "Mai Thị Ngọc", "Trưởng phòng", "ANM", "", False, False),
    ],
    "csmt-doan-ra-campuchia": [
        ("ours", "Tạ Quốc Bảo", "Phó Cục trưởng", "CSMT", "", True, True),
        ("ours", "Đinh Thị Hồng", "Cán bộ", "CSMT", "", False, False),
    ],
    "afp-tap-huan": [
        (
            "guest",
            "Emily Harper",
            "Chuyên gia huấn luyện",
            "Cảnh sát Liên bang Australia",
            "AU",
            False,
            False,
        ),
    ],
    "jp-doan-vao": [
        ("guest", "Sato Kenji", "Trưởng đoàn", "Cơ quan Cảnh sát quốc gia Nhật Bản", "JP", False, True),
    ],
}

# Fictional capacity profiles of some of our staff at the events (their participations link to
# them): name -> (staff number, unit, rank, position, leader, English certificate date or None,
# cyber qualification date or None). The 14/11/2025 training gives the international-law part.
STAFF: dict[str, tuple[str, str, str, str, bool, str | None, str | None]] = {
    "Nguyễn Văn Hải": ("SK-QN-001", "CA-QUANG-NINH", "Đại tá", "Phó Giám đốc", True, "2025-05-12", "2024-10-01"),
    "Phạm Thị Lan": ("SK-QN-002", "CA-QUANG-NINH", "Đại tá", "Phó Giám đốc", True, None, "2023-06-01"),
    "Đỗ Minh Tuấn": ("SK-QN-003", "CA-QUANG-NINH-PA08", "Thượng tá", "Trưởng phòng", True, "2025-03-10", "2024-09-20"),
    "Lê Thu Hà": ("SK-QN-004", "CA-QUANG-NINH-PA08", "Trung tá", "Phó Trưởng phòng", True, "2025-08-15", None),
    "Trần Quốc Việt": ("SK-HN-001", "CA-HA-NOI", "Trung tá", "Phó Trưởng phòng", True, "2024-12-02", "2025-01-15"),
}  # fmt: skip

# International conference key -> consulted bodies: (body, consulted on, answered on, position).
CONSULTATIONS: dict[str, list[tuple[str, str, str | None, str]]] = {
    "hoi-thao-quoc-te": [
        ("Bộ Ngoại giao", "2026-10-20", "2026-10-30", "agrees"),
        ("Ban Đối ngoại Trung ương", "2026-10-20", "2026-11-03", "comments"),
        # Not answered: overdue since 04/11/2026, on the overdue board.
        ("Bộ Khoa học và Công nghệ", "2026-10-20", None, ""),
    ],
}

# event key -> (purpose, host, budget, in plan, approved?, returned on)
TRIPS: dict[str, tuple[str, str, str, bool, bool, str | None]] = {
    "qn-doan-ra-trung-quoc": (
        "Trao đổi về phối hợp quản lý biên giới và phòng, chống tội phạm xuyên biên giới.",
        "Sở Công an Quảng Tây",
        "Ngân sách địa phương",
        True,
        True,
        "2026-03-19",
    ),
    "qn-doan-ra-lao": (
        "Trao đổi kinh nghiệm về bảo hộ công dân và phòng, chống mua bán người.",
        "Bộ Chỉ huy Công an Thủ đô Viêng Chăn",
        "Ngân sách địa phương",
        True,
        True,
        "2026-06-25",
    ),
    "anm-doan-ra-han-quoc": (
        "Làm việc về hợp tác đấu tranh với lừa đảo trực tuyến xuyên quốc gia.",
        "Cơ quan Cảnh sát quốc gia Hàn Quốc",
        "Phía bạn tài trợ",
        True,
        True,
        "2026-09-18",
    ),
    "csmt-doan-ra-campuchia": (
        "Trao đổi thông tin và phối hợp đấu tranh chuyên án ma túy.",
        "Cảnh sát Quốc gia Campuchia",
        "Ngân sách Bộ",
        True,
        True,
        None,
    ),
    "qn-doan-ra-campuchia": (
        "Khảo sát khả năng hợp tác với Ty Cảnh sát Thủ đô Phnôm Pênh.",
        "Ty Cảnh sát Thủ đô Phnôm Pênh",
        "Ngân sách địa phương",
        False,
        False,
        None,
    ),
}

# (event key or None, outlet, title, url, date, language, platform)
MEDIA: list[tuple[str | None, str, str, str, str, str, str]] = [
    (
        "cong-uoc-2025",
        "Báo Công an nhân dân",
        "Lễ mở ký Công ước của Liên hợp quốc về chống tội phạm mạng tại Hà Nội",
        "",
        "2025-10-25",
        "vi",
        "press",
    ),
    (
        "cong-uoc-2025",
        "Truyền hình CAND (ANTV)",
        "Phóng sự: Hà Nội – nơi mở ký Công ước về chống tội phạm mạng",
        "",
        "2025-10-26",
        "vi",
        "television",
    ),
    (
        "cong-uoc-2025",
        "Cổng thông tin Bộ Công an",
        "Hanoi Convention opened for signature",
        "",
        "2025-10-26",
        "en",
        "online",
    ),
    (
        "hoi-nghi-50",
        "Báo Công lý",
        "Chương trình hành động của Đảng ủy Công an Trung ương thực hiện Nghị quyết 59-NQ/TW",
        "https://congly.vn/chuong-trinh-hanh-dong-cua-dang-uy-cong-an-trung-uong-thuc-hien-nghi-quyet-59-nq-tw-501003.html",
        "2025-11-11",
        "vi",
        "press",
    ),
    (
        "tap-huan-2025",
        "Báo Công an nhân dân",
        "Đối ngoại CAND trước yêu cầu “làm đúng, làm trúng”",
        "",
        "2025-11-15",
        "vi",
        "press",
    ),
    (
        "quang-tay-thang-1",
        "Báo Quảng Ninh",
        "Công an tỉnh hội đàm với Sở Công an Quảng Tây (dữ liệu mẫu)",
        "",
        "2026-01-16",
        "vi",
        "press",
    ),
    (
        "lao-hoi-dam",
        "Truyền hình CAND (ANTV)",
        "Hội đàm thường niên Việt Nam – Lào (dữ liệu mẫu)",
        "",
        "2026-02-25",
        "vi",
        "television",
    ),
    (
        "afp-tap-huan",
        "Fanpage Công an tỉnh Quảng Ninh",
        "Cán bộ tham gia khóa tập huấn về mua bán người (dữ liệu mẫu)",
        "",
        "2026-04-10",
        "vi",
        "social",
    ),
    (
        "inl-tap-huan",
        "Cổng thông tin Bộ Công an",
        "Training on transnational drug investigation (sample data)",
        "",
        "2026-05-15",
        "en",
        "online",
    ),
    (
        "aseanapol-2026",
        "Báo Công an nhân dân",
        "Việt Nam tham dự Hội nghị ASEANAPOL (dữ liệu mẫu)",
        "",
        "2026-06-10",
        "vi",
        "press",
    ),
    (
        "jp-doan-vao",
        "Fanpage Cục Đối ngoại",
        "Đón đoàn Cảnh sát Nhật Bản (dữ liệu mẫu)",
        "",
        "2026-10-06",
        "vi",
        "social",
    ),
    (
        None,
        "Truyền hình CAND (ANTV)",
        "Tọa đàm: Đối ngoại CAND trong kỷ nguyên mới (dữ liệu mẫu)",
        "",
        "2026-09-02",
        "vi",
        "television",
    ),
]


def _load_staff(units: dict[str, Unit]) -> dict[str, Any]:
    """The fictional profiles of our staff at the events (through capacity's services)."""
    from capacity import services as capacity
    from capacity.models import StaffProfile

    existing = {p.staff_code: p for p in StaffProfile.objects.filter(staff_code__startswith="SK-")}
    out: dict[str, Any] = {}
    for name, (code, unit, rank, position, leader, english, cyber) in STAFF.items():
        profile = existing.get(code)
        if profile is None:
            profile = capacity.profile_create(
                actor=SYSTEM,
                data={
                    "staff_code": code,
                    "full_name": name,
                    "rank": rank,
                    "position": position,
                    "is_leader": leader,
                    "post_from": D("2022-01-01"),
                    "owner_unit": units[unit],
                },
            )
            if english:
                capacity.language_create(
                    actor=SYSTEM,
                    data={
                        "profile": profile,
                        "language": "en",
                        "level": "B2",
                        "certificate": "IELTS 6.5",
                        "certificate_on": D(english),
                    },
                )
            if cyber:
                capacity.qualification_create(
                    actor=SYSTEM,
                    data={
                        "profile": profile,
                        "kind": "cyber",
                        "title": "Bồi dưỡng an ninh mạng",
                        "obtained_on": D(cyber),
                    },
                )
        out[name] = profile
    return out


def _load_events(
    units: dict[str, Unit], agencies: dict[str, Any], bodies: dict[str, Any], profiles: dict[str, Any]
) -> dict[str, Event]:
    countries = {c.code: c for c in Country.objects.all()}
    existing = {e.title: e for e in Event.objects.all()}
    out: dict[str, Event] = {}
    for row in EVENTS:
        event = existing.get(row["title"])
        if event is None:
            international = row.get("international")
            data: dict[str, Any] = {
                "type": row["type"],
                "title": row["title"],
                "starts_on": D(row["starts_on"]),
                "ends_on": D(row["ends_on"]) if row.get("ends_on") else None,
                "owner_unit": units[row["owner"]],
                "province": units[row["province"]] if row.get("province") else None,
                "country": countries[row["country"]] if row.get("country") else None,
                "city": row.get("city", ""),
                "level": row["level"],
                "participants_count": row.get("count"),
                "participants_more_than": row.get("more_than", False),
                "summary": row.get("summary", ""),
                "classification": row.get("classification", "thuong"),
                "attending_units": [units[c] for c in row.get("attending", []) if c in units],
                "agencies": [agencies[k] for k in row.get("agencies", []) if k in agencies],
                "countries": [countries[c] for c in row.get("countries", []) if c in countries],
                "bodies": [bodies[k] for k in row.get("bodies", []) if k in bodies],
                "capacity_credit": row.get("capacity_credit", ""),
                "instruments_signed": list(Instrument.objects.filter(title__startswith=row["instrument"]))
                if row.get("instrument")
                else [],
            }
            if international is not None:
                data.update({"international_conference": True, **international})
            event = services.event_create(actor=SYSTEM, data=data)
            _load_children(event, row["key"], units, countries, profiles)
        out[row["key"]] = event
    return out


def _load_children(
    event: Event, key: str, units: dict[str, Unit], countries: dict[str, Country], profiles: dict[str, Any]
) -> None:
    for i, (side, name, title, where, country, leader, head) in enumerate(PEOPLE.get(key, []), 1):
        services.participant_create(
            actor=SYSTEM,
            data={
                "event": event,
                "side": side,
                "name": name,
                "title": title,
                "unit": units.get(where) if side == "ours" else None,
                "agency": where if side == "guest" else "",
                "country": countries.get(country) if side == "guest" else None,
                "profile": profiles.get(name) if side == "ours" else None,
                "key_leader": leader,
                "head_of_delegation": head,
                "order": i,
            },
        )
    for body, consulted, answered, position in CONSULTATIONS.get(key, []):
        services.consultation_create(
            actor=SYSTEM,
            data={
                "event": event,
                "body": body,
                "consulted_on": D(consulted),
                "answered_on": D(answered) if answered else None,
                "position": position,
                "answer": "Nhất trí với đề xuất tổ chức hội thảo." if position == "agrees" else "",
            },
        )
    if event.ends_on and event.ends_on > event.starts_on:
        services.programme_item_create(
            actor=SYSTEM,
            data={"event": event, "day": event.starts_on, "title": "Khai mạc, hội đàm chính thức"},
        )
        services.programme_item_create(
            actor=SYSTEM,
            data={"event": event, "day": event.ends_on, "title": "Tổng kết, thống nhất biên bản"},
        )
    for i, (text, by, due, lead) in enumerate(PLEDGES.get(key, []), 1):
        pledge = services.pledge_create(
            actor=SYSTEM,
            data={
                "event": event,
                "text": text,
                "made_by": by,
                "due_hint": D(due) if due else None,
                "order": i,
            },
        )
        if lead is not None:
            services.pledge_track(actor=SYSTEM, pledge=pledge, unit=units[lead])


def _load_trips(events: dict[str, Event]) -> int:
    created = 0
    done = set(TripProposal.objects.values_list("event_id", flat=True))
    for key, (purpose, host, budget, in_plan, approved, returned) in TRIPS.items():
        event = events[key]
        if event.pk in done:
            continue
        trip = services.trip_create(
            actor=SYSTEM,
            data={
                "event": event,
                "purpose": purpose,
                "host": host,
                "budget_source": budget,
                "in_plan": in_plan,
            },
        )
        if approved:
            trip = services.trip_approve(
                actor=SYSTEM,
                obj=trip,
                version=trip.version,
                today=event.starts_on - datetime.timedelta(days=20),
            )
        if returned:
            services.trip_return(actor=SYSTEM, obj=trip, version=trip.version, returned_on=D(returned))
        created += 1
    return created


def _load_media(units: dict[str, Unit], events: dict[str, Event]) -> int:
    from .models import MediaItem

    existing = set(MediaItem.objects.values_list("title", flat=True))
    created = 0
    for key, outlet, title, url, day, language, platform in MEDIA:
        if title in existing:
            continue
        event = events.get(key) if key else None
        services.media_create(
            actor=SYSTEM,
            data={
                "outlet": outlet,
                "title": title,
                "url": url,
                "published_on": D(day),
                "language": language,
                "platform": platform,
                "event": event,
                "owner_unit": event.owner_unit if event else units["CDN"],
                "countries": list(event.countries.all()) if event else [],
            },
        )
        created += 1
    return created


def load() -> dict[str, int]:
    units = {u.code: u for u in Unit.objects.all()}
    before = Event.objects.count()
    events = _load_events(units, _agencies(), _bodies(), _load_staff(units))
    return {
        "events": Event.objects.count() - before,
        "trips": _load_trips(events),
        "media": _load_media(units, events),
    }


def describe() -> list[str]:
    return []
