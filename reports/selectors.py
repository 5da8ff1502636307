"""The figures of a periodic report, each counted through the requester's ``visible_to``.

Aggregate queries only (counts and sums grouped in the database), so a yearly report at
national scale stays within seconds; the number of queries does not depend on the data.
Each section carries its sentences in the seeds' style, a table and the figures behind each
sentence (for the Excel annex), and the classification levels of what it counted.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from access.choices import Classification
from org.models import Unit

CLASSIFIED = [Classification.MAT, Classification.TOI_MAT, Classification.TUYET_MAT]


def vi_date(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def vi_number(value: Any) -> str:
    """Vietnamese number format: 1.234 and 44,5."""
    if isinstance(value, Decimal | float):
        value = Decimal(value).normalize()
        text = f"{value:,f}"
        return text.replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{int(value):,}".replace(",", ".")


def levels_of(qs: QuerySet) -> set[str]:
    """The classified levels present among the records of ``qs`` (one grouped query)."""
    return set(
        qs.filter(classification__in=CLASSIFIED)
        .order_by()
        .values_list("classification", flat=True)
        .distinct()
    )


def _scoped(qs: QuerySet, scope: Any, field: str = "owner_unit") -> QuerySet:
    """Records of the scope's subtree (the ministry: no filter)."""
    if scope is None:
        return qs
    return qs.filter(**{f"{field}_id__any_of": Unit.objects.subtree_ids(scope)})


class Section:
    """One numbered section: sentences, an optional table and the figures behind them."""

    def __init__(self, key: str, heading: str) -> None:
        self.key = key
        self.heading = heading
        self.sentences: list[str] = []
        self.figures: list[dict[str, Any]] = []
        self.table: dict[str, Any] | None = None
        self.levels: set[str] = set()

    def figure(self, label: str, value: Any, source: str) -> Any:
        self.figures.append(
            {"label": label, "value": value if isinstance(value, int) else str(value), "source": source}
        )
        return value

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "heading": self.heading,
            "sentences": self.sentences,
            "figures": self.figures,
            "table": self.table,
        }


# --- Sections ------------------------------------------------------------------------------------


def partners_section(user: Any, subject: str, start: datetime.date, as_of: datetime.date) -> Section:
    from partners.selectors import active_memberships, active_relationships, indicators

    s = Section("partners", "QUAN HỆ ĐỐI TÁC VÀ THAM GIA CÁC TỔ CHỨC, DIỄN ĐÀN QUỐC TẾ")
    now = indicators(user=user, as_of=as_of)
    before = indicators(user=user, as_of=start - datetime.timedelta(days=1))
    src = f"partners.Relationship, partners.Membership (hiệu lực ngày {vi_date(as_of)})"
    agencies = s.figure("Cơ quan thực thi pháp luật nước ngoài có quan hệ", now["foreign_agencies"], src)
    countries = s.figure("Quốc gia và vùng lãnh thổ", now["countries"], src)
    orgs = s.figure("Tổ chức quốc tế là thành viên", now["members_organizations"], src)
    forums = s.figure("Diễn đàn là thành viên", now["members_forums"], src)
    mechanisms = s.figure("Cơ chế hợp tác là thành viên", now["members_mechanisms"], src)
    bodies = s.figure(
        "Tổ chức, diễn đàn đa phương tham gia hoạt động", now["multilateral_participation"], src
    )
    signed = s.figure(
        "Văn bản hợp tác quốc tế đã ký (lũy kế)",
        now["instruments_signed"],
        f"instruments.Instrument (ngày ký đến {vi_date(as_of)})",
    )
    s.sentences.append(
        f"Tính đến ngày {vi_date(as_of)}, {subject} đã thiết lập quan hệ với {vi_number(agencies)} cơ quan của {vi_number(countries)} quốc gia và vùng lãnh thổ; "
        f"là thành viên của {vi_number(orgs)} tổ chức, {vi_number(forums)} diễn đàn, {vi_number(mechanisms)} cơ chế hợp tác cấp khu vực cũng như toàn thế giới; "
        f"tham gia hoạt động trong {vi_number(bodies)} tổ chức, diễn đàn hợp tác quốc tế đa phương; đàm phán, ký kết {vi_number(signed)} văn bản "
        "hợp tác quốc tế về bảo vệ an ninh trật tự, đấu tranh phòng, chống tội phạm."
    )
    delta = agencies - before["foreign_agencies"]
    s.figure("Cơ quan có quan hệ tăng thêm trong kỳ", delta, src)
    if delta > 0:
        s.sentences.append(
            f"So với đầu kỳ báo cáo, đã thiết lập thêm quan hệ với {vi_number(delta)} cơ quan thực thi pháp luật nước ngoài."
        )
    s.table = {
        "columns": ["Chỉ tiêu", f"Đầu kỳ ({vi_date(start)})", f"Cuối kỳ ({vi_date(as_of)})"],
        "rows": [
            ["Cơ quan có quan hệ", before["foreign_agencies"], agencies],
            ["Quốc gia và vùng lãnh thổ", before["countries"], countries],
            ["Tổ chức (thành viên)", before["members_organizations"], orgs],
            ["Diễn đàn (thành viên)", before["members_forums"], forums],
            ["Cơ chế hợp tác (thành viên)", before["members_mechanisms"], mechanisms],
            ["Văn bản hợp tác đã ký (lũy kế)", before["instruments_signed"], signed],
        ],
    }
    s.levels |= levels_of(active_relationships(user, as_of)) | levels_of(active_memberships(user, as_of))
    return s


