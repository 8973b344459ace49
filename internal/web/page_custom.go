package web

import (
	"go.yaml.in/yaml/v3"

	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/figure"
	"github.com/unhunch/unhunch/internal/api"
	"github.com/unhunch/unhunch/internal/custom"
	"github.com/unhunch/unhunch/internal/handout"
	"github.com/unhunch/unhunch/internal/picture"
	"github.com/unhunch/unhunch/message"
)

// customRoutes are the pages of the person's own exercises (issue 20).
func (s *Server) customRoutes() []route {
	return []route{
		{"GET", "/exercises/new", s.exerciseNewPage, nil},
		{"POST", "/exercises/new", s.exerciseCreate, nil},
		{"GET", "/exercises/{id}/edit", s.exerciseEditPage, nil},
		{"POST", "/exercises/{id}/edit", s.exerciseUpdate, nil},
		{"POST", "/exercises/{id}/delete", s.exerciseDelete, nil},
		{"GET", "/exercises/{id}/pictures/{n}", s.exercisePicture, nil},
	}
}

// maxCustomBody is the most a posted exercise may be: its words and three
// pictures at their largest, with room for the form's own bytes.
const maxCustomBody = custom.MaxPictures*picture.MaxBytes + 1<<20

// formField is one field of the exercise form: its words, what the checker
// allows (Hint), the value sent, and what is wrong with it.
type formField struct {
	Name    string // the form's name for it, and the input's id
	Kind    string // text, textarea, number, select, checks
	Label   string
	Hint    string
	Value   string
	Error   string
	Options []formOption
	Min     int
	Max     int
}

// formOption is one choice of a select or a set of checkboxes.
type formOption struct {
	Value, Label string
	On           bool
}

// formGroup is a set of fields shown under one heading.
type formGroup struct {
	Legend string
	Fields []*formField
}

// exerciseForm is the page that adds or edits an exercise of one's own.
type exerciseForm struct {
	Edit     string // the id being edited; "" adds a new one
	Action   string
	Error    string // what is wrong that no field shows
	Groups   []formGroup
	Pictures []pictureLink // the pictures it has (editing)
	MaxPics  int
	Figure   *formField // a built-in figure to start from
}

// pictureLink is one of an exercise's pictures.
type pictureLink struct {
	URL string
	N   int
	Alt string
}

func option(v, label, cur string) formOption { return formOption{Value: v, Label: label, On: v == cur} }

