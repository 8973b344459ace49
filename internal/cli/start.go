package cli

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/coach"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/internal/voice"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/player"
	"github.com/unhunch/unhunch/safety"
	"github.com/unhunch/unhunch/timeline"
)

// startFlags are the options of `unhunch start`.
type startFlags struct {
	scale      float64
	voiceOn    bool
	voiceOff   bool
	painBefore string
	painAfter  string
	levelStart bool
	ratings    string   // one rating for every exercise done
	rate       []string // ID=rating, for one exercise each
}

func (a *app) startCommand() *cobra.Command {
	var f startFlags
	cmd := &cobra.Command{
		Use:               "start ROUTINE",
		Short:             message.Text(message.HelpStart),
		Long:              message.Text(message.HelpStartLong),
		Args:              exactlyOne(message.ArgRoutineID, "unhunch routines"),
		ValidArgsFunction: a.completeRoutines,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.start(cmd.Context(), args[0], f)
		},
	}
	fl := cmd.Flags()
	fl.Float64Var(&f.scale, "time-scale", 1, message.Text(message.FlagTimeScale))
	fl.BoolVar(&f.voiceOn, "voice", false, message.Text(message.FlagVoice))
	fl.BoolVar(&f.voiceOff, "no-voice", false, message.Text(message.FlagNoVoice))
	fl.StringVar(&f.painBefore, "pain-before", "", message.Text(message.FlagPainBefore))
	fl.StringVar(&f.painAfter, "pain-after", "", message.Text(message.FlagPainAfter))
	fl.StringVar(&f.ratings, "ratings", "", message.Text(message.FlagRatings))
	fl.StringArrayVar(&f.rate, "rate", nil, message.Text(message.FlagRate))
	fl.BoolVar(&f.levelStart, "level-start", false, message.Text(message.FlagLevelStart))
	cmd.MarkFlagsMutuallyExclusive("voice", "no-voice")
	return cmd
}

// parsePainFlag reads an optional 0–10 pain flag.
func parsePainFlag(name, v string) (*int, error) {
	if v == "" {
		return nil, nil
	}
	n, err := journal.ParsePain(v)
	if err != nil {
		return nil, unhunch.Errorf(unhunch.EInvalid, "--%s: %w", name, err)
	}
	return &n, nil
}

func (a *app) start(ctx context.Context, id string, f startFlags) error {
	if f.scale <= 0 || f.scale > 1000 || f.scale != f.scale {
		return unhunch.E(unhunch.EInvalid, message.StartBadScale, f.scale)
	}
	painBefore, err := parsePainFlag("pain-before", f.painBefore)
	if err != nil {
		return err
	}
	painAfter, err := parsePainFlag("pain-after", f.painAfter)
	if err != nil {
		return err
	}
	c, err := a.catalog()
	if err != nil {
		return err
	}
	r, ok := c.Routine(id)
	if !ok {
		return notFound(message.CLINoRoutine, id, routineIDs(c), "unhunch routines")
	}
	return a.startRoutine(ctx, c, r, f, painBefore, painAfter)
}

