"""Load ISO 3166-1 countries and territories with CLDR names (not typed by hand)."""

from django.db import migrations


def load_countries(apps, schema_editor):
    from core.text import fold, vi_sort_key
    from partners.countries import country_rows

    Country = apps.get_model("partners", "Country")
    existing = set(Country.objects.values_list("code", flat=True))
    for row in country_rows():
        if row["code"] in existing:
            continue
        Country.objects.create(
            **row,
            search_text=" ".join(fold(row[k]) for k in ("code", "alpha3", "name_vi", "name_en")),
            sort_key=vi_sort_key(row["name_vi"]),
        )


class Migration(migrations.Migration):
    dependencies = [("partners", "0001_initial")]
    operations = [migrations.RunPython(load_countries, migrations.RunPython.noop)]
