package web_test

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"

	"github.com/unhunch/unhunch/internal/web"
)

// Requests that miss the same page together wait for one build, and one
// that must see a newer journal than the build under way builds again.
func TestCacheBuildsOncePerMiss(t *testing.T) {
	tests := []struct {
		name       string
		nows       []int64 // the stamp each waiting request asks at
		wantBuilds int64
	}{
		{"fifty at the same version", repeat(7, 50), 1},
		{"one at a newer version than the build", append(repeat(7, 20), 8), 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				c := web.NewCache()
				var builds atomic.Int64
				release := make(chan struct{})
				started := make(chan struct{})
				var once sync.Once
				build := func(stamp int64) func() (string, int64, error) {
					return func() (string, int64, error) {
						if builds.Add(1) == 1 {
							once.Do(func() { close(started) })
							<-release // the first build is slow
						}
						return fmt.Sprintf("page at %d", stamp), stamp, nil
					}
				}
				var wg sync.WaitGroup
				got := make([]string, len(tt.nows))
				for i, now := range tt.nows {
					wg.Add(1)
					go func() {
						defer wg.Done()
						if i > 0 {
							<-started
						}
						v, err := c.Get("/play/x", now, build(tt.nows[0]))
						if err != nil {
							t.Error(err)
						}
						got[i] = v
					}()
					if i == 0 {
						<-started
					}
				}
				synctest.Wait() // every request waits: in the build or for it
				close(release)
				wg.Wait()
				if n := builds.Load(); n != tt.wantBuilds {
					t.Errorf("%d builds, want %d", n, tt.wantBuilds)
				}
				for i, v := range got {
					if tt.nows[i] == tt.nows[0] && v != fmt.Sprintf("page at %d", tt.nows[0]) {
						t.Errorf("request %d got %q", i, v)
					}
				}
			})
		})
	}
}

func repeat(v int64, n int) []int64 {
	s := make([]int64, n)
	for i := range s {
		s[i] = v
	}
	return s
}
