package store

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
)

// WebOwner is the owner of sessions played in the browser. The sweep never
// marks them interrupted: no process on this machine plays them.
const WebOwner = "web"

// hostname is this machine's name, as owners record it.
var hostname = sync.OnceValue(func() string {
	h, err := os.Hostname()
	if err != nil || h == "" {
		return "unknown"
	}
	return h
})

// ThisOwner returns the owner to record for a session this process plays:
// "pid:<n>@<hostname>".
func ThisOwner() string { return fmt.Sprintf("pid:%d@%s", os.Getpid(), hostname()) }

// OwnerAlive reports whether the player that owns a session may still be
// running. Only a process on this machine can be checked: it is alive
// unless the system says no such process exists. Owners on other machines,
// "web" and anything unrecognised count as alive, so that a session is never
// wrongly cut short. (A process id reused by an unrelated process also
// counts as alive; the session is swept once that one ends.)
func OwnerAlive(owner string) bool {
	pid, ok := localPID(owner)
	if !ok {
		return true
	}
	return processExists(pid)
}

// localPID returns the process id of an owner on this machine.
func localPID(owner string) (int, bool) {
	rest, ok := strings.CutPrefix(owner, "pid:")
	if !ok {
		return 0, false
	}
	num, host, ok := strings.Cut(rest, "@")
	if !ok || host != hostname() {
		return 0, false
	}
	pid, err := strconv.Atoi(num)
	if err != nil || pid <= 0 {
		return 0, false
	}
	return pid, true
}
