package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/journaltest"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
)

// growing are the tables that grow with the journal: a read of a request
// must reach them through an index range, never by reading them whole.
var growing = []string{"sessions", "performances", "screenings", "psfs_ratings"}

// Issue 16: what a request reads costs the same on a journal of ten weeks
// and of ten years. Every statement the requests' reads prepare (Load, the
// progress document, a page of the history, a session, the recap) is
// planned as it runs: on PostgreSQL, the generic plan of a prepared
// statement (the store asks for it, plan_cache_mode), which knows no
// argument and so must be an index range for any; on SQLite, the plan of
// the statement. Neither may read a growing table whole, on a journal of
// a year, long enough for a whole read to show.
func TestGenericPlans(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		c, err := catalog.Builtin()
		if err != nil {
			t.Fatal(err)
		}
		url, dir := e.fresh(t)
		st := openAt(t, url, dir)
		end := time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)
		now := end.Add(9 * time.Hour)
		if _, err := journaltest.Write(ctx, st, c, end, 365, 7); err != nil {
			t.Fatal(err)
		}
		if _, err := person.Load(ctx, st, c, now, time.UTC); err != nil { // keeps the checkpoint
			t.Fatal(err)
		}
		latest, err := st.Sessions(ctx, journal.Filter{Limit: 40})
		if err != nil || len(latest) != 40 {
			t.Fatalf("%d sessions, %v", len(latest), err)
		}

		// The reads of the requests, with the statements prepared so far
		// (the journal's writing) forgotten.
		st.ForgetStatements()
		p, err := person.Load(ctx, st, c, now, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := person.LoadProgress(ctx, st, p, c, now, time.UTC); err != nil {
			t.Fatal(err)
		}
		for _, f := range []journal.Filter{{Limit: 21}, {Limit: 50, Before: latest[30].ID}, {Limit: 1}} {
			if _, err := st.Sessions(ctx, f); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := st.Session(ctx, latest[5].ID); err != nil {
			t.Fatal(err)
		}
		if _, err := person.LoadRecap(ctx, st, c, latest[0].ID); err != nil {
			t.Fatal(err)
		}
		if _, err := st.ActiveSessions(ctx); err != nil {
			t.Fatal(err)
		}

		db := raw(t, url, dir)
		checked := 0
		for _, q := range slices.Sorted(slices.Values(st.Prepared())) {
			if !touches.MatchString(q) {
				continue
			}
			checked++
			var plan []string
			if e.name == "postgres" {
				plan = genericPlan(t, db, q)
			} else {
				plan = sqlitePlan(t, db, q)
			}
			if testing.Verbose() {
				t.Logf("%s\n%s", strings.Join(strings.Fields(q), " "), strings.Join(plan, "\n"))
			}
			if bad := wholeReads(plan, e.name); len(bad) > 0 {
				t.Errorf("%s reads %v whole:\n%s\nplan:\n%s", e.name, bad, strings.Join(strings.Fields(q), " "), strings.Join(plan, "\n"))
			}
		}
		if checked < 10 {
			t.Errorf("only %d statements checked: %q", checked, st.Prepared())
		}
	})
}

// genericPlan returns PostgreSQL's generic plan of q, prepared as the
// store prepares it, with plan_cache_mode=force_generic_plan.
func genericPlan(t *testing.T, db *sql.DB, q string) []string {
	t.Helper()
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SET plan_cache_mode = force_generic_plan"); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "PREPARE generic AS "+q); err != nil {
		t.Fatalf("prepare %s: %v", q, err)
	}
	defer conn.ExecContext(ctx, "DEALLOCATE generic")
	var types string
	if err := conn.QueryRowContext(ctx, "SELECT array_to_string(parameter_types::text[], ',') FROM pg_prepared_statements WHERE name = 'generic'").Scan(&types); err != nil {
		t.Fatal(err)
	}
	// Any argument will do: the generic plan is made without them.
	var args []string
	for _, ty := range strings.Split(types, ",") {
		switch ty {
		case "":
		case "text":
			args = append(args, "''")
		case "text[]", "integer[]", "bigint[]", "double precision[]":
			args = append(args, "'{}'")
		default:
			args = append(args, "0")
		}
	}
	explain := "EXPLAIN EXECUTE generic"
	if len(args) > 0 {
		explain += "(" + strings.Join(args, ", ") + ")"
	}
	rows, err := conn.QueryContext(ctx, explain)
	if err != nil {
		t.Fatalf("%s (%s): %v", explain, q, err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, line)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return plan
}

// sqlitePlan returns SQLite's plan of q (EXPLAIN QUERY PLAN), its
// arguments all NULL.
func sqlitePlan(t *testing.T, db *sql.DB, q string) []string {
	t.Helper()
	n := 0
	for _, m := range regexp.MustCompile(`\$(\d+)`).FindAllStringSubmatch(q, -1) {
		k, _ := strconv.Atoi(m[1])
		n = max(n, k)
	}
	rows, err := db.Query("EXPLAIN QUERY PLAN "+q, make([]any, n)...)
	if err != nil {
		t.Fatalf("explain %s: %v", q, err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var (
			id, parent, unused int
			detail             string
		)
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return plan
}

// wholeReads returns the growing tables a plan reads whole: PostgreSQL's
// sequential scans, SQLite's scans of a table or of a whole index (SCAN,
// where an index range is SEARCH; the scan of a subquery's rows is not
// one of a table).
func wholeReads(plan []string, engine string) []string {
	var out []string
	for _, line := range plan {
		for _, tbl := range growing {
			var bad bool
			if engine == "postgres" {
				bad = strings.Contains(line, "Seq Scan on "+tbl+" ")
			} else {
				name := tbl
				if tbl == "performances" {
					name = "(performances|p)" // the store's alias
				}
				bad = regexp.MustCompile(`^SCAN ` + name + `\b`).MatchString(strings.TrimSpace(line))
			}
			if bad {
				out = append(out, fmt.Sprintf("%s (%s)", tbl, strings.TrimSpace(line)))
			}
		}
	}
	return out
}

// Issue 16: saving a batch of outcomes on PostgreSQL costs the same on a
// journal of any length too: the generic plan of the group's batch
// statement (store.BatchSave, prepared on the group's own connection)
// reads no growing table whole, on a journal of a year. (The lock before
// it, batchLockSQL, finds the batch's sessions by id: PostgreSQL reads
// the sessions whole while that is cheaper than looking each up, under a
// thousand or so, and uses the index beyond; on ten years it does.)
func TestBatchPlans(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		if e.name != "postgres" {
			t.Skip("the batch statements are PostgreSQL's; SQLite saves outcome by outcome")
		}
		ctx := context.Background()
		c, err := catalog.Builtin()
		if err != nil {
			t.Fatal(err)
		}
		url, dir := e.fresh(t)
		st := openAt(t, url, dir)
		end := time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)
		if _, err := journaltest.Write(ctx, st, c, end, 365, 7); err != nil {
			t.Fatal(err)
		}
		db := raw(t, url, dir)
		if _, err := db.ExecContext(ctx, "ANALYZE"); err != nil {
			t.Fatal(err)
		}
		plan := genericPlan(t, db, store.BatchSave)
		if testing.Verbose() {
			t.Logf("%s", strings.Join(plan, "\n"))
		}
		if bad := wholeReads(plan, e.name); len(bad) > 0 {
			t.Errorf("the batch statement reads %v whole:\n%s", bad, strings.Join(plan, "\n"))
		}
	})
}
