package message

// Keys of changing a password on the account page (issue 17).
const (
	AccountCurrentPass  Key = "page.account.current_password"
	AccountCurrentWrong Key = "page.account.current_wrong"
)

var passwordChangeWords = []entry{
	{AccountCurrentPass, "Your current password"},
	{AccountCurrentWrong, "That is not your current password. Type it again to change it; if you have forgotten it, ask whoever runs this server for a sign-in link, and sign in with that."},
}

func init() { table(passwordChangeWords) }
