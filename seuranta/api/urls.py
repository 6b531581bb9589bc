from django.urls import path

from seuranta.api import views

app_name = "api"
urlpatterns = [
    path("", views.docs, name="docs"),
    path("plans/", views.plans, name="plans"),
    path("plans/<int:plan_id>/", views.plan_document, name="plan"),
    path("plans/<int:plan_id>/statuses/", views.plan_statuses, name="statuses"),
]
