from rest_framework.permissions import BasePermission

from .roles import is_conference_officer, plans_interpretation


class IsConferenceOfficer(BasePermission):
    message = "Only conference officers may do this."

    def has_permission(self, request, view) -> bool:
        return is_conference_officer(request.user)


class PlansInterpretation(BasePermission):
    message = "Only interpretation coordinators and conference officers may do this."

    def has_permission(self, request, view) -> bool:
        return plans_interpretation(request.user)
