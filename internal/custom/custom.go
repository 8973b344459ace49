// Package custom holds a person's own exercises and routines kept in the
// journal (issue 20): merging them into the catalog the person sees,
// checking a file offered for import (YAML, or a zip of YAML and pictures)
// and writing the export file. The checks are the catalog's own, so an
// import says what `catalog check` would say, with file, line and field.
package custom

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/message"
)

// The kinds of a person's own catalog entries.
const (
	KindExercise = "exercise" // an exercise of the person's own
	KindRoutine  = "routine"  // a routine of the person's own
)

// MaxPictures is how many pictures an exercise of one's own may have.
const MaxPictures = 3

// Entry is one exercise or routine of the person's own: its YAML, one
// entry in the format of docs/catalog.md, checked before it is saved.
type Entry struct {
	Kind    string    // KindExercise or KindRoutine
	ID      string    // the entry's id
	Body    string    // the entry's YAML
	Created time.Time // when it was first saved
	Updated time.Time // when it was last changed
}

// Picture is one re-encoded picture of an exercise of the person's own.
type Picture struct {
	ExerciseID string
	N          int    // 0, 1 or 2: its place among the exercise's pictures
	MediaType  string // image/png or image/jpeg
	Width      int
	Height     int
	Data       []byte
}

// Reader is what reading a person's own entries needs of the journal.
type Reader interface {
	CustomEntries(ctx context.Context) ([]Entry, error)
	AllPictures(ctx context.Context) ([]Picture, error)
}

// Writer is what saving them needs of the journal.
type Writer interface {
	AddCustom(ctx context.Context, entries []Entry, pictures []Picture, at time.Time) error
}

// AddSaved adds the saved entries to b after what it has (built-ins and the
// config directory's files), exercises first so that routines find them.
func AddSaved(b *catalog.Builder, entries []Entry) []catalog.Issue {
	var issues []catalog.Issue
	for _, kind := range []string{KindExercise, KindRoutine} {
		for _, e := range entries {
			if e.Kind == kind {
				issues = append(issues, b.AddEntry(kind, e.ID, []byte(e.Body))...)
			}
		}
	}
	return issues
}

// importOrigin marks, while an import is checked, the entries that came
// from the file.
const importOrigin = "\x00import"

// Batch is a checked import: what saving it adds.
type Batch struct {
	Exercises []*catalog.Exercise
	Routines  []*catalog.Routine
	Entries   []Entry // their YAML, exercises first
	Pictures  []Picture
}

// Check checks a file offered for import against base, a builder holding
// everything the person has (the built-ins, the config directory's files,
// the saved entries), with ids renamed as rename says. It returns every
// problem with file, line and field; a batch only when there are none.
// data is the YAML itself, or a zip holding it and pictures (IsZip).
func Check(base *catalog.Builder, name string, data []byte, rename map[string]string) (Batch, []catalog.Issue) {
	var pics map[string][][]byte
	if IsZip(data) {
		var issues []catalog.Issue
		data, pics, issues = readZip(name, data)
		if len(issues) > 0 {
			return Batch{}, issues
		}
	}
	if issues := catalog.CheckImport(name, data); len(issues) > 0 {
		return Batch{}, issues
	}
	base.SetRename(rename)
	issues := base.Add(name, importOrigin, data)
	base.SetRename(nil)
	c, more := base.Build()
	for _, is := range more {
		if is.File == name {
			issues = append(issues, is)
		}
	}
	var b Batch
	for _, e := range c.Exercises() {
		if e.Origin == importOrigin {
			b.Exercises = append(b.Exercises, e)
		}
	}
	for _, r := range c.Routines() {
		if r.Origin == importOrigin {
			b.Routines = append(b.Routines, r)
		}
	}
	if len(b.Exercises)+len(b.Routines) == 0 && len(issues) == 0 {
		issues = append(issues, catalog.Issue{File: name, Message: message.Text(message.ImportNothing)})
	}
	pictures, pissues := checkPictures(name, pics, b.Exercises, rename)
	issues = append(issues, pissues...)
	if len(issues) > 0 {
		return Batch{}, issues
	}
	b.Pictures = pictures
	for _, e := range b.Exercises {
		body, err := catalog.Marshal(e)
		if err != nil {
			return Batch{}, []catalog.Issue{{File: name, Entry: "exercise " + e.ID, Message: err.Error()}}
		}
		b.Entries = append(b.Entries, Entry{Kind: KindExercise, ID: e.ID, Body: string(body)})
	}
	for _, r := range b.Routines {
		body, err := catalog.Marshal(r)
		if err != nil {
			return Batch{}, []catalog.Issue{{File: name, Entry: "routine " + r.ID, Message: err.Error()}}
		}
		b.Entries = append(b.Entries, Entry{Kind: KindRoutine, ID: r.ID, Body: string(body)})
	}
	return b, nil
}

