"""The instruments' daily jobs in the tracking engine's round: expiry alerts and yearly plans."""

from __future__ import annotations

import datetime

import pytest

from core.context import SYSTEM
from instruments import services
from instruments.alerts import send_expiry_alerts
from tracking import reminders
from tracking.models import Notification

pytestmark = pytest.mark.django_db
D = datetime.date


def test_expiry_alert_goes_once_to_coordinators_and_the_owner_units_heads(units, users, settings):
    settings.HOPTAC_EXPIRY_ALERT_DAYS = 60
    instrument = services.instrument_create(
        actor=SYSTEM,
        data={
            "title": "Bản ghi nhớ về hợp tác đào tạo sắp hết hạn",
            "type": "mou",
            "level": "ministry",
            "status": "in_force",
            "signed_on": D(2020, 1, 10),
            "in_force_on": D(2020, 1, 10),
            "expires_on": D(2031, 3, 1),
            "owner_unit": units["CA-QUANG-NINH"],
        },
        follow_ups=False,
    )
    key = f"expiry:{instrument.pk}:2031-03-01"
    assert send_expiry_alerts(D(2030, 12, 1)) == 0  # 90 days ahead: not yet
    sent = send_expiry_alerts(D(2031, 1, 5))
    recipients = set(Notification.objects.filter(key=key).values_list("recipient__username", flat=True))
    assert {"doingoai", "qninh_truong"} <= recipients and "qninh" not in recipients
    assert sent == len(recipients)
    assert send_expiry_alerts(D(2031, 1, 6)) == 0  # once per expiry date
    assert send_expiry_alerts(D(2031, 3, 2)) == 0  # expired: the expiry calendar shows it


def test_the_daily_round_runs_the_instruments_jobs():
    assert {"expiry_alerts", "yearly_plans"} <= set(reminders.DAILY_JOBS)
    counts = reminders.daily_round(D(2031, 1, 5))
    assert "expiry_alerts" in counts and "yearly_plans" in counts
    again = reminders.daily_round(D(2031, 1, 5))
    assert again["expiry_alerts"] == 0 and again["yearly_plans"] == 0


def test_a_renewal_decision_date_is_announced_before_the_expiry(units):
    instrument = services.instrument_create(
        actor=SYSTEM,
        data={
            "title": "Thỏa thuận hợp tác có điều khoản gia hạn",
            "type": "agreement",
            "level": "ministry",
            "status": "in_force",
            "signed_on": D(2021, 5, 1),
            "in_force_on": D(2021, 5, 1),
            "expires_on": D(2032, 5, 1),
            "renewal_decision_on": D(2031, 11, 1),
            "renewal_terms": "Tự động gia hạn 5 năm nếu không Bên nào thông báo trước 6 tháng",
            "owner_unit": units["CDN"],
        },
        follow_ups=False,
    )
    assert send_expiry_alerts(D(2031, 9, 1)) > 0
    note = Notification.objects.get(key=f"renewal:{instrument.pk}:2031-11-01", recipient__username="doingoai")
    assert "01/11/2031" in note.title and "gia hạn" in note.body
    assert not Notification.objects.filter(key__startswith=f"expiry:{instrument.pk}:").exists()
