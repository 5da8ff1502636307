"""Demo units and accounts: real public unit names, fictional people (DESIGN.md section 8)."""

from __future__ import annotations

import unicodedata
from typing import Any

from django.conf import settings

from core.context import SYSTEM
from core.text import fold

from .models import RoleRecord, Unit, UnitKind, User
from .second_factor import role_update
from .services import roles_ensure, unit_create, unit_update, user_create, user_set_password, user_update

MINISTRY = ("BCA", "Bộ Công an", "Ministry of Public Security", "BCA")

DEPARTMENTS = (
    ("LDB", "Lãnh đạo Bộ", "Ministry leadership", ""),
    ("VPB", "Văn phòng Bộ Công an", "Ministry Office", "VPB"),
    ("CDN", "Cục Đối ngoại", "Department of Foreign Relations", "CĐN"),
    ("CTCCB", "Cục Tổ chức cán bộ", "Department of Personnel Organisation", ""),
    (
        "CPC",
        "Cục Pháp chế và cải cách hành chính, tư pháp",
        "Department of Legal Affairs and Administrative and Judicial Reform",
        "",
    ),
    ("CSHS", "Cục Cảnh sát hình sự", "Criminal Police Department", ""),
    ("CSMT", "Cục Cảnh sát điều tra tội phạm về ma túy", "Drug Crime Investigation Police Department", ""),
    ("CSKT", "Cục Cảnh sát kinh tế", "Economic Police Department", ""),
    (
        "ANM",
        "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao",
        "Department of Cyber Security and High-Tech Crime Prevention",
        "",
    ),
    ("XNC", "Cục Quản lý xuất nhập cảnh", "Immigration Department", ""),
    (
        "VTCY",
        "Cục Viễn thông và Cơ yếu",
        "Department of Telecommunications and Cryptography (Ministry IT unit)",
        "",
    ),
)

CITIES = ("Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Thành phố Hồ Chí Minh", "Cần Thơ")
PROVINCES = (
    "Tuyên Quang",
    "Cao Bằng",
    "Lai Châu",
    "Lào Cai",
    "Thái Nguyên",
    "Điện Biên",
    "Lạng Sơn",
    "Sơn La",
    "Phú Thọ",
    "Bắc Ninh",
    "Quảng Ninh",
    "Hưng Yên",
    "Ninh Bình",
    "Thanh Hóa",
    "Nghệ An",
    "Hà Tĩnh",
    "Quảng Trị",
    "Quảng Ngãi",
    "Gia Lai",
    "Khánh Hòa",
    "Lâm Đồng",
    "Đắk Lắk",
    "Đồng Nai",
    "Tây Ninh",
    "Vĩnh Long",
    "Đồng Tháp",
    "Cà Mau",
    "An Giang",
)

# (parent code, code, name vi, name en)
DIVISIONS = (
    ("CDN", "CDN-DP", "Phòng Hợp tác đa phương", "Multilateral Cooperation Division"),
    ("CDN", "CDN-SP", "Phòng Hợp tác song phương", "Bilateral Cooperation Division"),
    ("CDN", "CDN-DU", "Phòng Điều ước quốc tế", "International Treaties Division"),
    ("CA-QUANG-NINH", "CA-QUANG-NINH-PC02", "Phòng Cảnh sát hình sự", "Criminal Police Division"),
    ("CA-QUANG-NINH", "CA-QUANG-NINH-PA08", "Phòng Quản lý xuất nhập cảnh", "Immigration Division"),
    (
        "CA-QUANG-NINH",
        "CA-QUANG-NINH-PA05",
        "Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao",
        "Cyber Security and High-Tech Crime Division",
    ),
    (
        "CA-HA-NOI",
        "CA-HA-NOI-PC04",
        "Phòng Cảnh sát điều tra tội phạm về ma túy",
        "Drug Crime Investigation Division",
    ),
    ("CA-AN-GIANG", "CA-AN-GIANG-PA08", "Phòng Quản lý xuất nhập cảnh", "Immigration Division"),
)

# login, role, unit code, clearance, fictional full name, position
ACCOUNTS = (
    ("admin", "administrator", "VTCY", "thuong", "Trần Minh Quản", "Kỹ sư quản trị hệ thống"),
    ("doingoai", "coordinator", "CDN", "toi_mat", "Lê Thu Hà", "Cán bộ điều phối"),
    ("lanhdao", "leadership", "LDB", "tuyet_mat", "Phạm Quốc Hưng", "Lãnh đạo Bộ"),
    ("qninh_truong", "unit_head", "CA-QUANG-NINH", "mat", "Vũ Đức Thắng", "Giám đốc"),
    ("qninh", "officer", "CA-QUANG-NINH", "mat", "Đỗ Thị Lan", "Cán bộ"),
    ("khach", "viewer", "CA-QUANG-NINH", "thuong", "Ngô Văn Bình", "Cán bộ"),
)


