from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events, delegations and outreach")

    def ready(self) -> None:
        from . import registry  # noqa: F401  (registers the models, the tracking sources, the profile section)
