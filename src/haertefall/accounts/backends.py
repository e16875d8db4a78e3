"""The password login backend: Django's ModelBackend, reading the logged-in user of every
request by a statement compiled once (core.prepared). Same rules: an unknown or inactive user
is no user."""

from django.contrib.auth.backends import ModelBackend

from haertefall.core.prepared import prepared

from .models import User

_USER = prepared(lambda pk: User.objects.filter(pk=pk), int)


class UserBackend(ModelBackend):
    def get_user(self, user_id):
        try:
            user = _USER.first(int(user_id))
        except (TypeError, ValueError):
            return None
        return user if user is not None and self.user_can_authenticate(user) else None
