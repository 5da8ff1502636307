"""Demo staff capacity: two versions of the criterion and about 2,000 fictional profiles.

Every person is fictional: names are drawn from lists of common Vietnamese family names,
middle names and given names, staff numbers are ``DEMO-…``. The national share of leaders
and commanders meeting the criterion starts low in 2020 and grows year by year; a few units
(Cục Đối ngoại, the cyber-security and immigration departments, Hà Nội, Quảng Ninh) are
above the 25–30 % target, most others below.

Exemption from the service layer (documented here, as the issue allows only for the scale
generator and migrations): the two definitions go through ``capacity.services``, but the
~2,000 generated profiles and their ~4,000 languages, qualifications and postings are
written in bulk inside ``core.context.service_scope()``. Through the services (with a
history entry per record) they take about 30 s on SQLite, which would double the whole
demo's time; measured: 200 profiles with 2 children each took 3.5 s. Their history is one
"created" ``ObjectChange`` per row, written in bulk too (``_history``); the counts are
printed by ``describe``.
"""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.db.models import Q
from django.utils import timezone

from core.context import SYSTEM, service_scope
from core.services import build_search_text
from org.models import Unit
from partners.models import Country

from . import services
from .choices import QualificationKind
from .models import CapacityDefinition, LanguageSkill, Posting, Qualification, StaffProfile, add_years

PREFIX = "DEMO-"
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
RANKS = ("Đại úy", "Thiếu tá", "Trung tá", "Thượng tá", "Đại tá")
LEADER_POSTS = ("Trưởng phòng", "Phó Trưởng phòng", "Đội trưởng", "Phó Đội trưởng", "Trưởng Công an xã")
STAFF_POSTS = ("Cán bộ", "Điều tra viên", "Trinh sát viên", "Cán bộ đối ngoại", "Kỹ sư")
HIGH_UNITS = {"CDN", "ANM", "XNC", "CA-HA-NOI", "CA-QUANG-NINH"}
LANGUAGES = ("en",) * 7 + ("fr", "ru", "zh", "lo", "km", "ja", "ko")
CERTIFICATES = {"en": "IELTS", "fr": "DELF", "ru": "TORFL", "zh": "HSK", "ja": "JLPT", "ko": "TOPIK"}
POSTINGS = (
    ("peacekeeping", "SS", "Phái bộ UNMISS"),
    ("peacekeeping", "CF", "Phái bộ MINUSCA"),
    ("liaison", "LA", "Sĩ quan liên lạc"),
    ("liaison", "KH", "Sĩ quan liên lạc"),
    ("study", "AU", "Khóa học sau đại học"),
    ("study", "JP", "Khóa bồi dưỡng"),
    ("study", "KR", "Khóa bồi dưỡng"),
)
LAW_TITLES = ("Bồi dưỡng luật pháp và thực tiễn quốc tế", "Tập huấn tương trợ tư pháp hình sự")
TECH_TITLES = {
    QualificationKind.CYBER: "Bồi dưỡng an ninh mạng",
    QualificationKind.TECHNOLOGY: "Bồi dưỡng chuyển đổi số và công nghệ",
}
YEAR_WEIGHTS = {2018: 1, 2019: 1, 2020: 2, 2021: 2, 2022: 3, 2023: 4, 2024: 5, 2025: 6, 2026: 7}


def _definitions() -> int:
    if CapacityDefinition.objects.exists():
        return 0
    services.definition_create(
        actor=SYSTEM,
        data={
            "title": "Tiêu chí năng lực làm việc trong môi trường quốc tế (lần đầu)",
            "effective_from": datetime.date(2020, 1, 1),
            "min_level": "B2",
            "certificate_max_years": 3,
            "requires_law_or_posting": True,
            "requires_tech_or_cyber": True,
            "notes": "Ngoại ngữ B2 trở lên, chứng chỉ không quá 3 năm; luật pháp quốc tế hoặc công tác nước ngoài; "
            "công nghệ hoặc an ninh mạng.",
        },
    )
    services.definition_create(
        actor=SYSTEM,
        data={
            "title": "Tiêu chí điều chỉnh theo Nghị quyết 59-NQ/TW",
            "effective_from": datetime.date(2025, 7, 1),
            "min_level": "B2",
            "certificate_max_years": 2,
            "requires_law_or_posting": True,
            "requires_tech_or_cyber": True,
            "notes": "Chứng chỉ ngoại ngữ không quá 2 năm.",
        },
    )
    return 2


