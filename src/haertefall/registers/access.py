"""Which register entries a user is offered."""

from haertefall.accounts.models import Role

from .models import Authority


def offers_only_own_authority(user) -> bool:
    """An immigration authority sees only its own cases, so it is offered only itself."""
    return getattr(user, "role", None) == Role.AUTHORITY


def authorities_offered_to(user):
    """The authorities a user may pick in filters."""
    if offers_only_own_authority(user):
        return Authority.objects.filter(pk=user.authority_id)
    return Authority.objects.all()
