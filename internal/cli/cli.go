// Package cli is the unhunch command line: it parses flags, loads the catalog
// (built-ins merged with the person's own files), calls the domain packages
// and prints the results for people or, with --json, for programs.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/message"
)

// Env is what the command line needs from the process: its streams and environment.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
}

// OSEnv returns the Env of the running process.
func OSEnv() Env {
	return Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
}

// app is the state one invocation shares between commands.
type app struct {
	env       Env
	configDir string // where custom catalog files live; "" for the default
	dataDir   string // where the journal lives; "" for the default (see dataPath)
	dbURL     string // a database URL; "" for SQLite in the data directory

	cat *catalog.Catalog // loaded on first use

	// keepJournal keeps the journal addSaved opens for the command's own
	// reads (stateIfAny), for commands that read both.
	keepJournal bool
	journal     sharedJournal
}

// Run executes the command line args and returns the process exit status.
// Errors are printed to env.Stderr with what to do about them.
func Run(args []string, env Env) int {
	return RunContext(context.Background(), args, env)
}

// RunContext is Run until ctx ends: `serve` stops when it does, as on
// Ctrl-C (tests stop a server this way).
func RunContext(ctx context.Context, args []string, env Env) int {
	a := &app{env: env}
	root := a.rootCommand(args)
	root.SetArgs(args)
	root.SetIn(env.Stdin)
	root.SetOut(env.Stdout)
	root.SetErr(env.Stderr)
	err := root.ExecuteContext(ctx)
	a.closeJournal()
	if err == nil {
		return 0
	}
	var ue *unhunch.Error
	if !errors.As(err, &ue) {
		// Only cobra returns untyped errors: unknown commands, flags and
		// argument counts. All of those are mistakes in how it was called.
		err = usageError(err.Error())
	}
	fmt.Fprintf(env.Stderr, "unhunch: %s\n", err)
	return unhunch.ExitCode(err)
}

// rootCommand builds the command tree for args: when they name a top-level
// command, that command alone under the root; otherwise (no command, help,
// completion, a mistyped name) every command, so that help lists them all
// and cobra can suggest the nearest. Building all of them costs about half
// a millisecond of flag sets and words at every start (issue 16), for a
// command that runs one.
func (a *app) rootCommand(args []string) *cobra.Command {
	root := &cobra.Command{
		Use:           "unhunch",
		Short:         message.Text(message.HelpRoot),
		Long:          message.Text(message.HelpRootLong),
		Version:       unhunch.Version,
		SilenceErrors: true,
		SilenceUsage:  true,
		// Bare, at a terminal: offer the routines and coach one (issue 14).
		RunE: func(cmd *cobra.Command, _ []string) error { return a.bare(cmd) },
	}
	root.SetVersionTemplate("unhunch {{.Version}}\n")
	root.PersistentFlags().StringVar(&a.configDir, "config-dir", "", message.Text(message.FlagConfigDir))
	root.PersistentFlags().StringVar(&a.dataDir, "data-dir", "", message.Text(message.FlagDataDir))
	root.PersistentFlags().StringVar(&a.dbURL, "db", "", message.Text(message.FlagDB))
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return unhunch.E(unhunch.EInvalid, message.CLIFlagError, err.Error(), c.CommandPath())
	})
	cmds := a.commands()
	if name := commandName(args); name != "" {
		for _, c := range cmds {
			if slices.Contains(c.names, name) {
				root.AddCommand(c.build())
				return root
			}
		}
	}
	for _, c := range cmds {
		root.AddCommand(c.build())
	}
	return root
}

// topCommand is a top-level command: the words that name it (its name,
// then its aliases) and how to build it.
type topCommand struct {
	names []string
	build func() *cobra.Command
}

// commands lists every top-level command. TestCommandNames checks each
// one's words against the command it builds.
func (a *app) commands() []topCommand {
	return []topCommand{
		{[]string{"exercises", "exercise"}, a.exercisesCommand},
		{[]string{"routines", "routine"}, a.routinesCommand},
		{[]string{"plan"}, a.planCommand},
		{[]string{"catalog"}, a.catalogCommand},
		{[]string{"about"}, a.aboutCommand},
		{[]string{"start"}, a.startCommand},
		{[]string{"screen"}, a.screenCommand},
		{[]string{"history"}, a.historyCommand},
		{[]string{"progress"}, a.progressCommand},
		{[]string{"psfs"}, a.psfsCommand},
		{[]string{"export"}, a.exportCommand},
		{[]string{"import"}, a.importCommand},
		{[]string{"handout"}, a.handoutCommand},
		{[]string{"backup"}, a.backupCommand},
		{[]string{"restore"}, a.restoreCommand},
		{[]string{"serve"}, a.serveCommand},
		{[]string{"schedule"}, a.scheduleCommand},
		{[]string{"remind"}, a.remindCommand},
		{[]string{"users"}, a.usersCommand},
		{[]string{"tokens"}, a.tokensCommand},
	}
}

// rootValueFlags are the root's flags that take a value as the next word.
var rootValueFlags = []string{"--config-dir", "--data-dir", "--db"}

// commandName returns the first word of args that is not a flag of the
// root (or its value): the top-level command they name, or "" when they
// name none.
func commandName(args []string) string {
	for i := 0; i < len(args); i++ {
		switch w := args[i]; {
		case w == "--":
			return ""
		case slices.Contains(rootValueFlags, w):
			i++ // its value is the next word
		case strings.HasPrefix(w, "-"):
		default:
			return w
		}
	}
	return ""
}

