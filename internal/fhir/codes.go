package fhir

import (
	"crypto/sha1"
	"fmt"
)

// Codes from the systems the issue and PRODUCT.md §10 name, with the
// display each system gives them. TestCodes pins them.
var (
	// ExerciseTherapy is SNOMED CT 229065009 |Exercise therapy (regime/therapy)|:
	// the category of every care plan and activity, and the code of every
	// session.
	ExerciseTherapy = Coding{System: SNOMED, Code: "229065009", Display: "Exercise therapy"}
	// PainScore is LOINC 72514-3, a pain score 0–10 reported by the person.
	PainScore = Coding{System: LOINC, Code: "72514-3", Display: "Pain severity - 0-10 verbal numeric rating [Score] - Reported"}
	// ExerciseMinutes is LOINC 55411-3, exercise duration: here the minutes
	// of practice in a week (UCUM min/wk).
	ExerciseMinutes = Coding{System: LOINC, Code: "55411-3", Display: "Exercise duration"}
	// Survey and Activity are the observation categories of R4
	// (terminology.hl7.org/CodeSystem/observation-category).
	Survey   = Coding{System: ObservationCategory, Code: "survey", Display: "Survey"}
	Activity = Coding{System: ObservationCategory, Code: "activity", Display: "Activity"}
)

// The systems.
const (
	SNOMED              = "http://snomed.info/sct"
	LOINC               = "http://loinc.org"
	UCUM                = "http://unitsofmeasure.org"
	ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category"
)

// Base is where unhunch's own identifier systems, code systems and
// extensions are named: the project's repository, which it owns. Nothing
// needs to be served there; they are names.
const Base = "https://github.com/unhunch/unhunch/fhir/"

// unhunch's identifier systems: each resource carries the id unhunch knows
// it by, so that an import can put everything back where it was.
const (
	IDPerson      = Base + "id/person"
	IDRoutine     = Base + "id/routine"
	IDSession     = Base + "id/session"
	IDObservation = Base + "id/observation"
	IDScreening   = Base + "id/screening"
	IDFlag        = Base + "id/flag"
)

// unhunch's code systems.
const (
	CSExercise   = Base + "CodeSystem/exercise"          // exercise ids
	CSRoutine    = Base + "CodeSystem/routine"           // routine ids
	CSStopReason = Base + "CodeSystem/stop-reason"       // journal.StopReason
	CSStatus     = Base + "CodeSystem/session-status"    // journal.Status, where R4's does not say it
	CSOutcome    = Base + "CodeSystem/screening-outcome" // safety.Outcome
	CSCondition  = Base + "CodeSystem/condition"         // catalog.Condition
	CSQuestion   = Base + "CodeSystem/question"          // safety.Question ids
	CSFlag       = Base + "CodeSystem/flag"              // what a flag says
	CSMeasure    = Base + "CodeSystem/measure"           // the functional scale, which has no LOINC code
	CSExport     = Base + "CodeSystem/export"            // the tag of a bundle unhunch wrote
)

// Questionnaire is the canonical URL of the screening questions; each
// response names it with the question set it was answered under.
const Questionnaire = Base + "Questionnaire/screening"

// unhunch's extensions.
const (
	ExtSession = Base + "StructureDefinition/session"          // a session's own details
	ExtAttempt = Base + "StructureDefinition/exercise-attempt" // one attempt at an exercise
	ExtReason  = Base + "StructureDefinition/stop-reason"      // why an exercise was set aside
	ExtClears  = Base + "StructureDefinition/clears-condition" // the condition a clearance is for
)

// FormatVersion is the version of the bundle's layout. An import reads
// only bundles of this version, tagged as unhunch's (ExportTag).
const FormatVersion = "1"

// ExportTag marks a bundle (and nothing else) as written by unhunch.
var ExportTag = Coding{System: CSExport, Code: "unhunch-" + FormatVersion, Display: "Written by unhunch"}

// namespace is the UUID namespace of unhunch's ids (a version 4 UUID made
// once for this purpose).
var namespace = [16]byte{0x6b, 0x1f, 0x39, 0x52, 0x0d, 0x7e, 0x4a, 0x8c, 0x9a, 0x54, 0x2e, 0x61, 0xc3, 0x0f, 0x77, 0xd1}

// UUID returns the name-based (version 5, RFC 9562) UUID of name in
// unhunch's namespace: the same name always gives the same id, so exporting
// twice gives the same ids.
func UUID(name string) string {
	h := sha1.New()
	h.Write(namespace[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// URN is the full URL of the resource with the given id.
func URN(id string) string { return "urn:uuid:" + id }

// Names of resources, from which their ids are made. Each starts with the
// person's pseudonym, so two people's bundles never share an id.
func patientName(p string) string              { return p + "/Patient" }
func carePlanName(p, routine string) string    { return p + "/CarePlan/" + routine }
func procedureName(p, session string) string   { return p + "/Procedure/" + session }
func observationName(p, key string) string     { return p + "/Observation/" + key }
func screeningName(p, screening string) string { return p + "/QuestionnaireResponse/" + screening }
func flagName(p, key string) string            { return p + "/Flag/" + key }
