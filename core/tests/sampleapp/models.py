from django.db import models
from django.urls import reverse

from core.models import BusinessRecord


class SampleRecord(BusinessRecord):
    """A business record with a draft status and personal-data fields, for the tests."""

    title = models.CharField("tiêu đề", max_length=200)
    status = models.CharField(
        "trạng thái", max_length=16, choices=[("draft", "Dự thảo"), ("final", "Chính thức")], default="draft"
    )
    subject_name = models.CharField("họ tên đối tượng", max_length=200, blank=True)
    birth_date = models.DateField("ngày sinh", null=True, blank=True)
    assigned_units = models.ManyToManyField("org.Unit", blank=True, related_name="+")

    access_unit_paths = ("assigned_units",)
    personal_fields = ("subject_name", "birth_date")
    search_fields = ("title", "subject_name")

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("sampleapp:samplerecord", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"


class SampleChild(BusinessRecord):
    """A child record: visible exactly when its parent is."""

    record = models.ForeignKey(SampleRecord, on_delete=models.CASCADE, related_name="children")
    note = models.CharField(max_length=200)

    access_parent = "record"

    def __str__(self) -> str:
        return self.note
