from .views import SampleRecordViews

app_name = "sampleapp"
urlpatterns = SampleRecordViews.urls()
