package fhir

// The FHIR R4 resources and data types unhunch writes, as small typed
// structs: only the elements it uses (no maintained Go FHIR library
// resolves here, ../shared/ENVIRONMENT.md). Field names and shapes follow
// the R4 specification (hl7.org/fhir/R4); every bundle the tests write is
// validated against the official R4 JSON schema by a tool nobody here
// wrote (testdata/validator).

// Bundle is a collection of resources (Bundle.type "collection").
type Bundle struct {
	ResourceType string   `json:"resourceType"`
	ID           string   `json:"id,omitempty"`
	Meta         *Meta    `json:"meta,omitempty"`
	Identifier   *Ident   `json:"identifier,omitempty"`
	Type         string   `json:"type"`
	Entry        []*Entry `json:"entry,omitempty"`
}

// Entry is one entry of a bundle: a resource and its full URL.
type Entry struct {
	FullURL  string `json:"fullUrl"`
	Resource any    `json:"resource"`
}

// Meta holds a resource's tags.
type Meta struct {
	Tag []Coding `json:"tag,omitempty"`
}

// Ident is an Identifier: a value in a system of identifiers.
type Ident struct {
	System string `json:"system"`
	Value  string `json:"value"`
}

// Coding is a code in a code system.
type Coding struct {
	System  string `json:"system,omitempty"`
	Code    string `json:"code,omitempty"`
	Display string `json:"display,omitempty"`
}

// Concept is a CodeableConcept: codings and a text.
type Concept struct {
	Coding []Coding `json:"coding,omitempty"`
	Text   string   `json:"text,omitempty"`
}

// Ref is a Reference to another resource of the bundle, by its full URL.
type Ref struct {
	Reference string `json:"reference,omitempty"`
	Display   string `json:"display,omitempty"`
}

// Period is a time span; End is empty while it is still going on.
type Period struct {
	Start string `json:"start,omitempty"`
	End   string `json:"end,omitempty"`
}

// Quantity is a measured amount with its UCUM unit.
type Quantity struct {
	Value  float64 `json:"value"`
	Unit   string  `json:"unit,omitempty"`
	System string  `json:"system,omitempty"`
	Code   string  `json:"code,omitempty"`
}

// Annotation is a note, with who wrote it when that is not the patient.
type Annotation struct {
	AuthorString string `json:"authorString,omitempty"`
	Time         string `json:"time,omitempty"`
	Text         string `json:"text"`
}

// HumanName is a person's name.
type HumanName struct {
	Text string `json:"text,omitempty"`
}

// Extension carries what no element of R4 holds (unhunch's own details,
// under the URLs in codes.go); nested extensions make a complex one.
type Extension struct {
	URL          string      `json:"url"`
	Extension    []Extension `json:"extension,omitempty"`
	ValueString  string      `json:"valueString,omitempty"`
	ValueCode    string      `json:"valueCode,omitempty"`
	ValueInteger *int        `json:"valueInteger,omitempty"`
	ValueDecimal *float64    `json:"valueDecimal,omitempty"`
	ValueCoding  *Coding     `json:"valueCoding,omitempty"`
	ValuePeriod  *Period     `json:"valuePeriod,omitempty"`
}

// Patient is the person. Pseudonymous: an identifier, and a name only when
// the person gave one (none can be given yet).
type Patient struct {
	ResourceType string      `json:"resourceType"`
	ID           string      `json:"id"`
	Identifier   []Ident     `json:"identifier"`
	Active       bool        `json:"active"`
	Name         []HumanName `json:"name,omitempty"`
}

// CarePlan is a routine the person follows (or, once clinicians exist, was
// prescribed): one activity per exercise.
type CarePlan struct {
	ResourceType string         `json:"resourceType"`
	ID           string         `json:"id"`
	Identifier   []Ident        `json:"identifier"`
	Status       string         `json:"status"`
	Intent       string         `json:"intent"`
	Category     []Concept      `json:"category"`
	Title        string         `json:"title"`
	Description  string         `json:"description,omitempty"`
	Subject      Ref            `json:"subject"`
	Period       *Period        `json:"period,omitempty"`
	Author       *Ref           `json:"author,omitempty"` // the prescribing clinician (issue 17); absent today
	Activity     []PlanActivity `json:"activity,omitempty"`
	Note         []Annotation   `json:"note,omitempty"` // the clinician's note (issue 17); absent today
}

