"""URLs of tracking.views_sources (kept apart so each part of the UI owns its routes)."""

from django.urls import path

from . import views_sources

urlpatterns: list = [
    path("track/<str:source>/<int:pk>/", views_sources.track, name="track"),
    path("tree/<str:document>/<int:pk>/", views_sources.tree, name="source_tree"),
]
