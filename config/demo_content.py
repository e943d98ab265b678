"""The demo's content in the five other official languages: the series, its five sessions,
their sittings and agenda items, the VIC and its rooms, so that every page of the demo reads
whole in each language. The UN's wording where it has one (resolutions cited as each
language cites them, the Vienna International Centre's official names, numbered plenary
meetings); careful translations, not official UN texts, otherwise, room names included.
The English fallback (marked lang="en") is shown by the tests, not by the demo.

Sitting titles, agenda items, mandates and joining details are matched by their English
text, so that a line changed in config/demo.py without a translation here shows in English
rather than as a stale translation; sessions, the venue and rooms are matched by slug."""

import re
from collections.abc import Iterable

from config.demo_interpretation import JOINING_DETAILS
from sessions_app.content_units import Unit, save_content
from sessions_app.models import Room, Series, Session, Sitting, Venue

LANGUAGE_SUFFIXES = ("ar", "zh_hans", "fr", "ru", "es")

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

SERIES_SHORT_NAME = {
    "ar": "فريق الخبراء المعني بالحد من العود إلى الإجرام",
    "zh_hans": "减少再犯问题专家组",
    "fr": "Groupe d'experts sur la réduction de la récidive",
    "ru": "Группа экспертов по вопросам сокращения рецидивизма",
    "es": "Grupo de expertos sobre la reducción de la reincidencia",
}

SERIES_DESCRIPTION = {
    "ar": "يعقده مكتب الأمم المتحدة المعني بالمخدرات والجريمة لوضع استراتيجيات نموذجية "
    "للحد من العود إلى الإجرام من خلال إعادة التأهيل وإعادة الإدماج.",
    "zh_hans": "由联合国毒品和犯罪问题办公室召集，旨在制定通过改造和重新融入社会减少再犯的"
    "示范战略。",
    "fr": "Convoqué par l'ONUDC pour élaborer des stratégies types visant à réduire la "
    "récidive par la réadaptation et la réinsertion.",
    "ru": "Созвана УНП ООН для разработки типовых стратегий сокращения рецидивизма "
    "посредством реабилитации и реинтеграции.",
    "es": "Convocado por la UNODC para elaborar estrategias modelo para reducir la "
    "reincidencia mediante la rehabilitación y la reinserción.",
}

# A mandate line "<body> resolution <number>", as the UN cites resolutions in each language.
RESOLUTION = re.compile(r"^(?P<body>.+) resolution (?P<number>\d+/\d+)$")
RESOLUTIONS = {
    "General Assembly": {
        "ar": "قرار الجمعية العامة {number}",
        "zh_hans": "大会第{number}号决议",
        "fr": "Résolution {number} de l'Assemblée générale",
        "ru": "Резолюция {number} Генеральной Ассамблеи",
        "es": "Resolución {number} de la Asamblea General",
    },
    "Economic and Social Council": {
        "ar": "قرار المجلس الاقتصادي والاجتماعي {number}",
        "zh_hans": "经济及社会理事会第{number}号决议",
        "fr": "Résolution {number} du Conseil économique et social",
        "ru": "Резолюция {number} Экономического и Социального Совета",
        "es": "Resolución {number} del Consejo Económico y Social",
    },
}

SESSION_TITLES = {
    "egm-2022": {
        "ar": "اجتماع فريق الخبراء المعني بالحد من العود إلى الإجرام",
        "zh_hans": "减少再犯问题专家组会议",
        "fr": "Réunion du groupe d'experts sur la réduction de la récidive",
        "ru": "Совещание группы экспертов по вопросам сокращения рецидивизма",
        "es": "Reunión del grupo de expertos sobre la reducción de la reincidencia",
    },
    "ieg-1-2023": {
        "ar": "الاجتماع الأول لفريق الخبراء، الجزء الأول",
        "zh_hans": "专家组第一次会议第一部分",
        "fr": "Première réunion du groupe d'experts, première partie",
        "ru": "Первое совещание группы экспертов, первая часть",
        "es": "Primera reunión del grupo de expertos, primera parte",
    },
    "ieg-1-resumed-2024": {
        "ar": "الاجتماع الأول لفريق الخبراء، الجزء المستأنف",
        "zh_hans": "专家组第一次会议续会",
        "fr": "Reprise de la première réunion du groupe d'experts",
        "ru": "Первое совещание группы экспертов, возобновленная часть",
        "es": "Continuación de la primera reunión del grupo de expertos",
    },
    "ieg-2-2025": {
        "ar": "الاجتماع الثاني لفريق الخبراء",
        "zh_hans": "专家组第二次会议",
        "fr": "Deuxième réunion du groupe d'experts",
        "ru": "Второе совещание группы экспертов",
        "es": "Segunda reunión del grupo de expertos",
    },
    "demo": {
        "ar": "دورة للعرض التوضيحي (ليست اجتماعا حقيقيا)",
        "zh_hans": "演示会议（并非真实会议）",
        "fr": "Session de démonstration (pas une vraie réunion)",
        "ru": "Демонстрационная сессия (не настоящее совещание)",
        "es": "Sesión de demostración (no es una reunión real)",
    },
}

