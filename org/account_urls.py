from django.urls import path

from . import account_views

app_name = "account"
urlpatterns = [
    path("", account_views.account, name="home"),
    path("password/", account_views.password_change, name="password"),
    path("2fa/setup/", account_views.setup, name="2fa_setup"),
    path("2fa/verify/", account_views.verify, name="2fa_verify"),
    path("2fa/remove/", account_views.remove, name="2fa_remove"),
    path("tokens/new/", account_views.api_token_add, name="token_add"),
    path("tokens/<int:pk>/revoke/", account_views.api_token_revoke_view, name="token_revoke"),
    path("2fa/recovery/", account_views.recovery_regenerate, name="2fa_recovery"),
]
