package coach

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/player"
)

// stage is the screen the coach shows.
type stage int

const (
	notes stage = iota // cautions and advice before anything else
	askPainBefore
	playing
	advice // after a stop for sharp pain or dizziness
	askPainAfter
	rating
	blocked // advice not to exercise now, instead of the session
	done
)

// refresh is the longest the screen goes without redrawing while playing.
const refresh = 100 * time.Millisecond

// tickMsg wakes the model; gen tells a current tick chain from a stale one.
type tickMsg struct{ gen int }

// model is the Bubble Tea model of the full-screen coach.
type model struct {
	o      Options
	p      *player.Player
	stage  stage
	input  string // digits typed for a pain rating
	prompt string // a line of feedback under a prompt
	gen    int
	width  int
	height int
	top    int // the first line of the notes on the screen, when they are longer than it

	res      Result
	saved    []player.Event // exercises ended, in order, for rating
	rateAt   int            // index into saved being rated
	lastSave string         // the latest save confirmation or failure
}

// Full runs the full-screen coach on the terminal in/out until the person
// finishes, and returns how the session ended. Cancelling ctx quits, saving
// what was done.
func Full(ctx context.Context, o Options, in io.Reader, out io.Writer) (Result, error) {
	m := newModel(o)
	prog := tea.NewProgram(m, tea.WithInput(in), tea.WithOutput(out), tea.WithContext(ctx))
	final, err := prog.Run()
	if fm, ok := final.(*model); ok {
		m = fm
	}
	if m.stage < askPainAfter && m.p.State() != player.Finished && m.p.State() != player.Ready {
		// Interrupted from outside (ctx cancelled, signal): keep what was done.
		m.handle(m.p.Quit(m.o.now()))
	}
	if err != nil && ctx.Err() == nil {
		return m.res, fmt.Errorf("coach: terminal: %w", err)
	}
	return m.res, nil
}

// NewModel returns the coach as a Bubble Tea model, for driving it directly
// (tests); Full runs it on a terminal. Result reports how it ended.
func NewModel(o Options) tea.Model { return newModel(o) }

// ResultOf returns how the session of a model from NewModel ended.
func ResultOf(m tea.Model) Result {
	if cm, ok := m.(*model); ok {
		return cm.res
	}
	return Result{}
}

func newModel(o Options) *model {
	m := &model{o: o, p: player.New(o.Timeline, o.Scale), width: 80, height: 24, stage: askPainBefore}
	switch {
	case len(o.Notes) > 0:
		m.stage = notes
	case o.PainBefore != nil:
		m.startPlaying()
	}
	return m
}

// notesLines are the lines of the notes screen above its keys: the title
// and each note, wrapped to the screen's width.
func (m *model) notesLines() []string {
	text := "\n  " + m.o.Title + "\n"
	for _, n := range m.o.Notes {
		text += "\n" + wrapTo(n, m.width-4, "  ") + "\n"
	}
	return strings.Split(strings.TrimSuffix(text, "\n"), "\n")
}

// notesRoom is how many lines of notes the screen holds above the keys
// (a blank line and the keys line).
func (m *model) notesRoom() int { return max(m.height-2, 3) }

// notesMore reports whether notes lie below the screen.
func (m *model) notesMore() bool { return m.top+m.notesRoom() < len(m.notesLines()) }

// afterNotes moves on from the notes: to the pain question, or straight to
// playing when the pain was given already.
func (m *model) afterNotes() tea.Cmd {
	if m.o.PainBefore != nil {
		m.startPlaying()
		return m.tick()
	}
	m.stage = askPainBefore
	return nil
}

// Init starts the tick chain when the session is already playing.
func (m *model) Init() tea.Cmd {
	if m.stage == playing {
		return m.tick()
	}
	return nil
}

// startPlaying saves the session's start and starts the player.
func (m *model) startPlaying() {
	now := m.o.now()
	m.save(m.o.Sink.Start(now, m.o.PainBefore))
	m.stage = playing
	m.handle(m.p.Start(now))
}

// tick schedules the next wake-up: at the player's next deadline, or sooner
// to keep the countdown moving.
func (m *model) tick() tea.Cmd {
	m.gen++
	gen := m.gen
	d := refresh
	if due, ok := m.p.NextDue(); ok {
		d = min(d, max(time.Until(due), 0))
	}
	return tea.Tick(d, func(time.Time) tea.Msg { return tickMsg{gen: gen} })
}

func (m *model) save(err error) {
	if err != nil {
		m.res.SaveErrors = append(m.res.SaveErrors, err)
		m.lastSave = message.Text(message.CoachSaveFailed, err)
	}
}

