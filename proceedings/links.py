"""The link proceedings adds to the session page (sessions_app.hooks), registered by
ProceedingsConfig.ready. No queries: it depends only on the session's slug."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sessions_app.hooks import Link


def session_links(session) -> list[Link]:
    return [Link(_("Lists of speakers"), reverse("proceedings:lists", args=[session.slug]))]
