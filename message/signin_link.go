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
