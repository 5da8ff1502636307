"""The fact extractor: evidence at its offsets, the seeds' facts, and the general rules on
sentences of the same kind that are not in the seeds."""

from __future__ import annotations

import datetime
import json

import pytest
from hypothesis import given as hypothesis_given
from hypothesis import settings
from hypothesis import strategies as st

from articles.extraction import FIELDS, article_end, extract
from articles.tests.helpers import seeds

SEEDS = seeds()
# Words of the seeds, punctuation attached, and a few number and date forms: the raw material of
# random articles.
WORDS = sorted({w for _n, text, _g, _d in SEEDS for w in text.split()} | {"\n", "\n\n", "14/11", "1,5", "kg"})
D = datetime.date


def _facts(text: str, published: datetime.date | None = None) -> dict:
    return extract(text, published, use_database=False)


def _evidence_ok(text: str, facts: dict) -> None:
    for field in FIELDS:
        for item in facts[field]:
            assert text[item["start"] : item["end"]] == item["evidence"], (field, item)
    if facts["published"] and "evidence" in facts["published"]:
        p = facts["published"]
        assert text[p["start"] : p["end"]] == p["evidence"]


@pytest.mark.parametrize(("name", "text", "gold", "given"), SEEDS, ids=[s[0] for s in SEEDS])
def test_every_evidence_is_the_text_at_its_offsets(name, text, gold, given):
    """For every seed, each fact's evidence is exactly text[start:end] (and so is the gold's)."""
    facts = _facts(text, given)
    _evidence_ok(text, facts)
    _evidence_ok(text, gold)
    json.dumps(facts)  # JSON-ready


@pytest.mark.parametrize(("name", "text", "gold", "given"), SEEDS, ids=[s[0] for s in SEEDS])
def test_the_output_has_every_field_and_is_deterministic(name, text, gold, given):
    """The same text gives the same facts, with every field present as a list."""
    first, second = _facts(text, given), _facts(text, given)
    assert first == second
    assert all(isinstance(first[field], list) for field in FIELDS)


def test_the_seeds_key_facts():
    """The facts the issue names come out of the seeds."""
    by_name = {name: _facts(text, given) for name, text, _gold, given in SEEDS}
    s000, s002, s003 = (
        by_name["000_916a9122d9b49247.txt"],
        by_name["002_ae7e66d1d63a6b95.txt"],
        by_name["003_ae0d256a4d1ccbe2.txt"],
    )
    assert {(h["what"], h["value"], h["of_countries"]) for h in s000["headline_counts"]} >= {
        ("agencies", 164, 65),
        ("countries_signing_convention", 72, None),
    }
    assert {(q["value"], q["unit"], q["qualifier"]) for q in s002["quantities"]} >= {
        (44, "kg", "khoảng"),
        (19, "kg", ""),
    }
    assert [c["iso2"] for c in s002["partner_countries"] if c["role"] == "partner"] == ["KH", "US"]
    assert {s["symbol"] for s in s003["doc_symbols"]} == {"59-NQ/TW", "153/NQ-CP", "50-CTr/ĐUCA", "82-KL/TW"}
    assert [(e["type"], e["date_iso"], e["place"]) for e in s003["events"]] == [
        ("conference", "2025-11-11", "Hà Nội")
    ]
    assert s000["published"]["date"] == "2026-03-02"


def test_related_news_bylines_and_teasers_are_not_the_article():
    """Facts after the byline or in the related-news list are not proposed."""
    for name, text, _gold, given in SEEDS:
        facts = _facts(text, given)
        cut = article_end(text)
        assert cut < len(text), name
        assert all(item["end"] <= cut for field in FIELDS for item in facts[field]), name
    names = {p["name"] for _n, text, _g, given in SEEDS for p in _facts(text, given)["people"]}
    assert "Phạm Minh Chính" not in names and "Donald Trump" not in names and "Hồ Chí Minh" not in names


BODY = "x " * 110 + "\n\n"  # a paragraph long enough to start the article body


