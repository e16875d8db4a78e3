"""REST API for user administration (administration role only), calling the same services."""

from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from haertefall.core.errors import AccessDenied
from haertefall.registers.models import Authority

from . import services
from .access import access_user, can_administer_users
from .models import Role, User


class IsUserAdmin(permissions.BasePermission):
    message = "Nur die Administration verwaltet Benutzerkonten."

    def has_permission(self, request, view):
        return can_administer_users(request.user)


class UserSerializer(serializers.ModelSerializer):
    authority = serializers.SlugRelatedField(slug_field="key", read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "first_name", "last_name", "email", "role", "authority", "is_active",
                  "last_login", "date_joined"]
        read_only_fields = fields


class UserWriteSerializer(serializers.Serializer):
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    role = serializers.ChoiceField(choices=Role.choices)
    authority = serializers.SlugRelatedField(slug_field="key", queryset=Authority.objects.all(),
                                             required=False, allow_null=True, default=None)


class UserCreateSerializer(UserWriteSerializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(write_only=True, style={"input_type": "password"})


class PasswordSerializer(serializers.Serializer):
    password = serializers.CharField(write_only=True, style={"input_type": "password"})


@extend_schema_view(
    list=extend_schema(summary="Benutzerkonten auflisten"),
    retrieve=extend_schema(summary="Ein Benutzerkonto"),
)
class UserViewSet(viewsets.GenericViewSet):
    """Benutzerkonten: anlegen, ändern, deaktivieren (nur Administration; keine Fallinhalte)."""

    permission_classes = [IsUserAdmin]
    serializer_class = UserSerializer
    queryset = User.objects.select_related("authority").order_by("username")
    filterset_fields = ["role", "is_active"]

    def _target(self, pk) -> User:
        try:
            return access_user(actor=self.request.user, user_id=pk, for_write=self.request.method != "GET")
        except AccessDenied:
            raise Http404 from None

    def list(self, request):
        qs = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(qs)
        return self.get_paginated_response(UserSerializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        return Response(UserSerializer(self._target(pk)).data)

    @extend_schema(request=UserCreateSerializer, responses={201: UserSerializer}, summary="Konto anlegen")
    def create(self, request):
        data = UserCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_create(actor=request.user, **data.validated_data)
        return Response(UserSerializer(user).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=UserWriteSerializer, responses=UserSerializer, summary="Konto ändern")
    def update(self, request, pk=None):
        target = self._target(pk)
        data = UserWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_update(actor=request.user, user=target, **data.validated_data)
        return Response(UserSerializer(user).data)

    @extend_schema(request=None, responses=UserSerializer, summary="Konto deaktivieren (beendet Sitzungen)")
    @action(detail=True, methods=["post"])
    def deactivate(self, request, pk=None):
        user = services.user_deactivate(actor=request.user, user=self._target(pk))
        return Response(UserSerializer(user).data)

    @extend_schema(request=None, responses=UserSerializer, summary="Konto wieder aktivieren")
    @action(detail=True, methods=["post"])
    def reactivate(self, request, pk=None):
        user = services.user_reactivate(actor=request.user, user=self._target(pk))
        return Response(UserSerializer(user).data)

    @extend_schema(request=PasswordSerializer, responses=UserSerializer, summary="Passwort setzen (beendet Sitzungen)")
    @action(detail=True, methods=["post"])
    def password(self, request, pk=None):
        target = self._target(pk)
        data = PasswordSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_set_password(actor=request.user, user=target, password=data.validated_data["password"])
        return Response(UserSerializer(user).data)

    @extend_schema(request=None, responses=UserSerializer, summary="Zweiten Faktor zurücksetzen")
    @action(detail=True, methods=["post"], url_path="reset-second-factor")
    def reset_second_factor(self, request, pk=None):
        user = services.user_reset_second_factor(actor=request.user, user=self._target(pk))
        return Response(UserSerializer(user).data)
