package message

// Keys of the figures in the web app.
const (
	WebNoFigure  Key = "web.no_figure"
	WebNoFrame   Key = "web.no_frame"
	WebFigureAlt Key = "web.figure_alt"
)

var figureWebWords = []entry{
	{WebNoFigure, "%s has no figure yet"},
	{WebNoFrame, "%s has no still called %q; its stills are %v"},
	{WebFigureAlt, "A figure doing %s"},
}

func init() { table(figureWebWords) }
