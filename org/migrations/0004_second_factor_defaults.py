"""Administrators, leadership and coordinators need a second factor on a new instance.

Only a new instance (no account yet) gets the default: on an instance already in use the
administrators' own choice on /org/roles/ stays as it is (the release note tells them to
turn it on). The demo loader turns it off again so the demo accounts sign in without TOTP.
"""

from django.db import migrations

DEFAULT_ROLES = ("administrator", "leadership", "coordinator")


def second_factor_defaults(apps, schema_editor):
    RoleRecord = apps.get_model("org", "RoleRecord")
    User = apps.get_model("org", "User")
    if User.objects.exists():
        return
    RoleRecord.objects.filter(code__in=DEFAULT_ROLES).update(requires_second_factor=True)


class Migration(migrations.Migration):
    dependencies = [("org", "0003_api_tokens")]
    operations = [migrations.RunPython(second_factor_defaults, migrations.RunPython.noop)]