// configPath returns the directory of custom catalog files: --config-dir,
// then UNHUNCH_CONFIG_DIR, then $XDG_CONFIG_HOME/unhunch, then ~/.config/unhunch.
func (a *app) configPath() string {
	if a.configDir != "" {
		return a.configDir
	}
	if d := a.env.Getenv("UNHUNCH_CONFIG_DIR"); d != "" {
		return d
	}
	if d := a.env.Getenv("XDG_CONFIG_HOME"); d != "" {
		return filepath.Join(d, "unhunch")
	}
	if h := a.env.Getenv("HOME"); h != "" {
		return filepath.Join(h, ".config", "unhunch")
	}
	return ""
}

// dataPath returns the directory of the journal: --data-dir, then
// UNHUNCH_DATA_DIR, then $XDG_DATA_HOME/unhunch, then ~/.local/share/unhunch.
func (a *app) dataPath() string {
	if a.dataDir != "" {
		return a.dataDir
	}
	if d := a.env.Getenv("UNHUNCH_DATA_DIR"); d != "" {
		return d
	}
	if d := a.env.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "unhunch")
	}
	if h := a.env.Getenv("HOME"); h != "" {
		return filepath.Join(h, ".local", "share", "unhunch")
	}
	return "."
}

// databaseURL returns --db, then UNHUNCH_DB; "" means SQLite in dataPath.
func (a *app) databaseURL() string {
	if a.dbURL != "" {
		return a.dbURL
	}
	return a.env.Getenv("UNHUNCH_DB")
}

// catalog loads the built-ins and every custom file, warning on stderr about
// each entry it leaves out. It never fails because of a custom file.
func (a *app) catalog() (*catalog.Catalog, error) {
	if a.cat != nil {
		return a.cat, nil
	}
	c, issues, err := a.buildCatalog("")
	if err != nil {
		return nil, err
	}
	for _, is := range issues {
		fmt.Fprintln(a.env.Stderr, message.Text(message.CLIWarnSkipped, is.Error()))
	}
	a.cat = c
	return c, nil
}

// buildCatalog loads the built-ins and the custom files, leaving out the file
// at skip (an absolute path) if it is among them.
func (a *app) buildCatalog(skip string) (*catalog.Catalog, []catalog.Issue, error) {
	b := catalog.NewBuilder()
	if issues := catalog.AddBuiltin(b); len(issues) > 0 {
		return nil, nil, unhunch.E(unhunch.EInternal, message.CLIBrokenBuiltin, issues[0].Error())
	}
	var issues []catalog.Issue
	if dir := a.configPath(); dir != "" {
		issues = a.addDir(b, dir, skip)
	}
	issues = append(issues, a.addSaved(b)...)
	c, more := b.Build()
	return c, append(issues, more...), nil
}

// addDir adds the catalog files under dir, if it exists.
func (a *app) addDir(b *catalog.Builder, dir, skip string) []catalog.Issue {
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return []catalog.Issue{{File: dir, Message: message.Text(message.CatalogUnreadable, err)}}
	case !info.IsDir():
		return []catalog.Issue{{File: dir, Message: message.Text(message.CLIConfigNotDir)}}
	}
	fsys := os.DirFS(dir)
	if skip != "" {
		fsys = skipFS{FS: fsys, dir: dir, skip: skip}
	}
	return b.AddFS(fsys, dir)
}

// skipFS hides one file of a directory, so that `catalog check` can check a
// file that lives in the config directory without loading it twice.
type skipFS struct {
	fs.FS
	dir, skip string
}

// ReadDir lists a directory without the skipped file.
func (s skipFS) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(s.FS, name)
	out := entries[:0]
	for _, e := range entries {
		if abs, aerr := filepath.Abs(filepath.Join(s.dir, name, e.Name())); aerr == nil && abs == s.skip {
			continue
		}
		out = append(out, e)
	}
	return out, err
}

var (
	suggestions = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\n\nDid you mean this\?\n((?:\t[^\n]+\n)+)`) })
	forCommand  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`for "([^"]+)"`) })
)

// usageError rewrites one of cobra's errors as one line that says where to
// look for help: cobra puts its suggestions on lines of their own.
func usageError(msg string) error {
	var near []string
	if m := suggestions().FindStringSubmatch(msg); m != nil {
		for _, l := range strings.Split(strings.TrimSpace(m[1]), "\n") {
			near = append(near, strings.TrimSpace(l))
		}
		msg = strings.Replace(msg, m[0], "", 1)
	}
	msg = strings.TrimSpace(msg)
	if len(near) > 0 {
		msg += ". " + message.Text(message.CLIDidYouMean, strings.Join(near, `" or "`))
	}
	cmd := "unhunch"
	if m := forCommand().FindStringSubmatch(msg); m != nil {
		cmd = m[1]
	}
	sep := ". "
	if strings.HasSuffix(msg, "?") || strings.HasSuffix(msg, ".") {
		sep = " "
	}
	return unhunch.E(unhunch.EInvalid, message.CLIUsageError, msg, sep, cmd)
}

// notFound builds the error for an unknown id, suggesting the nearest known one.
func notFound(kind message.Key, id string, known []string, listCmd string) error {
	msg := message.Text(kind, id)
	if near := message.Nearest(id, known); near != "" {
		msg += " " + message.Text(message.CLIDidYouMean, near)
	}
	msg += " " + message.Text(message.CLISeeList, listCmd)
	return unhunch.Errorf(unhunch.ENotFound, "%s", msg)
}

// quoteList joins ids as "a, b, c".
func quoteList(ids []string) string { return strings.Join(ids, ", ") }
