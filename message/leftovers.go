package message

// Keys of the share page when a person has nothing of their own yet.
const (
	ShareNothing      Key = "share.nothing"
	ShareNothingAdd   Key = "share.nothing_add"
	ShareNothingToGet Key = "share.nothing_to_get"
)

var shareNothingWords = []entry{
	{ShareNothing, "You have not made any exercises or routines of your own yet, so there is no file to download. Once you make one, you can download it here."},
	{ShareNothingAdd, "Make an exercise of your own"},
	{ShareNothingToGet, "there is nothing of your own to download yet: make an exercise or routine first (Exercises, then Add your own), or add some from a file on Share your exercises"},
}

func init() { table(shareNothingWords) }

// Keys of the planner's easier option.
const (
	PlanWhyEasier Key = "plan.why.easier"
)

var planEasierWords = []entry{
	{PlanWhyEasier, "the easier way for now: %s, as you rated it too hard at the starting dose"},
}

func init() { table(planEasierWords) }
