"""A national ten-year dataset on top of the demo, for the benchmark (issue #11, part 4).

Exemption from the service layer (docs/architecture.md, "Write guards"): the records are
copied in bulk (PostgreSQL COPY) inside an explicit ``service_scope``; the generator fills
what the services would store — ``search_text`` folded as ``core.services.build_search_text``
does, unit paths, tracking's stored facts (as ``tracking.services.refresh_facts`` computes
them) — and records its run in the audit log. Through the services the same data would take
days (history, checks and notifications per row). Every name is fictional (DESIGN.md §8),
apart from the public unit structure and the countries.
"""

from __future__ import annotations

import datetime
import functools
import random
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from capacity.models import LanguageSkill, Posting, Qualification, StaffProfile
from cases.choices import DEFAULT_RESPONSE_DAYS, SETTLED, CaseType, rules_for
from cases.models import CooperationCase
from core.audit import AuditEvent, audit_record
from core.context import SYSTEM, change_context, service_scope
from core.text import fold, vi_sort_key
from events.models import Event
from instruments.models import Instrument
from org.models import RoleRecord, Unit, UnitKind, User
from partners.models import Country, ForeignAgency, Relationship
from tracking.choices import DeadlineKind, ReportStatus
from tracking.deadlines import recurring_periods
from tracking.models import Assignment, AssignmentPeriod, Obligation, ProgressReport

from .copy import Table, analyze, copy_m2m, copy_model, next_id, reset_sequence

# Records at scale 1.0 (issue #11, part 4: "at least"); assignments and reports follow from
# the obligations (four assignments each, about five reports per assignment).
TARGETS = {
    "units": 600,
    "users": 2000,
    "agencies": 500,
    "countries": 120,
    "instruments": 5000,
    "obligations": 50_000,
    "assignments": 200_000,
    "reports": 1_000_000,
    "cases": 300_000,
    "events": 100_000,
    "profiles": 150_000,
}
ASSIGNMENTS_PER_OBLIGATION = 4
USER_PREFIX = "scale-"
STAFF_PREFIX = "SCALE-"
CHUNK = 2000  # obligations per COPY round (about 40,000 reports)

