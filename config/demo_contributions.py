"""The demonstration session's call for written contributions: open now, with a few
contributions submitted, one accepted (published among the session's documents), one
returned with a reason. Each through the same services as the pages; the files are
generated PDFs, clearly labelled as demonstration files. The demo delegate is made a focal
point of the first State's delegation, so that the submit page can be tried."""

import io
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from reportlab.pdfgen import canvas

from documents import contributions
from documents.models import Call
from registration.models import Delegation, Entity

INVITED = [
    Entity.Kind.MEMBER_STATE,
    Entity.Kind.OBSERVER_STATE,
    Entity.Kind.UN_ENTITY,
    Entity.Kind.PNI,
    Entity.Kind.IGO,
    Entity.Kind.NGO,
]
THEMES = (
    "1. Promising practices in rehabilitation and social reintegration of offenders.\n"
    "2. Cooperation between prison, probation and community services.\n"
    "3. Data on reoffending and evaluation of programmes."
)
# (title, original language, what the Secretariat does: "", "accept" or a reason to return)
CONTRIBUTIONS = [
    ("Reducing reoffending: the national strategy and its first results", "en", "accept"),
    (
        "Contribution sur la réinsertion sociale des personnes détenues",
        "fr",
        "Please add the summary of one page that the call asks for.",
    ),
    ("Contribución sobre programas de justicia restaurativa", "es", ""),
]


def demo_pdf(title: str) -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.setTitle(f"DEMONSTRATION FILE: {title}")
    page.drawString(72, 760, "DEMONSTRATION FILE - not a real contribution")
    page.drawString(72, 730, title[:90])
    page.showPage()
    page.save()
    return buffer.getvalue()


def seed_contributions(session, log=print) -> int:
    """The call and its contributions, once (a session that has a call is left alone)."""
    if Call.objects.filter(session=session).exists():
        return 0
    now = timezone.now()
    call = Call.objects.create(
        session=session,
        title_en="Call for written contributions on model strategies for reducing reoffending",
        title_fr="Appel à contributions écrites sur les stratégies types de réduction de la "
        "récidive",
        title_es="Convocatoria de contribuciones escritas sobre estrategias modelo para "
        "reducir la reincidencia",
        title_ar="دعوة إلى تقديم مساهمات مكتوبة بشأن الاستراتيجيات النموذجية للحد من العود "
        "إلى الإجرام",
        title_zh_hans="关于减少再犯罪示范战略的书面材料征集",
        title_ru="Запрос о представлении письменных материалов о типовых стратегиях "
        "сокращения рецидивизма",
        themes_en=THEMES,
        opens_at=now - timedelta(days=14),
        deadline=now + timedelta(days=21),
        invited_kinds=list(INVITED),
    )
    User = get_user_model()
    officer = User.objects.filter(username="officer@demo.example.org").first()
    delegate = User.objects.filter(username="delegate@demo.example.org").first()
    delegations = list(
        Delegation.objects.filter(session=session, entity__kind=Entity.Kind.MEMBER_STATE)
        .select_related("entity")
        .order_by("entity__name_en")[: len(CONTRIBUTIONS)]
    )
    if delegate and delegations:
        delegations[0].focal_points.add(delegate)
    for delegation, (title, language, decision) in zip(delegations, CONTRIBUTIONS, strict=False):
        upload = SimpleUploadedFile(f"{language}.pdf", demo_pdf(title))
        contribution = contributions.submit(
            call, delegation.entity, officer, title, language, {language: upload}, True
        )
        if decision == "accept":
            contributions.accept(contribution, officer)
        elif decision:
            contributions.return_to_submitter(contribution, officer, decision)
    log(f"  {session.slug}: a call for contributions, {len(delegations)} contributions")
    return len(delegations)
