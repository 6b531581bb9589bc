"""The public site's settings, under the organisation settings (/organisaatio/<id>/julkinen-sivu/...)."""

from django.urls import path

from seuranta.public import views_admin

app_name = "public_admin"

urlpatterns = [
    path("<int:organization_id>/julkinen-sivu/", views_admin.site_settings, name="site"),
    path(
        "<int:organization_id>/julkinen-sivu/suunnitelmat/<int:plan_id>/",
        views_admin.plan_people,
        name="plan_people",
    ),
    path("<int:organization_id>/saavutettavuusseloste/", views_admin.statement_edit, name="statement"),
    path("<int:organization_id>/palaute/", views_admin.feedback_list, name="feedback"),
    path(
        "<int:organization_id>/palaute/<int:feedback_id>/",
        views_admin.feedback_handled,
        name="feedback_handled",
    ),
]