FAMILY = (
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Phan",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
)
MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quang", "Ngọc", "Xuân", "Thu", "Công", "Mạnh")
GIVEN = (
    "An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Hà", "Hùng", "Khánh", "Lâm", "Linh", "Long",
    "Nam", "Phong", "Quân", "Sơn", "Thắng", "Trung", "Tuấn", "Vinh", "Yến", "Hương", "Thảo", "Tâm",
)  # fmt: skip
DIVISIONS = (
    ("PC02", "Phòng Cảnh sát hình sự", "Criminal Police Division"),
    ("PC03", "Phòng Cảnh sát kinh tế", "Economic Police Division"),
    ("PC04", "Phòng Cảnh sát điều tra tội phạm về ma túy", "Drug Crime Investigation Division"),
    ("PA08", "Phòng Quản lý xuất nhập cảnh", "Immigration Division"),
    ("PA05", "Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao", "Cyber Security Division"),
    ("PV01", "Phòng Tham mưu", "Staff Division"),
    ("PX01", "Phòng Tổ chức cán bộ", "Personnel Division"),
    ("PC01", "Phòng Cảnh sát điều tra tội phạm về trật tự xã hội", "Social Order Crime Division"),
    ("PA03", "Phòng An ninh điều tra", "Security Investigation Division"),
    ("PC08", "Phòng Cảnh sát giao thông", "Traffic Police Division"),
    ("PC06", "Phòng Cảnh sát quản lý hành chính về trật tự xã hội", "Administrative Police Division"),
    ("PV06", "Phòng Hồ sơ", "Records Division"),
)
AGENCY_KINDS = (
    ("police", "Cục Cảnh sát", "Police Bureau"),
    ("police", "Văn phòng Cảnh sát khu vực", "Regional Police Office"),
    ("immigration", "Cơ quan Quản lý xuất nhập cảnh", "Immigration Service"),
    ("customs", "Tổng cục Hải quan", "Customs Administration"),
    ("prosecution", "Viện Công tố", "Prosecution Service"),
    ("justice", "Bộ Tư pháp", "Ministry of Justice"),
    ("security", "Cơ quan An ninh", "Security Service"),
    ("other", "Trung tâm Phòng chống tội phạm", "Crime Prevention Centre"),
)
TASKS = (
    "Trao đổi thông tin về tội phạm ma túy xuyên quốc gia",
    "Tổ chức đoàn công tác trao đổi kinh nghiệm",
    "Triển khai chương trình đào tạo nâng cao năng lực",
    "Xây dựng kế hoạch phối hợp phòng, chống tội phạm mạng",
    "Rà soát việc thực hiện bản ghi nhớ hợp tác",
    "Phối hợp truy bắt đối tượng truy nã",
    "Tổng kết hợp tác phòng, chống mua bán người",
    "Báo cáo kết quả thực hiện văn bản hợp tác",
    "Chuẩn bị nội dung hội đàm cấp Bộ",
    "Đề xuất ký kết văn bản hợp tác mới",
    "Triển khai đường dây nóng trao đổi thông tin",
    "Tổng hợp số liệu tương trợ tư pháp hình sự",
)
NARRATIVES = (
    "Đã triển khai theo kế hoạch; đang tổng hợp kết quả.",
    "Đã trao đổi thông tin với đối tác; chờ phản hồi.",
    "Hoàn thành nội dung công việc trong kỳ.",
    "Đã tổ chức họp phối hợp với các đơn vị liên quan.",
    "Đã xây dựng dự thảo và lấy ý kiến các đơn vị.",
    "Tiến độ chậm do chờ ý kiến của đối tác nước ngoài.",
    "Đã báo cáo Lãnh đạo Bộ kết quả thực hiện.",
    "Đang phối hợp xác minh, thu thập tài liệu.",
)
CRIME_VI = {
    "drugs": "ma túy",
    "cyber": "tội phạm mạng",
    "trafficking": "mua bán người",
    "fraud": "lừa đảo",
    "terrorism": "khủng bố",
    "smuggling": "buôn lậu",
    "money_laundering": "rửa tiền",
    "other": "tội phạm khác",
}
CASE_VI = {
    "mla": "Yêu cầu tương trợ tư pháp",
    "extradition": "Yêu cầu dẫn độ",
    "transfer": "Chuyển giao người chấp hành án",
    "information": "Yêu cầu trao đổi thông tin",
    "joint_investigation": "Điều tra chung",
    "interpol_notice": "Thông báo INTERPOL",
    "citizen_protection": "Bảo hộ công dân",
    "repatriation": "Tiếp nhận công dân trở về",
    "asset_recovery": "Thu hồi tài sản",
}
EVENT_VI = {
    "incoming": "Tiếp đoàn",
    "outgoing": "Đoàn công tác",
    "bilateral": "Hội đàm song phương",
    "conference": "Hội nghị",
    "training": "Khóa tập huấn",
    "signing": "Lễ ký kết",
    "multilateral": "Họp đa phương",
    "online": "Họp trực tuyến",
    "other": "Hoạt động đối ngoại",
}
INSTRUMENT_VI = {
    "agreement": "Hiệp định hợp tác phòng, chống tội phạm",
    "mou": "Bản ghi nhớ về hợp tác",
    "cooperation_plan": "Kế hoạch hợp tác",
    "joint_statement": "Tuyên bố chung về hợp tác",
    "other": "Thỏa thuận hợp tác",
}
RANKS = ("Đại úy", "Thiếu tá", "Trung tá", "Thượng tá", "Đại tá")
LEADER_POSTS = ("Trưởng phòng", "Phó Trưởng phòng", "Đội trưởng", "Phó Đội trưởng")
STAFF_POSTS = ("Cán bộ", "Điều tra viên", "Trinh sát viên", "Cán bộ đối ngoại", "Kỹ sư")
LANGUAGES = ("en",) * 7 + ("fr", "ru", "zh", "lo", "km", "ja", "ko")


# Every model the generator copies rows into (sequences moved, statistics refreshed after).
WRITTEN = (
    Unit,
    User,
    ForeignAgency,
    Relationship,
    Instrument,
    Obligation,
    Assignment,
    AssignmentPeriod,
    ProgressReport,
    CooperationCase,
    Event,
    StaffProfile,
    LanguageSkill,
    Qualification,
    Posting,
)


class RefuseError(Exception):
    """The database or its contents do not allow the generator to run."""


@functools.lru_cache(maxsize=200_000)
def _fold(value: str) -> str:
    return fold(value)


def search_text(*parts: Any) -> str:
    """What core.services.build_search_text stores: each part folded, joined by spaces."""
    folded = (_fold(str(p)) for p in parts if p)
    return " ".join(p for p in folded if p)


@functools.lru_cache(maxsize=4096)
def _quarters(starts_on: datetime.date, ends_on: datetime.date, today: datetime.date) -> tuple:
    return tuple(recurring_periods("quarter", 20, starts_on, ends_on, today=today))


