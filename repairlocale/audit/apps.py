from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "repairlocale.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from repairlocale.audit.services import (
            purge_deleted_trainee,
            purge_erased_trainee,
        )
        from repairlocale.training.models import Trainee

        # Connected after simple-history's own post_save (registered when this
        # app's models module was imported), so it also purges the erasure's row.
        post_save.connect(
            purge_erased_trainee, sender=Trainee, dispatch_uid="audit-purge-erased"
        )
        post_delete.connect(
            purge_deleted_trainee, sender=Trainee, dispatch_uid="audit-purge-deleted"
        )
