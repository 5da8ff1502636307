"""Units and users are reference data, managed by administrators."""

from access.choices import Role
from access.registry import register_model

from .models import RoleRecord, Unit, User

register_model(Unit, kind="reference", namespace="org", editor_roles=(Role.ADMINISTRATOR,))
register_model(User, kind="reference", namespace="org", editor_roles=(Role.ADMINISTRATOR,))
register_model(RoleRecord, kind="reference", namespace="org", editor_roles=(Role.ADMINISTRATOR,))
