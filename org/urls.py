from .views import RoleViews, UnitViews, UserViews

app_name = "org"
urlpatterns = [*UnitViews.urls(), *UserViews.urls(), *RoleViews.urls()]