// newExerciseForm makes the form, filled with e (an empty exercise when
// adding) and with the values posted when there are any.
func newExerciseForm(e *catalog.Exercise) *exerciseForm {
	d := e.Dose
	rng := func(r dose.Range, hi bool) string {
		switch {
		case r.IsZero():
			return ""
		case hi:
			return strconv.Itoa(r.Max)
		}
		return strconv.Itoa(r.Min)
	}
	cues := e.Cues
	text := func(name string, k, hint message.Key, v string) *formField {
		f := &formField{Name: name, Kind: "text", Label: message.Text(k), Value: v}
		if hint != "" {
			f.Hint = message.Text(hint)
		}
		return f
	}
	area := func(name string, k, hint message.Key, v []string) *formField {
		return &formField{Name: name, Kind: "textarea", Label: message.Text(k), Hint: message.Text(hint), Value: strings.Join(v, "\n")}
	}
	num := func(name string, k, hint message.Key, v string, lo, hi int, args ...any) *formField {
		return &formField{Name: name, Kind: "number", Label: message.Text(k), Hint: message.Text(hint, args...), Value: v, Min: lo, Max: hi}
	}
	sel := func(name string, k, hint message.Key, opts []formOption) *formField {
		f := &formField{Name: name, Kind: "select", Label: message.Text(k), Options: opts}
		if hint != "" {
			f.Hint = message.Text(hint)
		}
		return f
	}
	var types, levels, modes, sides, positions, equipment []formOption
	for _, t := range catalog.Types {
		types = append(types, option(string(t), message.TypeWords.Text(string(t)), string(e.Type)))
	}
	for _, l := range catalog.Difficulties {
		levels = append(levels, option(string(l), message.LevelWords.Text(string(l)), string(e.Difficulty)))
	}
	modeWords := map[dose.Mode]message.Key{dose.Reps: message.FormModeReps, dose.Hold: message.FormModeHold, dose.Timed: message.FormModeTimed, dose.Breath: message.FormModeBreath}
	for _, m := range dose.Modes {
		modes = append(modes, option(string(m), message.Text(modeWords[m]), string(d.Mode)))
	}
	curSides := string(d.Sides)
	if curSides == "" {
		curSides = string(dose.NoSides)
	}
	for _, sd := range []struct {
		v dose.Sides
		k message.Key
	}{{dose.NoSides, message.FormSidesNone}, {dose.Each, message.FormSidesEach}, {dose.Alternate, message.FormSidesAlternate}} {
		sides = append(sides, option(string(sd.v), message.Text(sd.k), curSides))
	}
	for _, p := range catalog.Positions {
		positions = append(positions, formOption{Value: string(p), Label: message.PositionWords.Text(string(p)), On: slices.Contains(e.Positions, p)})
	}
	for _, q := range catalog.EquipmentIDs {
		equipment = append(equipment, formOption{Value: string(q), Label: message.EquipmentWords.Text(string(q)), On: slices.Contains(e.Equipment, q)})
	}
	source := ""
	if len(e.Source) > 0 {
		source = e.Source[0].Title
	}
	sets := ""
	if !d.Sets.IsZero() && d.Sets.Min > 1 {
		sets = strconv.Itoa(d.Sets.Min)
	}
	f := &exerciseForm{MaxPics: custom.MaxPictures}
	f.Groups = []formGroup{
		{message.Text(message.FormGroupAbout), []*formField{
			text("name", message.FormName, "", e.Name),
			text("id", message.FormID, message.FormIDHint, e.ID),
			text("purpose", message.FormPurpose, message.FormPurposeHint, e.Purpose),
			sel("type", message.FormType, "", types),
			sel("difficulty", message.FormDifficulty, "", levels),
			{Name: "positions", Kind: "checks", Label: message.Text(message.FormPositions), Hint: message.Text(message.FormPositionsHint), Options: positions},
			{Name: "equipment", Kind: "checks", Label: message.Text(message.FormEquipment), Hint: message.Text(message.FormEquipmentHint), Options: equipment},
		}},
		{message.Text(message.FormGroupDose), []*formField{
			sel("mode", message.FormMode, message.FormModeHint, modes),
			num("reps_min", message.FormRepsMin, message.FormRepsHint, rng(d.Reps, false), 1, dose.MaxReps, dose.MaxReps),
			num("reps_max", message.FormRepsMax, message.FormMaxHint, rng(d.Reps, true), 1, dose.MaxReps),
			num("hold_min", message.FormHoldMin, message.FormHoldHint, rng(d.Hold, false), 1, dose.MaxHoldSeconds, dose.MaxHoldSeconds),
			num("hold_max", message.FormHoldMax, message.FormMaxHint, rng(d.Hold, true), 1, dose.MaxHoldSeconds),
			num("seconds_min", message.FormSecondsMin, message.FormSecondsHint, rng(d.Seconds, false), 1, dose.MaxSeconds, dose.MaxSeconds),
			num("seconds_max", message.FormSecondsMax, message.FormMaxHint, rng(d.Seconds, true), 1, dose.MaxSeconds),
			num("sets", message.FormSets, message.FormSetsHint, sets, 1, dose.MaxSets, dose.MaxSets),
			sel("sides", message.FormSides, "", sides),
		}},
		{message.Text(message.FormGroupHow), []*formField{
			area("steps", message.FormSteps, message.FormStepsHint, e.Steps),
			text("cue_intro", message.FormCueIntro, message.FormCueIntroHint, cues.Intro),
			text("cue_setup", message.FormCueSetup, message.FormCueSetupHint, cues.Setup),
			text("cue_move", message.FormCueMove, message.FormCueMoveHint, cues.Move),
			text("cue_hold", message.FormCueHold, message.FormCueHoldHint, cues.Hold),
			text("cue_release", message.FormCueRelease, message.FormCueReleaseHint, cues.Release),
			text("cue_inhale", message.FormCueInhale, message.FormCueBreathHint, cues.Inhale),
			text("cue_exhale", message.FormCueExhale, message.FormCueBreathHint, cues.Exhale),
			area("cautions", message.FormCautions, message.FormCautionsHint, e.Cautions),
			text("source", message.FormSource, message.FormSourceHint, source),
		}},
	}
	return f
}

