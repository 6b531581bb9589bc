from django.urls import path

from seuranta.public import views, views_follow, views_site

app_name = "public"

urlpatterns = [
    path("", views.index, name="index"),
    path("kieli/<str:code>/", views.set_language, name="language"),
    path("seuraa/vahvista/<str:token>/", views_follow.confirm, name="confirm"),
    path("seuraa/peru/<str:token>/", views_follow.unsubscribe, name="unsubscribe"),
    path("<slug:slug>/", views.organization_home, name="organization"),
    path("<slug:slug>/teema.css", views_site.theme_css, name="theme"),
    path("<slug:slug>/logo/<int:version>/", views_site.logo, name="logo"),
    path("<slug:slug>/saavutettavuus/", views_site.statement, name="statement"),
    path("<slug:slug>/palaute/", views_site.feedback, name="feedback"),
    path("<slug:slug>/palaute/kiitos/", views_site.feedback_thanks, name="feedback_thanks"),
    path("<slug:slug>/suunnitelmat/<int:plan_id>/", views.plan_dashboard, name="plan"),
    path("<slug:slug>/suunnitelmat/<int:plan_id>/tavoitteet/", views.plan_tree, name="tree"),
    path("<slug:slug>/suunnitelmat/<int:plan_id>/avoin-data.csv", views.open_data_csv, name="csv"),
    path("<slug:slug>/suunnitelmat/<int:plan_id>/seuraa/", views_follow.follow_plan, name="follow_plan"),
    path("<slug:slug>/kohteet/<int:node_id>/", views.node_page, name="node"),
    path("<slug:slug>/kohteet/<int:node_id>/seuraa/", views_follow.follow_node, name="follow_node"),
]
