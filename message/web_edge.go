package message

// Keys of the web server's edge: the Host check.
const (
	WebWrongHost Key = "web.wrong_host"
)

func init() {
	add(map[Key]string{
		WebWrongHost: "unhunch only answers to this machine's own names (localhost, 127.0.0.1, [::1]), and this request was for %q. A web page on another site may be trying to reach your journal. If you typed that address yourself, open http://127.0.0.1:%s/ instead.",
	})
}
