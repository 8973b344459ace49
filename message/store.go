package message

// Keys of the journal's storage and the commands that read it.
const (
	FlagDataDir Key = "flag.data_dir"
	FlagDB      Key = "flag.db"
)

func init() {
	add(map[Key]string{
		FlagDataDir: "journal directory (env UNHUNCH_DATA_DIR)",
		FlagDB:      "postgres:// URL instead of SQLite (env UNHUNCH_DB)",
	})
}
