from django.urls import path

from . import views, views_registers, views_secrets
from .views import IssuedDocumentViews, ReportRunViews

app_name = "reports"
urlpatterns = [
    path("", views.home, name="home"),
    path("runs/<int:pk>/progress/", views.run_progress, name="progress"),
    path("runs/<int:pk>/download/<str:fmt>/", views.run_download, name="download"),
    path("copies/", views.copy_register, name="copies"),
    path("runs/<int:pk>/issue/", views.run_issue, name="run_issue"),
    path("letters/<int:pk>/issue/", views.letter_issue, name="letter_issue"),
    path("issued/<int:pk>/download/", views.issued_download, name="issued_download"),
    *ReportRunViews.urls(),
    *IssuedDocumentViews.urls(),
    *views_registers.urlpatterns,
    *views_secrets.urlpatterns,
]
