package message

// Keys of the journal's bounds and refusals (values beyond what both
// engines keep, values the database refused).
const (
	StoreIndexTooLarge  Key = "store.index_too_large"
	StoreNumberTooLarge Key = "store.number_too_large"
	StoreRefusedValue   Key = "store.refused_value"
	StorePlannedCount   Key = "store.planned_count"
)

var storeEdgeWords = []entry{
	{StoreIndexTooLarge, "exercise position %d is beyond the last one a session can have (%d)"},
	{StoreNumberTooLarge, "%s of %v is more than the journal keeps (at most %v)"},
	{StoreRefusedValue, "the journal refused a value (%s); check what was sent and try again"},
	{StorePlannedCount, "a session names %d planned exercises but plans %d"},
}

func init() { table(storeEdgeWords) }
