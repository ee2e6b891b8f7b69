"""Demo content in Indonesian: Gapura courses and the wording of assessment reports.

Course titles follow what BKPSDMs and BPSDM Jawa Timur actually publish
(pelatihan, bimtek, workshop, e-learning); every offering targets one or more
of the nine managerial and socio-cultural competencies.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.vocabulary import CourseMode
from bot.demo.gresik import BPSDM_JATIM

LURING, DARING, BLENDED = CourseMode.LURING, CourseMode.DARING, CourseMode.BLENDED

BKPSDM = "BKPSDM Kabupaten Gresik"
BPSDM = "BPSDM Provinsi Jawa Timur"
LAN = "Lembaga Administrasi Negara (LAN)"
BKN = "Badan Kepegawaian Negara (BKN)"

AULA_BKPSDM = "Aula BKPSDM Gresik, Jl. Dr. Wahidin Sudirohusodo No. 245, Kebomas, Gresik"
WEP = "Gedung Wahana Ekspresi Poesponegoro, Jl. Jaksa Agung Suprapto No. 1, Gresik"
CONTACT = "Bidang Pengembangan Kompetensi BKPSDM Gresik, WA +62 812-3000-0245 (demo)"


@dataclass(frozen=True)
class CourseSpec:
    title: str
    competencies: tuple[tuple[str, int | None], ...]
    jp: int
    mode: CourseMode
    provider: str
    quota: int
    # open | opens_soon | closed | done | full: where the registration window
    # and the dates sit relative to "now".
    window: str = "open"
    audience: str = ""  # comma-separated position types, "" = everyone
    audience_unit: str | None = None  # a unit code
    statuses: str = ""  # "PNS", "PPPK" or "" for both
    description: str = ""
    prerequisites: str = ""


COURSES: tuple[CourseSpec, ...] = (
    CourseSpec(
        "Pelatihan Pelayanan Publik Prima",
        (("M.05", 3),),
        24,
        LURING,
        BKPSDM,
        40,
        description="Standar pelayanan, budaya melayani, dan penanganan keluhan warga "
        "di loket OPD, kecamatan dan puskesmas.",
    ),
    CourseSpec(
        "Bimtek Pengambilan Keputusan Berbasis Data",
        (("M.08", 3), ("M.04", None)),
        16,
        BLENDED,
        BKPSDM,
        30,
        audience="Administrator,Pengawas",
        description="Membaca data kinerja OPD, menimbang pilihan, dan menulis nota "
        "dinas rekomendasi yang bisa dipertanggungjawabkan.",
    ),
    CourseSpec(
        "E-learning Integritas ASN",
        (("M.01", None),),
        10,
        DARING,
        LAN,
        500,
        description="Modul mandiri: konflik kepentingan, gratifikasi, dan nilai "
        "BerAKHLAK dalam tugas sehari-hari.",
    ),
    CourseSpec(
        "Pelatihan Komunikasi Efektif dan Public Speaking",
        (("M.03", 3),),
        16,
        LURING,
        BKPSDM,
        35,
        description="Menyampaikan informasi layanan dengan jelas, "
        "presentasi di depan pimpinan, dan komunikasi di media sosial OPD.",
    ),
    CourseSpec(
        "Workshop Kerja Sama Tim Lintas OPD",
        (("M.02", 2),),
        8,
        LURING,
        BKPSDM,
        25,
        window="full",
        description="Simulasi penanganan program lintas perangkat "
        "daerah: membagi peran, berbagi data, dan menyelesaikan konflik.",
    ),
    CourseSpec(
        "Coaching dan Mentoring bagi Pejabat Pengawas",
        (("M.06", 3),),
        20,
        BLENDED,
        BPSDM,
        30,
        audience="Pengawas",
        description="Teknik coaching GROW, umpan balik, dan menyusun rencana pengembangan staf.",
    ),
    CourseSpec(
        "Pelatihan Manajemen Perubahan dan Inovasi Pelayanan",
        (("M.07", 3),),
        24,
        BLENDED,
        BPSDM,
        40,
        description="Merancang dan mengawal inovasi pelayanan publik dari ide sampai replikasi.",
    ),
    CourseSpec(
        "Seminar Moderasi Beragama dan Wawasan Kebangsaan",
        (("SK.01", None),),
        4,
        LURING,
        BKPSDM,
        150,
        description="Merawat kerukunan dalam pelayanan di masyarakat Gresik yang majemuk.",
    ),
    CourseSpec(
        "E-learning Wawasan Kebangsaan dan Nilai-Nilai Bela Negara",
        (("SK.01", 2), ("M.01", None)),
        12,
        DARING,
        LAN,
        1000,
    ),
    CourseSpec(
        "Bimtek Penyusunan SKP dan Manajemen Kinerja",
        (("M.04", 2),),
        12,
        LURING,
        BKPSDM,
        60,
        description="Menyusun SKP, indikator kinerja, dan dialog kinerja "
        "dengan atasan sesuai PermenPAN-RB 6/2022.",
    ),
    CourseSpec(
        "Pelatihan Kepemimpinan Pengawas (PKP) - Kelas Persiapan",
        (("M.06", 3), ("M.08", 3), ("M.04", 3)),
        40,
        BLENDED,
        BPSDM,
        30,
        audience="Pengawas",
        prerequisites="Menduduki jabatan pengawas; surat tugas dari kepala perangkat daerah.",
    ),
    CourseSpec(
        "Pelatihan Kepemimpinan Administrator (PKA) - Kelas Persiapan",
        (("M.07", 4), ("M.08", 4), ("M.02", 3)),
        40,
        BLENDED,
        BPSDM,
        30,
        audience="Administrator",
        prerequisites="Menduduki jabatan administrator; surat tugas dari kepala perangkat daerah.",
    ),
    CourseSpec(
        "Webinar Smart ASN: Literasi Digital dan Keamanan Data",
        (("M.07", 2),),
        3,
        DARING,
        BKN,
        1000,
        description="Menjaga data pribadi warga dan kata sandi, mengenali penipuan daring.",
    ),
    CourseSpec(
        "Bimtek Pelayanan Ramah Disabilitas",
        (("M.05", 2), ("SK.01", 2)),
        8,
        LURING,
        BKPSDM,
        40,
        window="closed",
    ),
    CourseSpec(
        "Pelatihan Penanganan Pengaduan Masyarakat (SP4N-LAPOR!)",
        (("M.05", 2), ("M.03", 2)),
        8,
        LURING,
        BKPSDM,
        40,
        window="done",
    ),
    CourseSpec(
        "E-learning Manajemen ASN",
        (("M.01", None), ("M.04", None)),
        6,
        DARING,
        BKN,
        800,
        window="done",
    ),
    CourseSpec(
        "Pelatihan Analisis Data dengan Spreadsheet",
        (("M.08", 2),),
        16,
        LURING,
        BKPSDM,
        25,
        audience="Pelaksana,Pengawas",
        prerequisites="Membawa laptop sendiri.",
    ),
    CourseSpec(
        "Workshop Penulisan Naskah Dinas",
        (("M.03", 2),),
        8,
        LURING,
        BKPSDM,
        50,
        audience="Pelaksana",
        window="opens_soon",
    ),
    CourseSpec(
        "Mentoring Pengembangan Diri ASN Muda",
        (("M.06", 2),),
        10,
        BLENDED,
        BKPSDM,
        40,
        description="Untuk ASN dan PPPK dengan masa kerja di bawah lima tahun.",
    ),
    CourseSpec(
        "Pelatihan Budaya Kerja BerAKHLAK",
        (("M.01", 2), ("M.02", 2), ("SK.01", 2)),
        8,
        LURING,
        BKPSDM,
        60,
        window="done",
    ),
    CourseSpec(
        "Bimtek Pengadaan Barang/Jasa yang Berintegritas",
        (("M.01", 3), ("M.08", 2)),
        24,
        LURING,
        BKPSDM,
        30,
        audience="Pengawas,Pelaksana,Administrator",
    ),
    CourseSpec(
        "Pelatihan Fasilitator Inovasi Daerah", (("M.07", 3), ("M.02", 3)), 16, BLENDED, BKPSDM, 30
    ),
    CourseSpec(
        "E-learning Pelayanan Prima bagi Tenaga Kesehatan",
        (("M.05", 2),),
        8,
        DARING,
        BKPSDM,
        300,
        audience_unit="OPD-DINKES",
        description="Untuk tenaga kesehatan di puskesmas dan Dinas Kesehatan.",
    ),
    CourseSpec(
        "Pelatihan Guru Penggerak Kompetensi Sosial Kultural",
        (("SK.01", 2), ("M.06", 2)),
        12,
        BLENDED,
        BKPSDM,
        80,
        audience="Fungsional",
        statuses="PNS,PPPK",
        audience_unit="OPD-DISDIK",
    ),
)


def venue_for(spec: CourseSpec, index: int) -> str:
    if spec.mode is DARING:
        return ""
    if spec.provider == BPSDM:
        return BPSDM_JATIM
    return WEP if index % 3 == 0 else AULA_BKPSDM


# Behaviour observed when a competency stands out (strengths) or falls short
# (development areas), for report wording.
STRENGTH_PHRASES: dict[str, str] = {
    "M.01": "konsisten bertindak sesuai nilai dan kode etik",
    "M.02": "aktif membangun kerja sama dan berbagi informasi dengan rekan kerja",
    "M.03": "menyampaikan informasi dengan jelas dan mudah dipahami",
    "M.04": "berorientasi pada target dan menuntaskan pekerjaan tepat waktu",
    "M.05": "peka terhadap kebutuhan masyarakat yang dilayani",
    "M.06": "mau belajar dan mendorong rekan untuk berkembang",
    "M.07": "terbuka terhadap cara kerja baru dan perubahan",
    "M.08": "mengambil keputusan dengan menimbang data dan risiko",
    "SK.01": "menghargai keberagaman dan menjaga kerukunan di lingkungan kerja",
}
DEVELOPMENT_PHRASES: dict[str, str] = {
    "M.01": "perlu lebih tegas menolak praktik yang bertentangan dengan kode etik",
    "M.02": "perlu lebih aktif berkolaborasi lintas unit",
    "M.03": "perlu melatih penyampaian gagasan secara runtut, lisan maupun tertulis",
    "M.04": "perlu menetapkan target kerja yang terukur dan memantaunya",
    "M.05": "perlu lebih proaktif menindaklanjuti keluhan pengguna layanan",
    "M.06": "perlu menyusun rencana pengembangan diri yang konkret",
    "M.07": "perlu lebih cepat menyesuaikan diri dengan perubahan kebijakan dan sistem kerja",
    "M.08": "perlu berlatih mengambil keputusan secara mandiri dengan dasar yang jelas",
    "SK.01": "perlu memperluas wawasan kebangsaan dan kepekaan sosial budaya",
}
