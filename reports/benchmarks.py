"""The yearly report as a benchmark of ``make bench`` (registered in ``ReportsConfig.ready``:
the benchmark may not import reports, STYLE.md)."""

from __future__ import annotations

import time
from typing import Any

from django.db import transaction
from django.utils import timezone


def yearly_report(username: str = "doingoai") -> dict[str, Any]:
    """Generate last year's ministry report (Word and Excel) as ``username``; rolled back after."""
    from org.models import User

    from . import services as report_services
    from .models import ReportRun

    user = User.objects.select_related("unit").get(username=username)
    year = timezone.localdate().year - 1
    out: dict[str, Any] = {"user": username, "year": year, "budget_s": 10}
    try:
        with transaction.atomic():
            run = report_services.run_create(
                actor=user,
                data={
                    "title": f"Benchmark {year}",
                    "period_kind": "year",
                    "year": year,
                    "owner_unit": user.unit,
                    "classification": "thuong",
                },
            )
            began = time.perf_counter()
            report_services.generate(run.pk)
            out["seconds"] = round(time.perf_counter() - began, 2)
            run = ReportRun.objects.get(pk=run.pk)
            out["status"] = run.status
            out["ok"] = run.status == "done" and out["seconds"] <= 10
            if run.status != "done":
                out["error"] = getattr(run, "message", "")
            transaction.set_rollback(True)
    except Exception as exc:
        out["error"] = f"{type(exc).__name__}: {exc}"[:300]
    return out
