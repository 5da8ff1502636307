"""Two people edit the same record at the same moment: one wins, the other is refused."""

from __future__ import annotations

import threading

import pytest
from django.db import OperationalError, connection

from core.context import SYSTEM
from core.exceptions import StaleVersion
from core.tests.sampleapp import services
from core.tests.sampleapp.models import SampleRecord
from core.tests.specs import make


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_edits_of_the_same_version(demo):
    """Both load version 1 and save at once; exactly one edit lands, nothing is overwritten."""
    unit = demo["units"]["CA-QUANG-NINH"]
    record = make(SYSTEM, unit)
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(
        ("file:memorydb", ":memory:")
    ):
        pytest.skip("in-memory SQLite is shared by threads without locking between them")
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def edit(title: str) -> None:
        from django.db import connection as thread_connection

        try:
            barrier.wait(timeout=10)
            services.sample_update(actor=SYSTEM, obj=record, data={"title": title}, version=1)
            outcomes[title] = "saved"
        except (StaleVersion, OperationalError) as exc:
            outcomes[title] = exc
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=edit, args=(t,)) for t in ("first", "second")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    saved = [t for t, o in outcomes.items() if o == "saved"]
    refused = [t for t, o in outcomes.items() if o != "saved"]
    assert len(saved) == 1 and len(refused) == 1, outcomes
    fresh = SampleRecord.objects.get(pk=record.pk)
    assert fresh.version == 2 and fresh.title == saved[0]
