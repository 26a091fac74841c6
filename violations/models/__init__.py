"""The violations app's models: the catalogue (catalogue.py), reports with their reporter and evidence
(reports.py), and cases with their workflow records (cases.py)."""

from .cases import Case, CaseDocument, CaseTransition, Hearing, Statement
from .catalogue import (
    CATEGORY_WEIGHT,
    CatalogueProposal,
    Category,
    Confidence,
    LexiconEntry,
    ProhibitedActivity,
    Stage,
    SuggestionRule,
)
from .reports import Evidence, Report, Reporter, ReportMessage, Source, ViolationSettings

__all__ = [
    "CATEGORY_WEIGHT",
    "Case",
    "CaseDocument",
    "CaseTransition",
    "CatalogueProposal",
    "Category",
    "Confidence",
    "Evidence",
    "Hearing",
    "LexiconEntry",
    "ProhibitedActivity",
    "Report",
    "ReportMessage",
    "Reporter",
    "Source",
    "Stage",
    "Statement",
    "SuggestionRule",
    "ViolationSettings",
]
