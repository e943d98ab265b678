"""Many documents at once, straight into the database (for query-count tests)."""

from documents.models import Document, DocumentFile
from registration.models import Entity

LANGUAGES = ("ar", "en", "fr")


def bulk_documents(session, count: int) -> list[Document]:
    """`count` published general documents of the session, each with three language
    versions, every tenth a written contribution of an entity; every fifth is superseded
    by a revision (without files)."""
    entities = Entity.objects.bulk_create(
        [
            Entity(kind=kind, name=f"Bulk {kind} {session.pk}", regional_group="AFRICA")
            for kind in (Entity.Kind.MEMBER_STATE, Entity.Kind.NGO, Entity.Kind.IGO)
        ]
    )
    documents = Document.objects.bulk_create(
        [
            Document(
                session=session,
                symbol=f"UNODC/CCPCJ/EG.10/{session.pk}/{n + 1}",
                kind=(Document.Kind.WRITTEN_CONTRIBUTION if n % 10 == 9 else Document.Kind.OTHER),
                entity=entities[n % 3] if n % 10 == 9 else None,
                title_en=f"Bulk document {n}",
                status=Document.Status.PUBLISHED,
                agenda_items=[n % 7 + 1],
            )
            for n in range(count)
        ]
    )
    DocumentFile.objects.bulk_create(
        [
            DocumentFile(
                document=document,
                language=language,
                file=f"documents/{session.pk}/bulk-{document.pk}-{language}.pdf",
                extension="pdf",
                size=1000,
            )
            for document in documents
            for language in LANGUAGES
        ]
    )
    # Some revise others: their rows link to the revision.
    revisions = Document.objects.bulk_create(
        [
            Document(
                session=session,
                symbol=f"{documents[n].symbol}/Rev.1",
                kind=Document.Kind.OTHER,
                title_en=f"Revision {n}",
                status=Document.Status.PUBLISHED,
                revises=documents[n],
                agenda_items=[1],
            )
            for n in range(0, count, 5)
        ]
    )
    Document.objects.filter(pk__in=[doc.revises_id for doc in revisions]).update(
        status=Document.Status.SUPERSEDED
    )
    return documents + revisions
