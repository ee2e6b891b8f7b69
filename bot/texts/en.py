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
    "help.heading": "<b>What I can do</b>",
    "error.generic": "Sorry, something went wrong. Please try again in a moment.",
    "error.admin_report": "The bot hit an error: {name}. See the log for details.",
    # import: bot/imports/
    "import.kind.employees": "employees",
    "import.kind.sessions": "assessment sessions",
    "import.kind.participants": "session participants",
    "import.kind.results": "assessment results",
    "import.kind.courses": "Gapura courses",
    "import.kind.holidays": "holidays",
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
    "import.stopped_at": (
        "Reading stopped at row {row} after {count} blank rows in a row. If there is "
        "data below them, delete the blank rows and import again."
    ),
    "import.rejected": (
        "File rejected: {count} errors, nothing was saved. Fix these rows and import again:"
    ),
    "import.row_error": "Row {row}, column {column}: {reason}",
    "import.more_errors": "... and {count} more.",
    "import.all_in_file": "The full list is in the attached file.",
    "import.file.sheet": "Errors",
    "import.file.name": "errors",
    "import.file.row": "Row",
    "import.file.column": "Column",
    "import.file.reason": "Reason",
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
    "import.unreadable": (
        "{name} cannot be read. Open it in Excel, save it again as .xlsx or CSV UTF-8, "
        "and send it again."
    ),
    "import.unreadable_from_row": (
        "{name} cannot be read from row {row} on. Open it in Excel, save it again as "
        ".xlsx, and send it again."
    ),
    "import.file_too_big": (
        "{name} is too big ({size} MB); the limit is {limit} MB. Split it into several "
        "files and send them one by one."
    ),
    "import.unpacked_too_big": (
        "{name} is too big once unpacked ({size} MB); the limit is {limit} MB. Keep only "
        "the data sheet, or split it into several files."
    ),
    "import.packed_too_tight": (
        "{name} was refused: its content is packed {ratio} times, while an ordinary Excel "
        "file is packed at most {limit} times. The file is damaged or deliberately odd; "
        "open it in Excel, save it again, and send it again."
    ),
    "import.too_many_rows": (
        "{name} holds more than {limit} data rows; the limit is {limit} rows per import. "
        "Split it into several files. Nothing was saved."
    ),
    "import.too_slow": (
        "The import was stopped: it took longer than the {limit}-second limit. Nothing "
        "was saved. Split the file into parts and import them one by one."
    ),
    "import.duplicate_header": 'Column "{header}" appears more than once in the header row.',
    "import.missing_header": "Required columns missing from the header row: {headers}.",
    "import.required": "is required.",
    "import.too_long": "is too long ({length} characters, at most {max}).",
    "import.not_text": "must be text.",
    "import.unreadable_value": "its content cannot be read.",
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
    "import.capacity_below_taken": "is smaller than the {taken} seats already taken.",
    "import.no_standard": (
        "the required level for {code} is unknown (the employee has no position); "
        "fill in the Standar {code} column."
    ),
    # activation codes handed out on paper: bot/codes_export.py (asnbot codes issue)
    "codes.issued": "{count} activation codes issued, valid until {expires}. One file per OPD:",
    "codes.private": (
        "The files hold NIP, name and code: only your account on this computer can open "
        "them. Hand them to each OPD over a safe channel, then delete them."
    ),
    "codes.no_employees": "No employees yet: import the employee data first.",
    "codes.no_employees_in_unit": "No active employees in unit {unit}, or there is no such unit.",
    "codes.read_failed": "The employees could not be read from the database ({reason}).",
    "codes.unchanged": "Nothing was changed: the earlier codes still work.",
    "codes.out_not_folder": "{folder} is not a folder. Choose another folder with --out.",
    "codes.out_not_empty": (
        "The folder {folder} already holds files. Move them away, or choose a new folder "
        "with --out."
    ),
    "codes.write_failed": "The code files could not be written to {folder}: {reason}.",
    "codes.reason.permission": "no permission to write there",
    "codes.reason.read_only": "that storage is read-only",
    "codes.reason.disk_full": "the disk is full",
    "codes.reason.not_folder": "a file, not a folder, is in the way",
    "codes.save_failed": (
        "The new codes could not be saved in the database ({reason}). The files in {folder} "
        "were deleted because their codes never became valid."
    ),
    "codes.cleanup_failed": (
        "The new codes could not be saved in the database ({reason}). Delete the folder "
        "{folder}: the codes in it never became valid."
    ),
    "codes.save_unknown": (
        "It is not certain whether the new codes were saved ({reason}). The files in {folder} "
        "were kept: either the earlier codes or the codes in those files work. When the "
        "database can be reached, run this command again with a new --out folder, then "
        "delete the folder {folder}."
    ),
    # linking: handlers/linking.py, bot/linking.py, handlers/admin.py
    "link.need_consent": "Press /start and agree to the use of your data first.",
    "link.need_nip_first": "Type your NIP (18 digits) first, then verify.",
    "link.nip_expired": (
        "The time to verify your NIP is up. Type your NIP (18 digits) again, then verify."
    ),
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
    "link.locked": (
        "Too many failed activation code attempts (at most 5 in 15 minutes). Try again after "
        "{until}. If BKPSDM has your phone number, you can still press <b>Share phone number</b>."
    ),
    "link.locked_contact": (
        "Too many failed phone number checks (at most 5 in 15 minutes). Try again after "
        "{until}, or type an activation code from BKPSDM."
    ),
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
        "Earlier messages in this chat stay in your Telegram: delete the chat if you wish. "
        "Type /start to use the bot again."
    ),
    "delete.cancelled": "Cancelled. Nothing has changed.",
    "language.choose": "Pilih bahasa / Choose your language:",
    "language.set": "Language set to English.",
    "command.unknown": "Unknown command. Type /help for the list of commands.",
    # private chats only: handlers/private.py
    "private.only": (
        "This command works only in a private chat with the bot, so that group members "
        "cannot read your data. Open {link}"
    ),
    "private.open_button": "Open private chat",
    "private.button_alert": "This button works only in a private chat with the bot.",
    "command.stale_button": "This button no longer works. Type /help for the list of commands.",
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
    # results (full /hasil) and Gapura recommendations: handlers/results.py, bot/core/recommend.py
    "results.locked": (
        "<b>{program}</b>\nAssessment date: {date}\n\n"
        "Assessment results are private. Press <b>Show result</b> to see yours."
    ),
    "results.show_button": "Show result",
    "results.not_available": "This result is not available.",
    "results.strengths": "<b>Strengths</b>\n{text}",
    "results.development_areas": "<b>Development areas</b>\n{text}",
    "results.recommendation": "<b>Development recommendation</b>\n{text}",
    "results.autodelete": "<i>This result message will be deleted in {minutes} minutes.</i>",
    "results.recommend_button": "Gapura recommendations",
    "results.chart_caption": "Standard and achieved level per competency: {program}",
    "results.chart_title": "Competency levels: standard and achieved",
    "results.chart_required": "Standard",
    "results.chart_achieved": "Achieved",
    "results.chart_level": "Level",
    "results.pending": "<b>{program}</b>\nStatus: {status}",
    "results.pending_expected": (
        "Expected release of results: {date}. This date is an estimate and may change."
    ),
    "results.pending_no_date": "The release date of the results has not been announced.",
    "results.status.scheduled": "scheduled",
    "results.status.attended": "attended, waiting to be scored",
    "results.status.scoring": "being scored",
    "rec.title": "<b>Gapura recommendations</b> from your competency gaps:",
    "rec.all_met": (
        "<b>Gapura recommendations</b>\nYou meet every competency standard. These courses "
        "strengthen the competencies closest to their standard:"
    ),
    "rec.all_met_none": (
        "You meet every competency standard, and no open Gapura course develops your "
        "competencies right now."
    ),
    "rec.none": (
        "No open Gapura course closes your competency gaps right now. Please check again later."
    ),
    "rec.item": "{number}. <b>{title}</b> ({jp} JP)\n{reason}",
    "rec.full": "fully booked, the waitlist is open",
    "rec.reason.gap": "Closes your largest gap: {competency} ({gap})",
    "rec.reason.gap_other": "Closes one of your gaps: {competency} ({gap})",
    "rec.reason.gaps": "Closes {count} of your gaps, the largest: {competency} ({gap})",
    "rec.reason.margin": "Strengthens {competency} (margin over the standard {gap})",
    # schedule: handlers/schedule.py, bot/core/schedule.py, bot/calendar.py
    "menu.schedule": "My schedule",
    "command.jadwal": "My competency assessment schedule",
    "schedule.none": "You have no upcoming competency assessment sessions.",
    "schedule.card.title": "<b>{program}</b>",
    "schedule.card.cancelled": (
        "<b>This session is CANCELLED.</b> BKPSDM will tell you the new date."
    ),
    "schedule.card.when": "When: {start} (ends {end})",
    "schedule.card.report_by": "Report by: {value}",
    "schedule.card.venue": "Venue: {value}",
    "schedule.card.online": "Online link: {value}",
    "schedule.card.method": "Method: {value}",
    "schedule.card.components": "Components: {value}",
    "schedule.card.bring": "What to bring: {value}",
    "schedule.card.dress": "Dress code: {value}",
    "schedule.card.contact": "Contact person: {value}",
    "schedule.card.status": "Your status: <b>{status}</b>",
    "schedule.card.reason": "Your reason: {value}",
    "schedule.status.invited": "invited",
    "schedule.status.confirmed": "attendance confirmed",
    "schedule.status.reschedule_requested": "new date requested",
    "schedule.status.attended": "attended",
    "schedule.status.no_show": "did not attend",
    "schedule.status.excused": "excused",
    "schedule.status.cancelled": "session cancelled",
    "schedule.status.being_scored": "attended, being scored",
    "schedule.status.released": "result released (see /hasil)",
    "schedule.status.unrecorded": "attendance not recorded yet",
    "schedule.past.heading": "<b>Earlier assessments</b>",
    "schedule.past.line": "• {date}: {program}: {status}",
    "schedule.button.yes": "I will attend",
    "schedule.button.no": "I cannot attend",
    "schedule.button.calendar": "Add to calendar",
    "schedule.button.pick": "Choose a session",
    "schedule.button.move": "Change session",
    "schedule.button.cancel": "Cancel booking",
    "schedule.offer": (
        "<b>{program}</b>\nYou have not chosen an assessment session yet. Press <b>Choose a "
        "session</b> to see the sessions with free seats."
    ),
    "schedule.offer_deadline": "Choose by: {deadline_date} at {deadline}.",
    "schedule.offer_full": (
        "<b>{program}</b>\nYou have no session yet, and every session open to you is full. "
        "Please contact BKPSDM."
    ),
    "schedule.pick.title": "<b>{program}</b>\nSessions with free seats:",
    "schedule.pick.line": "• {when}: {venue} ({free} seats left)",
    "schedule.pick.button": "{date} {time} ({free} seats)",
    "schedule.pick.none": (
        "There is no other session with a free seat for you. Nothing was changed."
    ),
    "schedule.booked": "Your seat is booked.",
    "schedule.moved": "Your session has been changed.",
    "schedule.booking_cancelled": (
        "Your seat for {program} ({start}) is cancelled. Send /jadwal to choose another session."
    ),
    "schedule.ask_reason": (
        "Please write in one message why you cannot attend <b>{program}</b>, {start}."
    ),
    "schedule.reason_recorded": (
        "Your request for a new date has been recorded. BKPSDM will review it and let you know."
    ),
    "schedule.reason_expired": (
        "The time to write the reason is up, so this message was not recorded and nothing has "
        "changed. Press <b>I cannot attend</b> again in /jadwal, then write the reason."
    ),
    "schedule.not_yours": "That session is not in your records. Nothing was changed.",
    "schedule.cannot_answer": (
        "This session is over, cancelled, or your attendance is already recorded; your answer "
        "can no longer change."
    ),
    "schedule.booking_not_self": (
        "This program does not let you choose your own session. Please contact BKPSDM to change "
        "your schedule."
    ),
    "schedule.booking_closed": (
        "The deadline to choose, change or cancel a session has passed ({deadline_date} at "
        "{deadline}). Nothing was changed; contact BKPSDM if needed."
    ),
    "schedule.already_booked": (
        "You already have a seat in this program. Use <b>Change session</b> to switch."
    ),
    "schedule.slot_unavailable": (
        "That session is full or no longer available. Nothing was changed; send /jadwal to "
        "choose another."
    ),
    "schedule.change_too_late": (
        "This session has started or your attendance is recorded; the booking can no longer change."
    ),
    "schedule.calendar_caption": "Open this file to add the session to your calendar.",
    "schedule.ics.summary": "Competency assessment: {program}",
    # gapura and jp: handlers/courses.py, handlers/jp.py
    "menu.gapura": "Gapura",
    "menu.jp": "My JP",
    "command.gapura": "Open Gapura courses",
    "command.jp": "My training hours (JP) this year",
    "gapura.list.title": "<b>Gapura: open courses</b>",
    "gapura.list.page": "Page {page} of {pages}",
    "gapura.list.empty": "No Gapura course is open to you yet. Please check again later.",
    "gapura.list.empty_filtered": ("No course matches this filter. Choose another filter or All."),
    "gapura.list.item": ("{number}. <b>{title}</b>\n{jp} JP · {mode} · starts {starts} · {seats}"),
    "gapura.list.seats": "{seats} seats left",
    "gapura.list.full": "full, waitlist open",
    "gapura.list.mine.registered": "✅ You are registered",
    "gapura.list.mine.waitlisted": "⏳ You are on the waitlist",
    "gapura.list.mine.offered": "🎟 A seat is offered to you",
    "gapura.filter.competency": "Filter by competency",
    "gapura.filter.mode": "Filter by mode",
    "gapura.filter.all": "All",
    "gapura.filter.choose_competency": "Choose the competency to develop:",
    "gapura.filter.choose_mode": "Choose the course mode:",
    "gapura.filter.active": "Filter: {filters}",
    "gapura.button.for_me": "For me",
    "gapura.button.enroll": "Register",
    "gapura.button.waitlist": "Join the waitlist",
    "gapura.button.cancel": "Cancel registration",
    "gapura.button.accept": "Accept offer",
    "gapura.button.decline": "Decline offer",
    "gapura.mode.luring": "in person",
    "gapura.mode.daring": "online",
    "gapura.mode.blended": "blended",
    "gapura.offer.banner": (
        "🎟 <b>A seat is offered to you</b>: {title}. It is held until "
        "{until_date} {until}; open the details to accept or decline."
    ),
    "gapura.offer.button": "🎟 Offer: {title}",
    "gapura.unavailable": "This course is not available to you.",
    "gapura.rec.no_result": (
        "Your assessment result has not been released yet, so there are no recommendations "
        "from your competency gaps. These courses are open to your position type ({position}):"
    ),
    "gapura.level": " (up to level {level})",
    "gapura.details": (
        "<b>{title}</b>\n{description}\n\n"
        "Target competencies: {competencies}\n"
        "JP: {jp}\n"
        "Dates: {starts} – {ends}\n"
        "Mode: {mode}"
    ),
    "gapura.details.venue": "Venue: {venue}",
    "gapura.details.link": "Link: {url}",
    "gapura.details.more": (
        "Provider: {provider}\n"
        "Seats left: {seats_left} of {quota}\n"
        "Registration: {opens_date} {opens} – {closes_date} {closes}\n"
        "Prerequisites: {prerequisites}\n"
        "Contact: {contact}"
    ),
    "gapura.status.none": "My status: not registered",
    "gapura.status.registered": "My status: ✅ registered",
    "gapura.status.waitlisted": "My status: ⏳ waitlist, number {position} in line",
    "gapura.status.offered": (
        "My status: 🎟 a seat is yours if you accept before {until_date} {until}"
    ),
    "gapura.status.completed": "My status: completed",
    "gapura.status.withdrawn": "My status: registration cancelled",
    "gapura.done.registered": "✅ You are registered for this course.",
    "gapura.done.waitlisted": (
        "⏳ You are on the waitlist. When a seat frees up it is offered to people in "
        "waitlist order."
    ),
    "gapura.done.full": "Sorry, the last seat was just taken. You can join the waitlist.",
    "gapura.done.already": "You already have a place on this course.",
    "gapura.done.accepted": "✅ Offer accepted: you are registered for this course.",
    "gapura.done.declined": "Offer declined; the seat goes to the next person in line.",
    "gapura.done.cancelled": "Your registration is cancelled.",
    "gapura.done.stale": "That action is no longer available. Here is the current state.",
    "jp.mine.summary": ("<b>My JP in {year}</b>\nEarned: {earned} of {target} JP ({percent})"),
    "jp.mine.remaining": "Remaining: {remaining} JP to meet the target.",
    "jp.mine.met": "🎉 This year's JP target is met.",
    "jp.mine.pending": (
        "Registered courses not yet completed: {jp} JP (counted once marked completed)."
    ),
    "jp.mine.courses": "<b>Open courses that would close the gap:</b>",
    "jp.mine.course": "{number}. {title}: {jp} JP",
    "jp.mine.no_courses": "No Gapura course is open to you right now.",
    # help FAQ: handlers/menu.py
    "help.faq": (
        "<b>Questions</b>\n"
        "<b>What is JPM?</b> Job Person Match: the sum of the competency levels you "
        "achieved divided by the sum of the levels your position requires, in percent.\n"
        "<b>What do the categories mean?</b> The assessment program sets them; the usual "
        "ones: Optimal (JPM 90% or more), Cukup Optimal (78% to under 90%), "
        "Kurang Optimal (under 78%).\n"
        "<b>What counts as JP?</b> Hours of competency development (1 JP = {minutes} "
        "minutes): courses, technical guidance, seminars, e-learning, coaching and "
        "mentoring that are completed and recorded by BKPSDM. A PNS needs at least 20 JP "
        "a year."
    ),
    # Operations (issue 8)
    "error.db_unavailable": "The service is disrupted. Please try again in a few minutes.",
    # admin in the chat (issue 7): handlers/admin_*.py
    "command.statistik": "Coverage, schedule and course statistics (admin)",
    "command.impor": "Import CSV/XLSX data (admin)",
    "command.jadwalulang": "Reschedule request queue (admin)",
    "command.rilis": "Release assessment results (admin)",
    "command.ekspor": "XLSX exports (admin)",
    "command.audit": "Recent audit log (admin)",
    "command.cek": "Check an employee's link: /cek NIP (admin)",
    "command.lepas": "Unlink an employee: /lepas NIP (admin)",
    "admin.import.kinds": (
        "<b>Import data</b>\nSend a CSV or XLSX file with the caption /impor KIND, "
        "or type /impor KIND and then send the file. Kinds:"
    ),
    "admin.import.kind_line": "• <code>{kind}</code>: {name}",
    "admin.import.template_button": "{name} template",
    "admin.import.send_file": "Send the CSV or XLSX file with the {kind} data now.",
    "admin.import.kind_expired": (
        "The wait for the import file is over, so this file was not imported. Type /impor KIND "
        "again and send the file, or send the file with the caption /impor KIND."
    ),
    "admin.queue.empty": "No reschedule requests are waiting.",
    "admin.queue.heading": "<b>Reschedule requests</b>: {count} waiting.",
    "admin.queue.card": (
        "<b>{name}</b> ({unit})\n{program}\nSession: {when}, {venue}\nReason: {reason}"
    ),
    "admin.queue.approved": (
        "✅ <b>Approved</b>: {name} ({unit}) moved to {when}, {venue}.\n{program}\nReason: {reason}"
    ),
    "admin.queue.rejected": (
        "❌ <b>Rejected</b>: {name} ({unit}) stays on {when}, {venue}.\n{program}\nReason: {reason}"
    ),
    "admin.queue.approve": "Approve",
    "admin.queue.reject": "Reject",
    "admin.queue.back": "Back",
    "admin.queue.more": "More",
    "admin.queue.remaining": "{count} more requests.",
    "admin.queue.pick": "Choose the new session (seats still free):",
    "admin.queue.choice": "{when}, {venue} ({free} left)",
    "admin.queue.handled": "This request has already been handled.",
    "admin.queue.no_free_session": "No other session of this program has a free seat.",
    "admin.queue.full": "That session is full or no longer available; choose another one.",
    "admin.queue.notify_moved": (
        "📅 Your reschedule request was approved.\n<b>{program}</b>\n"
        "New session: {when}, {venue}.\nOpen /jadwal to confirm that you will attend."
    ),
    "admin.queue.notify_rejected": (
        "Your reschedule request for <b>{program}</b> could not be approved. "
        "Your session stays: {when}, {venue}. Open /jadwal to answer the invitation."
    ),
    "admin.release.none": "No assessment results are waiting to be released.",
    "admin.release.heading": "<b>Results not yet released</b>",
    "admin.release.line": "• {name} ({year}): {count} results",
    "admin.release.button": "Release {name}",
    "admin.release.ask": (
        "Release {count} results of <b>{name}</b>? The employees concerned will be able to "
        "see them and will be notified."
    ),
    "admin.release.confirm": "Yes, release",
    "admin.release.cancel": "Cancel",
    "admin.release.cancelled": "Release cancelled; nothing changed.",
    "admin.release.nothing": "No results of this program are waiting to be released.",
    "admin.release.done": "✅ {count} results of <b>{name}</b> released.",
    "admin.stats.heading": "<b>Statistics</b>",
    "admin.stats.linked": "Linked employees: {linked} of {total} active employees ({percent}).",
    "admin.stats.coverage": (
        "<b>Competency assessment coverage</b>\nAssessed: {assessed} of {total} ASN ({percent})."
    ),
    "admin.stats.pace": (
        "Pace: about {per_year} ASN a year; at this pace every ASN will have been assessed "
        "in {year}."
    ),
    "admin.stats.no_pace": "No assessment results yet, so no projection can be made.",
    "admin.stats.on_track": ("2-3 year goal (done by {goal_from}-{goal_by}): ✅ on track."),
    "admin.stats.behind": (
        "2-3 year goal (done by {goal_from}-{goal_by}): ⚠️ behind; a faster pace is needed."
    ),
    "admin.stats.opd_heading": "<b>Coverage per OPD</b> (lowest first)",
    "admin.stats.opd_line": "• {name}: {assessed}/{total} ({percent})",
    "admin.stats.sessions_heading": (
        "<b>Upcoming sessions</b> (confirmed / not answered / reschedule)"
    ),
    "admin.stats.session_line": (
        "• {date} {code} {program}: {confirmed} / {invited} / {reschedule} (capacity {capacity})"
    ),
    "admin.stats.courses_heading": "<b>Gapura courses</b> (taken / quota, waitlist)",
    "admin.stats.course_line": "• {title}: {taken}/{quota} ({percent}), waitlist {waitlisted}",
    "admin.stats.broadcasts_heading": "<b>Announcements</b> (read / delivered)",
    "admin.stats.broadcast_line": "• {date} {text}: {read}/{delivered} ({percent})",
    "admin.stats.none": "none yet",
    "admin.stats.chart_title": "ASN competency assessment coverage",
    "admin.stats.chart_progress": "Assessed",
    "admin.stats.chart_projection": "Projection at the current pace",
    "admin.stats.chart_goal": "2-3 year goal",
    "admin.stats.chart_per_opd": "Per OPD (lowest)",
    "admin.stats.chart_percent": "% of ASN",
    "admin.stats.chart_caption": "Assessment coverage and its projection.",
    "admin.export.heading": "<b>XLSX exports</b>: choose what to export.",
    "admin.export.menu.s": "Session participants (attendance sheet)",
    "admin.export.menu.c": "Course participants",
    "admin.export.menu.b": "Announcement report",
    "admin.export.menu.jp": "JP progress per OPD",
    "admin.export.pick.s": "Choose a session:",
    "admin.export.pick.c": "Choose a course:",
    "admin.export.pick.b": "Choose an announcement:",
    "admin.export.nothing": "Nothing to export yet.",
    "admin.export.title.s": "Attendance sheet, session {id}",
    "admin.export.title.c": "Course participants {id}",
    "admin.export.title.b": "Announcement report {id}",
    "admin.export.title.jp": "JP progress per OPD {year}",
    "admin.export.col.no": "No",
    "admin.export.col.nip": "NIP",
    "admin.export.col.name": "Name",
    "admin.export.col.unit": "Unit",
    "admin.export.col.status": "Status",
    "admin.export.col.signature": "Signature",
    "admin.export.col.registered": "Registered",
    "admin.export.col.completed": "Completed",
    "admin.export.col.delivered": "Delivered",
    "admin.export.col.read": "Read",
    "admin.export.col.opd": "OPD",
    "admin.export.col.employees": "Employees",
    "admin.export.col.average_jp": "Average JP",
    "admin.export.col.met": "Met the target",
    "admin.export.col.met_percent": "% meeting the target",
    "admin.export.status.invited": "invited",
    "admin.export.status.confirmed": "confirmed",
    "admin.export.status.reschedule_requested": "asked to reschedule",
    "admin.export.status.attended": "attended",
    "admin.export.status.no_show": "did not attend",
    "admin.export.status.excused": "excused",
    "admin.export.status.registered": "registered",
    "admin.export.status.waitlisted": "waitlisted",
    "admin.export.status.offered": "offered a seat",
    "admin.export.status.completed": "completed",
    "admin.export.status.withdrawn": "withdrawn",
    "admin.export.status.pending": "pending",
    "admin.export.status.delivered": "delivered",
    "admin.export.status.blocked": "blocked",
    "admin.export.status.failed": "failed",
    "admin.audit.none": "No audit events yet.",
    "admin.audit.heading": "<b>Audit log</b> {first}-{last} of {total} (newest first)",
    "admin.audit.newer": "« Newer",
    "admin.audit.older": "Older »",
    # notifications (jobs/render.py) and /pengingat (handlers/reminders.py)
    "notify.reminder.today": "today",
    "notify.reminder.tomorrow": "tomorrow",
    "notify.reminder.days": "in {days} days",
    "notify.reminder": (
        "⏰ <b>Reminder: competency assessment {heading}</b>\n"
        "When: {starts_at}\nWhere: {venue}\n{address}"
    ),
    "notify.rsvp": (
        "❔ You have not answered the invitation to the competency assessment on {starts_at} "
        "at {venue}. Please answer <b>I will attend</b> or <b>I cannot attend</b>."
    ),
    "notify.change.moved": (
        "❗ <b>Your competency assessment has changed</b>\n"
        "Before: <s>{old_starts_at}, {old_venue}</s>\n"
        "Now: <b>{starts_at}</b>, {venue}\n{address}"
    ),
    "notify.change.cancelled": (
        "❗ <b>Competency assessment session cancelled</b>\n"
        "<s>{old_starts_at}, {old_venue}</s>\nA new date will be announced."
    ),
    "notify.result": "📊 Your <b>{program}</b> result is ready to view.",
    "notify.course_open": (
        "🎓 Registration open: <b>{title}</b>\n{reason}\nRegistration closes {closes_at}."
    ),
    "notify.course_open.many": (
        "🎓 <b>Registration open for {count} courses</b> that fit your competencies:\n{courses}"
    ),
    "notify.course_open.item": "• <b>{title}</b>\n{reason}. Registration closes {closes_at}.",
    "notify.course_tomorrow": "📚 Your course <b>{title}</b> starts tomorrow, {starts_on}.",
    "notify.offer": "🎟 A seat is yours on <b>{title}</b>: accept before {until}.",
    "notify.offer_expired": (
        "The seat offered to you on <b>{title}</b> expired on {until}; it went to the next "
        "person in line."
    ),
    "notify.jp_behind": (
        "📈 Your JP for {year} is {earned} of the {target} JP target. "
        "Gapura courses can help you meet it."
    ),
    "notify.late": "⌛ <i>Late: this was due {due}.</i>",
    "notify.button.schedule": "See schedule",
    "notify.button.answer": "Answer now",
    "notify.button.ack": "Read",
    "notify.button.results": "See result",
    "notify.button.course": "See course",
    "notify.button.accept": "See and accept",
    "notify.button.jp": "See my JP",
    "notify.acked": "✅ Read",
    "notify.admin.stale": (
        "Reminders: {count} notification(s) not sent because their event had passed "
        "(the bot was not running)."
    ),
    "reminders.title": (
        "<b>Reminders</b>\nTap to switch on or off. Schedule changes, seat offers and "
        "announcements are always sent. No messages between {quiet_start} and {quiet_end}."
    ),
    "reminders.on": "✅ {name}",
    "reminders.off": "🔕 {name}",
    "reminders.kind.session_reminder": "Assessment session reminders",
    "reminders.kind.rsvp_nudge": "Unanswered invitations",
    "reminders.kind.result_released": "Assessment result released",
    "reminders.kind.course_open": "Courses for my competencies",
    "reminders.kind.course_tomorrow": "My course starts tomorrow",
    "reminders.kind.jp_behind": "JP behind target",
    "command.pengingat": "Reminder settings",
    # admin announcements, /umumkan (handlers/admin_broadcast.py)
    "command.umumkan": "Send an announcement (admin)",
    "broadcast.ask_text": (
        "📣 <b>New announcement</b>\nType the announcement. Telegram HTML may be used "
        '(&lt;b&gt;, &lt;i&gt;, &lt;a href="..."&gt;...), at most 4096 characters. To '
        "attach a document or photo, send the file with the text as its caption "
        "(at most 1024 characters)."
    ),
    "broadcast.ask_attachment": (
        "Send a document or photo to attach, or press <b>No attachment</b>."
    ),
    "broadcast.ask_audience": "Who should receive this announcement?",
    "broadcast.ask_nip_file": (
        "Send a CSV or XLSX file with the recipients' NIPs (a column headed NIP, or the "
        "first column)."
    ),
    "broadcast.audience.all": "Everyone linked",
    "broadcast.audience.opd": "OPD",
    "broadcast.audience.pos": "Position type",
    "broadcast.audience.prog": "Program participants",
    "broadcast.audience.ses": "Session participants",
    "broadcast.audience.crs": "Course enrollees",
    "broadcast.audience.jp": "Behind on JP",
    "broadcast.audience.nip": "NIP list (file)",
    "broadcast.pick.opd": "Choose an OPD (its sub-units included):",
    "broadcast.pick.pos": "Choose a position type:",
    "broadcast.pick.prog": "Choose an assessment program:",
    "broadcast.pick.ses": "Choose an assessment session:",
    "broadcast.pick.crs": "Choose a course:",
    "broadcast.pick.empty": "Nothing to choose from for this audience yet.",
    "broadcast.button.cancel": "Cancel",
    "broadcast.button.no_attachment": "No attachment",
    "broadcast.button.previous": "◀ Previous",
    "broadcast.button.next": "Next ▶",
    "broadcast.button.back": "Back",
    "broadcast.button.ack_on": "Ask for a Read button",
    "broadcast.button.ack_off": "No Read button",
    "broadcast.button.send": "Send to {count} people",
    "broadcast.button.audience": "Change recipients",
    "broadcast.button.pause": "Pause",
    "broadcast.button.resume": "Resume",
    "broadcast.button.stop": "Cancel",
    "broadcast.preview_heading": (
        "Preview for <b>{count}</b> recipients. The next message is exactly what they will receive:"
    ),
    "broadcast.ack_on": "with a Read button",
    "broadcast.ack_off": "without a Read button",
    "broadcast.confirm": "Recipients: {audience}\nCount: <b>{count}</b> people, {ack}.\nSend now?",
    "broadcast.queued": "✅ Announcement #{id} queued for {count} recipients.",
    "broadcast.cancelled_draft": "Announcement cancelled. Nothing was sent.",
    "broadcast.no_draft": "This announcement draft is gone. Start again with /umumkan.",
    "broadcast.draft_expired": (
        "This announcement draft has expired and was not sent. Start again with /umumkan."
    ),
    "broadcast.gone": "This choice no longer exists.",
    "broadcast.progress.sending": "📣 <b>Announcement #{id}</b>: sending",
    "broadcast.progress.paused": "⏸ <b>Announcement #{id}</b>: paused",
    "broadcast.progress.cancelled": "⛔ <b>Announcement #{id}</b>: cancelled",
    "broadcast.progress.done": "✅ <b>Announcement #{id}</b>: done",
    "broadcast.progress.draft": "📝 <b>Announcement #{id}</b>: draft",
    "broadcast.progress.counts": (
        "{delivered}/{total} delivered, {blocked} blocked, {failed} failed"
    ),
    "broadcast.progress.read": "{read} read ({percent} of those delivered)",
    "broadcast.report": (
        "✅ <b>Announcement #{id} sent</b> to {total} recipients:\n"
        "• {delivered} delivered\n• {blocked} blocked (they blocked the bot)\n• {failed} failed"
    ),
    "broadcast.report_read": "The read count keeps updating on the progress message.",
    "broadcast.paused": "Sending paused.",
    "broadcast.resumed": "Sending resumed.",
    "broadcast.cancelled": "Sending cancelled; the remaining recipients will not get it.",
    "broadcast.unchanged": "This announcement's status has already changed.",
    "broadcast.preview_only": "This is only a preview.",
    "broadcast.read_again": "Already recorded as read.",
    "broadcast.nip_unknown": "⚠️ {count} unknown NIP(s) (row: NIP):\n{rows}",
    "broadcast.nip_as_number": "stored as a number (format the NIP column as Text)",
    "broadcast.nip_more": "... and {count} more.",
    "broadcast.html.stray_lt": (
        "The text cannot be sent: the &lt; at character {position} is not a tag Telegram "
        "knows. Write &amp;lt; for a &lt; sign. Send the text again."
    ),
    "broadcast.html.unknown_tag": (
        "The text cannot be sent: Telegram does not support the tag &lt;{tag}&gt;. "
        "Send the text again."
    ),
    "broadcast.html.unbalanced": (
        "The text cannot be sent: the closing tag &lt;/{tag}&gt; does not match its opening "
        "tag. Send the text again."
    ),
    "broadcast.html.unclosed": (
        "The text cannot be sent: the tag &lt;{tag}&gt; is never closed. Send the text again."
    ),
    "broadcast.html.link": (
        'The text cannot be sent: write links as &lt;a href="https://..."&gt;text&lt;/a&gt;. '
        "Send the text again."
    ),
    "broadcast.html.empty": "The announcement is empty. Send the text again.",
    "broadcast.too_long": (
        "The text is too long: {length} characters, at most {limit}. Send a shorter text."
    ),
    "broadcast.too_long_caption": (
        "The text is too long for an attachment's caption: {length} characters, at most "
        "{limit}. Start again with /umumkan with a shorter text, or send it without attachment."
    ),
}
