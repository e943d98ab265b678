"""Written contributions to a call, written once for the pages, the API and the demo:
submitting (by a focal point of an invited entity, within the call's dates), replacing files
while editable, and the Secretariat's screening (accept, return, decline), each change in
the audit trail and told to the submitter by e-mail. Accepting publishes the contribution
as a document of kind written contribution.

Who is a focal point of an entity for a call: for a session's call, a focal point of the
entity's delegation to that session; for a series' call (contributions received between
sessions), a focal point of the entity's delegation to any session of the series.

Where a series' call publishes: the series' next session (the first that has not ended on
the day of acceptance), else its latest; the call's own session for a session's call."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from accounts.roles import is_conference_officer
from core import outbox
from core.errors import DomainError
from core.files import atomic_with_files
from languages.official import OFFICIAL_LANGUAGE_CODES, interface_language
from registration.models import Delegation, Entity
from sessions_app.models import Session

from . import services
from .files import CheckedFile
from .models import Call, Contribution, ContributionEvent, ContributionFile, Document
from .tasks import send_contribution_mail

State = Contribution.State


class ContributionError(DomainError):
    """A change of a written contribution that the rules refuse."""


# --- Who -----------------------------------------------------------------------------


def call_sessions(call: Call) -> Q:
    """The sessions whose delegations' focal points speak for their entity in this call,
    as a condition on Delegation."""
    if call.session_id:
        return Q(session_id=call.session_id)
    return Q(session__series_id=call.series_id)


def focal_entities(user, call: Call) -> QuerySet:
    """The entities this person is a focal point of for the call (one query)."""
    if not user.is_authenticated:
        return Entity.objects.none()
    delegations = Delegation.objects.filter(call_sessions(call), focal_points=user)
    return Entity.objects.filter(pk__in=delegations.values("entity_id"))


def is_focal_point(user, call: Call, entity: Entity) -> bool:
    return focal_entities(user, call).filter(pk=entity.pk).exists()


def may_see(user, contribution: Contribution) -> bool:
    """Officers and the entity's focal points see a contribution and its files."""
    if not user.is_authenticated:
        return False
    return is_conference_officer(user) or is_focal_point(
        user, contribution.call, contribution.entity
    )


def visible_to(user) -> QuerySet:
    """The contributions this person may see: all for officers, else those of the entities
    they are a focal point of for each call (by session or by series)."""
    contributions = Contribution.objects.all()
    if is_conference_officer(user):
        return contributions
    if not user.is_authenticated:
        return contributions.none()
    theirs = Delegation.objects.filter(focal_points=user, entity_id=OuterRef("entity_id"))
    return contributions.filter(
        Exists(theirs.filter(session_id=OuterRef("call__session_id")))
        | Exists(theirs.filter(session__series_id=OuterRef("call__series_id")))
    )


def _require_officer(actor) -> None:
    if actor is None or not is_conference_officer(actor):
        raise ContributionError(
            _("Only the Secretariat screens written contributions."), code="not_officer"
        )


# --- Submitting -----------------------------------------------------------------------


def is_open(call: Call, now=None) -> bool:
    """Whether the call takes contributions now (late ones where it accepts them)."""
    now = now or timezone.now()
    return call.opens_at <= now and (now <= call.deadline or call.accepts_late)


def _check_window(call: Call, now) -> bool:
    """Whether a contribution now is late; refused before opening or late when the call
    does not accept late ones."""
    if now < call.opens_at:
        raise ContributionError(_("The call for contributions is not open yet."), code="not_open")
    if now > call.deadline:
        if not call.accepts_late:
            raise ContributionError(
                _("The deadline of the call has passed: it does not accept late contributions."),
                code="deadline_passed",
            )
        return True
    return False


