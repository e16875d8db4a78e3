"""Demo data: users per role and, from each part of the procedure, its share of a living system.

``haertefall demo-data`` runs each part's ``demo(*, users, stdout)`` in the order of
``demo_run``. Demo passwords are printed by ``haertefall demo-logins``.
"""

from django.db import transaction

from haertefall.accounts.models import Role, User

DEMO_PASSWORD = "Haertefall-Demo-2024"  # noqa: S105 — published demo password
# Published second-factor secret of every demo account (hex, 20 bytes). Only demo data uses
# it; `haertefall totp-code USERNAME` prints the current code for devices with this key only.
DEMO_TOTP_KEY = "68616572746566616c6c2d64656d6f2d746f7470"

DEMO_USERS = [
    # username, first, last, role, authority key
    ("leitung", "Hanna", "Vorsitz", Role.OFFICE_HEAD, None),
    ("sachbearbeitung", "Sven", "Sachbearbeiter", Role.OFFICE, None),
    ("sachbearbeitung2", "Selin", "Sachbearbeiterin", Role.OFFICE, None),
    ("mitglied", "Miriam", "Mitglied", Role.MEMBER, None),
    ("mitglied2", "Martin", "Mitglied", Role.MEMBER, None),
    ("stellvertretung", "Stefan", "Stellvertreter", Role.MEMBER, None),
    ("abh-koeln", "Anna", "Ausländerbehörde", Role.AUTHORITY, "stadt-koeln"),
    ("abh-essen", "Emil", "Ausländerbehörde", Role.AUTHORITY, "stadt-essen"),
    ("ministerium", "Maria", "Ministerium", Role.MINISTRY, None),
    ("datenschutz", "Dora", "Datenschutz", Role.DPO, None),
    ("admin", "Adam", "Administration", Role.ADMIN, None),
]

def demo_users() -> dict[str, User]:
    from haertefall.registers.models import Authority

    users = {}
    for username, first, last, role, authority_key in DEMO_USERS:
        authority = Authority.objects.filter(key=authority_key).first() if authority_key else None
        if authority_key and authority is None:
            authority = Authority.objects.order_by("key").first()
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "role": role, "authority": authority,
                      "email": f"{username}@demo.invalid"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        demo_totp_device(user)
        users[username] = user
    return users


def demo_totp_device(user):
    """A confirmed authenticator with the published demo secret, so demo logins work with
    two-factor login switched on (as it is in production)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="Demo-Authenticator", defaults={"key": DEMO_TOTP_KEY, "confirmed": True}
    )
    return device


def demo_run(*, stdout) -> None:
    # Imported here: the parts' demo modules use this module's demo users and password, and
    # `haertefall totp-code` and `demo-logins` import this module without needing them.
    from haertefall.authorities import demo as authorities_demo
    from haertefall.cases import demo as cases_demo
    from haertefall.meetings import demo as meetings_demo
    from haertefall.statistics import demo as statistics_demo

    with transaction.atomic():
        users = demo_users()
    for part in (statistics_demo, cases_demo, meetings_demo, authorities_demo):
        part.demo(users=users, stdout=stdout)
