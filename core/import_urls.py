"""Excel imports: template, upload, preview and commit (core.imports, core.import_views)."""

from django.urls import path

from . import import_views

app_name = "imports"
urlpatterns = [
    path("job/<int:pk>/", import_views.job_preview, name="job"),
    path("job/<int:pk>/commit/", import_views.job_commit, name="commit"),
    path("<str:key>/template.xlsx", import_views.template_download, name="template"),
    path("<str:key>/", import_views.upload, name="upload"),
]