def test_ranks_honorifics_and_titles_are_split_from_names():
    """Rank and honorific are not part of the name; a foreign official's side is the country in the title."""
    text = (
        "Thiếu tướng Trần Văn Bình, Cục trưởng Cục Cảnh sát hình sự cho biết đã phối hợp với cảnh sát Lào. "
        "Bà Jane Doe, Đại sứ Australia tại Việt Nam, phát biểu. Bộ trưởng Bộ Nội vụ Campuchia Sar Kheng hội đàm."
    )
    people = {p["name"]: p for p in _facts(text)["people"]}
    assert people["Trần Văn Bình"]["rank"] == "Thiếu tướng"
    assert people["Trần Văn Bình"]["title"] == "Cục trưởng Cục Cảnh sát hình sự"
    assert people["Trần Văn Bình"]["side"] == "VN"
    assert people["Jane Doe"]["side"] == "AU" and people["Jane Doe"]["rank"] == ""
    assert people["Sar Kheng"]["side"] == "KH"


def test_one_word_country_names_inside_a_persons_name_are_not_countries():
    """ "Nga" in "Nguyễn Phương Nga" and "Đức" in a byline are not Russia and Germany."""
    text = "Bà Nguyễn Phương Nga trình bày tham luận. Đoàn Bộ Công an thăm Nga và Đức. Lào Cai đón khách."
    codes = [c["iso2"] for c in _facts(text)["partner_countries"]]
    assert codes == ["RU", "DE"]


def test_dates_take_the_year_from_the_text_or_the_publication():
    """A written year wins; else the publication's, the year before when the date would follow it."""
    text = BODY + (
        "Ngày 5/3/2024, tại Hà Nội, Bộ Công an tổ chức Hội nghị quốc tế về phòng, chống ma túy. "
        "Tháng 12 vừa qua, Bộ Công an phối hợp với cảnh sát Thái Lan phá Chuyên án 123T, thu giữ 1,5 tấn ma túy. "
        "Từ ngày 8 đến ngày 10/1, Bộ Công an tổ chức lớp tập huấn cho cán bộ đối ngoại."
    )
    events = {(e["type"], e["date_iso"]) for e in _facts(text, D(2025, 1, 20))["events"]}
    assert events == {
        ("conference", "2024-03-05"),
        ("operation", "2024-12"),
        ("training", "2025-01-08/2025-01-10"),
    }


def test_planned_activities_are_not_events():
    """What is planned or intended is not an event."""
    text = (
        BODY
        + "Dự kiến ngày 20/5, Bộ Công an sẽ tổ chức Hội nghị với INTERPOL. Bộ Công an có kế hoạch tổ chức lớp tập huấn ngày 3/6."
    )
    assert _facts(text, D(2025, 5, 1))["events"] == []


def test_quantities_values_units_and_qualifiers():
    """Decimal commas, thousands dots, money multipliers and qualifiers; ages and ordinals are not quantities."""
    text = (
        "Lực lượng chức năng bắt giữ gần 1.200 đối tượng, thu giữ 2,5 kg heroin và 3 tỷ đồng; "
        "ít nhất 50 người được giải cứu. Đối tượng 35 tuổi, lần thứ 2 vi phạm. Hơn 300 đại biểu dự."
    )
    got = {(q["value"], q["unit"], q["qualifier"]) for q in _facts(text)["quantities"]}
    assert got == {
        (1200, "person", "gần"),
        (2.5, "kg", ""),
        (3_000_000_000, "VND", ""),
        (50, "person", "ít nhất"),
        (300, "delegate", "hơn"),
    }


def test_headline_counts():
    """Top-line figures go to headline_counts, not quantities; "2 nước" is the two sides."""
    text = "Bộ Công an có quan hệ với 170 cơ quan thực thi pháp luật của 70 quốc gia; lực lượng 2 nước phối hợp; ký kết hơn 200 văn bản hợp tác."
    facts = _facts(text)
    assert {(h["what"], h["value"], h["of_countries"]) for h in facts["headline_counts"]} == {
        ("agencies", 170, 70),
        ("cooperation_documents", 200, None),
    }
    assert facts["quantities"] == []


def test_bodies_from_the_reference_list_in_any_case():
    """Bodies by Vietnamese name, English name or acronym, in either case, under one canonical name."""
    text = "Phối hợp với Interpol, Văn phòng UNODC và Tổ chức Cảnh sát các quốc gia Đông Nam Á; Liên Hợp Quốc hoan nghênh."
    assert {b["name"] for b in _facts(text)["multilateral_bodies"]} == {
        "INTERPOL",
        "UNODC",
        "ASEANAPOL",
        "UN",
    }


