package web_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"text/template/parse"

	"github.com/unhunch/unhunch/message"
)

// Every key a template names has its text (t "key"), and every family it
// takes words from is one of message.Families (words "prefix." value): the
// templates' words are checked as the code's are (TestEveryKeyHasText,
// TestEveryFamilyHasText).
func TestTemplateWords(t *testing.T) {
	names, err := filepath.Glob("templates/*.html")
	if err != nil || len(names) < 10 {
		t.Fatalf("templates: %v %v", names, err)
	}
	seen := 0
	for _, name := range names {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		tr := parse.New(name)
		tr.Mode = parse.SkipFuncCheck
		trees := map[string]*parse.Tree{}
		if _, err := tr.Parse(string(src), "", "", trees); err != nil {
			t.Fatal(err)
		}
		var walk func(n parse.Node)
		walk = func(n parse.Node) {
			switch n := n.(type) {
			case *parse.ListNode:
				if n != nil {
					for _, c := range n.Nodes {
						walk(c)
					}
				}
			case *parse.ActionNode:
				walk(n.Pipe)
			case *parse.PipeNode:
				if n != nil {
					for _, c := range n.Cmds {
						walk(c)
					}
				}
			case *parse.CommandNode:
				if id, ok := n.Args[0].(*parse.IdentifierNode); ok {
					// Where each function takes its keys: t KEY args…, n COUNT ONE MANY, words FAMILY id.
					for _, i := range map[string][]int{"t": {1}, "n": {2, 3}, "words": {1}}[id.Ident] {
						if i >= len(n.Args) {
							t.Errorf("%s: %s needs a key as argument %d", name, n, i)
							continue
						}
						k, ok := n.Args[i].(*parse.StringNode)
						if !ok {
							t.Errorf("%s: %s: the key must be a constant in the template, not %s", name, n, n.Args[i])
							continue
						}
						seen++
						switch {
						case id.Ident == "words" && !message.IsFamily(message.Family(k.Text)):
							t.Errorf("%s: words %q is not a family of package message", name, k.Text)
						case id.Ident != "words" && !message.Has(message.Key(k.Text)):
							t.Errorf("%s: %s %q has no text", name, id.Ident, k.Text)
						}
					}
				}
				for _, a := range n.Args {
					walk(a)
				}
			case *parse.IfNode:
				walk(n.Pipe)
				walk(n.List)
				walk(n.ElseList)
			case *parse.RangeNode:
				walk(n.Pipe)
				walk(n.List)
				walk(n.ElseList)
			case *parse.WithNode:
				walk(n.Pipe)
				walk(n.List)
				walk(n.ElseList)
			case *parse.TemplateNode:
				walk(n.Pipe)
			}
		}
		for _, tr := range trees {
			walk(tr.Root)
		}
	}
	if seen < 10 {
		t.Fatalf("found only %d words in the templates: the walk missed them", seen)
	}
}

// The templates and the layout hold no words of their own: every word a
// person reads (text, and the alt, title, label and placeholder
// attributes, and data attributes that hold sentences for the scripts)
// comes from the message table through t, n or words, so a second language
// is a table, not a rewrite (issue 14).
func TestTemplatesHaveNoWords(t *testing.T) {
	names, err := filepath.Glob("templates/*.html")
	if err != nil || len(names) < 10 {
		t.Fatalf("templates: %v %v", names, err)
	}
	checked := 0
	for _, name := range names {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range wordsIn(string(src)) {
			t.Errorf("%s: words of its own: %q; put them in the message table and use t", name, w)
		}
		checked++
	}
	// The check itself finds words where there are some.
	if got := wordsIn(`<p>{{t "x"}} · Hello <a title="Go on" href="/x">{{.N}}</a><img alt=""></p><div data-x="a b"></div>`); len(got) != 3 {
		t.Errorf("the check finds %q in a sample with three pieces of text", got)
	}
}

// actions matches a template action.
var actions = regexp.MustCompile(`(?s)\{\{.*?\}\}`)

// entities matches an HTML character reference.
var entities = regexp.MustCompile(`&(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]+);`)

// letters matches a letter of any script.
var letters = regexp.MustCompile(`\pL`)

// wordsIn returns the pieces of a template that people read and that hold
// letters outside actions: text between tags, and the values of the
// attributes that people read or hear.
func wordsIn(src string) []string {
	s := actions.ReplaceAllString(src, "\x00")
	var out []string
	check := func(v string) {
		v = entities.ReplaceAllString(strings.ReplaceAll(v, "\x00", " "), " ")
		if letters.MatchString(v) {
			out = append(out, strings.TrimSpace(v))
		}
	}
	read := map[string]bool{"alt": true, "title": true, "aria-label": true, "placeholder": true, "label": true, "aria-description": true}
	for len(s) > 0 {
		lt := strings.IndexByte(s, '<')
		if lt < 0 {
			check(s)
			break
		}
		check(s[:lt])
		s = s[lt:]
		if strings.HasPrefix(s, "<!") {
			gt := strings.IndexByte(s, '>')
			if gt < 0 {
				break
			}
			s = s[gt+1:]
			continue
		}
		// A tag: its name, then attributes up to '>'.
		i := 1
		for i < len(s) && s[i] != '>' && s[i] != ' ' && s[i] != '\n' {
			i++
		}
		tag := strings.ToLower(strings.TrimPrefix(s[1:i], "/"))
		s = s[i:]
		for len(s) > 0 && s[0] != '>' {
			s = strings.TrimLeft(s, " \n\t/")
			j := 0
			for j < len(s) && s[j] != '=' && s[j] != ' ' && s[j] != '>' && s[j] != '\n' {
				j++
			}
			attr := strings.ToLower(s[:j])
			s = s[j:]
			if !strings.HasPrefix(s, "=") {
				continue
			}
			s = s[1:]
			var val string
			if len(s) > 0 && (s[0] == '"' || s[0] == '\'') {
				end := strings.IndexByte(s[1:], s[0])
				if end < 0 {
					return append(out, "an unclosed attribute")
				}
				val, s = s[1:end+1], s[end+2:]
			} else {
				k := strings.IndexAny(s, " >\n")
				if k < 0 {
					k = len(s)
				}
				val, s = s[:k], s[k:]
			}
			if read[attr] || (strings.HasPrefix(attr, "data-") && strings.Contains(strings.TrimSpace(strings.ReplaceAll(val, "\x00", "")), " ")) {
				check(val)
			}
		}
		if len(s) > 0 {
			s = s[1:]
		}
		if tag == "script" || tag == "style" { // their content is code
			if k := strings.Index(s, "</"+tag); k >= 0 {
				s = s[k:]
			}
		}
	}
	return out
}
