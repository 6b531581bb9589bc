from django.urls import path

from seuranta.importing import views

app_name = "importing"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("template.xlsx", views.xlsx_template, name="template"),
    path("lataus/<int:upload_id>/", views.progress, name="progress"),
    path("lataus/<int:upload_id>/tiedosto/", views.uploaded_file, name="uploaded_file"),
    path("lataus/<int:upload_id>/poista/", views.discard_upload, name="discard_upload"),
    path("<int:draft_id>/", views.review, name="review"),
    path("<int:draft_id>/save/", views.save_plan, name="save"),
    path("<int:draft_id>/delete/", views.discard, name="discard"),
]
