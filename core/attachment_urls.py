"""Attachments of business records: add, download, remove (core.attachment_views).

Included at ``/attachments/``. There is no media route: stored files are served only by
the download view, which applies the parent record's access rule.
"""

from django.urls import path

from . import attachment_views

app_name = "attachments"
urlpatterns = [
    path("<int:content_type_id>/<str:object_id>/add/", attachment_views.add, name="add"),
    path("<int:pk>/download/", attachment_views.download, name="download"),
    path("<int:pk>/remove/", attachment_views.remove, name="remove"),
]
