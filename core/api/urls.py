from core.audit_views import AuditEntryViewSet

from .router import router

router.register("audit", AuditEntryViewSet, basename="auditentry")
