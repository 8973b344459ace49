package cli

// The command line's unexported parsers, for the fuzz targets in cli_test.
var (
	ParsePainFlag = parsePainFlag
	ParsePSFS     = parsePSFS
)
