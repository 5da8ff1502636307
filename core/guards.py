"""The write guards, defined in ``access.guards`` (the visibility queryset is a guarded
queryset, and access is below core); named here too for the modules that use them."""

from access.guards import ServiceWritesModel, ServiceWritesQuerySet, guard

__all__ = ["ServiceWritesModel", "ServiceWritesQuerySet", "guard"]
