"""Shared REST API pieces: permission baseline and German error answers."""

from django.http import Http404, JsonResponse
from django.views.defaults import page_not_found, server_error
from rest_framework import exceptions, pagination, permissions

from .access import user_is_verified
from .errors import AccessDenied, ConcurrentEdit, DomainError


class IsVerifiedUser(permissions.BasePermission):
    message = "Anmeldung erforderlich."

    def has_permission(self, request, view):
        return user_is_verified(request.user)


# The largest id or position a database column holds (64-bit signed integer).
MAX_INT = 2**63 - 1


class Conflict(exceptions.APIException):
    status_code = 409
    default_code = "conflict"


class Pagination(pagination.LimitOffsetPagination):
    """``?limit=`` and ``?offset=``, 50 by default. At most 500 a page: a list carries names,
    and no client needs the whole register in one answer (exports are their own, logged
    path)."""

    max_limit = 500

    def get_offset(self, request):
        # DRF reads an offset that is no number as 0 and passes one beyond the database's
        # integers on to it; both are the client's mistake.
        text = request.query_params.get(self.offset_query_param)
        if text is None or text == "":
            return 0
        if not text.isdigit() or int(text) > MAX_INT:
            raise exceptions.ValidationError(
                {self.offset_query_param: ["„offset“ muss eine ganze Zahl ab 0 sein."]})
        return int(text)


def exception_handler(exc, context):
    from rest_framework.views import exception_handler as drf_exception_handler

    if isinstance(exc, AccessDenied):
        exc = Http404()
    if isinstance(exc, ConcurrentEdit):
        # The client's copy is stale: 409 tells it to read the case again, not to fix input.
        exc = Conflict({exc.field or "version": [exc.message]})
    elif isinstance(exc, DomainError):
        detail = {exc.field or "non_field_errors": [exc.message]}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, exceptions.ParseError):
        # DRF's parsers say in English what they could not read (the JSON decoder's position,
        # a multipart boundary); the client needs to know which format was expected.
        media_type = context["request"].content_type.split(";")[0].strip() or "ohne Angabe"
        exc = exceptions.ParseError(f"Der Inhalt der Anfrage lässt sich nicht als „{media_type}“ lesen.")
    return drf_exception_handler(exc, context)


def not_found(request, exception):
    """Django's answer to an address that matches no URL (``handler404``). An API client gets
    DRF's German JSON, as for an object that is not there; a page request gets the German
    page ``404.html`` (portal/templates)."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(exceptions.NotFound.default_detail)}, status=404)
    return page_not_found(request, exception)


def server_failed(request):
    """``handler500``: an API client gets a German JSON answer, a page request the German page
    ``500.html``, which Django renders without context processors or database."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Ein technischer Fehler ist aufgetreten. Der Fehler wurde protokolliert."},
                            status=500)
    return server_error(request)
