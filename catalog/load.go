package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/message"
)

// BuiltinOrigin is the Origin of every built-in exercise and routine.
const BuiltinOrigin = "built-in"

// Issue is one problem found while loading catalog files, located as exactly
// as the file allows.
type Issue struct {
	File    string `json:"file"`            // the file's name as given to Add
	Line    int    `json:"line,omitempty"`  // 1-based; 0 when unknown
	Entry   string `json:"entry,omitempty"` // e.g. "exercise chin-tucks"
	Field   string `json:"field,omitempty"` // dotted path within the entry
	Message string `json:"message"`
	// Taken is the id, when the problem is an id already in use (by a
	// built-in, a file or a saved entry): one an import can rename.
	Taken string `json:"-"`
}

// Error renders the issue as "file:line: entry: field: message".
func (i Issue) Error() string {
	var b strings.Builder
	b.WriteString(printable(i.File))
	if i.Line > 0 {
		fmt.Fprintf(&b, ":%d", i.Line)
	}
	for _, s := range []string{i.Entry, i.Field, i.Message} {
		if s != "" {
			b.WriteString(": ")
			b.WriteString(printable(s))
		}
	}
	return b.String()
}

// UnmarshalYAML reads a routine entry written as an exercise id alone
// ("- chin-tucks") or as a mapping with an id and amounts.
func (it *Item) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*it = Item{ID: n.Value}
		return nil
	}
	type plain Item
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	// An amount written as 0 would silently mean "the starting dose".
	for _, k := range []string{"reps", "hold", "hold_breaths", "seconds", "sets"} {
		if v := mapValue(n, k); v != nil && v.Kind == yaml.ScalarNode {
			if num, err := strconv.Atoi(v.Value); err == nil {
				if err := dose.CheckWritten(v, num); err != nil {
					return err
				}
			}
		}
	}
	*it = Item(p)
	return nil
}

type pendingRoutine struct {
	r    *Routine
	file string
	node *yaml.Node
}

// Builder merges catalog files into a Catalog. Add files in order (built-ins
// first), then call Build. A bad entry is reported and left out; the rest load.
type Builder struct {
	exercises []*Exercise
	routines  []pendingRoutine
	exByID    map[string]*Exercise
	rtByID    map[string]*Routine
	rename    map[string]string // SetRename
}

// NewBuilder returns an empty Builder.
func NewBuilder() *Builder {
	return &Builder{exByID: map[string]*Exercise{}, rtByID: map[string]*Routine{}}
}