// Taken lists the ids the issues say are already in use, in order, once each.
func Taken(issues []catalog.Issue) []string {
	var out []string
	for _, is := range issues {
		if is.Taken != "" && !slices.Contains(out, is.Taken) {
			out = append(out, is.Taken)
		}
	}
	return out
}

// FreeID returns id with the smallest suffix "-2", "-3", … that is not in
// use in c: the rename offered for an id that is taken.
func FreeID(c *catalog.Catalog, id string) string {
	for n := 2; ; n++ {
		cand := id + "-" + strconv.Itoa(n)
		_, ex := c.Exercise(cand)
		_, rt := c.Routine(cand)
		if !ex && !rt {
			return cand
		}
	}
}

// Decode reads saved entries back into records, without checking them
// again: exercises and routines in the order they were added.
func Decode(entries []Entry) (catalog.Export, error) {
	var out catalog.Export
	for _, e := range entries {
		switch e.Kind {
		case KindExercise:
			var x catalog.Exercise
			if err := yaml.Unmarshal([]byte(e.Body), &x); err != nil {
				return out, unhunch.E(unhunch.EInvalid, message.CustomBadSaved, e.ID, err).Wrap(err)
			}
			out.Exercises = append(out.Exercises, &x)
		case KindRoutine:
			var r catalog.Routine
			if err := yaml.Unmarshal([]byte(e.Body), &r); err != nil {
				return out, unhunch.E(unhunch.EInvalid, message.CustomBadSaved, e.ID, err).Wrap(err)
			}
			out.Routines = append(out.Routines, &r)
		}
	}
	return out, nil
}

// UsedBy lists the routines of c that name the exercise id.
func UsedBy(c *catalog.Catalog, id string) []string {
	var out []string
	for _, r := range c.Routines() {
		for _, it := range r.Exercises {
			if it.ID == id {
				out = append(out, r.ID)
				break
			}
		}
	}
	return out
}

// Deletable returns the kind of the saved entry id in c, or an error saying
// why it cannot be deleted: there is none, it is not the person's own
// (built-in, a file), or routines still use it.
func Deletable(c *catalog.Catalog, id string) (string, error) {
	if e, ok := c.Exercise(id); ok {
		if !e.Saved() {
			return "", unhunch.E(unhunch.EConflict, message.CustomNotYours, id, e.Origin)
		}
		if used := UsedBy(c, id); len(used) > 0 {
			return "", unhunch.E(unhunch.EConflict, message.CustomInUse, id, strings.Join(used, ", "))
		}
		return KindExercise, nil
	}
	if r, ok := c.Routine(id); ok {
		if !r.Saved() {
			return "", unhunch.E(unhunch.EConflict, message.CustomNotYours, id, r.Origin)
		}
		return KindRoutine, nil
	}
	return "", unhunch.E(unhunch.ENotFound, message.CustomNoEntry, id)
}
