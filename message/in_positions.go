package message

// Keys of the steps and cues an exercise has for particular positions
// (catalog.InPosition).
const (
	CatalogInPositionEmpty Key = "catalog.in_position_empty"
)

func init() {
	add(map[Key]string{
		CatalogInPositionEmpty: "gives neither steps nor cues; give the steps or the cues that differ in these positions, or remove it",
	})
}
