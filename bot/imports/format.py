"""Say how an import went: all of it for the CLI (plain text), one message for the
chat (escaped HTML, at most ``CHAT_LINES`` errors; the rest go in a file, see
:mod:`bot.imports.report`)."""

from __future__ import annotations

import html
from collections.abc import Sequence

from bot.imports.limits import BLANK_RUN
from bot.imports.types import ImportSummary, RowError
from bot.texts import t
from bot.texts.paging import LIMIT

# Errors listed in the chat; the file attached holds them all.
CHAT_LINES = 50


def format_row_error(error: RowError, lang: str) -> str:
    return t(
        "import.row_error", lang, row=error.row, column=error.column, reason=error.message(lang)
    )


def format_rejection(
    errors: Sequence[RowError], lang: str, *, total: int | None = None, limit: int | None = None
) -> str:
    """Every bad row (or the first ``limit``), one per line, under a heading.

    ``total`` counts errors that were found but not kept (more than could be listed).
    """
    total = len(errors) if total is None else total
    shown = errors if limit is None else errors[:limit]
    lines = [t("import.rejected", lang, count=total)]
    lines += [format_row_error(error, lang) for error in shown]
    lines += _more(total - len(shown), lang)
    return "\n".join(lines)


def format_summary(summary: ImportSummary, lang: str) -> str:
    """Rows read, created, updated, unchanged, side effects and every warning."""
    lines = _summary_head(summary, lang)
    if summary.warnings:
        lines.append(_warnings_head(summary, lang))
        lines += [format_row_error(warning, lang) for warning in summary.warnings]
    return "\n".join(lines)


def chat_rejection(errors: Sequence[RowError], total: int, lang: str) -> tuple[str, bool]:
    """The rejection as one chat message (HTML), and whether it lists every error."""
    head = [t("import.rejected", lang, count=total)]
    return _fit(head, errors, total, lang)


def chat_summary(summary: ImportSummary, lang: str) -> tuple[str, bool]:
    """The summary as one chat message (HTML), and whether it lists every warning."""
    head = _summary_head(summary, lang)
    if not summary.warnings:
        return _html(head), True
    head.append(_warnings_head(summary, lang))
    return _fit(head, summary.warnings, len(summary.warnings), lang)


def _fit(head: list[str], errors: Sequence[RowError], total: int, lang: str) -> tuple[str, bool]:
    """``head`` and as many error lines as fit: ``CHAT_LINES`` at most, and 4,096
    characters as Telegram counts them (the text once parsed, in UTF-16 units)."""
    # Room for the closing lines, whose count has at most as many digits as ``total``.
    room = LIMIT - sum(_units(line) + 1 for line in head + _more(total, lang) + _in_file(lang))
    lines: list[str] = []
    for error in errors[:CHAT_LINES]:
        line = format_row_error(error, lang)
        room -= _units(line) + 1
        if room < 0:
            break
        lines.append(line)
    complete = len(lines) == total
    tail = [] if complete else _more(total - len(lines), lang) + _in_file(lang)
    return _html(head + lines + tail), complete


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _html(lines: list[str]) -> str:
    return "\n".join(html.escape(line, quote=False) for line in lines)


def _summary_head(summary: ImportSummary, lang: str) -> list[str]:
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
    if summary.stopped_at is not None:
        lines.append(t("import.stopped_at", lang, row=summary.stopped_at, count=BLANK_RUN))
    return lines


def _warnings_head(summary: ImportSummary, lang: str) -> str:
    return t("import.warnings", lang, count=len(summary.warnings))


def _more(count: int, lang: str) -> list[str]:
    return [t("import.more_errors", lang, count=count)] if count else []


def _in_file(lang: str) -> list[str]:
    return [t("import.all_in_file", lang)]
