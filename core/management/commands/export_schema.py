"""Write the site's OpenAPI schema (without test-only endpoints) to docs/api/openapi.yaml."""

from django.core.management.base import BaseCommand
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiYamlRenderer

from core.api.schema import SCHEMA_PATH


def render_schema() -> bytes:
    """The schema in English (its titles otherwise follow the active language)."""
    with translation.override("en"):
        generator = SchemaGenerator(urlconf="hoptac.urls")
        schema = generator.get_schema(request=None, public=True)
        return OpenApiYamlRenderer().render(schema, renderer_context={})


class Command(BaseCommand):
    help = "Write the committed OpenAPI schema; a test fails when it drifts from the code."

    def handle(self, *args, **options):
        SCHEMA_PATH.parent.mkdir(parents=True, exist_ok=True)
        SCHEMA_PATH.write_bytes(render_schema())
        self.stdout.write(f"Wrote {SCHEMA_PATH}")
