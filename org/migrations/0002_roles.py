from django.db import migrations

ROLES = ("viewer", "officer", "unit_head", "coordinator", "leadership", "administrator")


def create_roles(apps, schema_editor):
    RoleRecord = apps.get_model("org", "RoleRecord")
    for code in ROLES:
        RoleRecord.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("org", "0001_initial")]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