def _check_submitter(call: Call, entity: Entity, actor) -> None:
    if actor is None or not actor.is_authenticated:
        raise ContributionError(_("Sign in to submit a contribution."), code="not_focal_point")
    if is_conference_officer(actor) or is_focal_point(actor, call, entity):
        return
    raise ContributionError(
        _("Only a focal point of %(entity)s submits its contributions.")
        % {"entity": entity.display_name},
        code="not_focal_point",
    )


def _check_invited(call: Call, entity: Entity) -> None:
    if entity.kind not in call.invited_kinds or not entity.is_active:
        raise ContributionError(
            _("The call does not invite contributions from this kind of entity: %(kind)s.")
            % {"kind": entity.get_kind_display()},
            code="not_invited",
        )


def _checked_files(files: dict, original_language: str | None) -> list[services.Version]:
    files = {language: uploaded for language, uploaded in files.items() if uploaded}
    if original_language and original_language not in files:
        raise ContributionError(
            _("Attach the file in the original language."), code="original_missing"
        )
    if not files:
        raise ContributionError(_("Attach at least one file."), code="no_files")
    return services.checked_versions(files)  # FileErrors, one reason per file


def submit(
    call: Call,
    entity: Entity,
    actor,
    title: str,
    original_language: str,
    files: dict,
    consents: bool,
) -> Contribution:
    """A focal point of an invited entity (or an officer) submits a contribution to the
    call: a title, its original language, a file per language (the original's required),
    and consent to publication. Late ones are marked where the call accepts them."""
    _check_submitter(call, entity, actor)
    _check_invited(call, entity)
    is_late = _check_window(call, timezone.now())
    title = " ".join((title or "").split())
    if not title:
        raise ContributionError(_("Give the contribution's title."), code="title")
    if original_language not in OFFICIAL_LANGUAGE_CODES:
        raise ContributionError(
            _("Choose the original language among the six official languages."),
            code="original_language",
        )
    if not consents:
        raise ContributionError(
            _("Contributions are published: consent to publication is required."),
            code="consent",
        )
    versions = _checked_files(files, original_language)
    with atomic_with_files():
        contribution = Contribution.objects.create(
            call=call,
            entity=entity,
            title=title[:500],
            original_language=original_language,
            consents_to_publication=True,
            is_late=is_late,
            submitted_by=actor,
        )
        services.keep_files(contribution.files, versions)
        _record(contribution, actor, "submitted")
    return contribution


def _locked(contribution: Contribution) -> Contribution:
    """The contribution read again under a lock: two officers acting at once see each
    other's change."""
    fresh = (
        Contribution.objects.select_for_update()
        .select_related("call", "entity")
        .get(pk=contribution.pk)
    )
    contribution.state, contribution.document_id = fresh.state, fresh.document_id
    return fresh


def replace_files(contribution: Contribution, actor, files: dict) -> Contribution:
    """The entity's focal point replaces (or adds) files while the contribution is
    editable: a submitted one within the call's dates (after the deadline it becomes late,
    where the call accepts late ones), a returned one whatever the dates (the Secretariat
    asked for it); a returned contribution is submitted again."""
    if actor is None or not is_focal_point(actor, contribution.call, contribution.entity):
        raise ContributionError(
            _("Only a focal point of %(entity)s replaces its files.")
            % {"entity": contribution.entity.display_name},
            code="not_focal_point",
        )
    versions = _checked_files(files, None)
    with atomic_with_files():
        fresh = _locked(contribution)
        if not fresh.is_editable:
            raise ContributionError(
                _("Its files can no longer be replaced. The contribution's state: %(state)s.")
                % {"state": fresh.get_state_display()},
                code="not_editable",
            )
        if fresh.state == State.SUBMITTED and _check_window(fresh.call, timezone.now()):
            fresh.is_late = True
        services.keep_files(fresh.files, versions)
        fresh.state = State.SUBMITTED
        fresh.save(update_fields=["state", "is_late", "updated_at"])
        _record(fresh, actor, "replaced", files_replaced=True)
    contribution.state = fresh.state
    return contribution


