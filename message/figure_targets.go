package message

// Keys of the figures' views, targets, positions and sizes (issue 15).
const (
	FigureBesideSame   Key = "figure.beside_same"
	FigureBadZoom      Key = "figure.bad_zoom"
	FigureBadMeasure   Key = "figure.bad_measure"
	FigureTargetJoints Key = "figure.target_joints"
	FigureTargetPoints Key = "figure.target_points"
	FigureTargetRange  Key = "figure.target_range"
	FigureTargetWhy    Key = "figure.target_why"
	FigureTargetMissed Key = "figure.target_missed"
	FigureRangeBetween Key = "figure.range_between"
	FigureRangeAtLeast Key = "figure.range_at_least"
	FigureRangeAtMost  Key = "figure.range_at_most"

	FlagSVGSize      Key = "flag.svg_size"
	FlagSVGPosition  Key = "flag.svg_position"
	CLISVGBadSize    Key = "cli.svg_bad_size"
	CLISVGNeedsSVG   Key = "cli.svg_needs_svg"
	CLISVGNoPosition Key = "cli.svg_no_position"
	CLISVGPositionIn Key = "cli.svg_position_in"

	WebNoPosition Key = "web.no_position"
)

var figureTargetsWords = []entry{
	{FigureBesideSame, "beside shows the %s view again; choose another view or leave beside out"},
	{FigureBadZoom, "%v is not a usable zoom; use a number from 1.5 to 4"},
	{FigureBadMeasure, "%q is not a measure; use one of: %s"},
	{FigureTargetJoints, "name the joints whose angles add up, for example [neck, head]"},
	{FigureTargetPoints, "%s measures %d points of the body, not %d"},
	{FigureTargetRange, "give min, max or both, as numbers, with min no more than max"},
	{FigureTargetWhy, "say which step asks for this, in why"},
	{FigureTargetMissed, "in keyframe %q %s is %s, but the steps ask for %s (%s)"},
	{FigureRangeBetween, "%s to %s"},
	{FigureRangeAtLeast, "at least %s"},
	{FigureRangeAtMost, "at most %s"},

	{"figure.measure.joints", "the angles of %s added up"},
	{"figure.measure.tilt", "the slope from %s to %s"},
	{"figure.measure.height", "the height of %s"},
	{"figure.measure.across", "how far %s reaches past the middle of the body"},
	{"figure.measure.ahead", "how far %s is ahead of %s"},
	{"figure.measure.apart", "the distance from %s to %s"},
	{"figure.measure.aim", "the angle at %s between %s and %s"},

	{FlagSVGSize, "with --svg, the drawing's width in pixels, from 48 to 4096 (the height is three quarters of it)"},
	{FlagSVGPosition, "with --svg, draw the exercise in this position (one of its positions; default: its first)"},
	{CLISVGBadSize, "--size %v is not a width unhunch can draw; give a number of pixels from 48 to 4096"},
	{CLISVGNeedsSVG, "%s needs --svg FILE to say where to write the drawing"},
	{CLISVGNoPosition, "exercise %q has no position %q; its positions are: %s"},
	{CLISVGPositionIn, "%s (%s)"},

	{WebNoPosition, "%s has no position %q; its positions are: %s"},
}

func init() { table(figureTargetsWords) }
