"""The documents of the demo sessions: the provisional agenda, the working paper (the earlier
meetings) or the Chair's draft, the information note for participants and, for the first
meeting, its report E/CN.15/2024/15, each in the six languages as a generated PDF that says
on its face that it is a demonstration file and not the UN document. The second meeting's
Chair's draft is forthcoming (no files yet). Registered through documents.services, as an
officer would; seeding again changes nothing.

The titles are careful translations for the demonstration, not the UN's official titles;
the symbols follow the group's pattern (UNODC/CCPCJ/EG.10/<year>/<number>) and may be
invented, which each file says."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname

from config.demo_content import SESSION_TITLES
from documents import services
from documents.models import Document
from documents.queries import item_numbers
from languages.official import OFFICIAL, interface_language
from pdftext.document import BODY, HEADING, TITLE, Paragraph, Style, build
from sessions_app.models import Session

Kind = Document.Kind
BODY_SYMBOL = "UNODC/CCPCJ/EG.10"
REPORT_SYMBOL = "E/CN.15/2024/15"
NOTICE_STYLE = Style(size=13, leading=17, space_after=3 * 2.835)

# Each title in the six languages, by the UN's language codes.
TITLES = {
    Kind.PROVISIONAL_AGENDA: {
        "ar": "جدول الأعمال المؤقت",
        "zh": "临时议程",
        "en": "Provisional agenda",
        "fr": "Ordre du jour provisoire",
        "ru": "Предварительная повестка дня",
        "es": "Programa provisional",
    },
    Kind.WORKING_PAPER: {
        "ar": "ورقة عمل من إعداد الأمانة",
        "zh": "秘书处编写的工作文件",
        "en": "Working paper prepared by the Secretariat",
        "fr": "Document de travail établi par le Secrétariat",
        "ru": "Рабочий документ, подготовленный Секретариатом",
        "es": "Documento de trabajo preparado por la Secretaría",
    },
    Kind.CHAIRS_DRAFT: {
        "ar": "مشروع الرئيس بشأن الاستراتيجيات النموذجية للحد من العود إلى الإجرام",
        "zh": "主席关于减少再犯示范战略的草案",
        "en": "Chair's draft of model strategies on reducing reoffending",
        "fr": "Projet de la présidence relatif aux stratégies types visant à réduire la récidive",
        "ru": "Проект Председателя о типовых стратегиях сокращения рецидивизма",
        "es": "Borrador de la Presidencia sobre estrategias modelo para reducir la reincidencia",
    },
    Kind.INFORMATION_NOTE: {
        "ar": "مذكرة معلومات للمشاركين",
        "zh": "与会者须知",
        "en": "Information note for participants",
        "fr": "Note d'information à l'intention des participants",
        "ru": "Информационная записка для участников",
        "es": "Nota informativa para los participantes",
    },
    Kind.REPORT: {
        "ar": "تقرير عن الاجتماع الأول لفريق الخبراء المعني بالحد من العود إلى الإجرام",
        "zh": "减少再犯问题专家组第一次会议报告",
        "en": "Report on the first meeting of the expert group on reducing reoffending",
        "fr": "Rapport sur la première réunion du groupe d'experts sur la réduction de la récidive",
        "ru": "Доклад о работе первого совещания группы экспертов по вопросам сокращения "
        "рецидивизма",
        "es": "Informe sobre la primera reunión del grupo de expertos sobre la reducción de la "
        "reincidencia",
    },
}

# What every file says on its face, above its title.
NOTICE = {
    "ar": "ملف للعرض التوضيحي، وليس وثيقة من وثائق الأمم المتحدة",
    "zh": "演示文件——并非联合国文件",
    "en": "DEMONSTRATION FILE: NOT A UNITED NATIONS DOCUMENT",
    "fr": "FICHIER DE DÉMONSTRATION : CE N'EST PAS UN DOCUMENT DE L'ONU",
    "ru": "ДЕМОНСТРАЦИОННЫЙ ФАЙЛ, НЕ ЯВЛЯЕТСЯ ДОКУМЕНТОМ ООН",
    "es": "ARCHIVO DE DEMOSTRACIÓN: NO ES UN DOCUMENTO DE LAS NACIONES UNIDAS",
}
EXPLANATION = {
    "ar": "أنشئ هذا الملف لأغراض العرض التوضيحي لنظام الاجتماعات. وهو ليس الوثيقة الصادرة "
    "بهذا الرمز، وليست له أي صفة رسمية، وقد يكون الرمز مختلقا.",
    "zh": "本文件为演示会议系统而生成。它不是以该文号印发的文件，不具有任何正式地位，"
    "其文号可能是虚构的。",
    "en": "This file was generated to demonstrate the meetings system. It is not the document "
    "issued under this symbol, it has no official status, and the symbol may be invented.",
    "fr": "Ce fichier a été généré pour la démonstration du système de gestion des réunions. "
    "Ce n'est pas le document publié sous cette cote ; il n'a aucun caractère officiel et la "
    "cote peut être fictive.",
    "ru": "Этот файл создан для демонстрации системы обслуживания совещаний. Он не является "
    "документом, выпущенным под этим условным обозначением, не имеет официального статуса, "
    "а условное обозначение может быть вымышленным.",
    "es": "Este archivo se generó para demostrar el sistema de gestión de reuniones. No es el "
    "documento publicado con esta signatura, no tiene carácter oficial y la signatura puede "
    "ser ficticia.",
}


@dataclass(frozen=True)
class DemoDocument:
    kind: str
    symbol: str
    issued_on: date
    agenda_items: tuple[int, ...] = ()
    forthcoming: bool = False


def planned_documents(session: Session, agenda: list[str]) -> list[DemoDocument]:
    """The documents of a demo session, on the items of its agenda (config.demo.AGENDA);
    none for a session that is not the demo's."""
    if session.slug not in ("egm-2022", "ieg-1-2023", "ieg-1-resumed-2024", "ieg-2-2025", "demo"):
        return []
    start, year = session.start_date, session.start_date.year
    numbers = item_numbers(agenda)  # adoption of the agenda, the substance, the report
    agenda_item, substance, report = (numbers[1],), (numbers[2],), (numbers[4],)
    later = session.slug in ("ieg-2-2025", "demo")
    draft = Kind.CHAIRS_DRAFT if later else Kind.WORKING_PAPER
    documents = [
        DemoDocument(
            Kind.PROVISIONAL_AGENDA,
            f"{BODY_SYMBOL}/{year}/1",
            start - timedelta(weeks=8),
            agenda_item,
        ),
        DemoDocument(
            draft,
            f"{BODY_SYMBOL}/{year}/2",
            start - timedelta(weeks=4),
            substance,
            forthcoming=session.slug == "ieg-2-2025",
        ),
        DemoDocument(
            Kind.INFORMATION_NOTE, f"{BODY_SYMBOL}/{year}/INF/1", start - timedelta(weeks=10)
        ),
    ]
    if session.slug == "ieg-1-resumed-2024":
        documents.append(
            DemoDocument(Kind.REPORT, REPORT_SYMBOL, session.end_date + timedelta(weeks=3), report)
        )
    return documents


