"""The managerial and socio-cultural competencies (PermenPAN-RB No. 38/2017).

Reference data only: the real standards (which competency at which level for
which position) live in the database; technical competencies are defined by
each agency and are not listed here.
"""

from __future__ import annotations

MIN_LEVEL = 1
MAX_LEVEL = 5

# The codes, in order; their names are words, in the catalogue (``competency.M.01``,
# ``bot.texts.domain.competency_name``). The code SK.01 is an assumption: the
# regulation names the competency but gives it no code.
COMPETENCY_CODES: tuple[str, ...] = (
    "M.01",  # Integritas
    "M.02",  # Kerja Sama
    "M.03",  # Komunikasi
    "M.04",  # Orientasi pada Hasil
    "M.05",  # Pelayanan Publik
    "M.06",  # Pengembangan Diri dan Orang Lain
    "M.07",  # Mengelola Perubahan
    "M.08",  # Pengambilan Keputusan
    "SK.01",  # Perekat Bangsa
)

# (assumption) The usual required level per position type, used only to seed
# demo data and as a fallback. The binding standard (standar kompetensi jabatan)
# is data in the database, per position. "JPT" means JPT Pratama, the highest
# rank in a regency; JPT Madya (level 5) does not exist at Pemkab level.
DEFAULT_REQUIRED_LEVELS: dict[str, int] = {
    "JPT": 4,
    "Administrator": 3,
    "Pengawas": 2,
    "Pelaksana": 1,
    "Fungsional": 2,
}
