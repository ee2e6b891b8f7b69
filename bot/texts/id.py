"""Bahasa Indonesia: the first language of every message."""

TEXTS: dict[str, str] = {
    # nip: bot/core/nip.py
    "nip.invalid_character": (
        "NIP hanya boleh berisi angka (boleh dipisah spasi, titik, atau tanda hubung). "
        'Karakter "{char}" di posisi {position} bukan angka.'
    ),
    "nip.wrong_length": "NIP harus {expected} angka; yang Anda ketik {count} angka.",
    "nip.birth_year_too_early": (
        "Angka 1-4 NIP adalah tahun lahir; tahun {year} tidak mungkin (paling awal {min_year})."
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
        'Kategori JPM "{first}" dan "{second}" memakai batas yang sama ({percent}%).'
    ),
    "jpm.threshold_invalid": (
        'Batas kategori JPM "{name}" harus angka 0-100; yang tercatat {value}.'
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
        "/profil: data Anda di bot ini\n"
        "/privasi: pemberitahuan privasi\n"
        "/bahasa: ganti bahasa (Indonesia/English)\n"
        "/putus: lepas tautan akun\n"
        "/hapus: cabut persetujuan dan hapus data di bot\n"
        "/bantuan: bantuan ini"
    ),
    "error.generic": "Maaf, terjadi gangguan. Silakan coba lagi beberapa saat lagi.",
    "error.admin_report": "Gangguan pada bot: {name}. Lihat log untuk rinciannya.",
    # import: bot/imports/
    "import.kind.employees": "pegawai",
    "import.kind.sessions": "sesi asesmen",
    "import.kind.participants": "peserta sesi",
    "import.kind.results": "hasil asesmen",
    "import.kind.courses": "kursus Gapura",
    "import.summary": (
        "Impor {kind} selesai: {rows} baris dibaca, {created} baru, {updated} diperbarui, "
        "{unchanged} tidak berubah."
    ),
    "import.detail.units_created": "Unit kerja baru: {count}.",
    "import.detail.units_updated": "Unit kerja diperbarui: {count}.",
    "import.detail.positions_created": "Jabatan baru: {count}.",
    "import.detail.programs_created": "Program asesmen baru: {count}.",
    "import.detail.programs_updated": "Program asesmen diperbarui: {count}.",
    "import.warnings": "{count} peringatan (baris tetap diimpor, mohon diperiksa):",
    "import.rejected": (
        "File ditolak: {count} kesalahan, tidak ada data yang disimpan. "
        "Perbaiki baris berikut lalu impor ulang:"
    ),
    "import.row_error": "Baris {row}, kolom {column}: {reason}",
    "import.more_errors": "... dan {count} lainnya.",
    "import.unknown_kind": 'Jenis impor "{kind}" tidak dikenal; pilih salah satu: {kinds}.',
    "import.unknown_extension": (
        "File {name} tidak bisa diimpor: hanya .csv dan .xlsx yang diterima "
        "(file .xls lama: simpan ulang sebagai .xlsx)."
    ),
    "import.file_missing": "File {name} tidak ditemukan.",
    "import.not_utf8": (
        'File {name} bukan teks UTF-8. Di Excel pilih Simpan Sebagai "CSV UTF-8", '
        "atau kirim sebagai .xlsx."
    ),
    "import.empty_file": "File {name} kosong: baris 1 harus berisi judul kolom.",
    "import.unreadable": "File {name} tidak bisa dibaca ({detail}).",
    "import.duplicate_header": 'Kolom "{header}" muncul lebih dari sekali di baris judul.',
    "import.missing_header": "Kolom wajib tidak ada di baris judul: {headers}.",
    "import.required": "wajib diisi.",
    "import.too_long": "terlalu panjang ({length} karakter, paling banyak {max}).",
    "import.not_text": "harus berupa teks.",
    "import.nip_as_number": (
        "NIP tersimpan sebagai angka sehingga Excel membulatkannya; format kolom NIP "
        "sebagai Teks lalu ketik ulang."
    ),
    "import.not_integer": '"{value}" bukan bilangan bulat.',
    "import.not_number": '"{value}" bukan angka.',
    "import.out_of_range": "{value} di luar batas ({min} sampai {max}).",
    "import.not_one_of": '"{value}" tidak dikenal; pilih salah satu: {expected}.',
    "import.bad_phone": (
        "bukan nomor HP Indonesia yang wajar (contoh 0812-3456-7890 atau +6281234567890)."
    ),
    "import.bad_email": '"{value}" bukan alamat email yang sah.',
    "import.bad_url": '"{value}" bukan tautan yang sah (harus diawali https://).',
    "import.bad_date": '"{value}" bukan tanggal (contoh 2025-05-05 atau 05/05/2025).',
    "import.bad_datetime": (
        '"{value}" bukan tanggal dan jam (contoh 2025-05-05 08:00 atau 05/05/2025 08:00).'
    ),
    "import.time_missing": '"{value}" tidak memuat jam (contoh 2025-05-05 08:00).',
    "import.bad_competency_list": (
        '"{value}" bukan kode kompetensi (contoh M.01 atau M.03:3), atau tertulis dua kali.'
    ),
    "import.nip_kind_mismatch": "NIP ini nomor {nip_kind}, tetapi Status tertulis {status}.",
    "import.unit_own_parent": "unit {code} tidak bisa menjadi induk dirinya sendiri.",
    "import.end_before_start": "harus sesudah {start}.",
    "import.report_after_start": "batas lapor tidak boleh sesudah waktu Mulai.",
    "import.coordinates_pair": "Lintang dan Bujur harus diisi keduanya atau dikosongkan keduanya.",
    "import.no_scores": "tidak ada nilai kompetensi sama sekali di baris ini.",
    "import.date_in_future": "tanggal asesmen belum terjadi.",
    "import.venue_needed": "wajib diisi untuk moda {mode}.",
    "import.link_needed": "wajib diisi untuk moda {mode}.",
    "import.duplicate": "sudah ada di baris {first} file ini.",
    "import.unit_conflict": "berbeda dengan baris {first} untuk unit {code}.",
    "import.program_conflict": "berbeda dengan baris {first} untuk program {code}.",
    "import.unknown_unit": "unit {code} tidak ada di basis data maupun di file ini.",
    "import.unknown_session": "sesi {code} tidak ada; impor sesinya dulu.",
    "import.unknown_employee": "pegawai dengan NIP ini tidak ada; impor pegawainya dulu.",
    "import.unknown_program": "program {code} tidak ada; impor sesinya dulu.",
    "import.session_full": "sesi {code} sudah penuh (kapasitas {capacity}).",
    "import.unknown_competency": "kompetensi {code} tidak dikenal.",
    "import.standard_without_scores": "ada kolom {code} tetapi tidak ada kolom nilainya.",
    "import.no_competency_columns": (
        "tidak ada kolom kompetensi (M.01 ... M.08, SK.01) di baris judul."
    ),
    "import.no_standard": (
        "standar kompetensi {code} tidak diketahui (pegawai belum punya jabatan); "
        "isi kolom Standar {code}."
    ),
    # linking: handlers/linking.py, bot/linking.py, handlers/admin.py
    "link.need_consent": "Tekan /start dan setujui penggunaan data terlebih dahulu.",
    "link.need_nip_first": "Ketik NIP Anda dulu (18 angka), lalu lakukan verifikasi.",
    "link.code_received": (
        "Kode aktivasi diterima. Ketik NIP Anda (18 angka) untuk menyelesaikan penautan."
    ),
    "link.nip_received": (
        "NIP {masked} diterima.\n\n"
        "Sekarang buktikan bahwa ini memang Anda, dengan salah satu cara:\n"
        "• tekan tombol <b>Bagikan nomor HP</b> di bawah (nomor HP Telegram Anda harus sama "
        "dengan yang tercatat di BKPSDM), atau\n"
        "• ketik <b>kode aktivasi</b> dari BKPSDM (contoh: ABCD-EFGH)."
    ),
    "link.nip_warning": "Perhatian: {warning} Jika NIP keliru, ketik ulang NIP yang benar.",
    "link.share_button": "Bagikan nomor HP",
    "link.not_own_contact": (
        "Kontak yang Anda bagikan bukan nomor Anda sendiri. Tekan tombol "
        "<b>Bagikan nomor HP</b> untuk membagikan nomor Anda."
    ),
    "link.phone_mismatch": (
        "Verifikasi gagal: nomor HP Telegram Anda tidak cocok dengan data BKPSDM untuk NIP "
        "tersebut. Periksa NIP Anda, gunakan kode aktivasi, atau hubungi BKPSDM untuk "
        "memperbarui nomor HP."
    ),
    "link.code_mismatch": "Kode aktivasi tidak cocok dengan NIP tersebut. Periksa kode dan NIP.",
    "link.code_used": "Kode aktivasi ini sudah pernah dipakai. Minta kode baru ke BKPSDM.",
    "link.code_expired": (
        "Kode aktivasi ini sudah kedaluwarsa sejak {expired_at_date}. Minta kode baru ke BKPSDM."
    ),
    "link.locked": (
        "Terlalu banyak percobaan yang gagal (paling banyak 5 dalam 15 menit). "
        "Coba lagi setelah pukul {until}."
    ),
    "link.already_linked_elsewhere": (
        "NIP ini sudah tertaut ke akun Telegram lain. Jika itu bukan Anda, hubungi BKPSDM "
        "untuk melepas tautannya."
    ),
    "link.success": (
        "Akun Anda berhasil ditautkan.\n<b>{name}</b>\nNIP {masked}\n{unit}\n\n"
        "Ketik /bantuan untuk melihat apa yang bisa dilakukan."
    ),
    "link.already_linked_self": (
        "Akun Anda sudah tertaut sebagai <b>{name}</b>. Ketik /profil untuk melihat datanya "
        "atau /bantuan untuk daftar perintah."
    ),
    "link.not_linked": (
        "Akun Telegram Anda belum tertaut ke data kepegawaian, jadi data ini belum bisa "
        "ditampilkan."
    ),
    "link.link_button": "Tautkan akun",
    "link.method.contact": "nomor HP Telegram",
    "link.method.code": "kode aktivasi",
    "link.method.email": "kode lewat email",
    "menu.hint": "Ketik /bantuan untuk melihat perintah yang tersedia.",
    "profile.text": (
        "<b>Data Anda di bot ini</b>\n"
        "Nama: {name}\nNIP: {masked}\nUnit kerja: {unit}\nJabatan: {position}\n"
        "Tertaut sejak: {linked} (verifikasi: {method})\n"
        "Persetujuan penggunaan data: {consented}\n\n"
        "/putus melepas tautan akun. /hapus mencabut persetujuan dan menghapus data Anda "
        "di bot ini."
    ),
    "privacy.text": (
        "<b>Pemberitahuan privasi</b>\n"
        "Pengendali data: BKPSDM. Dasar: persetujuan Anda (UU No. 27 Tahun 2022).\n\n"
        "<b>Yang ditampilkan</b>: jadwal dan hasil penilaian kompetensi Anda, pelatihan "
        "Gapura, dan capaian JP, hanya kepada Anda sendiri.\n"
        "<b>Yang disimpan di bot</b>: ID Telegram Anda, tautan ke NIP Anda, bahasa, "
        "pengaturan pengingat, dan catatan persetujuan. Setiap kali hasil Anda dilihat, "
        "hal itu dicatat.\n"
        "<b>Berapa lama</b>: selama akun tertaut.\n"
        "<b>Hak Anda</b>: melihat data (/profil), melepas tautan (/putus), mencabut "
        "persetujuan dan menghapus data di bot (/hapus, berlaku seketika). Untuk koreksi "
        "data kepegawaian, hubungi BKPSDM."
    ),
    "unlink.done": (
        "Tautan akun dilepas. Data kepegawaian Anda tidak lagi ditampilkan di sini. "
        "Ketik NIP Anda jika ingin menautkan lagi."
    ),
    "unlink.not_linked": "Akun Telegram Anda tidak sedang tertaut.",
    "delete.confirm": (
        "Cabut persetujuan dan hapus tautan serta data Anda di bot ini? "
        "Data kepegawaian Anda tetap tersimpan di BKPSDM."
    ),
    "delete.yes_button": "Ya, hapus",
    "delete.no_button": "Batal",
    "delete.done": (
        "Persetujuan dicabut dan data Anda di bot ini sudah dihapus. Terima kasih. "
        "Ketik /start jika ingin memakai bot lagi."
    ),
    "delete.cancelled": "Dibatalkan. Tidak ada yang berubah.",
    "language.choose": "Pilih bahasa / Choose your language:",
    "language.set": "Bahasa diubah ke Bahasa Indonesia.",
    "command.unknown": "Perintah tidak dikenal. Ketik /bantuan untuk daftar perintah.",
    "admin.status_usage": "Pakai: /cek NIP",
    "admin.unlink_usage": "Pakai: /lepas NIP",
    "admin.nip_unknown": "NIP {masked} tidak terdaftar di data kepegawaian.",
    "admin.not_linked": "{name} (NIP {masked}) belum menautkan akun Telegram.",
    "admin.linked": (
        "{name} (NIP {masked}) tertaut sejak {since_date} pukul {since} (verifikasi: {method})."
    ),
    "admin.unlinked": "Tautan akun Telegram {name} (NIP {masked}) sudah dilepas.",
    # results: handlers/results.py
    "results.none": (
        "Belum ada hasil penilaian yang dirilis untuk Anda. Hasil biasanya dirilis beberapa "
        "minggu sampai beberapa bulan setelah penilaian."
    ),
    "results.heading": "<b>{program}</b>\nTanggal penilaian: {date}",
    "results.jpm": "JPM: <b>{jpm}</b> ({category})",
    "results.competencies": "<b>Per kompetensi</b> (standar → capaian, selisih):",
    "results.competency_line": "• {name}: {required} → {achieved} ({gap})",
    # menu: handlers/menu.py
    "menu.title": "<b>Menu utama</b>\nPilih yang ingin Anda lihat:",
    "menu.results": "Hasil saya",
    "menu.profile": "Profil",
    "command.start": "Mulai dan tautkan akun",
    "command.menu": "Menu utama",
    "command.hasil": "Hasil penilaian kompetensi saya",
    "command.profil": "Data saya di bot ini",
    "command.bahasa": "Ganti bahasa",
    "command.privasi": "Pemberitahuan privasi",
    "command.putus": "Lepas tautan akun",
    "command.hapus": "Cabut persetujuan dan hapus data",
    "command.bantuan": "Bantuan",
}
