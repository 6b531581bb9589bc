from django.urls import path

from seuranta.values import views, views_opendata, views_sources

app_name = "values"
urlpatterns = [
    path("suunnitelmat/<int:plan_id>/tuo/", views.bulk_upload, name="bulk_upload"),
    path("suunnitelmat/<int:plan_id>/tuo/pohja.<str:fmt>", views.bulk_template, name="bulk_template"),
    path("suunnitelmat/<int:plan_id>/kysely/", views.survey_upload, name="survey_upload"),
    path("suunnitelmat/<int:plan_id>/kysely/pohja.csv", views.survey_template, name="survey_template"),
    path("suunnitelmat/<int:plan_id>/vahvista/", views.upload_confirm, name="upload_confirm"),
    path(
        "suunnitelmat/<int:plan_id>/avoin-data.<str:fmt>", views_opendata.plan_download, name="plan_download"
    ),
    path(
        "organisaatiot/<int:organization_id>/avoin-data.json",
        views_opendata.organization_download,
        name="organization_download",
    ),
    path(
        "organisaatiot/<int:organization_id>/asetukset/",
        views_opendata.organization_settings,
        name="organization_settings",
    ),
    path("mittarit/<int:indicator_id>/", views_sources.indicator_sources, name="indicator_sources"),
    path("mittarit/<int:indicator_id>/sotkanet/hae/", views_sources.sotkanet_fetch, name="sotkanet_fetch"),
    path(
        "mittarit/<int:indicator_id>/sotkanet/poista/", views_sources.sotkanet_unlink, name="sotkanet_unlink"
    ),
]
