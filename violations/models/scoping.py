"""Querysets for the rows around a case: the subject of a case is never staff on it (staff are ASN too).

A Case is owned by its reported ASN (``employee__user``), who reaches it only from the summons on and only
for ``case.own`` / ``case.respond``. The report behind a case, its evidence, its reporter and its messages
are no one's to own: the subject of any case of that report does not reach them at all, whatever roles
they hold — so a BKD officer reported by a colleague never sees who reported them.
"""

from django.db.models import Q

from core.tenancy import RegionScopedQuerySet


def _active(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


class CaseScopedQuerySet(RegionScopedQuerySet):
    """For Case and the rows that hang from one case (``case_path`` leads from the row to its case)."""

    case_path = ""
    owner_capabilities = frozenset({"case.own", "case.respond"})
    staff_excludes_owner = True

    def _path(self, rest: str) -> str:
        return f"{self.case_path}__{rest}" if self.case_path else rest

    def _unsummoned_own(self, user) -> Q:
        return Q(**{self._path("employee__user"): user}) & Q(**{self._path("summoned_at__isnull"): True})

    def visible_to(self, user, capability: str):
        rows = super().visible_to(user, capability)
        return rows.exclude(self._unsummoned_own(user)) if _active(user) else rows

    def reachable_by(self, user):
        rows = super().reachable_by(user)
        return rows.exclude(self._unsummoned_own(user)) if _active(user) else rows


class ReportScopedQuerySet(RegionScopedQuerySet):
    """For a report and what hangs from it (``report_path`` leads from the row to its report)."""

    report_path = ""

    def _subject(self, user) -> Q:
        prefix = f"{self.report_path}__" if self.report_path else ""
        return Q(**{f"{prefix}cases__employee__user": user})

    def visible_to(self, user, capability: str):
        rows = super().visible_to(user, capability)
        return rows.exclude(self._subject(user)) if _active(user) else rows

    def reachable_by(self, user):
        rows = super().reachable_by(user)
        return rows.exclude(self._subject(user)) if _active(user) else rows
