"""Accepting facts into the registry (#22 item 3): link the visible record the fact names or
create one through the services; the record points back to the article; hidden records are
never matched nor named; headline counts are compared with the indicators; search finds
articles."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from articles import accept, services
from articles.models import Article, FactProposal
from articles.tests.helpers import seeds
from cases.models import Operation, Outcome
from core.context import SYSTEM
from core.models import ObjectChange
from core.testing import client_for, count_queries, make_user
from events.models import Event
from instruments.models import Directive
from partners import services as partners
from partners.models import Country, ForeignAgency

pytestmark = pytest.mark.django_db


def seed_article(user, unit, prefix: str) -> Article:
    """A seed article taken in and extracted with the real extractor."""
    name, text, _gold, given = next(s for s in seeds() if s[0].startswith(prefix))
    obj = services.article_create(
        actor=user,
        data={"title": name, "text": text, "published_on": given, "owner_unit": unit},
        confirm_duplicate=True,
    )
    services.run_extraction(obj.pk)
    return Article.objects.get(pk=obj.pk)


def crafted(
    user, unit, text: str, result: dict, published: str = "2025-11-12", confirm: bool = False, **extra
) -> Article:
    """An article whose proposals are given (offsets computed from each item's evidence)."""
    obj = services.article_create(
        actor=user,
        data={"title": "Bài thử", "text": text, "published_on": published, "owner_unit": unit, **extra},
        confirm_duplicate=confirm,
    )
    for items in result.values():
        for item in items:
            item["start"] = text.index(item["evidence"])
            item["end"] = item["start"] + len(item["evidence"])
    services.proposals_replace(actor=user, article=obj, result=result)
    return Article.objects.get(pk=obj.pk)


def history_count(article) -> int:
    return ObjectChange.objects.filter(
        content_type=ContentType.objects.get_for_model(Article), object_id=str(article.pk)
    ).count()


@pytest.fixture
def coord(users):
    return users["doingoai"]


@pytest.fixture
def article_568p(coord, units):
    return seed_article(coord, units["CDN"], "002")


def test_the_operation_and_its_outcomes_are_linked_to_the_demo_records(article_568p, coord):
    """Seed 002: the operation fact links Chuyên án 568P, the seized kilograms and the
    prosecutions link its outcomes; nothing new is created; the operation's page names the
    article as its source."""
    operation = Operation.objects.get(name="Chuyên án 568P")
    c = client_for(coord)
    fact = FactProposal.objects.get(article=article_568p, field="events", value__type="operation")
    form = c.get(f"/articles/facts/{fact.pk}/accept/").content.decode()
    assert "Chuyên án 568P" in form and f"cases.operation:{operation.pk}" in form
    before = (Operation.objects.count(), Outcome.objects.count())
    response = c.post(f"/articles/facts/{fact.pk}/accept/", {"target": f"cases.operation:{operation.pk}"})
    assert response.status_code == 302
    fact.refresh_from_db()
    assert fact.status == "accepted" and fact.linked == operation and not fact.linked_created
    linked_outcomes = []
    for q in FactProposal.objects.filter(article=article_568p, field="quantities"):
        found = accept.candidates(user=coord, proposal=q)
        if q.value.get("unit") == "kg" or q.value.get("what") == "prosecuted":
            assert found and found[0].operation_id == operation.pk, q.value
            c.post(f"/articles/facts/{q.pk}/accept/", {"target": accept.target_key(found[0])})
            linked_outcomes.append(found[0].pk)
    assert len(linked_outcomes) == 3
    assert (Operation.objects.count(), Outcome.objects.count()) == before
    page = c.get(article_568p.get_absolute_url()).content.decode()
    assert operation.get_absolute_url() in page
    op_page = c.get(operation.get_absolute_url()).content.decode()
    assert 'data-testid="article-sources"' in op_page and article_568p.title in op_page
    outcome_page = c.get(Outcome.objects.get(pk=linked_outcomes[0]).get_absolute_url()).content.decode()
    assert article_568p.get_absolute_url() in outcome_page


def test_an_outcome_absent_from_the_registry_is_created_under_the_chosen_operation(coord, units):
    """A seizure the registry lacks: "new" with the operation creates it through
    cases.services.outcome_create; without the operation, a clear error and nothing written."""
    operation = Operation.objects.get(name="Chuyên án 568P")
    text = "Trong Chuyên án 568P, lực lượng chức năng còn thu giữ 7 kg cần sa."
    article = crafted(
        coord,
        units["CDN"],
        text,
        {
            "quantities": [
                {
                    "value": 7,
                    "unit": "kg",
                    "what": "cần sa",
                    "as_written": "7 kg",
                    "qualifier": "",
                    "evidence": "7 kg cần sa",
                }
            ]
        },
    )
    fact = FactProposal.objects.get(article=article)
    assert accept.candidates(user=coord, proposal=fact) == []
    c = client_for(coord)
    assert "Chuyên án 568P" in c.get(f"/articles/facts/{fact.pk}/accept/").content.decode()
    count, hist = Outcome.objects.count(), history_count(article)
    assert c.post(f"/articles/facts/{fact.pk}/accept/", {"target": "new"}).status_code == 400
    assert Outcome.objects.count() == count and history_count(article) == hist
    response = c.post(f"/articles/facts/{fact.pk}/accept/", {"target": "new", "operation": operation.pk})
    assert response.status_code == 302
    fact.refresh_from_db()
    outcome = fact.linked
    assert isinstance(outcome, Outcome) and fact.linked_created
    assert outcome.operation_id == operation.pk and outcome.quantity == 7 and outcome.measure_unit == "kg"
    assert outcome.created_by == coord  # through the service: stamped and in its history


def test_a_signing_and_a_conference_link_the_seed_events(coord, units):
    """Seed 001's conference of 14/12/2021 and seed 000's signing link the demo's events."""
    c = client_for(coord)
    for prefix, kind in (("001", "conference"), ("000", "signing")):
        article = seed_article(coord, units["CDN"], prefix)
        fact = FactProposal.objects.filter(article=article, field="events", value__type=kind).first()
        found = accept.candidates(user=coord, proposal=fact)
        assert found and isinstance(found[0], Event), (prefix, fact.value)
        count = Event.objects.count()
        assert (
            c.post(f"/articles/facts/{fact.pk}/accept/", {"target": accept.target_key(found[0])}).status_code
            == 302
        )
        assert Event.objects.count() == count
        fact.refresh_from_db()
        assert fact.linked == found[0]
        event_page = c.get(found[0].get_absolute_url()).content.decode()
        assert article.get_absolute_url() in event_page


def test_an_event_absent_from_the_registry_is_created_with_its_partners_and_date(coord, units):
    """ "new" creates the event through events.services with the article's partner countries,
    its date and type; the event's page names the article."""
    text = "Ngày 10/3/2025, Bộ Công an tổ chức hội nghị với Cảnh sát Lào tại Hà Nội về phòng chống ma túy."
    article = crafted(
        coord,
        units["CDN"],
        text,
        {
            "events": [
                {
                    "type": "conference",
                    "date": "10/3/2025",
                    "date_iso": "2025-03-10",
                    "place": "Hà Nội",
                    "summary": "Hội nghị với Cảnh sát Lào về phòng chống ma túy",
                    "evidence": "Ngày 10/3/2025, Bộ Công an tổ chức hội nghị với Cảnh sát Lào",
                }
            ],
            "partner_countries": [{"name": "Lào", "iso2": "LA", "role": "partner", "evidence": "Lào"}],
        },
    )
    fact = FactProposal.objects.get(article=article, field="events")
    assert accept.candidates(user=coord, proposal=fact) == []
    response = client_for(coord).post(
        f"/api/v1/articles/facts/{fact.pk}/accept/", {"target": "new"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["linked"]["created"] is True
    event = Event.objects.get(pk=response.json()["linked"]["id"])
    assert event.starts_on == datetime.date(2025, 3, 10) and event.type == "conference"
    assert list(event.countries.values_list("code", flat=True)) == ["LA"]
    assert event.owner_unit == units["CDN"] and event.created_by == coord
    assert article.title in client_for(coord).get(event.get_absolute_url()).content.decode()


def test_agencies_are_matched_by_name_and_created_once(coord, units):
    """An agency the article names is matched by name or acronym; one the registry lacks is
    created (agency_create), and a later article naming it links it instead of duplicating it."""
    text = "Đoàn công tác làm việc với GCNP và với Cục Điều tra Biên giới Kampot của Campuchia."
    result = {
        "partner_agencies": [
            {"name": "GCNP", "country": "KH", "evidence": "GCNP"},
            {
                "name": "Cục Điều tra Biên giới Kampot",
                "country": "KH",
                "evidence": "Cục Điều tra Biên giới Kampot",
            },
        ]
    }
    article = crafted(coord, units["CDN"], text, result)
    known, new = FactProposal.objects.filter(article=article).order_by("start")
    gcnp = ForeignAgency.objects.get(acronym="GCNP")
    assert accept.candidates(user=coord, proposal=known) == [gcnp]
    assert accept.candidates(user=coord, proposal=new) == []
    c = client_for(coord)
    count = ForeignAgency.objects.count()
    c.post(f"/articles/facts/{known.pk}/accept/", {"target": accept.target_key(gcnp)})
    c.post(f"/articles/facts/{new.pk}/accept/", {"target": "new"})
    assert ForeignAgency.objects.count() == count + 1
    created = ForeignAgency.objects.get(name_vi="Cục Điều tra Biên giới Kampot")
    assert created.country.code == "KH"
    second = crafted(coord, units["CDN"], text.replace("Đoàn công tác", "Đoàn thứ hai"), result)
    again = FactProposal.objects.filter(article=second, value__name="Cục Điều tra Biên giới Kampot").get()
    assert accept.candidates(user=coord, proposal=again) == [created]


def test_a_hidden_agency_is_never_matched_linked_nor_named(users, units):
    """A coordinator cleared for unclassified records only does not see Hà Nội's classified
    agency: it is not a candidate, its name is on no page, and its id is refused exactly like a
    missing one, nothing written."""
    hidden = partners.agency_create(
        actor=SYSTEM,
        data={
            "name_vi": "Cục Điều tra Đặc biệt Xiêm Riệp",
            "country": Country.objects.get(code="KH"),
            "kind": "police",
            "acronym": "SRSID",
            "owner_unit": units["CA-HA-NOI"],
            "classification": "mat",
        },
    )
    officer = make_user(units["CDN"], "coordinator", "thuong")
    assert not ForeignAgency.objects.visible_to(officer).filter(pk=hidden.pk).exists()
    text = "Công an tỉnh làm việc với SRSID của Campuchia."
    article = crafted(
        officer,
        units["CDN"],
        text,
        {
            "partner_agencies": [
                {
                    "name": "SRSID",
                    "country": "KH",
                    "evidence": "SRSID",
                }
            ]
        },
    )
    fact = FactProposal.objects.get(article=article)
    assert accept.candidates(user=officer, proposal=fact) == []
    c = client_for(officer)
    form = c.get(f"/articles/facts/{fact.pk}/accept/").content.decode()
    assert f"partners.foreignagency:{hidden.pk}" not in form and "Xiêm Riệp" not in form
    api = c.get(f"/api/v1/articles/facts/{fact.pk}/candidates/").json()
    assert api["candidates"] == [] and api["may_create"] is True
    hist = history_count(article)
    errors = []
    for target in (
        f"partners.foreignagency:{hidden.pk}",
        "partners.foreignagency:99999999",
        str(hidden.pk),
        "abc",
    ):
        response = c.post(f"/articles/facts/{fact.pk}/accept/", {"target": target})
        assert response.status_code == 400
        errors.append(response.content.decode())
        api_response = c.post(
            f"/api/v1/articles/facts/{fact.pk}/accept/", {"target": target}, content_type="application/json"
        )
        assert api_response.status_code == 400
        errors.append(api_response.json()["error"]["fields"]["target"][0])
    assert len(set(errors)) == 1 and "Xiêm Riệp" not in errors[0]
    fact.refresh_from_db()
    assert fact.status == "pending" and fact.linked_id is None and history_count(article) == hist
    # The coordinator sees it, and links it; the officer then sees the restricted marker only.
    coord = users["doingoai"]
    assert accept.candidates(user=coord, proposal=fact) == [hidden]
    services.proposal_accept(actor=coord, proposal=fact, target=accept.target_key(hidden))
    page = c.get(article.get_absolute_url()).content.decode()
    assert 'data-testid="restricted"' in page and hidden.get_absolute_url() not in page
    assert "Xiêm Riệp" not in page
    assert "Xiêm Riệp" not in c.get(f"/articles/articles/{article.pk}/history/").content.decode()
    api = c.get(f"/api/v1/articles/{article.pk}/").json()
    assert api["proposals"][0]["linked"] == {"restricted": True}
    assert "Xiêm Riệp" not in str(api["proposals"][0]["linked"])


def test_reference_data_and_documents_are_linked_never_created(coord, units):
    """Countries, bodies and document symbols link the registry's record; "new" is refused."""
    text = "Thực hiện Nghị quyết 59-NQ/TW, Bộ Công an hợp tác với INTERPOL và Nhật Bản."
    article = crafted(
        coord,
        units["CDN"],
        text,
        {
            "doc_symbols": [{"symbol": "59-NQ/TW", "evidence": "59-NQ/TW"}],
            "multilateral_bodies": [{"name": "INTERPOL", "as_written": "INTERPOL", "evidence": "INTERPOL"}],
            "partner_countries": [
                {"name": "Nhật Bản", "iso2": "JP", "role": "partner", "evidence": "Nhật Bản"}
            ],
        },
    )
    c = client_for(coord)
    for fact in FactProposal.objects.filter(article=article):
        found = accept.candidates(user=coord, proposal=fact)
        assert len(found) >= 1, fact.field
        assert c.post(f"/articles/facts/{fact.pk}/accept/", {"target": "new"}).status_code == 400
        assert (
            c.post(f"/articles/facts/{fact.pk}/accept/", {"target": accept.target_key(found[0])}).status_code
            == 302
        )
        fact.refresh_from_db()
        assert fact.linked == found[0]
    symbol = FactProposal.objects.get(article=article, field="doc_symbols")
    assert isinstance(symbol.linked, Directive) and symbol.linked.symbol == "59-NQ/TW"
    assert article.title in c.get(symbol.linked.get_absolute_url()).content.decode()


def test_a_suspect_is_accepted_without_any_record(coord, units):
    """People are personal data: accepting a suspect records the review only, and the page
    says to add the person to a case by hand."""
    text = "Cơ quan điều tra bắt giữ đối tượng Nguyễn Văn Giả (sinh năm 1990)."
    article = crafted(
        coord,
        units["CDN"],
        text,
        {
            "people": [
                {
                    "name": "Nguyễn Văn Giả",
                    "rank": "",
                    "title": "",
                    "side": "VN",
                    "role": "suspect",
                    "evidence": "Nguyễn Văn Giả",
                }
            ]
        },
    )
    fact = FactProposal.objects.get(article=article)
    c = client_for(coord)
    assert 'data-testid="suspect-note"' in c.get(f"/articles/facts/{fact.pk}/accept/").content.decode()
    assert c.post(f"/articles/facts/{fact.pk}/accept/", {"target": "new"}).status_code == 400
    assert c.post(f"/articles/facts/{fact.pk}/accept/", {}).status_code == 302
    fact.refresh_from_db()
    assert fact.status == "accepted" and fact.linked_id is None
    assert f'data-testid="suspect-{fact.pk}"' in c.get(article.get_absolute_url()).content.decode()


def test_accepting_needs_the_coordinator_role_and_another_unit_does_not_find_the_fact(users, units):
    """The article's own officer and unit head (no coordinator role) get 403 on the page and
    the API; another province, which does not see the article, gets 404; nothing is written;
    the coordinator accepts."""
    officer = users["qninh"]
    article = crafted(
        officer,
        units["CA-QUANG-NINH"],
        "Hợp tác với INTERPOL.",
        {"multilateral_bodies": [{"name": "INTERPOL", "as_written": "INTERPOL", "evidence": "INTERPOL"}]},
    )
    fact = FactProposal.objects.get(article=article)
    other = make_user(units["CA-HA-NOI"], "officer", "tuyet_mat")
    body = {"target": "partners.multilateralbody:1"}
    for user, code in ((officer, 403), (users["qninh_truong"], 403), (other, 404)):
        c = client_for(user)
        assert c.get(f"/articles/facts/{fact.pk}/accept/").status_code == code
        assert c.post(f"/articles/facts/{fact.pk}/accept/", body).status_code == code
        api = c.post(f"/api/v1/articles/facts/{fact.pk}/accept/", body, content_type="application/json")
        assert api.status_code == code
        assert c.get(f"/api/v1/articles/facts/{fact.pk}/candidates/").status_code == code
    page = client_for(officer).get(article.get_absolute_url()).content.decode()
    assert f"/articles/facts/{fact.pk}/accept/" not in page
    fact.refresh_from_db()
    assert fact.status == "pending" and fact.linked_id is None
    coord = users["doingoai"]
    target = accept.target_key(accept.candidates(user=coord, proposal=fact)[0])
    assert client_for(coord).post(f"/articles/facts/{fact.pk}/accept/", {"target": target}).status_code == 302
    fact.refresh_from_db()
    assert fact.status == "accepted" and fact.linked.acronym == "INTERPOL"


def test_headline_counts_are_compared_with_the_registry(coord, units, users):
    """Seed 001 (162 agencies of 64 countries): the page shows the registry's figures on the
    publication date through the viewer's visibility, and says when they differ."""
    from partners.selectors import indicators

    article = seed_article(coord, units["CDN"], "001")
    fact = FactProposal.objects.get(article=article, field="headline_counts", value__what="agencies")
    figures = indicators(user=coord, as_of=article.published_on)
    page = client_for(coord).get(article.get_absolute_url()).content.decode()
    block = page.split(f'data-testid="headline-{fact.pk}"', 1)[1].split("</div>", 1)[0]
    assert str(figures["foreign_agencies"]) in block and article.published_on.strftime("%d/%m/%Y") in block
    assert str(figures["countries"]) in block
    # A figure the registry does not hold: the difference is said, with both figures.
    text = "Bộ Công an đã thiết lập quan hệ với 999 cơ quan của 99 quốc gia."
    other = crafted(
        coord,
        units["CDN"],
        text,
        {
            "headline_counts": [
                {
                    "what": "agencies",
                    "value": 999,
                    "of_countries": 99,
                    "evidence": "999 cơ quan của 99 quốc gia",
                }
            ]
        },
        published="2021-12-14",
    )
    fact = FactProposal.objects.get(article=other)
    page = client_for(coord).get(other.get_absolute_url()).content.decode()
    block = page.split(f'data-testid="headline-{fact.pk}"', 1)[1].split("</div>", 1)[0]
    # The page speaks Vietnamese (the default language).
    assert "Bài báo nêu 999 cơ quan của 99 quốc gia" in block
    assert (
        f"hệ thống ghi nhận {figures['foreign_agencies']} cơ quan của {figures['countries']} quốc gia vào ngày 14/12/2021"
        in block
    )
    # Seen by a unit that sees fewer relationships, the registry's figure is that viewer's.
    viewer = users["qninh"]
    mine = indicators(user=viewer, as_of=datetime.date(2021, 12, 14))
    crafted(
        viewer,
        units["CA-QUANG-NINH"],
        text,
        {
            "headline_counts": [
                {
                    "what": "agencies",
                    "value": 999,
                    "of_countries": 99,
                    "evidence": "999 cơ quan của 99 quốc gia",
                }
            ]
        },
        published="2021-12-14",
    )
    theirs = Article.objects.filter(owner_unit=units["CA-QUANG-NINH"]).order_by("-pk").first()
    fact = FactProposal.objects.get(article=theirs)
    page = client_for(viewer).get(theirs.get_absolute_url()).content.decode()
    block = page.split(f'data-testid="headline-{fact.pk}"', 1)[1].split("</div>", 1)[0]
    assert f"hệ thống ghi nhận {mine['foreign_agencies']} cơ quan" in block


def test_the_article_page_takes_as_many_queries_with_more_linked_facts(coord, units):
    """Facts of each kind linked to records: the page costs the same with more of them."""
    from articles.tests.specs import make_article

    agencies = list(ForeignAgency.objects.visible_to(coord).order_by("pk")[:6])

    def build(n: int) -> Article:
        names = [a.name_vi for a in agencies[:n]]
        text = "Hợp tác với INTERPOL, " + "; ".join(names) + "; 162 cơ quan của 64 quốc gia."
        result = {
            "partner_agencies": [{"name": nm, "country": "", "evidence": nm} for nm in names],
            "multilateral_bodies": [{"name": "INTERPOL", "as_written": "INTERPOL", "evidence": "INTERPOL"}],
            "headline_counts": [
                {
                    "what": "agencies",
                    "value": 162,
                    "of_countries": 64,
                    "evidence": "162 cơ quan của 64 quốc gia",
                }
            ],
        }
        article = crafted(coord, units["CDN"], text, result)
        for fact in FactProposal.objects.filter(article=article).exclude(field="headline_counts"):
            record = next((a for a in agencies if a.name_vi == fact.value["name"]), None)
            record = record or accept.candidates(user=coord, proposal=fact)[0]
            services.proposal_accept(actor=coord, proposal=fact, target=accept.target_key(record))
        return article

    c = client_for(coord)
    small = build(1)
    c.get(small.get_absolute_url())
    few = count_queries(lambda: c.get(small.get_absolute_url()))
    large = build(6)
    assert FactProposal.objects.filter(article=large, linked_id__isnull=False).count() == 7
    for _ in range(3):
        make_article(coord, units["CDN"])
    c.get(large.get_absolute_url())
    many = count_queries(lambda: c.get(large.get_absolute_url()))
    assert many == few


def test_search_finds_a_visible_article_and_not_a_hidden_one(users, units):
    """Articles are in site-wide search: the unit's officer finds its article by a word of the
    text, another province does not."""
    from search.query import search

    officer = users["qninh"]
    crafted(
        officer,
        units["CA-QUANG-NINH"],
        "Bài viết về hợp tác phòng chống tội phạm xuyenquocgiaxyz với INTERPOL.",
        {},
    )
    other = make_user(units["CA-HA-NOI"], "officer", "tuyet_mat")
    mine = search(officer, "xuyenquocgiaxyz")
    theirs = search(other, "xuyenquocgiaxyz")
    assert any(g.kind == "article" and g.hits for g in mine)
    assert not any(g.kind == "article" and g.hits for g in theirs)


def test_the_article_is_counted_as_a_media_item_linked_or_created(coord, units, users):
    """A coordinator records the article as outreach coverage through events.services
    (with the event its accepted fact names); the same article elsewhere links that item; a
    hidden or missing item is refused alike; an officer gets 403."""
    from events.models import MediaItem

    text = "Ngày 10/3/2025, Bộ Công an tổ chức hội nghị với Cảnh sát Lào tại Hà Nội."
    result = {
        "events": [
            {
                "type": "conference",
                "date_iso": "2025-03-10",
                "summary": "Hội nghị với Cảnh sát Lào",
                "evidence": "Ngày 10/3/2025, Bộ Công an tổ chức hội nghị với Cảnh sát Lào",
            }
        ]
    }
    article = crafted(
        coord, units["CDN"], text, result, source_name="Báo Công an nhân dân", url="https://cand.com.vn/x-1"
    )
    fact = FactProposal.objects.get(article=article)
    event = services.proposal_accept(actor=coord, proposal=fact, target="new").linked
    c = client_for(coord)
    assert (
        "Ghi nhận bài báo này là tin bài truyền thông" in c.get(article.get_absolute_url()).content.decode()
    )
    count = MediaItem.objects.count()
    assert c.post(f"/articles/articles/{article.pk}/media/", {"target": "new"}).status_code == 302
    article.refresh_from_db()
    item = article.media_item
    assert (
        MediaItem.objects.count() == count + 1
        and item.event == event
        and item.outlet == "Báo Công an nhân dân"
    )
    assert item.created_by == coord
    assert item.get_absolute_url() in c.get(article.get_absolute_url()).content.decode()
    # The same article taken in again: its media item is found by URL and linked.
    again = crafted(coord, units["CDN"], text + " ", {}, confirm=True, url="https://cand.com.vn/x-1")
    found = accept.media_candidates(user=coord, article=again)
    assert found == [item]
    from events import services as events

    hidden = events.media_create(
        actor=SYSTEM,
        data={
            "outlet": "Báo Hà Nội",
            "title": "Tin mật",
            "published_on": datetime.date(2025, 3, 11),
            "platform": "press",
            "owner_unit": units["CA-HA-NOI"],
            "classification": "mat",
        },
    )
    low = client_for(make_user(units["CDN"], "coordinator", "thuong"))
    answers = set()
    for bad in (f"events.mediaitem:{hidden.pk}", "events.mediaitem:99999999", "abc"):
        response = low.post(f"/articles/articles/{again.pk}/media/", {"target": bad})
        assert response.status_code == 400
        answers.add(response.content)
    assert len(answers) == 1 and b"Tin m" not in answers.pop()
    assert c.post(f"/articles/articles/{again.pk}/media/", {"target": ""}).status_code == 400
    again.refresh_from_db()
    assert again.media_item_id is None
    api = c.post(
        f"/api/v1/articles/{again.pk}/media-item/",
        {"target": accept.target_key(item)},
        content_type="application/json",
    )
    assert api.status_code == 200 and api.json()["media_item"] == item.pk
    officer_article = crafted(users["qninh"], units["CA-QUANG-NINH"], "Hợp tác với INTERPOL.", {})
    officer = client_for(users["qninh"])
    assert (
        officer.post(f"/articles/articles/{officer_article.pk}/media/", {"target": "new"}).status_code == 403
    )
    other = client_for(make_user(units["CA-HA-NOI"], "officer", "tuyet_mat"))
    assert other.post(f"/articles/articles/{officer_article.pk}/media/", {"target": "new"}).status_code == 404
    officer_article.refresh_from_db()
    assert officer_article.media_item_id is None


def test_an_agency_page_shows_the_articles_it_came_from_to_those_who_see_them(coord, units):
    """The agency profile draws the panels registered for agencies (core.panels): the Sources
    panel names the article an agency was created or linked from, and only to a viewer who may
    see that article."""
    text = "Đoàn công tác làm việc với GCNP và với Cục Điều tra Biên giới Kampot của Campuchia."
    result = {
        "partner_agencies": [
            {"name": "GCNP", "country": "KH", "evidence": "GCNP"},
            {
                "name": "Cục Điều tra Biên giới Kampot",
                "country": "KH",
                "evidence": "Cục Điều tra Biên giới Kampot",
            },
        ]
    }
    article = crafted(coord, units["CDN"], text, result, classification="mat")
    known, new = FactProposal.objects.filter(article=article).order_by("start")
    gcnp = ForeignAgency.objects.get(acronym="GCNP")
    services.proposal_accept(actor=coord, proposal=known, target=accept.target_key(gcnp))
    services.proposal_accept(actor=coord, proposal=new, target="new")
    created = ForeignAgency.objects.get(name_vi="Cục Điều tra Biên giới Kampot")
    for agency in (gcnp, created):
        page = client_for(coord).get(agency.get_absolute_url()).content.decode()
        assert 'data-testid="article-sources"' in page and article.get_absolute_url() in page
    # Cleared for unclassified records only: sees GCNP, not the classified article.
    officer = make_user(units["CDN"], "coordinator", "thuong")
    assert not Article.objects.visible_to(officer).filter(pk=article.pk).exists()
    page = client_for(officer).get(gcnp.get_absolute_url())
    assert page.status_code == 200
    body = page.content.decode()
    assert 'data-testid="article-sources"' not in body and article.get_absolute_url() not in body
    assert "Kampot" not in body


def _kampot(coord, units, lead="Đoàn công tác", **extra):
    text = f"{lead} làm việc với GCNP và với Cục Điều tra Biên giới Kampot của Campuchia."
    result = {
        "partner_agencies": [
            {"name": "GCNP", "country": "KH", "evidence": "GCNP"},
            {
                "name": "Cục Điều tra Biên giới Kampot",
                "country": "KH",
                "evidence": "Cục Điều tra Biên giới Kampot",
            },
        ]
    }
    article = crafted(coord, units["CDN"], text, result, **extra)
    return (article, *FactProposal.objects.filter(article=article).order_by("start"))


def test_accepting_an_agency_proposes_its_relationship_with_the_reviewers_unit_once(coord, units):
    """ "Also propose a relationship with <unit>": created through relationship_create from the
    article's date for a new agency; a later article links that relationship instead; an agency
    already related to the unit (GCNP and Cục Đối ngoại since 1995) gets no second one."""
    from partners.models import Relationship

    assert coord.unit == units["CDN"]
    article, known, new = _kampot(coord, units)
    gcnp = ForeignAgency.objects.get(acronym="GCNP")
    c = client_for(coord)
    form = c.get(f"/articles/facts/{known.pk}/accept/").content.decode()
    assert 'data-testid="propose-relationship"' in form and 'data-testid="already-related"' in form
    assert str(units["CDN"]) in form
    count = Relationship.objects.count()
    response = c.post(
        f"/articles/facts/{known.pk}/accept/", {"target": accept.target_key(gcnp), "relationship": "1"}
    )
    assert response.status_code == 302 and Relationship.objects.count() == count
    response = c.post(f"/articles/facts/{new.pk}/accept/", {"target": "new", "relationship": "1"})
    assert response.status_code == 302
    created = ForeignAgency.objects.get(name_vi="Cục Điều tra Biên giới Kampot")
    rel = Relationship.objects.get(agency=created)
    assert Relationship.objects.count() == count + 1
    assert rel.owner_unit == units["CDN"] and rel.start == datetime.date(2025, 11, 12) and rel.end is None
    assert rel.created_by == coord and "Bài thử" in rel.notes
    change = ObjectChange.objects.filter(
        content_type=ContentType.objects.get_for_model(Article), object_id=str(article.pk)
    ).latest("pk")
    assert "relationship" in str(change.postchange_data) and created.name_vi not in str(
        change.postchange_data
    )
    # A second article through the API: the relationship is linked, never duplicated.
    _second, _gcnp, again = _kampot(coord, units, lead="Đoàn thứ hai")
    response = c.post(
        f"/api/v1/articles/facts/{again.pk}/accept/",
        {"target": accept.target_key(created), "relationship": True},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert Relationship.objects.filter(agency=created).count() == 1
    assert Relationship.objects.count() == count + 1


def test_a_relationship_needs_an_agency_record_and_bad_requests_write_nothing(coord, units):
    """The flag without an agency (accepted alone), or on another kind of fact, is refused with
    a clear error; nothing is written."""
    from partners.models import Relationship

    article, _known, new = _kampot(coord, units)
    text = "Bộ Công an hợp tác với Nhật Bản."
    other = crafted(
        coord,
        units["CDN"],
        text,
        {
            "partner_countries": [
                {"name": "Nhật Bản", "iso2": "JP", "role": "partner", "evidence": "Nhật Bản"}
            ]
        },
        confirm=True,
    )
    country_fact = FactProposal.objects.get(article=other)
    c = client_for(coord)
    count, agencies, hist = (
        Relationship.objects.count(),
        ForeignAgency.objects.count(),
        history_count(article),
    )
    for fact, target in (
        (new, ""),
        (country_fact, f"partners.country:{Country.objects.get(code='JP').pk}"),
    ):
        response = c.post(f"/articles/facts/{fact.pk}/accept/", {"target": target, "relationship": "1"})
        assert response.status_code == 400 and "quan hệ" in response.content.decode().lower()
        api = c.post(
            f"/api/v1/articles/facts/{fact.pk}/accept/",
            {"target": target, "relationship": True},
            content_type="application/json",
        )
        assert api.status_code == 400 and "relationship" in api.json()["error"]["fields"]
    response = c.post(
        f"/api/v1/articles/facts/{new.pk}/accept/",
        {"target": "new", "relationship": "maybe"},
        content_type="application/json",
    )
    assert response.status_code == 400
    new.refresh_from_db()
    assert new.status == "pending" and new.linked_id is None
    assert Relationship.objects.count() == count and ForeignAgency.objects.count() == agencies
    assert history_count(article) == hist


def _signing(coord, units, lead="Hai bên", symbol=None, date_iso="2025-11-10", **extra):
    text = f"{lead} đã ký Bản ghi nhớ hợp tác phòng chống tội phạm với Lào tại Viêng Chăn."
    result = {
        "events": [
            {
                "type": "signing",
                "date": "",
                "date_iso": date_iso,
                "place": "Viêng Chăn",
                "summary": "Bản ghi nhớ hợp tác phòng chống tội phạm",
                "evidence": "đã ký Bản ghi nhớ hợp tác phòng chống tội phạm",
            }
        ],
        "partner_countries": [{"name": "Lào", "iso2": "LA", "role": "partner", "evidence": "Lào"}],
    }
    if symbol:
        text += f" Văn bản số {symbol}."
        result["doc_symbols"] = [{"symbol": symbol, "evidence": symbol}]
    article = crafted(coord, units["CDN"], text, result, confirm=True, **extra)
    facts = FactProposal.objects.filter(article=article)
    return article, facts.get(field="events"), facts.get(field="partner_countries")


def test_a_signing_records_its_instrument_once_with_date_and_countries(coord, units):
    """A signing fact, accepted with "also the instrument": a new instrument through
    instrument_create (signed on the event day, the article's accepted partner countries, title
    from the evidence), linked by the fact and showing the article; a second article naming it
    links it instead of duplicating it."""
    from instruments.models import Instrument

    article, signing, country = _signing(coord, units)
    services.proposal_accept(
        actor=coord, proposal=country, target=f"partners.country:{Country.objects.get(code='LA').pk}"
    )
    c = client_for(coord)
    form = c.get(f"/articles/facts/{signing.pk}/accept/").content.decode()
    assert 'data-testid="record-instrument"' in form
    count = Instrument.objects.count()
    response = c.post(f"/articles/facts/{signing.pk}/accept/", {"target": "", "instrument": "1"})
    assert response.status_code == 302, response.content
    assert Instrument.objects.count() == count + 1
    inst = Instrument.objects.latest("pk")
    assert inst.status == "signed" and inst.signed_on == datetime.date(2025, 11, 10) and inst.type == "mou"
    assert inst.title == "Bản ghi nhớ hợp tác phòng chống tội phạm" and inst.created_by == coord
    assert list(inst.countries.values_list("code", flat=True)) == ["LA"]
    signing.refresh_from_db()
    assert signing.linked_id == str(inst.pk) and signing.linked_created
    assert article.get_absolute_url() in c.get(inst.get_absolute_url()).content.decode()
    _second, again, _country = _signing(coord, units, lead="Hôm qua hai bên")
    assert accept.instrument_candidates(user=coord, proposal=again) == [inst]
    response = c.post(
        f"/api/v1/articles/facts/{again.pk}/accept/", {"instrument": True}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert Instrument.objects.count() == count + 1
    again.refresh_from_db()
    assert again.linked_id == str(inst.pk) and not again.linked_created


def test_a_signing_links_the_visible_instrument_of_its_symbol_never_a_hidden_one(users, units):
    """The article's document symbol finds the visible instrument with that symbol; one the
    reviewer may not see is not matched: a new one is created instead, and the hidden one is
    never named."""
    from instruments import services as instruments
    from instruments.models import Instrument

    coord = users["doingoai"]
    data = {
        "title": "Thỏa thuận hợp tác Mekong",
        "symbol": "12/2024/TTHT",
        "type": "agreement",
        "level": "ministry",
        "status": "signed",
        "signed_on": datetime.date(2024, 5, 2),
        "owner_unit": units["CDN"],
    }
    visible = instruments.instrument_create(actor=SYSTEM, data={**data, "classification": "thuong"})
    hidden = instruments.instrument_create(
        actor=SYSTEM, data={**data, "title": "Thỏa thuận mật Xiêm", "classification": "mat"}
    )
    _article, signing, _c = _signing(coord, units, symbol="12/2024/TTHT")
    assert accept.instrument_candidates(user=coord, proposal=signing)[:2] == [visible, hidden]
    officer = make_user(units["CDN"], "coordinator", "thuong")
    _article2, fact, _c2 = _signing(officer, units, lead="Chiều nay hai bên", symbol="12/2024/TTHT")
    assert accept.instrument_candidates(user=officer, proposal=fact) == [visible]
    form = client_for(officer).get(f"/articles/facts/{fact.pk}/accept/").content.decode()
    assert "Xiêm" not in form and visible.title in form
    count = Instrument.objects.count()
    services.proposal_accept(actor=officer, proposal=fact, instrument=True)
    fact.refresh_from_db()
    assert fact.linked_id == str(visible.pk) and Instrument.objects.count() == count


def test_an_instrument_needs_a_signing_and_a_date_and_bad_requests_write_nothing(coord, units):
    """The flag on a fact that is no signing, on a signing without a date, or not a boolean,
    is refused with a clear error; nothing is written."""
    from instruments.models import Instrument

    article, signing, country = _signing(coord, units, date_iso="")
    c = client_for(coord)
    count, hist = Instrument.objects.count(), history_count(article)
    for fact in (signing, country):
        response = c.post(f"/articles/facts/{fact.pk}/accept/", {"target": "", "instrument": "1"})
        assert response.status_code == 400 and response.content
        api = c.post(
            f"/api/v1/articles/facts/{fact.pk}/accept/", {"instrument": True}, content_type="application/json"
        )
        assert api.status_code == 400 and api.json()["error"]["fields"]
    api = c.post(
        f"/api/v1/articles/facts/{signing.pk}/accept/", {"instrument": "x"}, content_type="application/json"
    )
    assert api.status_code == 400
    signing.refresh_from_db()
    assert signing.status == "pending" and signing.linked_id is None
    assert Instrument.objects.count() == count and history_count(article) == hist
