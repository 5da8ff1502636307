"""API routes of the reports module, mounted at /api/v1/reports/ (before the shared router).

The report runs and their copy register (``/api/v1/reports/copies/``) are on the shared
router (``api:report-run-list``), registered on import below.
"""

from .api import urls as _router_urls  # noqa: F401  (registers /api/v1/reports/ on the router)

urlpatterns: list = []