def instruments_section(
    user: Any, scope: Any, start: datetime.date, end: datetime.date, as_of: datetime.date
) -> Section:
    from instruments.choices import InstrumentType
    from instruments.models import Instrument
    from instruments.selectors import in_force_on

    s = Section("instruments", "KÝ KẾT VÀ THỰC HIỆN CÁC VĂN BẢN HỢP TÁC QUỐC TẾ")
    visible = _scoped(Instrument.objects.visible_to(user), scope)
    in_period = visible.filter(signed_on__gte=start, signed_on__lte=end)
    by_type = dict(in_period.order_by().values_list("type").annotate(n=Count("pk")))
    src = f"instruments.Instrument (ngày ký {vi_date(start)} - {vi_date(end)})"
    total = s.figure("Văn bản ký kết trong kỳ", sum(by_type.values()), src)
    parts = []
    rows = []
    for value, label in InstrumentType.choices:
        n = by_type.get(value, 0)
        s.figure(f"Ký trong kỳ: {label}", n, src)
        rows.append([str(label), n])
        if n:
            parts.append(f"{vi_number(n)} {str(label).lower()}")
    cumulative = s.figure(
        "Văn bản đã ký (lũy kế)",
        visible.filter(signed_on__lte=as_of).count(),
        f"instruments.Instrument (ngày ký đến {vi_date(as_of)})",
    )
    in_force = s.figure(
        "Văn bản đang có hiệu lực",
        in_force_on(visible, as_of).count(),
        f"instruments.Instrument (hiệu lực ngày {vi_date(as_of)})",
    )
    sentence = f"Trong kỳ báo cáo, đã ký kết {vi_number(total)} văn bản hợp tác quốc tế"
    if parts:
        sentence += " ({})".format(", ".join(parts))
    sentence += f"; lũy kế đến ngày {vi_date(as_of)}, có {vi_number(cumulative)} văn bản đã ký, trong đó {vi_number(in_force)} văn bản đang có hiệu lực."
    s.sentences.append(sentence)
    s.table = {"columns": ["Loại văn bản", "Số văn bản ký trong kỳ"], "rows": rows}
    s.levels |= levels_of(visible.filter(signed_on__lte=as_of))
    return s


