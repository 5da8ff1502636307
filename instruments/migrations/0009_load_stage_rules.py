"""Ship the statutory deadlines of treaty and agreement work (see instruments.stagerules)."""

from django.db import migrations


def load_stage_rules(apps, schema_editor):
    from instruments.stagerules import load

    load(apps.get_model("instruments", "StageRule"))


class Migration(migrations.Migration):
    dependencies = [("instruments", "0008_stage_rules")]
    operations = [migrations.RunPython(load_stage_rules, migrations.RunPython.noop)]