def test_vietnam_and_vietnamese_units_are_not_partners():
    """Viet Nam is never a partner country and Vietnamese units are not foreign agencies."""
    text = "Công an Việt Nam phối hợp với Bộ Công an Trung Quốc; Cục Đối ngoại chủ trì."
    facts = _facts(text)
    assert [c["iso2"] for c in facts["partner_countries"]] == ["CN"]
    assert [(a["name"], a["country"]) for a in facts["partner_agencies"]] == [("Bộ Công an Trung Quốc", "CN")]


def test_english_text():
    """English articles: agencies of countries, ranks, quantities with English qualifiers."""
    text = "Colonel John Smith said the police of Cambodia seized more than 20 kg of heroin with INTERPOL."
    facts = _facts(text)
    assert [(p["name"], p["rank"]) for p in facts["people"]] == [("John Smith", "Colonel")]
    assert {(q["value"], q["unit"], q["qualifier"]) for q in facts["quantities"]} == {(20, "kg", "more than")}
    assert [c["iso2"] for c in facts["partner_countries"]] == ["KH"]


@pytest.mark.django_db
def test_the_registry_is_used_when_the_database_answers(users):
    """With the database, the registry's names are the gazetteer; agencies as the user sees them."""
    text = "Đoàn Cảnh sát Quốc gia Campuchia thăm Việt Nam; hợp tác trong khuôn khổ ASEANAPOL."
    facts = extract(text, user=users["doingoai"])
    assert facts["gazetteer"] == "registry"
    assert [a.get("registry_name") for a in facts["partner_agencies"]] == ["Cảnh sát Quốc gia Campuchia"]
    assert {b["name"] for b in facts["multilateral_bodies"]} == {"ASEANAPOL"}


def test_visits_repatriations_and_foreign_officials():
    """Visit direction from where the delegation goes; a foreign official's side from the country named before."""
    text = BODY + (
        "Ngày 5-7/3/2024, Đoàn công tác Bộ Công an Việt Nam do Thứ trưởng Nguyễn Văn Long dẫn đầu thăm chính thức Lào. "
        "Từ ngày 10 đến ngày 12/6, Đoàn đại biểu Bộ Nội vụ Campuchia do Bộ trưởng Sar Sokha dẫn đầu thăm và làm việc tại Việt Nam. "
        "Ngày 20/8, tại cửa khẩu, Công an tỉnh Tây Ninh tiếp nhận 45 công dân Việt Nam do phía Campuchia trao trả."
    )
    facts = _facts(text, D(2024, 9, 1))
    assert {(e["type"], e["date_iso"]) for e in facts["events"]} == {
        ("visit_out", "2024-03-05/2024-03-07"),
        ("visit_in", "2024-06-10/2024-06-12"),
        ("repatriation", "2024-08-20"),
    }
    people = {p["name"]: p["side"] for p in facts["people"]}
    assert people == {"Nguyễn Văn Long": "VN", "Sar Sokha": "KH"}
    assert {c["iso2"]: c["role"] for c in facts["partner_countries"]} == {"LA": "partner", "KH": "partner"}


def test_english_titles_and_ranks():
    """ "Secretary General" is a title, not the rank "General"; English dates are read."""
    text = (
        BODY
        + "On 5 March 2024, Minister Sar Kheng met Senior Lieutenant General Nguyen Van Long at the conference in Hanoi. INTERPOL Secretary General Jürgen Stock spoke."
    )
    facts = _facts(text)
    assert {(p["name"], p["rank"], p["title"]) for p in facts["people"]} == {
        ("Sar Kheng", "", "Minister"),
        ("Nguyen Van Long", "Senior Lieutenant General", ""),
        ("Jürgen Stock", "", "Secretary General"),
    }
    assert [(e["type"], e["date_iso"]) for e in facts["events"]] == [("conference", "2024-03-05")]


