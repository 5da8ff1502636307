"""Ship the rule sets by date and Viet Nam's central authorities (see cases.rulesets)."""

from django.db import migrations


def load_rule_sets(apps, schema_editor):
    from cases.rulesets import load

    load(
        apps.get_model("partners", "Country"),
        apps.get_model("cases", "CompetentAuthority"),
        apps.get_model("cases", "RuleSet"),
    )


def stamp_cases(apps, schema_editor):
    """Existing cases of a type with a rule set get the one of their date (as on creation)."""
    from django.db.models import Q

    RuleSet = apps.get_model("cases", "RuleSet")
    Case = apps.get_model("cases", "CooperationCase")
    for rules in RuleSet.objects.all():
        period = Q(opened_on__gte=rules.valid_from)
        if rules.valid_to:
            period &= Q(opened_on__lte=rules.valid_to)
        Case.objects.filter(period, type=rules.case_type, rule_set__isnull=True).update(rule_set=rules)


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_rule_sets"), ("partners", "0002_countries")]
    operations = [
        migrations.RunPython(load_rule_sets, migrations.RunPython.noop),
        migrations.RunPython(stamp_cases, migrations.RunPython.noop),
    ]
