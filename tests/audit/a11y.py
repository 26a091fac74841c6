"""The audit trail for the accessibility check (tests/e2e/test_a11y.py)."""

from tests.e2e.axe import A11yPage

PAGES = [
    A11yPage("audit-list-inspector", "inspektur.muba", "audit_list"),
    A11yPage("audit-list-admin", "admin.sumsel", "audit_list"),
]
