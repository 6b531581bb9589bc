from django.urls import path

from seuranta.sso import views

# mozilla-django-oidc's URL names, which its views reverse (the redirect URI is /oidc/callback/).
urlpatterns = [
    path("authenticate/", views.StartSignIn.as_view(), name="oidc_authentication_init"),
    path("callback/", views.FinishSignIn.as_view(), name="oidc_authentication_callback"),
]