// handle acts on the player's events: voice, saving, and moving on when the
// session ends.
func (m *model) handle(evs []player.Event) {
	for _, ev := range evs {
		announce(&m.o, m.o.Timeline, ev)
		switch ev.Kind {
		case player.ExerciseEnd:
			err := m.o.Sink.Exercise(ev)
			m.save(err)
			if err == nil {
				m.lastSave = outcomeLine(m.o.Names[ev.Exercise], ev)
				if ev.Outcome == journal.Done {
					m.saved = keepDone(m.saved, ev, m.o.Timeline)
				}
			}
		case player.SessionEnd:
			m.res.Status, m.res.StopReason = ev.Status, ev.StopReason
			m.save(m.o.Sink.Finish(ev))
			switch {
			case ev.StopReason.EndsSession():
				m.stage = advice
			default:
				m.afterSession()
			}
		}
	}
}

// afterSession moves to the questions after a session, skipping those
// already answered by flags.
func (m *model) afterSession() {
	if m.o.PainAfter != nil {
		m.save(m.o.Sink.PainAfter(*m.o.PainAfter))
		m.toRating()
		return
	}
	m.stage, m.input, m.prompt = askPainAfter, "", ""
}

func (m *model) toRating() {
	m.stage, m.rateAt = rating, 0
	if len(m.saved) == 0 || m.o.RatingsGiven {
		m.stage = done
	}
}

// Update handles a key, a tick or a resize.
func (m *model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return m, nil
	case tickMsg:
		if msg.gen != m.gen || m.stage != playing {
			return m, nil
		}
		m.handle(m.p.Update(m.o.now()))
		return m, m.next()
	case tea.KeyPressMsg:
		return m, m.key(msg.String())
	}
	return m, nil
}

// next returns what follows an update: another tick while playing, quitting once done.
func (m *model) next() tea.Cmd {
	switch {
	case m.stage == done:
		return tea.Quit
	case m.stage == playing && m.p.State() == player.Playing:
		return m.tick()
	}
	return nil
}

func (m *model) key(k string) tea.Cmd {
	now := m.o.now()
	if k == "ctrl+c" {
		// Ctrl-C saves what q saves, then leaves at once: no questions.
		if m.stage == playing {
			m.handle(m.p.Quit(now))
		}
		m.res.CtrlC = true
		m.stage = done
		return tea.Quit
	}
	switch m.stage {
	case notes:
		switch {
		case goesOn(k) && m.notesMore():
			m.top += m.notesRoom() // the rest of the cautions first: none passed over unseen
		case goesOn(k):
			return m.afterNotes()
		case k == "down" || k == "j":
			m.top = min(m.top+1, max(len(m.notesLines())-m.notesRoom(), 0))
		case k == "up" || k == "k":
			m.top = max(m.top-1, 0)
		case leaves(k):
			m.stage = done
			return tea.Quit
		}
		return nil
	case blocked:
		if goesOn(k) || leaves(k) {
			m.stage = done
			return tea.Quit
		}
		return nil
	case askPainBefore, askPainAfter:
		return m.painKey(k)
	case playing:
		m.playKey(k, now)
	case advice:
		if goesOn(k) || k == "q" {
			m.afterSession()
		}
	case rating:
		m.rateKey(k)
	}
	return m.next()
}

// goesOn reports whether k is a key that goes on: enter or space.
func goesOn(k string) bool { return k == "enter" || k == "space" || k == " " }

// leaves reports whether k is a key that leaves: q or Esc.
func leaves(k string) bool { return k == "q" || k == "esc" }

func (m *model) painKey(k string) tea.Cmd {
	switch {
	case len(k) == 1 && k[0] >= '0' && k[0] <= '9' && len(m.input) < 2:
		m.input += k
		m.prompt = ""
	case k == "backspace":
		if m.input != "" {
			m.input = m.input[:len(m.input)-1]
		}
	case k == "enter":
		var pain *int
		if m.input != "" {
			n, err := journal.ParsePain(m.input)
			if err != nil {
				m.prompt, m.input = err.Error(), ""
				return nil
			}
			pain = &n
		}
		if m.stage == askPainBefore {
			m.o.PainBefore = pain
			if m.o.PainCheck != nil {
				if advice := m.o.PainCheck(pain); advice != "" {
					m.refuse(advice)
					return nil
				}
			}
			m.startPlaying()
			return m.tick()
		}
		if pain != nil {
			m.save(m.o.Sink.PainAfter(*pain))
		}
		m.toRating()
		return m.next()
	case k == "q" || k == "esc":
		if m.stage == askPainBefore {
			m.stage = done
			return tea.Quit
		}
		m.toRating()
		return m.next()
	}
	return nil
}

