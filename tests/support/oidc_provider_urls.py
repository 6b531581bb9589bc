"""URLs of the tests' OpenID provider: django-oidc-provider under /openid/, a login page, and two
endpoints for the test suite (create a user, register a client), guarded by a token of the run."""

import hmac
import json
import os

from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.http import HttpResponseForbidden, JsonResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from oidc_provider.models import Client, ResponseType


def userinfo(claims, user):
    """Claims about a user of this provider: its addresses are verified (the test created them)."""
    claims["email"] = user.email
    claims["email_verified"] = True
    claims["given_name"] = user.first_name
    claims["family_name"] = user.last_name
    claims["name"] = f"{user.first_name} {user.last_name}".strip()
    return claims


def _authorised(request) -> bool:
    expected = f"Bearer {os.environ['OIDC_TEST_PROVIDER_TOKEN']}"
    return hmac.compare_digest(request.headers.get("Authorization", ""), expected)


@csrf_exempt
def create_user(request):
    if request.method != "POST" or not _authorised(request):
        return HttpResponseForbidden()
    data = json.loads(request.body)
    user = get_user_model().objects.create_user(
        data["username"],
        email=data["email"],
        password=data["password"],
        first_name=data.get("first_name", ""),
        last_name=data.get("last_name", ""),
    )
    return JsonResponse({"id": user.pk}, status=201)


@csrf_exempt
def register_client(request):
    if request.method != "POST" or not _authorised(request):
        return HttpResponseForbidden()
    data = json.loads(request.body)
    client = Client.objects.create(
        name=data.get("name", "Seuranta"),
        client_type="confidential",
        client_id=data["client_id"],
        client_secret=data["client_secret"],
        jwt_alg="RS256",
        redirect_uris=[data["redirect_uri"]],
        require_consent=False,
        reuse_consent=True,
    )
    client.response_types.add(ResponseType.objects.get(value="code"))
    return JsonResponse({"client_id": client.client_id}, status=201)


urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="registration/login.html"), name="login"),
    path("openid/", include("oidc_provider.urls", namespace="oidc_provider")),
    path("testing/users/", create_user),
    path("testing/clients/", register_client),
]
