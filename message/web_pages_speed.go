package message

// Keys of pages made to read only what they show (issue 16).
const (
	WebHistoryOlder Key = "web.history.older"
)

var webPagesSpeedWords = []entry{
	{WebHistoryOlder, "Older sessions"},
}

func init() { table(webPagesSpeedWords) }