// figureChoices offers the built-in figures as a starting point: none, the
// figure the exercise has (keep), or a built-in exercise's.
func figureChoices(c *catalog.Catalog, e *catalog.Exercise, cur string) *formField {
	f := &formField{Name: "figure", Kind: "select", Label: message.Text(message.FormFigure), Hint: message.Text(message.FormFigureHint)}
	f.Options = append(f.Options, option("", message.Text(message.FormFigureNone), cur))
	if e.Illustration != nil {
		f.Options = append(f.Options, option("keep", message.Text(message.FormFigureKeep), cur))
	}
	for _, b := range c.Exercises() {
		if b.Origin == catalog.BuiltinOrigin && b.Illustration != nil {
			f.Options = append(f.Options, option(b.ID, message.Text(message.FormFigureFrom, b.Name), cur))
		}
	}
	return f
}

// chooseFigure gives e the figure chosen on the form: none, the one old
// had ("keep"), or a copy of a built-in exercise's.
func chooseFigure(c *catalog.Catalog, e, old *catalog.Exercise, choice string) error {
	var from *catalog.Exercise
	switch choice {
	case "":
		return nil
	case "keep":
		from = old
	default:
		b, ok := c.Exercise(choice)
		if !ok || b.Origin != catalog.BuiltinOrigin {
			return unhunch.E(unhunch.EInvalid, message.FormFigureUnknown, choice)
		}
		from = b
	}
	if from == nil || from.Illustration == nil {
		return nil
	}
	// A deep copy, through the YAML it would be saved as.
	data, err := catalog.Marshal(from.Illustration)
	if err != nil {
		return err
	}
	var ill figure.Illustration
	if err := yaml.Unmarshal(data, &ill); err != nil {
		return err
	}
	e.Illustration = &ill
	return nil
}

// setFigure adds the choice of a built-in figure to the form, after the
// words of how to do it.
func (f *exerciseForm) setFigure(ff *formField) {
	f.Figure = ff
	last := &f.Groups[len(f.Groups)-1]
	last.Fields = append(last.Fields, ff)
}

// field returns the form's field of that name.
func (f *exerciseForm) field(name string) *formField {
	for _, g := range f.Groups {
		for _, fl := range g.Fields {
			if fl.Name == name {
				return fl
			}
		}
	}
	return nil
}

