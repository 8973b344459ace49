package fhir_test

import (
	"regexp"
	"testing"

	"github.com/unhunch/unhunch/internal/fhir"
	"github.com/unhunch/unhunch/safety"
)

// The codes are the ones the issue and PRODUCT.md §10 name, in the systems
// they belong to, with those systems' displays.
func TestCodes(t *testing.T) {
	for _, c := range []struct {
		got  fhir.Coding
		want fhir.Coding
	}{
		{fhir.ExerciseTherapy, fhir.Coding{System: "http://snomed.info/sct", Code: "229065009", Display: "Exercise therapy"}},
		{fhir.PainScore, fhir.Coding{System: "http://loinc.org", Code: "72514-3", Display: "Pain severity - 0-10 verbal numeric rating [Score] - Reported"}},
		{fhir.ExerciseMinutes, fhir.Coding{System: "http://loinc.org", Code: "55411-3", Display: "Exercise duration"}},
		{fhir.Survey, fhir.Coding{System: "http://terminology.hl7.org/CodeSystem/observation-category", Code: "survey", Display: "Survey"}},
		{fhir.Activity, fhir.Coding{System: "http://terminology.hl7.org/CodeSystem/observation-category", Code: "activity", Display: "Activity"}},
	} {
		if c.got != c.want {
			t.Errorf("%+v, want %+v", c.got, c.want)
		}
	}
	// LOINC codes end in a check digit (mod 10): a typo shows.
	for _, code := range []string{fhir.PainScore.Code, fhir.ExerciseMinutes.Code} {
		if !loincCheck(code) {
			t.Errorf("LOINC %s: the check digit is wrong", code)
		}
	}
	// SNOMED CT ids end in a Verhoeff check digit.
	if !verhoeff(fhir.ExerciseTherapy.Code) {
		t.Errorf("SNOMED CT %s: the check digit is wrong", fhir.ExerciseTherapy.Code)
	}
}

// loincCheck checks a LOINC code's mod-10 check digit.
func loincCheck(code string) bool {
	m := regexp.MustCompile(`^(\d+)-(\d)$`).FindStringSubmatch(code)
	if m == nil {
		return false
	}
	digits := m[1]
	sum := 0
	// From the right: double every other digit, starting with the rightmost.
	for i := 0; i < len(digits); i++ {
		d := int(digits[len(digits)-1-i] - '0')
		if i%2 == 0 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return (10-sum%10)%10 == int(m[2][0]-'0')
}

// verhoeff checks a number with its Verhoeff check digit at the end.
func verhoeff(num string) bool {
	d := [10][10]int{{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
		{3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
		{6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4}, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}}
	p := [8][10]int{{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
		{8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
		{2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}}
	c := 0
	for i := 0; i < len(num); i++ {
		c = d[c][p[i%8][int(num[len(num)-1-i]-'0')]]
	}
	return c == 0
}

// The check digit checks can fail.
func TestCheckDigits(t *testing.T) {
	if loincCheck("72514-4") || loincCheck("55411-2") || verhoeff("229065008") {
		t.Error("a wrong check digit passed")
	}
}

// A screening's response has items for the outcome, the questions answered
// yes, the conditions and a clinician's clearance: no question may have one
// of their ids.
func TestItemsAreNotQuestions(t *testing.T) {
	for _, q := range safety.Questions {
		switch q.ID {
		case "outcome", "flagged", "conditions", "cleared-by-clinician":
			t.Errorf("question %s has the id of a response's own item", q.ID)
		}
	}
}

// UUID is a version 5 UUID, stable, and different for different names.
func TestUUID(t *testing.T) {
	a, b := fhir.UUID("x/Patient"), fhir.UUID("y/Patient")
	if a == b || a != fhir.UUID("x/Patient") || !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(a) {
		t.Errorf("%s %s", a, b)
	}
}
