package message

// Keys of the page a sign-in link opens, and of signing out on every
// device (issue 17's follow-ups).
const (
	SigninLinkTitle  Key = "page.signin_link.title"
	SigninLinkAs     Key = "page.signin_link.as"
	SigninLinkWhy    Key = "page.signin_link.why"
	SigninLinkNotYou Key = "page.signin_link.not_you"
	SigninLinkButton Key = "page.signin_link.button"
	SigninLinkBadH   Key = "page.signin_link.bad_h"
	SigninLinkBadWhy Key = "page.signin_link.bad_why"
	SigninLinkOther  Key = "page.signin_link.other"
)

var signinLinkWords = []entry{
	{SigninLinkTitle, "Sign in"},
	{SigninLinkAs, "Sign in as %s"},
	{SigninLinkWhy, "This link signs you in on this browser. It works once: it is spent when you press the button."},
	{SigninLinkNotYou, "If %s is not you, close this page: someone may have sent you their own link."},
	{SigninLinkButton, "Sign in"},
	{SigninLinkBadH, "This sign-in link cannot be used"},
	{SigninLinkBadWhy, "Each sign-in link works once, for 24 hours, and this one has been used or is too old. Ask for a new one: whoever looks after this server makes it with unhunch users link NAME. Or sign in another way."},
	{SigninLinkOther, "Other ways to sign in"},
}

func init() { table(signinLinkWords) }

// Keys of signing out on every device.
const (
	SignoutAllH      Key = "page.signout_all.h"
	SignoutAllWhat   Key = "page.signout_all.what"
	SignoutAllButton Key = "page.signout_all.button"
	SignoutAllDone   Key = "page.signout_all.done"
)

var signoutAllWords = []entry{
	{SignoutAllH, "Signed in somewhere else?"},
	{SignoutAllWhat, "Each browser you sign in on stays signed in for 30 days. If you lost a phone, or signed in on a computer that is not yours, you can end all of them at once, this one too. Scripts' tokens are not touched: unhunch tokens revoke ends those."},
	{SignoutAllButton, "Sign out on every device"},
	{SignoutAllDone, "You are signed out on every device. Sign in again here when you are ready."},
}

func init() { table(signoutAllWords) }

// Keys of `unhunch users signout`.
const (
	HelpUsersSignout     Key = "help.users.signout"
	HelpUsersSignoutLong Key = "help.users.signout.long"
	UsersSignedOut       Key = "users.signed_out"
)

var usersSignoutWords = []entry{
	{HelpUsersSignout, "Sign an account out on every device"},
	{HelpUsersSignoutLong, "End every web session of the account called NAME, on every server that shares this journal: for a lost phone, or a computer someone else uses. The person signs in again with a new link (unhunch users link NAME), a password or a passkey. Script tokens are not touched; unhunch tokens revoke --user NAME ends those. Changing a password with unhunch users password also signs the account out everywhere."},
	{UsersSignedOut, "%[1]s is signed out on every device. Script tokens still work: unhunch tokens revoke --user %[1]s ends those."},
}

func init() { table(usersSignoutWords) }
