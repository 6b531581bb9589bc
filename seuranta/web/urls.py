from django.urls import path

from seuranta.web import views

urlpatterns = [
    path("", views.home, name="home"),
]