// startRoutine coaches routine r of catalog c (one of the catalog's, or a
// plan): the safety questions first when they are due, then the session,
// then its recap.
func (a *app) startRoutine(ctx context.Context, c *catalog.Catalog, r *catalog.Routine, f startFlags, painBefore, painAfter *int) error {
	st, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := a.screenIfDue(ctx, st, c); err != nil {
		return err
	}
	started, err := person.Start(ctx, st, c, person.StartRequest{Routine: r, PainBefore: painBefore, AtStart: f.levelStart,
		TimeScale: f.scale, Now: time.Now(), Owner: store.ThisOwner(), Advice: message.GateAdvice, Location: time.Local})
	if err != nil {
		return err
	}
	ratings, err := parseRatings(f, r, started.Routine.Steps)
	if err != nil {
		return err
	}
	ctx, stop := notifySignal(ctx, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	sink := &journalSink{st: st, ctx: context.WithoutCancel(ctx), session: started.Session, tl: started.Timeline, scale: f.scale}
	defer sink.stopRenewing()
	res, err := a.coach(ctx, started, sink, f, painAfter, ratings != nil)
	if err != nil {
		return err
	}
	res.SaveErrors = append(res.SaveErrors, sink.rateDone(started.Routine.Steps, ratings)...)
	if res.Blocked == "" {
		if err := a.printRecap(context.WithoutCancel(ctx), st, c, started.Session.ID, res); err != nil {
			a.warn(err.Error()) // the session is saved; only its account could not be read back
		}
	}
	switch {
	case res.Blocked != "":
		return unhunch.Errorf(unhunch.EBlocked, "%s", res.Blocked)
	case len(res.SaveErrors) > 0:
		return unhunch.E(unhunch.EUnavailable, message.StartSaveFailed, len(res.SaveErrors), res.SaveErrors[0])
	}
	if sig := signalOf(ctx); res.CtrlC || sig != nil {
		return interrupted(res, sig)
	}
	return nil
}

// coach plays a started session: full screen on a terminal, line by line
// otherwise, with the voice (or a bell on a terminal) and the notes (a
// demo's first), saving to sink as it goes.
func (a *app) coach(ctx context.Context, started person.Started, sink *journalSink, f startFlags, painAfter *int, ratingsGiven bool) (coach.Result, error) {
	steps := started.Routine.Steps
	names := make([]string, len(steps))
	for i, s := range steps {
		names[i] = s.Exercise.Name
	}
	notes := started.Notes
	if journal.DemoScale(f.scale) {
		// Said first: what follows is a demo, kept but never counted.
		notes = append([]string{message.Text(message.StartDemo, f.scale)}, notes...)
	}
	tty := isTerminal(a.env.Stdout) && isTerminal(a.env.Stdin)
	talking := voice.Available() && !f.voiceOff
	if f.voiceOn && !voice.Available() {
		a.warn(message.Text(message.StartNoESpeak))
	}
	var bellTo = a.env.Stdout
	if !tty {
		bellTo = nil // a bell in a log or a pipe is noise
	}
	sp := voice.New(talking, bellTo)
	defer sp.Close()
	o := coach.Options{
		Title: started.Session.RoutineName, Timeline: started.Timeline, Names: names, Scale: f.scale, Voice: sp, Talking: talking,
		PainBefore: started.Session.PainBefore, PainAfter: painAfter, Sink: sink, Notes: notes, RatingsGiven: ratingsGiven,
		PainCheck: func(p *int) string {
			if d := started.State.Gate(time.Now(), p); d.Block == safety.PainTooHigh {
				return person.Advice(d)
			}
			return ""
		},
	}
	if !tty {
		return coach.Lines(ctx, o, a.env.Stdout), nil
	}
	res, err := coach.Full(ctx, o, a.env.Stdin, a.env.Stdout)
	if err != nil {
		return res, unhunch.Errorf(unhunch.EInternal, "%w", err)
	}
	return res, nil
}

// interrupted is the error for a session left with Ctrl-C or ended by a
// signal (sig, nil for the Ctrl-C key): what was done is saved, and the
// exit status says the session did not run its course.
func interrupted(res coach.Result, sig os.Signal) error {
	name := message.Text(message.StartByCtrlC)
	if sig != nil && sig != os.Interrupt {
		name = message.Text(message.StartBySignal, sig)
	}
	if res.Status == "" {
		return unhunch.E(unhunch.EInterrupted, message.StartLeftBefore, name)
	}
	return unhunch.E(unhunch.EInterrupted, message.StartLeftDuring, name)
}

// signalCause is the cause of a context that a signal cancelled.
type signalCause struct{ sig os.Signal }

// Error names the signal.
func (c signalCause) Error() string { return c.sig.String() + " signal received" }

// notifySignal returns a context cancelled when one of sigs arrives, with
// the signal as its cause (signalOf), and a function that stops listening.
func notifySignal(parent context.Context, sigs ...os.Signal) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, sigs...)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			cancel(signalCause{sig})
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		close(done)
		cancel(nil)
	}
}

// signalOf returns the signal that cancelled ctx, or nil.
func signalOf(ctx context.Context) os.Signal {
	var c signalCause
	if errors.As(context.Cause(ctx), &c) {
		return c.sig
	}
	return nil
}

// parseRatings reads --ratings and --rate into a rating per exercise id of
// the routine; nil when neither is given.
func parseRatings(f startFlags, r *catalog.Routine, steps []timeline.Step) (map[string]journal.Rating, error) {
	if f.ratings == "" && len(f.rate) == 0 {
		return nil, nil
	}
	out := map[string]journal.Rating{}
	if f.ratings != "" {
		rt, err := journal.ParseRating(f.ratings)
		if err != nil {
			return nil, unhunch.Errorf(unhunch.EInvalid, "--ratings: %w", err)
		}
		for _, st := range steps {
			out[st.Exercise.ID] = rt
		}
	}
	ids := make([]string, len(steps))
	for i, st := range steps {
		ids[i] = st.Exercise.ID
	}
	for _, kv := range f.rate {
		id, word, ok := strings.Cut(kv, "=")
		if !ok {
			return nil, unhunch.E(unhunch.EInvalid, message.StartRateForm, kv)
		}
		rt, err := journal.ParseRating(word)
		if err != nil {
			return nil, unhunch.Errorf(unhunch.EInvalid, "--rate %s: %w", kv, err)
		}
		if !slices.Contains(ids, id) {
			return nil, unhunch.E(unhunch.EInvalid, message.StartRateNotIn, id, r.ID, strings.Join(ids, ", "))
		}
		out[id] = rt
	}
	return out, nil
}

