"""Who participants represent. Delegations and registrations build on this (issue 3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionalGroup(models.TextChoices):
    AFRICA = "AFRICA", _("African States")
    ASIA_PACIFIC = "ASIA_PACIFIC", _("Asia-Pacific States")
    EASTERN_EUROPE = "EASTERN_EUROPE", _("Eastern European States")
    LATIN_AMERICA_CARIBBEAN = "LATIN_AMERICA_CARIBBEAN", _("Latin American and Caribbean States")
    WESTERN_EUROPE_OTHERS = "WESTERN_EUROPE_OTHERS", _("Western European and other States")


class Entity(models.Model):
    """A Member State, an observer State or an organisation that participants represent.
    `Kind` is in the order of the UN list of participants."""

    class Kind(models.TextChoices):
        MEMBER_STATE = "member_state", _("Member State")
        OBSERVER_STATE = "observer_state", _("Observer State")
        UN_ENTITY = "un_entity", _("United Nations entity")
        IGO = "igo", _("Intergovernmental organization")
        NGO = "ngo", _("Non-governmental organization in consultative status with ECOSOC")
        PNI = (
            "pni",
            _("Institute of the UN crime prevention and criminal justice programme network"),
        )
        EXPERT = "expert", _("Expert in individual capacity")
        MEDIA = "media", _("Media")
        SECRETARIAT = "secretariat", _("Secretariat")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(
        _("name"),
        max_length=200,
        unique=True,
        help_text=_("English short name as the UN writes it."),
    )
    formal_name = models.CharField(_("formal name"), max_length=300, blank=True)
    code = models.CharField(
        _("code"), max_length=12, blank=True, help_text=_("ISO 3166 alpha-3 code for a State.")
    )
    regional_group = models.CharField(
        _("regional group"), max_length=30, blank=True, choices=RegionalGroup.choices
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("entity")
        verbose_name_plural = _("entities")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="entity_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name
