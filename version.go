package unhunch

// Version is the program's version, set at build time with
// -ldflags "-X github.com/unhunch/unhunch.Version=v1.2.3".
var Version = "0.1.0-dev"
