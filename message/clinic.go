package message

// Keys of clinicians' prescriptions and follow-up (issue 17).
const (
	ClinicNoExercises   Key = "clinic.no_exercises"
	ClinicTooMany       Key = "clinic.too_many"
	ClinicNoExercise    Key = "clinic.no_exercise"
	ClinicTwice         Key = "clinic.twice"
	ClinicBadDose       Key = "clinic.bad_dose"
	ClinicBadDays       Key = "clinic.bad_days"
	ClinicBadTimes      Key = "clinic.bad_times"
	ClinicNoteTooLong   Key = "clinic.note_too_long"
	ClinicNoteBad       Key = "clinic.note_bad"
	ClinicRoutineName   Key = "clinic.routine_name"
	ClinicFrequency     Key = "clinic.frequency"
	ClinicNoneLeft      Key = "clinic.none_left"
	ClinicNoPatient     Key = "clinic.no_patient"
	ClinicNoInvite      Key = "clinic.no_invite"
	ClinicInviteSelf    Key = "clinic.invite_self"
	ClinicInvitePerson  Key = "clinic.invite_person"
	ClinicNoLink        Key = "clinic.no_link"
	ClinicNoPrescribed  Key = "clinic.no_prescribed"
	ClinicBadAnswer     Key = "clinic.bad_answer"
	ClinicBadNumber     Key = "clinic.bad_number"
	ClinicBadClear      Key = "clinic.bad_clear"
	ClinicInviteTitle   Key = "clinic.invite_title"
	ClinicPatientsTitle Key = "clinic.patients_title"
	ClinicPrescribeFor  Key = "clinic.prescribe_for"
	ClinicCareTitle     Key = "clinic.care_title"
	ClinicAcceptTitle   Key = "clinic.accept_title"
)

var clinicWords = []entry{
	{ClinicNoExercises, "a prescription needs at least one exercise: pick one from the catalog"},
	{ClinicTooMany, "a prescription can hold at most %d exercises: leave some out"},
	{ClinicNoExercise, "there is no exercise %q in the catalog: pick one from the list"},
	{ClinicTwice, "%s is in the prescription twice: keep it once"},
	{ClinicBadDose, "the dose for %s does not fit its range (%s): %s"},
	{ClinicBadDays, "days a week must be a whole number from 1 to 7, not %d"},
	{ClinicBadTimes, "times a day must be a whole number from 1 to %d, not %d"},
	{ClinicNoteTooLong, "the note is %d characters long: keep it to %d"},
	{ClinicNoteBad, "the note has characters that cannot be shown: type it again in plain text"},
	{ClinicRoutineName, "From %s"},
	{ClinicFrequency, "%s, %s"},
	{ClinicNoneLeft, "none of the prescribed exercises is in the catalog any more: ask your clinician for a new prescription"},
	{ClinicNoPatient, "there is no patient %q among the people who accepted your invitations"},
	{ClinicNoInvite, "this invitation cannot be used: it may have been used already, declined or expired; ask your clinician for a new one"},
	{ClinicInviteSelf, "you cannot accept your own invitation: open it signed in as the person it is for"},
	{ClinicInvitePerson, "only a person's account can accept a clinician's invitation; you are signed in as a %s"},
	{ClinicNoLink, "you have no clinician with the id %q"},
	{ClinicNoPrescribed, "you have no routine from a clinician at the moment"},
	{ClinicBadAnswer, "%q is not an answer: send accept or decline"},
	{ClinicBadNumber, "%s must be a whole number, not %q"},
	{ClinicBadClear, "to clear an exercise, name both the exercise and the condition"},
	{ClinicInviteTitle, "Invite a person"},
	{ClinicPatientsTitle, "Your patients"},
	{ClinicPrescribeFor, "Prescribe a routine for %s"},
	{ClinicCareTitle, "Your clinicians"},
	{ClinicAcceptTitle, "An invitation from %s"},
}

func init() { table(clinicWords) }

// What a clinician's pages say about a patient: a concern's kind
// (ConcernWords) and the pain verdict (VerdictWords).
var clinicConcernWords = []entry{
	{Key("clinic.concern.emergency"), "Emergency answer in the safety questions"},
	{Key("clinic.concern.red-flag"), "Safety answer that needs a clinician"},
	{Key("clinic.concern.safety-stop"), "Stopped an exercise for a safety reason"},
	{Key("clinic.concern.worsening"), "Pain is getting worse"},
	{Key("clinic.concern.no-improvement"), "No improvement after weeks of regular practice"},
	{Key("clinic.verdict.better"), "better by a meaningful amount (2 points or 30%)"},
	{Key("clinic.verdict.worse"), "worse by a meaningful amount (2 points or 30%)"},
	{Key("clinic.verdict.same"), "no meaningful change yet"},
	{Key("clinic.verdict.unknown"), "not enough pain ratings yet"},
}

