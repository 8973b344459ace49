package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/message"
)

// guidePages maps each topic of `unhunch about` to its title and sections.
var guidePages = map[string]struct {
	title    message.Key
	sections []message.Key
}{
	"safety": {message.AboutSafetyTitle, message.AboutSafetySections},
}

func (a *app) aboutCommand() *cobra.Command {
	return &cobra.Command{
		Use:       "about [TOPIC]",
		Short:     message.Text(message.HelpAbout),
		Long:      message.Text(message.HelpAboutLong),
		Args:      cobra.MaximumNArgs(1),
		ValidArgs: []cobra.Completion{"safety"},
		RunE: func(cmd *cobra.Command, args []string) error {
			topic := "safety"
			if len(args) == 1 {
				topic = args[0]
			}
			page, ok := guidePages[topic]
			if !ok {
				return unhunch.E(unhunch.ENotFound, message.AboutNoTopic, topic, "safety")
			}
			printGuide(a.env.Stdout, page.title, page.sections)
			return nil
		},
	}
}

// printGuide prints a guidance page wrapped to the terminal width.
func printGuide(w io.Writer, title message.Key, sections []message.Key) {
	t := message.Text(title)
	fmt.Fprintf(w, "%s\n%s\n", t, strings.Repeat("=", len([]rune(t))))
	for _, s := range sections {
		h := message.Text(s + ".heading")
		fmt.Fprintf(w, "\n%s\n%s\n", h, strings.Repeat("-", len([]rune(h))))
		for _, para := range strings.Split(person.GuideBody(s+".body"), "\n\n") {
			fmt.Fprintf(w, "\n%s\n", wrap(para, "", ""))
		}
	}
}
