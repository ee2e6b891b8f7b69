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
    "help.heading": "<b>Yang bisa saya bantu</b>",
    "error.generic": "Maaf, terjadi gangguan. Silakan coba lagi beberapa saat lagi.",
    "error.admin_report": "Gangguan pada bot: {name}. Lihat log untuk rinciannya.",
    # import: bot/imports/
    "import.kind.employees": "pegawai",
    "import.kind.sessions": "sesi asesmen",
    "import.kind.participants": "peserta sesi",
    "import.kind.results": "hasil asesmen",
    "import.kind.courses": "kursus Gapura",
    "import.kind.holidays": "hari libur",
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
    "import.stopped_at": (
        "Pembacaan berhenti di baris {row} karena {count} baris kosong berturut-turut. "
        "Jika di bawahnya masih ada data, hapus baris kosong itu lalu impor ulang."
    ),
    "import.rejected": (
        "File ditolak: {count} kesalahan, tidak ada data yang disimpan. "
        "Perbaiki baris berikut lalu impor ulang:"
    ),
    "import.row_error": "Baris {row}, kolom {column}: {reason}",
    "import.more_errors": "... dan {count} lainnya.",
    "import.all_in_file": "Daftar lengkapnya ada di file terlampir.",
    "import.file.sheet": "Kesalahan",
    "import.file.name": "kesalahan",
    "import.file.row": "Baris",
    "import.file.column": "Kolom",
    "import.file.reason": "Keterangan",
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
    "import.unreadable": (
        "File {name} tidak bisa dibaca. Buka di Excel, simpan ulang sebagai .xlsx "
        "atau CSV UTF-8, lalu kirim lagi."
    ),
    "import.unreadable_from_row": (
        "File {name} tidak bisa dibaca mulai baris {row}. Buka di Excel, simpan ulang "
        "sebagai .xlsx, lalu kirim lagi."
    ),
    "import.file_too_big": (
        "File {name} terlalu besar ({size} MB); batasnya {limit} MB. "
        "Bagi menjadi beberapa file lalu kirim satu per satu."
    ),
    "import.unpacked_too_big": (
        "File {name} terlalu besar setelah dibuka ({size} MB); batasnya {limit} MB. "
        "Simpan hanya lembar datanya, atau bagi menjadi beberapa file."
    ),
    "import.packed_too_tight": (
        "File {name} ditolak: isinya dipadatkan {ratio} kali, padahal file Excel biasa "
        "paling banyak {limit} kali. File ini rusak atau sengaja dibuat janggal; "
        "buka di Excel, simpan ulang, lalu kirim lagi."
    ),
    "import.too_many_rows": (
        "File {name} berisi lebih dari {limit} baris data; batasnya {limit} baris "
        "sekali impor. Bagi menjadi beberapa file. Tidak ada data yang disimpan."
    ),
    "import.too_slow": (
        "Impor dihentikan karena lebih lama dari batas {limit} detik. Tidak ada data "
        "yang disimpan. Bagi file menjadi beberapa bagian lalu impor satu per satu."
    ),
    "import.duplicate_header": 'Kolom "{header}" muncul lebih dari sekali di baris judul.',
    "import.missing_header": "Kolom wajib tidak ada di baris judul: {headers}.",
    "import.required": "wajib diisi.",
    "import.too_long": "terlalu panjang ({length} karakter, paling banyak {max}).",
    "import.not_text": "harus berupa teks.",
    "import.unreadable_value": "isinya tidak bisa dibaca.",
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
    "import.capacity_below_taken": "lebih kecil dari {taken} kursi yang sudah terisi.",
    "import.no_standard": (
        "standar kompetensi {code} tidak diketahui (pegawai belum punya jabatan); "
        "isi kolom Standar {code}."
    ),
    # activation codes handed out on paper: bot/codes_export.py (asnbot codes issue)
    "codes.issued": "{count} kode aktivasi dibuat, berlaku sampai {expires}. File per OPD:",
    "codes.private": (
        "File berisi NIP, nama dan kode: hanya akun Anda di komputer ini yang bisa "
        "membukanya. Serahkan ke tiap OPD lewat jalur yang aman, lalu hapus."
    ),
    "codes.no_employees": "Belum ada pegawai: impor data pegawai dulu.",
    "codes.no_employees_in_unit": (
        "Tidak ada pegawai aktif di unit {unit}, atau unit itu tidak ada."
    ),
    "codes.read_failed": "Data pegawai tidak bisa dibaca dari basis data ({reason}).",
    "codes.unchanged": "Tidak ada yang berubah: kode lama tetap berlaku.",
    "codes.out_not_folder": "{folder} bukan folder. Pilih folder lain dengan --out.",
    "codes.out_not_empty": (
        "Folder {folder} sudah berisi file. Pindahkan isinya, atau pilih folder baru dengan --out."
    ),
    "codes.write_failed": "File kode tidak bisa ditulis ke {folder}: {reason}.",
    "codes.reason.permission": "tidak ada izin menulis di sana",
    "codes.reason.read_only": "penyimpanan itu hanya bisa dibaca",
    "codes.reason.disk_full": "ruang penyimpanan penuh",
    "codes.reason.not_folder": "ada file, bukan folder, di jalur itu",
    "codes.save_failed": (
        "Kode baru tidak bisa disimpan ke basis data ({reason}). File di {folder} sudah "
        "dihapus karena kodenya tidak pernah berlaku."
    ),
    "codes.cleanup_failed": (
        "Kode baru tidak bisa disimpan ke basis data ({reason}). Hapus folder {folder}: "
        "kode di dalamnya tidak pernah berlaku."
    ),
    "codes.save_unknown": (
        "Tidak bisa dipastikan apakah kode baru tersimpan ({reason}). File di {folder} "
        "dibiarkan: yang berlaku kode lama atau kode di file itu. Saat basis data bisa "
        "dihubungi, jalankan perintah ini lagi dengan folder --out yang baru, lalu hapus "
        "folder {folder}."
    ),
    # linking: handlers/linking.py, bot/linking.py, handlers/admin.py
    "link.need_consent": "Tekan /start dan setujui penggunaan data terlebih dahulu.",
    "link.need_nip_first": "Ketik NIP Anda dulu (18 angka), lalu lakukan verifikasi.",
    "link.nip_expired": (
        "Waktu verifikasi NIP sudah habis. Ketik NIP Anda lagi (18 angka), lalu lakukan verifikasi."
    ),
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
        "Terlalu banyak percobaan kode aktivasi yang gagal (paling banyak 5 dalam 15 menit). "
        "Coba lagi setelah pukul {until}. Jika nomor HP Anda terdaftar di BKPSDM, Anda tetap "
        "bisa menekan <b>Bagikan nomor HP</b>."
    ),
    "link.locked_contact": (
        "Terlalu banyak percobaan verifikasi nomor HP yang gagal (paling banyak 5 dalam "
        "15 menit). Coba lagi setelah pukul {until}, atau ketik kode aktivasi dari BKPSDM."
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
        "Pesan lama di percakapan ini tetap ada di Telegram Anda: hapus percakapan ini "
        "jika ingin. Ketik /start jika ingin memakai bot lagi."
    ),
    "delete.cancelled": "Dibatalkan. Tidak ada yang berubah.",
    "language.choose": "Pilih bahasa / Choose your language:",
    "language.set": "Bahasa diubah ke Bahasa Indonesia.",
    "command.unknown": "Perintah tidak dikenal. Ketik /bantuan untuk daftar perintah.",
    # private chats only: handlers/private.py
    "private.only": (
        "Perintah ini hanya bisa dipakai di percakapan pribadi dengan bot, agar data Anda "
        "tidak terbaca anggota grup. Buka {link}"
    ),
    "private.open_button": "Buka percakapan pribadi",
    "private.button_alert": "Tombol ini hanya berfungsi di percakapan pribadi dengan bot.",
    "command.stale_button": "Tombol ini sudah tidak berlaku. Ketik /bantuan untuk daftar perintah.",
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
    # results (full /hasil) and Gapura recommendations: handlers/results.py, bot/core/recommend.py
    "results.locked": (
        "<b>{program}</b>\nTanggal penilaian: {date}\n\n"
        "Hasil penilaian bersifat pribadi. Tekan <b>Tampilkan hasil</b> untuk melihatnya."
    ),
    "results.show_button": "Tampilkan hasil",
    "results.not_available": "Hasil ini tidak tersedia.",
    "results.strengths": "<b>Kekuatan</b>\n{text}",
    "results.development_areas": "<b>Area pengembangan</b>\n{text}",
    "results.recommendation": "<b>Rekomendasi pengembangan</b>\n{text}",
    "results.autodelete": "<i>Pesan hasil ini akan dihapus otomatis dalam {minutes} menit.</i>",
    "results.recommend_button": "Rekomendasi Gapura",
    "results.chart_caption": "Standar dan capaian per kompetensi: {program}",
    "results.chart_title": "Level kompetensi: standar dan capaian",
    "results.chart_required": "Standar",
    "results.chart_achieved": "Capaian",
    "results.chart_level": "Level",
    "results.pending": "<b>{program}</b>\nStatus: {status}",
    "results.pending_expected": (
        "Perkiraan rilis hasil: {date}. Tanggal ini hanya perkiraan dan dapat berubah."
    ),
    "results.pending_no_date": "Tanggal rilis hasil belum diumumkan.",
    "results.status.scheduled": "terjadwal",
    "results.status.attended": "sudah mengikuti penilaian, menunggu proses penilaian",
    "results.status.scoring": "sedang dinilai",
    "rec.title": "<b>Rekomendasi Gapura</b> dari kesenjangan kompetensi Anda:",
    "rec.all_met": (
        "<b>Rekomendasi Gapura</b>\nSemua standar kompetensi Anda sudah terpenuhi. "
        "Pelatihan berikut memperkuat kompetensi dengan selisih terkecil dari standar:"
    ),
    "rec.all_met_none": (
        "Semua standar kompetensi Anda sudah terpenuhi, dan saat ini tidak ada pelatihan "
        "Gapura terbuka untuk kompetensi Anda."
    ),
    "rec.none": (
        "Saat ini belum ada pelatihan Gapura terbuka yang menutup kesenjangan kompetensi "
        "Anda. Silakan cek lagi nanti."
    ),
    "rec.item": "{number}. <b>{title}</b> ({jp} JP)\n{reason}",
    "rec.full": "kuota penuh, bisa masuk daftar tunggu",
    "rec.reason.gap": "Menutup kesenjangan terbesar Anda: {competency} ({gap})",
    "rec.reason.gap_other": "Menutup kesenjangan Anda: {competency} ({gap})",
    "rec.reason.gaps": "Menutup {count} kesenjangan Anda, terbesar: {competency} ({gap})",
    "rec.reason.margin": "Memperkuat {competency} (selisih dari standar {gap})",
    # schedule: handlers/schedule.py, bot/core/schedule.py, bot/calendar.py
    "menu.schedule": "Jadwal saya",
    "command.jadwal": "Jadwal penilaian kompetensi saya",
    "schedule.none": "Belum ada jadwal penilaian kompetensi mendatang untuk Anda.",
    "schedule.card.title": "<b>{program}</b>",
    "schedule.card.cancelled": (
        "<b>Sesi ini DIBATALKAN.</b> BKPSDM akan memberi tahu jadwal penggantinya."
    ),
    "schedule.card.when": "Waktu: {start} (selesai {end})",
    "schedule.card.report_by": "Lapor paling lambat: {value}",
    "schedule.card.venue": "Tempat: {value}",
    "schedule.card.online": "Tautan daring: {value}",
    "schedule.card.method": "Metode: {value}",
    "schedule.card.components": "Komponen: {value}",
    "schedule.card.bring": "Yang perlu dibawa: {value}",
    "schedule.card.dress": "Pakaian: {value}",
    "schedule.card.contact": "Narahubung: {value}",
    "schedule.card.status": "Status Anda: <b>{status}</b>",
    "schedule.card.reason": "Alasan Anda: {value}",
    "schedule.status.invited": "diundang",
    "schedule.status.confirmed": "hadir dikonfirmasi",
    "schedule.status.reschedule_requested": "minta jadwal ulang",
    "schedule.status.attended": "hadir",
    "schedule.status.no_show": "tidak hadir",
    "schedule.status.excused": "berhalangan (diizinkan)",
    "schedule.status.cancelled": "sesi dibatalkan",
    "schedule.status.being_scored": "hadir, hasil sedang dinilai",
    "schedule.status.released": "hasil sudah dirilis (lihat /hasil)",
    "schedule.status.unrecorded": "kehadiran belum dicatat",
    "schedule.past.heading": "<b>Penilaian sebelumnya</b>",
    "schedule.past.line": "• {date}: {program}: {status}",
    "schedule.button.yes": "Hadir",
    "schedule.button.no": "Tidak bisa hadir",
    "schedule.button.calendar": "Tambah ke kalender",
    "schedule.button.pick": "Pilih sesi",
    "schedule.button.move": "Pindah sesi",
    "schedule.button.cancel": "Batalkan pesanan",
    "schedule.offer": (
        "<b>{program}</b>\nAnda belum memilih sesi penilaian. Tekan <b>Pilih sesi</b> untuk "
        "melihat sesi yang masih ada kursinya."
    ),
    "schedule.offer_deadline": "Batas memilih: {deadline_date} pukul {deadline}.",
    "schedule.offer_full": (
        "<b>{program}</b>\nAnda belum punya sesi, dan semua sesi yang terbuka untuk Anda sudah "
        "penuh. Hubungi BKPSDM."
    ),
    "schedule.pick.title": "<b>{program}</b>\nSesi yang masih ada kursinya:",
    "schedule.pick.line": "• {when}: {venue} (sisa {free} kursi)",
    "schedule.pick.button": "{date} {time} ({free} kursi)",
    "schedule.pick.none": (
        "Tidak ada sesi lain yang masih ada kursinya untuk Anda. Tidak ada yang berubah."
    ),
    "schedule.booked": "Kursi Anda sudah dipesan.",
    "schedule.moved": "Sesi Anda sudah dipindah.",
    "schedule.booking_cancelled": (
        "Pesanan kursi Anda untuk {program} ({start}) dibatalkan. Ketik /jadwal untuk memilih "
        "sesi lain."
    ),
    "schedule.ask_reason": (
        "Tuliskan dalam satu pesan alasan Anda tidak bisa hadir pada <b>{program}</b>, {start}."
    ),
    "schedule.reason_recorded": (
        "Permintaan jadwal ulang Anda sudah dicatat. BKPSDM akan meninjaunya dan memberi kabar."
    ),
    "schedule.reason_expired": (
        "Waktu untuk menulis alasan sudah habis, jadi pesan ini tidak dicatat dan tidak ada "
        "yang berubah. Tekan lagi <b>Tidak bisa hadir</b> di /jadwal, lalu tulis alasannya."
    ),
    "schedule.not_yours": "Jadwal itu tidak ditemukan di data Anda. Tidak ada yang berubah.",
    "schedule.cannot_answer": (
        "Sesi ini sudah lewat, sudah dibatalkan, atau kehadiran Anda sudah dicatat; jawaban "
        "tidak bisa diubah lagi."
    ),
    "schedule.booking_not_self": (
        "Program ini tidak memakai pemilihan sesi mandiri. Hubungi BKPSDM untuk perubahan jadwal."
    ),
    "schedule.booking_closed": (
        "Batas waktu memilih, memindah, atau membatalkan sesi sudah lewat ({deadline_date} "
        "pukul {deadline}). Tidak ada yang berubah; hubungi BKPSDM jika perlu."
    ),
    "schedule.already_booked": (
        "Anda sudah punya kursi di program ini. Pakai tombol <b>Pindah sesi</b> untuk menggantinya."
    ),
    "schedule.slot_unavailable": (
        "Sesi itu sudah penuh atau tidak tersedia lagi. Tidak ada yang berubah; ketik /jadwal "
        "untuk memilih sesi lain."
    ),
    "schedule.change_too_late": (
        "Sesi ini sudah dimulai atau kehadiran Anda sudah dicatat; pesanan tidak bisa diubah."
    ),
    "schedule.calendar_caption": "Buka file ini untuk menambahkan jadwal ke kalender Anda.",
    "schedule.ics.summary": "Penilaian kompetensi: {program}",
    # gapura and jp: handlers/courses.py, handlers/jp.py
    "menu.gapura": "Gapura",
    "menu.jp": "JP saya",
    "command.gapura": "Pelatihan Gapura yang dibuka",
    "command.jp": "Capaian JP saya tahun ini",
    "gapura.list.title": "<b>Gapura: pelatihan yang dibuka</b>",
    "gapura.list.page": "Halaman {page} dari {pages}",
    "gapura.list.empty": (
        "Belum ada pelatihan Gapura yang dibuka untuk Anda. Silakan cek lagi nanti."
    ),
    "gapura.list.empty_filtered": (
        "Tidak ada pelatihan yang cocok dengan filter ini. Pilih filter lain atau Semua."
    ),
    "gapura.list.item": ("{number}. <b>{title}</b>\n{jp} JP · {mode} · mulai {starts} · {seats}"),
    "gapura.list.seats": "sisa {seats} kursi",
    "gapura.list.full": "penuh, ada daftar tunggu",
    "gapura.list.mine.registered": "✅ Anda terdaftar",
    "gapura.list.mine.waitlisted": "⏳ Anda di daftar tunggu",
    "gapura.list.mine.offered": "🎟 Ada tawaran kursi untuk Anda",
    "gapura.filter.competency": "Filter kompetensi",
    "gapura.filter.mode": "Filter mode",
    "gapura.filter.all": "Semua",
    "gapura.filter.choose_competency": "Pilih kompetensi yang ingin dikembangkan:",
    "gapura.filter.choose_mode": "Pilih mode pelatihan:",
    "gapura.filter.active": "Filter: {filters}",
    "gapura.button.for_me": "Untuk saya",
    "gapura.button.enroll": "Daftar",
    "gapura.button.waitlist": "Gabung daftar tunggu",
    "gapura.button.cancel": "Batal daftar",
    "gapura.button.accept": "Terima tawaran",
    "gapura.button.decline": "Tolak tawaran",
    "gapura.mode.luring": "luring",
    "gapura.mode.daring": "daring",
    "gapura.mode.blended": "blended",
    "gapura.offer.banner": (
        "🎟 <b>Tawaran kursi untuk Anda</b>: {title}. Kursi ditahan sampai "
        "{until_date} {until}; buka detailnya untuk menerima atau menolak."
    ),
    "gapura.offer.button": "🎟 Tawaran: {title}",
    "gapura.unavailable": "Pelatihan ini tidak tersedia untuk Anda.",
    "gapura.rec.no_result": (
        "Hasil penilaian kompetensi Anda belum dirilis, jadi belum ada rekomendasi dari "
        "kesenjangan kompetensi. Berikut pelatihan yang dibuka untuk jabatan {position}:"
    ),
    "gapura.level": " (sampai level {level})",
    "gapura.details": (
        "<b>{title}</b>\n{description}\n\n"
        "Kompetensi sasaran: {competencies}\n"
        "JP: {jp}\n"
        "Tanggal: {starts} – {ends}\n"
        "Mode: {mode}"
    ),
    "gapura.details.venue": "Tempat: {venue}",
    "gapura.details.link": "Tautan: {url}",
    "gapura.details.more": (
        "Penyelenggara: {provider}\n"
        "Sisa kursi: {seats_left} dari {quota}\n"
        "Pendaftaran: {opens_date} {opens} – {closes_date} {closes}\n"
        "Prasyarat: {prerequisites}\n"
        "Kontak: {contact}"
    ),
    "gapura.status.none": "Status saya: belum mendaftar",
    "gapura.status.registered": "Status saya: ✅ terdaftar",
    "gapura.status.waitlisted": "Status saya: ⏳ daftar tunggu, urutan ke-{position}",
    "gapura.status.offered": (
        "Status saya: 🎟 ada kursi untuk Anda, terima sebelum {until_date} {until}"
    ),
    "gapura.status.completed": "Status saya: selesai",
    "gapura.status.withdrawn": "Status saya: pendaftaran dibatalkan",
    "gapura.done.registered": "✅ Anda terdaftar di pelatihan ini.",
    "gapura.done.waitlisted": (
        "⏳ Anda masuk daftar tunggu. Jika ada kursi kosong, kursi ditawarkan kepada Anda "
        "sesuai urutan."
    ),
    "gapura.done.full": ("Maaf, kursi baru saja habis. Anda dapat bergabung dengan daftar tunggu."),
    "gapura.done.already": "Anda sudah tercatat di pelatihan ini.",
    "gapura.done.accepted": "✅ Tawaran diterima: Anda terdaftar di pelatihan ini.",
    "gapura.done.declined": "Tawaran ditolak; kursi diberikan kepada urutan berikutnya.",
    "gapura.done.cancelled": "Pendaftaran Anda dibatalkan.",
    "gapura.done.stale": "Tindakan itu sudah tidak berlaku. Berikut keadaan terbarunya.",
    "jp.mine.summary": (
        "<b>JP saya tahun {year}</b>\nCapaian: {earned} dari {target} JP ({percent})"
    ),
    "jp.mine.remaining": "Kurang: {remaining} JP lagi untuk memenuhi target.",
    "jp.mine.met": "🎉 Target JP tahun ini sudah terpenuhi.",
    "jp.mine.pending": (
        "Pelatihan terdaftar yang belum selesai: {jp} JP (dihitung setelah dinyatakan selesai)."
    ),
    "jp.mine.courses": "<b>Pelatihan terbuka yang dapat menutup kekurangan:</b>",
    "jp.mine.course": "{number}. {title}: {jp} JP",
    "jp.mine.no_courses": "Belum ada pelatihan Gapura terbuka untuk Anda saat ini.",
    # help FAQ: handlers/menu.py
    "help.faq": (
        "<b>Tanya jawab</b>\n"
        "<b>Apa itu JPM?</b> Job Person Match: jumlah level kompetensi yang Anda capai "
        "dibagi jumlah level yang dipersyaratkan jabatan Anda, dalam persen.\n"
        "<b>Apa arti kategorinya?</b> Ditentukan oleh program penilaian; yang umum: "
        "Optimal (JPM 90% ke atas), Cukup Optimal (78% sampai di bawah 90%), "
        "Kurang Optimal (di bawah 78%).\n"
        "<b>Apa yang dihitung sebagai JP?</b> Jam pelajaran pengembangan kompetensi "
        "(1 JP = {minutes} menit): pelatihan, bimtek, seminar, e-learning, coaching, "
        "mentoring yang sudah selesai dan tercatat di BKPSDM. Target PNS paling sedikit "
        "20 JP per tahun."
    ),
    # Operations (issue 8)
    "error.db_unavailable": "Layanan sedang terganggu. Silakan coba lagi beberapa menit lagi.",
    # admin in the chat (issue 7): handlers/admin_*.py
    "command.statistik": "Statistik cakupan, jadwal, pelatihan (admin)",
    "command.impor": "Impor data CSV/XLSX (admin)",
    "command.jadwalulang": "Antrean permintaan jadwal ulang (admin)",
    "command.rilis": "Rilis hasil asesmen (admin)",
    "command.ekspor": "Ekspor XLSX (admin)",
    "command.audit": "Catatan audit terbaru (admin)",
    "command.cek": "Cek tautan akun pegawai: /cek NIP (admin)",
    "command.lepas": "Lepas tautan akun pegawai: /lepas NIP (admin)",
    "admin.import.kinds": (
        "<b>Impor data</b>\nKirim file CSV atau XLSX dengan keterangan /impor JENIS, "
        "atau ketik /impor JENIS lalu kirim filenya. Jenis:"
    ),
    "admin.import.kind_line": "• <code>{kind}</code>: {name}",
    "admin.import.template_button": "Templat {name}",
    "admin.import.send_file": "Kirim file CSV atau XLSX berisi data {kind} sekarang.",
    "admin.import.kind_expired": (
        "Waktu menunggu file impor sudah habis, jadi file ini tidak diimpor. Ketik /impor JENIS "
        "lagi lalu kirim filenya, atau kirim file dengan keterangan /impor JENIS."
    ),
    "admin.queue.empty": "Tidak ada permintaan jadwal ulang yang menunggu.",
    "admin.queue.heading": "<b>Permintaan jadwal ulang</b>: {count} menunggu.",
    "admin.queue.card": (
        "<b>{name}</b> ({unit})\n{program}\nJadwal: {when}, {venue}\nAlasan: {reason}"
    ),
    "admin.queue.approved": (
        "✅ <b>Disetujui</b>: {name} ({unit}) dipindah ke {when}, {venue}.\n"
        "{program}\nAlasan: {reason}"
    ),
    "admin.queue.rejected": (
        "❌ <b>Ditolak</b>: {name} ({unit}) tetap di jadwal {when}, {venue}.\n"
        "{program}\nAlasan: {reason}"
    ),
    "admin.queue.approve": "Setujui",
    "admin.queue.reject": "Tolak",
    "admin.queue.back": "Kembali",
    "admin.queue.more": "Lainnya",
    "admin.queue.remaining": "{count} permintaan lagi.",
    "admin.queue.pick": "Pilih sesi baru (kursi masih tersedia):",
    "admin.queue.choice": "{when}, {venue} (sisa {free})",
    "admin.queue.handled": "Permintaan ini sudah ditangani.",
    "admin.queue.no_free_session": "Tidak ada sesi lain dari program ini yang masih punya kursi.",
    "admin.queue.full": "Sesi itu sudah penuh atau tidak tersedia lagi; pilih sesi lain.",
    "admin.queue.notify_moved": (
        "📅 Permintaan jadwal ulang Anda disetujui.\n<b>{program}</b>\n"
        "Jadwal baru: {when}, {venue}.\nBuka /jadwal untuk mengonfirmasi kehadiran."
    ),
    "admin.queue.notify_rejected": (
        "Permintaan jadwal ulang Anda untuk <b>{program}</b> belum dapat disetujui. "
        "Jadwal tetap: {when}, {venue}. Buka /jadwal untuk menjawab undangan."
    ),
    "admin.release.none": "Tidak ada hasil asesmen yang menunggu dirilis.",
    "admin.release.heading": "<b>Hasil yang belum dirilis</b>",
    "admin.release.line": "• {name} ({year}): {count} hasil",
    "admin.release.button": "Rilis {name}",
    "admin.release.ask": (
        "Rilis {count} hasil <b>{name}</b>? Pegawai yang bersangkutan akan dapat melihat "
        "hasilnya dan diberi tahu."
    ),
    "admin.release.confirm": "Ya, rilis",
    "admin.release.cancel": "Batal",
    "admin.release.cancelled": "Rilis dibatalkan; tidak ada yang berubah.",
    "admin.release.nothing": "Tidak ada hasil program ini yang menunggu dirilis.",
    "admin.release.done": "✅ {count} hasil <b>{name}</b> sudah dirilis.",
    "admin.stats.heading": "<b>Statistik</b>",
    "admin.stats.linked": "Pegawai tertaut: {linked} dari {total} pegawai aktif ({percent}).",
    "admin.stats.coverage": (
        "<b>Cakupan penilaian kompetensi</b>\nSudah dinilai: {assessed} dari {total} ASN "
        "({percent})."
    ),
    "admin.stats.pace": (
        "Laju: sekitar {per_year} ASN per tahun; dengan laju ini semua ASN selesai dinilai "
        "pada {year}."
    ),
    "admin.stats.no_pace": "Belum ada hasil penilaian, sehingga proyeksi belum bisa dihitung.",
    "admin.stats.on_track": ("Target 2-3 tahun (selesai {goal_from}-{goal_by}): ✅ sesuai jalur."),
    "admin.stats.behind": (
        "Target 2-3 tahun (selesai {goal_from}-{goal_by}): ⚠️ tertinggal; perlu laju lebih cepat."
    ),
    "admin.stats.opd_heading": "<b>Cakupan per OPD</b> (terendah dulu)",
    "admin.stats.opd_line": "• {name}: {assessed}/{total} ({percent})",
    "admin.stats.sessions_heading": "<b>Sesi mendatang</b> (hadir / belum menjawab / jadwal ulang)",
    "admin.stats.session_line": (
        "• {date} {code} {program}: {confirmed} / {invited} / {reschedule} (kapasitas {capacity})"
    ),
    "admin.stats.courses_heading": "<b>Pelatihan Gapura</b> (terisi / kuota, daftar tunggu)",
    "admin.stats.course_line": "• {title}: {taken}/{quota} ({percent}), daftar tunggu {waitlisted}",
    "admin.stats.broadcasts_heading": "<b>Pengumuman</b> (dibaca / terkirim)",
    "admin.stats.broadcast_line": "• {date} {text}: {read}/{delivered} ({percent})",
    "admin.stats.none": "belum ada",
    "admin.stats.chart_title": "Cakupan penilaian kompetensi ASN",
    "admin.stats.chart_progress": "Sudah dinilai",
    "admin.stats.chart_projection": "Proyeksi laju saat ini",
    "admin.stats.chart_goal": "Target 2-3 tahun",
    "admin.stats.chart_per_opd": "Per OPD (terendah)",
    "admin.stats.chart_percent": "% ASN",
    "admin.stats.chart_caption": "Cakupan penilaian dan proyeksinya.",
    "admin.export.heading": "<b>Ekspor XLSX</b>: pilih data yang diekspor.",
    "admin.export.menu.s": "Peserta sesi (daftar hadir)",
    "admin.export.menu.c": "Peserta pelatihan",
    "admin.export.menu.b": "Laporan pengumuman",
    "admin.export.menu.jp": "Capaian JP per OPD",
    "admin.export.pick.s": "Pilih sesi:",
    "admin.export.pick.c": "Pilih pelatihan:",
    "admin.export.pick.b": "Pilih pengumuman:",
    "admin.export.nothing": "Belum ada data untuk diekspor.",
    "admin.export.title.s": "Daftar hadir sesi {id}",
    "admin.export.title.c": "Peserta pelatihan {id}",
    "admin.export.title.b": "Laporan pengumuman {id}",
    "admin.export.title.jp": "Capaian JP per OPD {year}",
    "admin.export.col.no": "No",
    "admin.export.col.nip": "NIP",
    "admin.export.col.name": "Nama",
    "admin.export.col.unit": "Unit kerja",
    "admin.export.col.status": "Status",
    "admin.export.col.signature": "Tanda tangan",
    "admin.export.col.registered": "Terdaftar",
    "admin.export.col.completed": "Selesai",
    "admin.export.col.delivered": "Terkirim",
    "admin.export.col.read": "Dibaca",
    "admin.export.col.opd": "OPD",
    "admin.export.col.employees": "Pegawai",
    "admin.export.col.average_jp": "Rata-rata JP",
    "admin.export.col.met": "Memenuhi target",
    "admin.export.col.met_percent": "% memenuhi target",
    "admin.export.status.invited": "diundang",
    "admin.export.status.confirmed": "hadir dikonfirmasi",
    "admin.export.status.reschedule_requested": "minta jadwal ulang",
    "admin.export.status.attended": "hadir",
    "admin.export.status.no_show": "tidak hadir",
    "admin.export.status.excused": "izin",
    "admin.export.status.registered": "terdaftar",
    "admin.export.status.waitlisted": "daftar tunggu",
    "admin.export.status.offered": "ditawari kursi",
    "admin.export.status.completed": "selesai",
    "admin.export.status.withdrawn": "mengundurkan diri",
    "admin.export.status.pending": "menunggu",
    "admin.export.status.delivered": "terkirim",
    "admin.export.status.blocked": "diblokir",
    "admin.export.status.failed": "gagal",
    "admin.audit.none": "Belum ada catatan audit.",
    "admin.audit.heading": "<b>Catatan audit</b> {first}-{last} dari {total} (terbaru dulu)",
    "admin.audit.newer": "« Lebih baru",
    "admin.audit.older": "Lebih lama »",
    # notifications (jobs/render.py) and /pengingat (handlers/reminders.py)
    "notify.reminder.today": "hari ini",
    "notify.reminder.tomorrow": "besok",
    "notify.reminder.days": "{days} hari lagi",
    "notify.reminder": (
        "⏰ <b>Pengingat: penilaian kompetensi {heading}</b>\n"
        "Waktu: {starts_at}\nTempat: {venue}\n{address}"
    ),
    "notify.rsvp": (
        "❔ Anda belum menjawab undangan penilaian kompetensi pada {starts_at} di {venue}. "
        "Mohon jawab <b>Hadir</b> atau <b>Tidak bisa hadir</b>."
    ),
    "notify.change.moved": (
        "❗ <b>Jadwal penilaian kompetensi Anda berubah</b>\n"
        "Sebelumnya: <s>{old_starts_at}, {old_venue}</s>\n"
        "Sekarang: <b>{starts_at}</b>, {venue}\n{address}"
    ),
    "notify.change.cancelled": (
        "❗ <b>Sesi penilaian kompetensi dibatalkan</b>\n"
        "<s>{old_starts_at}, {old_venue}</s>\nJadwal pengganti akan diberitahukan."
    ),
    "notify.result": "📊 Hasil <b>{program}</b> Anda sudah dapat dilihat.",
    "notify.course_open": (
        "🎓 Pendaftaran dibuka: <b>{title}</b>\n{reason}\nPendaftaran ditutup {closes_at}."
    ),
    "notify.course_open.many": (
        "🎓 <b>Pendaftaran dibuka untuk {count} pelatihan</b> yang sesuai dengan kompetensi "
        "Anda:\n{courses}"
    ),
    "notify.course_open.item": "• <b>{title}</b>\n{reason}. Pendaftaran ditutup {closes_at}.",
    "notify.course_tomorrow": "📚 Pelatihan <b>{title}</b> Anda dimulai besok, {starts_on}.",
    "notify.offer": ("🎟 Ada kursi untuk Anda di <b>{title}</b>: terima sebelum {until}."),
    "notify.offer_expired": (
        "Tawaran kursi di <b>{title}</b> berakhir pada {until}; kursi diberikan kepada "
        "urutan berikutnya."
    ),
    "notify.jp_behind": (
        "📈 JP Anda tahun {year} baru {earned} dari target {target} JP. "
        "Pelatihan Gapura dapat membantu memenuhinya."
    ),
    "notify.late": "⌛ <i>Terlambat: seharusnya terkirim {due}.</i>",
    "notify.button.schedule": "Lihat jadwal",
    "notify.button.answer": "Jawab sekarang",
    "notify.button.ack": "Sudah dibaca",
    "notify.button.results": "Lihat hasil",
    "notify.button.course": "Lihat pelatihan",
    "notify.button.accept": "Lihat dan terima",
    "notify.button.jp": "Lihat JP saya",
    "notify.acked": "✅ Sudah dibaca",
    "notify.admin.stale": (
        "Pengingat: {count} notifikasi tidak dikirim karena acaranya sudah lewat "
        "(bot sempat tidak berjalan)."
    ),
    "reminders.title": (
        "<b>Pengingat</b>\nTekan untuk menyalakan atau mematikan. Pemberitahuan perubahan "
        "jadwal, tawaran kursi, dan pengumuman selalu dikirim. Tidak ada pesan pada pukul "
        "{quiet_start}-{quiet_end}."
    ),
    "reminders.on": "✅ {name}",
    "reminders.off": "🔕 {name}",
    "reminders.kind.session_reminder": "Pengingat sesi penilaian",
    "reminders.kind.rsvp_nudge": "Belum menjawab undangan",
    "reminders.kind.result_released": "Hasil penilaian terbit",
    "reminders.kind.course_open": "Pelatihan untuk kompetensi saya",
    "reminders.kind.course_tomorrow": "Pelatihan saya dimulai besok",
    "reminders.kind.jp_behind": "JP tertinggal dari target",
    "command.pengingat": "Atur pengingat",
    # admin announcements, /umumkan (handlers/admin_broadcast.py)
    "command.umumkan": "Kirim pengumuman (admin)",
    "broadcast.ask_text": (
        "📣 <b>Pengumuman baru</b>\nKetik teks pengumuman. Format HTML Telegram boleh dipakai "
        '(&lt;b&gt;, &lt;i&gt;, &lt;a href="..."&gt;...), maksimal 4096 karakter. Untuk '
        "melampirkan dokumen atau foto, kirim berkasnya dengan teks sebagai keterangan "
        "(maksimal 1024 karakter)."
    ),
    "broadcast.ask_attachment": (
        "Kirim dokumen atau foto untuk dilampirkan, atau tekan <b>Tanpa lampiran</b>."
    ),
    "broadcast.ask_audience": "Kepada siapa pengumuman ini dikirim?",
    "broadcast.ask_nip_file": (
        "Kirim berkas CSV atau XLSX berisi NIP penerima (kolom berjudul NIP, atau kolom pertama)."
    ),
    "broadcast.audience.all": "Semua yang tertaut",
    "broadcast.audience.opd": "OPD",
    "broadcast.audience.pos": "Jenis jabatan",
    "broadcast.audience.prog": "Peserta program",
    "broadcast.audience.ses": "Peserta sesi",
    "broadcast.audience.crs": "Peserta pelatihan",
    "broadcast.audience.jp": "Tertinggal JP",
    "broadcast.audience.nip": "Daftar NIP (berkas)",
    "broadcast.pick.opd": "Pilih OPD (termasuk unit di bawahnya):",
    "broadcast.pick.pos": "Pilih jenis jabatan:",
    "broadcast.pick.prog": "Pilih program penilaian:",
    "broadcast.pick.ses": "Pilih sesi penilaian:",
    "broadcast.pick.crs": "Pilih pelatihan:",
    "broadcast.pick.empty": "Belum ada pilihan untuk penerima ini.",
    "broadcast.button.cancel": "Batal",
    "broadcast.button.no_attachment": "Tanpa lampiran",
    "broadcast.button.previous": "◀ Sebelumnya",
    "broadcast.button.next": "Berikutnya ▶",
    "broadcast.button.back": "Kembali",
    "broadcast.button.ack_on": "Minta tombol Sudah dibaca",
    "broadcast.button.ack_off": "Tanpa tombol Sudah dibaca",
    "broadcast.button.send": "Kirim ke {count} orang",
    "broadcast.button.audience": "Ubah penerima",
    "broadcast.button.pause": "Jeda",
    "broadcast.button.resume": "Lanjutkan",
    "broadcast.button.stop": "Batalkan",
    "broadcast.preview_heading": (
        "Pratinjau untuk <b>{count}</b> penerima. Pesan berikut persis seperti yang akan "
        "mereka terima:"
    ),
    "broadcast.ack_on": "dengan tombol Sudah dibaca",
    "broadcast.ack_off": "tanpa tombol Sudah dibaca",
    "broadcast.confirm": (
        "Penerima: {audience}\nJumlah: <b>{count}</b> orang, {ack}.\nKirim sekarang?"
    ),
    "broadcast.queued": "✅ Pengumuman #{id} masuk antrean untuk {count} penerima.",
    "broadcast.cancelled_draft": "Pengumuman dibatalkan. Tidak ada yang dikirim.",
    "broadcast.no_draft": "Draf pengumuman ini sudah tidak ada. Mulai lagi dengan /umumkan.",
    "broadcast.draft_expired": (
        "Draf pengumuman ini sudah kedaluwarsa dan tidak dikirim. Mulai lagi dengan /umumkan."
    ),
    "broadcast.gone": "Pilihan ini sudah tidak ada.",
    "broadcast.progress.sending": "📣 <b>Pengumuman #{id}</b>: sedang dikirim",
    "broadcast.progress.paused": "⏸ <b>Pengumuman #{id}</b>: dijeda",
    "broadcast.progress.cancelled": "⛔ <b>Pengumuman #{id}</b>: dibatalkan",
    "broadcast.progress.done": "✅ <b>Pengumuman #{id}</b>: selesai",
    "broadcast.progress.draft": "📝 <b>Pengumuman #{id}</b>: draf",
    "broadcast.progress.counts": "{delivered}/{total} terkirim, {blocked} diblokir, {failed} gagal",
    "broadcast.progress.read": "{read} sudah dibaca ({percent} dari yang terkirim)",
    "broadcast.report": (
        "✅ <b>Pengumuman #{id} selesai dikirim</b> ke {total} penerima:\n"
        "• {delivered} terkirim\n• {blocked} diblokir (memblokir bot)\n• {failed} gagal"
    ),
    "broadcast.report_read": "Jumlah yang sudah membaca terus diperbarui pada pesan progres.",
    "broadcast.paused": "Pengiriman dijeda.",
    "broadcast.resumed": "Pengiriman dilanjutkan.",
    "broadcast.cancelled": "Pengiriman dibatalkan; sisa penerima tidak akan menerimanya.",
    "broadcast.unchanged": "Status pengumuman ini sudah berubah.",
    "broadcast.preview_only": "Ini hanya pratinjau.",
    "broadcast.read_again": "Sudah tercatat dibaca.",
    "broadcast.nip_unknown": "⚠️ {count} NIP tidak dikenal (baris: NIP):\n{rows}",
    "broadcast.nip_as_number": "tersimpan sebagai angka (format kolom NIP sebagai Teks)",
    "broadcast.nip_more": "... dan {count} lainnya.",
    "broadcast.html.stray_lt": (
        "Teks tidak dapat dikirim: tanda &lt; pada karakter ke-{position} bukan tag yang "
        "dikenal Telegram. Tulis &amp;lt; untuk tanda &lt;. Kirim teksnya lagi."
    ),
    "broadcast.html.unknown_tag": (
        "Teks tidak dapat dikirim: tag &lt;{tag}&gt; tidak didukung Telegram. Kirim teksnya lagi."
    ),
    "broadcast.html.unbalanced": (
        "Teks tidak dapat dikirim: tag penutup &lt;/{tag}&gt; tidak cocok dengan tag "
        "pembukanya. Kirim teksnya lagi."
    ),
    "broadcast.html.unclosed": (
        "Teks tidak dapat dikirim: tag &lt;{tag}&gt; tidak ditutup. Kirim teksnya lagi."
    ),
    "broadcast.html.link": (
        "Teks tidak dapat dikirim: tulis tautan sebagai "
        '&lt;a href="https://..."&gt;teks&lt;/a&gt;. '
        "Kirim teksnya lagi."
    ),
    "broadcast.html.empty": "Teks pengumuman kosong. Kirim teksnya lagi.",
    "broadcast.too_long": (
        "Teks terlalu panjang: {length} karakter, maksimal {limit}. Kirim teks yang lebih pendek."
    ),
    "broadcast.too_long_caption": (
        "Teks terlalu panjang untuk keterangan lampiran: {length} karakter, maksimal {limit}. "
        "Kirim teks yang lebih pendek dengan /umumkan, atau kirim tanpa lampiran."
    ),
}
