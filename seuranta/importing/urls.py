from django.urls import path

from seuranta.importing import teach_views, translation_views, views

app_name = "importing"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("tuontipohja.xlsx", views.xlsx_template, name="template"),
    path("lataus/<int:upload_id>/", views.progress, name="progress"),
    path("lataus/<int:upload_id>/tiedosto/", views.uploaded_file, name="uploaded_file"),
    path("lataus/<int:upload_id>/poista/", views.discard_upload, name="discard_upload"),
    path("<int:draft_id>/", views.review, name="review"),
    path("<int:draft_id>/tallenna/", views.save_plan, name="save"),
    path("<int:draft_id>/yksikot/", views.units, name="units"),
    path("<int:draft_id>/poista/", views.discard, name="discard"),
    path("<int:draft_id>/kaannos/", translation_views.translation, name="translation"),
    path("<int:draft_id>/rivi/<int:source>/", teach_views.line, name="line"),
    path("<int:draft_id>/tasot/", teach_views.levels, name="levels"),
    path("<int:draft_id>/kohta/<str:address>/", teach_views.item, name="item"),
    path("opetetut/<int:organization_id>/", teach_views.profile, name="profile"),
]
