package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/api"
	"github.com/unhunch/unhunch/message"
)

// kitCookie keeps, on this device, what the person said they have at hand
// (a foam roller, a chair, …): asked once, at first run or in settings, and
// nothing until they say. It is kept with the device, as the voice setting
// is, not in the journal: it says what is in this room, and a phone and a
// desk can differ.
const kitCookie = "unhunch-kit"

// kit is what the person has at hand.
type kit struct {
	Asked bool                // they have said (else: nothing, until they do)
	Have  []catalog.Equipment // in the order of catalog.EquipmentIDs
}

// readKit reads the kit cookie; anything it does not know is left out.
func readKit(r *http.Request) kit {
	c, err := r.Cookie(kitCookie)
	if err != nil {
		return kit{}
	}
	return parseKit(strings.Split(c.Value, "."))
}

// parseKit keeps the known pieces of equipment among words ("none" says
// nothing is at hand).
func parseKit(words []string) kit {
	k := kit{Asked: true}
	for _, q := range catalog.EquipmentIDs {
		if slices.Contains(words, string(q)) {
			k.Have = append(k.Have, q)
		}
	}
	return k
}

// key is the kit in a few characters, for cache keys and the cookie: the
// pieces joined by dots, "none" for nothing, "" when never asked.
func (k kit) key() string {
	if !k.Asked {
		return ""
	}
	if len(k.Have) == 0 {
		return "none"
	}
	s := make([]string, len(k.Have))
	for i, q := range k.Have {
		s[i] = string(q)
	}
	return strings.Join(s, ".")
}

// kitForm is the form that asks what is at hand.
type kitForm struct {
	Next  string // where to go after saving
	Items []kitItem
}

// kitItem is one piece of equipment on the form.
type kitItem struct {
	ID    catalog.Equipment
	Words string
	Have  bool
}

// newKitForm makes the form for k, going to next once saved.
func newKitForm(k kit, next string) kitForm {
	f := kitForm{Next: next}
	for _, q := range catalog.EquipmentIDs {
		f.Items = append(f.Items, kitItem{ID: q, Words: message.EquipmentWords.Text(string(q)), Have: slices.Contains(k.Have, q)})
	}
	return f
}

// settingsKit saves what is at hand on this device and goes back where the
// form was.
func (s *Server) settingsKit(w http.ResponseWriter, r *http.Request) error {
	if err := form(w, r); err != nil {
		return err
	}
	k := parseKit(r.PostForm["equipment"])
	http.SetCookie(w, &http.Cookie{Name: kitCookie, Value: k.key(), Path: "/", MaxAge: 10 * 365 * 24 * 3600,
		SameSite: http.SameSiteLaxMode, HttpOnly: true})
	next := "/settings?" + query("kit", "saved") + "#kit-done"
	if r.PostForm.Get("next") == "/" {
		next = "/#sugg-h"
	}
	seeOther(w, r, next)
	return nil
}

// routineNeeds is what a routine's exercises need, and what of it the
// person said they do not have.
func (s *Server) routineNeeds(ids []string, k kit) (needs, lacks string) {
	var list []*catalog.Exercise
	for _, id := range ids {
		if e, ok := s.catalog().Exercise(id); ok {
			list = append(list, e)
		}
	}
	n := catalog.NeedsOf(list)
	needs = catalog.NeedsWords(n)
	if miss := catalog.Missing(n, k.Have); k.Asked && len(miss) > 0 {
		lacks = message.Text(message.PageKitLacks, catalog.NeedsWords(miss))
	}
	return needs, lacks
}

// canDo reports whether the person has what every exercise of ids needs.
func (s *Server) canDo(ids []string, k kit) bool {
	var list []*catalog.Exercise
	for _, id := range ids {
		if e, ok := s.catalog().Exercise(id); ok {
			list = append(list, e)
		}
	}
	return len(catalog.Missing(catalog.NeedsOf(list), k.Have)) == 0
}

// routineExerciseIDs are the ids of a routine document's exercises.
func routineExerciseIDs(list []api.RoutineExercise) []string {
	ids := make([]string, len(list))
	for i, e := range list {
		ids[i] = e.ID
	}
	return ids
}

// needsWords says what the exercises of ids need.
func needsWords(c *catalog.Catalog, ids []string) string {
	var list []*catalog.Exercise
	for _, id := range ids {
		if e, ok := c.Exercise(id); ok {
			list = append(list, e)
		}
	}
	return catalog.NeedsWords(catalog.NeedsOf(list))
}

// exerciseName is the name of exercise id (the id itself if unknown).
func exerciseName(c *catalog.Catalog, id string) string {
	if e, ok := c.Exercise(id); ok {
		return e.Name
	}
	return id
}

// exerciseNames lists the names of exercises.
func exerciseNames(c *catalog.Catalog, ids []string) string {
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = exerciseName(c, id)
	}
	return strings.Join(names, message.Text(message.PageListSep))
}

// positionsWords says where an exercise is done.
func positionsWords(e *catalog.Exercise) string { return e.PositionsWords() }

// exerciseEquipmentWords says what an exercise needs.
func exerciseEquipmentWords(e *catalog.Exercise) string { return e.EquipmentWords() }
