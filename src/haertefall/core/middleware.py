"""Security headers for every answer (CSP, no-store for pages with personal data)."""

from django.conf import settings

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'self'; object-src 'none'"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", getattr(settings, "HAERTEFALL_CSP", CSP))
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        # The application speaks German only (LANGUAGES): no negotiation per request (Django's
        # LocaleMiddleware would always choose "de"), the language is said here.
        response.setdefault("Content-Language", settings.LANGUAGE_CODE)
        if not request.path.startswith(settings.STATIC_URL):
            # Pages and API answers may carry personal data: never keep them in a cache.
            response["Cache-Control"] = "no-store"
        return response