def ascii_name(text: str) -> str:
    """'Quảng Ninh' -> 'Quang Ninh', keeping case (English names of units)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def province_code(name: str) -> str:
    return "CA-" + fold(name).upper().replace(" ", "-")


def unit_rows() -> list[dict[str, Any]]:
    """Every demo unit in creation order (parents first)."""
    rows = [
        dict(
            zip(("code", "name_vi", "name_en", "short_name"), MINISTRY, strict=True),
            kind=UnitKind.MINISTRY,
            parent=None,
        )
    ]
    for i, (code, vi, en, short) in enumerate(DEPARTMENTS):
        rows.append(
            {
                "code": code,
                "name_vi": vi,
                "name_en": en,
                "short_name": short,
                "kind": UnitKind.DEPARTMENT,
                "parent": "BCA",
                "sort_order": 10 + i,
            }
        )
    for i, city in enumerate(CITIES):
        en = (
            "Ho Chi Minh City Police"
            if city == "Thành phố Hồ Chí Minh"
            else f"{ascii_name(city)} City Police"
        )
        vi = f"Công an {city}" if city.startswith("Thành phố") else f"Công an thành phố {city}"
        rows.append(
            {
                "code": province_code(city),
                "name_vi": vi,
                "name_en": en,
                "short_name": "",
                "kind": UnitKind.PROVINCE,
                "parent": "BCA",
                "sort_order": 100 + i,
            }
        )
    for i, province in enumerate(PROVINCES):
        rows.append(
            {
                "code": province_code(province),
                "name_vi": f"Công an tỉnh {province}",
                "name_en": f"{ascii_name(province)} Provincial Police",
                "short_name": "",
                "kind": UnitKind.PROVINCE,
                "parent": "BCA",
                "sort_order": 110 + i,
            }
        )
    for i, (parent, code, vi, en) in enumerate(DIVISIONS):
        rows.append(
            {
                "code": code,
                "name_vi": vi,
                "name_en": en,
                "short_name": "",
                "kind": UnitKind.DIVISION,
                "parent": parent,
                "sort_order": 200 + i,
            }
        )
    return rows


def load_units() -> dict[str, Unit]:
    units = {u.code: u for u in Unit.objects.all()}
    for row in unit_rows():
        data = {**row, "parent": units.get(row["parent"]) if row["parent"] else None}
        data.setdefault("sort_order", 0)
        existing = units.get(row["code"])
        if existing is None:
            units[row["code"]] = unit_create(actor=SYSTEM, data=data)
            continue
        changed = {k: v for k, v in data.items() if getattr(existing, k) != v}
        if changed:
            units[row["code"]] = unit_update(
                actor=SYSTEM, unit=existing, data=changed, version=existing.version
            )
    return units


def demo_second_factor_off() -> None:
    """The demo accounts sign in with the shared password alone: no role requires a second
    factor on a demo (a new instance starts with it on for administrators, leadership and
    coordinators). Each change goes through the audited role service."""
    for role in RoleRecord.objects.filter(requires_second_factor=True):
        role_update(actor=SYSTEM, obj=role, data={"requires_second_factor": False}, version=role.version)


def load_accounts(units: dict[str, Unit]) -> list[User]:
    password = settings.HOPTAC_DEMO_PASSWORD
    roles_ensure(actor=SYSTEM)
    demo_second_factor_off()
    users = []
    for login, role, unit_code, clearance, full_name, position in ACCOUNTS:
        data = {
            "username": login,
            "unit": units[unit_code],
            "clearance": clearance,
            "full_name": full_name,
            "position": position,
            "is_active": True,
        }
        user = User.objects.filter(username=login).first()
        if user is None:
            user = user_create(actor=SYSTEM, data=data, roles=[role], password=password)
        else:
            changed = {k: v for k, v in data.items() if getattr(user, k) != v}
            if changed or user.role_codes != {role}:
                user = user_update(actor=SYSTEM, user=user, data=changed, version=user.version, roles=[role])
            if not user.check_password(password):
                user = user_set_password(actor=SYSTEM, user=user, password=password)
        users.append(user)
    return users


def load() -> dict[str, int]:
    """Units and the demo accounts."""
    units = load_units()
    users = load_accounts(units)
    return {"units": len(units), "accounts": len(users)}


def describe() -> list[str]:
    """The demo logins, printed by `make demo` and `make run`."""
    lines = ["Demo logins (password from HOPTAC_DEMO_PASSWORD, default hoptac-demo):"]
    for login, role, unit_code, clearance, *_ in ACCOUNTS:
        lines.append(f"  {login:<14} {role:<14} {unit_code:<16} {clearance}")
    return lines
