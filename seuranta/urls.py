from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("seuranta/", include("seuranta.monitoring.urls")),
    path("import/", include("seuranta.importing.urls")),
    path("api/", include("seuranta.api.urls")),
    path("raportit/", include("seuranta.reports.urls")),
    path("o/", include("seuranta.public.urls")),
    path("organisaatio/", include("seuranta.organizations.urls")),
    path("organisaatio/", include("seuranta.public.urls_admin")),
    path("", include("seuranta.web.urls")),
]

handler403 = "seuranta.web.views.permission_denied"
handler404 = "seuranta.web.views.page_not_found"
handler500 = "seuranta.web.views.server_error"
