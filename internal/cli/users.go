package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/skip2/go-qrcode"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/message"
)

// defaultPublicURL is where `unhunch serve` answers by default, and so the
// base of sign-in links unless --url says otherwise.
const defaultPublicURL = "http://127.0.0.1:8080"

func (a *app) usersCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "users",
		Short: message.Text(message.HelpUsers),
		Long:  message.Text(message.HelpUsersLong),
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(a.usersAddCommand(), a.usersListCommand(), a.usersLinkCommand(), a.usersPasswordCommand(), a.usersSignoutCommand(), a.usersRemoveCommand(), a.usersExportCommand())
	return cmd
}

// userJSON is an account as `users add`, `users list` and `users link
// --json` print it.
type userJSON struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Role      string    `json:"role"`
	Created   time.Time `json:"created"`
	SignInURL string    `json:"signin_url,omitempty"`
	Expires   string    `json:"signin_expires,omitempty"`
	Adopted   bool      `json:"adopted,omitempty"`
}

func (a *app) usersAddCommand() *cobra.Command {
	var role, base string
	var asJSON, adopt bool
	cmd := &cobra.Command{
		Use:   "add NAME --role person|clinician|admin [--adopt]",
		Short: message.Text(message.HelpUsersAdd),
		Long:  message.Text(message.HelpUsersAddLong),
		Args:  exactArgs(1, message.UsersNeedName),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := args[0]
			if err := account.CheckName(name); err != nil {
				return err
			}
			r, err := account.ParseRole(role)
			if err != nil {
				return err
			}
			baseURL, err := checkBaseURL(base)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			st, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			now := time.Now()
			var opts []store.UserOption
			if adopt {
				opts = append(opts, store.AdoptLocal)
			}
			u, adopted, err := st.CreateUser(ctx, name, r, now, opts...)
			if err != nil {
				return err
			}
			if err := a.printLink(ctx, st, u, baseURL, now, asJSON, adopted, true); err != nil {
				return err
			}
			if left, err := st.HasLocalJournal(ctx); err == nil && left && !asJSON && r == account.RolePerson {
				fmt.Fprintln(a.env.Stdout, message.Text(message.UsersLocalLeft, u.Name, u.Name))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&role, "role", string(account.RolePerson), message.Text(message.FlagUserRole))
	cmd.Flags().BoolVar(&adopt, "adopt", false, message.Text(message.FlagUsersAdopt))
	cmd.Flags().StringVar(&base, "url", defaultPublicURL, message.Text(message.FlagPublicURL))
	cmd.Flags().BoolVar(&asJSON, "json", false, message.Text(message.FlagJSON))
	_ = cmd.RegisterFlagCompletionFunc("role", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{string(account.RolePerson), string(account.RoleClinician), string(account.RoleAdmin)}, cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

func (a *app) usersLinkCommand() *cobra.Command {
	var base string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "link NAME",
		Short: message.Text(message.HelpUsersLink),
		Long:  message.Text(message.HelpUsersLinkLong),
		Args:  exactArgs(1, message.UsersNeedName),
		RunE: func(cmd *cobra.Command, args []string) error {
			baseURL, err := checkBaseURL(base)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			return a.withUser(ctx, args[0], func(st *store.Store, u *account.User) error {
				return a.printLink(ctx, st, u, baseURL, time.Now(), asJSON, false, false)
			})
		},
	}
	cmd.Flags().StringVar(&base, "url", defaultPublicURL, message.Text(message.FlagPublicURL))
	cmd.Flags().BoolVar(&asJSON, "json", false, message.Text(message.FlagJSON))
	return cmd
}

// printLink makes a one-time sign-in link for u and prints it, as JSON or
// as words with a QR code of the link that a phone's camera can open.
func (a *app) printLink(ctx context.Context, st *store.Store, u *account.User, base string, now time.Time, asJSON, adopted, made bool) error {
	token, err := st.CreateSignInLink(ctx, u.ID, now)
	if err != nil {
		return err
	}
	link := base + "/signin/" + token
	expires := now.Add(store.LinkLife)
	if asJSON {
		return writeJSON(a.env.Stdout, userJSON{ID: u.ID, Name: u.Name, Role: string(u.Role), Created: u.Created,
			SignInURL: link, Expires: expires.UTC().Format(time.RFC3339), Adopted: adopted})
	}
	out := a.env.Stdout
	if made {
		fmt.Fprintln(out, message.Text(message.UsersMade, u.Name, string(u.Role)))
		if adopted {
			fmt.Fprintln(out, message.Text(message.UsersAdopted, u.Name))
		}
	}
	fmt.Fprintln(out, message.Text(message.UsersLinkHow, u.Name, expires.Local().Format("Mon 2 Jan 15:04")))
	fmt.Fprintln(out, "  "+link)
	qr, err := qrcode.New(link, qrcode.Medium)
	if err != nil {
		return unhunch.Errorf(unhunch.EInternal, "users: QR code of the link: %w", err)
	}
	// Light modules drawn as blocks: right for the usual dark terminal.
	fmt.Fprint(out, qr.ToSmallString(false))
	fmt.Fprintln(out, message.Text(message.UsersLinkOnce))
	return nil
}

// checkBaseURL returns the server's public base URL (--url) without a
// trailing slash, or an EInvalid error saying what a good one looks like.
func checkBaseURL(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" {
		return "", unhunch.E(unhunch.EInvalid, message.UsersBadURL, s)
	}
	return strings.TrimSuffix(u.String(), "/"), nil
}

func (a *app) usersListCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: message.Text(message.HelpUsersList),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			st, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			users, err := st.Users(ctx)
			if err != nil {
				return err
			}
			if asJSON {
				out := make([]userJSON, 0, len(users))
				for _, u := range users {
					out = append(out, userJSON{ID: u.ID, Name: u.Name, Role: string(u.Role), Created: u.Created})
				}
				return writeJSON(a.env.Stdout, out)
			}
			if len(users) == 0 {
				fmt.Fprintln(a.env.Stdout, message.Text(message.UsersNone))
				return nil
			}
			for _, u := range users {
				fmt.Fprintf(a.env.Stdout, "%-20s %-10s %s\n", u.Name, u.Role, u.Created.Local().Format("2006-01-02"))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, message.Text(message.FlagJSON))
	return cmd
}