// refuse records the session as stopped before it began and shows advice.
func (m *model) refuse(advice string) {
	now := m.o.now()
	m.save(m.o.Sink.Start(now, m.o.PainBefore))
	ev := player.Event{Kind: player.SessionEnd, Due: now, Status: journal.Stopped}
	m.save(m.o.Sink.Finish(ev))
	m.res.Status, m.res.Blocked = journal.Stopped, advice
	m.stage = blocked
}

func (m *model) playKey(k string, now time.Time) {
	if m.p.State() == player.Asking {
		if reason, ok := stopReasonFor(k); ok {
			m.handle(m.p.Stop(now, reason))
			return
		}
		if k == "esc" || k == "s" {
			m.p.CancelStop(now)
		}
		return
	}
	switch k {
	case "space", " ":
		m.p.Toggle(now)
	case "n":
		m.handle(m.p.Skip(now))
	case "b":
		m.handle(m.p.Back(now))
	case "s":
		m.p.AskStop(now)
	case "q":
		m.handle(m.p.Quit(now))
	}
}

func (m *model) rateKey(k string) {
	ratings := map[string]journal.Rating{"e": journal.TooEasy, "r": journal.Right, "h": journal.TooHard}
	if r, ok := ratings[k]; ok {
		ev := m.saved[m.rateAt]
		m.save(m.o.Sink.Rate(ev.Exercise, ev.Attempt, r))
	} else if k == "x" || k == "q" || k == "esc" {
		m.stage = done
		return
	} else if k != "enter" {
		return
	}
	m.rateAt++
	if m.rateAt >= len(m.saved) {
		m.stage = done
	}
}

// View draws the current screen.
func (m *model) View() tea.View {
	var b strings.Builder
	switch m.stage {
	case notes:
		lines := m.notesLines()
		b.WriteString(strings.Join(lines[min(m.top, len(lines)):min(m.top+m.notesRoom(), len(lines))], "\n") + "\n")
		keys := message.CoachNotesKeys
		if m.notesMore() {
			keys = message.CoachNotesMore
		}
		b.WriteString("\n  " + message.Text(keys) + "\n")
	case blocked:
		b.WriteString("\n" + wrapTo(m.res.Blocked, m.width-4, "  ") + "\n\n  " + message.Text(message.CoachContinue) + "\n")
	case askPainBefore:
		m.viewPain(&b, message.CoachPainBefore)
	case playing:
		m.viewPlaying(&b)
	case advice:
		b.WriteString("\n")
		b.WriteString(wrapTo(message.StopAdvice.Text(string(m.res.StopReason)), m.width-4, "  "))
		b.WriteString("\n\n  " + message.Text(message.CoachContinue) + "\n")
	case askPainAfter:
		// "You are done" only after a session that ran its course, never
		// after a quit or a stop (issue 14).
		k := message.CoachPainAfterStopped
		if m.res.Status == journal.Completed {
			k = message.CoachPainAfter
		}
		m.viewPain(&b, k)
	case rating:
		ev := m.saved[m.rateAt]
		fmt.Fprintf(&b, "\n  %s\n\n  %s\n\n  %s\n", message.Text(message.CoachRateTitle, m.rateAt+1, len(m.saved)),
			m.o.Names[ev.Exercise], message.Text(message.CoachRateKeys))
	case done:
		fmt.Fprintf(&b, "\n  %s\n", endedLine(m.res))
	}
	v := tea.NewView(b.String())
	v.AltScreen = true
	v.WindowTitle = "unhunch · " + m.o.Title
	return v
}

func (m *model) viewPain(b *strings.Builder, k message.Key) {
	fmt.Fprintf(b, "\n  %s\n\n", m.o.Title)
	b.WriteString(wrapTo(message.Text(k), m.width-4, "  "))
	fmt.Fprintf(b, "\n\n  > %s_\n", m.input)
	if m.prompt != "" {
		b.WriteString("\n" + wrapTo(m.prompt, m.width-4, "  ") + "\n")
	}
	b.WriteString("\n  " + message.Text(message.CoachPainKeys) + "\n")
}

