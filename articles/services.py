"""Writes of the articles module: take an article in, run its extraction, review its facts.

Intake refuses a file over the size limit before reading it, reads the text through
``articles.textio.read_text`` (the same checks for pasted text: empty, binary, another
script), takes the publication date from the text when the extractor finds one, and refuses
a duplicate of an article the actor may see unless the actor confirms. The extraction runs
as a background job once the transaction commits; its progress and raw result are
bookkeeping of the article (``update()`` inside the service scope: no version, no history),
while the proposals it writes and each review are recorded in the article's history.
"""

from __future__ import annotations

import datetime
import logging
import re
import unicodedata
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access.rules import Action, can
from core.context import SYSTEM, change_context
from core.exceptions import PermissionDenied, ValidationError
from core.history import record_change
from core.services import lock_for_write, record_create, record_delete, record_update, service

from . import dedup
from .choices import ExtractionStatus, FactField, ProposalStatus
from .models import Article, FactProposal
from .textio import ArticleTextError, read_text

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 10 * 1024 * 1024  # HOPTAC_ARTICLE_MAX_BYTES, as textio.read_text reads it

EDITABLE_FIELDS = (
    "title",
    "source_name",
    "url",
    "published_on",
    "owner_unit",
    "classification",
    "protection_years",
)


class DuplicateArticle(ValidationError):
    """The article is already recorded (same URL, same or nearly the same text)."""

    def __init__(self, existing: Article, reason: str) -> None:
        self.existing = existing
        self.reason = reason
        super().__init__(
            {
                "confirm_duplicate": [
                    _(
                        "This article seems to be already recorded ({reason}): “{title}”, {url}. "
                        "Open it there, or confirm to record it again."
                    ).format(reason=reason, title=existing.title, url=existing.get_absolute_url())
                ]
            },
            code="duplicate",
        )


def max_bytes() -> int:
    """The size limit of one article file (setting ``HOPTAC_ARTICLE_MAX_BYTES``, 10 MB)."""
    return int(getattr(settings, "HOPTAC_ARTICLE_MAX_BYTES", DEFAULT_MAX_BYTES))


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{round(size / (1024 * 1024), 1):g} MB"
    return f"{round(size / 1024, 1):g} KB"


def read_upload(file: Any) -> tuple[str, str]:
    """(text, file name) of an uploaded file, refused on size before any byte is parsed."""
    limit = max_bytes()
    name = getattr(file, "name", "") or "article.txt"
    too_big = ValidationError({"file": [_("The file is larger than {}.").format(_size_text(limit))]})
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        raise too_big
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(limit + 1)
    if len(data) > limit:
        raise too_big
    try:
        return read_text(data, name, max_bytes=limit), name
    except ArticleTextError as exc:
        raise ValidationError({"file": [str(exc)]}) from None


def read_pasted(text: str) -> str:
    """Pasted text through the same checks as a .txt file (empty, binary, another script)."""
    data = unicodedata.normalize("NFC", text or "").encode("utf-8")
    if len(data) > max_bytes():
        raise ValidationError({"text": [_("The text is larger than {}.").format(_size_text(max_bytes()))]})
    try:
        return read_text(data, "pasted.txt", max_bytes=max_bytes())
    except ArticleTextError as exc:
        raise ValidationError({"text": [str(exc)]}) from None


def find_duplicate(
    *, user: Any, text: str, url: str = "", exclude: int | None = None
) -> tuple[Article, str] | None:
    """An article the user may see with the same URL, the same text, or nearly the same text.

    Only visible articles are compared: a hidden one is neither revealed nor matched.
    """
    qs = Article.objects.visible_to(user)
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    if url:
        same = qs.filter(url=url).order_by("pk").first()
        if same is not None:
            return same, _("same URL")
    digest = dedup.content_hash(text)
    same = qs.filter(content_hash=digest).order_by("pk").first()
    if same is not None:
        return same, _("same text")
    signature = dedup.fingerprint(text)
    if not signature:
        return None
    for pk, other in qs.order_by("pk").values_list("pk", "fingerprint").iterator():
        if dedup.similarity(signature, other) >= dedup.THRESHOLD:
            return Article.objects.get(pk=pk), _("nearly the same text")
    return None


