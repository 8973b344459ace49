package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/custom"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/planner"
	"github.com/unhunch/unhunch/timeline"
)

// builderRows is how many exercises the routine builder offers.
const builderRows = 10

// builderRoutes are the pages that build the person's own routines (issue 20).
func (s *Server) builderRoutes() []route {
	return []route{
		{"GET", "/routines/new", s.builderPage, nil},
		{"POST", "/routines/new", s.builderPost, nil},
		{"POST", "/routines/{id}/delete", s.routineDelete, nil},
	}
}

// builderForm is the routine builder: a name, a time box, and rows of an
// exercise with an amount and position each.
type builderForm struct {
	Name      string
	Minutes   string
	Rows      []builderRow
	Exercises []formOption // every exercise, built-in or one's own
	Error     string
	NameError string
	BoxError  string
	Takes     string // the computed time, once checked
	Fit       string // against the time box, in words
	Order     string // a quicker order, in names, when there is one
	OrderIDs  string // the same, as the rows' numbers, for the button
}

// builderRow is one exercise of the routine being built.
type builderRow struct {
	N                         int
	ID                        string
	Reps, Hold, Seconds, Sets string
	Position                  string
	Error                     string
	Positions                 []formOption
}

func (s *Server) newBuilderForm() *builderForm {
	f := &builderForm{}
	for _, e := range s.catalog().Exercises() {
		f.Exercises = append(f.Exercises, formOption{Value: e.ID, Label: e.Name})
	}
	for i := range builderRows {
		f.Rows = append(f.Rows, builderRow{N: i + 1})
	}
	return f
}

func (s *Server) builderPage(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.needCustom(); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "routine_builder", page{Title: message.Text(message.BuilderTitle), Nav: "routines", Data: s.fillRows(s.newBuilderForm())})
}

// fillRows gives each row its exercise's positions to choose from.
func (s *Server) fillRows(f *builderForm) *builderForm {
	for i := range f.Rows {
		row := &f.Rows[i]
		row.Positions = []formOption{{Value: "", Label: message.Text(message.BuilderFirstPosition), On: row.Position == ""}}
		for _, p := range catalog.Positions {
			row.Positions = append(row.Positions, option(string(p), message.PositionWords.Text(string(p)), row.Position))
		}
	}
	return f
}

// builderFromForm reads the posted rows; rows without an exercise are left
// out, and rows maps each item of the routine to its row.
func builderFromForm(r *http.Request, f *builderForm) (*catalog.Routine, []int, bool) {
	pf := r.PostForm
	get := func(k string) string { return strings.TrimSpace(pf.Get(k)) }
	f.Name, f.Minutes = get("name"), get("minutes")
	rt := &catalog.Routine{Name: f.Name, ID: idFrom(f.Name)}
	ok := true
	if f.Minutes != "" {
		m, err := strconv.Atoi(f.Minutes)
		if err != nil || m < 1 || m > 60 {
			f.BoxError, ok = message.Text(message.BuilderBadMinutes, f.Minutes), false
		}
		rt.TimeBoxSeconds = m * 60
	}
	var rows []int
	for i := range f.Rows {
		row := &f.Rows[i]
		p := fmt.Sprintf("row%d.", i+1)
		row.ID, row.Reps, row.Hold, row.Seconds, row.Sets, row.Position = get(p+"id"), get(p+"reps"), get(p+"hold"), get(p+"seconds"), get(p+"sets"), get(p+"position")
		if row.ID == "" {
			continue
		}
		it := catalog.Item{ID: row.ID, Position: catalog.Position(row.Position)}
		for _, n := range []struct {
			v   string
			dst *int
		}{{row.Reps, &it.Reps}, {row.Hold, &it.Hold}, {row.Seconds, &it.Seconds}, {row.Sets, &it.Sets}} {
			if n.v == "" {
				continue
			}
			v, err := strconv.Atoi(n.v)
			if err != nil || v <= 0 {
				row.Error, ok = message.Text(message.FormNotNumber, n.v), false
				continue
			}
			*n.dst = v
		}
		rt.Exercises = append(rt.Exercises, it)
		rows = append(rows, i)
	}
	return rt, rows, ok
}

