"""Article intake: paste or upload, bad input refused with nothing written, the date read
from the text, duplicates recognised among visible articles, the extraction job and the
article page with its facts highlighted."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from rest_framework.test import APIClient

from articles import services
from articles.choices import ExtractionStatus, ProposalStatus
from articles.models import Article, FactProposal
from articles.tests.fakes import fake_extractor, real_extract  # noqa: F401  (fixture)
from core.context import SYSTEM
from core.models import ObjectChange
from core.testing import count_queries, make_user

pytestmark = pytest.mark.django_db

SEEDS = sorted(__import__("pathlib").Path("/work/shared/seeds").glob("*.txt"))

TEXT = (
    "Thực hiện Nghị quyết 59-NQ/TW của Bộ Chính trị, Bộ Công an phối hợp với INTERPOL và ASEANAPOL "
    "triển khai nhiều hoạt động hợp tác phòng, chống tội phạm xuyên quốc gia trong năm qua, "
    "góp phần bảo đảm an ninh, trật tự và nâng cao vị thế của lực lượng Công an nhân dân."
)
OTHER = (
    "Lực lượng Cảnh sát biển tổ chức diễn tập tìm kiếm cứu nạn trên vùng biển Quảng Ninh với sự tham gia "
    "của nhiều tàu, xuồng và cán bộ, chiến sĩ thuộc các đơn vị chức năng của địa phương."
)


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


def api_for(user):
    c = APIClient()
    c.force_authenticate(user)
    return c


@pytest.fixture
def qn(units):
    return units["CA-QUANG-NINH"]


@pytest.fixture
def officer(users):
    return users["qninh"]


def form(qn, **extra):
    data = {
        "title": "Hợp tác quốc tế phòng, chống tội phạm",
        "source_name": "Báo Công an nhân dân",
        "url": "",
        "published_on": "12/11/2025",
        "text": TEXT,
        "owner_unit": qn.pk,
        "classification": "thuong",
    }
    data.update(extra)
    return {k: v for k, v in data.items() if v is not None}


def counts():
    return Article.objects.count(), ObjectChange.objects.count(), FactProposal.objects.count()


def test_pasted_text_is_taken_in_and_its_facts_proposed_at_their_evidence(
    qn, officer, django_capture_on_commit_callbacks
):
    """Pasting an article stores its text, runs the extraction, and marks each fact in the text."""
    c = client_for(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post("/articles/articles/add/", form(qn))
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.latest("pk")
    assert article.text == TEXT and article.created_by == officer and article.classification == "thuong"
    assert article.extraction_status == ExtractionStatus.DONE and article.extraction_progress == 100
    proposals = list(article.proposals.all())
    assert {p.field for p in proposals} == {"doc_symbols", "multilateral_bodies"}
    for p in proposals:
        assert article.text[p.start : p.end] == p.evidence
        assert p.status == ProposalStatus.PENDING
    page = c.get(article.get_absolute_url()).content.decode()
    assert 'data-testid="extraction-status"' in page
    for p in proposals:
        assert f'id="fact-{p.pk}"' in page and f'href="#fact-{p.pk}"' in page
    assert '<mark class="fact fact-doc_symbols fact-pending"' in page
    assert ">59-NQ/TW</mark>" in page and ">INTERPOL</mark>" in page


def test_an_uploaded_file_is_read_and_its_name_kept(qn, officer):
    """A .txt upload is read as the text; the file's name is kept; the title defaults to a line."""
    upload = SimpleUploadedFile("bai-viet.txt", TEXT.encode("utf-8"), content_type="text/plain")
    response = client_for(officer).post("/articles/articles/add/", form(qn, text="", title="", file=upload))
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.latest("pk")
    assert article.original_filename == "bai-viet.txt" and article.text == TEXT
    assert article.title == TEXT


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_each_seed_article_is_taken_in(seed, qn, officer, monkeypatch, django_capture_on_commit_callbacks):
    """Each seed article, uploaded, is stored as read and the extractor's proposals point at their words."""
    upload = SimpleUploadedFile(seed.name, seed.read_bytes(), content_type="text/plain")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(officer).post(
            "/articles/articles/add/", form(qn, text="", title="", file=upload)
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.latest("pk")
    assert article.extraction_status == ExtractionStatus.DONE
    # Entered without a title, the article takes its headline, not the site's dateline or menu.
    assert 6 <= len(article.title.split()) <= 40 and "GMT" not in article.title
    for p in article.proposals.all():
        assert article.text[p.start : p.end] == p.evidence


BAD_FILES = {
    "empty file": ("vide.txt", b""),
    "binary renamed to .txt": ("anh.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 8),
    "non-Latin text": ("bai.txt", "Министерство общественной безопасности Вьетнама сообщило".encode()),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_files_get_a_clear_error_and_nothing_is_written(case, qn, officer):
    """An empty file, a binary renamed to .txt, text in another script: 400 on the file, nothing written."""
    name, content = BAD_FILES[case]
    before = counts()
    upload = SimpleUploadedFile(name, content, content_type="text/plain")
    response = client_for(officer).post("/articles/articles/add/", form(qn, text="", file=upload))
    assert response.status_code == 400
    errors = response.context["form"].errors["file"]
    assert errors and all(str(e).strip() for e in errors)
    assert counts() == before


def test_a_file_over_the_limit_is_refused_before_it_is_parsed(qn, officer, monkeypatch):
    """HOPTAC_ARTICLE_MAX_BYTES bounds a file; the size is checked before any parsing."""

    def must_not_parse(*args, **kwargs):
        raise AssertionError("parsed a file over the limit")

    monkeypatch.setattr(services, "read_text", must_not_parse)
    before = counts()
    upload = SimpleUploadedFile("lon.pdf", b"%PDF-1.4\n" + b" " * 500, content_type="application/pdf")
    with override_settings(HOPTAC_ARTICLE_MAX_BYTES=64):
        response = client_for(officer).post("/articles/articles/add/", form(qn, text="", file=upload))
    assert response.status_code == 400
    assert "0.1 KB" in str(response.context["form"].errors["file"])
    assert counts() == before


@pytest.mark.parametrize(
    "text",
    ["", "   \n ", "Министерство общественной безопасности Вьетнама сообщило о сотрудничестве"],
    ids=["empty", "blank", "cyrillic"],
)
def test_bad_pasted_text_is_refused_in_the_ui_and_the_api(text, qn, officer):
    """Empty or non-Latin pasted text: 400 with an error on the text, nothing written."""
    before = counts()
    response = client_for(officer).post("/articles/articles/add/", form(qn, text=text))
    assert response.status_code == 400
    assert response.context["form"].errors["text"]
    body = {"title": "x", "text": text, "published_on": "2025-11-12", "owner_unit": qn.pk}
    response = api_for(officer).post("/api/v1/articles/", body, format="json")
    assert response.status_code == 400
    assert "text" in response.json()["error"]["fields"]
    assert counts() == before


def test_the_publication_date_comes_from_the_text_else_the_form_else_an_error(
    qn, officer, monkeypatch, django_capture_on_commit_callbacks
):
    """The date read from the text wins; without one, the entered date; without both, an error."""
    c = client_for(officer)
    before = counts()
    response = c.post("/articles/articles/add/", form(qn, published_on=""))
    assert response.status_code == 400
    assert response.context["form"].errors["published_on"]
    assert counts() == before

    from articles import extraction

    real = extraction.extract
    monkeypatch.setattr(
        extraction, "extract", lambda text, published=None: {**real(text), "published": "2026-03-02"}
    )
    response = c.post("/articles/articles/add/", form(qn, published_on=""))
    assert response.status_code == 302
    assert str(Article.objects.latest("pk").published_on) == "2026-03-02"
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post("/articles/articles/add/", form(qn, text=OTHER, published_on="01/01/2020"))
    assert response.status_code == 302
    assert str(Article.objects.latest("pk").published_on) == "2026-03-02"


def test_duplicates_are_refused_with_a_link_unless_confirmed(qn, officer):
    """Same URL, same text, or nearly the same text (a byline added) is refused with a link to
    the existing article; confirming records it again."""
    c = client_for(officer)
    seed = SEEDS[2].read_text(encoding="utf-8")
    first = services.article_create(
        actor=officer,
        data={
            "title": "Bài gốc",
            "text": seed,
            "published_on": "2025-11-12",
            "owner_unit": qn,
            "url": "https://cand.com.vn/bai-goc",
        },
    )
    cases = {
        "same URL": form(qn, text=OTHER, url="https://cand.com.vn/bai-goc"),
        "same text": form(qn, text=seed),
        "nearly the same": form(
            qn, text="Ảnh: Phóng viên CAND\n" + seed.replace("\n\n", "\n") + "\nTheo Báo CAND"
        ),
    }
    for name, data in cases.items():
        before = counts()
        response = c.post("/articles/articles/add/", data)
        assert response.status_code == 400, name
        page = response.content.decode()
        assert 'data-testid="duplicate"' in page and first.get_absolute_url() in page, name
        assert counts() == before, name
    response = c.post("/articles/articles/add/", {**cases["nearly the same"], "confirm_duplicate": "on"})
    assert response.status_code == 302
    # A different article on another subject is no duplicate.
    assert c.post("/articles/articles/add/", form(qn, text=OTHER)).status_code == 302
    response = api_for(officer).post(
        "/api/v1/articles/",
        {"text": seed, "published_on": "2025-11-12", "owner_unit": qn.pk},
        format="json",
    )
    assert response.status_code == 400
    assert first.get_absolute_url() in str(response.json()["error"]["fields"]["confirm_duplicate"])


def test_duplicates_are_sought_only_among_visible_articles(units, qn, officer):
    """An article of another province, which the officer cannot see, is neither matched nor revealed."""
    hanoi = units["CA-HA-NOI"]
    services.article_create(
        actor=SYSTEM,
        data={"title": "Bài của Hà Nội", "text": TEXT, "published_on": "2025-11-12", "owner_unit": hanoi},
    )
    response = client_for(officer).post("/articles/articles/add/", form(qn))
    assert response.status_code == 302


def test_an_extraction_that_fails_shows_why_and_can_run_again(
    qn, officer, monkeypatch, django_capture_on_commit_callbacks
):
    """A failing extractor marks the article failed with its message; running again succeeds."""
    from articles import extraction

    real = extraction.extract

    def broken(text, published=None):
        raise RuntimeError("extractor exploded")

    c = client_for(officer)
    monkeypatch.setattr(services, "_published_in_text", lambda text: None)
    monkeypatch.setattr(extraction, "extract", broken)
    with django_capture_on_commit_callbacks(execute=True):
        c.post("/articles/articles/add/", form(qn))
    article = Article.objects.latest("pk")
    assert article.extraction_status == ExtractionStatus.FAILED
    page = c.get(article.get_absolute_url()).content.decode()
    assert "extractor exploded" in page and f"/articles/articles/{article.pk}/extract/" in page
    monkeypatch.setattr(extraction, "extract", real)
    with django_capture_on_commit_callbacks(execute=True):
        assert c.post(f"/articles/articles/{article.pk}/extract/").status_code == 302
    article.refresh_from_db()
    assert article.extraction_status == ExtractionStatus.DONE and article.proposals.exists()


def test_items_whose_evidence_is_not_at_their_offsets_are_left_out(qn, officer):
    """Only items whose evidence is exactly the text at [start, end) become proposals."""
    article = services.article_create(
        actor=officer, data={"title": "t", "text": TEXT, "published_on": "2025-11-12", "owner_unit": qn}
    )
    start = TEXT.index("INTERPOL")
    result = {
        "published": None,
        "multilateral_bodies": [
            {"name": "INTERPOL", "evidence": "INTERPOL", "start": start, "end": start + 8},
            {"name": "INTERPOL", "evidence": "INTERPOL", "start": start + 1, "end": start + 9},
            {"name": "ASEAN", "evidence": "ASEAN"},
        ],
    }
    assert services.proposals_replace(actor=officer, article=article, result=result) == 1


def test_the_progress_panel_polls_until_done_and_is_hidden_from_others(units, qn, officer):
    """The panel polls while the job runs; another province's officer gets 404."""
    article = services.article_create(
        actor=officer, data={"title": "t", "text": TEXT, "published_on": "2025-11-12", "owner_unit": qn}
    )
    c = client_for(officer)
    url = f"/articles/articles/{article.pk}/progress/"
    page = c.get(url).content.decode()
    assert 'hx-trigger="every 2s"' in page and 'data-status="queued"' in page
    other = make_user(units["CA-HA-NOI"], "officer", "tuyet_mat")
    assert client_for(other).get(url).status_code == 404
    services.run_extraction(article.pk)
    response = c.get(url, HTTP_HX_REQUEST="true")
    assert 'data-status="done"' in response.content.decode() and response["HX-Refresh"] == "true"


def test_the_article_page_queries_do_not_grow_with_the_facts(qn, officer):
    """The article page's query count is the same with 2 and with 40 proposed facts."""
    text = " ".join(f"Hội nghị INTERPOL lần thứ {i} bàn về hợp tác quốc tế." for i in range(40))
    article = services.article_create(
        actor=officer, data={"title": "t", "text": text, "published_on": "2025-11-12", "owner_unit": qn}
    )
    from articles import extraction

    full = extraction.extract(text)
    few = {**full, "multilateral_bodies": full["multilateral_bodies"][:2]}
    services.proposals_replace(actor=SYSTEM, article=article, result=few)
    c = client_for(officer)
    url = article.get_absolute_url()
    c.get(url)
    small = count_queries(lambda: c.get(url))
    services.proposals_replace(actor=SYSTEM, article=article, result=full)
    assert FactProposal.objects.filter(article=article).count() == 40
    assert count_queries(lambda: c.get(url)) == small
    api = api_for(officer)
    assert count_queries(lambda: api.get("/api/v1/articles/")) == count_queries(
        lambda: api.get("/api/v1/articles/")
    )


def test_the_api_creates_from_text_and_serves_the_proposals_read_only(
    qn, officer, django_capture_on_commit_callbacks
):
    """POST with the text creates the article; its proposals come with it and cannot be written."""
    api = api_for(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            "/api/v1/articles/",
            {
                "title": "Bài qua API",
                "text": TEXT,
                "published_on": "2025-11-12",
                "owner_unit": qn.pk,
                "proposals": [{"field": "people"}],
                "extraction_status": "done",
            },
            format="json",
        )
    assert response.status_code == 201, response.content
    body = response.json()
    article = Article.objects.get(pk=body["id"])
    assert article.text == TEXT
    detail = api.get(f"/api/v1/articles/{article.pk}/").json()
    assert detail["extraction_status"] == "done"
    assert {p["field"] for p in detail["proposals"]} == {"doc_symbols", "multilateral_bodies"}
    for p in detail["proposals"]:
        assert TEXT[p["start"] : p["end"]] == p["evidence"]
    response = api.patch(
        f"/api/v1/articles/{article.pk}/", {"text": "khác", "version": article.version}, format="json"
    )
    assert response.status_code == 400 and "text" in response.json()["error"]["fields"]


def test_an_article_taken_in_by_the_system_is_extracted_as_the_system(qn):
    """The job runs as the system when no user took the article in."""
    article = services.article_create(
        actor=SYSTEM, data={"title": "t", "text": TEXT, "published_on": "2025-11-12", "owner_unit": qn}
    )
    services.run_extraction(article.pk)
    article.refresh_from_db()
    assert article.extraction_status == ExtractionStatus.DONE and article.proposals.count() == 3
