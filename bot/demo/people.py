"""The demo employees people log in as, and the demo admin.

Their identities are fixed constants, written in ``docs/demo.md``, so anyone
trying the sandbox can link a chat account: by sharing the phone number, or by
typing the NIP and the activation code. The codes are demo-only and guessable
on purpose; real codes come from ``bot.core.codes.generate_code`` with
``random.SystemRandom``.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.vocabulary import EmployeeStatus

# The Telegram user id that ``asnbot demo`` records as an admin.
DEMO_ADMIN_ID = 900_000_001


@dataclass(frozen=True)
class DemoEmployee:
    key: str
    nip: str
    name: str
    status: EmployeeStatus
    position: str  # a PositionSpec name in bot.demo.positions
    unit: str  # a unit code in bot.demo.gresik
    phone: str | None
    email: str | None
    code: str  # activation code, shown as ABCD-EFGH
    story: str  # what the demo shows with this person (for docs/demo.md)
    # Achieved levels M.01..M.08, SK.01 in the 2024 round; None = not assessed.
    scores_2024: tuple[int, ...] | None = None


ADMINISTRATOR = DemoEmployee(
    key="administrator",
    nip="197805122005011001",
    name="Rahmat Hidayat, S.Sos., M.Si.",
    status=EmployeeStatus.PNS,
    position="Kepala Bidang",
    unit="OPD-KOMINFO",
    phone="+6281234560001",
    email="rahmat.hidayat@asn-gresik.example",
    code="GRSK-ADMN",
    story="Administrator; 2024 result released (JPM 88,9%, Cukup Optimal, the worked "
    "example of docs/demo.md); invited to an upcoming session at BKPSDM Gresik; registered on a "
    "course; 12 of 20 JP this year",
    scores_2024=(3, 3, 2, 3, 3, 2, 3, 3, 2),
)
PENGAWAS = DemoEmployee(
    key="pengawas",
    nip="198603142010012001",
    name="Siti Maslahah, S.E.",
    status=EmployeeStatus.PNS,
    position="Kepala Sub Bagian Umum dan Kepegawaian",
    unit="KEC-MANYAR",
    phone="+6285731560002",
    email="siti.maslahah@asn-gresik.example",
    code="GRSK-PGWS",
    story="Pengawas; 2024 result released (JPM 77,8%, Kurang Optimal: just under the 78% "
    "threshold, four gaps); 24 JP this year, target met",
    scores_2024=(2, 2, 1, 2, 2, 1, 1, 1, 2),
)
PELAKSANA = DemoEmployee(
    key="pelaksana",
    nip="199207232019031001",
    name="Moch. Arif Setiawan",
    status=EmployeeStatus.PNS,
    position="Penata Layanan Operasional",
    unit="KEC-SANGKAPURA",
    phone="+6287754560003",
    email=None,
    code="GRSK-PLKS",
    story="Pelaksana on Bawean island; not assessed in 2024; invited to the upcoming session "
    "at Kantor Regional II BKN Surabaya (travel by boat); no JP yet this year",
)
PPPK = DemoEmployee(
    key="pppk",
    nip="199504182022212001",
    name="Nur Laili Rahmawati, S.Pd.",
    status=EmployeeStatus.PPPK,
    position="Guru Ahli Pertama",
    unit="SDN-007",
    phone="+6289634560004",
    email="nurlaili.r@mail.example",
    code="GRSK-PPPK",
    story="PPPK teacher (NI PPPK); not invited this round but can book a seat in the "
    "self-booking CACT program; registered on a course; 6 JP this year",
)
NO_PHONE = DemoEmployee(
    key="tanpa_hp",
    nip="199011052015031001",
    name="Ahmad Fauzi, S.Kep., Ns.",
    status=EmployeeStatus.PNS,
    position="Perawat Ahli Pertama",
    unit="PKM-DUKUN",
    phone=None,
    email="ahmad.fauzi@asn-gresik.example",
    code="GRSK-TNHP",
    story="Nurse with no phone on record: links with NIP + activation code only; first on "
    "the waitlist of the full course; 3 JP this year",
)

DEMO_EMPLOYEES: tuple[DemoEmployee, ...] = (ADMINISTRATOR, PENGAWAS, PELAKSANA, PPPK, NO_PHONE)
