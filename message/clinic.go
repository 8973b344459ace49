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
	{ClinicFrequency, "%d days a week, %d times a day"},
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

// Keys of what a clinician's pages say about a patient.
const (
	ClinicConcernEmergency     Key = "clinic.concern.emergency"
	ClinicConcernRedFlag       Key = "clinic.concern.red_flag"
	ClinicConcernStop          Key = "clinic.concern.stop"
	ClinicConcernWorsening     Key = "clinic.concern.worsening"
	ClinicConcernNoImprovement Key = "clinic.concern.no_improvement"
	ClinicVerdictBetter        Key = "clinic.verdict.better"
	ClinicVerdictWorse         Key = "clinic.verdict.worse"
	ClinicVerdictSame          Key = "clinic.verdict.same"
	ClinicVerdictUnknown       Key = "clinic.verdict.unknown"
)

var clinicConcernWords = []entry{
	{ClinicConcernEmergency, "Emergency answer in the safety questions"},
	{ClinicConcernRedFlag, "Safety answer that needs a clinician"},
	{ClinicConcernStop, "Stopped an exercise for a safety reason"},
	{ClinicConcernWorsening, "Pain is getting worse"},
	{ClinicConcernNoImprovement, "No improvement after weeks of regular practice"},
	{ClinicVerdictBetter, "better by a meaningful amount (2 points or 30%)"},
	{ClinicVerdictWorse, "worse by a meaningful amount (2 points or 30%)"},
	{ClinicVerdictSame, "no meaningful change yet"},
	{ClinicVerdictUnknown, "not enough pain ratings yet"},
}

func init() { table(clinicConcernWords) }