def seed_documents(session: Session, agenda: list[str]) -> list[Document]:
    """Register the session's demo documents with their six language versions, or bring
    the registered ones up to date (a file is made only for a language a document lacks,
    or for all when its symbol changed: the demo session's follows the year)."""
    saved = []
    existing = {document.kind: document for document in session.documents.all()}
    for planned in planned_documents(session, agenda):
        document = existing.get(planned.kind) or Document(session=session, kind=planned.kind)
        renamed = document.symbol != planned.symbol
        have = set() if renamed else {version.language for version in document.versions.all()}
        _set_fields(document, planned)
        languages = [] if planned.forthcoming else [o.code for o in OFFICIAL if o.code not in have]
        if document.pk and not renamed and not languages and not _changed(document):
            saved.append(document)
            continue
        versions = services.checked_versions(
            {
                code: ContentFile(demo_pdf(session, planned, code), name=f"{code}.pdf")
                for code in languages
            }
        )
        saved.append(services.save_document(document, versions))
    return saved


def _set_fields(document: Document, planned: DemoDocument) -> None:
    document.symbol = planned.symbol
    document.issued_on = planned.issued_on
    document.agenda_items = list(planned.agenda_items)
    document.distribution = Document.Distribution.GENERAL
    if document.status != Document.Status.SUPERSEDED:
        document.status = (
            Document.Status.FORTHCOMING if planned.forthcoming else Document.Status.PUBLISHED
        )
    for language in OFFICIAL:
        column = build_localized_fieldname("title", language.locale)
        setattr(document, column, TITLES[planned.kind][language.code])


def _changed(document: Document) -> bool:
    """Whether its fields differ from those in the database."""
    fields = ["symbol", "issued_on", "agenda_items", "distribution", "status"] + [
        build_localized_fieldname("title", language.locale) for language in OFFICIAL
    ]
    stored = Document.objects.filter(pk=document.pk).values(*fields).first()
    return stored != {field: getattr(document, field) for field in fields}


def demo_pdf(session: Session, planned: DemoDocument, code: str) -> bytes:
    """A one-page PDF in this language: the notice, the symbol, the session and the title."""
    locale = interface_language(code)
    session_title = (
        session.title_en if code == "en" else SESSION_TITLES[session.slug][locale.replace("-", "_")]
    )
    title = TITLES[planned.kind][code]
    with translation.override(locale):
        story = [
            Paragraph(NOTICE[code], NOTICE_STYLE),
            Paragraph(EXPLANATION[code], BODY),
            Paragraph(planned.symbol, HEADING),
            Paragraph(session_title, BODY),
            Paragraph(title, TITLE),
            Paragraph(NOTICE[code], BODY),
        ]
        return build(story, title=f"{title} ({NOTICE[code]})")
