package catalog_test

import (
	"strings"
	"testing"

	"github.com/unhunch/unhunch/catalog"
)

// An exercise's easier option (dose.easier) names one of its own positions
// or a substitute for its equipment; anything else is a catalog error with
// file, line and field.
func TestEasierVariantIsChecked(t *testing.T) {
	with := func(easier, positions, equipment string) string {
		s := strings.Replace(goodExercise, "      reps: {min: 5, max: 8}\n", "      reps: {min: 5, max: 8}\n      easier: "+easier+"\n", 1)
		s = strings.Replace(s, "positions: [seated]", "positions: "+positions, 1)
		return strings.Replace(s, "equipment: []", "equipment: "+equipment, 1)
	}
	tests := []struct {
		name, file, field, words string
	}{
		{"another position", with("{position: standing}", "[seated, standing]", "[]"), "", ""},
		{"a substitute", with("{use: towel}", "[seated]", "[foam-roller]\n    substitutes: {foam-roller: [towel]}"), "", ""},
		{"not one of its positions", with("{position: standing}", "[seated]", "[]"), "dose.easier.position", "not one of this exercise's positions"},
		{"not a position at all", with("{position: sofa}", "[seated]", "[]"), "dose.easier.position", "not one of this exercise's positions"},
		{"not a substitute", with("{use: towel}", "[seated]", "[]"), "dose.easier.use", "no substitute"},
		{"both", with("{position: seated, use: towel}", "[seated]", "[]"), "dose.easier", "exactly one"},
		{"neither", with("{}", "[seated]", "[]"), "dose.easier", "exactly one"},
		{"unknown field", with("{sit: yes}", "[seated]", "[]"), "dose.easier.sit", "unknown field"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := catalog.NewBuilder()
			if is := catalog.AddBuiltin(b); len(is) > 0 {
				t.Fatal(is)
			}
			issues := b.Add("mine.yaml", "mine.yaml", []byte(tt.file))
			if tt.field == "" {
				if len(issues) > 0 {
					t.Fatalf("a good easier option is refused: %v", issues)
				}
				return
			}
			if len(issues) == 0 {
				t.Fatalf("no issue; want %s", tt.field)
			}
			is := issues[0]
			if is.File != "mine.yaml" || is.Line != 12 || is.Field != tt.field || !strings.Contains(is.Message, tt.words) {
				t.Errorf("issue %q (line %d, field %q); want line 12, field %q saying %q", is.Error(), is.Line, is.Field, tt.field, tt.words)
			}
		})
	}
}