func (a *app) usersPasswordCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "password NAME",
		Short: message.Text(message.HelpUsersPassword),
		Long:  message.Text(message.HelpUsersPasswordLong),
		Args:  exactArgs(1, message.UsersNeedName),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			return a.withUser(ctx, args[0], func(st *store.Store, u *account.User) error {
				pw, err := a.readPassword(u.Name)
				if err != nil {
					return err
				}
				if err := st.SetPassword(ctx, u.ID, pw, time.Now()); err != nil {
					return err
				}
				fmt.Fprintln(a.env.Stdout, message.Text(message.UsersPasswordSet, u.Name))
				return nil
			})
		},
	}
	return cmd
}

// readPassword reads a password from standard input: typed without echo
// at a terminal, else its first line (never from a flag, which other
// people on the computer could read in the process list).
func (a *app) readPassword(name string) (string, error) {
	if f, ok := a.env.Stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(a.env.Stderr, message.Text(message.UsersPasswordPrompt, name))
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(a.env.Stderr)
		if err != nil {
			return "", unhunch.E(unhunch.EInvalid, message.UsersPasswordRead, err)
		}
		return string(b), nil
	}
	if a.env.Stdin == nil {
		return "", unhunch.E(unhunch.EInvalid, message.UsersPasswordRead, io.EOF)
	}
	line, err := bufio.NewReader(io.LimitReader(a.env.Stdin, store.PasswordMax+2)).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", unhunch.E(unhunch.EInvalid, message.UsersPasswordRead, err)
	}
	line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
	if line == "" {
		return "", unhunch.E(unhunch.EInvalid, message.UsersPasswordEmpty)
	}
	return line, nil
}

// exactArgs wants n arguments, and says what is missing with the message
// key when they are not there.
func exactArgs(n int, k message.Key) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return unhunch.E(unhunch.EInvalid, k, cmd.CommandPath())
		}
		return nil
	}
}

// withUser opens the journal, finds the account called name and runs f.
func (a *app) withUser(ctx context.Context, name string, f func(st *store.Store, u *account.User) error) error {
	st, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	u, err := st.UserByName(ctx, name)
	if err != nil {
		return err
	}
	return f(st, u)
}
