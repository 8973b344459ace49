package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"go.yaml.in/yaml/v3"

	"github.com/unhunch/unhunch/message"
)

// SavedOrigin is the Origin of the exercises and routines a person saved in
// the journal (the web form, an import), as against built-ins and files in
// the config directory.
const SavedOrigin = "saved"

// Limits on a file offered for import (issue 20): enough for any real
// collection, far below what would tie up the machine.
const (
	MaxImportBytes   = 8 << 20 // the YAML's size
	MaxImportEntries = 2000    // exercises and routines together
	MaxImportDepth   = 64      // mappings and lists within each other
)

// Saved returns whether the entry was saved by the person in the journal.
func (e *Exercise) Saved() bool { return e.Origin == SavedOrigin }

// Saved returns whether the routine was saved by the person in the journal.
func (r *Routine) Saved() bool { return r.Origin == SavedOrigin }

// originWords names where an entry came from in an issue: "built-in", a
// file's name, or the person's saved entries.
func originWords(origin string) string {
	if origin == SavedOrigin {
		return message.Text(message.CatalogSavedOrigin)
	}
	return origin
}

// SetRename makes the builder give entries added from now on new ids: an
// exercise or routine whose id is a key of rename gets its value, and
// routine entries that name a renamed exercise follow it.
func (b *Builder) SetRename(rename map[string]string) { b.rename = rename }

func (b *Builder) renamed(id string) string {
	if n, ok := b.rename[id]; ok {
		return n
	}
	return id
}

// AddEntry adds one saved entry, the YAML of one exercise or routine
// (kind "exercise" or "routine"), with SavedOrigin; issues name it
// "saved exercise ID".
func (b *Builder) AddEntry(kind, id string, body []byte) []Issue {
	name := "saved " + kind + " " + id
	var doc yaml.Node
	if err := yaml.Unmarshal(body, &doc); err != nil {
		line, msg := splitLine(err.Error(), 0)
		return []Issue{{File: name, Line: line, Message: message.Text(message.CatalogBadYAML, msg)}}
	}
	n := &doc
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	if kind == "routine" {
		return b.addRoutine(name, SavedOrigin, kind, n)
	}
	return b.addExercise(name, SavedOrigin, kind, n)
}

// CheckImport refuses, before anything is decoded, a file offered for
// import that could tie up the machine or hide a mistake: too large, tabs
// in the indentation, anchors and aliases (the "billion laughs"), nesting
// deeper than any entry needs, more entries than MaxImportEntries. nil means
// the file may go on to the ordinary checks (Builder.Add).
func CheckImport(name string, data []byte) []Issue {
	issue := func(line int, k message.Key, args ...any) []Issue {
		return []Issue{{File: name, Line: line, Message: message.Text(k, args...)}}
	}
	if len(data) > MaxImportBytes {
		return issue(0, message.ImportTooLarge, len(data)>>20, MaxImportBytes>>20)
	}
	var tabs []Issue
	for i, line := range bytes.Split(data, []byte("\n")) {
		indent := line[:len(line)-len(bytes.TrimLeft(line, " \t"))]
		if bytes.IndexByte(indent, '\t') >= 0 {
			tabs = append(tabs, issue(i+1, message.ImportTab)...)
			if len(tabs) >= 20 {
				break
			}
		}
	}
	if len(tabs) > 0 {
		return tabs
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	entries := 0
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			line, msg := splitLine(err.Error(), 0)
			return issue(line, message.CatalogBadYAML, msg)
		}
		if is := walkImport(name, &doc, 0, &entries); is != nil {
			return is
		}
	}
}

// walkImport checks one parsed document's nodes: no anchors or aliases, no
// deeper than MaxImportDepth, at most MaxImportEntries entries.
func walkImport(name string, n *yaml.Node, depth int, entries *int) []Issue {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return []Issue{{File: name, Line: n.Line, Message: message.Text(message.ImportAlias)}}
	}
	if depth > MaxImportDepth {
		return []Issue{{File: name, Line: n.Line, Message: message.Text(message.ImportDeep, MaxImportDepth)}}
	}
	if depth == 1 && n.Kind == yaml.MappingNode { // the top level: exercises and routines
		for i := 1; i < len(n.Content); i += 2 {
			if n.Content[i].Kind == yaml.SequenceNode {
				*entries += len(n.Content[i].Content)
			}
		}
		if *entries > MaxImportEntries {
			return []Issue{{File: name, Line: n.Line, Message: message.Text(message.ImportTooMany, *entries, MaxImportEntries)}}
		}
	}
	for _, c := range n.Content {
		if is := walkImport(name, c, depth+1, entries); is != nil {
			return is
		}
	}
	return nil
}

// Export is the file a person's own exercises and routines are written as
// (docs/catalog.md): what `catalog export` writes and `catalog import` reads.
type Export struct {
	Exercises []*Exercise `yaml:"exercises,omitempty"`
	Routines  []*Routine  `yaml:"routines,omitempty"`
}

// Marshal writes v (an *Exercise, a *Routine or an Export) as YAML indented
// by two spaces, the same bytes for the same value.
func Marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := errors.Join(enc.Encode(v), enc.Close()); err != nil {
		return nil, fmt.Errorf("catalog: write YAML: %w", err)
	}
	return buf.Bytes(), nil
}
