from django.urls import path

from .views import RoleViews, UnitViews, UserResetSecondFactorView, UserViews

app_name = "org"
urlpatterns = [
    *UnitViews.urls(),
    *UserViews.urls(),
    *RoleViews.urls(),
    path(
        "users/<int:pk>/reset-second-factor/",
        UserResetSecondFactorView.as_view(),
        name="user_reset_second_factor",
    ),
]