def test_small_numbers_in_words_and_datelines_with_ngay():
    """ "hai đối tượng" is 2 persons; "Thứ Hai, ngày 02/03/2026" is a dateline."""
    text = "Thứ Hai, ngày 02/03/2026 09:57\n\nCông an bắt giữ hai đối tượng người Trung Quốc, thu giữ năm bánh heroin vào năm 2025."
    facts = _facts(text)
    assert facts["published"]["date"] == "2026-03-02"
    assert {(q["value"], q["unit"]) for q in facts["quantities"]} == {(2, "person"), (5, "block")}
    assert [(c["iso2"], c["role"]) for c in facts["partner_countries"]] == [("CN", "nationality_of_suspects")]


def test_today_and_yesterday_are_the_publication_date():
    """ "sáng nay" and "hôm qua" are read against the publication date."""
    text = (
        BODY
        + "Sáng nay, tại Hà Nội, Bộ Công an tổ chức Hội nghị với INTERPOL. Hôm qua, Bộ Công an tổ chức lớp tập huấn."
    )
    events = {(e["type"], e["date_iso"]) for e in _facts(text, D(2025, 3, 1))["events"]}
    assert events == {("conference", "2025-03-01"), ("training", "2025-02-28")}


def test_agencies_with_words_between_the_agency_word_and_the_country():
    """ "Cảnh sát Hoàng gia Thái Lan", "Cục Điều tra Liên bang Mỹ"; forces sent to a country are no agency."""
    text = (
        "Bộ Công an phối hợp với Cảnh sát Hoàng gia Thái Lan và Cục Điều tra Liên bang Mỹ (FBI) bắt giữ đối tượng. "
        "Quân đội hai nước triển khai lực lượng tới Greenland."
    )
    agencies = [(a["name"], a["country"]) for a in _facts(text)["partner_agencies"]]
    assert agencies == [("Cảnh sát Hoàng gia Thái Lan", "TH"), ("Cục Điều tra Liên bang Mỹ", "US")]


def test_either_tone_mark_convention_matches_and_evidence_stays_as_written():
    """ "Gìn giữ hoà bình" matches the registry's "hòa bình"; the evidence keeps the article's spelling."""
    text = "Công an nhân dân tham gia Cơ quan Gìn giữ hoà bình Liên hợp quốc; Uỷ viên Bộ Chính trị, Đại tướng Tô Lâm dự."
    facts = _facts(text)
    _evidence_ok(text, facts)
    bodies = {b["name"]: b["as_written"] for b in facts["multilateral_bodies"]}
    assert bodies == {"DPO": "Cơ quan Gìn giữ hoà bình Liên hợp quốc"}


@settings(max_examples=40, deadline=None)
@hypothesis_given(st.lists(st.sampled_from(WORDS), max_size=300))
def test_any_text_gives_evidence_at_its_offsets(words):
    """Whatever the text, the extractor does not fail and every evidence is at its offsets."""
    text = " ".join(words)
    _evidence_ok(text, _facts(text, D(2025, 11, 15)))


def test_a_dated_meeting_of_a_registered_forum_is_an_event():
    """ "Hội nghị Bộ trưởng ASEAN về …" is a body's name; dated, it is also a conference."""
    text = BODY + (
        "Ngày 20/8/2024, tại Hà Nội, diễn ra Hội nghị Bộ trưởng ASEAN về phòng, chống tội phạm xuyên quốc gia lần thứ 18. "
        "Việt Nam là thành viên tích cực của Diễn đàn Khu vực ASEAN."
    )
    facts = _facts(text)
    assert [(e["type"], e["date_iso"], e["place"]) for e in facts["events"]] == [
        ("conference", "2024-08-20", "Hà Nội")
    ]
    assert {b["name"] for b in facts["multilateral_bodies"]} == {"AMMTC", "ARF"}


def test_agencies_count_without_countries():
    """ "hơn 200 cơ quan thực thi pháp luật" is a headline count even without "của N quốc gia"."""
    text = "Bộ Công an có quan hệ với hơn 200 cơ quan thực thi pháp luật; 164 cơ quan của 65 quốc gia."
    got = [
        (h["what"], h["value"], h["of_countries"], h["qualifier"]) for h in _facts(text)["headline_counts"]
    ]
    assert got == [("agencies", 200, None, "hơn"), ("agencies", 164, 65, "")]