func init() { table(clinicConcernWords) }

// Keys of the clinic's pages and the person's page of their clinicians.
const (
	PageClinicQRLabel    Key = "page.clinic.qr_label"
	PageClinicPrescribed Key = "page.clinic.prescribed"
	PageClinicCleared    Key = "page.clinic.cleared"
	PageClinicReps       Key = "page.clinic.reps"
	PageClinicHold       Key = "page.clinic.hold"
	PageClinicBreaths    Key = "page.clinic.breaths"
	PageClinicSeconds    Key = "page.clinic.seconds"
	PageClinicSets       Key = "page.clinic.sets"
	PageClinicDays       Key = "page.clinic.days"
	PageClinicTimes      Key = "page.clinic.times"
	PageCareAccepted     Key = "page.care.accepted"
	PageCareDeclined     Key = "page.care.declined"
	PageCareEnded        Key = "page.care.ended"
)

var clinicPageWords = []entry{
	{PageClinicQRLabel, "QR code of the invitation link, to open it with a phone's camera"},
	{PageClinicPrescribed, "The prescription is saved. It is on the person's home page now."},
	{PageClinicCleared, "The clearance is saved."},
	{PageClinicReps, "Repetitions"},
	{PageClinicHold, "Hold (seconds)"},
	{PageClinicBreaths, "Hold (breaths)"},
	{PageClinicSeconds, "Seconds"},
	{PageClinicSets, "Sets"},
	{PageClinicDays, "Days a week"},
	{PageClinicTimes, "Times a day"},
	{PageCareAccepted, "You accepted the invitation. Your clinician can now see your practice, pain ratings and safety answers."},
	{PageCareDeclined, "You declined the invitation. Nothing of yours is shared."},
	{PageCareEnded, "The link has ended. That clinician can no longer see your data, and their routine is off your home page."},
}

func init() { table(clinicPageWords) }

// Keys of what the audit log says was opened.
const (
	ClinicOpenedList       Key = "clinic.opened.list"
	ClinicOpenedPatient    Key = "clinic.opened.patient"
	ClinicOpenedPrescribe  Key = "clinic.opened.prescribe"
	ClinicOpenedPrescribed Key = "clinic.opened.prescribed"
	ClinicOpenedCleared    Key = "clinic.opened.cleared"
)

var clinicOpenedWords = []entry{
	{ClinicOpenedList, "Your line in their list of patients: practice this week, pain trend and concerns"},
	{ClinicOpenedPatient, "Your page: sessions, pain ratings, practice, the functional scale and safety answers"},
	{ClinicOpenedPrescribe, "Your prescription form, with your current routine"},
	{ClinicOpenedPrescribed, "A new routine prescribed for you"},
	{ClinicOpenedCleared, "A clearance of your safety answers"},
}

func init() { table(clinicOpenedWords) }

