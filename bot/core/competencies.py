"""The managerial and socio-cultural competencies (PermenPAN-RB No. 38/2017).

Reference data only: the real standards (which competency at which level for
which position) live in the database; technical competencies are defined by
each agency and are not listed here.
"""

from __future__ import annotations

MIN_LEVEL = 1
MAX_LEVEL = 5

# code -> (Indonesian name, English name). The code SK.01 is an assumption:
# the regulation names the competency but gives it no code.
COMPETENCIES: dict[str, tuple[str, str]] = {
    "M.01": ("Integritas", "Integrity"),
    "M.02": ("Kerja Sama", "Teamwork"),
    "M.03": ("Komunikasi", "Communication"),
    "M.04": ("Orientasi pada Hasil", "Results orientation"),
    "M.05": ("Pelayanan Publik", "Public service"),
    "M.06": ("Pengembangan Diri dan Orang Lain", "Developing self and others"),
    "M.07": ("Mengelola Perubahan", "Managing change"),
    "M.08": ("Pengambilan Keputusan", "Decision making"),
    "SK.01": ("Perekat Bangsa", "Nation-binding (socio-cultural)"),
}

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


def competency_name(code: str, lang: str = "id") -> str:
    """The competency's name in ``lang``; unknown (technical) codes come back as is."""
    names = COMPETENCIES.get(code)
    if names is None:
        return code
    return names[1] if lang == "en" else names[0]