// leadingLine matches the "yaml: line N: " prefix of the YAML library's errors.
var leadingLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?:yaml: )?line (\d+): `) })

// splitLine separates a YAML error into its line (or fallback) and message.
func splitLine(msg string, fallback int) (int, string) {
	m := leadingLine().FindStringSubmatch(msg)
	if m == nil {
		return fallback, strings.TrimPrefix(msg, "yaml: ")
	}
	line, _ := strconv.Atoi(m[1])
	return line, msg[len(m[0]):]
}

// Add parses one file's bytes and keeps every entry that is valid on its own.
// origin is recorded on each entry; name is used in issues.
func (b *Builder) Add(name, origin string, data []byte) []Issue {
	var issues []Issue
	fileIssue := func(line int, msg string) {
		issues = append(issues, Issue{File: name, Line: line, Message: msg})
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	docs := 0
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line, msg := splitLine(err.Error(), 0)
			fileIssue(max(line, firstBadLine(data)), message.Text(message.CatalogBadYAML, msg))
			return issues
		}
		docs++
		issues = append(issues, b.addDocument(name, origin, &doc)...)
	}
	if docs == 0 {
		fileIssue(0, message.Text(message.CatalogEmptyFile))
	}
	return issues
}

// firstBadLine returns the number of the first line at which the file stops
// being valid YAML, by parsing ever longer prefixes. The YAML library names
// the line where the enclosing block began, which can be far from the
// mistake. Only used on the error path; 0 when it cannot tell.
func firstBadLine(data []byte) int {
	lines := bytes.SplitAfter(data, []byte("\n"))
	if len(lines) > 2000 {
		return 0
	}
	end := 0
	for i, l := range lines {
		end += len(l)
		dec := yaml.NewDecoder(bytes.NewReader(data[:end]))
		for {
			var n yaml.Node
			err := dec.Decode(&n)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return i + 1
			}
		}
	}
	return 0
}

func (b *Builder) addDocument(name, origin string, doc *yaml.Node) []Issue {
	var issues []Issue
	root := doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		return []Issue{{File: name, Line: root.Line, Message: message.Text(message.CatalogNotMapping)}}
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i], root.Content[i+1]
		switch key.Value {
		case "exercises", "routines":
		default:
			issues = append(issues, Issue{File: name, Line: key.Line, Field: key.Value,
				Message: message.Text(message.CatalogUnknownField, key.Value, "exercises, routines")})
			continue
		}
		if val.Kind == yaml.ScalarNode && val.Tag == "!!null" {
			continue
		}
		if val.Kind != yaml.SequenceNode {
			issues = append(issues, Issue{File: name, Line: val.Line, Field: key.Value,
				Message: message.Text(message.CatalogNotList)})
			continue
		}
		for j, n := range val.Content {
			entry := fmt.Sprintf("%s[%d]", key.Value, j)
			if key.Value == "exercises" {
				issues = append(issues, b.addExercise(name, origin, entry, n)...)
			} else {
				issues = append(issues, b.addRoutine(name, origin, entry, n)...)
			}
		}
	}
	return issues
}

// pathTo returns the dotted path of node target within n ("dose.hold.min",
// "exercises[0].reps"), or "" if target is n or not within it.
func pathTo(n, target *yaml.Node) string {
	var walk func(n *yaml.Node, at string) (string, bool)
	walk = func(n *yaml.Node, at string) (string, bool) {
		if n == target {
			return at, true
		}
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				path := n.Content[i].Value
				if at != "" {
					path = at + "." + path
				}
				if p, ok := walk(n.Content[i+1], path); ok {
					return p, true
				}
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				if p, ok := walk(c, fmt.Sprintf("%s[%d]", at, i)); ok {
					return p, true
				}
			}
		}
		return "", false
	}
	p, _ := walk(n, "")
	return p
}

// entryName names an entry by its id when it has one: "exercise chin-tucks".
func entryName(kind, fallback string, n *yaml.Node) string {
	if id := mapValue(n, "id"); id != nil && id.Kind == yaml.ScalarNode && id.Value != "" {
		if _, bad := controlRune(id.Value); !bad {
			return kind + " " + id.Value
		}
	}
	return fallback
}

// fieldAt returns the dotted path of the deepest key within n whose key or
// scalar value sits on line, or "" if none does.
func fieldAt(n *yaml.Node, line int) string {
	best := ""
	var walk func(n *yaml.Node, at string)
	walk = func(n *yaml.Node, at string) {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				path := k.Value
				if at != "" {
					path = at + "." + k.Value
				}
				if k.Line == line || v.Line == line {
					best = path
				}
				walk(v, path)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				path := fmt.Sprintf("%s[%d]", at, i)
				if c.Line == line && c.Kind == yaml.ScalarNode {
					best = path
				}
				walk(c, path)
			}
		}
	}
	walk(n, "")
	return best
}

var cannotUnmarshal = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile("^cannot unmarshal !!(\\w+)(?: `(.*)`)? into (.+)$") })

// wrongType turns the YAML library's "cannot unmarshal !!str `x` into int"
// into words for people.
func wrongType(msg string) string {
	m := cannotUnmarshal().FindStringSubmatch(msg)
	if m == nil {
		return message.Text(message.CatalogWrongType, msg)
	}
	kind := func(k message.Key) string { return message.Text(k) }
	got := map[string]message.Key{"str": message.KindText, "int": message.KindNumber, "float": message.KindNumber,
		"bool": message.KindYesNo, "map": message.KindMapping, "seq": message.KindList, "null": message.KindNothing}[m[1]]
	want := message.KindText
	switch t := m[3]; {
	case strings.HasPrefix(t, "[]"):
		want = message.KindList
	case strings.HasPrefix(t, "map["):
		want = message.KindMapping
	case t == "int":
		want = message.KindNumber
	case t == "float64":
		want = message.KindAnyNumber
	case t == "bool":
		want = message.KindYesNo
	case t == "figure.Illustration" || t == "figure.Keyframe" || t == "figure.Prop" || t == "figure.Contact" || t == "figure.Anchor" ||
		t == "figure.Target" || t == "figure.Inset" || t == "catalog.PositionIllustration":
		want = message.KindMapping
	case strings.HasPrefix(t, "figure."):
		want = message.KindText
	case strings.Contains(t, ".") && !strings.HasPrefix(t, "catalog.") && !strings.HasPrefix(t, "dose."):
		want = message.KindMapping
	case t == "catalog.Exercise" || t == "catalog.Routine" || t == "catalog.Item" || t == "catalog.Cues" || t == "catalog.Source" ||
		t == "dose.Dose" || t == "dose.Tempo" || t == "dose.Pose":
		want = message.KindMapping
	}
	if got == "" {
		got = message.KindText
	}
	if !strings.Contains(msg, "`") { // a list or mapping has no value to quote
		return message.Text(message.CatalogExpectedKind, kind(want), kind(got))
	}
	return message.Text(message.CatalogExpected, kind(want), kind(got), m[2])
}

