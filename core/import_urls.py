"""Excel imports (filled in by the import framework)."""

app_name = "imports"
urlpatterns: list = []
