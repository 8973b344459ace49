package message

// Keys of the exercise illustrations (package figure): checks of custom
// illustrations, the text alternatives of the drawings, the contact sheet,
// and the command line's --svg.
const (
	FigureBadView           Key = "figure.bad_view"
	FigureBadBase           Key = "figure.bad_base"
	FigureBadProp           Key = "figure.bad_prop"
	FigureDuplicateProp     Key = "figure.duplicate_prop"
	FigureBadPlace          Key = "figure.bad_place"
	FigureBadHeight         Key = "figure.bad_height"
	FigureBadPoint          Key = "figure.bad_point"
	FigureBadPart           Key = "figure.bad_part"
	FigureMissingProp       Key = "figure.missing_prop"
	FigureKeyframeCount     Key = "figure.keyframe_count"
	FigureLongName          Key = "figure.long_name"
	FigureDuplicateKeyframe Key = "figure.duplicate_keyframe"
	FigureBadJoint          Key = "figure.bad_joint"
	FigureNotNumber         Key = "figure.not_number"
	FigureOutOfRange        Key = "figure.out_of_range"
	FigurePoseNames         Key = "figure.pose_names"
	FigureBreathKeyframes   Key = "figure.breath_keyframes"
	FigureBelowFloor        Key = "figure.below_floor"
	FigurePassesThrough     Key = "figure.passes_through"
	FigureContactMissed     Key = "figure.contact_missed"
	FigureLeftPart          Key = "figure.left_part"
	FigureRightPart         Key = "figure.right_part"
	FigureNeedsEquipment    Key = "figure.needs_equipment"
	CatalogExpectedKind     Key = "catalog.expected_kind"
	KindAnyNumber           Key = "kind.any_number"

	FigureTitleFrame    Key = "figure.title_frame"
	FigureTitleAnimated Key = "figure.title_animated"
	FigureTitleSides    Key = "figure.title_sides"
	FigureListSep       Key = "figure.list_sep"
	FigureListAnd       Key = "figure.list_and"

	FigureSheetTitle    Key = "figure.sheet_title"
	FigureSheetIntro    Key = "figure.sheet_intro"
	FigureSheetAnimated Key = "figure.sheet_animated"
	FigureSheetLoop     Key = "figure.sheet_loop"
	FigureSheetNone     Key = "figure.sheet_none"
	FigureSheetViews    Key = "figure.sheet_views"

	FlagSVG           Key = "flag.svg"
	FlagSVGFrame      Key = "flag.svg_frame"
	CLISVGWritten     Key = "cli.svg_written"
	CLISVGNone        Key = "cli.svg_none"
	CLISVGNoFrame     Key = "cli.svg_no_frame"
	CLISVGFrameNoFile Key = "cli.svg_frame_no_file"
	CLISVGWriteFailed Key = "cli.svg_write_failed"
	CLISVGIsDir       Key = "cli.svg_is_dir"
	CLISVGWithJSON    Key = "cli.svg_with_json"
	CLISVGStill       Key = "cli.svg_still"
	CLISVGAnimated    Key = "cli.svg_animated"
	CLISVGCannotDraw  Key = "cli.svg_cannot_draw"
)