def _published_in_text(text: str) -> datetime.date | None:
    from .extraction import extract

    return published_day(extract(text).get("published"))


def published_day(found: Any) -> datetime.date | None:
    """The publication date of the extractor's ``published`` item ({"date": ...}, or the
    plain ISO date of earlier versions)."""
    if isinstance(found, dict):
        found = found.get("date")
    try:
        return datetime.date.fromisoformat(found) if found else None
    except (TypeError, ValueError):
        return None


def _enqueue(article_id: int) -> None:
    from .tasks import extract_article

    transaction.on_commit(lambda: extract_article.enqueue(article_id))


@service
def article_create(
    *, actor: Any, data: dict[str, Any], file: Any = None, confirm_duplicate: bool = False
) -> Article:
    """Take an article in from pasted text (``data["text"]``) or an uploaded file, and queue
    its extraction.

    Refused, with nothing written: no permission (checked before reading anything), a file
    over the limit (before parsing), unreadable or empty text, text in another script, no
    publication date in the text nor entered, and a duplicate the actor has not confirmed.
    """
    data = dict(data)
    probe = Article(
        owner_unit=data.get("owner_unit"),
        classification=data.get("classification") or Article._meta.get_field("classification").default,
    )
    if data.get("owner_unit") is not None and not can(actor, Action.ADD, probe):
        raise PermissionDenied(_("You do not have permission to create this record."))
    pasted = data.pop("text", "") or ""
    if file is not None:
        text, name = read_upload(file)
    elif pasted.strip():
        text, name = read_pasted(pasted), ""
    else:
        raise ValidationError({"text": [_("Paste the article's text or upload its file.")]})
    # The date in the text wins; the job stores it (proposals_replace). Only when none was
    # entered is the text read now, since the article cannot be recorded without a date.
    published = data.get("published_on") or _published_in_text(text)
    if published is None:
        raise ValidationError({"published_on": [_("No publication date was found in the text: enter it.")]})
    url = (data.get("url") or "").strip()
    if not confirm_duplicate:
        found = find_duplicate(user=actor, text=text, url=url)
        if found is not None:
            raise DuplicateArticle(*found)
    title = (data.get("title") or "").strip() or _first_line(text)
    data.update(
        title=title[:500],
        url=url,
        published_on=published,
        text=text,
        original_filename=name[:255],
        content_hash=dedup.content_hash(text),
        fingerprint=dedup.fingerprint(text),
        extraction_status=ExtractionStatus.QUEUED,
    )
    article = record_create(actor=actor, model=Article, data=data)
    _enqueue(article.pk)
    return article


_DATE_OR_TIME = re.compile(r"\d{1,2}[/:]\d{1,2}|GMT|\bUTC\b")


