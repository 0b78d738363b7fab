"""The audit trail in the personal-data register (see ``core/privacy.py``).

Erasing a person also blanks their e-mail address where the history tables kept
it as an organisation's or hub's contact; a trainee's history is purged by the
training module's own erasure (``services.purge_erased_trainee``). The register
rows describing the history tables are left to ``docs/privacy.md``'s owner: no
entries here, so the generated register does not change.
"""

from repairlocale.audit.services import purge_person_history
from repairlocale.core.privacy import register

# Before the account itself (accounts: 100), which anonymises the e-mail address.
register("audit", entries=[], erase=purge_person_history, order=90)
