package person_test

import (
	"testing"

	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/progress"
)

func TestDoseLine(t *testing.T) {
	c := builtin(t)
	e, ok := c.Exercise("wall-angels")
	if !ok {
		t.Fatal("no wall-angels in the built-in catalog")
	}
	words := person.DoseWords{Easier: message.CLIDoseEasier, Yours: message.CLIDoseYours, Start: message.CLIDoseStart}
	start := e.Dose.Describe(e.Dose.Start())
	more := e.Dose.Target()
	tests := []struct {
		name string
		lv   *progress.Level
		want string
	}{
		{"never practised", nil, message.Text(message.CLIDoseStart, start)},
		{"at the start", &progress.Level{Amount: e.Dose.Start()}, message.Text(message.CLIDoseStart, start)},
		{"further on", &progress.Level{Amount: more}, message.Text(message.CLIDoseYours, e.Dose.Describe(more), start)},
		{"the easier way", &progress.Level{Amount: e.Dose.Easier(), Easier: true},
			message.Text(message.CLIDoseEasier, person.DoseNow(e, &progress.Level{Amount: e.Dose.Easier(), Easier: true}))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := person.DoseLine(e, tt.lv, words); got != tt.want {
				t.Errorf("DoseLine = %q, want %q", got, tt.want)
			}
		})
	}
}
