from django.contrib import admin
from django.urls import include, path

from seuranta.api.v1 import api as api_v1

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("seuranta/", include("seuranta.monitoring.urls")),
    path("import/", include("seuranta.importing.urls")),
    path("api/", include("seuranta.api.urls")),
    path("api/", api_v1.urls),
    path("raportit/", include("seuranta.reports.urls")),
    path("organisaatio/", include("seuranta.organizations.urls")),
    path("", include("seuranta.web.urls")),
]

handler403 = "seuranta.web.views.permission_denied"
handler404 = "seuranta.web.views.page_not_found"
handler500 = "seuranta.web.views.server_error"
