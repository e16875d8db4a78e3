from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("anmelden/", views.LoginView.as_view(), name="login"),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("anmelden/code/", views.token, name="token"),
    path("anmelden/einrichten/", views.enrol, name="enrol"),
    path("notfallcodes/", views.backup_codes_renew, name="backup_codes"),
    path("passwort/", views.password_change, name="password_change"),
    path("benutzer/", views.user_list, name="users"),
    path("benutzer/neu/", views.user_create, name="user_create"),
    path("benutzer/<id:pk>/", views.user_edit, name="user_edit"),
    path("benutzer/<id:pk>/deaktivieren/", views.user_deactivate, name="user_deactivate"),
    path("benutzer/<id:pk>/aktivieren/", views.user_reactivate, name="user_reactivate"),
    path("benutzer/<id:pk>/zweiter-faktor/", views.user_reset_second_factor, name="user_reset_2fa"),
]

if getattr(settings, "OIDC_ENABLED", False):
    from mozilla_django_oidc import views as oidc_views

    urlpatterns += [
        path("oidc/start/", oidc_views.OIDCAuthenticationRequestView.as_view(), name="oidc_authentication_init"),
        path("oidc/callback/", oidc_views.OIDCAuthenticationCallbackView.as_view(),
             name="oidc_authentication_callback"),
    ]
