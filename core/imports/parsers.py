"""Cell parsers: text, numbers, dates, yes/no, choices and related records, in both languages."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

from django.db import models
from django.utils import formats, translation
from django.utils.translation import gettext as _

from ..text import fold
from .base import (
    LANGUAGES,
)

# --- Cell parsers -------------------------------------------------------------------------


class ParseError(ValueError):
    """A cell that cannot be read; the message is shown to the user beside row and column."""


def _is_empty(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _as_text(raw: Any) -> str:
    """A cell as text: 12.0 typed in Excel reads "12", not "12.0"."""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, datetime.datetime | datetime.date):
        return formats.date_format(raw, "d/m/Y")
    return str(raw).strip()


class Parser:
    """Turns one non-empty cell into a Python value or raises ``ParseError``.

    ``prepare`` sees every non-empty cell of the column first, so a parser that reads the
    database does it once for the whole file (see ``ModelParser``).
    """

    # The value of an empty cell in an optional column (unless the column sets a default).
    empty: Any = None

    def prepare(self, raws: list[Any], actor: Any) -> Any:
        return None

    def parse(self, raw: Any, *, actor: Any, state: Any) -> Any:
        raise NotImplementedError

    def display(self, value: Any) -> str:
        """The parsed value as the preview shows it."""
        from ..display import plain_value

        return plain_value(value)

    def describe(self) -> str:
        """The expected format, for the instructions sheet."""
        return ""

    def allowed(self) -> list[str]:
        """The accepted values, for the instructions sheet (empty: any)."""
        return []

    def example(self) -> Any:
        return ""


class _CallableParser(Parser):
    """A plain function ``raw -> value`` used as a parser (raising ValueError on bad input)."""

    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.func = func

    def parse(self, raw: Any, *, actor: Any, state: Any) -> Any:
        try:
            return self.func(raw)
        except ParseError:
            raise
        except (ValueError, TypeError) as exc:
            raise ParseError(_("This value is not valid.")) from exc


class TextParser(Parser):
    """Text, trimmed; numbers typed in Excel read as their digits."""

    empty = ""

    def parse(self, raw: Any, *, actor: Any, state: Any) -> Any:
        return _as_text(raw)

    def describe(self) -> str:
        return _("Any text")


class IntParser(Parser):
    """A whole number, typed as a number or as digits."""

    def parse(self, raw: Any, *, actor: Any, state: Any) -> Any:
        if isinstance(raw, bool):
            raise ParseError(_("Enter a whole number."))
        if isinstance(raw, int):
            return raw
        if isinstance(raw, float) and raw.is_integer():
            return int(raw)
        text = str(raw).strip()
        if re.fullmatch(r"[+-]?\d+", text):
            return int(text)
        raise ParseError(_("Enter a whole number."))

    def describe(self) -> str:
        return _("Whole number")

    def example(self) -> Any:
        return 1


_DATE_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_DATE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?")


class DateParser(Parser):
    """A date: an Excel date cell, dd/mm/yyyy (also with - or .) or yyyy-mm-dd."""

    def parse(self, raw: Any, *, actor: Any, state: Any) -> Any:
        if isinstance(raw, datetime.datetime):
            return raw.date()
        if isinstance(raw, datetime.date):
            return raw
        text = str(raw).strip() if isinstance(raw, str) else ""
        match = _DATE_DMY.fullmatch(text)
        if match:
            day, month, year = (int(g) for g in match.groups())
        else:
            match = _DATE_ISO.fullmatch(text)
            if not match:
                raise ParseError(_("Enter a date as dd/mm/yyyy."))
            year, month, day = (int(g) for g in match.groups())
        try:
            return datetime.date(year, month, day)
        except ValueError:
            raise ParseError(_("This date does not exist.")) from None

    def display(self, value: Any) -> str:
        return value.strftime("%d/%m/%Y") if isinstance(value, datetime.date) else ""

    def describe(self) -> str:
        return _("Date as dd/mm/yyyy (an Excel date or yyyy-mm-dd is accepted too)")

    def example(self) -> Any:
        return datetime.date(1990, 1, 31)


def _yes_no_words() -> tuple[set[str], set[str]]:
    yes = {"1", "x", "y", "yes", "true", "co", "dung", "v"}
    no = {"0", "n", "no", "false", "khong", "sai"}
    for language in LANGUAGES:
        with translation.override(language):
            yes.add(fold(_("Yes")))
            no.add(fold(_("No")))
    return yes, no


class BoolParser(Parser):
    """Yes or no: Có/Không, Yes/No, x, 1/0, or an Excel TRUE/FALSE."""

    def prepare(self, raws: list[Any], actor: Any) -> tuple[set[str], set[str]]:
        return _yes_no_words()

    def parse(self, raw: Any, *, actor: Any, state: Any) -> Any:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, int | float) and raw in (0, 1):
            return bool(raw)
        yes, no = state or _yes_no_words()
        word = fold(raw)
        if word in yes:
            return True
        if word in no:
            return False
        raise ParseError(_("Enter {} or {}.").format(_("Yes"), _("No")))

    def describe(self) -> str:
        return _("Yes or no")

    def allowed(self) -> list[str]:
        return [_("Yes"), _("No")]

    def example(self) -> Any:
        return _("Yes")


class ChoiceParser(Parser):
    """One of a list of choices, by its value or its label in Vietnamese or English.

    Matching ignores case and tones ("toi mat" finds Tối mật).
    """

    def __init__(self, choices: Any) -> None:
        self._choices = choices

    def choices(self) -> list[tuple[Any, Any]]:
        choices = self._choices
        if isinstance(choices, type) and hasattr(choices, "choices"):
            choices = choices.choices
        if callable(choices):
            choices = choices()
        return [(value, label) for value, label in choices]

    def _lookup(self) -> dict[str, Any]:
        table: dict[str, Any] = {}
        for value, _label in self.choices():
            table.setdefault(fold(value), value)
        for language in LANGUAGES:
            with translation.override(language):
                for value, label in self.choices():
                    table.setdefault(fold(str(label)), value)
        return table

    def prepare(self, raws: list[Any], actor: Any) -> dict[str, Any]:
        return self._lookup()

    def parse(self, raw: Any, *, actor: Any, state: Any) -> Any:
        value = (state or self._lookup()).get(fold(_as_text(raw)))
        if value is None:
            raise ParseError(
                _("“{}” is not one of the allowed values: {}.").format(
                    _as_text(raw), ", ".join(self.allowed())
                )
            )
        return value

    def display(self, value: Any) -> str:
        return str(dict(self.choices()).get(value, value if value is not None else ""))

    def describe(self) -> str:
        return _("One of the listed values (the code or the name)")

    def allowed(self) -> list[str]:
        return [str(label) for _value, label in self.choices()]

    def example(self) -> Any:
        choices = self.choices()
        return str(choices[0][1]) if choices else ""


class ModelParser(Parser):
    """A record found by a natural key (a unit by its code), among those the actor may see.

    The lookup goes through ``Model.objects.visible_to(actor)``, once for the whole file.
    """

    BATCH = 500

    def __init__(self, model: type[models.Model], field: str = "code") -> None:
        self.model = model
        self.field = field

    def queryset(self, actor: Any) -> models.QuerySet:
        return self.model._default_manager.visible_to(actor)

    def prepare(self, raws: list[Any], actor: Any) -> dict[str, models.Model]:
        keys = sorted({_as_text(raw) for raw in raws})
        found: dict[str, models.Model] = {}
        for start in range(0, len(keys), self.BATCH):
            chunk = keys[start : start + self.BATCH]
            for obj in self.queryset(actor).filter(**{f"{self.field}__in": chunk}):
                found[str(getattr(obj, self.field))] = obj
        return found

    def parse(self, raw: Any, *, actor: Any, state: Any) -> Any:
        key = _as_text(raw)
        obj = (state or {}).get(key)
        if obj is None:
            raise ParseError(
                _("No {model} has the {field} “{value}”.").format(
                    model=self.model._meta.verbose_name,
                    field=self.model._meta.get_field(self.field).verbose_name,
                    value=key,
                )
            )
        return obj

    def display(self, value: Any) -> str:
        return str(getattr(value, self.field, "")) if value is not None else ""

    def describe(self) -> str:
        return _("The {field} of a {model}").format(
            field=self.model._meta.get_field(self.field).verbose_name, model=self.model._meta.verbose_name
        )


str_parser = TextParser()
text_parser = str_parser
int_parser = IntParser()
date_parser = DateParser()
bool_parser = BoolParser()


def choice_parser(choices: Any) -> ChoiceParser:
    """Choices: a ``TextChoices`` class, a list of (value, label), or a callable giving one."""
    return ChoiceParser(choices)


def fk_parser(model: type[models.Model], field: str = "code") -> ModelParser:
    """A foreign key by natural key, e.g. ``fk_parser(Unit, "code")``."""
    return ModelParser(model, field)
