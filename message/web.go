package message

// Keys of the web server (`unhunch serve`): its pages, its API's errors,
// and the store's group committer.
const (
	StoreGroupClosed Key = "store.group_closed"
)

func init() {
	add(map[Key]string{
		StoreGroupClosed: "the journal is closing and takes no more exercise outcomes; send it again once unhunch has restarted",
	})
}
