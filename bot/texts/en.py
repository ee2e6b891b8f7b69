"""English: the second language of every message."""

TEXTS: dict[str, str] = {
    # nip: bot/core/nip.py
    "nip.invalid_character": (
        "A NIP may contain only digits (spaces, dots and dashes may separate them). "
        "The character \"{char}\" at position {position} is not a digit."
    ),
    "nip.wrong_length": "A NIP has {expected} digits; you typed {count}.",
    "nip.birth_year_too_early": (
        "Digits 1-4 of a NIP are the birth year; {year} is not possible "
        "(earliest {min_year})."
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
        "JPM categories \"{first}\" and \"{second}\" use the same threshold ({percent}%)."
    ),
    "jpm.threshold_invalid": (
        "The threshold of JPM category \"{name}\" must be a number 0-100; it is {value}."
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
        "/help: this help"
    ),
    "error.generic": "Sorry, something went wrong. Please try again in a moment.",
    "error.admin_report": "The bot hit an error: {name}. See the log for details.",
}
