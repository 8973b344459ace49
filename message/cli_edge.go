package message

// Keys of `unhunch serve`'s address and of output that cannot be written.
const (
	ServeBadPort     Key = "serve.bad_port"
	ServeCannotBind  Key = "serve.cannot_bind"
	CLIOutputFull    Key = "cli.output_full"
	CLIOutputFailed  Key = "cli.output_failed"
	CLIOutputRefused Key = "cli.output_refused"
	CLIWhatExport    Key = "cli.what_export"
	CLIWhatOutput    Key = "cli.what_output"
)

var cliEdgeWords = []entry{
	{ServeBadPort, "--addr %q: the port %q is not a number from 0 to 65535; for example 127.0.0.1:8080"},
	{ServeCannotBind, "cannot listen on %s: %v; try another address with --addr 127.0.0.1:PORT"},
	{CLIOutputFull, "could not write the %s: the disk is full. Free some space, or write it somewhere with room, and run the command again"},
	{CLIOutputFailed, "could not write the %s (%v); check where the output goes and run the command again"},
	{CLIOutputRefused, "could not write the %s: whatever was reading it stopped (%v)"},
	{CLIWhatExport, "export"},
	{CLIWhatOutput, "output"},
}

func init() { table(cliEdgeWords) }

// Keys of `exercises show ID --svg FILE --force`.
const (
	FlagSVGForce     Key = "flag.svg_force"
	CLISVGExists     Key = "cli.svg_exists"
	CLISVGForceAlone Key = "cli.svg_force_alone"
)

var cliEdgeWords2 = []entry{
	{FlagSVGForce, "with --svg, replace FILE if it already exists"},
	{CLISVGExists, "%s already exists; choose another file name, or add --force to replace it"},
	{CLISVGForceAlone, "--force only goes with --svg FILE: it lets the figure replace a file that already exists"},
}

func init() { table(cliEdgeWords2) }
