// Package analysis finds the structure of an interval session (warm-up,
// sets of reps, the rests between them, cool-down) in any running
// activity, from the laps the device wrote or from the speed stream alone.
//
// The sources, best first: laps whose roles are known (intensities, the
// embedded workout's steps, or steps that repeat), laps that run faster
// than the easy ones (manual laps, laps with no trigger, auto laps of 400
// or 500 m on a track), laps between standing ones, laps of a repeated
// length, and the stream itself (GPX, auto 1 km laps, no laps): by pace,
// or by the stops when the pace alone does not tell. The session's notes
// say which. A plan, when given, is used as a prior: how many reps, how
// long; with it, reps the stream cannot tell are looked for in the run.
// docs/detection.md has the whole of it.
//
// Options.Evaluate then scores the reps against the plan the session was
// detected with (package plan), measures the fade within and across sets
// and predicts race times. Package report runs all of it in one call.
//
// The files follow the stages: pipeline.go (Detect), laps.go and
// lapclass.go (reps from laps), fromstream.go and rests.go (from the speed
// stream), efforts.go, edges.go, planmatch.go and plansearch.go, build.go,
// sets.go and confidence.go; evaluate.go, fade.go and predict.go; stream.go
// holds the resampled stream every stage reads.
package analysis

import (
	"fmt"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/track"
	"github.com/lapkit/lapkit/plan"
)

// Source tells where a rep's boundaries came from.
type Source string

// Sources, best first.
const (
	SourceWorkoutStep Source = "workout_step" // laps tied to the steps of a structured workout
	SourceManualLap   Source = "manual_lap"   // lap button presses, refined on the distance curve
	SourceAutoLap     Source = "auto_lap"     // distance or time auto laps whose speeds alternate
	SourceDetected    Source = "detected"     // the speed stream (and elevation for hills)
)

// A Span is a stretch of an activity.
type Span struct {
	Start, End             time.Time     // UTC
	StartOffset, EndOffset time.Duration // from the activity's Start
	Distance               float64       // metres
}

// Duration returns End - Start.
func (s Span) Duration() time.Duration { return s.End.Sub(s.Start) }

// A Rep is one hard effort of an interval session.
type Rep struct {
	Set, N int // 1-based: set number, and rep number within the set
	Span
	Moving  time.Duration // timer running
	Nominal float64       // the standard distance (200, 400, ... 1600 m, mile) the rep matches within 7.5 %; 0 when none, or when the device ended the rep's workout steps on time (a 4 min hill rep)

	AvgSpeed     float64 // m/s, distance over moving time
	MaxSpeed     float64 // m/s, highest of the smoothed speed stream
	AvgHeartRate float64 // bpm; NaN when not recorded
	MaxHeartRate float64 // bpm; NaN when not recorded
	AvgCadence   float64 // steps/min; NaN when not recorded

	Source     Source
	Confidence float64 // 0 to 1

	// Effort is, for a rep from a manual lap, where the effort itself
	// began and ended (where the distance curve bends, within 6 s of each
	// press), when either lies more than 1 s from its press; nil
	// otherwise. The rep itself is the lap as pressed, as the watch
	// shows it, and Notes say how far off the presses were ("lap pressed
	// 2.8 s after the effort ended", lapkit.NoteLapPress).
	Effort *Span

	// Notes say what the rep does not take from its laps, and why
	// (lapkit.NoteLapFigure: a lap's distance no runner covers in it),
	// and how far a manual lap's presses lie from the effort's edges
	// (lapkit.NoteLapPress).
	Notes []lapkit.Note

	// Unplanned is set by Detect with a Plan on a hard effort the
	// plan has no rep for: an extra rep, or reps of another length than
	// planned. It is kept, numbered with the others, and not scored.
	Unplanned bool

	// Quality lists what may make the rep's figures wrong, in the order
	// below; nil when nothing was seen: the kinds of the decoder's
	// repairs inside the rep (the lapkit.Note kinds, as Quality:
	// "distance_spike", "time_jump", ...), QualityFrozen, QualityGap,
	// QualityTooFast.
	Quality []Quality
}

// String reads like the watch's lap list: "2.3 1:05.0 400 m 2:42.5/km"
// (set.rep, time, distance, pace per km over the moving time).
func (r Rep) String() string {
	pace := "-"
	if r.Distance > 0 {
		pace = lapkit.FormatClock(time.Duration(float64(r.Moving)*1000/r.Distance)) + "/km"
	}
	return fmt.Sprintf("%d.%d %s %.0f m %s", r.Set, r.N, lapkit.FormatClock(r.Duration()), r.Distance, pace)
}

