"""Read-only register API: countries (with a resolver for any written form), authorities,
exclusion-ground catalogues. Open to every logged-in, verified user: no personal data."""

from django.db.models import Q
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from .models import Authority, Country, ExclusionCatalogue, ExclusionGround
from .ordering import in_german_order
from .selectors import country_resolve


class CountrySerializer(serializers.ModelSerializer):
    current = serializers.SerializerMethodField()

    class Meta:
        model = Country
        fields = ["id", "destatis_code", "name", "sort_name", "official_name", "iso2", "iso3",
                  "historical", "current"]

    def get_current(self, obj) -> str:
        return obj.current.destatis_code


class AuthoritySerializer(serializers.ModelSerializer):
    class Meta:
        model = Authority
        fields = ["id", "key", "name", "kind", "land", "region", "email", "active"]


class ExclusionGroundSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExclusionGround
        fields = ["id", "code", "kind", "paragraph", "label", "text"]


class ExclusionCatalogueSerializer(serializers.ModelSerializer):
    grounds = ExclusionGroundSerializer(many=True, read_only=True)

    class Meta:
        model = ExclusionCatalogue
        fields = ["id", "key", "land", "title", "valid_from", "valid_to", "grounds"]


class GermanOrderListMixin:
    """The whole list (no pages: a register is short) in German alphabetical order, as the
    pages list it (registers.ordering)."""

    def list(self, request, *args, **kwargs):
        entries = in_german_order(self.filter_queryset(self.get_queryset()))
        return Response(self.get_serializer(entries, many=True).data)


class CountryViewSet(GermanOrderListMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = CountrySerializer
    pagination_class = None

    def get_queryset(self):
        qs = Country.objects.select_related("successor")
        text = self.request.query_params.get("q", "").strip()
        if text:
            qs = qs.filter(Q(name__icontains=text) | Q(official_name__icontains=text)
                           | Q(variants__icontains=text) | Q(destatis_code=text))
        return qs

    @extend_schema(
        parameters=[OpenApiParameter("text", str, required=True,
                                     description="Beliebige Schreibweise: Name, amtlicher Name, ISO-Code, Destatis-Schlüssel")],
        responses=CountrySerializer,
        description="Löst eine geschriebene Staatsangehörigkeit auf (wie der Register-Import).",
    )
    @action(detail=False, methods=["get"])
    def resolve(self, request):
        text = request.query_params.get("text", "")
        country = country_resolve(text)
        if country is None:
            raise NotFound(f"Unbekannter Staat „{text}“.")
        return Response(CountrySerializer(country).data)


class AuthorityViewSet(GermanOrderListMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = AuthoritySerializer
    queryset = Authority.objects.all()
    pagination_class = None
    filterset_fields = ["kind", "region", "active"]


class ExclusionCatalogueViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ExclusionCatalogueSerializer
    queryset = ExclusionCatalogue.objects.prefetch_related("grounds")
    pagination_class = None
