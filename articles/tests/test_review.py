"""Review of proposed facts on the article page: accept, reject or correct, in history."""

from __future__ import annotations

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from articles import services
from articles.models import Article, FactProposal
from articles.tests.fakes import fake_extractor  # noqa: F401  (fixture)
from core.models import ObjectChange
from core.testing import make_user

pytestmark = pytest.mark.django_db

TEXT = "Bộ Công an phối hợp với INTERPOL và ASEANAPOL thực hiện Nghị quyết 59-NQ/TW về hội nhập quốc tế."


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def article(units, users):
    obj = services.article_create(
        actor=users["qninh"],
        data={
            "title": "Bài",
            "text": TEXT,
            "published_on": "2025-11-12",
            "owner_unit": units["CA-QUANG-NINH"],
        },
    )
    services.run_extraction(obj.pk)
    return Article.objects.get(pk=obj.pk)


def history(article):
    return ObjectChange.objects.filter(
        content_type=ContentType.objects.get_for_model(Article), object_id=str(article.pk)
    ).order_by("pk")


def test_accept_reject_and_correct_are_recorded_in_the_articles_history(article, users):
    """Each review changes the proposal's status and adds a line to the article's history."""
    c = client_for(users["qninh"])
    first, second, third = FactProposal.objects.filter(article=article).order_by("start")[:3]
    before = history(article).count()
    response = c.post(f"/articles/facts/{first.pk}/review/", {"status": "accepted"})
    assert response.status_code == 302 and response["Location"].endswith(f"#fact-{first.pk}")
    assert c.post(f"/articles/facts/{second.pk}/review/", {"status": "rejected"}).status_code == 302
    corrected = {"name": "ASEANAPOL", "as_written": "ASEANAPOL"}
    response = c.post(
        f"/articles/facts/{third.pk}/review/",
        {"status": "corrected", "value": json.dumps(corrected), "note": "tên chuẩn"},
    )
    assert response.status_code == 302
    statuses = dict(FactProposal.objects.filter(article=article).values_list("pk", "status"))
    assert [statuses[p.pk] for p in (first, second, third)] == ["accepted", "rejected", "corrected"]
    third.refresh_from_db()
    assert third.corrected_value == corrected and third.reviewed_by == users["qninh"]
    assert third.value != corrected  # the proposal keeps what was proposed
    rows = list(history(article))[before:]
    assert len(rows) == 3 and all(r.user == users["qninh"] for r in rows)
    assert rows[-1].postchange_data["status"] == "corrected"
    page = c.get(f"/articles/articles/{article.pk}/history/").content.decode()
    assert "ASEANAPOL" in page


