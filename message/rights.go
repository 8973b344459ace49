package message

// Keys of a person's rights over their data (issue 17): downloading
// everything and erasing their account.
const (
	RightsNoAccount   Key = "rights.no_account"
	RightsConfirm     Key = "rights.confirm"
	RightsHeading     Key = "page.rights.heading"
	RightsIntro       Key = "page.rights.intro"
	RightsDownload    Key = "page.rights.download"
	RightsFHIR        Key = "page.rights.fhir"
	RightsEraseTitle  Key = "page.rights.erase_title"
	RightsEraseIntro  Key = "page.rights.erase_intro"
	RightsEraseLabel  Key = "page.rights.erase_label"
	RightsEraseButton Key = "page.rights.erase_button"
	RightsErased      Key = "page.rights.erased"

	HelpUsersRemove     Key = "help.users.remove"
	HelpUsersRemoveLong Key = "help.users.remove.long"
	HelpUsersExport     Key = "help.users.export"
	FlagUsersYes        Key = "flag.users.yes"
	UsersRemoveConfirm  Key = "users.remove.confirm"
	UsersRemoved        Key = "users.removed"
	UsersRemovedTable   Key = "users.removed.table"
	ArgAccountName      Key = "arg.account_name"
)

var rightsWords = []entry{
	{RightsNoAccount, "there is no account to delete: this server keeps one journal, on this computer, without accounts; to remove it, delete the data folder (unhunch about shows where it is)"},
	{RightsConfirm, "to delete your account, type its name, %s, exactly: nothing was deleted"},
	{RightsHeading, "Your data"},
	{RightsIntro, "Everything unhunch keeps about you is yours: download it whenever you like."},
	{RightsDownload, "Download everything (JSON)"},
	{RightsFHIR, "Download as a health record (FHIR)"},
	{RightsEraseTitle, "Delete your account"},
	{RightsEraseIntro, "This deletes your account and erases everything kept about you: sessions, screenings, ratings, your schedule and any links with clinicians. It cannot be undone, so download your data first if you may want it."},
	{RightsEraseLabel, "Type your account name, %s, to confirm"},
	{RightsEraseButton, "Delete my account and my data"},
	{RightsErased, "Your account and everything kept about you have been erased."},

	{HelpUsersRemove, "Delete an account and erase everything kept about it"},
	{HelpUsersRemoveLong, "Deletes the account NAME and erases everything kept about that person: sessions with every outcome, screenings, clearances, set-aside exercises, functional-scale ratings, the schedule, tokens, sign-in links, passkeys, passwords and care links. It cannot be undone: download it first with unhunch users export NAME. Asks for --yes."},
	{HelpUsersExport, "Write everything kept about an account as JSON"},
	{FlagUsersYes, "erase without asking again: the account and everything kept about it"},
	{UsersRemoveConfirm, "this would erase the account %s and everything kept about it, which cannot be undone; run it again with --yes to erase"},
	{UsersRemoved, "Erased the account %s and everything kept about it:"},
	{UsersRemovedTable, "  %s: %d"},
	{ArgAccountName, "an account name"},
}

func init() { table(rightsWords) }

// Keys of erasing an admin account.
const RightsLastAdmin Key = "rights.last_admin"

var rightsAdminWords = []entry{
	{RightsLastAdmin, "you are this server's only admin: make another admin first (unhunch users add NAME --role admin), then delete this account; nothing was deleted"},
}

func init() { table(rightsAdminWords) }