def _first_line(text: str) -> str:
    """A title for an article entered without one: the first line that reads like a headline
    (6 to 40 words, no full stop at the end, no date or time, no menu or slogan of the site)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines:
        words = line.split()
        if (
            6 <= len(words) <= 40
            and not line.endswith((".", ":", ";"))
            and not _DATE_OR_TIME.search(line)
            and line.count(" - ") < 2
            and not line.startswith(("•", "-", "*", "("))
        ):
            return line
    return lines[0] if lines else ""


@service
def article_update(*, actor: Any, obj: Article, data: dict[str, Any], version: int | None) -> Article:
    """Change an article's description (title, source, URL, date, owner, level); its text
    never changes, since every proposal points into it."""
    changes = {k: v for k, v in data.items() if k in EDITABLE_FIELDS}
    if "url" in changes:
        changes["url"] = (changes["url"] or "").strip()
    return record_update(actor=actor, obj=obj, data=changes, version=version)


@service
def article_delete(*, actor: Any, obj: Article, version: int | None) -> None:
    """Delete an article with its proposals (history keeps the article's record)."""
    record_delete(actor=actor, obj=obj, version=version)


@service
def extraction_set_state(*, actor: Any, article_id: int, **fields: Any) -> None:
    """Progress of the extraction job (bookkeeping: no version, no history)."""
    Article.objects.filter(pk=article_id).update(**fields)


def valid_items(text: str, result: dict[str, Any]) -> list[tuple[str, int, dict[str, Any]]]:
    """The extractor's items whose evidence is exactly the text at their offsets.

    An item that does not point at its words cannot be highlighted nor reviewed against
    them: it is left out (and logged) rather than shown at the wrong place.
    """
    out = []
    for field in FactField.values:
        for position, item in enumerate(result.get(field) or []):
            try:
                start, end, evidence = int(item["start"]), int(item["end"]), str(item["evidence"])
            except (KeyError, TypeError, ValueError):
                logger.warning("extraction item without evidence offsets: %s %r", field, item)
                continue
            if not (0 <= start <= end <= len(text)) or text[start:end] != evidence:
                logger.warning("extraction item whose evidence is not at its offsets: %s %r", field, item)
                continue
            out.append((field, position, item))
    return out


@service
def proposals_replace(*, actor: Any, article: Article, result: dict[str, Any]) -> int:
    """Store a new extraction: its raw result and one proposal per valid item.

    Proposals already reviewed stay; pending ones are replaced. The publication date read
    from the text wins over the one entered (recorded in history when it changes).
    """
    article = Article.objects.get(pk=article.pk)
    items = valid_items(article.text, result)
    FactProposal.objects.filter(article=article, status=ProposalStatus.PENDING).delete()
    reviewed = set(FactProposal.objects.filter(article=article).values_list("field", "start", "end"))
    proposals = [
        FactProposal(
            article=article,
            field=field,
            position=position,
            value={k: v for k, v in item.items() if k not in ("start", "end")},
            evidence=item["evidence"],
            start=int(item["start"]),
            end=int(item["end"]),
        )
        for field, position, item in items
        if (field, int(item["start"]), int(item["end"])) not in reviewed
    ]
    FactProposal.objects.bulk_create(proposals)
    day = published_day(result.get("published"))
    if day is not None:
        if day != article.published_on:
            record_update(actor=actor, obj=article, data={"published_on": day}, version=article.version)
    Article.objects.filter(pk=article.pk).update(
        extraction_status=ExtractionStatus.DONE,
        extraction_progress=100,
        extraction_message="",
        extracted_at=timezone.now(),
        extraction=result,
    )
    record_change(
        action="update",
        obj=article,
        before=None,
        after={"proposals": len(proposals)},
        actor=actor,
        message=_("Extraction: {} facts proposed").format(len(proposals)),
    )
    return len(proposals)


def run_extraction(article_id: int) -> None:
    """The job: extract the facts of an article as the user who took it in; progress as it goes."""
    from .extraction import extract

    article = Article.objects.select_related("created_by").filter(pk=article_id).first()
    if article is None:
        return  # deleted before the job ran
    user = article.created_by or SYSTEM  # an article the system took in (a demo, an import)
    with change_context(user):
        extraction_set_state(
            actor=user,
            article_id=article_id,
            extraction_status=ExtractionStatus.RUNNING,
            extraction_progress=10,
        )
        try:
            result = extract(article.text, article.published_on)
            extraction_set_state(actor=user, article_id=article_id, extraction_progress=80)
            proposals_replace(actor=user, article=article, result=result)
        except Exception as exc:  # the article page shows why; the worker keeps going
            logger.exception("extraction of article %s failed", article_id)
            extraction_set_state(
                actor=user,
                article_id=article_id,
                extraction_status=ExtractionStatus.FAILED,
                extraction_message=str(exc)[:500],
            )


@service
def extraction_restart(*, actor: Any, article: Article) -> None:
    """Run the extraction again (after a failure, or a new version of the extractor)."""
    if not can(actor, Action.CHANGE, article):
        raise PermissionDenied
    Article.objects.filter(pk=article.pk).update(
        extraction_status=ExtractionStatus.QUEUED, extraction_progress=0, extraction_message=""
    )
    _enqueue(article.pk)


@service
def proposal_review(
    *, actor: Any, proposal: FactProposal, status: str, value: dict[str, Any] | None = None, note: str = ""
) -> FactProposal:
    """Accept, reject or correct one proposed fact; recorded in the article's history.

    A correction carries the corrected value (the proposal keeps what was proposed);
    accepting or rejecting clears an earlier correction.
    """
    article = lock_for_write(actor, proposal.article)
    if not can(actor, Action.CHANGE, article):
        raise PermissionDenied(_("You may not review the facts of this article."))
    if status not in ProposalStatus.values or status == ProposalStatus.PENDING:
        raise ValidationError({"status": [_("Choose accept, correct or reject.")]})
    if status == ProposalStatus.CORRECTED:
        if not isinstance(value, dict) or not value:
            raise ValidationError({"value": [_("Give the corrected value.")]})
    else:
        value = None
    proposal = FactProposal.objects.select_for_update().get(pk=proposal.pk, article=article)
    before = {"status": proposal.status, "corrected_value": proposal.corrected_value}
    proposal.status = status
    proposal.corrected_value = value
    if status == ProposalStatus.REJECTED:
        # A rejected fact names no record (a record created from it stays, with its history).
        proposal.linked_type, proposal.linked_id, proposal.linked_created = None, None, False
    proposal.note = (note or "")[:500]
    proposal.reviewed_by = actor if getattr(actor, "pk", None) else None
    proposal.reviewed_at = timezone.now()
    proposal.save()
    record_change(
        action="update",
        obj=article,
        before={"fact": proposal.pk, **before},
        after={"fact": proposal.pk, "status": status, "corrected_value": value, "note": proposal.note},
        actor=actor,
        message=_("Fact reviewed: {} ({})").format(str(proposal)[:150], proposal.get_status_display()),
    )
    return proposal


def may_accept(user: Any, article: Article) -> bool:
    """Accepting facts into the registry (linking or creating its records) is a coordinator's
    work (issue #22: "a coordinator accepts"), on an article the coordinator may change."""
    from access.choices import Role

    has_role = getattr(user, "has_role", None)
    return bool(has_role and has_role(Role.COORDINATOR)) and can(user, Action.CHANGE, article)


@service
def proposal_accept(
    *,
    actor: Any,
    proposal: FactProposal,
    target: Any = None,
    operation: Any = None,
    value: dict[str, Any] | None = None,
    note: str = "",
    relationship: bool = False,
    instrument: bool = False,
) -> FactProposal:
    """Accept a fact (corrected when ``value`` is given) and link it to the registry.

    ``target`` is a record the reviewer may see ("<app.model>:<id>" or an id, the accept
    form's choice), ``"new"`` to create the record through its app's service, or empty to
    record the review alone. A hidden or missing target gets the same error; any error
    leaves nothing written. People and headline counts are never linked (personal data;
    compared with the indicators instead). With ``relationship``, an agency fact also gets
    the agency's relationship with the reviewer's unit: the visible one that runs, else a new
    one (partners' service), never a duplicate. With ``instrument``, a signing fact also gets
    its instrument: the visible one it names, else a new signed one (instruments' service);
    the fact links it when no event is chosen.
    """
    from django.contrib.contenttypes.models import ContentType

    from . import accept

    article = lock_for_write(actor, proposal.article)
    if not may_accept(actor, article):
        raise PermissionDenied(_("Only a coordinator accepts facts into the registry."))
    proposal = (
        FactProposal.objects.select_for_update()
        .select_related("article")
        .get(pk=proposal.pk, article=article)
    )
    if value is not None:
        if not isinstance(value, dict) or not value:
            raise ValidationError({"value": [_("Give the corrected value.")]})
        proposal.corrected_value = {**(proposal.value or {}), **value}
    record = None
    target = "" if target is None else str(target).strip()
    if target == accept.NEW:
        if not accept.may_create(proposal):
            raise ValidationError(
                {"target": [_("This kind of record is only linked, never created here: choose it.")]}
            )
        if operation not in (None, ""):
            operation = (
                accept.target_record(
                    user=actor, proposal=_as_operation_fact(proposal), target=f"cases.operation:{operation}"
                )
                if not hasattr(operation, "pk")
                else operation
            )
        record = accept.create_record(actor=actor, proposal=proposal, operation=operation or None)
    elif target:
        record = accept.target_record(user=actor, proposal=proposal, target=target)
    related = None
    if relationship:
        if accept.kind_of(proposal) != "agency" or record is None:
            raise ValidationError(
                {"relationship": [_("A relationship is proposed with an agency: link or create the agency.")]}
            )
        related = accept.relationship_for(actor=actor, proposal=proposal, agency=record)
    signed = None
    if instrument:
        if not accept.is_signing(proposal):
            raise ValidationError({"instrument": [_("Only a signing records an instrument.")]})
        signed = accept.instrument_for(actor=actor, proposal=proposal, event=record)
        if record is None:
            record, target = signed[0], (accept.NEW if signed[1] else "link")
    # The history names the kind of record only: a reader of the article's history may not
    # see the record (its name and id stay on the proposal, shown through visibility).
    before = {"status": proposal.status, "linked": bool(proposal.linked_id)}
    proposal.status = ProposalStatus.CORRECTED if value is not None else ProposalStatus.ACCEPTED
    if value is None:
        proposal.corrected_value = None
    proposal.note = (note or "")[:500]
    proposal.reviewed_by = actor if getattr(actor, "pk", None) else None
    proposal.reviewed_at = timezone.now()
    if record is not None:
        proposal.linked_type = ContentType.objects.get_for_model(type(record))
        proposal.linked_id = str(record.pk)
        proposal.linked_created = target == accept.NEW
    proposal.save()
    after = {"fact": proposal.pk, "status": proposal.status, "note": proposal.note}
    message = _("Fact accepted: {}").format(str(proposal)[:150])
    if record is not None:
        after.update(linked=record._meta.label_lower, created=proposal.linked_created)
        message = (
            _("Fact accepted, record created ({}): {}")
            if proposal.linked_created
            else _("Fact accepted, linked to a record ({}): {}")
        ).format(record._meta.verbose_name, str(proposal)[:150])
    if related is not None:
        # The kind only, as for the record: the history's reader may not see the relationship.
        after["relationship"] = "created" if related[1] else "linked"
    if signed is not None:
        after["instrument"] = "created" if signed[1] else "linked"
    record_change(
        action="update",
        obj=article,
        before={"fact": proposal.pk, **before},
        after=after,
        actor=actor,
        message=message,
    )
    return proposal


def _as_operation_fact(proposal: FactProposal) -> FactProposal:
    """A stand-in fact whose target kind is an operation (to check the chosen operation
    through the same visible-or-refused rule as any target)."""
    return FactProposal(
        article=proposal.article, field=FactField.EVENTS, value={"type": "operation"}, evidence=""
    )


@service
def article_media_item(*, actor: Any, article: Article, target: Any) -> Article:
    """Count the article as outreach coverage: link the visible media item it is
    ("events.mediaitem:<id>") or create it ("new") through events.services.media_create.
    A coordinator's work, like accepting facts; a hidden or missing item gets the same error."""
    from . import accept

    article = lock_for_write(actor, article)
    if not may_accept(actor, article):
        raise PermissionDenied(_("Only a coordinator accepts facts into the registry."))
    target = "" if target is None else str(target).strip()
    if target == accept.NEW:
        item = accept.create_media_item(actor=actor, article=article)
    elif target:
        item = accept.media_target(user=actor, target=target)
    else:
        raise ValidationError({"target": [_("Choose the media item, or create it.")]})
    return record_update(actor=actor, obj=article, data={"media_item": item}, version=article.version)
