from django.urls import path
from django.views.generic import RedirectView

from . import views_pages
from .views import ArticleViews

app_name = "articles"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="articles:article_list"), name="home"),
    *ArticleViews.urls(),
    path("articles/<int:pk>/progress/", views_pages.progress, name="progress"),
    path("articles/<int:pk>/extract/", views_pages.restart, name="restart"),
    path("facts/<int:pk>/review/", views_pages.review, name="review"),
    path("facts/<int:pk>/accept/", views_pages.accept_fact, name="accept"),
    path("articles/<int:pk>/media/", views_pages.media_item, name="media_item"),
]
