"""Login with a second factor, enrolment, password change and user administration."""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from axes.utils import reset as axes_reset
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.core.errors import AccessDenied, DomainError

from . import services
from .access import access_user, require_user_admin
from .addresses import client_address, login_failure_record, login_wait_seconds
from .forms import EnrolForm, LoginForm, PasswordChangeForm, TokenForm, UserForm
from .middleware import session_generation_store
from .models import User
from .otp import has_second_factor, qr_data_uri, second_factor_required, totp_secret_base32


def _next_url(request, default="portal:home") -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(default)


def _with_next(url_name: str, request) -> str:
    from urllib.parse import urlencode

    nxt = request.POST.get("next") or request.GET.get("next")
    url = reverse(url_name)
    return f"{url}?{urlencode({'next': nxt})}" if nxt else url


class LoginView(auth_views.LoginView):
    """Step 1: username and password. Step 2 (token or enrolment) follows when required."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        from django.conf import settings

        return {**super().get_context_data(**kwargs), "oidc_enabled": getattr(settings, "OIDC_ENABLED", False)}

    def post(self, request, *args, **kwargs):
        wait = login_wait_seconds(client_address(request))
        if wait:
            response = render(request, "accounts/address_wait.html", {"seconds": wait}, status=429)
            response["Retry-After"] = str(wait)
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        login_failure_record(client_address(self.request))
        return super().form_invalid(form)

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.get_user()
        if second_factor_required() or has_second_factor(user):
            step = "accounts:token" if has_second_factor(user) else "accounts:enrol"
            return redirect(_with_next(step, self.request))
        axes_reset(username=user.get_username())
        return response


@login_required
def token(request):
    """Step 2: a TOTP code or a backup code. Wrong codes count towards the lockout."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    if not has_second_factor(user):
        return redirect(_with_next("accounts:enrol", request))
    credentials = {"username": user.get_username()}
    form = TokenForm(request.POST or None)
    if request.method == "POST":
        if not AxesProxyHandler.is_allowed(request, credentials):
            logout(request)
            return get_lockout_response(request, None, credentials)
        if form.is_valid():
            device = match_token(user, form.cleaned_data["token"])
            if device is not None:
                otp_login(request, device)
                # More rights now: a new session id, so a token seen before is worthless.
                request.session.cycle_key()
                axes_reset(username=user.get_username())
                audit_log(user=user, action=AuditEntry.Action.LOGIN, obj=user, request=request,
                          detail="Zweiter Faktor bestätigt")
                return redirect(_next_url(request))
            user_login_failed.send(sender=__name__, credentials={**credentials, "factor": "token"},
                                   request=request)
            if getattr(request, "axes_locked_out", False):
                logout(request)  # AxesMiddleware answers with the lockout page
            form.add_error("token", "Der Code ist falsch oder abgelaufen. Bitte geben Sie den "
                                    "aktuellen Code ein.")
    return render(request, "accounts/token.html", {"form": form, "next": request.GET.get("next", "")})


@login_required
def enrol(request):
    """First login without a device: set up the authenticator app, then show backup codes."""
    user = request.user
    if has_second_factor(user):
        return redirect(_with_next("accounts:token", request) if not user.is_verified() else _next_url(request))
    device = services.totp_device_start(user=user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.totp_device_confirm(user=user, device=device, token=form.cleaned_data["token"])
        except DomainError as exc:
            form.add_error(exc.field, exc.message)
        else:
            otp_login(request, device)
            request.session.cycle_key()
            axes_reset(username=user.get_username())
            audit_log(user=user, action=AuditEntry.Action.LOGIN, obj=user, request=request,
                      detail="Zweiter Faktor eingerichtet")
            return render(request, "accounts/backup_codes.html", {"codes": codes, "next_url": _next_url(request)})
    return render(request, "accounts/enrol.html", {
        "form": form,
        "qr_data_uri": qr_data_uri(device.config_url),
        "secret": totp_secret_base32(device),
        "next": request.GET.get("next", ""),
    })


@login_required
def backup_codes_renew(request):
    if request.method != "POST":
        return render(request, "accounts/backup_codes_renew.html")
    codes = services.backup_codes_renew(user=request.user)
    return render(request, "accounts/backup_codes.html", {"codes": codes, "next_url": reverse("portal:home")})


@login_required
def password_change(request):
    form = PasswordChangeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_set_password(actor=request.user, user=request.user,
                                       password=form.cleaned_data["new_password"])
        except DomainError as exc:
            form.add_error("new_password", exc.message)
        else:
            # Every other session of the user ends; this one continues.
            update_session_auth_hash(request, request.user)
            session_generation_store(request, request.user)
            messages.success(request, "Ihr Passwort wurde geändert. Andere Sitzungen wurden abgemeldet.")
            return redirect("portal:home")
    return render(request, "accounts/password_change.html", {"form": form})


# --- user administration (administration role only) ----------------------------------------


def _user_or_404(request, pk) -> User:
    try:
        return access_user(actor=request.user, user_id=pk, for_write=request.method == "POST")
    except AccessDenied:
        raise Http404 from None


def _service_args(data) -> dict:
    return {k: data[k] for k in ("first_name", "last_name", "email", "role", "authority")}


@login_required
def user_list(request):
    require_user_admin(request.user)
    users = User.objects.select_related("authority").order_by("-is_active", "last_name", "username")
    return render(request, "accounts/user_list.html", {"users": users})


@login_required
def user_create(request):
    require_user_admin(request.user)
    form = UserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_create(actor=request.user, username=form.cleaned_data["username"],
                                        password=form.cleaned_data["password"],
                                        **_service_args(form.cleaned_data))
        except DomainError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, f"Das Konto „{user.username}“ wurde angelegt.")
            return redirect("accounts:users")
    return render(request, "accounts/user_form.html", {"form": form, "creating": True})


@login_required
def user_edit(request, pk):
    target = _user_or_404(request, pk)
    initial = {"first_name": target.first_name, "last_name": target.last_name, "email": target.email,
               "role": target.role, "authority": target.authority}
    form = UserForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update(actor=request.user, user=target, **_service_args(form.cleaned_data))
            if form.cleaned_data["password"]:
                services.user_set_password(actor=request.user, user=target,
                                           password=form.cleaned_data["password"])
        except DomainError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, f"Das Konto „{target.username}“ wurde gespeichert.")
            return redirect("accounts:users")
    return render(request, "accounts/user_form.html", {"form": form, "target": target, "creating": False})


def _user_action(request, pk, service, done: str):
    target = _user_or_404(request, pk)
    try:
        service(actor=request.user, user=target)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done.format(username=target.username))
    return redirect("accounts:users")


@require_POST
@login_required
def user_deactivate(request, pk):
    return _user_action(request, pk, services.user_deactivate,
                        "Das Konto „{username}“ wurde deaktiviert; seine Sitzungen sind beendet.")


@require_POST
@login_required
def user_reactivate(request, pk):
    return _user_action(request, pk, services.user_reactivate, "Das Konto „{username}“ ist wieder aktiv.")


@require_POST
@login_required
def user_reset_second_factor(request, pk):
    return _user_action(request, pk, services.user_reset_second_factor,
                        "Der zweite Faktor von „{username}“ wurde zurückgesetzt; bei der nächsten "
                        "Anmeldung richtet die Person ihn neu ein.")
