from django.apps import AppConfig


class CorrespondenceConfig(AppConfig):
    name = "haertefall.correspondence"
