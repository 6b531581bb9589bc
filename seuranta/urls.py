"""The site's addresses: Finnish words for what a page is about, one area per app.

/                     plans at a glance (web)
/suunnitelmat/<id>/   a plan; /kohdat/<id>/ a node; /mittarit/, /valitavoitteet/ their editing (web)
/raportit/            generated reports: /raportit/suunnitelmat/<plan id>/ a plan's report (reports)
/seuranta/            reporting rounds (kierrokset) and the answers people give in them
                      (vastaukset/<entry id>/, "Omat raportit") (monitoring)
/tuonti/              importing a document as a plan (importing)
/organisaatio/        an organisation's people and units (organizations)
/api/                 the JSON API, in English like any API (api): /api/v1/ (OpenAPI 3.1 at
                      /api/openapi.json, documentation at /api/ and /api/docs/) and the first /api/plans/
"""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from seuranta.api.v1 import api as api_v1
from seuranta.sso.views import login_page


def moved(pattern_name: str):
    """A published address that has moved: a permanent redirect to its new one, query string kept."""
    return RedirectView.as_view(pattern_name=pattern_name, permanent=True, query_string=True)


# Addresses published before the paths were Finnish throughout (README, reminder e-mails, links in
# council papers and bookmarks) keep working.
OLD_ADDRESSES = [
    path("plans/<int:plan_id>/", moved("plan")),
    path("nodes/<int:node_id>/", moved("node")),
    path("raportit/<int:plan_id>/", moved("reports:plan_report")),
    path("seuranta/raportit/<int:entry_id>/", moved("monitoring:entry")),
    path("import/", moved("importing:upload")),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("seuranta/", include("seuranta.monitoring.urls")),
    path("tuonti/", include("seuranta.importing.urls")),
    path("api/", include("seuranta.api.urls")),
    path("api/", api_v1.urls),
    path("raportit/", include("seuranta.reports.urls")),
    path("o/", include("seuranta.public.urls")),
    path("organisaatio/", include("seuranta.organizations.urls")),
    path("organisaatio/", include("seuranta.public.urls_admin")),
    path("oidc/", include("seuranta.sso.urls")),
    # The login page lives with single sign-on (its button, its SSO-only mode); the templates are the site's.
    path("login/", login_page, name="login"),
    path("", include("seuranta.web.urls")),
    *OLD_ADDRESSES,
]

handler403 = "seuranta.web.views.permission_denied"
handler404 = "seuranta.web.views.page_not_found"
handler500 = "seuranta.web.views.server_error"
