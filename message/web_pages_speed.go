package message

// Keys of pages made to read only what they show (issue 16).
const (
	WebHistoryOlder Key = "web.history.older"
)

func init() {
	add(map[Key]string{
		WebHistoryOlder: "Older sessions",
	})
}
