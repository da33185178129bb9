"""Your data: the export document (also the import's body), the import's report, deletion."""

from __future__ import annotations

from ninja import Field, Schema

from rejection.data.contracts import AccountDeletion, ExportDocument

__all__ = ["AccountDeletion", "ExportDocument", "ImportReportOut"]


class ImportReportOut(Schema):
    attempts_created: int
    attempts_skipped: int = Field(description="Already in your journal (the same uuid).")
    custom_challenges_created: int
    enrollments_created: int
    rest_days_created: int
