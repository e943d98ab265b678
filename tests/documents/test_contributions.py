"""The written-contributions workflow: who may submit and when, replacing files while
editable, the Secretariat's screening, the audit trail, the mail and publication."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts.languages import set_preferred_language
from documents import contributions
from documents.contributions import ContributionError
from documents.models import Contribution, Document
from documents.services import FileErrors
from registration.models import Entity
from tests.documents.common import docx_bytes, upload
from tests.documents.contribution_common import focal_point, open_call, submit
from tests.factories import EntityFactory, SeriesFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db
State = Contribution.State


@pytest.fixture
def mails(django_capture_on_commit_callbacks):
    """The mail sent by the changes made inside (after their transaction commits)."""

    class Capture:
        def __enter__(self):
            self.capture = django_capture_on_commit_callbacks(execute=True)
            self.capture.__enter__()
            return mail.outbox

        def __exit__(self, *exc):
            return self.capture.__exit__(*exc)

    return Capture()


def refusal(change, *args, **kwargs) -> str:
    with pytest.raises(ContributionError) as refused:
        change(*args, **kwargs)
    return refused.value.code


def test_a_focal_point_submits_for_their_entity(call, sender):
    user, entity = sender

    contribution = submit(call, entity, user, languages=("fr", "en"), original="fr")

    assert (contribution.state, contribution.is_late, contribution.submitted_by) == (
        State.SUBMITTED,
        False,
        user,
    )
    assert sorted(contribution.files.values_list("language", "extension")) == [
        ("en", "pdf"),
        ("fr", "pdf"),
    ]


def test_a_focal_point_of_a_series_call_is_one_of_any_session_of_the_series(session):
    call = open_call(series=session.series)
    other_session = SessionFactory(series=session.series)
    user, entity = focal_point(other_session)

    assert submit(call, entity, user).state == State.SUBMITTED


def test_an_officer_submits_for_an_entity(call, officer):
    assert submit(call, EntityFactory(), officer).submitted_by == officer


def test_a_submission_after_the_deadline_is_refused(call, sender):
    call.opens_at, call.deadline = (
        timezone.now() - timedelta(days=9),
        timezone.now() - timedelta(days=1),
    )
    call.save()

    assert refusal(submit, call, sender[1], sender[0]) == "deadline_passed"
    assert not Contribution.objects.exists()


def test_a_late_submission_is_marked_where_the_call_accepts_it(call, sender):
    call.opens_at, call.deadline = (
        timezone.now() - timedelta(days=9),
        timezone.now() - timedelta(days=1),
    )
    call.accepts_late = True
    call.save()

    assert submit(call, sender[1], sender[0]).is_late is True


def test_a_submission_before_the_call_opens_is_refused(call, sender):
    call.opens_at = timezone.now() + timedelta(days=1)
    call.save()

    assert refusal(submit, call, sender[1], sender[0]) == "not_open"


def test_someone_who_is_no_focal_point_may_not_submit(call):
    assert refusal(submit, call, EntityFactory(), UserFactory()) == "not_focal_point"


def test_another_entitys_focal_point_may_not_submit_for_it(call, session, sender):
    user, _entity = sender

    assert refusal(submit, call, EntityFactory(), user) == "not_focal_point"


def test_a_focal_point_of_another_session_may_not_submit(call):
    user, entity = focal_point(SessionFactory())

    assert refusal(submit, call, entity, user) == "not_focal_point"


def test_an_entity_of_a_kind_not_invited_may_not_submit(call, session):
    user, entity = focal_point(session, EntityFactory(kind=Entity.Kind.NGO))

    assert refusal(submit, call, entity, user) == "not_invited"


def test_the_file_in_the_original_language_is_required(call, sender):
    assert refusal(submit, call, sender[1], sender[0], languages=("en",), original="ar") == (
        "original_missing"
    )


def test_consent_to_publication_is_required(call, sender):
    assert refusal(submit, call, sender[1], sender[0], consents=False) == "consent"


def test_files_are_checked_by_content_and_nothing_is_kept_for_a_bad_one(call, sender):
    user, entity = sender
    files = {"en": upload("en.pdf"), "fr": upload("fr.pdf", b"GIF89a")}

    with pytest.raises(FileErrors) as refused:
        contributions.submit(call, entity, user, "Title", "en", files, True)

    assert refused.value.errors == [
        ("fr.pdf", "The file is neither a PDF nor a Word document (DOCX).")
    ]
    assert not Contribution.objects.exists()


def test_the_focal_point_replaces_files_and_a_returned_contribution_is_submitted_again(
    call, sender, officer
):
    user, entity = sender
    contribution = submit(call, entity, user)
    contributions.return_to_submitter(contribution, officer, "Please add the French version.")

    contributions.replace_files(contribution, user, {"fr": upload("fr.docx", docx_bytes())})

    contribution.refresh_from_db()
    assert contribution.state == State.SUBMITTED
    assert sorted(contribution.files.values_list("language", "extension")) == [
        ("en", "pdf"),
        ("fr", "docx"),
    ]


def test_files_may_not_be_replaced_after_acceptance(call, sender, officer):
    user, entity = sender
    contribution = submit(call, entity, user)
    contributions.accept(contribution, officer)

    assert refusal(contributions.replace_files, contribution, user, {"en": upload("en.pdf")}) == (
        "not_editable"
    )


def test_another_entitys_focal_point_may_not_replace_files(call, session, sender):
    contribution = submit(call, sender[1], sender[0])
    other, _entity = focal_point(session)

    assert refusal(contributions.replace_files, contribution, other, {"en": upload("e.pdf")}) == (
        "not_focal_point"
    )


@pytest.mark.parametrize("change", [contributions.return_to_submitter, contributions.decline])
def test_returning_or_declining_needs_a_reason(call, sender, officer, change):
    contribution = submit(call, sender[1], sender[0])

    assert refusal(change, contribution, officer, "  ") == "reason"
    contribution.refresh_from_db()
    assert contribution.state == State.SUBMITTED


def test_only_an_officer_accepts(call, sender):
    contribution = submit(call, sender[1], sender[0])

    assert refusal(contributions.accept, contribution, sender[0]) == "not_officer"
    assert not Document.objects.exists()


def test_a_declined_contribution_cannot_be_accepted(call, sender, officer):
    contribution = submit(call, sender[1], sender[0])
    contributions.decline(contribution, officer, "Off topic.")

    assert refusal(contributions.accept, contribution, officer) == "wrong_state"


def test_accepting_publishes_a_document_with_copies_of_the_files(call, session, sender, officer):
    user, entity = sender
    contribution = submit(call, entity, user, languages=("fr", "en"), original="fr")

    contributions.accept(contribution, officer, symbol="UNODC/CCPCJ/EG.10/2025/CRP.3")

    document = Document.objects.get()
    assert (document.session, document.kind, document.entity, document.symbol) == (
        session,
        Document.Kind.WRITTEN_CONTRIBUTION,
        entity,
        "UNODC/CCPCJ/EG.10/2025/CRP.3",
    )
    assert (document.status, document.distribution, document.original_language) == (
        "published",
        "general",
        "fr",
    )
    assert (document.title_fr, document.title_en) == ("Reducing reoffending: our practice", None)
    versions = {version.language: version for version in document.versions.all()}
    originals = {row.language: row for row in contribution.files.all()}
    assert set(versions) == {"en", "fr"}
    assert versions["fr"].file.name != originals["fr"].file.name  # a copy, not the same file
    assert versions["fr"].file.read() == originals["fr"].file.read()
    assert contribution.document == document


def test_a_chinese_title_goes_to_the_chinese_column(call, sender, officer):
    contribution = submit(call, sender[1], sender[0], languages=("zh",), original="zh")

    contributions.accept(contribution, officer)

    assert Document.objects.get().title_zh_hans == "Reducing reoffending: our practice"


def test_a_bad_symbol_refuses_acceptance_and_publishes_nothing(call, sender, officer):
    contribution = submit(call, sender[1], sender[0])

    with pytest.raises(Exception) as refused:
        contributions.accept(contribution, officer, symbol="not a symbol")

    assert refused.value.code == "symbol"
    contribution.refresh_from_db()
    assert (contribution.state, Document.objects.count()) == (State.SUBMITTED, 0)


def test_a_series_call_publishes_in_the_next_session_of_the_series(officer):
    series = SeriesFactory()
    SessionFactory(series=series, start_date=date(2020, 1, 1), end_date=date(2020, 1, 2))
    upcoming = SessionFactory(
        series=series,
        start_date=timezone.localdate() + timedelta(days=30),
        end_date=timezone.localdate() + timedelta(days=32),
    )
    call = open_call(series=series)
    user, entity = focal_point(upcoming)

    contributions.accept(submit(call, entity, user), officer)

    assert Document.objects.get().session == upcoming


def test_every_change_is_in_the_audit_trail_and_told_to_the_submitter(call, sender, officer, mails):
    user, entity = sender
    with mails as outbox:
        contribution = submit(call, entity, user)
        contributions.return_to_submitter(contribution, officer, "Add the French version.")
        contributions.replace_files(contribution, user, {"fr": upload("fr.pdf")})
        contributions.accept(contribution, officer)

    trail = list(contribution.events.values_list("state", "actor", "reason", "files_replaced"))
    assert trail == [
        ("submitted", user.pk, "", False),
        ("returned", officer.pk, "Add the French version.", False),
        ("submitted", user.pk, "", True),
        ("accepted", officer.pk, "", False),
    ]
    assert [message.to for message in outbox] == [[user.email]] * 4
    assert [message.subject.split(":")[0] for message in outbox] == [
        "Written contribution received",
        "Written contribution returned to you",
        "Files replaced",
        "Written contribution accepted",
    ]
    assert "Add the French version." in outbox[1].body


def test_the_submitter_is_written_to_in_their_language(call, sender, officer, mails):
    user, entity = sender
    set_preferred_language(user, "fr")
    call.title_fr = "Appel à contributions écrites"
    call.save()
    contribution = submit(call, entity, user)
    with mails as outbox:
        contributions.decline(contribution, officer, "Hors sujet.")

    assert "Hors sujet." in outbox[0].body
    assert "Appel à contributions écrites" in outbox[0].body  # the call's title in French


def test_a_focal_point_sees_their_entitys_contributions_only(call, session, sender, officer):
    user, entity = sender
    theirs = submit(call, entity, user)
    other_user, other_entity = focal_point(session)
    submit(call, other_entity, other_user)

    assert list(contributions.visible_to(user)) == [theirs]
    assert contributions.visible_to(officer).count() == 2
    assert contributions.may_see(user, theirs) and not contributions.may_see(other_user, theirs)


def _close(call, accepts_late=False):
    call.opens_at, call.deadline = (
        timezone.now() - timedelta(days=9),
        timezone.now() - timedelta(days=1),
    )
    call.accepts_late = accepts_late
    call.save()


def test_a_submitted_contributions_files_may_not_be_replaced_after_the_deadline(call, sender):
    user, entity = sender
    contribution = submit(call, entity, user)
    _close(call)

    assert refusal(contributions.replace_files, contribution, user, {"en": upload("en.pdf")}) == (
        "deadline_passed"
    )


def test_files_replaced_after_the_deadline_make_it_late_where_the_call_accepts_that(call, sender):
    user, entity = sender
    contribution = submit(call, entity, user)
    _close(call, accepts_late=True)

    contributions.replace_files(contribution, user, {"en": upload("en.pdf")})

    contribution.refresh_from_db()
    assert contribution.is_late


def test_a_returned_contributions_files_may_be_replaced_after_the_deadline(call, sender, officer):
    user, entity = sender
    contribution = submit(call, entity, user)
    contributions.return_to_submitter(contribution, officer, "Please add the French version.")
    _close(call)

    contributions.replace_files(contribution, user, {"fr": upload("fr.pdf")})

    contribution.refresh_from_db()
    assert (contribution.state, contribution.is_late) == (State.SUBMITTED, False)


def test_a_returned_contribution_is_not_accepted_before_it_is_submitted_again(
    call, sender, officer
):
    contribution = submit(call, sender[1], sender[0])
    contributions.return_to_submitter(contribution, officer, "Please add the French version.")

    assert refusal(contributions.accept, contribution, officer) == "wrong_state"
