from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "haertefall.registers"
    verbose_name = "Register"
