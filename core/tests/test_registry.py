"""Meta-tests: no business model, view or endpoint escapes the access layer."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from access.registry import registry
from core.models import BusinessRecord
from core.testing import all_specs

# Business models deliberately without generic views and tests, each with its reason.
EXEMPT: dict[str, str] = {
    "sampleapp.SampleChild": "test-only child model; its visibility is tested in test_access",
    "reports.IssuedDocument": (
        "created only by issuing a report or a letter and never edited or deleted (Decree 30/2020): "
        "no add/edit/delete pages for the generated CRUD tests; its list, detail, history, 404/403, "
        "query-count, API and bad-input tests are in reports/tests/test_issued.py"
    ),
    **{
        label: (
            "a line of an append-only register of secret documents: added, never edited or deleted; "
            "its generated add/permission/404/403/history, bad-input, query-count and API tests "
            "(adapted to append-only) are in reports/tests/test_registers.py"
        )
        for label in (
            "reports.ReceivedSecretDocument",
            "reports.SecretHandOver",
            "reports.SecretDestruction",
            "reports.SecretIncident",
            "core.CopyDecision",
        )
    },
}


def business_models():
    return [m for m in apps.get_models() if issubclass(m, BusinessRecord)]


def test_every_business_model_is_registered_and_has_a_spec():
    """A business model that is not registered (or has no test spec) fails here."""
    specs = {spec.model for spec in all_specs()}
    missing = [
        m._meta.label
        for m in business_models()
        if m._meta.label not in EXEMPT and (registry.get(m) is None or m not in specs)
    ]
    assert missing == []


def test_the_meta_test_catches_an_unregistered_model():
    """Removing a model from the registry makes the meta-test fail."""
    from core.tests.sampleapp.models import SampleRecord

    entry = registry.get(SampleRecord)
    registry._entries.pop(SampleRecord)
    try:
        with pytest.raises(AssertionError):
            test_every_business_model_is_registered_and_has_a_spec()
    finally:
        registry.register(entry)


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p


# Views that serve no business record, each with its reason.
ALLOWED_VIEW_MODULES = (
    "core.views",  # the generic views: visible_to and can() inside
    "core.api.views",  # the generic API viewset
    "core.views_site",  # home and login
    "core.views_ops",  # health and metrics: no record, no login (docs/operations.md)
    "core.audit_views",  # the audit log: its own rule (administrators and leadership)
    "core.declassification_views",  # what is declassified soon: each model's visible_to
    "core.attachment_views",  # files: the parent's visible_to and can() decide
    "core.import_views",  # Excel import: upload, preview, commit through the model's services
    "core.choices_view",  # search-as-you-type for links: the model's visible_to
    "instruments.views_pages",  # the expiry calendar: reads through visible_to
    "articles.views_pages",  # extraction progress, re-run, fact review: the article's visible_to
    "events.views_pages",  # trip approval/return, events calendar and iCal, outreach: visible_to
    "partners.views_pages",  # indicators, map and partner profiles: read through selectors
    "tracking.views_pages",  # my work, boards, tables, calendar: selectors over visible_to
    "tracking.views_notifications",  # a user's own notifications (visible_to = recipient)
    "tracking.views_sources",  # "track as an obligation" and source trees: source's visible_to
    "org.account_views",  # the signed-in user's own account and second factor
    "django.contrib.auth.views",  # login/logout
    "django.views.i18n",  # language switch, JS catalogue
    "django.views.generic.base",  # redirects from a module's home to its first list
    "django.views.static",
    "drf_spectacular.views",  # the API docs page
    "core.api.schema_view",  # the committed schema file
    "rest_framework.routers",  # API root
    "partners.api.views",  # the indicators endpoint: counts through partners.selectors
    "capacity.views_pages",  # capacity indicator and gaps pages: selectors over visible_to
    "capacity.api.indicator",  # GET /api/v1/capacity/: the same selectors
    "tracking.api.coverage",  # GET /api/v1/commitments/: tracking.coverage over visible_to
    "search.",  # one search box: each type read through its visible_to
    "reports.",  # periodic reports: selectors over visible_to, copy register
    "dashboard.",  # leadership dashboard: selectors over visible_to
)


def test_every_url_is_served_by_a_generic_view_or_an_allowed_one():
    """A new page or endpoint must use the generic views (and so the access layer)."""
    offenders = []
    for route, pattern in _walk(get_resolver().url_patterns):
        callback = pattern.callback
        cls = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
        module = (cls or callback).__module__
        if cls is not None:
            from core.api.views import ObjectAPIViewSet
            from core.views import BaseObjectView

            if issubclass(cls, BaseObjectView | ObjectAPIViewSet):
                continue
        if not module.startswith(ALLOWED_VIEW_MODULES):
            offenders.append((route, module))
    assert offenders == []
