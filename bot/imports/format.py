"""Say how an import went, for the CLI and for the admin chat (plain text)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.imports.types import ImportSummary, RowError
from bot.texts import t


def format_row_error(error: RowError, lang: str) -> str:
    return t(
        "import.row_error", lang, row=error.row, column=error.column, reason=error.message(lang)
    )


def format_rejection(errors: Sequence[RowError], lang: str, *, limit: int | None = None) -> str:
    """Every bad row (or the first ``limit``), one per line, under a heading."""
    shown = errors if limit is None else errors[:limit]
    lines = [t("import.rejected", lang, count=len(errors))]
    lines += [format_row_error(error, lang) for error in shown]
    if len(errors) > len(shown):
        lines.append(t("import.more_errors", lang, count=len(errors) - len(shown)))
    return "\n".join(lines)


def format_summary(summary: ImportSummary, lang: str, *, limit: int | None = None) -> str:
    """Rows read, created, updated, unchanged, side effects and warnings."""
    lines = [
        t(
            "import.summary",
            lang,
            kind=t(f"import.kind.{summary.kind}", lang),
            rows=summary.rows,
            created=summary.created,
            updated=summary.updated,
            unchanged=summary.unchanged,
        )
    ]
    lines += [
        t(f"import.detail.{name}", lang, count=count)
        for name, count in sorted(summary.details.items())
    ]
    if summary.warnings:
        shown = summary.warnings if limit is None else summary.warnings[:limit]
        lines.append(t("import.warnings", lang, count=len(summary.warnings)))
        lines += [format_row_error(warning, lang) for warning in shown]
        if len(summary.warnings) > len(shown):
            lines.append(t("import.more_errors", lang, count=len(summary.warnings) - len(shown)))
    return "\n".join(lines)