// builderPost checks the routine ("check"), puts its rows in the quicker
// order ("reorder"), or saves it ("save"); with any problem it shows the
// form again, each problem by its row, and saves nothing.
func (s *Server) builderPost(w http.ResponseWriter, r *http.Request) error {
	cj, err := s.needCustom()
	if err != nil {
		return err
	}
	if err := form(w, r); err != nil {
		return err
	}
	f := s.newBuilderForm()
	rt, rows, ok := builderFromForm(r, f)
	if rt.ID != "" {
		if _, taken := s.catalog().Routine(rt.ID); taken {
			rt.ID = custom.FreeID(s.catalog(), rt.ID)
		}
	}
	show := func(status int) error {
		return s.render(w, status, "routine_builder", page{Title: message.Text(message.BuilderTitle), Nav: "routines", Data: s.fillRows(f)})
	}
	if r.PostForm.Get("action") == "reorder" {
		if order := r.PostForm.Get("order"); order != "" {
			f.Rows = reorderRows(f.Rows, order)
		}
		return show(http.StatusOK)
	}
	if f.Name == "" {
		f.NameError, ok = message.Text(message.Required), false
	}
	if len(rt.Exercises) == 0 {
		f.Error, ok = message.Text(message.BuilderNoExercises), false
	}
	if !ok {
		if f.Error == "" {
			f.Error = message.Text(message.FormFix)
		}
		return show(http.StatusBadRequest)
	}
	saved, err := cj.CustomEntries(r.Context())
	if err != nil {
		return err
	}
	body, err := catalog.Marshal(rt)
	if err != nil {
		return unhunch.Errorf(unhunch.EInternal, "web: write routine: %w", err)
	}
	b := s.builderWith(saved)
	issues := b.AddEntry(custom.KindRoutine, rt.ID, body)
	c, more := b.Build()
	for _, is := range more {
		if is.Entry == "routine "+rt.ID {
			issues = append(issues, is)
		}
	}
	for _, is := range issues {
		var i int
		if _, err := fmt.Sscanf(is.Field, "exercises[%d]", &i); err == nil && i < len(rows) {
			if row := &f.Rows[rows[i]]; row.Error == "" {
				row.Error = is.Message
			}
			continue
		}
		if f.Error == "" {
			f.Error = is.Message
		}
	}
	if len(issues) > 0 {
		return show(http.StatusBadRequest)
	}
	built, _ := c.Routine(rt.ID)
	steps, err := timeline.FromRoutine(c, built)
	if err != nil {
		return err
	}
	fit, err := planner.CheckFit(steps, time.Duration(rt.TimeBoxSeconds)*time.Second, timelineRules)
	if err != nil {
		return err
	}
	f.Takes = timeline.String(fit.Duration)
	f.Fit = fit.Words("", func(i int) string { return steps[i].Exercise.Name })
	if fit.Reordered() && fit.OrderKnown {
		var names, nums []string
		for _, i := range fit.Order {
			names = append(names, steps[i].Exercise.Name)
			nums = append(nums, strconv.Itoa(rows[i]+1))
		}
		f.Order = message.Text(message.BuilderOrder, strings.Join(names, message.Text(message.PageListSep)), timeline.String(fit.Duration-fit.OrderDuration))
		f.OrderIDs = strings.Join(nums, ",")
	}
	if r.PostForm.Get("action") != "save" {
		return show(http.StatusOK)
	}
	if err := cj.AddCustom(writeCtx(r), []custom.Entry{{Kind: custom.KindRoutine, ID: rt.ID, Body: string(body)}}, nil, s.now()); err != nil {
		return err
	}
	s.refreshCatalog(r)
	seeOther(w, r, "/routines/"+rt.ID)
	return nil
}

// reorderRows puts the rows named in order (their numbers from 1, comma
// separated) first, in that order, and the rest after them as they were.
func reorderRows(rows []builderRow, order string) []builderRow {
	var out []builderRow
	used := map[int]bool{}
	for part := range strings.SplitSeq(order, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(part))
		if err != nil || n < 1 || n > len(rows) || used[n-1] {
			return rows
		}
		used[n-1] = true
		out = append(out, rows[n-1])
	}
	for i, r := range rows {
		if !used[i] {
			out = append(out, r)
		}
	}
	for i := range out {
		out[i].N = i + 1
	}
	return out
}

// routineDelete deletes a routine of one's own.
func (s *Server) routineDelete(w http.ResponseWriter, r *http.Request) error {
	cj, err := s.needCustom()
	if err != nil {
		return err
	}
	if err := form(w, r); err != nil {
		return err
	}
	id := r.PathValue("id")
	if _, ok := s.catalog().Routine(id); !ok {
		return unhunch.E(unhunch.ENotFound, message.CustomNoEntry, id)
	}
	kind, err := custom.Deletable(s.catalog(), id)
	if err != nil {
		return err
	}
	if err := cj.DeleteCustom(writeCtx(r), kind, id); err != nil {
		return err
	}
	s.refreshCatalog(r)
	seeOther(w, r, "/routines")
	return nil
}
