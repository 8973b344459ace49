package message

// Keys of the health records (issue 18): the FHIR R4 export, its import,
// and the words the records carry for people reading them in a clinic's
// system.
const (
	FHIRPainBefore     Key = "fhir.pain_before"
	FHIRPainAfter      Key = "fhir.pain_after"
	FHIRMinutesWeek    Key = "fhir.minutes_week"
	FHIRPSFS           Key = "fhir.psfs"
	FHIRActivity       Key = "fhir.activity"
	FHIROutcome        Key = "fhir.outcome"
	FHIRFlagged        Key = "fhir.flagged"
	FHIRConditions     Key = "fhir.conditions"
	FHIRCleared        Key = "fhir.cleared"
	FHIRAttempt        Key = "fhir.attempt"
	FHIRAttemptAgain   Key = "fhir.attempt_again"
	FHIRAttemptRated   Key = "fhir.attempt_rated"
	FHIRAttemptStopped Key = "fhir.attempt_stopped"
	FHIRDemo           Key = "fhir.demo"
	FHIRFlagSetAside   Key = "fhir.flag_set_aside"
	FHIRFlagAvoided    Key = "fhir.flag_avoided"
	FHIRFlagCleared    Key = "fhir.flag_cleared"
	FHIRTextSetAside   Key = "fhir.text_set_aside"
	FHIRTextAvoided    Key = "fhir.text_avoided"
	FHIRTextCleared    Key = "fhir.text_cleared"
	FHIRHoldCondition  Key = "fhir.hold_condition"
	FHIRHoldStopped    Key = "fhir.hold_stopped"
	FHIRHoldAvoided    Key = "fhir.hold_avoided"
	FHIRInterrupted    Key = "fhir.interrupted"

	HelpImport     Key = "help.import"
	HelpImportLong Key = "help.import_long"
	FlagImportFmt  Key = "flag.import_format"

	ImportBadFormat  Key = "import.bad_format"
	ImportOpen       Key = "import.open"
	ImportTooBig     Key = "import.too_big"
	ImportNotJSON    Key = "import.not_json"
	ImportNotBundle  Key = "import.not_bundle"
	ImportNotOurs    Key = "import.not_ours"
	ImportVersion    Key = "import.version"
	ImportBadEntry   Key = "import.bad_entry"
	ImportCollide    Key = "import.collide"
	ImportOther      Key = "import.other_person"
	ImportDone       Key = "import.done"
	ImportWhatExport Key = "import.what_export"
	ImportMore       Key = "import.more"

	ImportNoType      Key = "import.no_type"
	ImportIsType      Key = "import.is_type"
	ImportTrailing    Key = "import.trailing"
	ImportJSON        Key = "import.json"
	ImportFullURL     Key = "import.full_url"
	ImportTwoPatients Key = "import.two_patients"
	ImportNoPatient   Key = "import.no_patient"
	ImportIDMismatch  Key = "import.id_mismatch"
	ImportUnknownType Key = "import.unknown_type"
	ImportDuplicate   Key = "import.duplicate"
	ImportBadValue    Key = "import.bad_value"
	ImportNoSession   Key = "import.no_session"
	ImportTwice       Key = "import.twice"
	ImportAbsent      Key = "import.absent"
)

