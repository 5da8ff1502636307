"""Spec of the articles app's business model for the generated tests."""

from __future__ import annotations

import itertools

from articles import services
from articles.models import Article
from core.testing import ModelSpec, register_spec

_n = itertools.count(1)

TEXT = (
    "Ngày 11/11/2025, tại Hà Nội, Bộ Công an tổ chức Hội nghị toàn quốc tổng kết công tác đối ngoại "
    "với sự tham dự của hơn 300 đại biểu. Hội nghị đánh giá kết quả hợp tác quốc tế trong phòng, "
    "chống tội phạm xuyên quốc gia."
)


def make_article(actor, unit, classification="thuong", **extra):
    n = next(_n)
    data = {
        "title": f"Hội nghị tổng kết công tác hợp tác quốc tế số {n}",
        "source_name": "Báo Công an nhân dân",
        "url": f"https://cand.com.vn/bai-viet-{n}",
        "published_on": "2025-11-12",
        "text": f"{TEXT} Bài số {n}.",
        "owner_unit": unit,
        "classification": classification,
        **extra,
    }
    # Test articles share most of their words: they are recorded as confirmed duplicates.
    return services.article_create(actor=actor, data=data, confirm_duplicate=True)


def _article_form(unit, api=False):
    return {
        "title": "Đối ngoại Công an nhân dân đi trước, mở đường",
        "source_name": "ANTV",
        "url": "https://antv.gov.vn/doi-ngoai",
        "published_on": "2026-03-02" if api else "02/03/2026",
        "text": (
            "Bộ Công an đã thiết lập quan hệ hợp tác với 164 cơ quan thực thi pháp luật của 65 quốc gia, "
            "là thành viên của 18 tổ chức quốc tế và 13 diễn đàn đa phương."
        ),
        "owner_unit": unit.pk,
        "classification": "thuong",
    }


register_spec(
    ModelSpec(
        model=Article,
        make=make_article,
        form_data=_article_form,
        api_data=lambda unit: _article_form(unit, api=True),
        update_data={"title": "Đối ngoại CAND: bài đã sửa"},
        invalid_data={"published_on": "not-a-date"},
        search_word="hop tac",
        api_basename="article",
    )
)
