from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularSwaggerSplitView

import articles.api.urls  # noqa: F401  (registers the articles API)
import capacity.api.urls  # noqa: F401  (registers the capacity API)
import cases.api.urls  # noqa: F401  (registers the cases API)
import core.api.urls  # noqa: F401  (registers the audit API)
import events.api.urls  # noqa: F401  (registers the events API)
import instruments.api.urls  # noqa: F401  (registers the instruments API)
import org.api.urls  # noqa: F401  (registers the org API)
import partners.api.urls  # noqa: F401  (registers the partner API)
import tracking.api.urls  # noqa: F401  (registers the tracking API)
from core import choices_view, declassification_views, views_ops, views_site
from core.api.router import router
from core.api.schema_view import CommittedSchemaView
from partners.api.views import IndicatorsView

urlpatterns = [
    path("", views_site.home, name="home"),
    # Operations: no login, no record (docs/operations.md).
    path("health/", views_ops.live, name="health-live"),
    path("health/ready/", views_ops.ReadyView.as_view(), name="health-ready"),
    path("metrics", views_ops.metrics, name="metrics"),
    path("login/", views_site.HoptacLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("org/", include("org.urls")),
    path("account/", include("org.account_urls")),
    path("audit/", include("core.audit_urls")),
    path(
        "security/declassification/",
        declassification_views.upcoming_list,
        name="declassification-upcoming",
    ),
    path("imports/", include("core.import_urls")),
    path("attachments/", include("core.attachment_urls")),
    path("choices/<str:label>/", choices_view.choices, name="link-choices"),
    path("partners/", include("partners.urls")),
    path("instruments/", include("instruments.urls")),
    path("tracking/", include("tracking.urls")),
    path("cases/", include("cases.urls")),
    path("events/", include("events.urls")),
    path("articles/", include("articles.urls")),
    path("capacity/", include("capacity.urls")),
    path("search/", include("search.urls")),
    path("reports/", include("reports.urls")),
    path("dashboard/", include("dashboard.urls")),
    # Included before the shared router: a module may register router routes on import.
    path("api/v1/search/", include("search.api_urls")),
    path("api/v1/reports/", include("reports.api_urls")),
    path("api/v1/secrets-report/", include("reports.api_secrets_urls")),
    path("api/v1/dashboard/", include("dashboard.api_urls")),
    path("api/v1/indicators/", IndicatorsView.as_view(), name="api-indicators"),
    path(
        "api/v1/declassification/",
        declassification_views.UpcomingDeclassificationView.as_view(),
        name="api-declassification-upcoming",
    ),
    path("api/v1/", include((router.urls, "api"), namespace="api")),
    # The committed schema file, for signed-in users (core.api.schema_view says why).
    path("api/schema/", CommittedSchemaView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file, so the CSP holds.
    path(
        "api/docs/", login_required(SpectacularSwaggerSplitView.as_view(url_name="schema")), name="api-docs"
    ),
]

# Errors raised outside a DRF view answer the API's JSON format under /api/ (core.error_views).
handler400 = "core.error_views.bad_request"
handler403 = "core.error_views.permission_denied"
handler404 = "core.error_views.page_not_found"
handler500 = "core.error_views.server_error"
