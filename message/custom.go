package message

// Keys of your own exercises and routines: saving them, importing and
// exporting them, and their pictures (issue 20).
const (
	CustomTaken           Key = "custom.taken"
	CustomNoEntry         Key = "custom.no_entry"
	CustomTooManyPictures Key = "custom.too_many_pictures"
)

var customWords = []entry{
	{CustomTaken, "you already have an exercise or routine with the id %q; choose another id"},
	{CustomNoEntry, "you have no exercise or routine of your own with the id %q"},
	{CustomTooManyPictures, "an exercise can have at most %d pictures"},
}

func init() { table(customWords) }

// Keys of importing a file of your own exercises.
const (
	ImportTooLarge Key = "import.too_large"
	ImportTab      Key = "import.tab"
	ImportAlias    Key = "import.alias"
	ImportDeep     Key = "import.deep"
	ImportTooMany  Key = "import.too_many"
)

var customWords2 = []entry{
	{ImportTooLarge, "the file is %d MB; a file to import can be at most %d MB"},
	{ImportTab, "a tab in the indentation; indent with spaces"},
	{ImportAlias, "anchors and aliases (& and *) are not accepted in a file to import; write each entry out in full"},
	{ImportDeep, "lists and mappings are nested more than %d deep; no exercise needs that"},
	{ImportTooMany, "the file has %d entries; a file to import can have at most %d"},
}

func init() { table(customWords2) }

// Keys of the pictures of your own exercises.
const (
	PictureEmpty         Key = "picture.empty"
	PictureTooLarge      Key = "picture.too_large"
	PictureNotImage      Key = "picture.not_image"
	PictureTooManyPixels Key = "picture.too_many_pixels"
)

var customWords3 = []entry{
	{PictureEmpty, "the picture is empty; choose a PNG, JPEG or WebP file"},
	{PictureTooLarge, "the picture is %.1f MB; a picture can be at most %d MB, so make it smaller first"},
	{PictureNotImage, "this is not a picture unhunch can read; choose a PNG, JPEG or WebP file"},
	{PictureTooManyPixels, "the picture says it is %d × %d pixels; a picture can have at most %d million pixels"},
}

func init() { table(customWords3) }

// Keys of import and export files.
const (
	ImportNothing       Key = "import.nothing"
	ImportBadZip        Key = "import.bad_zip"
	ImportZipTooMany    Key = "import.zip_too_many"
	ImportZipFile       Key = "import.zip_file"
	ImportZipTooLarge   Key = "import.zip_too_large"
	ImportZipStray      Key = "import.zip_stray"
	ImportZipNoCatalog  Key = "import.zip_no_catalog"
	ImportZipNoExercise Key = "import.zip_no_exercise"
	ImportZipGap        Key = "import.zip_gap"
	ImportZipPicture    Key = "import.zip_picture"
	ExportHeader        Key = "export.header"
	CustomBadSaved      Key = "custom.bad_saved"
)

var customWords4 = []entry{
	{ImportNothing, "the file has no exercises or routines to import"},
	{ImportBadZip, "this zip file cannot be read (%v); export it again"},
	{ImportZipTooMany, "the zip holds %d files; an export has at most %d"},
	{ImportZipFile, "%s in the zip cannot be read: %v"},
	{ImportZipTooLarge, "it unpacks to more than %d MB"},
	{ImportZipStray, "%s does not belong in an export zip: it holds unhunch-catalog.yaml and pictures/EXERCISE-ID/1.png to 3.png"},
	{ImportZipNoCatalog, "the zip has no %s; is it an unhunch export?"},
	{ImportZipNoExercise, "the zip has pictures for %q, which is not an exercise in the file"},
	{ImportZipGap, "the pictures of %q skip number %d; number them from 1"},
	{ImportZipPicture, "%v"},
	{ExportHeader, "Your own exercises and routines from unhunch, exported %s (docs/catalog.md describes the format)"},
	{CustomBadSaved, "your saved entry %q cannot be read (%v); delete it and add it again"},
}