def assignment_facts(
    recurring: bool, periods: list[dict[str, Any]], reports: list[dict[str, Any]]
) -> dict[str, Any]:
    """The stored facts of tracking.services.refresh_facts, computed from in-memory rows.

    Fills ``completed_on`` and ``has_report`` on each period (in place) and returns the
    assignment's facts; scale/tests checks the result against refresh_facts itself.
    """
    reports = sorted(reports, key=lambda r: (r["submitted_on"], r["id"]))
    periods.sort(key=lambda p: (p["due_on"], p["id"]))
    for period in periods:
        own = [r for r in reports if r["period_id"] == period["id"]]
        completing = [
            r for r in own if r["status"] == ReportStatus.APPROVED and (recurring or r["percent"] == 100)
        ]
        period["completed_on"] = completing[0]["submitted_on"] if completing else None
        period["has_report"] = any(r["status"] != ReportStatus.RETURNED for r in own)
    open_ = [p for p in periods if p["completed_on"] is None]
    first = open_[0] if open_ else None
    approved = [r for r in reports if r["status"] == ReportStatus.APPROVED]
    return {
        "open_due_on": first["due_on"] if first else None,
        "open_starts_on": first["starts_on"] if first else None,
        "open_reported": bool(first and first["has_report"]),
        "any_closed": any(p["completed_on"] is not None for p in periods),
        "any_late": any(p["completed_on"] is not None and p["completed_on"] > p["due_on"] for p in periods),
        "has_periods": bool(periods),
        "latest_percent": approved[-1]["percent"] if approved else None,
        "latest_report_on": reports[-1]["submitted_on"] if reports else None,
    }


def plan(scale: float) -> dict[str, int]:
    """How many records of each kind the generator adds at ``scale`` (small floors for tests)."""
    floors = {"units": 4, "users": 8, "agencies": 6, "countries": 4, "instruments": 6, "obligations": 12}
    floors |= {"cases": 30, "events": 12, "profiles": 30}
    out = {k: max(floors.get(k, 0), round(v * scale)) for k, v in TARGETS.items()}
    out["assignments"] = out["obligations"] * ASSIGNMENTS_PER_OBLIGATION
    out.pop("reports")  # a consequence of the assignments' periods, reported after the run
    return out


