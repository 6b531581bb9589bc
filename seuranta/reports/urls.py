from django.urls import path

from seuranta.reports import files, views

app_name = "reports"

urlpatterns = [
    path("suunnitelmat/<int:plan_id>/", views.plan_report, name="plan_report"),
    path("tiedosto/<int:file_id>/", files.file_progress, name="file"),
    path("tiedosto/<int:file_id>/lataa/", files.file_download, name="file_download"),
]