def _day(rng: random.Random, year: int, today: datetime.date) -> datetime.date:
    day = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
    return min(day, today)


class _Builder:
    def __init__(self, today: datetime.date) -> None:
        self.rng = random.Random(2030)
        self.today = today
        self.countries = {c.code: c for c in Country.objects.filter(code__in={p[1] for p in POSTINGS})}
        self.profiles: list[StaffProfile] = []
        self.children: list[tuple[int, Any]] = []  # (profile index, unsaved child)

    def name(self) -> str:
        return " ".join((self.rng.choice(FAMILY), self.rng.choice(MIDDLE), self.rng.choice(GIVEN)))

    def language(self, i: int, lang: str, level: str, on: datetime.date) -> None:
        cert = CERTIFICATES.get(lang, "Chứng chỉ ngoại ngữ")
        self.children.append(
            (
                i,
                LanguageSkill(language=lang, level=level, certificate=f"{cert} ({level})", certificate_on=on),
            )
        )

    def qualification(self, i: int, kind: str, title: str, on: datetime.date) -> None:
        self.children.append((i, Qualification(kind=kind, title=title, obtained_on=on)))

    def posting(self, i: int, on: datetime.date) -> None:
        kind, code, place = self.rng.choice(POSTINGS)
        end = min(add_years(on, 1), self.today) if on < self.today else None
        self.children.append(
            (i, Posting(kind=kind, country=self.countries.get(code), place=place, start_on=on, end_on=end))
        )

    def capable(self, i: int, year: int) -> None:
        """Meets every part from ``year`` on: certificates renewed every two years."""
        rng = self.rng
        lang = rng.choice(LANGUAGES)
        first = _day(rng, year, self.today)
        level = rng.choice(("B2", "B2", "C1"))
        on = first
        # Most renew on time; some let the last certificate run out (expiring soon or lapsed).
        renew = rng.random() < 0.85
        while True:
            self.language(i, lang, level, on)
            nxt = add_years(on, 2)
            if nxt > self.today or not renew:
                break
            on = nxt
        if rng.random() < 0.6:
            self.qualification(i, QualificationKind.INTERNATIONAL_LAW, rng.choice(LAW_TITLES), first)
        else:
            self.posting(i, add_years(first, -1))
        kind = rng.choice((QualificationKind.CYBER, QualificationKind.TECHNOLOGY))
        self.qualification(i, kind, TECH_TITLES[kind], first)

    def partial(self, i: int) -> None:
        """Has some parts of the criterion, not all (often exactly one missing)."""
        rng = self.rng
        year = rng.randint(2017, self.today.year)
        parts = rng.sample(("language", "law", "tech"), k=rng.choice((0, 1, 2, 2, 2)))
        if "language" in parts:
            self.language(
                i, rng.choice(LANGUAGES), "B2", _day(rng, max(year, self.today.year - 1), self.today)
            )
        elif rng.random() < 0.5:
            self.language(i, rng.choice(LANGUAGES), rng.choice(("A2", "B1")), _day(rng, year, self.today))
        if "law" in parts:
            self.qualification(
                i, QualificationKind.INTERNATIONAL_LAW, rng.choice(LAW_TITLES), _day(rng, year, self.today)
            )
        if "tech" in parts:
            kind = rng.choice((QualificationKind.CYBER, QualificationKind.TECHNOLOGY))
            self.qualification(i, kind, TECH_TITLES[kind], _day(rng, year, self.today))

    def profile(self, unit: Unit, n: int, leader: bool, reach: float) -> None:
        rng = self.rng
        i = len(self.profiles)
        post_from = _day(rng, rng.randint(2010, 2024), self.today) if leader else None
        post_to = None
        if leader and rng.random() < 0.08:
            post_to = min(add_years(post_from, rng.randint(2, 6)), self.today)
        self.profiles.append(
            StaffProfile(
                staff_code=f"{PREFIX}{unit.code}-{n:03d}",
                full_name=self.name(),
                birth_date=datetime.date(rng.randint(1968, 1992), rng.randint(1, 12), rng.randint(1, 28)),
                rank=rng.choice(RANKS),
                position=rng.choice(LEADER_POSTS if leader else STAFF_POSTS),
                is_leader=leader,
                post_from=post_from,
                post_to=post_to,
                owner_unit=unit,
            )
        )
        if leader and rng.random() < reach:
            years = [y for y in YEAR_WEIGHTS if y <= self.today.year]
            self.capable(i, rng.choices(years, weights=[YEAR_WEIGHTS[y] for y in years])[0])
        elif leader or rng.random() < 0.4:
            self.partial(i)

    def save(self) -> dict[str, int]:
        for p in self.profiles:
            p.search_text = build_search_text(p)
        with service_scope():
            StaffProfile.objects.bulk_create(self.profiles, batch_size=500)
            by_model: dict[type, list[Any]] = {}
            for i, child in self.children:
                parent = self.profiles[i]
                child.profile = parent
                child.owner_unit_id = parent.owner_unit_id
                child.classification = parent.classification
                child.search_text = build_search_text(child)
                by_model.setdefault(type(child), []).append(child)
            for model, rows in by_model.items():
                model.objects.bulk_create(rows, batch_size=500)
            _history(self.profiles, *by_model.values())
        return {
            "profiles": len(self.profiles),
            **{m._meta.model_name: len(rows) for m, rows in by_model.items()},
        }


