from django.urls import path

from seuranta.reports import views

app_name = "reports"

urlpatterns = [
    path("suunnitelmat/<int:plan_id>/", views.plan_report, name="plan_report"),
]
