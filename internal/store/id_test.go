package store_test

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/unhunch/unhunch/internal/store"
)

// IDs are 26 characters of Crockford base32, sort by time, and differ.
func TestIDs(t *testing.T) {
	format := regexp.MustCompile(`^[0-9A-HJKMNP-TV-Z]{26}$`)
	seen := map[string]bool{}
	var ids []string
	for i := range 2000 {
		id := store.NewIDAt(base.Add(time.Duration(i/4) * time.Millisecond))
		if !format.MatchString(id) {
			t.Fatalf("ID %q is not 26 Crockford base32 characters", id)
		}
		if seen[id] {
			t.Fatalf("ID %q made twice", id)
		}
		seen[id] = true
		ids = append(ids, id)
	}
	for i := 4; i < len(ids); i += 4 {
		if ids[i-4] >= ids[i] {
			t.Fatalf("ID %s of a later millisecond sorts before %s", ids[i], ids[i-4])
		}
	}
	// The time prefix: 10 characters hold the 48-bit milliseconds.
	a, b := store.NewIDAt(base), store.NewIDAt(base)
	if a[:10] != b[:10] || a[10:] == b[10:] {
		t.Errorf("same-millisecond IDs %s and %s: want the same time part and different random parts", a, b)
	}
	if got := store.NewIDAt(time.UnixMilli(0))[:10]; got != "0000000000" {
		t.Errorf("the epoch's time part is %s", got)
	}
	if !slices.IsSorted([]string{store.NewIDAt(time.UnixMilli(1)), store.NewIDAt(time.UnixMilli(32)), store.NewIDAt(time.UnixMilli(1 << 40))}) {
		t.Error("IDs do not sort by time")
	}
}

// deadOwner returns the owner of a session whose process has ended.
func deadOwner(t *testing.T) string {
	t.Helper()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	_, host, _ := strings.Cut(store.ThisOwner(), "@")
	return fmt.Sprintf("pid:%d@%s", cmd.Process.Pid, host)
}

func TestOwnerAlive(t *testing.T) {
	_, host, _ := strings.Cut(store.ThisOwner(), "@")
	cases := []struct {
		owner string
		alive bool
	}{
		{store.ThisOwner(), true},
		{fmt.Sprintf("pid:%d@%s", os.Getppid(), host), true},
		{deadOwner(t), false},
		{"pid:1@another-machine", true},
		{"web", true},
		{"", true},
		{"pid:abc@" + host, true},
		{"pid:-5@" + host, true},
		{"pid:12", true},
	}
	for _, c := range cases {
		if got := store.OwnerAlive(c.owner); got != c.alive {
			t.Errorf("OwnerAlive(%q) = %v, want %v", c.owner, got, c.alive)
		}
	}
	if !regexp.MustCompile(`^pid:\d+@.+$`).MatchString(store.ThisOwner()) {
		t.Errorf("ThisOwner() = %q", store.ThisOwner())
	}
}
