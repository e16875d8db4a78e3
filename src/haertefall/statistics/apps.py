from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "haertefall.statistics"