// Keys the clinic's and the care pages' templates use.
const (
	PageCareLink           Key = "page.care.link"
	PageCareStartRx        Key = "page.care.start_rx"
	PageCareSettings       Key = "page.care.settings"
	PageClinicHomeH        Key = "page.clinic.home_h"
	PageClinicOpen         Key = "page.clinic.open"
	PageClinicInviteMade   Key = "page.clinic.invite_made"
	PageClinicInviteSend   Key = "page.clinic.invite_send"
	PageClinicInviteLink   Key = "page.clinic.invite_link"
	PageClinicInviteUntil  Key = "page.clinic.invite_until"
	PageClinicInviteIntro  Key = "page.clinic.invite_intro"
	PageClinicInviteMake   Key = "page.clinic.invite_make"
	PageClinicListH        Key = "page.clinic.list_h"
	PageClinicWeek         Key = "page.clinic.week"
	PageClinicPain         Key = "page.clinic.pain"
	PageClinicNoSessions   Key = "page.clinic.no_sessions"
	PageClinicLast         Key = "page.clinic.last"
	PageClinicNone         Key = "page.clinic.none"
	PageClinicBack         Key = "page.clinic.back"
	PageClinicSince        Key = "page.clinic.since"
	PageClinicConcerns     Key = "page.clinic.concerns"
	PageClinicNoConcerns   Key = "page.clinic.no_concerns"
	PageClinicClearIntro   Key = "page.clinic.clear_intro"
	PageClinicClear        Key = "page.clinic.clear"
	PageClinicSessions     Key = "page.clinic.sessions"
	PageClinicColWhen      Key = "page.clinic.col_when"
	PageClinicColRoutine   Key = "page.clinic.col_routine"
	PageClinicColStatus    Key = "page.clinic.col_status"
	PageClinicColPain      Key = "page.clinic.col_pain"
	PageClinicDemo         Key = "page.clinic.demo"
	PageClinicDoneN        Key = "page.clinic.done_n"
	PageClinicAdherence    Key = "page.clinic.adherence"
	PageClinicColWeek      Key = "page.clinic.col_week"
	PageClinicColDays      Key = "page.clinic.col_days"
	PageClinicColMinutes   Key = "page.clinic.col_minutes"
	PageClinicPainH        Key = "page.clinic.pain_h"
	PageClinicBaseline     Key = "page.clinic.baseline"
	PageClinicPSFS         Key = "page.clinic.psfs"
	PageClinicPSFSRow      Key = "page.clinic.psfs_row"
	PageClinicNoPSFS       Key = "page.clinic.no_psfs"
	PageClinicScreenings   Key = "page.clinic.screenings"
	PageClinicClearing     Key = "page.clinic.clearing"
	PageClinicNoScreenings Key = "page.clinic.no_screenings"
	PageClinicRxH          Key = "page.clinic.rx_h"
	PageClinicAllowMoreOn  Key = "page.clinic.allow_more_on"
	PageClinicNoRx         Key = "page.clinic.no_rx"
	PageClinicPrescribe    Key = "page.clinic.prescribe"
	PageClinicBackPatient  Key = "page.clinic.back_patient"
	PageClinicRxExercises  Key = "page.clinic.rx_exercises"
	PageClinicRange        Key = "page.clinic.range"
	PageClinicNote         Key = "page.clinic.note"
	PageClinicAllowMore    Key = "page.clinic.allow_more"
	PageClinicAllowMoreWhy Key = "page.clinic.allow_more_why"
	PageClinicRxSave       Key = "page.clinic.rx_save"
	PageCareClinicians     Key = "page.care.clinicians"
	PageCareSince          Key = "page.care.since"
	PageCareEnd            Key = "page.care.end"
	PageCareEndedAt        Key = "page.care.ended_at"
	PageCareNone           Key = "page.care.none"
	PageCareAudit          Key = "page.care.audit"
	PageCareAuditIntro     Key = "page.care.audit_intro"
	PageCareColWhen        Key = "page.care.col_when"
	PageCareColWho         Key = "page.care.col_who"
	PageCareColWhat        Key = "page.care.col_what"
	PageCareAuditNone      Key = "page.care.audit_none"
	PageCareInviteH        Key = "page.care.invite_h"
	PageCareInviteWhat     Key = "page.care.invite_what"
	PageCareInviteEnd      Key = "page.care.invite_end"
	PageCareAccept         Key = "page.care.accept"
	PageCareDecline        Key = "page.care.decline"
	PageCareInviteUntil    Key = "page.care.invite_until"
)

