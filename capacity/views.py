"""Staff profiles with their languages, qualifications and postings; the capacity definitions."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from access.rules import Action, can
from core.views import ObjectViewSet

from . import services
from .attendance import attended
from .filters import StaffProfileFilterSet
from .forms import CapacityDefinitionForm, LanguageSkillForm, PostingForm, QualificationForm, StaffProfileForm
from .models import CapacityDefinition, LanguageSkill, Posting, Qualification, StaffProfile


class StaffProfileViews(ObjectViewSet):
    model = StaffProfile
    form_class = StaffProfileForm
    filterset_class = StaffProfileFilterSet
    list_columns = ("staff_code", "full_name", "rank", "position", "is_leader", "owner_unit")
    detail_fields = (
        "staff_code",
        "full_name",
        "birth_date",
        "rank",
        "position",
        "is_leader",
        "post_from",
        "post_to",
        "notes",
        "owner_unit",
        "classification",
    )
    ordering_fields = {"staff_code": "staff_code", "position": "position", "owner_unit": "owner_unit__path"}
    default_ordering = "staff_code"
    select_related = ("owner_unit",)
    url_prefix = "profiles/"
    detail_template = "capacity/staffprofile_detail.html"
    create_service = staticmethod(services.profile_create)
    update_service = staticmethod(services.profile_update)
    delete_service = staticmethod(services.profile_delete)

    @classmethod
    def detail_extra(cls, request: HttpRequest, obj: StaffProfile) -> dict[str, Any]:
        user = request.user
        return {
            # Adding a language, qualification or posting is changing the profile's file.
            "can_add_records": can(user, Action.CHANGE, obj),
            "languages": LanguageSkill.objects.visible_to(user).filter(profile=obj),
            "qualifications": Qualification.objects.visible_to(user).filter(profile=obj),
            "postings": Posting.objects.visible_to(user).filter(profile=obj).select_related("country"),
            "attended": attended(user, obj),
        }


class LanguageSkillViews(ObjectViewSet):
    model = LanguageSkill
    form_class = LanguageSkillForm
    list_columns = ("profile", "language", "level", "certificate", "certificate_on", "expires_on")
    detail_fields = ("profile", "language", "level", "certificate", "certificate_on", "expires_on")
    ordering_fields = {"language": "language", "level": "level", "certificate_on": "certificate_on"}
    select_related = ("profile",)
    url_prefix = "languages/"
    create_service = staticmethod(services.language_create)
    update_service = staticmethod(services.language_update)
    delete_service = staticmethod(services.language_delete)


class QualificationViews(ObjectViewSet):
    model = Qualification
    form_class = QualificationForm
    list_columns = ("profile", "kind", "title", "obtained_on", "expires_on")
    detail_fields = ("profile", "kind", "title", "obtained_on", "expires_on")
    ordering_fields = {"kind": "kind", "title": "title", "obtained_on": "obtained_on"}
    select_related = ("profile",)
    url_prefix = "qualifications/"
    create_service = staticmethod(services.qualification_create)
    update_service = staticmethod(services.qualification_update)
    delete_service = staticmethod(services.qualification_delete)


class PostingViews(ObjectViewSet):
    model = Posting
    form_class = PostingForm
    list_columns = ("profile", "kind", "country", "place", "start_on", "end_on")
    detail_fields = ("profile", "kind", "country", "place", "start_on", "end_on")
    ordering_fields = {"kind": "kind", "start_on": "start_on"}
    select_related = ("profile", "country")
    url_prefix = "postings/"
    create_service = staticmethod(services.posting_create)
    update_service = staticmethod(services.posting_update)
    delete_service = staticmethod(services.posting_delete)


class CapacityDefinitionViews(ObjectViewSet):
    model = CapacityDefinition
    form_class = CapacityDefinitionForm
    list_columns = (
        "number",
        "title",
        "effective_from",
        "min_level",
        "certificate_max_years",
        "requires_law_or_posting",
        "requires_tech_or_cyber",
    )
    detail_fields = (*list_columns, "notes")
    ordering_fields = {"number": "number", "effective_from": "effective_from"}
    default_ordering = "-number"
    url_prefix = "definitions/"
    create_service = staticmethod(services.definition_create)
    update_service = staticmethod(services.definition_update)
    delete_service = staticmethod(services.definition_delete)
