package message

// Keys of the guidance pages (`unhunch about`, and later the web app). Each
// page is a title and sections of a heading and paragraphs.
const (
	AboutSafetyTitle Key = "about.safety.title"
	HelpAbout        Key = "help.about"
	HelpAboutLong    Key = "help.about_long"
	AboutNoTopic     Key = "about.no_topic"
)

// AboutSafetySections lists the section keys of the safety page in order;
// each has "<key>.heading" and "<key>.body" (paragraphs separated by blank lines).
var AboutSafetySections = []Key{
	"about.safety.who", "about.safety.not-yet", "about.safety.before", "about.safety.during",
	"about.safety.soreness", "about.safety.results", "about.safety.not-diagnosis",
}

var aboutWords = []entry{
	{AboutSafetyTitle, "Exercising safely with unhunch"},
	{HelpAbout, "Read plain-language guidance: unhunch about safety"},
	{HelpAboutLong, "Read plain-language guidance. Topics: safety (who these routines suit, who should see a clinician first, how to exercise safely, what soreness is normal, how soon it tends to help)."},
	{AboutNoTopic, "there is no guidance page %q. Topics: %s."},

	{"about.safety.who.heading", "Who these routines are for"},
	{"about.safety.who.body", "They suit an upper back that aches or feels tight because of how you sit and stand: long hours at a desk or a screen, a knot of tension between your shoulder blades, a back that feels a little stiff, or muscles tired from sitting.\n\n" +
		"Gentle stretching eases tight tissue, and simple strengthening wakes up the muscles that hold you upright. Together they usually make everyday posture easier."},
	{"about.safety.not-yet.heading", "When to see a clinician first"},
	{"about.safety.before.heading", "Before you start"},
	{"about.safety.before.body", "There is no need for a formal warm-up. A short walk or a few easy arm circles can help your muscles loosen, if you like.\n\n" +
		"Start with the exercises that feel easiest, at the starting dose. Once or twice a day is plenty; three or four days a week is a fine way to begin. Doing a little often helps more than doing a lot now and then."},
	{"about.safety.during.heading", "While you exercise"},
	{"about.safety.soreness.heading", "What soreness is normal"},
	{"about.safety.soreness.body", "A mild stretching feeling, or slight soreness afterwards, is normal and usually fades within a day.\n\n" +
		"Sharp pain, pain that lingers, or pain that gets worse from one session to the next is not normal. Stop, rest, and if it does not settle, see a doctor or physiotherapist."},
	{"about.safety.results.heading", "How soon it tends to help"},
	{"about.safety.results.body", "Many people notice some easing within a few days of regular practice; mobility, comfort and awareness of posture tend to keep improving over the following weeks.\n\n" +
		"unhunch asks about your pain before and after each session and shows you the trend. If your pain keeps going up, or has not improved after four to six weeks of regular practice, it will suggest you see a doctor or physiotherapist, and you should."},
	{"about.safety.not-diagnosis.heading", "What unhunch is not"},
	{"about.safety.not-diagnosis.body", "unhunch gives general exercise guidance for mild to moderate postural pain. It is not a diagnosis: it cannot tell what is causing your pain, and it does not replace a doctor or physiotherapist who examines you. If you are unsure whether an exercise is right for you, ask a clinician."},
}

func init() { table(aboutWords) }
