"""Bahasa Indonesia: the first language of every message."""

TEXTS: dict[str, str] = {
    # nip: bot/core/nip.py
    "nip.invalid_character": (
        "NIP hanya boleh berisi angka (boleh dipisah spasi, titik, atau tanda hubung). "
        "Karakter \"{char}\" di posisi {position} bukan angka."
    ),
    "nip.wrong_length": "NIP harus {expected} angka; yang Anda ketik {count} angka.",
    "nip.birth_year_too_early": (
        "Angka 1-4 NIP adalah tahun lahir; tahun {year} tidak mungkin "
        "(paling awal {min_year})."
    ),
    "nip.birth_month_invalid": (
        "Angka 5-6 NIP adalah bulan lahir; bulan {month} tidak ada (harus 01-12)."
    ),
    "nip.birth_day_invalid": (
        "Angka 7-8 NIP adalah tanggal lahir; tanggal {day} tidak ada pada bulan "
        "{month}/{year} (harus 01-{days_in_month})."
    ),
    "nip.birth_too_recent": (
        "Angka 1-8 NIP adalah tanggal lahir; lahir tahun {year} berarti belum berumur "
        "{min_age} tahun. Periksa kembali tahun lahirnya."
    ),
    "nip.appointment_code_invalid": (
        "Angka 13-14 NIP harus bulan pengangkatan 01-12 (PNS) atau angka {pppk_min} "
        "ke atas (PPPK); yang tertulis {code}."
    ),
    "nip.gender_digit_invalid": (
        "Angka ke-15 NIP adalah jenis kelamin: 1 (laki-laki) atau 2 (perempuan); "
        "yang tertulis {digit}."
    ),
    "nip.sequence_zero": "Angka 16-18 NIP adalah nomor urut dan tidak boleh 000.",
    "nip.warning.appointed_before_18": (
        "Menurut NIP ini, pengangkatan pertama ({appointment}) terjadi sebelum umur "
        "{min_age} tahun. Mohon periksa kembali NIP Anda."
    ),
    "nip.warning.appointment_in_future": (
        "Menurut NIP ini, pengangkatan pertama ({appointment}) belum terjadi. "
        "Mohon periksa kembali NIP Anda."
    ),
    "nip.kind.PNS": "PNS",
    "nip.kind.PPPK": "PPPK",
    "nip.gender.L": "Laki-laki",
    "nip.gender.P": "Perempuan",
    # jpm: bot/core/jpm.py
    "jpm.no_scores": "Belum ada nilai kompetensi untuk menghitung JPM.",
    "jpm.required_level_out_of_range": (
        "Level standar kompetensi {code} harus {min}-{max}; yang tercatat {level}."
    ),
    "jpm.achieved_level_out_of_range": (
        "Level capaian kompetensi {code} harus {min}-{max}; yang tercatat {level}."
    ),
    "jpm.duplicate_competency": "Kompetensi {code} tercatat lebih dari sekali.",
    "jpm.thresholds_empty": "Kategori JPM belum diatur.",
    "jpm.thresholds_no_zero": (
        "Salah satu kategori JPM harus mulai dari 0, agar setiap nilai punya kategori."
    ),
    "jpm.thresholds_duplicate": (
        "Kategori JPM \"{first}\" dan \"{second}\" memakai batas yang sama ({percent}%)."
    ),
    "jpm.threshold_invalid": (
        "Batas kategori JPM \"{name}\" harus angka 0-100; yang tercatat {value}."
    ),
    # jp: bot/core/jp.py
    "jp.negative_hours": "Jumlah JP tidak boleh negatif ({value}).",
    "jp.negative_minutes": "Durasi pelatihan tidak boleh negatif ({minutes} menit).",
    "jp.invalid_minutes_per_jp": (
        "Panjang 1 JP harus lebih dari 0 menit; yang diatur {minutes_per_jp}."
    ),
    # start and consent: handlers/start.py
    "start.welcome": (
        "Selamat datang di <b>Layanan ASN BKPSDM</b>.\n"
        "Di sini Anda dapat melihat jadwal dan hasil penilaian kompetensi, "
        "menemukan pelatihan Gapura yang sesuai, dan memantau capaian JP Anda."
    ),
    "start.consent": (
        "<b>Persetujuan penggunaan data</b>\n"
        "Untuk menampilkan data kepegawaian Anda di Telegram (jadwal, hasil penilaian, "
        "pelatihan, JP), bot ini menautkan akun Telegram Anda dengan NIP Anda setelah "
        "verifikasi. Data hanya ditampilkan kepada Anda sendiri dan disimpan selama akun "
        "tertaut. Anda dapat mencabut persetujuan kapan saja dengan /hapus "
        "(berlaku seketika). Lihat /privasi untuk rinciannya."
    ),
    "start.agree_button": "Setuju",
    "start.consent_recorded": "Terima kasih, persetujuan Anda sudah dicatat.",
    "start.next_step": "Langkah berikutnya: ketik NIP Anda (18 angka) untuk menautkan akun.",
    "help.text": (
        "<b>Yang bisa saya bantu</b>\n"
        "/start: mulai dan tautkan akun\n"
        "/bantuan: bantuan ini"
    ),
    "error.generic": "Maaf, terjadi gangguan. Silakan coba lagi beberapa saat lagi.",
    "error.admin_report": "Gangguan pada bot: {name}. Lihat log untuk rinciannya.",
}