// decodeEntry checks n for unknown fields, then decodes it into v.
func decodeEntry(name, entry string, n *yaml.Node, v any) []Issue {
	var issues []Issue
	strictFields(n, reflect.TypeOf(v).Elem(), "", func(line int, field, msg string) {
		issues = append(issues, Issue{File: name, Line: line, Entry: entry, Field: field, Message: msg})
	})
	if len(issues) > 0 {
		return issues
	}
	if err := n.Decode(v); err != nil {
		var ne *dose.NodeError
		if errors.As(err, &ne) {
			return []Issue{{File: name, Line: ne.Node.Line, Entry: entry, Field: pathTo(n, ne.Node), Message: ne.Message}}
		}
		var te *yaml.TypeError
		if errors.As(err, &te) {
			for _, e := range te.Errors {
				line, msg := splitLine(e, n.Line)
				issues = append(issues, Issue{File: name, Line: line, Entry: entry, Field: fieldAt(n, line), Message: wrongType(msg)})
			}
			return issues
		}
		line, msg := splitLine(err.Error(), n.Line)
		return []Issue{{File: name, Line: line, Entry: entry, Field: fieldAt(n, line), Message: msg}}
	}
	return nil
}

func locate(name, entry string, n *yaml.Node, ps []dose.Problem) []Issue {
	issues := make([]Issue, len(ps))
	for i, p := range ps {
		issues[i] = Issue{File: name, Line: lineOf(n, p.Field), Entry: entry, Field: p.Field, Message: p.Message}
	}
	slices.SortStableFunc(issues, func(a, b Issue) int { return a.Line - b.Line })
	return issues
}

func (b *Builder) addExercise(name, origin, entry string, n *yaml.Node) []Issue {
	var e Exercise
	entry = entryName("exercise", entry, n)
	if issues := controlIssues(name, entry, n); issues != nil {
		return issues
	}
	if issues := decodeEntry(name, entry, n, &e); issues != nil {
		return issues
	}
	e.ID = b.renamed(e.ID)
	if issues := locate(name, entry, n, e.Validate()); len(issues) > 0 {
		return issues
	}
	if prev, ok := b.exByID[e.ID]; ok {
		return []Issue{{File: name, Line: lineOf(n, "id"), Entry: entry, Field: "id",
			Message: message.Text(message.CatalogDuplicateID, e.ID, originWords(prev.Origin)), Taken: e.ID}}
	}
	e.Origin = origin
	e.Dose = e.Dose.Normalize()
	b.exercises = append(b.exercises, &e)
	b.exByID[e.ID] = &e
	return nil
}

func (b *Builder) addRoutine(name, origin, entry string, n *yaml.Node) []Issue {
	var r Routine
	entry = entryName("routine", entry, n)
	if issues := controlIssues(name, entry, n); issues != nil {
		return issues
	}
	if issues := decodeEntry(name, entry, n, &r); issues != nil {
		return issues
	}
	r.ID = b.renamed(r.ID)
	for i := range r.Exercises {
		r.Exercises[i].ID = b.renamed(r.Exercises[i].ID)
	}
	if issues := locate(name, entry, n, r.Validate()); len(issues) > 0 {
		return issues
	}
	if prev, ok := b.rtByID[r.ID]; ok {
		return []Issue{{File: name, Line: lineOf(n, "id"), Entry: entry, Field: "id",
			Message: message.Text(message.CatalogDuplicateID, r.ID, originWords(prev.Origin)), Taken: r.ID}}
	}
	r.Origin = origin
	b.routines = append(b.routines, pendingRoutine{r: &r, file: name, node: n})
	b.rtByID[r.ID] = &r
	return nil
}

