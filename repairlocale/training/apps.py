from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "repairlocale.training"
    label = "training"
    verbose_name = _("Training of repairers (trainees, competencies, assessments)")
