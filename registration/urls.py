from django.urls import path

from . import delegation_views, feed_views, officer_views, views

app_name = "registration"

urlpatterns = [
    path("sessions/<slug:slug>/register/", views.register, name="register"),
    path("sessions/<slug:slug>/register/edit/", views.edit, name="edit"),
    path("sessions/<slug:slug>/register/withdraw/", views.withdraw, name="withdraw"),
    path("sessions/<slug:slug>/register/mode/", views.switch_mode, name="switch-mode"),
    path("sessions/<slug:slug>/console/", officer_views.console, name="console"),
    path("sessions/<slug:slug>/console/bulk/", officer_views.bulk, name="bulk"),
    path(
        "sessions/<slug:slug>/console/<int:pk>/",
        officer_views.registration_detail,
        name="console-detail",
    ),
    path(
        "sessions/<slug:slug>/console/<int:pk>/act/",
        officer_views.registration_action,
        name="console-act",
    ),
    path(
        "sessions/<slug:slug>/console/<int:pk>/resend/",
        officer_views.resend_mail,
        name="console-resend",
    ),
    path("privacy/", views.privacy_notice, name="privacy"),
    path("registrations/<int:pk>/photo/", views.photo, name="photo"),
    path("registrations/<int:pk>/visa-letter/", officer_views.visa_letter, name="visa-letter"),
    path("sessions/<slug:slug>/console/export.<str:fmt>", officer_views.export, name="export"),
    path(
        "sessions/<slug:slug>/console/participants.pdf",
        officer_views.participants_list,
        name="participants-list",
    ),
    path("calendar/feed/<str:token>.ics", feed_views.personal_feed, name="personal-feed"),
    path("profile/calendar/", feed_views.my_calendar, name="my-calendar"),
    path("profile/calendar/replace/", feed_views.replace_feed_token, name="replace-feed-token"),
    path("delegations/", delegation_views.my_delegations, name="my-delegations"),
    path("delegations/<int:pk>/", delegation_views.delegation_detail, name="delegation"),
    path("delegations/<int:pk>/members/", delegation_views.add_member, name="add-member"),
    path(
        "delegations/<int:pk>/members/<int:registration_id>/",
        delegation_views.edit_member,
        name="edit-member",
    ),
    path(
        "delegations/<int:pk>/members/<int:registration_id>/head/",
        delegation_views.set_head,
        name="set-head",
    ),
    path(
        "delegations/<int:pk>/members/<int:registration_id>/withdraw/",
        delegation_views.withdraw_member,
        name="withdraw-member",
    ),
    path("delegations/<int:pk>/sheet/", delegation_views.import_sheet, name="import-sheet"),
    path(
        "delegations/<int:pk>/sheet-template.csv",
        delegation_views.sheet_template,
        name="sheet-template",
    ),
    path("delegations/<int:pk>/nomination/", delegation_views.nomination, name="nomination"),
    path("delegations/<int:pk>/invite/", delegation_views.invite, name="invite"),
    path("invitations/<str:token>/", delegation_views.accept_invitation, name="accept-invitation"),
]