var fhirWords = []entry{
	{FHIRPainBefore, "Pain before the session"},
	{FHIRPainAfter, "Pain after the session"},
	{FHIRMinutesWeek, "Minutes of exercise practice in the week"},
	{FHIRPSFS, "Patient-Specific Functional Scale: %s"},
	{FHIRActivity, "Activity"},
	{FHIROutcome, "What the answers mean for exercising"},
	{FHIRFlagged, "Questions answered yes"},
	{FHIRConditions, "Conditions the answers set"},
	{FHIRCleared, "A clinician cleared the person to exercise"},
	{FHIRAttempt, "%s: %s"},
	{FHIRAttemptAgain, " (attempt %d)"},
	{FHIRAttemptRated, ", rated %s"},
	{FHIRAttemptStopped, ", stopped for %s"},
	{FHIRDemo, "Played %s times as fast as real time: a demo, not counted as practice."},
	{FHIRFlagSetAside, "Exercise set aside after a stop"},
	{FHIRFlagAvoided, "Exercise on the person's avoid list"},
	{FHIRFlagCleared, "Exercise a clinician cleared despite a condition"},
	{FHIRTextSetAside, "%s: set aside after a stop for %s on %s"},
	{FHIRTextAvoided, "%s: on the person's avoid list"},
	{FHIRTextCleared, "%s: cleared by a clinician despite %s"},
	{FHIRHoldCondition, "left out because of %s"},
	{FHIRHoldStopped, "set aside after a stop for %s"},
	{FHIRHoldAvoided, "on the person's avoid list"},
	{FHIRInterrupted, "interrupted: the session ended without being finished"},

	{HelpImport, "Read back records unhunch exported (FHIR), on a new machine"},
	{HelpImportLong, "Read FILE, a FHIR R4 bundle written by 'unhunch export --format fhir', into this journal:\n" +
		"sessions with every exercise, pain scores, safety answers, functional scale scores and the\n" +
		"exercises set aside. Use it to move to a new machine or server. Anything else is refused and\n" +
		"nothing is written: a file that is not a bundle, a bundle another program wrote, or one whose\n" +
		"records are already in this journal (they are listed). Exporting again gives the same bundle."},
	{FlagImportFmt, "format of FILE: %s"},

	{ImportBadFormat, "unknown import format %q; use %s"},
	{ImportOpen, "cannot read %s: %v"},
	{ImportTooBig, "%s is larger than %d MB; it is not a bundle unhunch wrote"},
	{ImportNotJSON, "%s is not JSON (%v); import reads the FHIR bundles 'unhunch export --format fhir' writes"},
	{ImportNotBundle, "%s is not a FHIR bundle (%s); import reads the FHIR bundles 'unhunch export --format fhir' writes"},
	{ImportNotOurs, "%s is a FHIR bundle, but not one unhunch wrote (it has no unhunch tag); import reads only unhunch's own exports, so nothing was imported"},
	{ImportVersion, "%s was written by an unhunch with a bundle layout this one does not know (%s); update unhunch and try again"},
	{ImportBadEntry, "%s: entry %d (%s): %s; the bundle was changed since unhunch wrote it, so nothing was imported"},
	{ImportCollide, "nothing was imported: %d of the bundle's records are already in this journal (%s). Import into a new journal (--data-dir), or leave this one as it is"},
	{ImportOther, "nothing was imported: the bundle holds another person's records (%s) and this journal already holds records of its own (%s)"},
	{ImportDone, "Imported %s. Sessions: %d; safety screenings: %d; functional scale scores: %d; exercises set aside or cleared: %d."},
	{ImportWhatExport, "the FHIR export"},
	{ImportMore, "and %d more"},

	{ImportNoType, "it has no resourceType"},
	{ImportIsType, "it is a %s"},
	{ImportTrailing, "more follows the JSON value"},
	{ImportJSON, "it is not as unhunch writes it (%v)"},
	{ImportFullURL, "its fullUrl %q is not urn:uuid: followed by its id %q"},
	{ImportTwoPatients, "it is a second Patient; unhunch writes one"},
	{ImportNoPatient, "the bundle has no Patient"},
	{ImportIDMismatch, "its id is not the one unhunch makes from its identifier"},
	{ImportUnknownType, "unhunch writes no %s"},
	{ImportDuplicate, "%s comes twice"},
	{ImportBadValue, "%s %q is not as unhunch writes it"},
	{ImportNoSession, "it belongs to session %s, which the bundle does not have"},
	{ImportTwice, "given twice"},
	{ImportAbsent, "missing"},
}

func init() { table(fhirWords) }
