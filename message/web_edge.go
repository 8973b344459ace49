package message

// Keys of the web server's edge: the Host check.
const (
	WebWrongHost Key = "web.wrong_host"
)

var webEdgeWords = []entry{
	{WebWrongHost, "unhunch only answers to this machine's own names (localhost, 127.0.0.1, [::1]), and this request was for %q. A web page on another site may be trying to reach your journal. If you typed that address yourself, open http://127.0.0.1:%s/ instead."},
}

func init() { table(webEdgeWords) }

// Keys of the checks of events against their session.
const (
	WebWrongExercise Key = "web.wrong_exercise"
	WebBadAmount     Key = "web.bad_amount"
	WebPlayedNone    Key = "web.played_none"
	WebPlayedOrder   Key = "web.played_order"
)

var webEdgeWords2 = []entry{
	{WebWrongExercise, "%q is not the exercise at index %d of this session: it planned %q there"},
	{WebBadAmount, "%s: %s for %s"},
	{WebPlayedNone, "exercises must list the exercises the player plays, at least one"},
	{WebPlayedOrder, "exercises %s are not %s's exercises in its order (%s), some perhaps left out; send the exercises the player plays"},
}

func init() { table(webEdgeWords2) }
