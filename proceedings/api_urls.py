from django.urls import path

from . import api

LIST = "sessions/<slug:session_slug>/speakers-lists/<int:item_number>/"
INSCRIPTION = LIST + "inscriptions/<int:inscription_id>/"

urlpatterns = [
    path(
        "sessions/<slug:session_slug>/speakers-lists/",
        api.SpeakersListsView.as_view(),
        name="session-speakers-lists",
    ),
    path(LIST, api.SpeakersListView.as_view(), name="speakers-list"),
    path(LIST + "close/", api.CloseListView.as_view(), name="speakers-list-close"),
    path(LIST + "next/", api.NextSpeakerView.as_view(), name="speakers-list-next"),
    path(LIST + "inscriptions/", api.InscriptionsView.as_view(), name="speakers-list-inscribe"),
    path(INSCRIPTION + "withdraw/", api.WithdrawView.as_view(), name="inscription-withdraw"),
    path(INSCRIPTION + "move/", api.MoveView.as_view(), name="inscription-move"),
    path(INSCRIPTION + "start/", api.StartTimerView.as_view(), name="inscription-start"),
    path(INSCRIPTION + "pause/", api.PauseTimerView.as_view(), name="inscription-pause"),
    path(INSCRIPTION + "stop/", api.StopTimerView.as_view(), name="inscription-stop"),
    path(INSCRIPTION + "statement/", api.StatementView.as_view(), name="inscription-statement"),
    path(INSCRIPTION + "absent/", api.AbsentView.as_view(), name="inscription-absent"),
]