# "IEG-1 (2023)" and "IEG-2 (2025)" are the group's symbols and stay as they are in every
# language, as UN document symbols do (written in each column all the same, so that pages
# do not mark them as English); short names with words are translated.
SESSION_SHORT_NAMES = {
    "ieg-1-2023": dict.fromkeys(LANGUAGE_SUFFIXES, "IEG-1 (2023)"),
    "ieg-2-2025": dict.fromkeys(LANGUAGE_SUFFIXES, "IEG-2 (2025)"),
    "egm-2022": {
        "ar": "اجتماع فريق الخبراء 2022",
        "zh_hans": "2022年专家组会议",
        "fr": "Réunion d'experts 2022",
        "ru": "Совещание экспертов 2022",
        "es": "Reunión de expertos 2022",
    },
    "ieg-1-resumed-2024": {
        "ar": "IEG-1 المستأنف (2024)",
        "zh_hans": "IEG-1 续会 (2024)",
        "fr": "IEG-1 reprise (2024)",
        "ru": "IEG-1 возобновленное (2024)",
        "es": "IEG-1 continuación (2024)",
    },
    "demo": {
        "ar": "عرض توضيحي",
        "zh_hans": "演示",
        "fr": "Démo",
        "ru": "Демо",
        "es": "Demostración",
    },
}

# config.demo_interpretation.JOINING_DETAILS: the words translated, the ID as it is.
JOINING_DETAILS_TRANSLATED = {
    "ar": "معرّف الاجتماع: 123 4567 8901 (للعرض التوضيحي)\n"
    "انضم برابطك الشخصي، الموجود في صفحة تسجيلك وفي رسالة الموافقة بالبريد الإلكتروني:"
    " لا يحتاج إلى رمز مرور.",
    "zh_hans": "会议 ID：123 4567 8901（演示）\n"
    "请使用您的个人链接加入，该链接见您的登记页面和批准邮件：无需密码。",
    "fr": "ID de la réunion : 123 4567 8901 (démonstration)\n"
    "Rejoignez la réunion avec votre lien personnel, sur votre page d'inscription et dans"
    " votre courriel d'approbation : il ne demande pas de code d'accès.",
    "ru": "Идентификатор совещания: 123 4567 8901 (демонстрация)\n"
    "Подключайтесь по своей личной ссылке со страницы регистрации или из письма об"
    " одобрении: код доступа не нужен.",
    "es": "ID de la reunión: 123 4567 8901 (demostración)\n"
    "Únase con su enlace personal, que figura en su página de inscripción y en el correo"
    " electrónico de aprobación: no necesita código de acceso.",
}

