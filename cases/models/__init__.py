"""Cooperation cases (requests with partners), joint operations and their reference data."""

from __future__ import annotations

from .case import CaseMessage, CaseReference, CooperationCase, ReleaseDecision
from .operations import Operation, Outcome, OutcomeQuerySet
from .reference import CompetentAuthority, LetterTemplate, ReferenceQuerySet, ResponseRule, RuleSet
from .subjects import CaseSubject, PersonalDataItem, PersonalDataTransfer

__all__ = [
    "CaseMessage",
    "CaseReference",
    "CaseSubject",
    "CompetentAuthority",
    "CooperationCase",
    "LetterTemplate",
    "Operation",
    "Outcome",
    "OutcomeQuerySet",
    "PersonalDataItem",
    "PersonalDataTransfer",
    "ReferenceQuerySet",
    "ReleaseDecision",
    "ResponseRule",
    "RuleSet",
]
