from django.contrib.auth import views as auth_views
from django.urls import path

from seuranta.web import views, views_cascade, views_edit, views_plan_new, views_recycle

urlpatterns = [
    path("", views.home, name="home"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Password reset by e-mail, Django's own views with the site's templates.
    path(
        "salasana/",
        auth_views.PasswordResetView.as_view(
            template_name="web/password_reset_form.html",
            email_template_name="web/password_reset_email.txt",
            subject_template_name="web/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "salasana/lahetetty/",
        auth_views.PasswordResetDoneView.as_view(template_name="web/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "salasana/uusi/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(template_name="web/password_reset_confirm.html"),
        name="password_reset_confirm",
    ),
    path(
        "salasana/valmis/",
        auth_views.PasswordResetCompleteView.as_view(template_name="web/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("suunnitelmat/uusi/", views_plan_new.plan_new, name="plan_new"),
    path("suunnitelmat/<int:plan_id>/kopioi/", views_plan_new.plan_copy, name="plan_copy"),
    path("suunnitelmat/<int:plan_id>/julkaise/", views_plan_new.plan_publish, name="plan_publish"),
    path("suunnitelmat/<int:plan_id>/tukee/", views_plan_new.plan_supports, name="plan_supports"),
    path("kohdat/<int:node_id>/edistaa/", views_cascade.node_contribution, name="node_contribution"),
    path("suunnitelmat/<int:plan_id>/", views.plan_detail, name="plan"),
    path("suunnitelmat/<int:plan_id>/asetukset/", views_edit.plan_settings, name="plan_settings"),
    path("suunnitelmat/<int:plan_id>/lisaa/", views_edit.node_add, name="node_add"),
    path("suunnitelmat/<int:plan_id>/roskakori/", views_recycle.recycle_bin, name="recycle_bin"),
    path(
        "suunnitelmat/<int:plan_id>/roskakori/palauta/", views_recycle.recycle_restore, name="recycle_restore"
    ),
    path("kohdat/<int:node_id>/", views.node_detail, name="node"),
    path("kohdat/<int:node_id>/muokkaa/", views_edit.node_edit, name="node_edit"),
    path("kohdat/<int:node_id>/lisaa/", views_edit.node_add_child, name="node_add_child"),
    path("kohdat/<int:node_id>/siirra/", views_edit.node_move, name="node_move"),
    path("kohdat/<int:node_id>/poista/", views_edit.node_delete, name="node_delete"),
    path("kohdat/<int:node_id>/mittarit/lisaa/", views_edit.indicator_edit, name="indicator_add"),
    path("mittarit/<int:indicator_id>/muokkaa/", views_edit.indicator_edit, name="indicator_edit"),
    path("mittarit/<int:indicator_id>/poista/", views_edit.indicator_delete, name="indicator_delete"),
    path("mittarit/esikatselu/", views_edit.measure_preview, name="measure_preview"),
    path("kohdat/<int:node_id>/valitavoitteet/lisaa/", views_edit.milestone_edit, name="milestone_add"),
    path("valitavoitteet/<int:milestone_id>/muokkaa/", views_edit.milestone_edit, name="milestone_edit"),
    path("valitavoitteet/<int:milestone_id>/poista/", views_edit.milestone_delete, name="milestone_delete"),
]