# --- Screening ------------------------------------------------------------------------


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ContributionError(_("Give the reason: the submitter is told."), code="reason")
    return reason


def return_to_submitter(contribution: Contribution, actor, reason: str) -> Contribution:
    """Officers return a submitted contribution to its submitter, with the reason."""
    return _screen(contribution, actor, State.RETURNED, _reason(reason), (State.SUBMITTED,))


def decline(contribution: Contribution, actor, reason: str) -> Contribution:
    """Officers decline a contribution that is not accepted, with the reason."""
    return _screen(
        contribution, actor, State.DECLINED, _reason(reason), Contribution.EDITABLE_STATES
    )


def accept(contribution: Contribution, actor, symbol: str = "") -> Contribution:
    """Officers accept a contribution: it is published as a document of the session, with
    the symbol the Secretariat gives (validated as any document's) or none."""
    # Not a returned one: its files are those the Secretariat sent back.
    return _screen(contribution, actor, State.ACCEPTED, "", (State.SUBMITTED,), symbol=symbol)


def _screen(contribution, actor, state, reason, allowed_from, symbol="") -> Contribution:
    _require_officer(actor)
    with atomic_with_files():
        fresh = _locked(contribution)
        if fresh.state not in allowed_from:
            raise ContributionError(
                _("This is not possible in the contribution's state: %(state)s.")
                % {"state": fresh.get_state_display()},
                code="wrong_state",
            )
        fresh.state = state
        if state == State.ACCEPTED:
            fresh.document = publish(fresh, actor, symbol)
        fresh.save(update_fields=["state", "document", "updated_at"])
        _record(fresh, actor, state, reason=reason)
    contribution.state, contribution.document = fresh.state, fresh.document
    return contribution


def publishing_session(call: Call) -> Session:
    """The session whose documents list the call's accepted contributions (see the module's
    docstring for a series' call)."""
    if call.session_id:
        return call.session
    sessions = Session.objects.filter(series_id=call.series_id)
    upcoming = sessions.filter(end_date__gte=timezone.localdate()).order_by("start_date").first()
    latest = sessions.order_by("-start_date").first()
    if upcoming or latest:
        return upcoming or latest
    raise ContributionError(
        _("The series has no session to publish the contribution in."), code="no_session"
    )


def publish(contribution: Contribution, actor, symbol: str = "") -> Document:
    """The contribution as a published document of general distribution, its files copied
    (the contribution keeps its own). Inside the caller's transaction."""
    if not contribution.consents_to_publication:
        raise ContributionError(_("The entity did not consent to publication."), code="no_consent")
    document = Document(
        session=publishing_session(contribution.call),
        symbol=(symbol or "").strip(),
        kind=Document.Kind.WRITTEN_CONTRIBUTION,
        entity=contribution.entity,
        original_language=contribution.original_language,
        status=Document.Status.PUBLISHED,
        distribution=Document.Distribution.GENERAL,
    )
    column = build_localized_fieldname("title", interface_language(contribution.original_language))
    setattr(document, column, contribution.title)
    versions = [
        services.Version(
            row.language,
            CheckedFile(_read(row), row.extension),
            f"{row.language}.{row.extension}",
        )
        for row in contribution.files.all()
    ]
    return services.save_document(document, versions, actor)


def _read(row: ContributionFile) -> bytes:
    with row.file.open("rb") as stored:
        return stored.read()


# --- The audit trail and the mail -------------------------------------------------------


def _record(contribution, actor, kind: str, reason: str = "", files_replaced=False) -> None:
    """The change in the audit trail, and the submitter told once the transaction commits."""
    event = ContributionEvent.objects.create(
        contribution=contribution,
        state=contribution.state,
        actor=actor,
        reason=reason,
        files_replaced=files_replaced,
    )
    outbox.enqueue(send_contribution_mail, event.pk, kind)
