"""The demo's content in the five other official languages: the body's name, and the
title and agenda items of its second meeting (ieg-2-2025). Careful translations, not
official UN texts. Other sessions and the sitting titles stay English, so the demo also
shows the fallback, marked lang="en"."""

from sessions_app.models import Series, Session, Sitting

SERIES_NAME = {
    "ar": "فريق الخبراء الحكومي الدولي المفتوح العضوية المعني بالحد من العود إلى الإجرام",
    "zh_hans": "减少再犯问题不限成员名额政府间专家组",
    "fr": "Groupe d'experts intergouvernemental à composition non limitée sur la réduction "
    "de la récidive",
    "ru": "Межправительственная группа экспертов открытого состава по вопросам сокращения "
    "рецидивизма",
    "es": "Grupo intergubernamental de expertos de composición abierta sobre la reducción "
    "de la reincidencia",
}

SESSION_TITLES = {
    "ieg-2-2025": {
        "ar": "الاجتماع الثاني لفريق الخبراء",
        "zh_hans": "专家组第二次会议",
        "fr": "Deuxième réunion du groupe d'experts",
        "ru": "Второе совещание группы экспертов",
        "es": "Segunda reunión del grupo de expertos",
    },
}

# Each English agenda item (config.demo.AGENDA) in the other languages.
AGENDA_ITEMS = {
    "1. Opening of the meeting": {
        "ar": "1. افتتاح الاجتماع",
        "zh_hans": "1. 会议开幕",
        "fr": "1. Ouverture de la réunion",
        "ru": "1. Открытие совещания",
        "es": "1. Apertura de la reunión",
    },
    "2. Adoption of the agenda and organization of work": {
        "ar": "2. إقرار جدول الأعمال وتنظيم الأعمال",
        "zh_hans": "2. 通过议程和工作安排",
        "fr": "2. Adoption de l'ordre du jour et organisation des travaux",
        "ru": "2. Утверждение повестки дня и организация работы",
        "es": "2. Aprobación del programa y organización de los trabajos",
    },
    "3. Promising practices and model strategies on reducing reoffending": {
        "ar": "3. الممارسات الواعدة والاستراتيجيات النموذجية للحد من العود إلى الإجرام",
        "zh_hans": "3. 减少再犯的有前景做法和示范战略",
        "fr": "3. Pratiques prometteuses et stratégies types visant à réduire la récidive",
        "ru": "3. Перспективные практики и типовые стратегии сокращения рецидивизма",
        "es": "3. Prácticas prometedoras y estrategias modelo para reducir la reincidencia",
    },
    "4. Other matters": {
        "ar": "4. مسائل أخرى",
        "zh_hans": "4. 其他事项",
        "fr": "4. Questions diverses",
        "ru": "4. Прочие вопросы",
        "es": "4. Otros asuntos",
    },
    "5. Adoption of the report": {
        "ar": "5. اعتماد التقرير",
        "zh_hans": "5. 通过报告",
        "fr": "5. Adoption du rapport",
        "ru": "5. Утверждение доклада",
        "es": "5. Aprobación del informe",
    },
}

LANGUAGE_SUFFIXES = ("ar", "zh_hans", "fr", "ru", "es")


def translate_content(series: Series, sessions: list[Session]) -> None:
    """Writes the translations above into the language columns (idempotent)."""
    Series.objects.filter(pk=series.pk).update(
        **{f"name_{suffix}": text for suffix, text in SERIES_NAME.items()}
    )
    for session in sessions:
        titles = SESSION_TITLES.get(session.slug)
        if not titles:
            continue
        Session.objects.filter(pk=session.pk).update(
            **{f"title_{suffix}": text for suffix, text in titles.items()}
        )
        for sitting in Sitting.objects.filter(session=session):
            english = [line.strip() for line in (sitting.agenda_items_en or "").splitlines()]
            if not all(line in AGENDA_ITEMS for line in english):
                continue
            Sitting.objects.filter(pk=sitting.pk).update(
                **{
                    f"agenda_items_{suffix}": "\n".join(
                        AGENDA_ITEMS[line][suffix] for line in english
                    )
                    for suffix in LANGUAGE_SUFFIXES
                }
            )
