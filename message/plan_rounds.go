package message

// Keys of plans that use the time (issue 16): rounds of the same exercises
// and saying plainly why a plan cannot fill the time asked for.
const (
	// CueRound begins the intro cue of the first exercise of a later round.
	CueRound Key = "cue.round"
	// CatalogBadRound is a routine entry's round out of range or order.
	CatalogBadRound Key = "catalog.bad_round"

	PlanTwice         Key = "plan.twice"
	PlanSummaryRounds Key = "plan.summary.rounds"
	PlanSummaryShort  Key = "plan.summary.short"
	PlanShortEvery    Key = "plan.short.every"
	PlanShortMore     Key = "plan.short.more"
	PlanShortCap      Key = "plan.short.cap"
	PlanShortTwice    Key = "plan.short.twice"
	PlanShortNoSecond Key = "plan.short.no_second"
	PlanShortNoneFits Key = "plan.short.none_fits"
	PlanShortNotWorth Key = "plan.short.not_worth"
	PlanShortLevel    Key = "plan.short.level"
	PlanShortEased    Key = "plan.short.eased"
	PlanRoundHeading  Key = "plan.round_heading"
	FitRounds         Key = "fit.rounds"
)

var planRoundsWords = []entry{
	{CueRound, "Round %d of %d: the same exercises again."},
	{CatalogBadRound, "round %d must be from 1 to %d, and no lower than the entry before (%d)"},

	{PlanTwice, "%s, each done twice"},
	{PlanSummaryRounds, "It goes through them twice, at the same doses: one round would leave %s of your time unused, and no dose goes above your level to fill it."},
	{PlanSummaryShort, "It uses %s of your %s (%d%%), less than three quarters: %s."},
	{PlanShortEvery, "every exercise you can do here is in it"},
	{PlanShortMore, "every exercise you can do here is in it (the floor or more equipment would allow others: see what was left out)"},
	{PlanShortCap, "it already has the most exercises a plan of %s holds (%d)"},
	{PlanShortTwice, "it goes through them twice, the most a plan repeats them"},
	{PlanShortNoSecond, "going through them a second time would take %s"},
	{PlanShortNoneFits, "no other exercise fits in the %s left"},
	{PlanShortNotWorth, "the exercises left would add less than a longer list costs (docs/planner.md)"},
	{PlanShortLevel, "every dose stays at your level and grows only as you progress"},
	{PlanShortEased, "some doses are eased below your level to fit"},
	{PlanRoundHeading, "Round %d of %d"},
	{FitRounds, "It is %d rounds of the same exercises, in the same order."},
}

func init() { table(planRoundsWords) }