var clinicTemplateWords = []entry{
	{PageCareLink, "Your clinicians, and who has looked at your data"},
	{PageCareStartRx, "Start this routine"},
	{PageCareSettings, "Clinicians you accept can see your practice and pain ratings. Each time one opens your data it is written to a log you can read, and you can end a link at any time."},
	{PageClinicHomeH, "Your patients"},
	{PageClinicOpen, "Open your list of patients"},
	{PageClinicInviteMade, "Your invitation"},
	{PageClinicInviteSend, "Send this link to the person, or let them scan the code with their phone. It works once."},
	{PageClinicInviteLink, "Invitation link"},
	{PageClinicInviteUntil, "It can be used until %s."},
	{PageClinicInviteIntro, "Make a one-time link for a person. Once they accept it, you see their practice, pain ratings and safety answers, and you can prescribe a routine."},
	{PageClinicInviteMake, "Make an invitation"},
	{PageClinicListH, "Patients, concerns first"},
	{PageClinicWeek, "This week: %d days, %s minutes"},
	{PageClinicPain, "pain: %s"},
	{PageClinicNoSessions, "No sessions yet."},
	{PageClinicLast, "Last session: %s"},
	{PageClinicNone, "No one has accepted an invitation yet."},
	{PageClinicBack, "All patients"},
	{PageClinicSince, "Linked since %s"},
	{PageClinicConcerns, "Concerns, newest first"},
	{PageClinicNoConcerns, "Nothing needs your attention."},
	{PageClinicClearIntro, "The last safety answers ask for a clinician before exercise. If you have seen this person and exercise is right for them, clear it here. A clearance lasts 30 days."},
	{PageClinicClear, "Clear for exercise"},
	{PageClinicSessions, "Latest sessions"},
	{PageClinicColWhen, "When"},
	{PageClinicColRoutine, "Routine"},
	{PageClinicColStatus, "How it went"},
	{PageClinicColPain, "Pain, before → after"},
	{PageClinicDemo, "demo, not counted"},
	{PageClinicDoneN, "%d done"},
	{PageClinicAdherence, "Practice"},
	{PageClinicColWeek, "Week of"},
	{PageClinicColDays, "Days"},
	{PageClinicColMinutes, "Minutes"},
	{PageClinicPainH, "Pain trend"},
	{PageClinicBaseline, "First week's average %s, latest week %s (change %s)."},
	{PageClinicPSFS, "Functional scale (PSFS)"},
	{PageClinicPSFSRow, "%s: first %d, latest %d"},
	{PageClinicNoPSFS, "No activities rated yet."},
	{PageClinicScreenings, "Safety answers"},
	{PageClinicClearing, "cleared by a clinician"},
	{PageClinicNoScreenings, "No safety answers yet."},
	{PageClinicRxH, "Prescription"},
	{PageClinicAllowMoreOn, "may progress past these doses"},
	{PageClinicNoRx, "Nothing prescribed yet."},
	{PageClinicPrescribe, "Prescribe a routine"},
	{PageClinicBackPatient, "Back to %s"},
	{PageClinicRxExercises, "Exercises and their doses"},
	{PageClinicRange, "Range: %s"},
	{PageClinicNote, "A note for the person"},
	{PageClinicAllowMore, "Allow more: let progression go past these doses"},
	{PageClinicAllowMoreWhy, "Without it, these doses are the most the person's routine reaches; it still steps back when they rate an exercise too hard or their pain rises."},
	{PageClinicRxSave, "Save the prescription"},
	{PageCareClinicians, "Clinicians who follow your practice"},
	{PageCareSince, "Since %s"},
	{PageCareEnd, "End this link"},
	{PageCareEndedAt, "From %s to %s"},
	{PageCareNone, "No clinician follows your practice."},
	{PageCareAudit, "Who has looked at your data"},
	{PageCareAuditIntro, "Each time a clinician opens your data, it is written here."},
	{PageCareColWhen, "When"},
	{PageCareColWho, "Who"},
	{PageCareColWhat, "What"},
	{PageCareAuditNone, "No one has looked at your data."},
	{PageCareInviteH, "Share your practice with a clinician?"},
	{PageCareInviteWhat, "If you accept, %s will see your sessions, pain ratings, practice, functional scale and safety answers, and can prescribe a routine for you. Each look is written to a log you can read."},
	{PageCareInviteEnd, "You can end the link at any time from Your clinicians."},
	{PageCareAccept, "Accept"},
	{PageCareDecline, "Decline"},
	{PageCareInviteUntil, "This invitation can be used until %s."},
}

func init() { table(clinicTemplateWords) }

// Keys of how often, and of what a screening's outcome means, for a clinician.
const (
	ClinicDayAWeek  Key = "clinic.day_a_week"
	ClinicDaysAWeek Key = "clinic.days_a_week"
	ClinicOnceADay  Key = "clinic.once_a_day"
	ClinicTimesADay Key = "clinic.times_a_day"
)

var clinicMoreWords = []entry{
	{ClinicDayAWeek, "1 day a week"},
	{ClinicDaysAWeek, "%d days a week"},
	{ClinicOnceADay, "once a day"},
	{ClinicTimesADay, "%d times a day"},
	{Key("clinic.outcome.clear"), "nothing flagged"},
	{Key("clinic.outcome.caution"), "may exercise, with advice to get a review"},
	{Key("clinic.outcome.condition"), "exercise goes on; some exercises kept out for a condition"},
	{Key("clinic.outcome.clinician"), "asked to see a clinician before exercise"},
	{Key("clinic.outcome.emergency"), "emergency answer: no exercise"},
}

func init() { table(clinicMoreWords) }

var clinicNavWords = []entry{
	{"page.nav.clinic", "Patients"},
}

func init() { table(clinicNavWords) }
