package message

// Keys of issue 11's honest figures: what a routine takes now, against its
// time box and as doses grow (planner.Fit.Words, the routine lists); demo
// sessions; and the easier option below the starting dose.
const (
	FitNowStart    Key = "fit.now_start"
	FitNowLevels   Key = "fit.now_levels"
	FitNoneBox     Key = "fit.none_box"
	FitFills       Key = "fit.fills"
	FitShort       Key = "fit.short"
	FitOver        Key = "fit.over"
	FitGrowsNoBox  Key = "fit.grows_no_box"
	FitGrowsShort  Key = "fit.grows_short"
	FitGrowsWithin Key = "fit.grows_within"
	FitGrowsOver   Key = "fit.grows_over"
	FitNoFilling   Key = "fit.no_filling"

	ListFits            Key = "list.fits"
	ListShort           Key = "list.short"
	ListOver            Key = "list.over"
	ListTopOver         Key = "list.top_over"
	CLIRoutinesShowHint Key = "cli.routines_show_hint"
	CheckShort          Key = "check.short"

	StoreBadTimeScale Key = "store.bad_time_scale"
	StartDemo         Key = "start.demo"
	HistoryDemo       Key = "history.demo"
	ProgressDemo      Key = "progress.demo"
	ProgressDemos     Key = "progress.demos"
	WebBadTimeScale   Key = "web.bad_time_scale"
	DoseVariantOne    Key = "dose.variant_one"

	EasierPosition Key = "easier.position"
	EasierUse      Key = "easier.use"
	EasierAmount   Key = "easier.amount"
	StartEasier    Key = "start.easier"
	// StartBackFromEasier is said when an exercise left its easier option.
	StartBackFromEasier Key = "start.back_from_easier"
	RoutineEasier       Key = "routine.easier"
	ProgressEasier      Key = "progress.easier"

	CatalogEasierPosition Key = "catalog.easier_position"
	CatalogEasierUse      Key = "catalog.easier_use"
)

var honestWords = []entry{
	{FitNowStart, "It takes %s at the starting dose."},
	{FitNowLevels, "It takes %s at today's doses (%s at the starting dose)."},
	{FitNoneBox, "It has no time box."},
	{FitFills, "That fits its time box (%s), with %s to spare."},
	{FitShort, "That is %s shorter than its time box (%s)."},
	{FitOver, "That is %s over its time box (%s)."},
	{FitGrowsNoBox, "As doses grow it takes longer: up to %s with every dose at the top of its range."},
	{FitGrowsShort, "As doses grow it takes longer: %s with every dose at the top of its range, still %s short of the box."},
	{FitGrowsWithin, "As doses grow it takes longer: %s with every dose at the top of its range, still within the box (%s to spare)."},
	{FitGrowsOver, "As doses grow it takes longer: %s with every dose at the top of its range, %s over the box; by then, leave an exercise out or split the routine."},
	{FitNoFilling, "Doses start low on purpose; unhunch never raises them to fill the time."},

	{ListFits, "fits"},
	{ListShort, "%s short"},
	{ListOver, "%s over"},
	{ListTopOver, "%s, over"},
	{CLIRoutinesShowHint, "See one with its timeline: unhunch routines show ID"},
	{CheckShort, "(%s shorter than its %s time box)"},

	// Demos: sessions played at another speed.
	{StoreBadTimeScale, "time_scale %v must be more than 0 and at most %d (1 is real time)"},
	{WebBadTimeScale, "time_scale %v must be a number more than 0 and at most %d (1 is real time)"},
	{StartDemo, "This is a demo at %g× real time: it is kept in your journal as a demo, and it does not count as practice, so it changes none of your doses, streaks, minutes or pain trend."},
	{HistoryDemo, "A demo at %g× real time: not counted as practice."},
	{ProgressDemo, "1 demo session in your journal is not counted here."},
	{ProgressDemos, "%d demo sessions in your journal are not counted here."},
	// The player page when the server plays faster than real time.
	{"web.demo_player", "This player runs at %g× real time: a demo. Sessions played here are kept in your history as demos and never count as practice, for your doses, streaks, minutes or pain trend."},

	// The easier option below the starting dose (docs/safety.md, "Progression").
	{EasierPosition, "%s instead of %s"},
	{EasierUse, "with a %s in place of the %s"},
	{EasierAmount, "%s instead of %s"},
	{StartEasier, "%s: the easier way for now, %s, since you rated it too hard at the starting dose. Two ratings of easy or about right bring back the usual way."},
	{RoutineEasier, "the easier way for now: %s"},
	{StartBackFromEasier, "%s: back to the usual way, %s (%s)."},
	{ProgressEasier, "(the easier way: %s)"},
	{"why.hard-at-start", "rated too hard at the starting dose"},
	{DoseVariantOne, "give exactly one of position (another of the exercise's positions) or use (a substitute for its equipment)"},
	{CatalogEasierPosition, "%q is not one of this exercise's positions; the easier way must be one of them"},
	{CatalogEasierUse, "%q is no substitute for this exercise's equipment; list it under substitutes first"},
}

func init() { table(honestWords) }

// All returns every entry of the table, keyed by message key: for checks
// over the words themselves, such as the test that no text copies the seed
// articles (catalog/seeds_test.go).
func All() map[Key]string {
	out := map[Key]string{}
	each(func(k Key, v string) bool {
		out[k] = v
		return true
	})
	return out
}