// EffortSpan returns where the effort itself began and ended: Effort when
// set (a manual lap pressed over 1 s off), else the rep's own Span.
func (r *Rep) EffortSpan() Span {
	if r == nil {
		return Span{}
	}
	if r.Effort != nil {
		return *r.Effort
	}
	return r.Span
}

// A Quality is a data-quality flag of a rep (Rep.Quality): one of the
// decoders' note kinds inside the rep, or one of the kinds below.
type Quality string

// Data-quality flags of a rep beside the decoders' note kinds.
const (
	QualityFrozen          = Quality(lapkit.NotePositionFrozen) // the distance stood still for 5 s or more while running (the rep reads short and slow), or the decoder spread it over a frozen GPS position
	QualityGap     Quality = "sample_gap"                       // no sample for more than 10 s: edges and splits inside are interpolated
	QualityTooFast Quality = "too_fast"                         // faster than 10 m/s on average (quicker than the 100 m world record): a distance fault
)

// RestKind tells a rest inside a set from one between sets.
type RestKind string

// Rest kinds.
const (
	RestKindRep RestKind = "rep_rest" // the short recovery inside a set
	RestKindSet RestKind = "set_rest" // the long one between sets
)

// RestMode tells what the runner did in a rest, by its average speed
// (pauses included): stood (under 0.5 m/s: a few metres of drift), walked
// (under 2 m/s, 8:20/km), or jogged.
type RestMode string

// Rest modes.
const (
	RestStand RestMode = "stand"
	RestWalk  RestMode = "walk"
	RestJog   RestMode = "jog"
)

// standSpeed: see RestMode, in m/s.
const standSpeed = 0.5

// A Rest is the recovery after a rep.
type Rest struct {
	AfterSet, AfterRep int // the rep it follows
	Kind               RestKind
	Standing           bool     // the runner stood or walked (under 2 m/s) rather than jogged
	Mode               RestMode // stood, walked or jogged: what the runner did, by the rest's average speed
	Span
	AvgSpeed float64 // m/s over the rest, pauses included
}

// A Session is the structure Detect finds.
type Session struct {
	Source     Source  // where the rep boundaries came from; "" when no reps were found
	Confidence float64 // 0 to 1: below 0.5, treat the reps as a guess (a hilly run, a fartlek)

	WarmUp   *Span // from the start to the first rep; nil when the first rep starts the activity
	CoolDown *Span // from the last rep to the end; nil when none
	Reps     []Rep // in order; the reps of a set are contiguous
	Rests    []Rest
	Sets     int    // number of sets
	Strides  []Span // short fast efforts (strides) left out of the reps

	// Notes say, in words and by kind, how the reps were found
	// (lapkit.NoteRepsFrom), why none were (NoteNoReps, NoteNotARun), what
	// was done to the laps first (NoteLaps), and every effort left out of
	// the reps and where it went (NoteLeftOut).
	Notes []lapkit.Note

	// Plan is the plan Detect was given (Options.Plan; nil without one):
	// Evaluate scores against it when it is given no other.
	Plan *plan.Plan

	given, read *lapkit.Activity // the activity Detect was given, and the one it read (a repaired copy when given broke the model's rules)
}

// ActivityFor returns the activity the session's offsets count from, for
// the activity a it was detected on: a itself, or the repaired copy Detect
// read when a broke the model's rules (lapkit.Activity.Validate). For
// another activity (or a nil session) it returns a as Detect would read
// it, repaired when it must be. Evaluate and the report read the activity
// through it, so that every figure counts from the same samples.
func (s *Session) ActivityFor(a *lapkit.Activity) *lapkit.Activity {
	if s != nil && s.given == a && s.read != nil {
		return s.read
	}
	return track.Normalize(a)
}

// note adds a note of kind to the rep.
func (r *Rep) note(kind lapkit.NoteKind, text string) {
	r.Notes = append(r.Notes, lapkit.Note{Kind: kind, Text: text})
}

// Set returns the reps of set n (1-based), a sub-slice of s.Reps.
func (s *Session) Set(n int) []Rep {
	if s == nil {
		return nil
	}
	i := 0
	for i < len(s.Reps) && s.Reps[i].Set < n {
		i++
	}
	j := i
	for j < len(s.Reps) && s.Reps[j].Set == n {
		j++
	}
	return s.Reps[i:j]
}
