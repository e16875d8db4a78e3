"""Security headers for every answer that Django does not set itself (the Content-Security-Policy
comes from django-csp, see CONTENT_SECURITY_POLICY): no-store for pages with personal data."""

from django.conf import settings


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        # The application speaks German only (LANGUAGES): no negotiation per request (Django's
        # LocaleMiddleware would always choose "de"), the language is said here.
        response.setdefault("Content-Language", settings.LANGUAGE_CODE)
        if not request.path.startswith(settings.STATIC_URL):
            # Pages and API answers may carry personal data: never keep them in a cache.
            response["Cache-Control"] = "no-store"
        return response
