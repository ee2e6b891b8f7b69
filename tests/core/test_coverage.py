"""Assessment coverage, the projection against the 2-3 year goal, and the OPD roll-up."""

from __future__ import annotations

from decimal import Decimal

from bot.core.coverage import Coverage, goal_years, jp_per_opd, per_opd, project, roll_up, top_level


def test_coverage_is_a_share_with_one_decimal() -> None:
    assert Coverage(2000, 8971).percent == Decimal("22.3")
    assert Coverage(0, 0).percent == Decimal(0)
    assert Coverage(10, 8).remaining == 0


def test_the_goal_counts_2024_as_the_first_year() -> None:
    assert goal_years() == (2025, 2026)


def test_gresik_pace_finishes_after_the_goal() -> None:
    # 2,000 assessed in 2024 and 830 more in 2025, out of 8,971 ASN.
    projection = project(Coverage(2830, 8971), {2024: 2000, 2025: 830})

    assert projection.per_year == 1415
    assert projection.finish_year == 2025 + 5  # 6,141 left at 1,415 a year
    assert not projection.on_track
    assert projection.cumulative == ((2024, 2000), (2025, 2830))


def test_a_fast_pace_is_on_track() -> None:
    projection = project(Coverage(4500, 9000), {2024: 4500})

    assert projection.finish_year == 2025
    assert projection.on_track


def test_everyone_assessed_finishes_in_the_last_year() -> None:
    projection = project(Coverage(100, 100), {2024: 60, 2025: 40})

    assert projection.finish_year == 2025
    assert projection.on_track


def test_no_results_means_no_projection() -> None:
    projection = project(Coverage(0, 9000), {})

    assert projection.finish_year is None
    assert projection.per_year == 0
    assert not projection.on_track


def test_sub_units_roll_up_to_their_opd() -> None:
    # 1 Dinas Kesehatan > 2 Puskesmas Manyar > 3 its pustu; 4 BKPSDM on its own.
    parents = {1: None, 2: 1, 3: 2, 4: None}

    assert top_level(parents) == {1: 1, 2: 1, 3: 1, 4: 4}
    assert roll_up(parents, {2: 5, 3: 1, 4: 7}) == {1: 6, 4: 7}


def test_a_loop_in_the_units_does_not_hang() -> None:
    assert set(top_level({1: 2, 2: 1}).values()) <= {1, 2}


def test_per_opd_lists_the_lowest_coverage_first() -> None:
    parents = {1: None, 2: 1, 4: None}
    names = {1: "Dinas Kesehatan", 2: "Puskesmas Manyar", 4: "BKPSDM"}

    rows = per_opd(parents, names, {1: 2, 2: 8, 4: 5}, {2: 1, 4: 5})

    assert [(r.name, r.coverage.assessed, r.coverage.total) for r in rows] == [
        ("Dinas Kesehatan", 1, 10),
        ("BKPSDM", 5, 5),
    ]


def test_jp_per_opd_averages_and_counts_who_met_the_target() -> None:
    parents = {1: None, 2: 1}

    rows = jp_per_opd(
        parents,
        {1: "Dinas Kesehatan"},
        {1: 1, 2: 3},
        {1: Decimal(20), 2: Decimal("10.5")},
        {1: 1, 2: 0},
    )

    assert len(rows) == 1
    assert rows[0].employees == 4
    assert rows[0].average_jp == Decimal("7.6")
    assert rows[0].met == 1
    assert rows[0].met_percent == Decimal("25.0")
