"""Daily alerts of the instruments module, run by the tracking engine's daily round."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _

from core.context import SYSTEM

from .choices import InstrumentStatus
from .models import Instrument


def alert_days() -> int:
    return int(getattr(settings, "HOPTAC_EXPIRY_ALERT_DAYS", 90))


def _day(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


def send_expiry_alerts(today: datetime.date) -> int:
    """Tell the coordinators and the owner unit's heads that an instrument in force expires soon,
    or that its renewal decision is due soon.

    Once per instrument and date (the key), so a doubled worker or a rerun sends nothing twice.
    """
    from tracking import notify
    from tracking.choices import NotificationKind

    horizon = today + datetime.timedelta(days=alert_days())
    window = {"gte": today, "lte": horizon}
    instruments = Instrument.objects.filter(status=InstrumentStatus.IN_FORCE).filter(
        Q(expires_on__gte=window["gte"], expires_on__lte=window["lte"])
        | Q(renewal_decision_on__gte=window["gte"], renewal_decision_on__lte=window["lte"])
    )
    sent = 0
    for instrument in instruments.select_related("owner_unit"):
        occasions = []
        decision = instrument.renewal_decision_on
        if decision and today <= decision <= horizon:
            occasions.append(
                (
                    "renewal",
                    decision,
                    _("Renewal decision due by {}: {}").format(_day(decision), instrument.title),
                )
            )
        expiry = instrument.expires_on
        if expiry and today <= expiry <= horizon:
            occasions.append(
                ("expiry", expiry, _("Expires on {}: {}").format(_day(expiry), instrument.title))
            )
        for kind, day, title in occasions:
            sent += len(
                notify.notify(
                    [*notify.coordinators(), *notify.unit_heads(instrument.owner_unit)],
                    kind=NotificationKind.INSTRUMENT_EXPIRING,
                    title=title,
                    body=_("Decide on renewal in time. Renewal terms: {}").format(
                        instrument.renewal_terms or "—"
                    ),
                    key=f"{kind}:{instrument.pk}:{day.isoformat()}",
                    url=instrument.get_absolute_url(),
                    classification=instrument.classification,
                )
            )
    return sent


def open_yearly_plans(today: datetime.date) -> int:
    """Open this cycle's yearly implementation plan (due 15/11) of every instrument in force."""
    from .services import yearly_plan_follow_ups

    return yearly_plan_follow_ups(actor=SYSTEM, today=today)
