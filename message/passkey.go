package message

// Keys of passkeys kept in the journal (issue 17).
const (
	PasskeyKept    Key = "passkey.kept"
	PasskeyUnknown Key = "passkey.unknown"
	PasskeyCloned  Key = "passkey.cloned"
	PasskeyNoSuch  Key = "passkey.no_such"
)

var passkeyStoreWords = []entry{
	{PasskeyKept, "this passkey is already kept here: there is nothing to add"},
	{PasskeyUnknown, "this passkey does not open an account here: it may have been removed, or its account closed; sign in with your link and add a new one"},
	{PasskeyCloned, "this passkey was not accepted: its counter went backwards, which can mean it was copied; sign in with your link, remove it in Settings and add a new one"},
	{PasskeyNoSuch, "you have no such passkey: Settings lists yours"},
}

func init() { table(passkeyStoreWords) }

// Keys of making and using passkeys in the web app.
const (
	PasskeyNoAccounts Key = "passkey.no_accounts"
	PasskeyNeedsName  Key = "passkey.needs_name"
	PasskeyNoRequest  Key = "passkey.no_request"
	PasskeyBadAnswer  Key = "passkey.bad_answer"
	PasskeyBadName    Key = "passkey.bad_name"
	PasskeyNamed      Key = "passkey.named"
	PasskeyUnnamed    Key = "passkey.unnamed"
)

var passkeyWebWords = []entry{
	{PasskeyNoAccounts, "passkeys are for servers with accounts, and this one has none yet: make one with unhunch users add NAME"},
	{PasskeyNeedsName, "passkeys need the server's name, not a number such as %s: open it as http://localhost:%s (or by its public name) and sign in there"},
	{PasskeyNoRequest, "no passkey request is waiting on this browser (it may have run out): press the button again"},
	{PasskeyBadAnswer, "the passkey's answer could not be checked (%s): press the button to try again"},
	{PasskeyBadName, "a passkey's name is 1 to %d characters on one line"},
	{PasskeyNamed, "Passkey on %s"},
	{PasskeyUnnamed, "Passkey"},
}

func init() { table(passkeyWebWords) }

// Keys of the passkey page after a sign-in link, the sign-in button and
// the list in settings.
const (
	WelcomeTitle Key = "page.welcome.title"
)

var passkeyPageWords = []entry{
	{WelcomeTitle, "You are signed in"},
	{"page.welcome.signed_in", "You are signed in as %s."},
	{"page.welcome.offer", "Add a passkey so that next time you need no link: this phone or computer keeps it, and your fingerprint, face or screen lock opens unhunch."},
	{"page.welcome.later", "Not now"},
	{"page.passkey.add", "Add a passkey"},
	{"page.passkey.working", "Follow what your device asks."},
	{"page.passkey.added", "Passkey added. Next time, choose “Sign in with a passkey”."},
	{"page.passkey.add_cancelled", "No passkey was made. You can try again, or carry on without one."},
	{"page.passkey.unsupported", "This browser cannot keep passkeys. Your sign-in link still works; ask for a new one when it runs out."},
	{"page.passkey.needs_name", "Passkeys need the server's name rather than its number."},
	{"page.passkey.open_named", "Open this page at localhost"},
	{"page.passkey.go_home", "Go to your home page"},
	{"page.passkey.signin", "Sign in with a passkey"},
	{"page.passkey.signin_cancelled", "No passkey was used. Try again, or open your sign-in link."},
	{"page.passkey.h", "Passkeys"},
	{"page.passkey.intro", "A passkey lets you sign in on a phone or computer without a link. Each device keeps its own."},
	{"page.passkey.none", "You have no passkeys yet."},
	{"page.passkey.created", "Added"},
	{"page.passkey.last_used", "last used"},
	{"page.passkey.never", "never"},
	{"page.passkey.remove", "Remove"},
	{"page.passkey.removed", "Passkey removed: it no longer signs you in."},
}

func init() { table(passkeyPageWords) }
