"""``manage.py extract_facts``: JSON only on stdout, clear errors on stderr for bad files."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import translation

from articles.tests.helpers import FIXTURES


@pytest.fixture(autouse=True)
def _english():
    """Messages are matched in English; the Vietnamese ones are checked on their own."""
    with translation.override("en"):
        yield


SEED = FIXTURES / "003_ae0d256a4d1ccbe2.txt"


def _run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("extract_facts", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_prints_one_json_object_and_nothing_else():
    """stdout is exactly one JSON object with every field; the date given is used."""
    out, _err = _run(str(SEED), "--date", "2025-11-11", "--json")
    facts = json.loads(out)
    assert facts["published"] == {"date": "2025-11-11", "source": "given"}
    assert {s["symbol"] for s in facts["doc_symbols"]} >= {"59-NQ/TW", "50-CTr/ĐUCA"}
    assert [e["date_iso"] for e in facts["events"]] == ["2025-11-11"]
    text = SEED.read_text(encoding="utf-8")
    assert all(text[i["start"] : i["end"]] == i["evidence"] for i in facts["people"])


@pytest.mark.django_db
def test_without_date_the_dateline_is_read():
    """Without --date, the page's dateline gives the publication date (and the year of dates)."""
    out, _err = _run(str(FIXTURES / "002_ae7e66d1d63a6b95.txt"), "--json")
    facts = json.loads(out)
    assert facts["published"]["date"] == "2026-01-12" and facts["published"]["source"] == "text"
    assert [(e["type"], e["date_iso"]) for e in facts["events"]] == [("operation", "2025-04")]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.txt", "empty"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00" + bytes(range(256)) * 4, "program.txt", "binary"),
        ("中华人民共和国公安部举行国际执法合作会议".encode(), "zh.txt", "not Vietnamese or English"),
        (
            "Министерство общественной безопасности провело совещание".encode(),
            "ru.txt",
            "not Vietnamese or English",
        ),
    ],
)
def test_bad_files_exit_with_a_clear_error(tmp_path, content, name, message):
    """Empty, binary renamed to .txt, Chinese or Cyrillic text: an error naming the cause."""
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        _run(str(path), "--json")


@override_settings(HOPTAC_ARTICLE_MAX_BYTES=64)
def test_a_pdf_over_the_limit_is_refused(tmp_path):
    """A PDF over the size limit is refused on its size."""
    path = tmp_path / "big.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"0" * 200)
    with pytest.raises(CommandError, match="too large"):
        _run(str(path), "--json")


def test_missing_file_and_bad_date(tmp_path):
    """A missing file or a malformed date is a clear error."""
    with pytest.raises(CommandError, match="Cannot read"):
        _run(str(tmp_path / "none.txt"), "--json")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        _run(str(SEED), "--date", "11/11/2025", "--json")


def test_the_command_prints_json_only_on_stdout_in_a_subprocess(tmp_path):
    """Run as a program, stdout parses as JSON and errors exit non-zero with the message on stderr."""
    import subprocess
    import sys

    from django.conf import settings

    # An empty database of its own: the command falls back to the general data.
    env = {
        "DJANGO_SETTINGS_MODULE": "hoptac.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
    }
    manage = str(settings.BASE_DIR / "manage.py")
    ok = subprocess.run(
        [sys.executable, manage, "extract_facts", str(SEED), "--date", "2025-11-11", "--json"],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["doc_symbols"]
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    bad = subprocess.run(
        [sys.executable, manage, "extract_facts", str(empty), "--json"],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    # Run as a program, the command speaks the site's language (Vietnamese by default).
    assert bad.returncode != 0 and bad.stdout == "" and "Tệp không có nội dung" in bad.stderr
