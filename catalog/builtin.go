package catalog

import (
	_ "embed"
	"encoding/json"
	"errors"
)

// builtinJSON is the built-in catalog (PRODUCT.md §2.1, §2.2). Its source is
// the YAML under data/; the JSON is generated from it by
// `go test ./catalog -run TestBuiltinJSON -update` because parsing JSON at
// start-up is about ten times faster than parsing YAML, and a test fails
// whenever the two disagree.
//
//go:embed data/builtin.json
var builtinJSON []byte

// builtinFile is the shape of data/builtin.json.
type builtinFile struct {
	Exercises []*Exercise `json:"exercises"`
	Routines  []*Routine  `json:"routines"`
}

// AddBuiltin adds the built-in exercises and routines to b. They are checked
// by tests, so an issue here means a broken build.
func AddBuiltin(b *Builder) []Issue {
	var f builtinFile
	if err := json.Unmarshal(builtinJSON, &f); err != nil {
		return []Issue{{File: BuiltinOrigin, Message: err.Error()}}
	}
	var issues []Issue
	for _, e := range f.Exercises {
		if prev, ok := b.exByID[e.ID]; ok {
			issues = append(issues, Issue{File: BuiltinOrigin, Entry: "exercise " + e.ID, Message: "duplicate of " + prev.Origin})
			continue
		}
		e.Origin = BuiltinOrigin
		b.exercises = append(b.exercises, e)
		b.exByID[e.ID] = e
	}
	for _, r := range f.Routines {
		if prev, ok := b.rtByID[r.ID]; ok {
			issues = append(issues, Issue{File: BuiltinOrigin, Entry: "routine " + r.ID, Message: "duplicate of " + prev.Origin})
			continue
		}
		r.Origin = BuiltinOrigin
		b.routines = append(b.routines, pendingRoutine{r: r, file: BuiltinOrigin})
		b.rtByID[r.ID] = r
	}
	return issues
}

// Builtin returns the catalog of built-in content alone.
func Builtin() (*Catalog, error) {
	b := NewBuilder()
	issues := AddBuiltin(b)
	c, more := b.Build()
	issues = append(issues, more...)
	if len(issues) > 0 {
		errs := make([]error, len(issues))
		for i, is := range issues {
			errs[i] = is
		}
		return c, errors.Join(errs...)
	}
	return c, nil
}