func init() { table(customWords4) }

// Keys of `unhunch catalog import` and `catalog export`.
const (
	CustomJournal         Key = "custom.journal"
	HelpCatalogImport     Key = "help.catalog_import"
	HelpCatalogImportLong Key = "help.catalog_import.long"
	HelpCatalogExport     Key = "help.catalog_export"
	HelpCatalogExportLong Key = "help.catalog_export.long"
	FlagImportRename      Key = "flag.import_rename"
	FlagExportForce       Key = "flag.export_force"
	ImportBadRename       Key = "import.bad_rename"
	ImportRenameHint      Key = "import.rename_hint"
	ImportFailed          Key = "import.failed"
	CatalogImported       Key = "catalog_import.done"
	ImportRoutine         Key = "import.routine"
	ImportFileTooLarge    Key = "import.file_too_large"
	ExportExists          Key = "export.exists"
	ExportNeedsZip        Key = "export.needs_zip"
	ExportWrite           Key = "export.write"
	ExportDone            Key = "export.done"
)

var customWords5 = []entry{
	{CustomJournal, "your saved exercises"},
	{HelpCatalogImport, "Import exercises and routines from a file (YAML, or a zip with pictures)"},
	{HelpCatalogImportLong, "Import exercises and routines into your journal from a YAML file in the format of docs/catalog.md, or from a zip that `unhunch catalog export` wrote (the YAML and pictures).\nThe file is checked as `unhunch catalog check` checks one: every problem is reported as file:line: entry: field: what is wrong, and nothing is imported from a file with problems.\nAn id you already have (or a built-in one) is never replaced: import it under another id with --rename OLD=NEW."},
	{HelpCatalogExport, "Write your own exercises and routines to a file"},
	{HelpCatalogExportLong, "Write the exercises and routines saved in your journal to FILE, in the YAML format of docs/catalog.md; when any exercise has pictures, FILE is a zip (name it .zip) holding the YAML and the pictures. Anyone can import it with `unhunch catalog import FILE`."},
	{FlagImportRename, "import the entry with id OLD as NEW (OLD=NEW; repeat for more)"},
	{FlagExportForce, "replace FILE if it exists"},
	{ImportBadRename, "--rename %q: write it as OLD=NEW, e.g. --rename neck-stretch=neck-stretch-2"},
	{ImportRenameHint, "To import them under new ids: unhunch catalog import %s %s"},
	{ImportFailed, "%s has %s; nothing was imported. Fix them and import again"},
	{CatalogImported, "%s: imported %s and %s, with %d pictures"},
	{ImportRoutine, "  routine %s"},
	{ImportFileTooLarge, "%s is %d MB; a file to import can be at most %d MB"},
	{ExportExists, "%s already exists; choose another name, or add --force to replace it"},
	{ExportNeedsZip, "your exercises have %[2]d pictures, so the export is a zip: name the file %[1]s.zip"},
	{ExportWrite, "cannot write %s: %v"},
	{ExportDone, "%s: wrote %s and %s, with %d pictures"},
}

func init() { table(customWords5) }

// Keys of the catalog's words for saved entries and deleting them.
const (
	CatalogSavedOrigin Key = "catalog.saved_origin"
	CustomInUse        Key = "custom.in_use"
	CustomNotYours     Key = "custom.not_yours"
	CustomDeleted      Key = "custom.deleted"
	HelpCatalogDelete  Key = "help.catalog_delete"
	ArgEntryID         Key = "arg.entry_id"
)

var customWords6 = []entry{
	{CatalogSavedOrigin, "by one of your saved exercises or routines"},
	{CustomInUse, "%s is used by %s; take it out of those routines (or delete them) first"},
	{CustomNotYours, "%s is not one of your saved exercises or routines (it comes from %s); only those can be changed or deleted here"},
	{CustomDeleted, "deleted %s"},
	{HelpCatalogDelete, "Delete one of your saved exercises or routines"},
	{ArgEntryID, "the id of an exercise or routine"},
}

func init() { table(customWords6) }
