from django.apps import AppConfig


class AuthoritiesConfig(AppConfig):
    name = "haertefall.authorities"
