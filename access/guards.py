"""Writes only inside the service layer: one guard for querysets and one for models.

Business records, import jobs and attachments are written by their services, which record
history and check permissions; everything else is refused at run time. They live in access,
the lowest app, because the visibility queryset is itself a guarded queryset.
"""

from __future__ import annotations

from django.db import models

from .scope import WriteOutsideService, in_service


def guard(operation: str, model: type[models.Model]) -> None:
    if not in_service():
        raise WriteOutsideService(f"{operation} of {model._meta.label} outside the service layer")


class ServiceWritesQuerySet(models.QuerySet):
    """Bulk writes bypass history and checks: allowed only inside a service."""

    def update(self, **kwargs):
        guard("update()", self.model)
        return super().update(**kwargs)

    def delete(self):
        guard("delete()", self.model)
        return super().delete()

    def bulk_create(self, *args, **kwargs):
        guard("bulk_create()", self.model)
        return super().bulk_create(*args, **kwargs)

    def bulk_update(self, *args, **kwargs):
        guard("bulk_update()", self.model)
        return super().bulk_update(*args, **kwargs)


class ServiceWritesModel(models.Model):
    """save() and delete() of the instance, allowed only inside a service."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        guard("save()", type(self))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        guard("delete()", type(self))
        return super().delete(*args, **kwargs)
