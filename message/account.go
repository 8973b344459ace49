package message

// Keys of accounts, sign-in and roles (issue 17).
const (
	AccountBadRole Key = "account.bad_role"
	AccountBadName Key = "account.bad_name"
)

var accountWords = []entry{
	{AccountBadRole, "%q is not a role: use person, clinician or admin"},
	{AccountBadName, "%q cannot name an account: use 1 to %d letters or digits (and . - _ @ after the first), with no spaces"},
}

func init() { table(accountWords) }

// Keys of the accounts kept in the journal.
const (
	AccountNameTaken  Key = "account.name_taken"
	AccountNoSuchUser Key = "account.no_such_user"
	AccountBadToken   Key = "account.bad_token"
)

var accountStoreWords = []entry{
	{AccountNameTaken, "there is already an account called %q: pick another name (unhunch users list shows them)"},
	{AccountNoSuchUser, "there is no account %q: unhunch users list shows the accounts"},
	{AccountBadToken, "this token is not valid: it may have been mistyped or revoked; make a new one with unhunch tokens create --user NAME"},
}

func init() { table(accountStoreWords) }

// Keys of signing in to the web app and the API.
const (
	AuthSignInNeeded  Key = "auth.sign_in_needed"
	AuthClinicianOnly Key = "auth.clinician_only"
	AuthAdminOnly     Key = "auth.admin_only"
	AuthBadHeader     Key = "auth.bad_header"
)

var authWords = []entry{
	{AuthSignInNeeded, "you need to sign in for this: open your sign-in link, or send a token as \"Authorization: Bearer TOKEN\" (unhunch tokens create --user NAME)"},
	{AuthClinicianOnly, "this is for clinicians: your account cannot use it"},
	{AuthAdminOnly, "this is for the server's admins: your account cannot use it"},
	{AuthBadHeader, "the Authorization header must be \"Bearer TOKEN\""},
}

func init() { table(authWords) }

// Keys of sign-in links.
const (
	AccountBadLink Key = "account.bad_link"
)

var accountLinkWords = []entry{
	{AccountBadLink, "this sign-in link cannot be used: each link works once and for 24 hours; ask for a new one (unhunch users link NAME, or from whoever sent it)"},
}

func init() { table(accountLinkWords) }

// Keys of the sign-in page.
const (
	SigninTitle Key = "page.signin.title"
	SigninHow   Key = "page.signin.how"
	SigninAsk   Key = "page.signin.ask"
)

var signinPageWords = []entry{
	{SigninTitle, "Sign in"},
	{SigninHow, "This unhunch server has accounts: open the sign-in link you were given, on this phone or computer, and you are in."},
	{SigninAsk, "No link, or it has run out? Ask whoever runs the server for a new one; each link works once, for 24 hours."},
}

func init() { table(signinPageWords) }

// Keys of taking over the journal kept before accounts.
const (
	AccountAdoptRole    Key = "account.adopt_role"
	AccountAdoptTaken   Key = "account.adopt_taken"
	AccountAdoptNothing Key = "account.adopt_nothing"
	UsersLocalLeft      Key = "users.local_left"
	FlagUsersAdopt      Key = "flag.users.adopt"
)

var accountAdoptWords = []entry{
	{AccountAdoptRole, "only a person account can take over the journal kept so far, not a %s account: leave out --adopt, or make it with --role person"},
	{AccountAdoptTaken, "another account has already taken over the journal kept so far: leave out --adopt"},
	{AccountAdoptNothing, "there is no journal kept so far to take over (no sessions or answers without an account): leave out --adopt"},
	{UsersLocalLeft, "The journal kept so far on this server (before accounts) stays apart and is not %s's. If it is theirs, remove this account (unhunch users remove %s --yes) and make it again with --adopt."},
	{FlagUsersAdopt, "make this person the owner of the journal kept so far on this server (its sessions and answers)"},
}

func init() { table(accountAdoptWords) }
