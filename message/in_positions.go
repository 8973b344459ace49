package message

// Keys of the steps and cues an exercise has for particular positions
// (catalog.InPosition).
const (
	CatalogInPositionEmpty Key = "catalog.in_position_empty"
)

var inPositionsWords = []entry{
	{CatalogInPositionEmpty, "gives neither steps nor cues; give the steps or the cues that differ in these positions, or remove it"},
}

func init() { table(inPositionsWords) }