def test_a_correction_is_entered_key_by_key_and_keeps_the_types(article, users):
    """The page's correction form sends one input per key; numbers stay numbers, the
    evidence stays the text's."""
    c = client_for(users["qninh"])
    proposal = FactProposal.objects.filter(article=article, field="multilateral_bodies").first()
    page = c.get(article.get_absolute_url()).content.decode()
    assert 'name="v:name"' in page and 'name="v:evidence"' not in page
    response = c.post(
        f"/articles/facts/{proposal.pk}/review/",
        {"status": "corrected", "v:name": "Tổ chức Cảnh sát hình sự quốc tế", "v:evidence": "x"},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.corrected_value["name"] == "Tổ chức Cảnh sát hình sự quốc tế"
    assert proposal.corrected_value["evidence"] == proposal.evidence
    from articles.forms import _typed

    assert _typed("1,5", 2) == 1.5 and _typed("12", 3) == 12 and _typed("44", 1.5) == 44.0
    assert _typed("", 3) is None and _typed("abc", "x") == "abc"


def test_a_correction_needs_a_value_and_bad_input_changes_nothing(article, users):
    """Correct without a value, with invalid JSON, or an unknown status: 400, nothing written."""
    c = client_for(users["qninh"])
    proposal = FactProposal.objects.filter(article=article).first()
    before = history(article).count()
    for data in (
        {"status": "corrected"},
        {"status": "corrected", "value": "{not json"},
        {"status": "pending"},
        {"status": "maybe"},
    ):
        assert c.post(f"/articles/facts/{proposal.pk}/review/", data).status_code == 400, data
    proposal.refresh_from_db()
    assert proposal.status == "pending" and history(article).count() == before


def test_a_viewer_may_not_review_and_another_unit_does_not_find_the_fact(article, units):
    """The unit's viewer sees the page without review buttons and gets 403; another province gets 404."""
    proposal = FactProposal.objects.filter(article=article).first()
    viewer = make_user(units["CA-QUANG-NINH"], "viewer", "mat")
    page = client_for(viewer).get(article.get_absolute_url()).content.decode()
    assert f"/articles/facts/{proposal.pk}/review/" not in page and f'id="fact-{proposal.pk}"' in page
    assert (
        client_for(viewer).post(f"/articles/facts/{proposal.pk}/review/", {"status": "accepted"}).status_code
        == 403
    )
    other = make_user(units["CA-HA-NOI"], "officer", "tuyet_mat")
    assert (
        client_for(other).post(f"/articles/facts/{proposal.pk}/review/", {"status": "accepted"}).status_code
        == 404
    )
    proposal.refresh_from_db()
    assert proposal.status == "pending"


def test_a_new_extraction_keeps_the_reviewed_facts(article, users):
    """Running the extraction again replaces pending proposals and keeps reviewed ones."""
    c = client_for(users["qninh"])
    reviewed = FactProposal.objects.filter(article=article).first()
    c.post(f"/articles/facts/{reviewed.pk}/review/", {"status": "accepted"})
    total = FactProposal.objects.filter(article=article).count()
    services.run_extraction(article.pk)
    assert FactProposal.objects.filter(article=article).count() == total
    assert FactProposal.objects.get(pk=reviewed.pk).status == "accepted"


def test_the_progress_panel_and_a_review_take_as_many_queries_with_more_data(users, units):
    """The polled panel and a review post cost the same with few and with many articles and facts."""
    from articles import extraction
    from articles.tests.specs import make_article
    from core.testing import count_queries

    qn = units["CA-QUANG-NINH"]
    text = " ".join(f"Hội nghị INTERPOL lần thứ {i} về hợp tác quốc tế." for i in range(30))
    article = services.article_create(
        actor=users["qninh"],
        data={"title": "t", "text": text, "published_on": "2025-11-12", "owner_unit": qn},
    )
    full = extraction.extract(text)
    services.proposals_replace(
        actor=users["qninh"],
        article=article,
        result={**full, "multilateral_bodies": full["multilateral_bodies"][:2]},
    )
    c = client_for(users["qninh"])
    url = f"/articles/articles/{article.pk}/progress/"
    proposal = FactProposal.objects.filter(article=article).first()
    review = f"/articles/facts/{proposal.pk}/review/"
    c.get(url)
    c.post(review, {"status": "accepted"})
    small = (count_queries(lambda: c.get(url)), count_queries(lambda: c.post(review, {"status": "rejected"})))
    for _ in range(5):
        make_article(users["qninh"], qn)
    services.proposals_replace(actor=users["qninh"], article=article, result=full)
    assert FactProposal.objects.filter(article=article).count() == 30
    large = (count_queries(lambda: c.get(url)), count_queries(lambda: c.post(review, {"status": "accepted"})))
    assert large == small


def test_deleting_an_article_deletes_its_proposals(article, users):
    """The unit head deletes an article with its proposed facts; the history keeps the deletion."""
    assert FactProposal.objects.filter(article=article).exists()
    response = client_for(users["qninh_truong"]).post(
        f"/articles/articles/{article.pk}/delete/", {"version": article.version}
    )
    assert response.status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()
    assert not FactProposal.objects.filter(article_id=article.pk).exists()
    assert history(article).last().action == "delete"
