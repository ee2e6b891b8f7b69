"""English: the second language of every message."""

TEXTS: dict[str, str] = {
    # nip: bot/core/nip.py
    "nip.invalid_character": (
        "A NIP may contain only digits (spaces, dots and dashes may separate them). "
        'The character "{char}" at position {position} is not a digit.'
    ),
    "nip.wrong_length": "A NIP has {expected} digits; you typed {count}.",
    "nip.birth_year_too_early": (
        "Digits 1-4 of a NIP are the birth year; {year} is not possible (earliest {min_year})."
    ),
    "nip.birth_month_invalid": (
        "Digits 5-6 of a NIP are the birth month; month {month} does not exist (01-12)."
    ),
    "nip.birth_day_invalid": (
        "Digits 7-8 of a NIP are the birth day; day {day} does not exist in "
        "{month}/{year} (01-{days_in_month})."
    ),
    "nip.birth_too_recent": (
        "Digits 1-8 of a NIP are the birth date; born in {year} means younger than "
        "{min_age}. Please check the birth year."
    ),
    "nip.appointment_code_invalid": (
        "Digits 13-14 of a NIP must be the appointment month 01-12 (PNS) or "
        "{pppk_min} or more (PPPK); they are {code}."
    ),
    "nip.gender_digit_invalid": (
        "Digit 15 of a NIP is the gender: 1 (male) or 2 (female); it is {digit}."
    ),
    "nip.sequence_zero": "Digits 16-18 of a NIP are a sequence number and cannot be 000.",
    "nip.warning.appointed_before_18": (
        "According to this NIP, the first appointment ({appointment}) came before age "
        "{min_age}. Please check your NIP."
    ),
    "nip.warning.appointment_in_future": (
        "According to this NIP, the first appointment ({appointment}) has not happened "
        "yet. Please check your NIP."
    ),
    "nip.kind.PNS": "civil servant (PNS)",
    "nip.kind.PPPK": "contract employee (PPPK)",
    "nip.gender.L": "Male",
    "nip.gender.P": "Female",
    # jpm: bot/core/jpm.py
    "jpm.no_scores": "There are no competency scores to compute the JPM from.",
    "jpm.required_level_out_of_range": (
        "The required level of competency {code} must be {min}-{max}; it is {level}."
    ),
    "jpm.achieved_level_out_of_range": (
        "The achieved level of competency {code} must be {min}-{max}; it is {level}."
    ),
    "jpm.duplicate_competency": "Competency {code} is recorded more than once.",
    "jpm.thresholds_empty": "No JPM categories are set.",
    "jpm.thresholds_no_zero": (
        "One JPM category must start at 0, so that every score has a category."
    ),
    "jpm.thresholds_duplicate": (
        'JPM categories "{first}" and "{second}" use the same threshold ({percent}%).'
    ),
    "jpm.threshold_invalid": (
        'The threshold of JPM category "{name}" must be a number 0-100; it is {value}.'
    ),
    # jp: bot/core/jp.py
    "jp.negative_hours": "JP cannot be negative ({value}).",
    "jp.negative_minutes": "A training's duration cannot be negative ({minutes} minutes).",
    "jp.invalid_minutes_per_jp": (
        "One JP must last more than 0 minutes; it is set to {minutes_per_jp}."
    ),
    # start and consent: handlers/start.py
    "start.welcome": (
        "Welcome to the <b>BKPSDM ASN service</b>.\n"
        "Here you can see your competency assessment schedule and results, "
        "find Gapura courses that fit you, and follow your JP (training hours)."
    ),
    "start.consent": (
        "<b>Consent to use your data</b>\n"
        "To show your HR data in Telegram (schedule, assessment results, courses, JP), "
        "this bot links your Telegram account to your NIP after verification. The data is "
        "shown to you alone and kept while the account is linked. You can withdraw consent "
        "at any time with /hapus (effective at once). See /privasi for details."
    ),
    "start.agree_button": "I agree",
    "start.consent_recorded": "Thank you, your consent has been recorded.",
    "start.next_step": "Next step: type your NIP (18 digits) to link your account.",
    "help.text": (
        "<b>What I can do</b>\n"
        "/start: start and link your account\n"
        "/profil: your data in this bot\n"
        "/privasi: privacy notice\n"
        "/bahasa: change language (Indonesia/English)\n"
        "/putus: unlink your account\n"
        "/hapus: withdraw consent and delete your data in the bot\n"
        "/help: this help"
    ),
    "error.generic": "Sorry, something went wrong. Please try again in a moment.",
    "error.admin_report": "The bot hit an error: {name}. See the log for details.",
    # import: bot/imports/
    "import.kind.employees": "employees",
    "import.kind.sessions": "assessment sessions",
    "import.kind.participants": "session participants",
    "import.kind.results": "assessment results",
    "import.kind.courses": "Gapura courses",
    "import.summary": (
        "Import of {kind} done: {rows} rows read, {created} created, {updated} updated, "
        "{unchanged} unchanged."
    ),
    "import.detail.units_created": "New units: {count}.",
    "import.detail.units_updated": "Units updated: {count}.",
    "import.detail.positions_created": "New positions: {count}.",
    "import.detail.programs_created": "New assessment programs: {count}.",
    "import.detail.programs_updated": "Assessment programs updated: {count}.",
    "import.warnings": "{count} warnings (the rows were imported; please check them):",
    "import.rejected": (
        "File rejected: {count} errors, nothing was saved. Fix these rows and import again:"
    ),
    "import.row_error": "Row {row}, column {column}: {reason}",
    "import.more_errors": "... and {count} more.",
    "import.unknown_kind": 'Unknown import kind "{kind}"; choose one of: {kinds}.',
    "import.unknown_extension": (
        "{name} cannot be imported: only .csv and .xlsx files are accepted "
        "(an old .xls file: save it again as .xlsx)."
    ),
    "import.file_missing": "File {name} not found.",
    "import.not_utf8": (
        '{name} is not UTF-8 text. In Excel choose Save As "CSV UTF-8", or send it as .xlsx.'
    ),
    "import.empty_file": "{name} is empty: row 1 must hold the column headers.",
    "import.unreadable": "{name} cannot be read ({detail}).",
    "import.duplicate_header": 'Column "{header}" appears more than once in the header row.',
    "import.missing_header": "Required columns missing from the header row: {headers}.",
    "import.required": "is required.",
    "import.too_long": "is too long ({length} characters, at most {max}).",
    "import.not_text": "must be text.",
    "import.nip_as_number": (
        "the NIP is stored as a number, so Excel rounded it; format the NIP column "
        "as Text and type it again."
    ),
    "import.not_integer": '"{value}" is not a whole number.',
    "import.not_number": '"{value}" is not a number.',
    "import.out_of_range": "{value} is out of range ({min} to {max}).",
    "import.not_one_of": '"{value}" is not known; choose one of: {expected}.',
    "import.bad_phone": (
        "is not a plausible Indonesian mobile number (e.g. 0812-3456-7890 or +6281234567890)."
    ),
    "import.bad_email": '"{value}" is not a valid email address.',
    "import.bad_url": '"{value}" is not a valid link (it must start with https://).',
    "import.bad_date": '"{value}" is not a date (e.g. 2025-05-05 or 05/05/2025).',
    "import.bad_datetime": (
        '"{value}" is not a date and time (e.g. 2025-05-05 08:00 or 05/05/2025 08:00).'
    ),
    "import.time_missing": '"{value}" has no time of day (e.g. 2025-05-05 08:00).',
    "import.bad_competency_list": (
        '"{value}" is not a competency code (e.g. M.01 or M.03:3), or it is listed twice.'
    ),
    "import.nip_kind_mismatch": "this NIP is a {nip_kind} number, but Status says {status}.",
    "import.unit_own_parent": "unit {code} cannot be its own parent.",
    "import.end_before_start": "must be after {start}.",
    "import.report_after_start": "the report-by time cannot be after the start (Mulai).",
    "import.coordinates_pair": "fill in both Lintang and Bujur, or neither.",
    "import.no_scores": "this row has no competency scores at all.",
    "import.date_in_future": "the assessment date has not happened yet.",
    "import.venue_needed": "is required for mode {mode}.",
    "import.link_needed": "is required for mode {mode}.",
    "import.duplicate": "already in row {first} of this file.",
    "import.unit_conflict": "differs from row {first} for unit {code}.",
    "import.program_conflict": "differs from row {first} for program {code}.",
    "import.unknown_unit": "unit {code} is neither in the database nor in this file.",
    "import.unknown_session": "session {code} does not exist; import the sessions first.",
    "import.unknown_employee": "no employee has this NIP; import the employees first.",
    "import.unknown_program": "program {code} does not exist; import the sessions first.",
    "import.session_full": "session {code} is full (capacity {capacity}).",
    "import.unknown_competency": "competency {code} is not known.",
    "import.standard_without_scores": "there is a {code} column but no score column for it.",
    "import.no_competency_columns": (
        "there is no competency column (M.01 ... M.08, SK.01) in the header row."
    ),
    "import.no_standard": (
        "the required level for {code} is unknown (the employee has no position); "
        "fill in the Standar {code} column."
    ),
    # linking: handlers/linking.py, bot/linking.py, handlers/admin.py
    "link.need_consent": "Press /start and agree to the use of your data first.",
    "link.need_nip_first": "Type your NIP (18 digits) first, then verify.",
    "link.code_received": "Activation code received. Type your NIP (18 digits) to finish linking.",
    "link.nip_received": (
        "NIP {masked} received.\n\n"
        "Now prove that it is you, in one of two ways:\n"
        "• press <b>Share phone number</b> below (your Telegram number must be the one "
        "BKPSDM has on record), or\n"
        "• type the <b>activation code</b> from BKPSDM (for example ABCD-EFGH)."
    ),
    "link.nip_warning": "Note: {warning} If the NIP is wrong, type the right one.",
    "link.share_button": "Share phone number",
    "link.not_own_contact": (
        "The contact you shared is not your own number. Press <b>Share phone number</b> "
        "to share yours."
    ),
    "link.phone_mismatch": (
        "Verification failed: your Telegram phone number does not match BKPSDM's records "
        "for that NIP. Check your NIP, use an activation code, or ask BKPSDM to update "
        "your phone number."
    ),
    "link.code_mismatch": "The activation code does not match that NIP. Check the code and NIP.",
    "link.code_used": "This activation code has been used already. Ask BKPSDM for a new one.",
    "link.code_expired": (
        "This activation code expired on {expired_at_date}. Ask BKPSDM for a new one."
    ),
    "link.locked": ("Too many failed attempts (at most 5 in 15 minutes). Try again after {until}."),
    "link.already_linked_elsewhere": (
        "This NIP is already linked to another Telegram account. If that is not you, "
        "contact BKPSDM to remove the link."
    ),
    "link.success": (
        "Your account is linked.\n<b>{name}</b>\nNIP {masked}\n{unit}\n\n"
        "Type /help to see what you can do."
    ),
    "link.already_linked_self": (
        "Your account is already linked as <b>{name}</b>. Type /profil to see your data "
        "or /help for the commands."
    ),
    "link.not_linked": (
        "Your Telegram account is not linked to an employee record yet, so this cannot be shown."
    ),
    "link.link_button": "Link my account",
    "link.method.contact": "Telegram phone number",
    "link.method.code": "activation code",
    "link.method.email": "code by email",
    "menu.hint": "Type /help to see the commands.",
    "profile.text": (
        "<b>Your data in this bot</b>\n"
        "Name: {name}\nNIP: {masked}\nUnit: {unit}\nPosition: {position}\n"
        "Linked since: {linked} (verified by: {method})\n"
        "Consent to use your data: {consented}\n\n"
        "/putus unlinks your account. /hapus withdraws consent and deletes your data in "
        "this bot."
    ),
    "privacy.text": (
        "<b>Privacy notice</b>\n"
        "Controller: BKPSDM. Basis: your consent (Law No. 27 of 2022).\n\n"
        "<b>What is shown</b>: your competency assessment schedule and results, Gapura "
        "courses and JP progress, to you alone.\n"
        "<b>What the bot keeps</b>: your Telegram id, the link to your NIP, your language, "
        "reminder settings and the consent record. Every view of your results is logged.\n"
        "<b>For how long</b>: while your account is linked.\n"
        "<b>Your rights</b>: see your data (/profil), unlink (/putus), withdraw consent and "
        "delete your data in the bot (/hapus, effective at once). To correct HR records, "
        "contact BKPSDM."
    ),
    "unlink.done": (
        "Your account is unlinked. Your HR data is no longer shown here. "
        "Type your NIP to link again."
    ),
    "unlink.not_linked": "Your Telegram account is not linked.",
    "delete.confirm": (
        "Withdraw consent and delete your link and data in this bot? "
        "Your HR records stay with BKPSDM."
    ),
    "delete.yes_button": "Yes, delete",
    "delete.no_button": "Cancel",
    "delete.done": (
        "Consent withdrawn and your data in this bot deleted. Thank you. "
        "Type /start to use the bot again."
    ),
    "delete.cancelled": "Cancelled. Nothing has changed.",
    "language.choose": "Pilih bahasa / Choose your language:",
    "language.set": "Language set to English.",
    "command.unknown": "Unknown command. Type /help for the list of commands.",
    "admin.status_usage": "Usage: /cek NIP",
    "admin.unlink_usage": "Usage: /lepas NIP",
    "admin.nip_unknown": "NIP {masked} is not in the employee records.",
    "admin.not_linked": "{name} (NIP {masked}) has not linked a Telegram account.",
    "admin.linked": (
        "{name} (NIP {masked}) linked since {since_date} at {since} (verified by: {method})."
    ),
    "admin.unlinked": "The Telegram link of {name} (NIP {masked}) has been removed.",
    # results: handlers/results.py
    "results.none": (
        "No assessment result has been released for you yet. Results are usually released "
        "a few weeks to a few months after the assessment."
    ),
    "results.heading": "<b>{program}</b>\nAssessment date: {date}",
    "results.jpm": "JPM: <b>{jpm}</b> ({category})",
    "results.competencies": "<b>By competency</b> (standard → achieved, gap):",
    "results.competency_line": "• {name}: {required} → {achieved} ({gap})",
    # menu: handlers/menu.py
    "menu.title": "<b>Main menu</b>\nWhat would you like to see?",
    "menu.results": "My results",
    "menu.profile": "Profile",
    "command.start": "Start and link your account",
    "command.menu": "Main menu",
    "command.hasil": "My competency assessment results",
    "command.profil": "My data in this bot",
    "command.bahasa": "Change language",
    "command.privasi": "Privacy notice",
    "command.putus": "Unlink my account",
    "command.hapus": "Withdraw consent and delete data",
    "command.bantuan": "Help",
}