// lines splits a textarea into its lines that are not blank.
func lines(s string) []string {
	var out []string
	for l := range strings.SplitSeq(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// formProblem is a field of the form that does not read as a number.
type formProblem struct{ field, msg string }

// exerciseFromForm reads the posted form as an exercise; numbers that are
// not numbers are problems of their fields.
func exerciseFromForm(r *http.Request, id string) (*catalog.Exercise, []formProblem) {
	pf := r.PostForm
	get := func(k string) string { return strings.TrimSpace(pf.Get(k)) }
	var probs []formProblem
	num := func(k string) int {
		v := get(k)
		if v == "" {
			return 0
		}
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			probs = append(probs, formProblem{k, message.Text(message.FormNotNumber, v)})
			return 0
		}
		return n
	}
	rng := func(lo, hi string) dose.Range {
		a, b := num(lo), num(hi)
		switch {
		case a == 0 && b == 0:
			return dose.Range{}
		case b == 0:
			return dose.Fixed(a)
		case a == 0:
			return dose.Fixed(b)
		}
		return dose.Range{Min: a, Max: b}
	}
	e := &catalog.Exercise{ID: id, Name: get("name"), Purpose: get("purpose"), Type: catalog.Type(get("type")), Difficulty: catalog.Difficulty(get("difficulty")),
		Steps: lines(pf.Get("steps")), Cautions: lines(pf.Get("cautions")), Equipment: []catalog.Equipment{}}
	for _, p := range pf["positions"] {
		e.Positions = append(e.Positions, catalog.Position(p))
	}
	for _, q := range pf["equipment"] {
		e.Equipment = append(e.Equipment, catalog.Equipment(q))
	}
	e.Dose = dose.Dose{Mode: dose.Mode(get("mode")), Reps: rng("reps_min", "reps_max"), Hold: rng("hold_min", "hold_max"), Seconds: rng("seconds_min", "seconds_max"), Sides: dose.Sides(get("sides"))}
	if n := num("sets"); n > 0 {
		e.Dose.Sets = dose.Fixed(n)
	}
	if e.Dose.Sides == dose.NoSides {
		e.Dose.Sides = ""
	}
	e.Cues = catalog.Cues{Intro: get("cue_intro"), Setup: get("cue_setup"), Move: get("cue_move"), Hold: get("cue_hold"), Release: get("cue_release"), Inhale: get("cue_inhale"), Exhale: get("cue_exhale")}
	if src := get("source"); src != "" {
		e.Source = []catalog.Source{{Title: src}}
	}
	return e, probs
}

// formFieldFor maps a catalog issue's field ("dose.reps.min", "steps[2]")
// to the form field that shows it; "" when none does.
func formFieldFor(field string) string {
	base, _, _ := strings.Cut(field, "[")
	switch {
	case strings.HasPrefix(field, "dose.reps"):
		if strings.HasSuffix(field, ".max") {
			return "reps_max"
		}
		return "reps_min"
	case strings.HasPrefix(field, "dose.hold"):
		if strings.HasSuffix(field, ".max") {
			return "hold_max"
		}
		return "hold_min"
	case strings.HasPrefix(field, "dose.seconds"):
		if strings.HasSuffix(field, ".max") {
			return "seconds_max"
		}
		return "seconds_min"
	case strings.HasPrefix(field, "dose.sets"):
		return "sets"
	case strings.HasPrefix(field, "dose.sides"):
		return "sides"
	case field == "dose.mode" || field == "dose":
		return "mode"
	case strings.HasPrefix(field, "cues."):
		return "cue_" + strings.TrimPrefix(field, "cues.")
	case strings.HasPrefix(field, "source"):
		return "source"
	case strings.HasPrefix(field, "illustration"):
		return "figure"
	}
	switch base {
	case "id", "name", "purpose", "type", "difficulty", "positions", "equipment", "steps", "cautions":
		return base
	}
	return ""
}

// idFrom makes an id from a name: lower-case words joined by hyphens.
var nonWord = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[^a-z0-9]+`) })

func idFrom(name string) string {
	id := strings.Trim(nonWord().ReplaceAllString(strings.ToLower(name), "-"), "-")
	if len(id) > 48 {
		id = strings.TrimRight(id[:48], "-")
	}
	return id
}

// checkExercise checks e as `catalog check` would, against everything the
// person has but the entry being edited (skip), and puts each problem on
// its field. It returns whether e may be saved.
func (s *Server) checkExercise(f *exerciseForm, e *catalog.Exercise, skip string, saved []custom.Entry) bool {
	body, err := catalog.Marshal(e)
	if err != nil {
		f.Error = err.Error()
		return false
	}
	var others []custom.Entry
	for _, en := range saved {
		if !(en.Kind == custom.KindExercise && en.ID == skip) {
			others = append(others, en)
		}
	}
	b := s.builderWith(others)
	issues := b.AddEntry(custom.KindExercise, e.ID, body)
	for _, is := range issues {
		name := formFieldFor(is.Field)
		if fl := f.field(name); fl != nil {
			if fl.Error == "" {
				fl.Error = is.Message
			}
			continue
		}
		if f.Error == "" {
			f.Error = is.Message
		}
	}
	if len(issues) > 0 {
		return false
	}
	// A change must not leave out a routine that uses the exercise now.
	_, more := b.Build()
	for _, is := range more {
		_, id, _ := strings.Cut(is.Entry, " ")
		if _, ok := s.catalog().Routine(id); ok && strings.HasPrefix(is.Entry, "routine ") {
			f.Error = message.Text(message.FormBreaksRoutine, id, is.Field+": "+is.Message)
			return false
		}
	}
	return true
}

// readPictures reads and checks the pictures posted (picture files in
// order), numbered from first; the error names the one that is wrong.
func readPictures(r *http.Request, first int) ([]custom.Picture, error) {
	var out []custom.Picture
	if r.MultipartForm == nil {
		return nil, nil
	}
	for i, fh := range r.MultipartForm.File["picture"] {
		if fh.Size == 0 {
			continue
		}
		if first+len(out) >= custom.MaxPictures {
			return nil, unhunch.E(unhunch.EInvalid, message.CustomTooManyPictures, custom.MaxPictures)
		}
		if fh.Size > picture.MaxBytes {
			return nil, unhunch.E(unhunch.EInvalid, message.FormPicture, i+1, message.Text(message.PictureTooLarge, float64(fh.Size)/(1<<20), picture.MaxBytes>>20))
		}
		file, err := fh.Open()
		if err != nil {
			return nil, unhunch.E(unhunch.EInvalid, message.WebBadForm, err)
		}
		data, err := io.ReadAll(io.LimitReader(file, picture.MaxBytes+1))
		file.Close()
		if err != nil {
			return nil, unhunch.E(unhunch.EInvalid, message.WebBadForm, err)
		}
		p, err := picture.Check(data)
		if err != nil {
			return nil, unhunch.E(unhunch.EInvalid, message.FormPicture, i+1, err.Error())
		}
		out = append(out, custom.Picture{N: first + len(out), MediaType: p.MediaType, Width: p.Width, Height: p.Height, Data: p.Data})
	}
	return out, nil
}

// multipartForm parses a posted exercise, refusing one larger than three
// pictures and their words.
func multipartForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxCustomBody)
	var err error
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		err = r.ParseMultipartForm(maxCustomBody)
	} else {
		err = r.ParseForm()
	}
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return unhunch.E(unhunch.EInvalid, message.WebTooLarge, maxCustomBody>>20)
		}
		return unhunch.E(unhunch.EInvalid, message.WebBadForm, err)
	}
	return nil
}

func (s *Server) needCustom() (CustomJournal, error) {
	cj, ok := s.customJournal()
	if !ok {
		return nil, unhunch.E(unhunch.EUnavailable, message.FormNoJournal)
	}
	return cj, nil
}

func (s *Server) exerciseNewPage(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.needCustom(); err != nil {
		return err
	}
	f := newExerciseForm(&catalog.Exercise{Type: catalog.Mobility, Difficulty: catalog.Easy, Dose: dose.Dose{Mode: dose.Reps}})
	f.setFigure(figureChoices(s.catalog(), &catalog.Exercise{}, ""))
	f.Action = "/exercises/new"
	return s.render(w, http.StatusOK, "exercise_form", page{Title: message.Text(message.FormTitleNew), Nav: "exercises", Data: f})
}

// savedExercise returns the saved exercise id, or an error saying it is not
// one the person may change.
func (s *Server) savedExercise(id string) (*catalog.Exercise, error) {
	e, err := s.exercise(id)
	if err != nil {
		return nil, err
	}
	if !e.Saved() {
		return nil, unhunch.E(unhunch.EConflict, message.CustomNotYours, id, e.Origin)
	}
	return e, nil
}

func (s *Server) exerciseEditPage(w http.ResponseWriter, r *http.Request) error {
	cj, err := s.needCustom()
	if err != nil {
		return err
	}
	e, err := s.savedExercise(r.PathValue("id"))
	if err != nil {
		return err
	}
	f := newExerciseForm(e)
	cur := ""
	if e.Illustration != nil {
		cur = "keep"
	}
	f.setFigure(figureChoices(s.catalog(), e, cur))
	if _, err := s.editExtras(r, cj, f, e); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "exercise_form", page{Title: message.Text(message.FormTitleEdit, e.Name), Nav: "exercises", Data: f})
}

// editExtras fills what the edit form has besides the fields, and returns
// the exercise's saved pictures it links to.
func (s *Server) editExtras(r *http.Request, cj CustomJournal, f *exerciseForm, e *catalog.Exercise) ([]custom.Picture, error) {
	f.Edit, f.Action = e.ID, "/exercises/"+e.ID+"/edit"
	pics, err := cj.Pictures(r.Context(), e.ID)
	if err != nil {
		return nil, err
	}
	for _, p := range pics {
		f.Pictures = append(f.Pictures, pictureLink{URL: pictureURL(e.ID, p.N), N: p.N, Alt: message.Text(message.FormPictureAlt, p.N+1, e.Name)})
	}
	return pics, nil
}

// pictureURL is where a saved picture is served.
func pictureURL(id string, n int) string { return fmt.Sprintf("/exercises/%s/pictures/%d", id, n+1) }

func (s *Server) exerciseCreate(w http.ResponseWriter, r *http.Request) error {
	return s.saveExercise(w, r, "")
}

func (s *Server) exerciseUpdate(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.savedExercise(r.PathValue("id")); err != nil {
		return err
	}
	return s.saveExercise(w, r, r.PathValue("id"))
}

// saveExercise checks a posted exercise and saves it (edit: the saved
// exercise of that id), or shows the form again, with each problem next to
// its field and nothing saved.
func (s *Server) saveExercise(w http.ResponseWriter, r *http.Request, edit string) error {
	cj, err := s.needCustom()
	if err != nil {
		return err
	}
	if err := multipartForm(w, r); err != nil {
		return err
	}
	saved, err := cj.CustomEntries(r.Context())
	if err != nil {
		return err
	}
	id := edit
	if id == "" {
		id = strings.TrimSpace(r.PostForm.Get("id"))
		if id == "" {
			id = idFrom(r.PostForm.Get("name"))
			if id != "" {
				if _, taken := s.catalog().Exercise(id); taken {
					id = custom.FreeID(s.catalog(), id)
				}
			}
		}
	}
	e, probs := exerciseFromForm(r, id)
	var old *catalog.Exercise
	var was *figure.Illustration // the saved exercise's figure, kept on edit
	if edit != "" {
		if old, _ = s.catalog().Exercise(edit); old != nil {
			was = old.Illustration
		}
	}
	choice := r.PostForm.Get("figure")
	if err := chooseFigure(s.catalog(), e, old, choice); err != nil {
		probs = append(probs, formProblem{"figure", err.Error()})
	}
	f := newExerciseForm(e)
	f.setFigure(figureChoices(s.catalog(), &catalog.Exercise{Illustration: was}, choice))
	f.Action = "/exercises/new"
	title := message.Text(message.FormTitleNew)
	if old != nil {
		title = message.Text(message.FormTitleEdit, old.Name) // an edit shown again is still an edit
	}
	show := func(status int) error {
		return s.render(w, status, "exercise_form", page{Title: title, Nav: "exercises", Data: f})
	}
	var keep []custom.Picture
	if edit != "" {
		pics, err := s.editExtras(r, cj, f, old)
		if err != nil {
			return err
		}
		for _, p := range pics {
			if !slices.Contains(r.PostForm["drop_picture"], strconv.Itoa(p.N+1)) {
				p.N = len(keep)
				keep = append(keep, p)
			}
		}
	}
	for _, p := range probs {
		f.field(p.field).Error = p.msg
	}
	ok := s.checkExercise(f, e, edit, saved) && len(probs) == 0
	pics, perr := readPictures(r, len(keep))
	if perr != nil {
		f.Error, ok = perr.Error(), false
	}
	if !ok {
		if f.Error == "" {
			f.Error = message.Text(message.FormFix)
		}
		return show(http.StatusBadRequest)
	}
	all := append(keep, pics...)
	for i := range all {
		all[i].ExerciseID = e.ID
	}
	e.Dose = e.Dose.Normalize()
	body, err := catalog.Marshal(e)
	if err != nil {
		return unhunch.Errorf(unhunch.EInternal, "web: write exercise: %w", err)
	}
	entry := custom.Entry{Kind: custom.KindExercise, ID: e.ID, Body: string(body)}
	if edit == "" {
		err = cj.AddCustom(writeCtx(r), []custom.Entry{entry}, all, s.now())
	} else {
		if all == nil {
			all = []custom.Picture{}
		}
		err = cj.ReplaceCustom(writeCtx(r), entry, all, s.now())
	}
	if err != nil {
		if unhunch.ErrorCode(err) == unhunch.EConflict {
			f.field("id").Error = err.Error()
			return show(http.StatusConflict)
		}
		return err
	}
	s.refreshCatalog(r)
	seeOther(w, r, "/exercises/"+e.ID)
	return nil
}

func (s *Server) exerciseDelete(w http.ResponseWriter, r *http.Request) error {
	cj, err := s.needCustom()
	if err != nil {
		return err
	}
	if err := form(w, r); err != nil {
		return err
	}
	kind, err := custom.Deletable(s.catalog(), r.PathValue("id"))
	if err != nil {
		return err
	}
	if err := cj.DeleteCustom(writeCtx(r), kind, r.PathValue("id")); err != nil {
		return err
	}
	s.refreshCatalog(r)
	seeOther(w, r, "/exercises")
	return nil
}

// exercisePicture serves a saved picture, re-encoded when it was saved, as
// the type it was encoded as.
func (s *Server) exercisePicture(w http.ResponseWriter, r *http.Request) error {
	cj, err := s.needCustom()
	if err != nil {
		return err
	}
	id := r.PathValue("id")
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 1 || n > custom.MaxPictures {
		return unhunch.E(unhunch.ENotFound, message.FormNoPicture, id, r.PathValue("n"))
	}
	pics, err := cj.Pictures(r.Context(), id)
	if err != nil {
		return err
	}
	for _, p := range pics {
		if p.N == n-1 {
			h := w.Header()
			h.Set("Content-Type", p.MediaType)
			h.Set("Content-Length", strconv.Itoa(len(p.Data)))
			h.Set("Cache-Control", "no-cache")
			h.Set("Content-Security-Policy", "default-src 'none'")
			h.Set("X-Content-Type-Options", "nosniff")
			w.WriteHeader(http.StatusOK)
			if r.Method != http.MethodHead {
				w.Write(p.Data)
			}
			return nil
		}
	}
	return unhunch.E(unhunch.ENotFound, message.FormNoPicture, id, r.PathValue("n"))
}

// pictureLinks lists the person's own pictures of e; none for built-ins.
func (s *Server) pictureLinks(r *http.Request, e *catalog.Exercise) ([]pictureLink, error) {
	cj, ok := s.customJournal()
	if !ok || !e.Saved() {
		return nil, nil
	}
	pics, err := cj.Pictures(r.Context(), e.ID)
	if err != nil {
		return nil, err
	}
	var out []pictureLink
	for _, p := range pics {
		out = append(out, pictureLink{URL: pictureURL(e.ID, p.N), N: p.N, Alt: message.Text(message.FormPictureAlt, p.N+1, e.Name)})
	}
	return out, nil
}

// firstPictures maps each exercise with pictures to its first one's URL.
func (s *Server) firstPictures(r *http.Request) (map[string]string, error) {
	out := map[string]string{}
	cj, ok := s.customJournal()
	if !ok {
		return out, nil
	}
	pics, err := cj.AllPictures(r.Context())
	if err != nil {
		return nil, err
	}
	for _, p := range pics {
		if p.N == 0 {
			out[p.ExerciseID] = pictureURL(p.ExerciseID, 0)
		}
	}
	return out, nil
}

// addPictures gives each of the person's own exercises in doc the URLs of
// its pictures, for the player.
func (s *Server) addPictures(r *http.Request, doc *api.Routine) error {
	for i := range doc.Exercises {
		x := &doc.Exercises[i]
		e, ok := s.catalog().Exercise(x.ID)
		if !ok || !e.Saved() {
			continue
		}
		links, err := s.pictureLinks(r, e)
		if err != nil {
			return err
		}
		for _, l := range links {
			x.Pictures = append(x.Pictures, l.URL)
		}
	}
	return nil
}

// handoutPictures groups saved pictures by exercise for the handout.
func handoutPictures(pics []custom.Picture) map[string][]handout.Picture {
	out := map[string][]handout.Picture{}
	for _, p := range pics {
		out[p.ExerciseID] = append(out[p.ExerciseID], handout.Picture{MediaType: p.MediaType, Width: p.Width, Height: p.Height, Data: p.Data})
	}
	return out
}
