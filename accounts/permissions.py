from rest_framework.permissions import BasePermission

from .roles import is_conference_officer


class IsConferenceOfficer(BasePermission):
    message = "Only conference officers may do this."

    def has_permission(self, request, view) -> bool:
        return is_conference_officer(request.user)
