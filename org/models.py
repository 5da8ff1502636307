"""Units (a tree with a materialised path) and users with clearance and roles."""

from functools import cached_property

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from access.choices import MINISTRY_WIDE_ROLES, Classification, Role
from core.guards import ServiceWritesModel, ServiceWritesQuerySet

# Roles whose accounts need a second factor on a new instance (migration 0003 and
# ``roles_ensure``); administrators change it on /org/roles/, the demo turns it off.
SECOND_FACTOR_BY_DEFAULT = frozenset({Role.ADMINISTRATOR, Role.LEADERSHIP, Role.COORDINATOR})


class UnitKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    DEPARTMENT = "department", _("Department of the Ministry")
    PROVINCE = "province", _("Provincial or municipal police")
    DIVISION = "division", _("Division or subordinate unit")


class UnitQuerySet(models.QuerySet):
    def subtree(self, unit: "Unit") -> "UnitQuerySet":
        """The unit and everything below it: one indexed prefix match on the path."""
        return self.filter(path__startswith=unit.path)

    def subtree_ids(self, unit: "Unit") -> "UnitQuerySet":
        """The subtree's ids as a subquery, for ``unit_id__any_of=``: a big table then reads
        its unit index instead of joining units to every row (access.querysets.AnyOf)."""
        return self.subtree(unit).order_by().values("pk")

    def visible_to(self, user) -> "UnitQuerySet":
        """Units are reference data: every signed-in user reads them (DESIGN.md 4.1)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.all()


class Unit(models.Model):
    """Đơn vị: ministry → departments and provinces → divisions."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    short_name = models.CharField(_("short name"), max_length=64, blank=True)
    kind = models.CharField(_("type"), max_length=16, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # "000001/000007/": ancestors' ids; a subtree is a prefix match (fast on both databases).
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    search_text = models.TextField(default="", editable=False)
    # Vietnamese dictionary order of the name (core.text.vi_sort_key), kept by the services.
    sort_key = models.TextField(default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UnitQuerySet.as_manager()

    # What ``__str__`` reads, and the path the subtree filters use: a filter's choices load
    # only these (core.views).
    choice_fields = ("name_vi", "name_en", "path")
    search_fields = ("code", "name_vi", "name_en", "short_name")
    sort_source = "name_vi"

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("org:unit", args=[self.pk])

    @property
    def name(self) -> str:
        if (get_language() or "vi").startswith("en") and self.name_en:
            return self.name_en
        return self.name_vi

    def is_in_subtree_of(self, other: "Unit | None") -> bool:
        return other is not None and self.path.startswith(other.path)


class RoleQuerySet(models.QuerySet):
    def visible_to(self, user) -> "RoleQuerySet":
        """Roles are reference data: every signed-in user reads them."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.all()


class RoleRecord(models.Model):
    """One of the six roles; a table so that users hold several and queries can join."""

    code = models.CharField(_("code"), max_length=32, primary_key=True, choices=Role.choices)
    requires_second_factor = models.BooleanField(
        _("second factor required"),
        default=False,
        help_text=_("Users with this role must sign in with a one-time code as well as their password."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = RoleQuerySet.as_manager()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["code"]

    def __str__(self) -> str:
        return str(Role(self.code).label)

    def get_absolute_url(self) -> str:
        return reverse("org:rolerecord", args=[self.pk])


class HoptacUserManager(UserManager):
    def visible_to(self, user):
        """Users' names are reference data: every signed-in user reads them."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.all()


class User(AbstractUser):
    """A person who signs in: one unit, one clearance, one or more roles."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    position = models.CharField(_("position"), max_length=150, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    clearance = models.CharField(
        _("clearance"),
        max_length=16,
        choices=Classification.choices,
        default=Classification.THUONG,
    )
    roles = models.ManyToManyField(RoleRecord, verbose_name=_("roles"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    search_text = models.TextField(default="", editable=False)
    sort_key = models.TextField(default="", editable=False)

    objects = HoptacUserManager()

    search_fields = ("username", "full_name", "email", "position")
    sort_source = "full_name"

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_absolute_url(self) -> str:
        return reverse("org:user", args=[self.pk])

    @cached_property
    def role_codes(self) -> frozenset[str]:
        if not self.pk:
            return frozenset()
        return frozenset(self.roles.values_list("code", flat=True))

    @property
    def role_list(self) -> list[str]:
        """Role codes from the prefetched roles (no query when prefetched)."""
        return sorted(r.code for r in self.roles.all())

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_codes.intersection(roles))

    @property
    def has_ministry_scope(self) -> bool:
        return bool(self.role_codes & MINISTRY_WIDE_ROLES)

    def refresh_roles(self) -> None:
        self.__dict__.pop("role_codes", None)


class ApiTokenQuerySet(ServiceWritesQuerySet):
    def visible_to(self, user) -> "ApiTokenQuerySet":
        """A user reads their own tokens; administrators read everyone's (to revoke them)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.has_role(Role.ADMINISTRATOR):
            return self.all()
        return self.filter(user=user)


class ApiToken(ServiceWritesModel):
    """A personal API token: the secret is shown once; only its SHA-256 is kept.

    It replaces DRF's authtoken tokens, which never expired and could only be issued from a
    shell. A token expires (90 days by default, one year at most) and can be revoked; it is
    not bound to the sessions' idle timeout.
    """

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    # The first characters of the secret, to tell tokens apart on the page (not secret enough
    # to be used: the rest is 256 random bits).
    prefix = models.CharField(_("prefix"), max_length=16, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def status(self, now=None) -> str:
        """ "active", "expired" or "revoked", for the page and the authentication."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at <= (now or timezone.now()):
            return "expired"
        return "active"
