from __future__ import annotations

from typing import Any

from core.forms import VersionedModelForm

from .models import CapacityDefinition, LanguageSkill, Posting, Qualification, StaffProfile


class StaffProfileForm(VersionedModelForm):
    class Meta:
        model = StaffProfile
        fields = (
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
            "protection_years",
        )


class _ChildForm(VersionedModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["profile"].queryset = StaffProfile.objects.visible_to(self.user)
        if self.instance.pk:
            self.fields["profile"].disabled = True


class LanguageSkillForm(_ChildForm):
    class Meta:
        model = LanguageSkill
        fields = ("profile", "language", "level", "certificate", "certificate_on", "expires_on")


class QualificationForm(_ChildForm):
    class Meta:
        model = Qualification
        fields = ("profile", "kind", "title", "obtained_on", "expires_on")


class PostingForm(_ChildForm):
    class Meta:
        model = Posting
        fields = ("profile", "kind", "country", "place", "start_on", "end_on")


class CapacityDefinitionForm(VersionedModelForm):
    class Meta:
        model = CapacityDefinition
        fields = (
            "title",
            "effective_from",
            "min_level",
            "certificate_max_years",
            "requires_law_or_posting",
            "requires_tech_or_cyber",
            "notes",
        )
