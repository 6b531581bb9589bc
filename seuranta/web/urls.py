from django.contrib.auth import views as auth_views
from django.urls import path

from seuranta.web import views, views_edit

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
    path("plans/<int:plan_id>/", views.plan_detail, name="plan"),
    path("plans/<int:plan_id>/settings/", views_edit.plan_settings, name="plan_settings"),
    path("plans/<int:plan_id>/add/", views_edit.node_add, name="node_add"),
    path("nodes/<int:node_id>/", views.node_detail, name="node"),
    path("nodes/<int:node_id>/edit/", views_edit.node_edit, name="node_edit"),
    path("nodes/<int:node_id>/add/", views_edit.node_add_child, name="node_add_child"),
    path("nodes/<int:node_id>/move/", views_edit.node_move, name="node_move"),
    path("nodes/<int:node_id>/delete/", views_edit.node_delete, name="node_delete"),
    path("nodes/<int:node_id>/indicators/add/", views_edit.indicator_edit, name="indicator_add"),
    path("indicators/<int:indicator_id>/edit/", views_edit.indicator_edit, name="indicator_edit"),
    path("indicators/<int:indicator_id>/delete/", views_edit.indicator_delete, name="indicator_delete"),
    path("measures/preview/", views_edit.measure_preview, name="measure_preview"),
    path("nodes/<int:node_id>/milestones/add/", views_edit.milestone_edit, name="milestone_add"),
    path("milestones/<int:milestone_id>/edit/", views_edit.milestone_edit, name="milestone_edit"),
    path("milestones/<int:milestone_id>/delete/", views_edit.milestone_delete, name="milestone_delete"),
]
