"""The demo's jabatan: which positions exist, where, how common, and who holds them.

Head counts per position type follow a plausible regency (about 58% functional
staff, mostly teachers and health workers). Structural positions are PNS only;
PPPK hold functional and some pelaksana positions.

The competency standard of a position is the default level of its type
(``bot.core.competencies.DEFAULT_REQUIRED_LEVELS``), except for pelaksana
positions of class 7 (analysts and coordinators), whose standard asks level 2
for five competencies (``RAISED_PELAKSANA``): standards are per position in
real life too, and without it no pelaksana could ever score below 100%.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.vocabulary import PositionType

JPT, ADM, PGW, PLK, FUN = (
    PositionType.JPT,
    PositionType.ADMINISTRATOR,
    PositionType.PENGAWAS,
    PositionType.PELAKSANA,
    PositionType.FUNGSIONAL,
)

# Head count per position type in a regency of 8,971 ASN (the article's total).
TYPE_MIX: dict[PositionType, int] = {JPT: 36, ADM: 612, PGW: 781, PLK: 2315, FUN: 5227}

RAISED_PELAKSANA = ("M.01", "M.02", "M.03", "M.05", "SK.01")

OFFICE = ("sekretariat", "inspektorat", "badan", "satpol", "dinas")
DINAS_BADAN = ("dinas", "badan", "satpol")
HEALTH = ("puskesmas", "rsud")
SCHOOL = ("sd", "smp")
ANYWHERE = (*OFFICE, "kecamatan", *HEALTH, *SCHOOL)

SENIOR_DEGREES = (
    "S.Sos., M.Si.",
    "S.E., M.M.",
    "S.H., M.H.",
    "S.T., M.T.",
    "S.IP., M.AP.",
    "S.Pd., M.Pd.",
    "S.Sos.",
    "S.E.",
    "S.H.",
    "S.STP., M.Si.",
)
STAFF_DEGREES = ("", "", "", "A.Md.", "S.E.", "S.Sos.", "S.Kom.", "S.AP.", "S.H.", "S.T.")


@dataclass(frozen=True)
class PositionSpec:
    name: str
    type: PositionType
    grade: str
    where: tuple[str, ...]  # unit kinds or unit codes
    weight: float  # share within its type
    female: float = 0.4  # share of women
    pppk: float = 0.0  # share of PPPK
    degrees: tuple[str, ...] = STAFF_DEGREES
    raised: bool = False  # class 7 pelaksana: see RAISED_PELAKSANA

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.name, self.type.value, self.grade)


def _p(
    name: str, type_: PositionType, grade: str, where: tuple[str, ...], weight: float, **kw: object
) -> PositionSpec:
    if type_ in (JPT, ADM, PGW):
        kw.setdefault("degrees", SENIOR_DEGREES)
        kw.setdefault("female", 0.35)
    return PositionSpec(name, type_, grade, where, weight, **kw)  # type: ignore[arg-type]


POSITIONS: tuple[PositionSpec, ...] = (
    _p("Kepala Dinas", JPT, "Pratama", ("dinas",), 14),
    _p("Kepala Badan", JPT, "Pratama", ("badan",), 6),
    _p("Sekretaris Daerah", JPT, "Pratama", ("OPD-SETDA",), 1),
    _p("Asisten Sekretaris Daerah", JPT, "Pratama", ("OPD-SETDA",), 3),
    _p("Staf Ahli Bupati", JPT, "Pratama", ("OPD-SETDA",), 3),
    _p("Sekretaris DPRD", JPT, "Pratama", ("OPD-SETDPRD",), 1),
    _p("Inspektur", JPT, "Pratama", ("inspektorat",), 1),
    _p("Kepala Satuan Polisi Pamong Praja", JPT, "Pratama", ("satpol",), 1),
    _p("Direktur RSUD", JPT, "Pratama", ("rsud",), 2),
    _p("Sekretaris", ADM, "", ("dinas", "badan", "satpol", "inspektorat"), 24),
    _p("Kepala Bidang", ADM, "", DINAS_BADAN, 90),
    _p("Kepala Bagian", ADM, "", ("OPD-SETDA", "OPD-SETDPRD"), 14),
    _p("Inspektur Pembantu", ADM, "", ("inspektorat",), 4),
    _p("Camat", ADM, "", ("kecamatan",), 18),
    _p("Sekretaris Kecamatan", ADM, "", ("kecamatan",), 18),
    _p("Kepala Bagian Tata Usaha", ADM, "", ("rsud",), 3),
    _p("Kepala Bidang Pelayanan Medik", ADM, "", ("rsud",), 3),
    _p("Kepala Sub Bagian Umum dan Kepegawaian", PGW, "", (*OFFICE, "kecamatan"), 60),
    _p("Kepala Sub Bagian Keuangan", PGW, "", ("dinas", "badan"), 25),
    _p("Kepala Seksi", PGW, "", ("dinas", "satpol", "rsud"), 120),
    _p("Kepala Sub Bidang", PGW, "", ("badan",), 30),
    _p("Kepala Sub Bagian", PGW, "", ("OPD-SETDA", "OPD-SETDPRD"), 40),
    _p("Kepala Seksi Pemerintahan", PGW, "", ("kecamatan",), 18),
    _p("Kepala Seksi Pelayanan Umum", PGW, "", ("kecamatan",), 18),
    _p("Kepala Seksi Kesejahteraan Sosial", PGW, "", ("kecamatan",), 18),
    _p("Lurah", PGW, "", ("KEC-GRESIK", "KEC-KEBOMAS"), 20),
    _p("Kepala Sub Bagian Tata Usaha", PGW, "", ("puskesmas", "smp"), 60),
    _p("Operator Layanan Operasional", PLK, "Kelas 5", ANYWHERE, 10, pppk=0.12),
    _p("Pengadministrasi Perkantoran", PLK, "Kelas 5", ANYWHERE, 12, female=0.5, pppk=0.12),
    _p("Pengelola Umum Operasional", PLK, "Kelas 6", ANYWHERE, 8, pppk=0.05),
    _p(
        "Pengolah Data dan Informasi",
        PLK,
        "Kelas 7",
        (*OFFICE, "kecamatan", *HEALTH),
        16,
        raised=True,
    ),
    _p("Penata Layanan Operasional", PLK, "Kelas 7", ANYWHERE, 22, female=0.5, raised=True),
    _p("Penelaah Teknis Kebijakan", PLK, "Kelas 7", (*OFFICE, "kecamatan"), 18, raised=True),
    _p("Pengelola Layanan Operasional", PLK, "Kelas 7", (*OFFICE, "kecamatan"), 14, raised=True),
    _p(
        "Guru Ahli Pertama",
        FUN,
        "Ahli Pertama",
        SCHOOL,
        30,
        female=0.7,
        pppk=0.6,
        degrees=("S.Pd.", "S.Pd.", "S.Pd.I.", "S.Si."),
    ),
    _p(
        "Guru Ahli Muda",
        FUN,
        "Ahli Muda",
        SCHOOL,
        14,
        female=0.68,
        degrees=("S.Pd.", "S.Pd., M.Pd.", "S.Pd.I."),
    ),
    _p(
        "Guru Ahli Madya",
        FUN,
        "Ahli Madya",
        SCHOOL,
        10,
        female=0.6,
        degrees=("S.Pd.", "S.Pd., M.Pd.", "S.Pd.I., M.Pd.I."),
    ),
    _p(
        "Perawat Terampil",
        FUN,
        "Terampil",
        HEALTH,
        8,
        female=0.65,
        pppk=0.4,
        degrees=("A.Md.Kep.",),
    ),
    _p(
        "Perawat Ahli Pertama",
        FUN,
        "Ahli Pertama",
        HEALTH,
        6,
        female=0.62,
        pppk=0.2,
        degrees=("S.Kep., Ns.",),
    ),
    _p("Bidan Terampil", FUN, "Terampil", HEALTH, 6, female=1.0, pppk=0.4, degrees=("A.Md.Keb.",)),
    _p(
        "Bidan Ahli Pertama",
        FUN,
        "Ahli Pertama",
        HEALTH,
        2,
        female=1.0,
        degrees=("S.Tr.Keb.", "S.Keb., Bd."),
    ),
    _p("Dokter Ahli Pertama", FUN, "Ahli Pertama", HEALTH, 3, female=0.55, degrees=("dr.",)),
    _p(
        "Dokter Ahli Muda",
        FUN,
        "Ahli Muda",
        HEALTH,
        2,
        female=0.5,
        degrees=("dr.", "dr.|M.Kes.", "dr.|Sp.PD."),
    ),
    _p(
        "Apoteker Ahli Pertama",
        FUN,
        "Ahli Pertama",
        HEALTH,
        1,
        female=0.75,
        pppk=0.2,
        degrees=("S.Farm., Apt.",),
    ),
    _p(
        "Pranata Laboratorium Kesehatan Terampil",
        FUN,
        "Terampil",
        HEALTH,
        1,
        female=0.7,
        pppk=0.3,
        degrees=("A.Md.AK.",),
    ),
    _p(
        "Nutrisionis Terampil",
        FUN,
        "Terampil",
        HEALTH,
        1,
        female=0.85,
        pppk=0.3,
        degrees=("A.Md.Gz.",),
    ),
    _p(
        "Analis Sumber Daya Manusia Aparatur Ahli Pertama",
        FUN,
        "Ahli Pertama",
        ("OPD-BKPSDM",),
        0.4,
        female=0.55,
        degrees=("S.Psi.", "S.H.", "S.Sos."),
    ),
    _p("Auditor Ahli Muda", FUN, "Ahli Muda", ("inspektorat",), 0.5, degrees=("S.E., Ak.",)),
    _p(
        "Pranata Komputer Ahli Pertama",
        FUN,
        "Ahli Pertama",
        ("OPD-KOMINFO",),
        0.3,
        pppk=0.3,
        degrees=("S.Kom.", "S.T."),
    ),
    _p(
        "Perencana Ahli Muda",
        FUN,
        "Ahli Muda",
        ("OPD-BAPPELITBANGDA",),
        0.3,
        degrees=("S.T., M.T.", "S.E., M.E."),
    ),
    _p(
        "Penyuluh Perikanan Ahli Pertama",
        FUN,
        "Ahli Pertama",
        ("OPD-PERIKANAN",),
        0.3,
        pppk=0.3,
        degrees=("S.Pi.",),
    ),
    _p("Arsiparis Terampil", FUN, "Terampil", ("OPD-DISPERPUSIP",), 0.2, degrees=("A.Md.",)),
    _p(
        "Pustakawan Ahli Pertama",
        FUN,
        "Ahli Pertama",
        ("OPD-DISPERPUSIP",),
        0.2,
        female=0.6,
        degrees=("S.IP.", "S.Hum."),
    ),
    _p(
        "Polisi Pamong Praja Terampil",
        FUN,
        "Terampil",
        ("satpol",),
        1.2,
        female=0.15,
        degrees=("", "", "A.Md."),
    ),
    _p(
        "Pekerja Sosial Ahli Pertama",
        FUN,
        "Ahli Pertama",
        ("OPD-DINSOS",),
        0.2,
        pppk=0.3,
        degrees=("S.Sos.",),
    ),
    _p(
        "Pengawas Lingkungan Hidup Ahli Pertama",
        FUN,
        "Ahli Pertama",
        ("OPD-DLH",),
        0.2,
        degrees=("S.T.", "S.Si."),
    ),
)

# Youngest and oldest age per type on the reference date.
AGE_RANGE: dict[PositionType, tuple[int, int]] = {
    JPT: (45, 58),
    ADM: (38, 58),
    PGW: (30, 57),
    PLK: (22, 57),
    FUN: (23, 59),
}
