package message

// Keys of passwords, sign-in limits and calendar addresses (issue 17).
const (
	PasswordBadLength Key = "password.bad_length"
	PasswordWrong     Key = "password.wrong"
	CalendarBadToken  Key = "calendar.bad_token"
)

var passwordWords = []entry{
	{PasswordBadLength, "a password needs at least %d characters (and at most %d bytes): a few words you can remember make a good one"},
	{PasswordWrong, "that name and password do not match an account: check both and try again, or sign in with a sign-in link"},
	{CalendarBadToken, "this calendar address is not valid any more: copy the new one from your account page in Settings"},
}

func init() { table(passwordWords) }