def tracking_section(
    user: Any, scope: Any, start: datetime.date, end: datetime.date, as_of: datetime.date
) -> Section:
    from tracking.choices import Status
    from tracking.coverage import commitments
    from tracking.coverage import counts as coverage_counts
    from tracking.models import Assignment, AssignmentPeriod, Obligation
    from tracking.selectors import periods_with_status, with_status

    s = Section("tracking", "TRIỂN KHAI CÁC VĂN BẢN CHỈ ĐẠO VÀ NGHĨA VỤ HỢP TÁC")
    assignments = _scoped(Assignment.objects.visible_to(user), scope, "unit")
    obligations = Obligation.objects.visible_to(user)
    if scope is not None:
        obligations = obligations.filter(pk__in=assignments.values("obligation_id"))
    src_a = f"tracking.Assignment (trạng thái ngày {vi_date(as_of)})"
    n_obligations = s.figure("Nhiệm vụ đang theo dõi", obligations.count(), "tracking.Obligation")
    counts = dict(with_status(assignments, as_of).order_by().values_list("status").annotate(n=Count("pk")))
    per = {st.value: s.figure(f"Lượt giao: {st.label}", counts.get(st.value, 0), src_a) for st in Status}
    n_assign = s.figure("Lượt giao nhiệm vụ cho các đơn vị", sum(per.values()), src_a)
    s.sentences.append(
        f"Quán triệt phương châm “đã ký là phải làm, đã cam kết là phải thực hiện”, đang theo dõi {vi_number(n_obligations)} nhiệm vụ "
        f"với {vi_number(n_assign)} lượt giao cho các đơn vị chủ trì, phối hợp; đến ngày {vi_date(as_of)}, {vi_number(per[Status.DONE])} lượt hoàn thành đúng hạn, "
        f"{vi_number(per[Status.DONE_LATE])} lượt hoàn thành muộn, {vi_number(per[Status.IN_PROGRESS])} lượt đang thực hiện, {vi_number(per[Status.NOT_STARTED])} lượt chưa triển khai, {vi_number(per[Status.OVERDUE])} lượt quá hạn."
    )
    commitment_rows = commitments(user, as_of, unit=scope)
    cov = coverage_counts(commitment_rows)
    src_c = f"tracking.coverage (cam kết có hiệu lực ngày {vi_date(as_of)})"
    c_total = s.figure("Cam kết đang có hiệu lực", cov["total"], src_c)
    c_tracked = s.figure("Cam kết đã được theo dõi", cov["tracked"], src_c)
    c_done = s.figure("Cam kết hoàn thành đúng hạn", cov["done"], src_c)
    s.figure("Cam kết hoàn thành muộn", cov["done_late"], src_c)
    c_overdue = s.figure("Cam kết quá hạn", cov["overdue"], src_c)
    c_untracked = s.figure("Cam kết chưa được theo dõi", cov["untracked"], src_c)
    if c_total:
        sentence = (
            f"Đến ngày {vi_date(as_of)}, trong tổng số {vi_number(c_total)} cam kết đang có hiệu lực (điều khoản tạo nghĩa vụ, "
            f"văn bản hợp tác, nhiệm vụ của văn bản chỉ đạo, cam kết tại các sự kiện, chỉ đạo của lãnh đạo), "
            f"đã theo dõi thực hiện {vi_number(c_tracked)} cam kết"
        )
        if cov["percent_on_time"] is not None:
            sentence += (
                f", trong đó {vi_number(c_done)} cam kết hoàn thành đúng hạn (đạt {cov['percent_on_time']}%)"
            )
        sentence += f"; {vi_number(c_overdue)} cam kết quá hạn, {vi_number(c_untracked)} cam kết chưa được giao theo dõi."
        s.sentences.append(sentence)
    periods = periods_with_status(
        AssignmentPeriod.objects.filter(
            assignment__in=assignments.values("pk"), due_on__gte=start, due_on__lte=end
        ),
        as_of,
    )
    pcounts = dict(periods.order_by().values_list("status").annotate(n=Count("pk")))
    src_p = f"tracking.AssignmentPeriod (hạn {vi_date(start)} - {vi_date(end)})"
    due = s.figure("Kỳ hạn đến hạn trong kỳ", sum(pcounts.values()), src_p)
    on_time = s.figure("Kỳ hạn hoàn thành đúng hạn", pcounts.get(Status.DONE.value, 0), src_p)
    closed = due - pcounts.get(Status.NOT_STARTED.value, 0) - pcounts.get(Status.IN_PROGRESS.value, 0)
    rate = round(100 * on_time / closed) if closed else None
    s.figure("Tỷ lệ hoàn thành đúng hạn (%)", rate if rate is not None else "", src_p)
    if due:
        s.sentences.append(
            "Trong kỳ có {} kỳ hạn báo cáo, thực hiện đến hạn; {} kỳ hạn hoàn thành đúng hạn{}.".format(
                vi_number(due),
                vi_number(on_time),
                f", đạt tỷ lệ {rate}%" if rate is not None else "",
            )
        )
    overdue_units = list(
        with_status(assignments, as_of)
        .filter(status=Status.OVERDUE.value)
        .order_by()
        .values_list("unit__name_vi")
        .annotate(n=Count("pk"))
        .order_by("-n", "unit__name_vi")[:10]
    )
    if overdue_units:
        s.sentences.append(
            "Các đơn vị còn nhiều nhiệm vụ quá hạn: {}; đề nghị tập trung đôn đốc, tháo gỡ vướng mắc.".format(
                "; ".join(f"{name} ({vi_number(n)})" for name, n in overdue_units[:5])
            )
        )
    s.table = {
        "columns": ["Trạng thái", "Số lượt giao"],
        "rows": [[str(st.label), per[st.value]] for st in Status],
    }
    s.levels |= levels_of(assignments) | levels_of(obligations)
    s.levels |= {r["classification"] for r in commitment_rows if r["classification"] in CLASSIFIED}
    return s