var figureWords = []entry{
	{FigureBadView, "%q is not a view; use one of: %s"},
	{FigureBadBase, "%q is not a pose base; use one of: %s"},
	{FigureBadProp, "%q is not a prop; use one of: %s"},
	{FigureDuplicateProp, "%s is listed twice; list each prop once"},
	{FigureBadPlace, "%v is not a usable position; use a number from -%[2]v to %[2]v"},
	{FigureBadHeight, "%v is not a usable height; use a number from 0 to %v"},
	{FigureBadPoint, "%q is not a point of the body; use one of: %s"},
	{FigureBadPart, "%q is not a part of the body; use one of: %s"},
	{FigureMissingProp, "%s is not among the illustration's props; add it to props"},
	{FigureKeyframeCount, "an illustration needs 2 to 4 keyframes, not %d"},
	{FigureLongName, "keep a keyframe name to %d characters"},
	{FigureDuplicateKeyframe, "keyframe name %q is used twice"},
	{FigureBadJoint, "%q is not a joint; joints are: %s"},
	{FigureNotNumber, "%v is not a number of degrees"},
	{FigureOutOfRange, "%s° is outside %s–%s° (keyframe %q)"},
	{FigurePoseNames, "the keyframes must be a start and then the dose's poses in order (%s); found %s"},
	{FigureBreathKeyframes, "a breath-paced exercise needs 2 or 3 keyframes (start, breathing in, breathing out), not %d"},
	{FigureBelowFloor, "in keyframe %q the %s goes %.1f below the floor"},
	{FigurePassesThrough, "in keyframe %q the %s goes %.1f into the %s"},
	{FigureContactMissed, "in keyframe %q the %s does not touch the %s (%.1f away; at most %.0f allowed)"},
	{FigureLeftPart, "left %s"},
	{FigureRightPart, "right %s"},
	{FigureNeedsEquipment, "the exercise needs a %s, but the illustration does not show one; add it (or what can stand in for it) to illustration.props"},
	{CatalogExpectedKind, "expected %s, not %s"},
	{KindAnyNumber, "a number"},

	{FigureTitleFrame, "%s: the %s position"},
	{FigureTitleAnimated, "%s: a figure moving through %s"},
	{FigureTitleSides, "%s: a figure moving through %s, on the %s side and then the %s"},
	{FigureListSep, ", "},
	{FigureListAnd, " and "},

	{FigureSheetTitle, "Exercise illustrations"},
	{FigureSheetIntro, "Every exercise's figure for review: the animation at the starting dose's tempo, and each keyframe still. Figures are drawn by unhunch from a pose model; the accent colour marks what moves."},
	{FigureSheetAnimated, "moving"},
	{FigureSheetLoop, "loop of %s s"},
	{FigureSheetNone, "This exercise has no illustration yet."},
	{FigureSheetViews, "%s view"},

	{FlagSVG, "write the exercise's animated figure to this SVG file (- for stdout)"},
	{FlagSVGFrame, "with --svg, write only this keyframe as a still (e.g. start)"},
	{CLISVGWritten, "Wrote %s: %s."},
	{CLISVGNone, "exercise %q has no illustration; add one to its file (see docs/illustrations.md)"},
	{CLISVGNoFrame, "exercise %q has no keyframe %q; its keyframes are: %s"},
	{CLISVGFrameNoFile, "--svg-frame needs --svg FILE to say where to write the still"},
	{CLISVGWriteFailed, "could not write %s: %v"},
	{CLISVGIsDir, "%s is a directory; give a file name for the SVG"},
	{CLISVGWithJSON, "--svg writes a drawing, --json prints data; use one at a time"},
	{CLISVGStill, "a still of %s"},
	{CLISVGAnimated, "animated, one loop is %s s"},
	{CLISVGCannotDraw, "cannot draw exercise %q (%v); please report this bug"},

	{"figure.part.head", "head"},
	{"figure.part.neck", "neck"},
	{"figure.part.upper_back", "upper back"},
	{"figure.part.mid_back", "middle of the back"},
	{"figure.part.lower_back", "lower back"},
	{"figure.part.back", "back"},
	{"figure.part.hips", "hips"},
	{"figure.part.shoulder", "shoulder"},
	{"figure.part.upper_arm", "upper arm"},
	{"figure.part.elbow", "elbow"},
	{"figure.part.forearm", "forearm"},
	{"figure.part.hand", "hand"},
	{"figure.part.thigh", "thigh"},
	{"figure.part.knee", "knee"},
	{"figure.part.shin", "shin"},
	{"figure.part.foot", "foot"},
	{"figure.part.lumbar", "lower back"},
	{"figure.part.midback", "middle of the back"},
	{"figure.part.upperback", "upper back"},
	{"figure.part.girdle", "shoulder girdle"},
	{"figure.part.pelvis", "pelvis"},
	{"figure.part.root", "hips"},
	{"figure.part.hip", "hip"},
	{"figure.part.face", "face"},
	{"figure.part.blade", "shoulder blade"},

	{"figure.prop.floor", "floor"},
	{"figure.prop.wall", "wall"},
	{"figure.prop.doorway", "door frame"},
	{"figure.prop.chair", "chair"},
	{"figure.prop.foam-roller", "foam roller"},
	{"figure.prop.towel", "rolled towel"},
	{"figure.prop.pillow", "pillow"},
	{"figure.prop.mat", "mat"},
}

func init() { table(figureWords) }
