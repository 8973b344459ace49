package catalog

import (
	"embed"
	"errors"
	"io/fs"
)

//go:embed data
var builtinFS embed.FS

// AddBuiltin adds the built-in exercises and routines (PRODUCT.md §2.1, §2.2)
// to b. They are checked by tests, so issues here mean a broken build.
func AddBuiltin(b *Builder) []Issue {
	sub, err := fs.Sub(builtinFS, "data")
	if err != nil {
		return []Issue{{File: BuiltinOrigin, Message: err.Error()}}
	}
	var issues []Issue
	for _, dir := range []string{"exercises", "routines"} {
		d, err := fs.Sub(sub, dir)
		if err != nil {
			return append(issues, Issue{File: BuiltinOrigin, Message: err.Error()})
		}
		issues = append(issues, b.addFS(d, BuiltinOrigin+":"+dir, BuiltinOrigin)...)
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
