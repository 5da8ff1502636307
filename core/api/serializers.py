"""Base serializers: every business resource answers id, classification, owner_unit, version."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from access.choices import Classification
from access.links import LINK_ERROR, is_business_model, is_hidden_link
from core.models import ObjectChange
from core.personal import mask, may_see_personal, personal_fields


def restrict_link_field(field: serializers.Field, user: Any) -> None:
    """Offer and accept only records ``user`` sees, with one error for hidden and missing ids."""
    relation = field.child_relation if isinstance(field, serializers.ManyRelatedField) else field
    if (
        not isinstance(relation, serializers.PrimaryKeyRelatedField)
        or isinstance(relation, LinkField)  # resolves through visible_to itself
        or relation.read_only
    ):
        return
    queryset = relation.queryset
    if queryset is None or not is_business_model(queryset.model) or getattr(queryset, "_viewer", None):
        return
    relation.queryset = queryset.visible_to(user)
    relation.error_messages["does_not_exist"] = LINK_ERROR


class LinkField(serializers.PrimaryKeyRelatedField):
    """A link to a record of ``model``, resolved through ``visible_to`` of the caller.

    A record the caller cannot see is refused with the same field error as a missing one
    (``LINK_ERROR``), so the answer never tells whether a hidden record exists.
    ``LinkField(Model, many=True)`` takes a list of ids.
    """

    def __init__(self, model: type, **kwargs: Any) -> None:
        self.model = model
        # The real queryset depends on the request; this one only gives the schema its type.
        kwargs.setdefault("queryset", model._default_manager.none())
        super().__init__(**kwargs)
        self.error_messages["does_not_exist"] = LINK_ERROR

    def get_queryset(self) -> Any:
        request = self.context.get("request")
        return self.model._default_manager.visible_to(getattr(request, "user", None))

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, bool):
            self.fail("incorrect_type", data_type=type(data).__name__)
        try:
            return self.get_queryset().get(pk=data)
        except self.model.DoesNotExist:
            self.fail("does_not_exist", pk_value=data)
        except (TypeError, ValueError):
            self.fail("incorrect_type", data_type=type(data).__name__)


class RestrictedFlagField(serializers.BooleanField):
    """``<link>_restricted``: true when the link names a record the caller may not see (the
    link itself then reads ``null``)."""

    def __init__(self, link: str, **kwargs: Any) -> None:
        self.link = link
        kwargs.setdefault("help_text", "True when the linked record exists but is not visible to you.")
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance: Any) -> bool:
        return is_hidden_link(instance, self.link)

    def to_representation(self, value: Any) -> bool:
        return bool(value)


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {"type": "string", "format": "uri"},
        "readOnly": True,
        "example": {"outcomes": "https://hoptac.example/api/outcomes/?obligation=7"},
    }
)
class RelatedListsField(serializers.Field):
    """``related``: the API lists that other apps keep for this record (``core.panels``), by
    name: an obligation's outcomes live in cases, which tracking does not import."""

    def __init__(self, own: Any = None, **kwargs: Any) -> None:
        # own: record -> {name: relative URL}, the lists the record's own app adds
        self.own = own
        kwargs.setdefault(
            "help_text", "Lists of records that other parts of the system keep for this one, by name."
        )
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, instance: Any) -> dict[str, str]:
        from core.panels import related_urls

        request = self.context.get("request")
        out = related_urls(instance, request)
        for name, url in (self.own(instance) if self.own else {}).items():
            out[name] = request.build_absolute_uri(url) if request is not None else url
        return out


class VisibleLinksMixin:
    """Every related field of a serializer reads and writes through ``visible_to``.

    Input: only visible records are accepted, with ``LINK_ERROR`` for anything else. Output:
    a single link to a hidden record reads ``null`` with ``<link>_restricted: true``; hidden
    members of a many-to-many are left out (the record's related managers read for its viewer).
    """

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()  # type: ignore[misc]
        request = self.context.get("request")  # type: ignore[attr-defined]
        user = getattr(request, "user", None)
        for name, field in list(fields.items()):
            restrict_link_field(field, user)
            if (
                isinstance(field, serializers.RelatedField)
                and field.source in (None, "", name)
                and _is_single_link(getattr(self, "Meta", None), name)
            ):
                fields[f"{name}_restricted"] = RestrictedFlagField(link=name)
        return fields

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data = super().to_representation(instance)  # type: ignore[misc]
        for name in getattr(instance, "_hidden_links", ()):
            if name in data:
                data[name] = None
        return data


def _is_single_link(meta: Any, name: str) -> bool:
    model = getattr(meta, "model", None)
    if model is None:
        return False
    try:
        field = model._meta.get_field(name)
    except Exception:
        return False
    if name == getattr(model, "access_parent", None):
        return False  # a child is visible exactly when its parent is
    return bool(field.many_to_one or field.one_to_one) and is_business_model(field.related_model)


class BusinessSerializer(VisibleLinksMixin, serializers.ModelSerializer):
    """Parses input for a service and masks personal data on output."""

    version = serializers.IntegerField(required=False, help_text="Required when updating.")

    declassify_on = serializers.DateField(
        read_only=True, allow_null=True, help_text="Classification date plus the protection period."
    )

    base_fields = (
        "id",
        "classification",
        "owner_unit",
        "version",
        "classified_on",
        "protection_years",
        "declassify_on",
        "classified_by",
        "classifying_unit",
    )

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["version"] = instance.version
        request = self.context.get("request")
        personal = personal_fields(instance._meta.model)
        if personal and not (request and may_see_personal(request.user, instance)):
            for name in personal:
                if name in data:
                    data[name] = mask(data[name])
        return data

    def service_data(self) -> dict[str, Any]:
        model_fields = {f.name for f in self.Meta.model._meta.concrete_fields}
        return {k: v for k, v in self.validated_data.items() if k in model_fields and k != "version"}


class ObjectChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = ObjectChange
        fields = (
            "id",
            "time",
            "user",
            "user_name",
            "request_id",
            "action",
            "object_id",
            "object_repr",
            "prechange_data",
            "postchange_data",
            "message",
        )


class ClassificationChangeSerializer(serializers.Serializer):
    """Raise, lower or lift a classification (with the record's current version)."""

    classification = serializers.ChoiceField(choices=Classification.choices)
    version = serializers.IntegerField()
    protection_years = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    reason = serializers.CharField(max_length=500, help_text="Why; recorded in history and the audit log.")
