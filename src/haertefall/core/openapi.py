"""The API's OpenAPI schema documents the errors every operation can answer with.

drf-spectacular documents an operation's success only. The answers that
``core.api.exception_handler`` and DRF give on every operation — input refused (400), not
logged in or not allowed (403), not found or not visible (404), changed meanwhile (409), a
body in a format the operation does not take (415) — are
added here once, so that a client (and schemathesis in tests/api/test_schemathesis.py) finds
every status code it can receive in the schema. See docs/decisions/0106.
"""

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import ResolvedComponent, force_instance, is_serializer

# {"detail": "…"}: DRF's answer to a refused login, permission or lookup, in German.
DETAIL = {
    "type": "object",
    "description": "Fehlermeldung auf Deutsch.",
    "properties": {"detail": {"type": "string", "description": "Was nicht stimmt, auf Deutsch."}},
    "required": ["detail"],
}
# {"field": ["…"], "non_field_errors": ["…"]}: one list of German messages per field that is
# wrong; nested fields (a list of persons, names) carry their own object or list of objects.
FIELD_ERRORS = {
    "type": "object",
    "description": ("Je fehlerhaftem Feld die Meldungen auf Deutsch; „non_field_errors“ für "
                    "Fehler, die kein einzelnes Feld betreffen; „detail“, wenn sich der Inhalt "
                    "der Anfrage gar nicht lesen ließ."),
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": {
        "anyOf": [
            {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "object"}]}},
            {"type": "object"},
        ],
    },
}

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's schema, plus the error answers each operation can give."""

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        responses = operation["responses"]
        # An error comes in the format the client negotiated, like the operation's answer.
        media_types = self.map_renderers("media_type")
        for status, description, schema in self.error_responses(operation):
            responses.setdefault(str(status), {
                "description": description,
                "content": {media_type: {"schema": schema} for media_type in media_types},
            })
        return operation

    def error_responses(self, operation):
        detail = self.component("Fehler", DETAIL)
        field_errors = self.component("Eingabefehler", FIELD_ERRORS)
        parameters = operation.get("parameters", [])
        takes_input = "requestBody" in operation or any(p["in"] == "query" for p in parameters)
        if takes_input or self.method in WRITE_METHODS:
            yield 400, "Eingabe ungültig oder Schritt nicht erlaubt; die Meldungen nennen, was nicht stimmt.", field_errors
        yield 403, "Nicht angemeldet (auch: zweiter Faktor fehlt) oder für die eigene Rolle nicht erlaubt.", detail
        # Also a list: what a role may not see at all answers 404, not 403, so that ids and
        # parts of the API cannot be probed (core.errors.AccessDenied).
        yield 404, ("Nicht gefunden: die Adresse oder ein im Inhalt genanntes Objekt gibt es nicht, "
                    "oder die eigene Rolle sieht es nicht."), detail
        if "requestBody" in operation:
            yield 415, "Der Inhalt der Anfrage hat ein Format, das diese Operation nicht annimmt.", detail
        if "requestBody" in operation and self.checks_version():
            yield 409, ("Inzwischen von jemand anderem geändert (veraltete „version“): neu laden "
                        "und prüfen."), field_errors

    def checks_version(self) -> bool:
        """Whether the request carries the ``version`` that optimistic locking compares."""
        serializer = self.get_request_serializer()
        return is_serializer(serializer) and "version" in force_instance(serializer).fields

    def component(self, name, schema):
        component = ResolvedComponent(name=name, type=ResolvedComponent.SCHEMA, object=name, schema=schema)
        self.registry.register_on_missing(component)
        return component.ref
