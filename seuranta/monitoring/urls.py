from django.urls import path

from seuranta.monitoring import views, views_rounds

app_name = "monitoring"

urlpatterns = [
    path("", views.my_reports, name="my_reports"),
    path("kierrokset/", views.rounds, name="rounds"),
    path("suunnitelmat/<int:plan_id>/uusi-kierros/", views.open_round_view, name="open_round"),
    path("kierrokset/<int:round_id>/", views.round_detail, name="round"),
    path("kierrokset/<int:round_id>/muistuta/", views.remind, name="remind"),
    path("kierrokset/<int:round_id>/sulje/", views.close, name="close_round"),
    path("kierrokset/<int:round_id>/poista/", views_rounds.delete_round, name="delete_round"),
    path(
        "kierrokset/<int:round_id>/korjaa/<int:node_id>/",
        views_rounds.correct_actuals,
        name="correct_actuals",
    ),
    path("vastaukset/<int:entry_id>/", views.entry_view, name="entry"),
    path("vastaukset/<int:entry_id>/palauta/", views.return_view, name="return_entry"),
]