// Build returns the catalog of every valid entry added so far, leaving out
// (and reporting) routines that name missing exercises or amounts their
// exercises do not allow.
func (b *Builder) Build() (*Catalog, []Issue) {
	c := &Catalog{exercises: b.exercises, exByID: b.exByID, rtByID: map[string]*Routine{}}
	var issues []Issue
	for _, p := range b.routines {
		r := p.r
		var ps problems
		round := 1
		for i, it := range r.Exercises {
			field := fmt.Sprintf("exercises[%d]", i)
			if it.Round < 0 || it.Round > MaxRound || max(it.Round, 1) < round {
				ps.add(field+".round", message.CatalogBadRound, it.Round, MaxRound, round)
			}
			round = max(round, it.Round)
			e, ok := b.exByID[it.ID]
			if !ok {
				ps.add(field+".id", message.CatalogMissingExercise, it.ID)
				continue
			}
			checkItem(&ps, field, it, e)
		}
		if len(ps) > 0 {
			issues = append(issues, locate(p.file, "routine "+r.ID, p.node, ps)...)
			continue
		}
		c.routines = append(c.routines, r)
		c.rtByID[r.ID] = r
	}
	return c, issues
}

// AddFS adds every *.yaml and *.yml file under fsys, in lexical order,
// naming each by prefix joined with its path. Files that cannot be read are
// reported like any other issue.
func (b *Builder) AddFS(fsys fs.FS, prefix string) []Issue {
	return b.addFS(fsys, prefix, "")
}

// addFS is AddFS with a fixed origin for every entry; "" means each file's name.
func (b *Builder) addFS(fsys fs.FS, prefix, origin string) []Issue {
	var issues []Issue
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		name := path.Join(prefix, p)
		if err != nil {
			issues = append(issues, Issue{File: name, Message: message.Text(message.CatalogUnreadable, err)})
			return nil
		}
		if d.IsDir() || !(strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			issues = append(issues, Issue{File: name, Message: message.Text(message.CatalogUnreadable, err)})
			return nil
		}
		o := origin
		if o == "" {
			o = name
		}
		issues = append(issues, b.Add(name, o, data)...)
		return nil
	})
	if err != nil {
		issues = append(issues, Issue{File: prefix, Message: message.Text(message.CatalogUnreadable, err)})
	}
	return issues
}

// strictFields reports mapping keys that match no field of t, recursively.
func strictFields(n *yaml.Node, t reflect.Type, at string, report func(line int, field, msg string)) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n.Kind == yaml.AliasNode {
		return // anchors are checked where they are defined; following could loop
	}
	join := func(key string) string {
		if at == "" {
			return key
		}
		return at + "." + key
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return
		}
		fields := yamlFields(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			ft, ok := fields[k.Value]
			if !ok {
				report(k.Line, join(k.Value), message.Text(message.CatalogUnknownField, k.Value, strings.Join(sortedKeys(fields), ", ")))
				continue
			}
			strictFields(v, ft, join(k.Value), report)
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return
		}
		for i, c := range n.Content {
			strictFields(c, t.Elem(), fmt.Sprintf("%s[%d]", at, i), report)
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			strictFields(n.Content[i+1], t.Elem(), join(n.Content[i].Value), report)
		}
	}
}

// yamlFields maps each YAML key a struct accepts to its field type, following
// inline fields.
func yamlFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if slices.Contains(strings.Split(opts, ","), "inline") {
			for k, v := range yamlFields(f.Type) {
				out[k] = v
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out[name] = f.Type
	}
	return out
}

// lineOf returns the line of the node at a dotted path ("dose.hold.min",
// "steps[2]") within n, or of the deepest node on the way that exists.
func lineOf(n *yaml.Node, field string) int {
	if n == nil {
		return 0
	}
	line := n.Line
	cur := n
	for part := range strings.SplitSeq(field, ".") {
		key, rest, _ := strings.Cut(part, "[")
		if key != "" {
			next := mapValue(cur, key)
			if next == nil {
				return line
			}
			cur, line = next, next.Line
		}
		for rest != "" {
			idx, after, _ := strings.Cut(rest, "]")
			rest = strings.TrimPrefix(after, "[")
			i, err := strconv.Atoi(idx)
			if err != nil || cur.Kind != yaml.SequenceNode || i < 0 || i >= len(cur.Content) {
				return line
			}
			cur = cur.Content[i]
			line = cur.Line
		}
	}
	return line
}

func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}
