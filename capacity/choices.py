"""Choices of the capacity module: CEFR levels, languages, kinds of qualifications and postings."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Cefr(models.TextChoices):
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"


CEFR_RANK = {code: n for n, code in enumerate(Cefr.values, 1)}


class Language(models.TextChoices):
    """ISO 639-1 codes of the languages most used in the Ministry's cooperation."""

    EN = "en", _("English")
    FR = "fr", _("French")
    RU = "ru", _("Russian")
    ZH = "zh", _("Chinese")
    JA = "ja", _("Japanese")
    KO = "ko", _("Korean")
    DE = "de", _("German")
    ES = "es", _("Spanish")
    LO = "lo", _("Lao")
    KM = "km", _("Khmer")
    TH = "th", _("Thai")
    OTHER = "xx", _("Other")


class QualificationKind(models.TextChoices):
    INTERNATIONAL_LAW = "intl_law", _("International law and practice")
    TECHNOLOGY = "technology", _("Technology")
    CYBER = "cyber", _("Cyber security")
    OTHER = "other", _("Other")


class PostingKind(models.TextChoices):
    LIAISON = "liaison", _("Liaison officer")
    PEACEKEEPING = "peacekeeping", _("UN peacekeeping mission")
    STUDY = "study", _("Study abroad")
    OTHER = "other", _("Other")


class Criterion(models.TextChoices):
    """The parts of the capacity criterion; a gap names the one that is missing."""

    LANGUAGE = "language", _("Foreign language with a valid certificate")
    LAW_OR_POSTING = "law_or_posting", _("International-law training or a posting abroad")
    TECH_OR_CYBER = "tech_or_cyber", _("Technology or cyber-security qualification")
