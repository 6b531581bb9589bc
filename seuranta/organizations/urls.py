from django.urls import path

from seuranta.organizations import views_accept, views_people, views_tokens, views_units

app_name = "organizations"

urlpatterns = [
    path("", views_people.organizations, name="index"),
    path("<int:organization_id>/henkilot/", views_people.people, name="people"),
    path("<int:organization_id>/henkilot/kutsu/", views_people.invite, name="invite"),
    path(
        "<int:organization_id>/kutsut/<int:invitation_id>/laheta/",
        views_people.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "<int:organization_id>/kutsut/<int:invitation_id>/peru/",
        views_people.invitation_cancel,
        name="invitation_cancel",
    ),
    path(
        "<int:organization_id>/jasenet/<int:membership_id>/rooli/",
        views_people.member_role,
        name="member_role",
    ),
    path(
        "<int:organization_id>/jasenet/<int:membership_id>/kaytossa/",
        views_people.member_active,
        name="member_active",
    ),
    path("<int:organization_id>/yksikot/", views_units.units, name="units"),
    path("<int:organization_id>/yksikot/<int:unit_id>/", views_units.unit_edit, name="unit_edit"),
    path(
        "<int:organization_id>/yksikot/<int:unit_id>/kaytossa/", views_units.unit_active, name="unit_active"
    ),
    path("<int:organization_id>/api-avaimet/", views_tokens.tokens, name="tokens"),
    path(
        "<int:organization_id>/api-avaimet/<int:token_id>/peru/",
        views_tokens.token_revoke,
        name="token_revoke",
    ),
    path("kutsu/<str:token>/", views_accept.accept_invitation, name="accept"),
]
