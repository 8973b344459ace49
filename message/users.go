package message

// Keys of `unhunch users` and `unhunch tokens` (issue 17).
const (
	HelpUsers             Key = "help.users"
	HelpUsersLong         Key = "help.users.long"
	HelpUsersAdd          Key = "help.users.add"
	HelpUsersAddLong      Key = "help.users.add.long"
	HelpUsersList         Key = "help.users.list"
	HelpUsersLink         Key = "help.users.link"
	HelpUsersLinkLong     Key = "help.users.link.long"
	HelpUsersPassword     Key = "help.users.password"
	HelpUsersPasswordLong Key = "help.users.password.long"
	HelpTokens            Key = "help.tokens"
	HelpTokensLong        Key = "help.tokens.long"
	HelpTokensCreate      Key = "help.tokens.create"
	HelpTokensCreateLong  Key = "help.tokens.create.long"
	FlagUserRole          Key = "flag.user_role"
	FlagPublicURL         Key = "flag.public_url"
	FlagTokenUser         Key = "flag.token_user"

	UsersNeedName       Key = "users.need_name"
	UsersMade           Key = "users.made"
	UsersAdopted        Key = "users.adopted"
	UsersLinkHow        Key = "users.link_how"
	UsersLinkOnce       Key = "users.link_once"
	UsersBadURL         Key = "users.bad_url"
	UsersNone           Key = "users.none"
	UsersPasswordSet    Key = "users.password_set"
	UsersPasswordPrompt Key = "users.password_prompt"
	UsersPasswordRead   Key = "users.password_read"
	UsersPasswordEmpty  Key = "users.password_empty"
	TokensNeedUser      Key = "tokens.need_user"
	TokensHow           Key = "tokens.how"
)

var usersWords = []entry{
	{HelpUsers, "Accounts on this server: make them, list them, send a sign-in link"},
	{HelpUsersLong, "Accounts let unhunch serve more than this computer: each person signs in on their own phone or computer and sees only their own journal. Once the first account exists, the server asks everyone to sign in. These commands work on the journal --db or the data directory names, also while unhunch serve runs."},
	{HelpUsersAdd, "Make an account and print its sign-in link"},
	{HelpUsersAddLong, "Make an account called NAME with a role (person, clinician or admin; person unless --role says otherwise), and print a one-time sign-in link with a QR code of it: open it with the phone's camera. --url is the address people reach the server at (what serve's --public-url says, or http://127.0.0.1:8080 for serve's default). With --adopt, a person account takes over the journal kept on this server before accounts (its sessions and answers): it becomes theirs. Without it, that journal stays apart: the first account made is not assumed to be the laptop owner's."},
	{HelpUsersList, "List the accounts"},
	{HelpUsersLink, "Print a new sign-in link for an account (a lost phone, a link that ran out)"},
	{HelpUsersLinkLong, "Print a new one-time sign-in link, with its QR code, for the account called NAME: for a new phone, a lost one, or a link that ran out. Links made before keep working until used or 24 hours old."},
	{HelpUsersPassword, "Set an account's password, read from standard input"},
	{HelpUsersPasswordLong, "Set or change the password of the account called NAME, for browsers that cannot keep a passkey. It is read from standard input (typed without showing it at a terminal, or the first line of a pipe), never from the command line, where others could read it. It needs at least 10 characters. Every browser signed in to the account is signed out, since whoever knew the old password may have used it."},
	{HelpTokens, "Tokens for scripts that use the API"},
	{HelpTokensLong, "A token lets a script use the API as an account, sent as \"Authorization: Bearer TOKEN\". Keep it as safe as a password: it is shown once and cannot be shown again."},
	{HelpTokensCreate, "Make a token for a script, acting as an account"},
	{HelpTokensCreateLong, "Make a token that acts as the account --user names, and print it once. Scripts send it as \"Authorization: Bearer TOKEN\"; cookies are not needed."},
	{FlagUserRole, "the account's role: person, clinician or admin"},
	{FlagPublicURL, "the address people open the server at, for the sign-in link"},
	{FlagTokenUser, "the account the token acts as"},

	{UsersNeedName, "%[1]s needs one account name, for example: %[1]s pat"},
	{UsersMade, "Made the account %s (%s)."},
	{UsersAdopted, "The journal kept so far on this server (its sessions and answers) is now %s's."},
	{UsersLinkHow, "To sign in as %s, open this link on their phone or computer before %s:"},
	{UsersLinkOnce, "The link works once. Lost it, or it ran out? unhunch users link NAME makes a new one."},
	{UsersBadURL, "--url %q is not an address a browser can open: give the server's own address, for example http://127.0.0.1:8080 or https://unhunch.example.org"},
	{UsersNone, "There are no accounts yet: unhunch serve answers on this computer only, without sign-in. unhunch users add NAME --role person makes one."},
	{UsersPasswordSet, "The password of %s is set. Every browser signed in to this account is now signed out; sign in again with the new password on the sign-in page."},
	{UsersPasswordPrompt, "New password for %s: "},
	{UsersPasswordRead, "cannot read the password from standard input: %v"},
	{UsersPasswordEmpty, "no password was given: type it, or send it on standard input, for example from a password manager"},
	{TokensNeedUser, "tokens create needs --user NAME: the account the token acts as (unhunch users list shows them)"},
	{TokensHow, "That token acts as %s: send it as \"Authorization: Bearer TOKEN\". It is shown only now."},
}

func init() { table(usersWords) }

// Keys of revoking script tokens.
const (
	HelpTokensRevoke     Key = "help.tokens.revoke"
	TokensRevokeNeedUser Key = "tokens.revoke.need_user"
	TokensRevokedOne     Key = "tokens.revoked.one"
	TokensRevokedMany    Key = "tokens.revoked.many"
)

var tokensRevokeWords = []entry{
	{HelpTokensRevoke, "End every script token of an account (a lost laptop, a leaked token); a running server refuses them within a second"},
	{TokensRevokeNeedUser, "tokens revoke needs --user NAME: whose tokens to end (unhunch users list shows the accounts)"},
	{TokensRevokedOne, "Ended 1 token of %s: it no longer signs anything in."},
	{TokensRevokedMany, "Ended %d tokens of %s: they no longer sign anything in."},
}

func init() { table(tokensRevokeWords) }