func (m *model) viewPlaying(b *strings.Builder) {
	now := m.o.now()
	tl := m.o.Timeline
	pr := m.p.Progress(now)
	w := max(m.width, 40)
	if pr.Segment >= len(tl.Segments) {
		return
	}
	s := tl.Segments[pr.Segment]
	name := message.Text(message.LabelFinish)
	if s.Exercise >= 0 {
		name = m.o.Names[s.Exercise]
	}
	header := message.Text(message.CoachHeader, pr.ExerciseNumber, pr.ExercisesInTotal, clock(pr.Total-pr.Elapsed))
	if pr.ExerciseNumber == 0 {
		header = message.Text(message.CoachHeaderFinish)
	}
	fmt.Fprintf(b, " %s\n %s\n\n", truncate(m.o.Title, w-2), truncate(header, w-2))
	title := strings.ToUpper(name)
	phase := message.PhaseWords.Text(string(s.Phase))
	if s.Rep > 0 {
		a := tl.Exercises[s.Exercise].Amount
		phase += " · " + message.Text(message.CoachRepOf, s.Rep, max(a.Reps, 1))
		if a.Sets > 1 {
			phase += " · " + message.Text(message.CoachSetOf, s.Set, a.Sets)
		}
	}
	if s.Side != "" {
		phase += " · " + message.SideShort.Text(string(s.Side))
	}
	fmt.Fprintf(b, "  %s\n  %s\n\n", truncate(title, w-4), truncate(phase, w-4))
	secs := int((pr.SegmentLeft + time.Second - 1) / time.Second)
	for _, line := range bigNumber(secs) {
		b.WriteString("    " + line + "\n")
	}
	b.WriteString("\n")
	b.WriteString(wrapTo(s.Cue, w-4, "  "))
	b.WriteString("\n\n")
	barW := max(w-24, 10)
	fmt.Fprintf(b, "  %-9s %s %3.0f%%\n", message.Text(message.CoachExercise), bar(pr.ExerciseDone, barW), 100*clamp01(pr.ExerciseDone))
	fmt.Fprintf(b, "  %-9s %s %3.0f%%\n", message.Text(message.CoachSession), bar(pr.SessionDone, barW), 100*clamp01(pr.SessionDone))
	if pr.NextExercise >= 0 {
		fmt.Fprintf(b, "  %s\n", truncate(message.Text(message.CoachNext, m.o.Names[pr.NextExercise]), w-4))
	} else {
		fmt.Fprintf(b, "  %s\n", message.Text(message.CoachLast))
	}
	b.WriteString("\n")
	switch m.p.State() {
	case player.Paused:
		b.WriteString("  " + message.Text(message.CoachPaused) + "\n")
	case player.Asking:
		b.WriteString(wrapTo(StopMenu(), w-4, "  ") + "\n")
	default:
		b.WriteString("\n")
	}
	if m.lastSave != "" {
		b.WriteString("  " + truncate(m.lastSave, w-4) + "\n")
	}
	b.WriteString("\n  " + truncate(message.Text(message.CoachKeys), w-4) + "\n")
}

func clamp01(f float64) float64 { return min(max(f, 0), 1) }

// bar draws a progress bar of width w.
func bar(f float64, w int) string {
	n := int(clamp01(f)*float64(w) + 0.5)
	return "[" + strings.Repeat("█", n) + strings.Repeat("░", w-n) + "]"
}

// truncate shortens s to at most n runes.
func truncate(s string, n int) string {
	r := []rune(s)
	if n <= 1 || len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// wrapTo breaks text into lines of at most w runes, each prefixed by indent.
func wrapTo(text string, w int, indent string) string {
	w = max(w, 20)
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		if line != "" && len([]rune(line))+1+len([]rune(word)) > w {
			lines = append(lines, indent+line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	if line != "" {
		lines = append(lines, indent+line)
	}
	return strings.Join(lines, "\n")
}

// digits are five-row glyphs for the big countdown.
var digits = [10][5]string{
	{"█████", "█   █", "█   █", "█   █", "█████"},
	{"  ██ ", "   █ ", "   █ ", "   █ ", "  ███"},
	{"█████", "    █", "█████", "█    ", "█████"},
	{"█████", "    █", " ████", "    █", "█████"},
	{"█   █", "█   █", "█████", "    █", "    █"},
	{"█████", "█    ", "█████", "    █", "█████"},
	{"█████", "█    ", "█████", "█   █", "█████"},
	{"█████", "    █", "   █ ", "  █  ", "  █  "},
	{"█████", "█   █", "█████", "█   █", "█████"},
	{"█████", "█   █", "█████", "    █", "█████"},
}

// bigNumber renders n in five-row digits.
func bigNumber(n int) [5]string {
	var rows [5]string
	for i, ch := range fmt.Sprint(max(n, 0)) {
		for r := range rows {
			if i > 0 {
				rows[r] += "  "
			}
			rows[r] += digits[ch-'0'][r]
		}
	}
	return rows
}