// PlanActivity is one exercise of a care plan.
type PlanActivity struct {
	Detail ActivityDetail `json:"detail"`
}

// ActivityDetail says what the exercise is, its dose and whether it is
// being done. (R4 has no category here, as STU3 had: the care plan's own
// category says exercise therapy.)
type ActivityDetail struct {
	Code            Concept  `json:"code"`
	Status          string   `json:"status"`
	StatusReason    *Concept `json:"statusReason,omitempty"`
	ScheduledString string   `json:"scheduledString,omitempty"`
	Description     string   `json:"description,omitempty"`
}

// Procedure is one session.
type Procedure struct {
	ResourceType    string       `json:"resourceType"`
	ID              string       `json:"id"`
	Extension       []Extension  `json:"extension,omitempty"`
	Identifier      []Ident      `json:"identifier"`
	BasedOn         []Ref        `json:"basedOn,omitempty"`
	Status          string       `json:"status"`
	StatusReason    *Concept     `json:"statusReason,omitempty"`
	Code            Concept      `json:"code"`
	Subject         Ref          `json:"subject"`
	PerformedPeriod *Period      `json:"performedPeriod,omitempty"`
	Note            []Annotation `json:"note,omitempty"`
}

// Observation is a pain score, a week's exercise minutes or a functional
// scale score.
type Observation struct {
	ResourceType      string      `json:"resourceType"`
	ID                string      `json:"id"`
	Identifier        []Ident     `json:"identifier"`
	PartOf            []Ref       `json:"partOf,omitempty"`
	Status            string      `json:"status"`
	Category          []Concept   `json:"category"`
	Code              Concept     `json:"code"`
	Subject           Ref         `json:"subject"`
	EffectiveDateTime string      `json:"effectiveDateTime,omitempty"`
	EffectivePeriod   *Period     `json:"effectivePeriod,omitempty"`
	ValueQuantity     *Quantity   `json:"valueQuantity,omitempty"`
	Component         []Component `json:"component,omitempty"`
}

// Component is a part of an observation: the activity a functional scale
// score is about.
type Component struct {
	Code        Concept `json:"code"`
	ValueString string  `json:"valueString,omitempty"`
}

// QuestionnaireResponse is one screening: each question answered, and the
// outcome.
type QuestionnaireResponse struct {
	ResourceType  string   `json:"resourceType"`
	ID            string   `json:"id"`
	Identifier    *Ident   `json:"identifier"`
	Questionnaire string   `json:"questionnaire"`
	Status        string   `json:"status"`
	Subject       Ref      `json:"subject"`
	Authored      string   `json:"authored"`
	Item          []QRItem `json:"item,omitempty"`
}

// QRItem is one answered question (or the outcome).
type QRItem struct {
	LinkID string     `json:"linkId"`
	Text   string     `json:"text,omitempty"`
	Answer []QRAnswer `json:"answer,omitempty"`
}

// QRAnswer is one answer.
type QRAnswer struct {
	ValueBoolean *bool   `json:"valueBoolean,omitempty"`
	ValueCoding  *Coding `json:"valueCoding,omitempty"`
}

// Flag is an exercise set aside after a stop, on the avoid list, or cleared
// of a condition by a clinician.
type Flag struct {
	ResourceType string      `json:"resourceType"`
	ID           string      `json:"id"`
	Extension    []Extension `json:"extension,omitempty"`
	Identifier   []Ident     `json:"identifier"`
	Status       string      `json:"status"`
	Category     []Concept   `json:"category"`
	Code         Concept     `json:"code"`
	Subject      Ref         `json:"subject"`
	Period       *Period     `json:"period,omitempty"`
}
