"""The one search box on the demo: seeds, ranking, visibility, personal data, both backends."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from access.choices import Classification
from access.rules import Action, can
from core.testing import count_queries
from search import backends
from search.models import SearchEntry
from search.query import personal_scope, search

pytestmark = pytest.mark.django_db


def kinds(groups):
    return [g.kind for g in groups]


def group(groups, kind):
    return next(g for g in groups if g.kind == kind)


def titles(groups, kind):
    return [h.title for h in group(groups, kind).hits] if kind in kinds(groups) else []


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def make_operation(actor, unit, name, level=Classification.THUONG):
    from cases.services import operation_create

    return operation_create(
        actor=actor,
        data={
            "name": name,
            "crime_area": "drugs",
            "started_on": datetime.date(2024, 3, 1),
            "owner_unit": unit,
            "classification": level,
        },
    )


def make_profile(actor, unit, code, name):
    from capacity.services import profile_create

    return profile_create(
        actor=actor,
        data={"staff_code": code, "full_name": name, "position": "Cán bộ", "owner_unit": unit},
    )


# --- the seeds ----------------------------------------------------------------------------


@pytest.mark.parametrize("q", ["50-ctr/duca", "50 CTr DUCA", "50/ctr-duca", "50-CTr/ĐUCA"])
def test_the_programme_50_ctr_duca_is_found_in_any_spelling_and_ranked_first(users, q):
    groups = search(users["doingoai"], q)
    assert groups[0].kind == "directive"
    assert groups[0].hits[0].title.startswith("50-CTr/ĐUCA")
    # Its items and the obligations tracked from it follow, grouped by type.
    assert {"directiveitem", "obligation"} <= set(kinds(groups))


def test_chuyen_an_568p_is_found_without_diacritics(users):
    groups = search(users["doingoai"], "chuyen an 568p")
    assert groups[0].kind == "operation" and groups[0].hits[0].title == "Chuyên án 568P"
    assert any("568P" in t for t in titles(groups, "case"))


def test_diacritics_and_d_are_ignored_on_both_sides(users):
    user = users["doingoai"]
    plain = [(g.kind, g.count) for g in search(user, "cong an tinh quang ninh")]
    marked = [(g.kind, g.count) for g in search(user, "Công an tỉnh Quảng Ninh")]
    assert plain == marked and plain
    assert [(g.kind, g.count) for g in search(user, "dang uy")] == [
        (g.kind, g.count) for g in search(user, "Đảng ủy")
    ]


# --- ranking and grouping -----------------------------------------------------------------


def test_groups_are_ranked_by_their_best_hit_and_hits_by_score(users):
    groups = search(users["doingoai"], "campuchia")
    bests = [g.best for g in groups]
    assert bests == sorted(bests, reverse=True)
    for g in groups:
        scores = [h.score for h in g.hits]
        assert scores == sorted(scores, reverse=True)
        assert g.count >= len(g.hits) and len(g.hits) <= 5
    assert groups[0].kind == "country" and groups[0].hits[0].title == "Campuchia"
    agencies = group(groups, "agency")
    assert (
        agencies.count > 5
        and agencies.list_url.startswith("/partners/")
        and "q=campuchia" in agencies.list_url
    )


def test_a_title_match_ranks_above_a_mention_in_the_text(users, units):
    actor = users["doingoai"]
    mention = make_operation(actor, units["CDN"], "Chuyên án Hải Âu")
    from cases.services import operation_update

    operation_update(actor=actor, obj=mention, data={"summary": "Phối hợp với chuyên án Zebravoi"}, version=1)
    titled = make_operation(actor, units["CDN"], "Chuyên án Zebravoi")
    hits = group(search(actor, "zebravoi"), "operation").hits
    assert [h.object_id for h in hits] == [titled.pk, mention.pk]


def test_type_filter_and_limit(users):
    groups = search(users["doingoai"], "campuchia", kinds=["agency"], limit=50)
    assert kinds(groups) == ["agency"]
    assert len(groups[0].hits) == groups[0].count


# --- visibility ---------------------------------------------------------------------------


def test_qninh_finds_neither_a_top_secret_record_nor_another_provinces(users, units):
    coordinator = users["doingoai"]
    secret = make_operation(
        coordinator, units["CA-QUANG-NINH"], "Chuyên án Kỳ Lân Tối Mật", Classification.TOI_MAT
    )
    other = make_operation(coordinator, units["CA-HA-NOI"], "Chuyên án Kỳ Lân Hà Nội")
    own = make_operation(coordinator, units["CA-QUANG-NINH"], "Chuyên án Kỳ Lân Quảng Ninh")

    found = {h.object_id for h in group(search(coordinator, "ky lan"), "operation").hits}
    assert {secret.pk, other.pk, own.pk} <= found

    qninh = users["qninh"]
    groups = search(qninh, "ky lan")
    assert [h.object_id for h in group(groups, "operation").hits] == [own.pk]
    assert group(groups, "operation").count == 1

    body = api(qninh).get("/api/v1/search/", {"q": "ky lan"}).json()
    ops = next(g for g in body["groups"] if g["type"] == "operation")
    assert [r["id"] for r in ops["results"]] == [own.pk] and ops["count"] == 1

    from django.test import Client

    client = Client()
    client.force_login(qninh)
    page = client.get("/search/", {"q": "ky lan"}).content.decode()
    assert "Kỳ Lân Quảng Ninh" in page
    assert "Tối Mật" not in page and "Hà Nội" not in page


def test_568p_is_hidden_from_quang_ninh(users):
    assert "operation" not in kinds(search(users["qninh"], "chuyen an 568p"))


# --- personal data ------------------------------------------------------------------------


def test_a_name_is_found_only_by_who_may_see_it(users, units):
    coordinator = users["doingoai"]
    own = make_profile(coordinator, units["CA-QUANG-NINH"], "SRCHA-7351", "Trịnh Xuân Khuyến")
    sub = make_profile(coordinator, units["CA-QUANG-NINH-PC02"], "SRCHB-2846", "Trịnh Thị Khuyến")

    def found(user):
        groups = search(user, "trinh khuyen")
        return {h.object_id for h in group(groups, "staff").hits} if "staff" in kinds(groups) else set()

    assert found(coordinator) == {own.pk, sub.pk}
    assert found(users["lanhdao"]) == {own.pk, sub.pk}
    assert found(users["qninh_truong"]) == {own.pk, sub.pk}  # unit head: the subtree
    assert found(users["qninh"]) == {own.pk}  # officer: the own unit only
    assert found(users["khach"]) == set()  # viewer: never by the name

    # By a public field, the profile is found, but its title does not show the name.
    for user, shows in ((users["khach"], False), (users["qninh"], False), (coordinator, True)):
        hits = group(search(user, "SRCHB-2846"), "staff").hits
        assert [h.object_id for h in hits] == [sub.pk]
        assert ("Khuyến" in hits[0].title) is shows
    body = api(users["khach"]).get("/api/v1/search/", {"q": "srchb 2846"}).content.decode()
    assert "Khuyến" not in body and "SRCHB-2846" in body


def test_case_subjects_are_personal_text_of_their_case(users):
    from cases.models import CooperationCase
    from cases.services import subject_create

    coordinator = users["doingoai"]
    case = CooperationCase.objects.visible_to(coordinator).get(title__contains="568P")
    subject_create(
        actor=coordinator, data={"case": case, "role": "Đối tượng", "full_name": "Lâm Quốc Vỹ Zeta"}
    )
    assert titles(search(coordinator, "vy zeta"), "case") == [case.title]
    assert search(users["khach"], "vy zeta") == []


def test_the_sql_personal_rule_is_the_role_table(users):
    """personal_scope() must say what can(VIEW_PERSONAL) says, for every demo user."""
    from capacity.models import StaffProfile

    profiles = list(StaffProfile.objects.select_related("owner_unit").order_by("pk")[::40])
    for user in users.values():
        if not user.is_active:
            continue
        sql, params = personal_scope(user)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.object_id FROM {backends.TABLE} e WHERE e.kind = 'staff' AND {sql}",
                params,
            )
            allowed = {row[0] for row in cursor.fetchall()}
        for p in profiles:
            assert (p.pk in allowed) == can(user, Action.VIEW_PERSONAL, p), (user.username, p.staff_code)


# --- the index follows the services -------------------------------------------------------


def test_the_index_follows_create_update_and_delete(users, units):
    from cases.services import operation_delete, operation_update

    actor = users["doingoai"]
    op = make_operation(actor, units["CDN"], "Chuyên án Quạ Trắng")
    assert titles(search(actor, "qua trang"), "operation") == ["Chuyên án Quạ Trắng"]
    op = operation_update(actor=actor, obj=op, data={"name": "Chuyên án Sếu Đầu Đỏ"}, version=op.version)
    assert "operation" not in kinds(search(actor, "qua trang"))
    assert titles(search(actor, "seu dau do"), "operation") == ["Chuyên án Sếu Đầu Đỏ"]
    operation_delete(actor=actor, obj=op, version=op.version)
    assert "operation" not in kinds(search(actor, "seu dau do"))
    assert not SearchEntry.objects.filter(kind="operation", object_id=op.pk).exists()


def test_many_to_many_set_after_the_save_is_indexed(users, units):
    from cases.services import operation_create
    from partners.models import Country

    laos = Country.objects.get(code="LA")
    op = operation_create(
        actor=users["doingoai"],
        data={
            "name": "Chuyên án Mây Trôi",
            "crime_area": "drugs",
            "started_on": datetime.date(2024, 3, 1),
            "owner_unit": units["CDN"],
            "countries": [laos],
        },
    )
    assert op.pk in {h.object_id for h in group(search(users["doingoai"], "may troi lao"), "operation").hits}


def test_rebuild_restores_the_same_index():
    before = sorted(SearchEntry.objects.values_list("kind", "object_id", "title_text", "body_text"))
    call_command("rebuild_search_index", verbosity=0)
    after = sorted(SearchEntry.objects.values_list("kind", "object_id", "title_text", "body_text"))
    assert before == after and len(after) > 1000


# --- the two backends ---------------------------------------------------------------------


def test_the_backend_specific_path_is_taken(users):
    with CaptureQueriesContext(connection) as ctx:
        search(users["doingoai"], "chuyen an 568p")
    sql = " ".join(q["sql"] for q in ctx.captured_queries)
    if connection.vendor == "postgresql":
        assert backends.backend_name(connection) == "postgresql"
        assert "to_tsquery('simple'" in sql and "ts_rank(e.document" in sql and "<% e.title_text" in sql
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            assert cursor.fetchone()
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = %s", [backends.TABLE])
            names = {r[0] for r in cursor.fetchall()}
        assert {"search_entry_document_gin", "search_entry_personal_gin", "search_entry_title_trgm"} <= names
    else:
        assert backends.backend_name(connection) == "sqlite-fts5"
        assert f"{backends.FTS} MATCH" in sql and "bm25(" in sql
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {backends.FTS}")
            assert cursor.fetchone()[0] == SearchEntry.objects.count()


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="trigram matching is PostgreSQL's")
def test_postgresql_trigram_finds_a_misspelt_title(users):
    assert "country" in kinds(search(users["doingoai"], "campuchea"))


# --- page and API -------------------------------------------------------------------------


def test_page_states(client, users):
    assert client.get("/search/", {"q": "568p"}).status_code == 302  # anonymous: to the login
    client.force_login(users["doingoai"])
    empty = client.get("/search/")
    assert empty.status_code == 200 and b'data-testid="search-empty"' in empty.content
    short = client.get("/search/", {"q": "a"})
    assert b'data-testid="search-error"' in short.content
    none = client.get("/search/", {"q": "khongcogicaxyz"})
    assert b'data-testid="search-none"' in none.content
    from cases.models import Operation

    found = client.get("/search/", {"q": "chuyen an 568p"}).content.decode()
    op = Operation.objects.get(name="Chuyên án 568P")
    assert 'data-kind="operation"' in found and f'href="{op.get_absolute_url()}"' in found
    one_type = client.get("/search/", {"q": "campuchia", "type": "agency"}).content.decode()
    assert one_type.count('data-testid="search-group"') == 1


def test_api_answers_and_errors(client, users):
    assert client.get("/api/v1/search/", {"q": "568p"}).status_code == 401
    user_api = api(users["doingoai"])
    for params, field in (
        ({}, "q"),
        ({"q": "a"}, "q"),
        ({"q": "568p", "type": "nope"}, "type"),
        ({"q": "568p", "limit": "x"}, "limit"),
    ):
        response = user_api.get("/api/v1/search/", params)
        assert response.status_code == 400, params
        assert field in response.content.decode()
    body = user_api.get("/api/v1/search/", {"q": "chuyen an 568p", "type": "operation"}).json()
    assert body["total"] == 1 and body["groups"][0]["results"][0]["title"] == "Chuyên án 568P"
    from cases.models import Operation

    op = Operation.objects.get(name="Chuyên án 568P")
    assert body["groups"][0]["results"][0]["url"] == op.get_absolute_url()


def test_query_counts_stay_constant_as_data_grows(client, users, units):
    user = users["qninh_truong"]
    client.force_login(user)
    rest = api(user)

    def page():
        assert client.get("/search/", {"q": "chuyen an bao"}).status_code == 200

    def endpoint():
        assert rest.get("/api/v1/search/", {"q": "chuyen an bao"}).status_code == 200

    make_operation(users["doingoai"], units["CA-QUANG-NINH"], "Chuyên án Bão 1")
    page(), endpoint()
    small = count_queries(page), count_queries(endpoint)
    for n in range(2, 12):
        make_operation(users["doingoai"], units["CA-QUANG-NINH"], f"Chuyên án Bão {n}")
        make_profile(users["doingoai"], units["CA-QUANG-NINH"], f"SRCH-B{n}", f"Chuyên Án Bão {n}")
    assert (count_queries(page), count_queries(endpoint)) == small


def test_a_very_broad_query_is_capped_and_says_so(users, monkeypatch, client):
    from search import query

    monkeypatch.setattr(query, "MATCH_CAP", 3)
    groups = search(users["doingoai"], "campuchia")
    assert groups and all(g.capped for g in groups)
    assert sum(g.count for g in groups) <= 4
    body = api(users["doingoai"]).get("/api/v1/search/", {"q": "campuchia"}).json()
    assert all(g["capped"] for g in body["groups"])
    client.force_login(users["doingoai"])
    assert "+</span>" in client.get("/search/", {"q": "campuchia"}).content.decode()
    monkeypatch.setattr(query, "MATCH_CAP", 5000)
    assert not any(g.capped for g in search(users["doingoai"], "campuchia"))
