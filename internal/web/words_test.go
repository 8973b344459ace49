package web_test

import (
	"os"
	"path/filepath"
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
				if id, ok := n.Args[0].(*parse.IdentifierNode); ok && len(n.Args) > 1 {
					if s, ok := n.Args[1].(*parse.StringNode); ok {
						switch id.Ident {
						case "t":
							seen++
							if !message.Has(message.Key(s.Text)) {
								t.Errorf("%s: t %q has no text", name, s.Text)
							}
						case "words":
							seen++
							if !message.IsFamily(message.Family(s.Text)) {
								t.Errorf("%s: words %q is not a family of package message", name, s.Text)
							}
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
