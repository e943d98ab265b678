from functools import partial

from .roles import is_conference_officer, plans_interpretation


def roles(request) -> dict:
    return {
        "is_conference_officer": is_conference_officer(request.user),
        # A callable: templates call it only where they ask (one query for a coordinator).
        "plans_interpretation": partial(plans_interpretation, request.user),
    }
