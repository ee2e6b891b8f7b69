"""The chaos benchmark's figures in Markdown: its targets and its section of the report."""

from __future__ import annotations

from datetime import UTC, datetime

from bench.chaos import DELAY, ERROR_CHANCE, SEED, ChaosResult
from bench.common import Sizes


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def targets(r: ChaosResult) -> list[tuple[str, str, str]]:
    """Issue 13's targets: (target, measured, verdict)."""
    return [
        ("chaos: 0 lost messages", f"{r.lost} of {r.due:,}", verdict(r.lost == 0)),
        (
            "chaos: 0 lost conversation steps",
            f"{r.steps_lost} of {r.steps}",
            verdict(r.steps_lost == 0),
        ),
        ("chaos: 0 x 429", f"{r.too_many} x 429", verdict(r.too_many == 0)),
        (
            "chaos: doubled messages at most one per kill between Telegram's answer and the write",
            f"{r.doubled} doubled; {r.kills_in_window} of {len(r.kills)} kills in that window",
            verdict(r.doubled <= r.kills_in_window),
        ),
    ]


def _seconds(value: float | None) -> str:
    return "never" if value is None else f"{value:.0f} s"


def figures(r: ChaosResult) -> str:
    """The one-row table of what happened."""
    rate = f"{0.9 * r.due / r.to_90:.1f}/s" if r.to_90 else "n/a"
    ended = ", ".join(f"{status} {n:,}" for status, n in sorted(r.ended.items()))
    return "\n".join(
        [
            "| due | delivered | lost | doubled | kills (in the window) | 429s | busiest second "
            "| injected 500s | steps done / lost | 90% delivered | rate until 90% "
            "| all delivered |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|",
            f"| {r.due:,} | {r.delivered:,} | {r.lost} | {r.doubled} | {len(r.kills)} "
            f"({r.kills_in_window}) | {r.too_many} | {r.busiest} | {r.injected:,} "
            f"| {r.steps_done} / {r.steps_lost} | {_seconds(r.to_90)} | {rate} "
            f"| {_seconds(r.to_all)} |",
            "",
            f"The notices' status at the end: {ended}. Starts that failed on a 500 and were "
            f"made again: {r.failed_starts}.",
        ]
    )


def kill_list(r: ChaosResult) -> str:
    """Each kill: when, which instance, and how many delivered notices it left unwritten."""
    return "; ".join(
        f"{k.at:.0f} s {k.instance}"
        + (f" ({k.answered_not_written})" if k.answered_not_written else "")
        + ("" if k.step_started else " (no step)")
        for k in r.kills
    )


def section(r: ChaosResult, sizes: Sizes, command: str) -> str:
    """The report's section "Chaos (issue 13)"."""
    rows = [f"| {name} | {value} | {ok} |" for name, value, ok in targets(r)]
    return "\n".join(
        [
            "## Chaos (issue 13)",
            "",
            f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `{command}`. Machine load "
            f"(`uptime`) before: `{r.load[0] if r.load else '?'}`; after: "
            f"`{r.load[-1] if r.load else '?'}`.",
            "",
            f"Two asnbot instances (`bench/chaos_bot.py`, each its own process, webhook mode) "
            f"behind a round-robin balancer, one PostgreSQL database (fresh, migrated, the "
            f"demo with {sizes.chaos_employees:,} employees), one emulator with Telegram's "
            f"limits on (30 new messages in any sliding second, about one a second per chat) "
            f"answering every Bot API call {DELAY * 1000:.0f} ms late and "
            f"{ERROR_CHANCE:.0%} of them with a 500 (seed {SEED}). Due when the instances "
            f"start: an announcement to {sizes.chaos_recipients:,} linked employees and "
            f"{sizes.chaos_reminders} session reminders, sent by the instances' own "
            f"dispatcher job (every 5 s, production settings). {len(r.kills)} times a "
            f"random instance (seeded) was killed with SIGKILL at a random moment and "
            f'started again; before each kill a user pressed "Tidak bisa hadir" on their '
            f"session card through it, and typed the reason through the other instance "
            f"while it restarted. Times are from the start of the instances.",
            "",
            "| target | measured | |",
            "|---|---|---|",
            *rows,
            "",
            figures(r),
            "",
            f"Kills (time, instance, delivered notices it left unwritten): {kill_list(r)}.",
            *(["", "The 429s: " + "; ".join(r.why_429) + "."] if r.why_429 else []),
        ]
    )