def _history(*groups: list[Any]) -> None:
    """One "created" history entry per generated row, written in bulk: nothing without a trace."""
    import uuid

    from django.contrib.contenttypes.models import ContentType

    from core.history import ChangeAction, snapshot
    from core.models import ObjectChange

    request_id = uuid.uuid4()
    entries = []
    for rows in groups:
        if not rows:
            continue
        ctype = ContentType.objects.get_for_model(type(rows[0]))
        entries.extend(
            ObjectChange(
                user=None,
                user_name="system",
                request_id=request_id,
                action=ChangeAction.CREATE,
                content_type=ctype,
                object_id=str(row.pk),
                object_repr=str(row)[:255],
                prechange_data=None,
                postchange_data=snapshot(row),
                message="demo",
            )
            for row in rows
        )
    ObjectChange.objects.bulk_create(entries, batch_size=1000)


def _profiles(today: datetime.date) -> dict[str, int]:
    if StaffProfile.objects.filter(staff_code__startswith=PREFIX).exists():
        return {}
    builder = _Builder(today)
    # Departments and provinces, and Quảng Ninh's divisions to show a subtree (other divisions
    # stay free of demo records: a leaf unit must remain deletable).
    units = list(
        Unit.objects.filter(Q(depth=1) | Q(parent__code="CA-QUANG-NINH")).exclude(code="LDB").order_by("path")
    )
    for unit in units:
        if unit.code in HIGH_UNITS:
            reach = 0.45
        else:
            reach = builder.rng.uniform(0.04, 0.24)
        size = {"department": 60, "province": 38}.get(unit.kind, 15)
        for n in range(1, size + 1):
            builder.profile(unit, n, leader=builder.rng.random() < 0.35, reach=reach)
    return builder.save()


def load() -> dict[str, int]:
    return {"definitions": _definitions(), **_profiles(timezone.localdate())}


def describe() -> list[str]:
    leaders = StaffProfile.objects.filter(is_leader=True).count()
    return [
        f"Capacity: {StaffProfile.objects.count()} fictional staff profiles ({leaders} leaders and commanders), "
        f"{CapacityDefinition.objects.count()} versions of the criterion.",
        "  /capacity/: the share against the 25–30 % target by 2030, by unit and by year; /capacity/gaps/.",
    ]
