"""The real places of Pemkab Gresik: its OPDs, kecamatan, puskesmas and schools,
and the assessment venues in Gresik and Surabaya (``docs/demo.md``).

Names are real; school numbering, street numbers and coordinates are
approximate, good enough for a map pin in a demo, not for navigation.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    kind: str
    parent: str | None = None  # code of the parent unit
    weight: float = 1.0  # relative head count, for spreading employees


def _slug(name: str) -> str:
    return name.upper().replace(" ", "").replace("-", "").replace("'", "")


# (code suffix, name, kind, relative head count)
OPDS: tuple[tuple[str, str, str, float], ...] = (
    ("SETDA", "Sekretariat Daerah", "sekretariat", 8),
    ("SETDPRD", "Sekretariat DPRD", "sekretariat", 3),
    ("INSPEKTORAT", "Inspektorat", "inspektorat", 3),
    ("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "badan", 3),
    ("BPBD", "Badan Penanggulangan Bencana Daerah", "badan", 2),
    (
        "BAPPELITBANGDA",
        "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah",
        "badan",
        2,
    ),
    ("BPKAD", "Badan Pengelola Keuangan dan Aset Daerah", "badan", 3),
    ("BAPENDA", "Badan Pendapatan Daerah", "badan", 3),
    ("SATPOLPP", "Satuan Polisi Pamong Praja", "satpol", 4),
    ("DISDIK", "Dinas Pendidikan", "dinas", 4),
    ("DINKES", "Dinas Kesehatan", "dinas", 4),
    ("KOMINFO", "Dinas Komunikasi dan Informatika", "dinas", 2),
    ("PERIKANAN", "Dinas Perikanan", "dinas", 2),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "dinas", 2),
    ("DISNAKER", "Dinas Tenaga Kerja", "dinas", 2),
    ("DLH", "Dinas Lingkungan Hidup", "dinas", 3),
    ("DISPENDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "dinas", 2),
    ("CIPTAKARYA", "Dinas Cipta Karya Perumahan dan Kawasan Permukiman", "dinas", 2),
    ("DISPORA", "Dinas Kepemudaan dan Olahraga", "dinas", 1.5),
    ("DISPERPUSIP", "Dinas Perpustakaan dan Kearsipan", "dinas", 1.5),
    ("DINSOS", "Dinas Sosial", "dinas", 2),
    ("DISHUB", "Dinas Perhubungan", "dinas", 3),
    ("PUTR", "Dinas Pekerjaan Umum dan Tata Ruang", "dinas", 3),
    ("RSUD-IBNUSINA", "RSUD Ibnu Sina", "rsud", 25),
    ("RSUD-UMARMASUD", "RSUD Umar Mas'ud Bawean", "rsud", 6),
)

# The 18 kecamatan; Sangkapura and Tambak are on Bawean island.
KECAMATAN: tuple[str, ...] = (
    "Panceng",
    "Ujungpangkah",
    "Sidayu",
    "Bungah",
    "Dukun",
    "Manyar",
    "Duduksampeyan",
    "Balongpanggang",
    "Benjeng",
    "Cerme",
    "Gresik",
    "Kebomas",
    "Menganti",
    "Kedamean",
    "Driyorejo",
    "Wringinanom",
    "Sangkapura",
    "Tambak",
)

# Puskesmas under Dinas Kesehatan: one named after each kecamatan, plus the
# second puskesmas some kecamatan have.
EXTRA_PUSKESMAS: tuple[str, ...] = (
    "Alun-Alun",
    "Nelayan",
    "Gending",
    "Kedanyang",
    "Sukomulyo",
    "Sekapuk",
    "Dadapkuning",
    "Dapet",
    "Kepatihan",
    "Krikilan",
    "Metatu",
    "Industri",
)

SD_COUNT = 72  # demo sample of the regency's public primary schools
SMP_COUNT = 36


def unit_specs() -> list[UnitSpec]:
    """Every unit of the demo, parents before their children."""
    units = [UnitSpec(f"OPD-{code}", name, kind, None, weight) for code, name, kind, weight in OPDS]
    units += [
        UnitSpec(f"KEC-{_slug(k)}", f"Kecamatan {k}", "kecamatan", None, 1.2) for k in KECAMATAN
    ]
    for name in (*KECAMATAN, *EXTRA_PUSKESMAS):
        units.append(
            UnitSpec(f"PKM-{_slug(name)}", f"UPT Puskesmas {name}", "puskesmas", "OPD-DINKES", 2.0)
        )
    units += [
        UnitSpec(f"SDN-{i:03d}", f"UPT SD Negeri {i} Gresik", "sd", "OPD-DISDIK", 1.6)
        for i in range(1, SD_COUNT + 1)
    ]
    units += [
        UnitSpec(f"SMPN-{i:02d}", f"UPT SMP Negeri {i} Gresik", "smp", "OPD-DISDIK", 2.4)
        for i in range(1, SMP_COUNT + 1)
    ]
    return units


@dataclass(frozen=True)
class Venue:
    name: str
    address: str
    latitude: float
    longitude: float


# Assessment venues. Kantor Regional II BKN and BKD Provinsi Jawa Timur are
# where Gresik's 2025 round sat its pelaksana and JPT Pratama.
BKPSDM_GRESIK = Venue(
    "Gedung BKPSDM Kabupaten Gresik (Kompleks Kantor Bupati Gresik)",
    "Jl. Dr. Wahidin Sudirohusodo No. 245, Kembangan, Kebomas, Gresik 61124",
    -7.1707,
    112.6291,
)
CAT_LAB_GRESIK = Venue(
    "Ruang CAT BKPSDM Kabupaten Gresik, Lantai 3",
    "Jl. Dr. Wahidin Sudirohusodo No. 245, Kembangan, Kebomas, Gresik 61124",
    -7.1707,
    112.6291,
)
WEP_GRESIK = Venue(
    "Gedung Wahana Ekspresi Poesponegoro (WEP)",
    "Jl. Jaksa Agung Suprapto No. 1, Sidokumpul, Gresik 61111",
    -7.1606,
    112.6537,
)
KANREG_II_BKN = Venue(
    "Kantor Regional II BKN Surabaya",
    "Jl. Letjend S. Parman No. 6, Waru, Sidoarjo 61256",
    -7.3534,
    112.7296,
)
BKD_JATIM = Venue(
    "Badan Kepegawaian Daerah Provinsi Jawa Timur",
    "Jl. Jemursari No. 8, Wonocolo, Surabaya 60237",
    -7.3236,
    112.7412,
)
BPSDM_JATIM = "BPSDM Provinsi Jawa Timur, Jl. Balongsari Tama, Tandes, Surabaya"
