from .views import UnitViews, UserViews

app_name = "org"
urlpatterns = [*UnitViews.urls(), *UserViews.urls()]