# config.demo.planned_sittings titles ("1st plenary meeting"), numbered as UN journals do.
PLENARY = re.compile(r"^(?P<number>\d+)(st|nd|rd|th) plenary meeting$")
PLENARY_TITLES = {
    "ar": "الجلسة العامة {number}",
    "zh_hans": "第{number}次全体会议",
    "fr": "{number}{ordinal} séance plénière",
    "ru": "{number}-е пленарное заседание",
    "es": "{number}ª sesión plenaria",
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

VENUE_NAMES = {
    "vic": {
        "ar": "مركز فيينا الدولي",
        "zh_hans": "维也纳国际中心",
        "fr": "Centre international de Vienne",
        "ru": "Венский международный центр",
        "es": "Centro Internacional de Viena",
    },
}

# The VIC's boardrooms (C building, fourth floor, where the IAEA Board meets: "salle du
# Conseil", "Sala de Juntas") and conference rooms ("Salle de conférence M3").
BOARDROOM = {
    "ar": "قاعة المجلس {letter}",
    "zh_hans": "理事会会议室{letter}",
    "fr": "Salle du Conseil {letter}",
    "ru": "Зал заседаний {letter}",
    "es": "Sala de Juntas {letter}",
}
CONFERENCE_ROOM = {
    "ar": "قاعة الاجتماعات {letter}",
    "zh_hans": "{letter}会议室",
    "fr": "Salle de conférence {letter}",
    "ru": "Конференц-зал {letter}",
    "es": "Sala de conferencias {letter}",
}
ROOM_NAMES = {
    "boardroom-d": (BOARDROOM, "D"),
    "boardroom-b": (BOARDROOM, "B"),
    "conference-room-m3": (CONFERENCE_ROOM, "M3"),
    "conference-room-c3": (CONFERENCE_ROOM, "C3"),
}


def translate_content(
    series: Series,
    sessions: list[Session],
    venue: Venue | None = None,
    rooms: Iterable[Room] = (),
) -> None:
    """Writes the translations above into the language columns, leaving the English ones
    as they are (idempotent), through the service the officers' content page uses: the
    same checks, all or nothing, only what changed written, and the calendar feeds of what
    changed renewed. Sessions need their joining details set first."""
    sessions = list(Session.objects.filter(pk__in=[session.pk for session in sessions]))
    translations = [
        (series, "name", SERIES_NAME),
        (series, "short_name", SERIES_SHORT_NAME),
        (series, "description", SERIES_DESCRIPTION),
        (series, "mandates", _mandates(series.mandates_en)),
    ]
    for session in sessions:
        translations += [
            (session, "title", SESSION_TITLES.get(session.slug)),
            (session, "short_name", SESSION_SHORT_NAMES.get(session.slug)),
            (session, "joining_details", _joining_details(session.joining_details_en)),
        ]
    for sitting in Sitting.objects.filter(session__in=sessions):
        translations += [
            (sitting, "title", _plenary_title(sitting.title_en)),
            (sitting, "agenda_items", _agenda_items(sitting.agenda_items_en)),
        ]
    if venue is not None:
        translations.append((venue, "name", VENUE_NAMES.get(venue.slug)))
    for room in rooms:
        if room.slug in ROOM_NAMES:
            pattern, letter = ROOM_NAMES[room.slug]
            names = {suffix: pattern[suffix].format(letter=letter) for suffix in pattern}
            translations.append((room, "name", names))
    units, values = [], {}
    for obj, field, by_suffix in translations:
        unit = Unit(obj, field)
        units.append(unit)
        for suffix, text in (by_suffix or {}).items():
            values[unit.id, suffix.replace("_", "-")] = text
    save_content(units, values)


def _lines(english: str | None, translate) -> dict[str, str] | None:
    """One translation per language of a field kept one item a line, or None if any
    line has no translation (then the whole field stays English)."""
    lines = [line.strip() for line in (english or "").splitlines() if line.strip()]
    translated = [translate(line) for line in lines]
    if not lines or None in translated:
        return None
    return {
        suffix: "\n".join(translation[suffix] for translation in translated)
        for suffix in LANGUAGE_SUFFIXES
    }


def _joining_details(english: str | None) -> dict[str, str] | None:
    return JOINING_DETAILS_TRANSLATED if english == JOINING_DETAILS else None


def _agenda_items(english: str | None) -> dict[str, str] | None:
    return _lines(english, AGENDA_ITEMS.get)


def _mandates(english: str | None) -> dict[str, str] | None:
    def resolution(line: str) -> dict[str, str] | None:
        match = RESOLUTION.match(line)
        if not match or match["body"] not in RESOLUTIONS:
            return None
        patterns = RESOLUTIONS[match["body"]]
        return {suffix: patterns[suffix].format(number=match["number"]) for suffix in patterns}

    return _lines(english, resolution)


def _plenary_title(english: str | None) -> dict[str, str] | None:
    match = PLENARY.match(english or "")
    if not match:
        return None
    number = int(match["number"])
    ordinal = "re" if number == 1 else "e"  # French: 1re, 2e, 3e...
    return {
        suffix: pattern.format(number=number, ordinal=ordinal)
        for suffix, pattern in PLENARY_TITLES.items()
    }
