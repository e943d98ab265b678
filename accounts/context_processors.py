from .roles import is_conference_officer


def roles(request) -> dict:
    return {"is_conference_officer": is_conference_officer(request.user)}
