"""Demo registrations for every session of the demo: a few dozen people across
delegations, modes and states, made through the workflow services. All names and
addresses are invented (example.org); the in-person participants have placeholder
portraits (config.demo_portraits), stored through the registration's photo service."""

import unicodedata

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from config.demo_portraits import portrait
from registration import services
from registration.models import Entity, Registration
from registration.personal_data import set_photo
from sessions_app.models import ParticipationMode

# ISO code, salutation, given name, family name, name in own script, gender
PEOPLE = [
    ("AUT", "Ms.", "Katharina", "Huber", "", "female"),
    ("AUT", "Mr.", "Lukas", "Gruber", "", "male"),
    ("AUT", "Dr.", "Anna", "Wagner", "", "female"),
    ("EGY", "Mr.", "Ahmed", "Hassan", "أحمد حسن", "male"),
    ("EGY", "Ms.", "Mona", "Farouk", "منى فاروق", "female"),
    ("SAU", "Mr.", "Faisal", "Al-Otaibi", "فيصل العتيبي", "male"),
    ("MAR", "Ms.", "Salma", "Benali", "سلمى بنعلي", "female"),
    ("CHN", "Mr.", "Wei", "Zhang", "张伟", "male"),
    ("CHN", "Ms.", "Li", "Wang", "王丽", "female"),
    ("RUS", "Mr.", "Dmitry", "Ivanov", "Дмитрий Иванов", "male"),
    ("RUS", "Ms.", "Elena", "Smirnova", "Елена Смирнова", "female"),
    ("KAZ", "Mr.", "Nurlan", "Abenov", "Нурлан Абенов", "male"),
    ("FRA", "Ms.", "Élodie", "Lefèvre", "", "female"),
    ("FRA", "Mr.", "François", "Dupont", "", "male"),
    ("SEN", "Ms.", "Aïssatou", "Ndiaye", "", "female"),
    ("MEX", "Ms.", "María José", "Hernández", "", "female"),
    ("MEX", "Mr.", "José Luis", "García", "", "male"),
    ("COL", "Ms.", "Ana Lucía", "Rodríguez", "", "female"),
    ("ESP", "Mr.", "Javier", "Núñez", "", "male"),
    ("BRA", "Mr.", "João", "Gonçalves", "", "male"),
    ("JPN", "Ms.", "Yuki", "Tanaka", "", "female"),
    ("IND", "Mr.", "Arjun", "Sharma", "", "male"),
    ("NGA", "Ms.", "Chiamaka", "Okafor", "", "female"),
    ("KEN", "Mr.", "David", "Otieno", "", "male"),
    ("USA", "Ms.", "Jennifer", "Miller", "", "female"),
    ("GBR", "Mr.", "Oliver", "Smith", "", "male"),
    ("POL", "Ms.", "Agnieszka", "Kowalska", "", "female"),
    ("PSE", "Mr.", "Khaled", "Mansour", "خالد منصور", "male"),
    ("VAT", "Mr.", "Paolo", "Rossi", "", "male"),
    ("ARG", "Ms.", "Valentina", "Fernández", "", "female"),
]
LISTENING = {
    "EGY": "ar",
    "SAU": "ar",
    "MAR": "ar",
    "PSE": "ar",
    "CHN": "zh",
    "RUS": "ru",
    "KAZ": "ru",
    "FRA": "fr",
    "SEN": "fr",
    "MEX": "es",
    "COL": "es",
    "ESP": "es",
    "ARG": "es",
}


def demo_email(given: str, family: str, slug: str) -> str:
    """An ASCII address: the name without its accents (João Gonçalves: joao.goncalves)."""
    name = unicodedata.normalize("NFKD", f"{given}.{family}").encode("ascii", "ignore")
    return f"{name.decode().lower().replace(' ', '-')}.{slug}@example.org"


def seed_registrations(
    session, *, people: int | None = None, online_every: int = 4, log=print
) -> int:
    """Register the first `people` of PEOPLE (None: everyone) for the session once (skipped
    when already there): all online in a session held online, every `online_every`th in a
    hybrid one, with portraits for those in person; approve most, reject one, and leave the
    rest pending or waitlisted by capacity. A session seeded before portraits existed gets
    them."""
    if session.registrations.exists():
        seed_portraits(session, log=log)
        return 0
    entities = {e.code: e for e in Entity.objects.filter(code__in={p[0] for p in PEOPLE})}
    officer = get_user_model().objects.filter(username="officer@demo.example.org").first()
    made = []
    for number, (code, salutation, given, family, own, gender) in enumerate(PEOPLE[:people]):
        modes = session.participation_modes
        online = number % online_every == 0 and ParticipationMode.ONLINE in modes
        mode = ParticipationMode.ONLINE if online else modes[0]
        made.append(
            services.register(
                session,
                by_officer=True,  # the demo's past sessions are closed
                entity=entities[code],
                actor=None,
                salutation=salutation,
                given_name=given,
                family_name=family,
                name_in_own_script=own,
                gender=gender,
                email=demo_email(given, family, session.slug),
                participation_mode=mode,
                listening_language=LISTENING.get(code, "en"),
                # Most take the floor in their listening language; every third in English.
                speaking_language="en" if number % 3 == 0 else LISTENING.get(code, "en"),
                consents_to_list=number % 7 != 0,
            )
        )
    # Before the decisions: a rejected registration is closed to changes, photo included.
    seed_portraits(session, log=log)
    for number, registration in enumerate(made):
        if registration.state != Registration.State.SUBMITTED:
            continue
        if number == 5:
            services.reject(registration, officer, "Not nominated by the Permanent Mission.")
        elif number % 5 != 4:
            services.approve(registration, officer, "Nominated by note verbale.")
    log(f"  {session.slug}: {len(made)} demo registrations")
    return len(made)


def seed_portraits(session, *, log=print) -> int:
    """Give each in-person registration of the session that has no photo its placeholder
    portrait, checked and stored by `set_photo` as an uploaded one would be. Those with a
    photo are left alone, as are those closed to changes (rejected, withdrawn...)."""
    registrations = session.registrations.filter(
        participation_mode=ParticipationMode.IN_PERSON,
        photo="",
        state__in=Registration.LIVE_STATES,
    ).order_by("pk")
    given = 0
    for registration in registrations:
        upload = ContentFile(
            portrait(registration.given_name, registration.family_name), name="portrait.jpg"
        )
        set_photo(registration, upload, None, by_officer=True)
        given += 1
    if given:
        log(f"  {session.slug}: {given} demo portraits")
    return given