def cases_section(user: Any, scope: Any, start: datetime.date, end: datetime.date) -> Section:
    from cases.choices import CaseType, OutcomeKind
    from cases.models import CooperationCase, Operation, Outcome

    s = Section("cases", "HỢP TÁC ĐẤU TRANH PHÒNG, CHỐNG TỘI PHẠM")
    cases = _scoped(CooperationCase.objects.visible_to(user), scope)
    opened = cases.filter(opened_on__gte=start, opened_on__lte=end)
    by_type = dict(opened.order_by().values_list("type").annotate(n=Count("pk")))
    src = f"cases.CooperationCase (tiếp nhận, mở {vi_date(start)} - {vi_date(end)})"
    total = s.figure("Vụ việc hợp tác tiếp nhận, mở trong kỳ", sum(by_type.values()), src)
    rows, parts = [], []
    for value, label in CaseType.choices:
        n = s.figure(f"Vụ việc: {label}", by_type.get(value, 0), src)
        rows.append([str(label), n])
        if n:
            parts.append(f"{vi_number(n)} {str(label).lower()}")
    closed = s.figure(
        "Vụ việc kết thúc trong kỳ",
        cases.filter(closed_on__gte=start, closed_on__lte=end).count(),
        f"cases.CooperationCase (kết thúc {vi_date(start)} - {vi_date(end)})",
    )
    if total or closed:
        sentence = f"Trong kỳ, đã tiếp nhận và xử lý {vi_number(total)} vụ việc hợp tác quốc tế"
        if parts:
            sentence += " ({})".format("; ".join(parts))
        sentence += f"; kết thúc {vi_number(closed)} vụ việc."
    else:
        sentence = "Trong kỳ, không phát sinh vụ việc hợp tác quốc tế mới."
    s.sentences.append(sentence)

    operations = (
        _scoped(Operation.objects.visible_to(user), scope)
        .filter(started_on__lte=end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
    )
    n_ops = s.figure("Chuyên án phối hợp trong kỳ", operations.count(), "cases.Operation")
    outcomes = (
        Outcome.objects.visible_to(user)
        .filter(operation__in=operations.values("pk"))
        .annotate(day=Coalesce("occurred_on", "operation__started_on"))
        .filter(day__gte=start, day__lte=end)
    )
    persons = dict(
        outcomes.exclude(kind=OutcomeKind.SEIZURE).order_by().values_list("kind").annotate(n=Sum("count"))
    )
    seized = list(
        outcomes.filter(kind=OutcomeKind.SEIZURE)
        .order_by()
        .values_list("substance", "measure_unit")
        .annotate(q=Sum("quantity"))
        .order_by("substance", "measure_unit")
    )
    src_o = f"cases.Outcome (ngày {vi_date(start)} - {vi_date(end)})"
    verbs = {
        OutcomeKind.ARREST: "bắt giữ {} đối tượng",
        OutcomeKind.PROSECUTION: "khởi tố {} đối tượng",
        OutcomeKind.EXTRADITION: "dẫn độ {} đối tượng",
        OutcomeKind.REPATRIATION: "trao trả, tiếp nhận {} đối tượng",
    }
    done = []
    for kind, verb in verbs.items():
        n = s.figure(str(OutcomeKind(kind).label), persons.get(kind.value) or 0, src_o)
        if n:
            done.append(verb.format(vi_number(n)))
    seizures = []
    for substance, unit, quantity in seized:
        s.figure(f"Thu giữ: {substance} ({unit})", quantity or 0, src_o)
        seizures.append(f"{vi_number(quantity or 0)} {unit} {substance}")
    if n_ops or done or seizures:
        sentence = f"Phối hợp với lực lượng chức năng các nước triển khai {vi_number(n_ops)} chuyên án"
        if done:
            sentence += ", " + ", ".join(done)
        if seizures:
            sentence += "; thu giữ " + ", ".join(seizures)
        s.sentences.append(sentence + ".")
    s.table = {"columns": ["Loại vụ việc", "Số vụ việc trong kỳ"], "rows": rows}
    s.levels |= levels_of(opened) | levels_of(operations)
    return s


def events_section(user: Any, scope: Any, start: datetime.date, end: datetime.date) -> Section:
    from events.choices import EventType
    from events.models import Event

    s = Section("events", "HOẠT ĐỘNG ĐỐI NGOẠI, ĐOÀN RA, ĐOÀN VÀO VÀ HỘI NGHỊ")
    events = (
        _scoped(Event.objects.visible_to(user), scope)
        .filter(starts_on__lte=end)
        .filter(Q(ends_on__gte=start) | Q(ends_on__isnull=True, starts_on__gte=start))
    )
    by_type = dict(events.order_by().values_list("type").annotate(n=Count("pk")))
    src = f"events.Event ({vi_date(start)} - {vi_date(end)})"
    total = s.figure("Hoạt động đối ngoại trong kỳ", sum(by_type.values()), src)
    rows = []
    for value, label in EventType.choices:
        rows.append([str(label), s.figure(f"Hoạt động: {label}", by_type.get(value, 0), src)])
    delegates = s.figure(
        "Đại biểu tham dự (theo số liệu sự kiện)",
        events.aggregate(n=Sum("participants_count"))["n"] or 0,
        src,
    )
    s.sentences.append(
        f"Trong kỳ, đã tổ chức và tham gia {vi_number(total)} hoạt động đối ngoại, trong đó đón {vi_number(by_type.get(EventType.INCOMING, 0))} đoàn vào, cử {vi_number(by_type.get(EventType.OUTGOING, 0))} đoàn ra, "
        f"tổ chức, tham dự {vi_number(by_type.get(EventType.CONFERENCE, 0))} hội nghị, {vi_number(by_type.get(EventType.MULTILATERAL, 0))} cuộc họp đa phương, {vi_number(by_type.get(EventType.TRAINING, 0))} lớp tập huấn, {vi_number(by_type.get(EventType.SIGNING, 0))} lễ ký kết, "
        f"với tổng số {vi_number(delegates)} lượt đại biểu tham dự."
    )
    notable = list(
        events.filter(type__in=[EventType.CONFERENCE, EventType.SIGNING, EventType.MULTILATERAL])
        .select_related("province", "country")
        .order_by("-participants_count", "starts_on", "pk")[:5]
    )
    for e in sorted(notable, key=lambda e: (e.starts_on, e.pk)):
        place = e.city or (e.province.name_vi if getattr(e, "province", None) else "")
        text = f"Ngày {vi_date(e.starts_on)}, {e.title}"
        if place:
            text += f" tại {place}"
        if e.participants_count:
            text += ", {}{} đại biểu tham dự".format(
                "trên " if e.participants_more_than else "", vi_number(e.participants_count)
            )
        s.sentences.append(text + ".")
    s.table = {"columns": ["Loại hoạt động", "Số hoạt động"], "rows": rows}
    s.levels |= levels_of(events)
    return s


def capacity_section(user: Any, scope: Any, as_of: datetime.date) -> Section:
    from capacity.selectors import indicator, visible_profiles

    s = Section("capacity", "NÂNG CAO NĂNG LỰC HỘI NHẬP QUỐC TẾ CỦA CÁN BỘ")
    data = indicator(user=user, as_of=as_of, unit=scope, trend_from=as_of.year)
    src = f"capacity.StaffProfile (ngày {vi_date(as_of)})"
    total = s.figure("Cán bộ lãnh đạo, chỉ huy", data["leaders_total"], src)
    meeting = s.figure(
        "Đáp ứng tiêu chí làm việc độc lập trong môi trường quốc tế", data["leaders_meeting"], src
    )
    share = data["share"]
    s.figure("Tỷ lệ đáp ứng (%)", round(share, 1) if share is not None else "", src)
    s.sentences.append(
        "Đến ngày {d}, có {m}/{t} cán bộ lãnh đạo, chỉ huy{p} đáp ứng yêu cầu làm việc độc lập trong môi trường "
        "quốc tế (ngoại ngữ, pháp luật và thực tiễn quốc tế, công nghệ và an ninh mạng); mục tiêu đến năm {y}: "
        "{lo}-{hi}%.".format(
            d=vi_date(as_of),
            m=vi_number(meeting),
            t=vi_number(total),
            p=f" ({vi_number(Decimal(str(round(share, 1))))}%)" if share is not None else "",
            y=data["target_year"],
            lo=data["target_min"],
            hi=data["target_max"],
        )
    )
    s.table = {
        "columns": ["Đơn vị", "Lãnh đạo, chỉ huy", "Đáp ứng", "Tỷ lệ (%)"],
        "rows": [
            [
                getattr(row["unit"], "name_vi", str(row["unit"])),
                row["leaders_total"],
                row["leaders_meeting"],
                round(row["share"], 1) if row["share"] is not None else "",
            ]
            for row in data.get("per_unit", [])[:15]
        ],
    }
    s.levels |= levels_of(_scoped(visible_profiles(user), scope))
    return s


# --- The whole report ---------------------------------------------------------------------------


def collect(
    *,
    user: Any,
    start: datetime.date,
    end: datetime.date,
    scope: Any = None,
    progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """All sections' figures for [start, end] in ``scope``, as ``user`` sees them.

    The data is as of the end of the period, or today while the period is still running.
    """
    as_of = min(end, timezone.localdate())
    subject = scope.name_vi if scope is not None else "Bộ Công an"
    steps: list[Callable[[], Section]] = [
        lambda: partners_section(user, subject, start, as_of),
        lambda: instruments_section(user, scope, start, end, as_of),
        lambda: tracking_section(user, scope, start, end, as_of),
        lambda: cases_section(user, scope, start, end),
        lambda: events_section(user, scope, start, end),
        lambda: capacity_section(user, scope, as_of),
    ]
    sections = []
    levels: set[str] = set()
    for i, step in enumerate(steps, start=1):
        section = step()
        sections.append(section.as_dict())
        levels |= section.levels
        if progress is not None:
            progress(10 + round(80 * i / len(steps)))
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "as_of": as_of.isoformat(),
        "subject": subject,
        "sections": sections,
        "levels": sorted(levels),
    }
