package catalog

import "errors"

// The built-in catalog (the exercises and routines of the seed articles) is
// written as YAML under data/ and compiled into Go literals in
// builtin_data.go by `go generate ./catalog` (internal/builtingen), so that
// start-up costs no parsing at all. A test fails whenever the two disagree.

//go:generate go run ./internal/gen

// AddBuiltin adds the built-in exercises and routines to b. They are checked
// by tests, so an issue here means a broken build.
func AddBuiltin(b *Builder) []Issue {
	exercises, routines := builtinData()
	var issues []Issue
	for _, e := range exercises {
		if prev, ok := b.exByID[e.ID]; ok {
			issues = append(issues, Issue{File: BuiltinOrigin, Entry: "exercise " + e.ID, Message: "duplicate of " + prev.Origin})
			continue
		}
		e.Origin = BuiltinOrigin
		b.exercises = append(b.exercises, e)
		b.exByID[e.ID] = e
	}
	for _, r := range routines {
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