@dataclass
class Generator:
    scale: float = 1.0
    seed: int = 11
    log: Callable[[str], None] = print
    today: datetime.date = field(default_factory=timezone.localdate)
    counts: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.now = timezone.now()
        self.start = self.today - datetime.timedelta(days=3652)
        self.plan = plan(self.scale)

    # -- helpers ---------------------------------------------------------------------------
    def day(self, start: datetime.date | None = None, end: datetime.date | None = None) -> datetime.date:
        start = start or self.start
        end = end or self.today
        span = max(0, (end - start).days)
        return start + datetime.timedelta(days=self.rng.randint(0, span))

    def level(self) -> str:
        r = self.rng.random()
        return "thuong" if r < 0.8 else ("mat" if r < 0.97 else "toi_mat")

    def business(self, owner_unit_id: int, classification: str, created: datetime.date) -> dict[str, Any]:
        stamp = datetime.datetime.combine(created, datetime.time(9), tzinfo=datetime.UTC)
        return {
            "owner_unit_id": owner_unit_id,
            "classification": classification,
            "classified_on": created if classification != "thuong" else None,
            "created_at": stamp,
            "updated_at": stamp,
        }

    def person(self) -> str:
        rng = self.rng
        return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"

    def step(self, name: str, func: Callable[[], int]) -> None:
        began = time.monotonic()
        n = func()
        self.counts[name] = self.counts.get(name, 0) + n
        self.log(f"  {name:<22} {n:>10,}  {time.monotonic() - began:7.1f} s")

    # -- run -------------------------------------------------------------------------------
    def check(self) -> None:
        if connection.vendor != "postgresql":
            raise RefuseError(
                "generate_scale needs PostgreSQL (it writes with COPY); "
                "set DATABASE_URL=postgres://... to a database of its own."
            )
        if (
            not Unit.objects.filter(code="CA-QUANG-NINH").exists()
            or not User.objects.filter(username="doingoai").exists()
        ):
            raise RefuseError("Load the demo first: manage.py load_demo.")
        if User.objects.filter(username__startswith=USER_PREFIX).exists():
            raise RefuseError("This database already holds a generated dataset; use a fresh one.")

    def run(self) -> dict[str, int]:
        self.check()
        began = time.monotonic()
        with transaction.atomic(), service_scope(), change_context(SYSTEM):
            self.load_reference()
            self.step("units", self.units)
            self.step("users", self.users)
            self.step("agencies", self.agencies)
            self.step("instruments", self.instruments)
            self.tracking()
            self.step("cases", self.cases)
            self.step("events", self.events)
            self.step("profiles", self.profiles)
            for model in WRITTEN:
                reset_sequence(model)
            audit_record(
                AuditEvent.IMPORT,
                actor=None,
                actor_name="system",
                extra={
                    "command": "generate_scale",
                    "scale": self.scale,
                    "seed": self.seed,
                    "counts": self.counts,
                    "note": "bulk write without the services (documented exemption, docs/performance.md)",
                },
            )
        self.rebuild_search()
        began_analyze = time.monotonic()
        command = analyze([*WRITTEN, *self.search_models()])
        self.log(f"  {command.lower():<22} {'':>10}  {time.monotonic() - began_analyze:7.1f} s")
        self.counts["seconds"] = round(time.monotonic() - began)
        return self.counts

    @staticmethod
    def search_models() -> list[type]:
        """The search index's tables, written by the rebuild: vacuumed with the rest."""
        try:
            from search.models import SearchEntry
        except ImportError:
            return []
        return [SearchEntry]

    def rebuild_search(self) -> None:
        """Index the new records when the search module offers a rebuild (issue #11, part 3)."""
        try:
            from search import index
        except ImportError:
            return
        rebuild = getattr(index, "rebuild", None)
        if rebuild is None:
            return
        began = time.monotonic()
        with service_scope(), change_context(SYSTEM):
            rebuild()
        self.log(f"  {'search index':<22} {'':>10}  {time.monotonic() - began:7.1f} s")

    def load_reference(self) -> None:
        units = list(Unit.objects.order_by("path"))
        self.units_by_code = {u.code: u for u in units}
        self.provinces = [u for u in units if u.kind == UnitKind.PROVINCE]
        self.departments = [u for u in units if u.kind == UnitKind.DEPARTMENT and u.code != "LDB"]
        self.ministry = self.units_by_code["BCA"]
        countries = list(Country.objects.exclude(code="VN").order_by("code"))
        self.countries = self.rng.sample(countries, min(self.plan["countries"], len(countries)))
        self.agency_ids: list[int] = list(ForeignAgency.objects.values_list("pk", flat=True))

    # -- org -------------------------------------------------------------------------------
    def units(self) -> int:
        table = Table(Unit, self.now)
        wanted = max(0, self.plan["units"] - (len(self.units_by_code) if self.scale >= 1 else 0))
        parents = self.provinces + self.departments
        pk = next_id(Unit)
        rows, new_units = [], []
        for i in range(wanted):
            parent = parents[i % len(parents)]
            n = i // len(parents) + 1
            code_suffix, vi, en = DIVISIONS[(n - 1) % len(DIVISIONS)]
            if n > len(DIVISIONS):
                vi, en = f"Đội công tác số {n}", f"Working team {n}"
            code = f"SCALE-{pk}-{code_suffix}"  # within the 32 characters of a code
            path = f"{parent.path}{pk:06d}/"
            unit = Unit(pk=pk, code=code, name_vi=vi, name_en=en, kind=UnitKind.DIVISION, path=path)
            unit.parent_id = parent.pk
            new_units.append(unit)
            rows.append(
                {
                    "id": pk,
                    "code": code,
                    "name_vi": vi,
                    "name_en": en,
                    "kind": UnitKind.DIVISION,
                    "parent_id": parent.pk,
                    "path": path,
                    "depth": path.count("/") - 1,
                    "sort_order": 300 + i,
                    "search_text": search_text(code, vi, en),
                    "sort_key": vi_sort_key(vi),
                }
            )
            pk += 1
        n = copy_model(table, rows)
        self.divisions = new_units
        # Where work goes: provinces most, then departments and the generated divisions.
        self.work_units = self.provinces * 3 + self.departments * 2 + new_units
        return n

    def users(self) -> int:
        table = Table(User, self.now)
        wanted = max(0, self.plan["users"] - (User.objects.count() if self.scale >= 1 else 0))
        units = self.provinces + self.departments + self.divisions
        pk = next_id(User)
        rows, roles = [], []
        for i in range(wanted):
            name = self.person()
            unit = units[i % len(units)]
            username = f"{USER_PREFIX}{i + 1:05d}"
            role = "unit_head" if i % 10 == 0 else ("viewer" if i % 10 == 1 else "officer")
            rows.append(
                {
                    "id": pk,
                    "username": username,
                    "password": "!" + secrets.token_urlsafe(20),  # unusable: no one signs in as these
                    "full_name": name,
                    "position": "Cán bộ",
                    "unit_id": unit.pk,
                    "clearance": "mat" if role != "viewer" else "thuong",
                    "is_active": True,
                    "date_joined": self.now,
                    "search_text": search_text(username, name, "", "Cán bộ"),
                    "sort_key": vi_sort_key(name),
                }
            )
            roles.append((pk, role))
            pk += 1
        if not RoleRecord.objects.filter(code="officer").exists():
            raise RefuseError("The roles are missing: load the demo first.")
        n = copy_model(table, rows)
        copy_m2m(User._meta.get_field("roles"), roles)
        return n

    # -- partners and instruments ------------------------------------------------------------
    def agencies(self) -> int:
        agency_table, rel_table = Table(ForeignAgency, self.now), Table(Relationship, self.now)
        wanted = self.plan["agencies"]
        pk, rel_pk = next_id(ForeignAgency), next_id(Relationship)
        agencies, relationships, responsible = [], [], []
        seen: set[tuple[int, str]] = set(ForeignAgency.objects.values_list("country_id", "name_vi"))
        for i in range(wanted):
            country = self.countries[i % len(self.countries)]
            kind, vi, en = AGENCY_KINDS[(i // len(self.countries)) % len(AGENCY_KINDS)]
            name_vi = f"{vi} {country.name_vi} (khu vực {i // len(self.countries) + 1})"
            name_en = f"{country.name_en} {en} (region {i // len(self.countries) + 1})"
            if (country.pk, name_vi) in seen:
                continue
            seen.add((country.pk, name_vi))
            created = self.day()
            owner = self.rng.choice(self.departments[:3] + self.provinces)
            level = self.level() if self.rng.random() < 0.3 else "thuong"
            agencies.append(
                {
                    "id": pk,
                    "name_vi": name_vi,
                    "name_en": name_en,
                    "country_id": country.pk,
                    "kind": kind,
                    "search_text": search_text(
                        name_vi, name_en, "", "", f"{country.name_vi} {country.name_en}"
                    ),
                    **self.business(owner.pk, level, created),
                }
            )
            end = self.day(created) if self.rng.random() < 0.15 else None
            notes = "Quan hệ hợp tác thiết lập theo kế hoạch đối ngoại."
            relationships.append(
                {
                    "id": rel_pk,
                    "agency_id": pk,
                    "start": created,
                    "end": end,
                    "level": "department" if owner.kind == UnitKind.DEPARTMENT else "province",
                    "channels": ["information_exchange"],
                    "notes": notes,
                    "search_text": search_text(
                        " ".join([name_vi, name_en, "", country.name_vi, country.name_en]), notes
                    ),
                    **self.business(owner.pk, level, created),
                }
            )
            if owner.kind == UnitKind.DEPARTMENT:
                responsible.append((rel_pk, self.rng.choice(self.provinces).pk))
            self.agency_ids.append(pk)
            pk += 1
            rel_pk += 1
        n = copy_model(agency_table, agencies)
        self.counts["relationships"] = copy_model(rel_table, relationships)
        copy_m2m(Relationship._meta.get_field("responsible_units"), responsible)
        self.agency_country = dict(ForeignAgency.objects.values_list("pk", "country_id"))
        self.agency_country.update({a["id"]: a["country_id"] for a in agencies})
        return n

    def instruments(self) -> int:
        table = Table(Instrument, self.now)
        pk = next_id(Instrument)
        rows, agencies, countries = [], [], []
        for i in range(self.plan["instruments"]):
            agency = self.rng.choice(self.agency_ids)
            kind = self.rng.choice(tuple(INSTRUMENT_VI))
            signed = self.day()
            status = self.rng.choice(("signed", "in_force", "in_force", "in_force", "expired"))
            in_force = (
                signed + datetime.timedelta(days=self.rng.randint(0, 60)) if status != "signed" else None
            )
            expires = signed + datetime.timedelta(days=365 * self.rng.choice((3, 5, 10)))
            title = f"{INSTRUMENT_VI[kind]} số {i + 1}/{signed.year}"
            place = self.rng.choice(("Hà Nội", "Thành phố Hồ Chí Minh", "Đà Nẵng", "trực tuyến"))
            owner = self.rng.choice(self.departments + self.provinces)
            rows.append(
                {
                    "id": pk,
                    "title": title,
                    "type": kind,
                    "level": "ministry" if owner.kind == UnitKind.DEPARTMENT else "unit",
                    "status": status,
                    "signed_on": signed,
                    "in_force_on": in_force,
                    "expires_on": expires if status != "signed" else None,
                    "place": place,
                    "languages": "vi, en",
                    "search_text": search_text(title, "", "", place),
                    **self.business(owner.pk, self.level(), signed),
                }
            )
            agencies.append((pk, agency))
            countries.append((pk, self.agency_country[agency]))
            pk += 1
        n = copy_model(table, rows)
        copy_m2m(Instrument._meta.get_field("agencies"), agencies)
        copy_m2m(Instrument._meta.get_field("countries"), countries)
        return n

    # -- tracking ----------------------------------------------------------------------------
    def tracking(self) -> None:
        tables = {m: Table(m, self.now) for m in (Obligation, Assignment, AssignmentPeriod, ProgressReport)}
        ids = {m: next_id(m) for m in tables}
        total = self.plan["obligations"]
        began = time.monotonic()
        done = 0
        while done < total:
            size = min(CHUNK, total - done)
            batch = self.tracking_chunk(size, ids)
            for model, rows in batch.items():
                n = copy_model(tables[model], rows)
                key = model._meta.model_name
                self.counts[key] = self.counts.get(key, 0) + n
            done += size
            if done % (CHUNK * 5) == 0 or done == total:
                self.log(
                    f"  tracking {done:>8,}/{total:,} obligations, "
                    f"{self.counts.get('progressreport', 0):,} reports  {time.monotonic() - began:7.1f} s"
                )

    def tracking_chunk(self, size: int, ids: dict[type, int]) -> dict[type, list[dict[str, Any]]]:
        rng = self.rng
        out: dict[type, list[dict[str, Any]]] = {
            Obligation: [],
            Assignment: [],
            AssignmentPeriod: [],
            ProgressReport: [],
        }
        for _ in range(size):
            oid = ids[Obligation]
            ids[Obligation] += 1
            created = self.day()
            owner = rng.choice(self.departments[:4] + self.provinces[:6])
            level = self.level()
            title = f"{rng.choice(TASKS)} ({created.year}, số {oid})"
            source_kind = rng.choice(("instruction", "instruction", "other"))
            out[Obligation].append(
                {
                    "id": oid,
                    "title": title,
                    "priority": rng.choice(("normal", "normal", "normal", "high", "low", "urgent")),
                    "source_kind": source_kind,
                    "search_text": search_text(title, "", "", ""),
                    **self.business(owner.pk, level, created),
                }
            )
            units = rng.sample(self.work_units, ASSIGNMENTS_PER_OBLIGATION * 2)
            chosen: list[Unit] = []
            for unit in units:
                if unit not in chosen:
                    chosen.append(unit)
                if len(chosen) == ASSIGNMENTS_PER_OBLIGATION:
                    break
            for index, unit in enumerate(chosen):
                self.assignment(out, ids, oid, title, owner, level, created, unit, index == 0)
        return out

    def assignment(
        self,
        out: dict[type, list[dict[str, Any]]],
        ids: dict[type, int],
        oid: int,
        title: str,
        owner: Unit,
        level: str,
        created: datetime.date,
        unit: Unit,
        lead: bool,
    ) -> None:
        rng = self.rng
        aid = ids[Assignment]
        ids[Assignment] += 1
        recurring = rng.random() < 0.35
        row: dict[str, Any] = {
            "id": aid,
            "obligation_id": oid,
            "unit_id": unit.pk,
            "role": "lead" if lead else "support",
            "assigned_on": created,
            "search_text": search_text(title, "", unit.name_vi),
            **self.business(owner.pk, level, created),
        }
        periods: list[dict[str, Any]] = []
        if recurring:
            starts = created.replace(day=1)
            ends = starts + datetime.timedelta(days=365 * rng.choice((2, 3, 4)) - 1)
            row |= {
                "deadline_kind": DeadlineKind.RECURRING,
                "frequency": "quarter",
                "due_day": 20,
                "starts_on": starts,
                "ends_on": ends,
                "due_on": None,
            }
            for p in _quarters(starts, ends, self.today):
                periods.append(
                    {"label": p.label, "starts_on": p.starts_on, "ends_on": p.ends_on, "due_on": p.due_on}
                )
        else:
            due = created + datetime.timedelta(days=rng.randint(30, 400))
            row |= {"deadline_kind": DeadlineKind.DATE, "due_on": due}
            periods.append({"label": "", "starts_on": min(created, due), "ends_on": due, "due_on": due})
        for p in periods:
            p |= {"id": ids[AssignmentPeriod], "assignment_id": aid}
            ids[AssignmentPeriod] += 1
        reports = self.reports(recurring, periods, unit, owner)
        for r in reports:
            r |= {"id": ids[ProgressReport], "assignment_id": aid}
            ids[ProgressReport] += 1
        row |= assignment_facts(recurring, periods, reports)
        out[Assignment].append(row)
        out[AssignmentPeriod].extend(periods)
        for r in reports:
            r |= {
                "narrative": r.get("narrative") or rng.choice(NARRATIVES),
                "late": r["submitted_on"] > r["due_on"],
                **self.business(unit.pk, level, r["submitted_on"]),
            }
            r["search_text"] = search_text(r["narrative"])
            del r["due_on"]
        out[ProgressReport].extend(reports)

    def reports(
        self, recurring: bool, periods: list[dict[str, Any]], unit: Unit, owner: Unit
    ) -> list[dict[str, Any]]:
        """Reports of the periods already open: most on time, some late, some missing."""
        rng, today = self.rng, self.today
        out: list[dict[str, Any]] = []

        def report(period: dict[str, Any], on: datetime.date, percent: int, status: str) -> None:
            on = min(on, today)
            out.append(
                {
                    "period_id": period["id"],
                    "due_on": period["due_on"],
                    "percent": percent,
                    "status": status,
                    "submitted_on": on,
                    "awaiting_unit_id": unit.pk if status == ReportStatus.SUBMITTED else None,
                    "reviewed_on": min(on + datetime.timedelta(days=3), today)
                    if status != ReportStatus.SUBMITTED
                    else None,
                }
            )

        for period in periods:
            if period["starts_on"] > today:
                continue
            due = period["due_on"]
            if recurring:
                if due > today + datetime.timedelta(days=30):
                    continue
                r = rng.random()
                if r < 0.025:
                    continue  # never reported: overdue once the due date passes
                on = due + datetime.timedelta(days=rng.randint(-12, 6 if r < 0.9 else 30))
                if on > today:
                    status = ReportStatus.SUBMITTED
                elif r > 0.97:
                    report(period, on, 100, ReportStatus.RETURNED)
                    on = min(on + datetime.timedelta(days=7), today)
                    status = ReportStatus.APPROVED
                else:
                    status = ReportStatus.APPROVED if r < 0.95 else ReportStatus.SUBMITTED
                report(period, on, 100, status)
                continue
            span = max(1, (period["ends_on"] - period["starts_on"]).days)
            steps = rng.choice((1, 2, 2, 3, 3, 4))
            for k in range(1, steps):
                on = period["starts_on"] + datetime.timedelta(days=span * k // steps)
                if on <= today:
                    report(period, on, min(90, 100 * k // steps), ReportStatus.APPROVED)
            r = rng.random()
            finish = due + datetime.timedelta(days=rng.randint(-20, 5 if r < 0.8 else 40))
            if r < 0.93 and finish <= today:
                report(period, finish, 100, ReportStatus.APPROVED if r < 0.9 else ReportStatus.SUBMITTED)
        return out

    # -- cases, events, capacity ------------------------------------------------------------
    def cases(self) -> int:
        table = Table(CooperationCase, self.now)
        pk = next_id(CooperationCase)
        rng = self.rng
        countries, agencies, support = [], [], []
        field_countries = CooperationCase._meta.get_field("countries")
        field_agencies = CooperationCase._meta.get_field("agencies")
        field_support = CooperationCase._meta.get_field("support_units")
        statuses = (
            "received",
            "sent",
            "acknowledged",
            "in_progress",
            "answered",
            "closed",
            "closed",
            "refused",
        )
        owners = self.departments[3:] + self.provinces * 2
        total = 0

        def rows() -> Iterator[dict[str, Any]]:
            nonlocal pk
            for _ in range(self.plan["cases"]):
                case_type = rng.choice(CaseType.values)
                crime = rng.choice(tuple(CRIME_VI))
                agency = rng.choice(self.agency_ids)
                opened = self.day()
                status = rng.choice(statuses)
                closed = (
                    self.day(opened, min(today_, opened + datetime.timedelta(days=400)))
                    if status in SETTLED
                    else None
                )
                title = f"{CASE_VI[case_type]} về {CRIME_VI[crime]} số {pk}/{opened.year}"
                owner = rng.choice(owners)
                summary = "Hồ sơ hư cấu do bộ sinh dữ liệu quy mô quốc gia tạo."
                yield {
                    "id": pk,
                    "title": title,
                    "type": case_type,
                    "direction": rng.choice(("incoming", "outgoing")),
                    "notice_colour": rng.choice(("red", "blue", "yellow", "diffusion"))
                    if case_type == CaseType.INTERPOL_NOTICE
                    else "",
                    "channel": rng.choice(("interpol", "aseanapol", "liaison", "diplomatic", "direct")),
                    "crime_area": crime,
                    "reciprocity": False,
                    "status": status,
                    "opened_on": opened,
                    "response_due_on": opened + datetime.timedelta(days=DEFAULT_RESPONSE_DAYS[case_type]),
                    "closed_on": closed,
                    "rules_applied": rules_for(opened),
                    "summary": summary,
                    "search_text": search_text(title, summary),
                    **self.business(owner.pk, self.level(), opened),
                }
                countries.append((pk, self.agency_country[agency]))
                if rng.random() < 0.5:
                    agencies.append((pk, agency))
                if rng.random() < 0.3:
                    support.append((pk, rng.choice(self.work_units).pk))
                pk += 1

        today_ = self.today
        total = copy_model(table, rows())
        copy_m2m(field_countries, countries)
        copy_m2m(field_agencies, agencies)
        copy_m2m(field_support, support)
        return total

    def events(self) -> int:
        table = Table(Event, self.now)
        pk = next_id(Event)
        rng = self.rng
        attending, countries, agencies = [], [], []

        def rows() -> Iterator[dict[str, Any]]:
            nonlocal pk
            for _ in range(self.plan["events"]):
                kind = rng.choice(tuple(EVENT_VI))
                agency = rng.choice(self.agency_ids)
                country_id = self.agency_country[agency]
                starts = self.day(self.start, self.today + datetime.timedelta(days=180))
                abroad = kind == "outgoing"
                owner = rng.choice(self.departments + self.provinces)
                title = f"{EVENT_VI[kind]} với đối tác nước ngoài số {pk}"
                province = None if abroad else rng.choice(self.provinces).pk
                yield {
                    "id": pk,
                    "type": kind,
                    "title": title,
                    "starts_on": starts,
                    "ends_on": starts + datetime.timedelta(days=rng.randint(0, 4)),
                    "province_id": province,
                    "country_id": country_id if abroad else None,
                    "city": "",
                    "level": "ministry" if owner.kind == UnitKind.DEPARTMENT else "province",
                    "participants_count": rng.randint(5, 200),
                    "search_text": search_text(title, "", ""),
                    **self.business(owner.pk, self.level(), min(starts, self.today)),
                }
                attending.append((pk, owner.pk))
                if rng.random() < 0.5:
                    other = rng.choice(self.work_units)
                    if other.pk != owner.pk:
                        attending.append((pk, other.pk))
                countries.append((pk, country_id))
                agencies.append((pk, agency))
                pk += 1

        total = copy_model(table, rows())
        copy_m2m(Event._meta.get_field("attending_units"), attending)
        copy_m2m(Event._meta.get_field("countries"), countries)
        copy_m2m(Event._meta.get_field("agencies"), agencies)
        return total

    def profiles(self) -> int:
        tables = {m: Table(m, self.now) for m in (StaffProfile, LanguageSkill, Qualification, Posting)}
        ids = {m: next_id(m) for m in tables}
        rng = self.rng
        units = self.provinces + self.departments + self.divisions
        children: dict[type, list[dict[str, Any]]] = {LanguageSkill: [], Qualification: [], Posting: []}
        country_ids = [c.pk for c in self.countries]

        def rows() -> Iterator[dict[str, Any]]:
            for i in range(self.plan["profiles"]):
                pk = ids[StaffProfile]
                ids[StaffProfile] += 1
                unit = units[i % len(units)]
                leader = rng.random() < 0.25
                post_from = self.day() if leader else None
                code = f"{STAFF_PREFIX}{pk:07d}"
                rank = rng.choice(RANKS)
                position = rng.choice(LEADER_POSTS if leader else STAFF_POSTS)
                level = "thuong" if rng.random() < 0.9 else "mat"
                base = self.business(unit.pk, level, post_from or self.start)
                yield {
                    "id": pk,
                    "staff_code": code,
                    "full_name": self.person(),
                    "birth_date": datetime.date(
                        rng.randint(1968, 1998), rng.randint(1, 12), rng.randint(1, 28)
                    ),
                    "rank": rank,
                    "position": position,
                    "is_leader": leader,
                    "post_from": post_from,
                    "search_text": search_text(code, rank, position),
                    **base,
                }
                child = {"profile_id": pk, **base}
                if rng.random() < 0.4:
                    lang = rng.choice(LANGUAGES)
                    lvl = rng.choice(("B1", "B2", "B2", "C1"))
                    certificate = f"Chứng chỉ {lang.upper()} ({lvl})"
                    children[LanguageSkill].append(
                        child
                        | {
                            "id": self.next(ids, LanguageSkill),
                            "language": lang,
                            "level": lvl,
                            "certificate": certificate,
                            "certificate_on": self.day(self.today - datetime.timedelta(days=1500)),
                            "search_text": search_text(certificate),
                        }
                    )
                if rng.random() < 0.3:
                    kind = rng.choice(("intl_law", "technology", "cyber"))
                    title = {
                        "intl_law": "Bồi dưỡng luật pháp và thực tiễn quốc tế",
                        "technology": "Bồi dưỡng chuyển đổi số và công nghệ",
                        "cyber": "Bồi dưỡng an ninh mạng",
                    }[kind]
                    children[Qualification].append(
                        child
                        | {
                            "id": self.next(ids, Qualification),
                            "kind": kind,
                            "title": title,
                            "obtained_on": self.day(),
                            "search_text": search_text(title),
                        }
                    )
                if rng.random() < 0.05:
                    start = self.day()
                    children[Posting].append(
                        child
                        | {
                            "id": self.next(ids, Posting),
                            "kind": rng.choice(("liaison", "peacekeeping", "study")),
                            "country_id": rng.choice(country_ids),
                            "place": "Phái bộ hoặc cơ sở đào tạo",
                            "start_on": start,
                            "end_on": min(start + datetime.timedelta(days=365), self.today),
                            "search_text": search_text("Phái bộ hoặc cơ sở đào tạo"),
                        }
                    )

        total = copy_model(tables[StaffProfile], rows())
        for model, rows_ in children.items():
            self.counts[model._meta.model_name] = copy_model(tables[model], rows_)
        return total

    @staticmethod
    def next(ids: dict[type, int], model: type) -> int:
        pk = ids[model]
        ids[model] += 1
        return pk