func routineIDs(c *catalog.Catalog) []string {
	ids := make([]string, 0, len(c.Routines()))
	for _, r := range c.Routines() {
		ids = append(ids, r.ID)
	}
	return ids
}

// warn prints a warning line on stderr.
func (a *app) warn(s string) { a.env.Stderr.Write([]byte(message.Text(message.CLIWarning, s) + "\n")) }

// sessionJournal is what a coached session writes as it goes: the store.
type sessionJournal interface {
	person.SessionWriter
	person.ExerciseRecorder
	person.Excluder
	RateExercise(ctx context.Context, sessionID string, index, attempt int, r journal.Rating) error
	Renew(ctx context.Context, id string, at time.Time) error
}

// journalSink saves a coached session to the journal as it happens.
type journalSink struct {
	st      sessionJournal
	ctx     context.Context // writes outlive an interrupt: what was done is still saved
	session *journal.Session
	tl      *timeline.Timeline
	scale   float64 // seconds done are routine seconds: wall seconds × time-scale

	done   []doneAttempt // exercises done: the latest done attempt at each
	renew  chan struct{} // closed to stop renewing the session's lease
	status journal.Status
	ended  time.Time
	reason journal.StopReason
	pain   *int
}

// Start saves the new session with the pain given before, and renews its
// lease while it runs (paused included) until Finish.
func (s *journalSink) Start(at time.Time, painBefore *int) error {
	s.session.StartedAt, s.session.SeenAt, s.session.PainBefore, s.session.Status = at, at, painBefore, journal.Active
	if _, err := s.st.StartSession(s.ctx, s.session); err != nil {
		return err
	}
	s.renew = make(chan struct{})
	go s.renewing(s.renew)
	return nil
}

// renewing renews the session's lease every journal.Renew until stop is
// closed. A renewal that fails is tried again at the next tick: the sweep
// allows for several missed ones.
func (s *journalSink) renewing(stop chan struct{}) {
	t := time.NewTicker(journal.Renew)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			s.st.Renew(s.ctx, s.session.ID, time.Now())
		}
	}
}

// stopRenewing stops renewing the lease, if it was being renewed.
func (s *journalSink) stopRenewing() {
	if s.renew != nil {
		close(s.renew)
		s.renew = nil
	}
}

// Exercise saves an exercise's outcome and sets it aside after a stop for sharp pain or dizziness.
func (s *journalSink) Exercise(ev player.Event) error {
	b := s.tl.Exercises[ev.Exercise]
	// Stopping for sharp pain or dizziness sets the exercise aside.
	err := person.RecordExercise(s.ctx, s.st, s.st, s.session.ID, journal.Performance{
		Index: ev.Exercise, Attempt: ev.Attempt, ExerciseID: b.ExerciseID, Outcome: ev.Outcome, StopReason: ev.StopReason,
		Amount: b.Amount, Seconds: ev.Due.Sub(ev.Started).Seconds() * s.scale, StartedAt: ev.Started, EndedAt: ev.Due,
	})
	if err == nil && ev.Outcome == journal.Done {
		i := slices.IndexFunc(s.done, func(d doneAttempt) bool { return d.index == ev.Exercise })
		if i < 0 {
			s.done = append(s.done, doneAttempt{ev.Exercise, ev.Attempt})
		} else {
			s.done[i].attempt = ev.Attempt
		}
	}
	return err
}

// rateDone saves the ratings given with the command (by exercise id) of
// the exercises done, each for its latest done attempt, and returns the
// writes that failed.
func (s *journalSink) rateDone(steps []timeline.Step, ratings map[string]journal.Rating) []error {
	var failed []error
	for _, d := range s.done {
		if rt, ok := ratings[steps[d.index].Exercise.ID]; ok {
			if err := s.Rate(d.index, d.attempt, rt); err != nil {
				failed = append(failed, err)
			}
		}
	}
	return failed
}

// doneAttempt is an attempt at an exercise that was done.
type doneAttempt struct{ index, attempt int }

// Finish saves how the session ended.
func (s *journalSink) Finish(ev player.Event) error {
	s.stopRenewing()
	s.status, s.ended, s.reason = ev.Status, ev.Due, ev.StopReason
	return s.st.FinishSession(s.ctx, s.session.ID, ev.Status, ev.Due, s.pain, ev.StopReason)
}

// PainAfter saves the pain given after the session.
func (s *journalSink) PainAfter(p int) error {
	s.pain = &p
	return s.st.FinishSession(s.ctx, s.session.ID, s.status, s.ended, s.pain, s.reason)
}

// Rate saves the rating of an attempt at an exercise.
func (s *journalSink) Rate(exercise, attempt int, r journal.Rating) error {
	return s.st.RateExercise(s.ctx, s.session.ID, exercise, attempt, r)
}
