package lapkit

import (
	"math"
	"sort"
	"time"
)

// An Activity is one recorded activity: a run, a ride, or a multisport
// event, decoded from any supported file format.
//
// Samples are in strictly increasing time order; decoders drop (and note)
// samples whose time repeats or goes backwards. Laps, Pauses and Sessions are
// in time order too.
type Activity struct {
	Format   Format // source file format: FormatFIT, FormatGPX or FormatTCX
	Sport    Sport  // snake_case ("running", "cycling"); SportMultisport when sessions differ; "" when unknown
	SubSport string // snake_case ("track", "trail", "treadmill"); "" when unknown
	Name     string // the activity's name when the file carries one (GPX, TCX notes)
	Device   Device

	// Start is the time of the first sample, or of the first session or
	// lap when the file has no samples. Offsets in reports count from it.
	Start time.Time

	Samples  []Sample
	Laps     []Lap
	Pauses   []Pause   // timer stopped (FIT stop events, GPX segment breaks, TCX track breaks)
	Sessions []Session // one per sport of a multisport file; one for most files; none when the file has no summary

	// Workout is the structured workout embedded in the file, or nil.
	Workout *Workout

	// DistanceSource tells where Sample.Distance comes from: "device" (the
	// watch's own cumulative distance, FIT and TCX), "positions" (summed
	// from GPS positions, GPX or files without a distance stream) or "" when
	// the activity has no distance at all.
	DistanceSource string

	// Notes record what the decoder repaired or could not read, so that a
	// report can flag it: dropped samples, time jumps, filled gaps, a cut-off
	// file.
	Notes []Note
}

// A Format is the format of the file an activity was read from.
type Format string

// Formats lapkit reads.
const (
	FormatFIT Format = "fit"
	FormatGPX Format = "gpx"
	FormatTCX Format = "tcx"
)

// A Sport is a sport in snake_case, with the FIT profile's names (a GPX
// or TCX file's own word when it names another). "" is unknown.
type Sport string

// The sports lapkit's analysis tells apart; files carry many more.
const (
	SportRunning    Sport = "running"
	SportWalking    Sport = "walking"
	SportHiking     Sport = "hiking"
	SportCycling    Sport = "cycling"
	SportSwimming   Sport = "swimming"
	SportTransition Sport = "transition" // between the legs of a multisport event
	SportGeneric    Sport = "generic"
	SportTraining   Sport = "training"
	SportMultisport Sport = "multisport" // an activity whose sessions are of several sports
)

// OnFoot reports whether the sport is run or walked: running, walking,
// hiking. Its cadence is in steps per minute (both legs).
func (s Sport) OnFoot() bool {
	return s == SportRunning || s == SportWalking || s == SportHiking
}

// A Device identifies the recording device.
type Device struct {
	Manufacturer string // "Garmin", "Suunto", "Polar"; "" when unknown
	Product      string // product name ("Fr745") or number ("product=37"); "" when unknown
	Serial       uint32 // 0 when unknown
}

// String returns "Manufacturer Product", or "" for an unknown device.
func (d Device) String() string {
	switch {
	case d.Manufacturer == "":
		return d.Product
	case d.Product == "":
		return d.Manufacturer
	}
	return d.Manufacturer + " " + d.Product
}

// A Pause is an interval with the timer stopped. Start and End are UTC.
type Pause struct {
	Start, End time.Time
}

// Duration returns End - Start.
func (p Pause) Duration() time.Duration { return p.End.Sub(p.Start) }

// A Session is one sport of an activity, with the totals the file itself
// wrote. Totals are NaN (distance) or 0 (times) when the file wrote none.
type Session struct {
	Sport       Sport
	SubSport    string
	Start, End  time.Time
	Distance    float64       // metres, as the file's summary says; NaN when absent
	TimerTime   time.Duration // excludes pauses
	ElapsedTime time.Duration // includes pauses
	FirstLap    int           // index into Activity.Laps
	NumLaps     int
}

// A Note is a remark in words, with its kind, so that a program can tell
// one from another without matching text: what a decoder or a repair did
// to an activity's data (Activity.Notes), how the analysis found the reps
// or left an effort out (analysis.Session and Rep notes), how a run
// differs from its plan (analysis.Evaluation), how a watch's workout reads
// as a plan (plan.Plan).
type Note struct {
	Kind  NoteKind  // one of the Note* kinds below
	Time  time.Time // where it happened; zero when it concerns the whole file
	Count int       // how many samples or records it concerns; 0 when not countable
	Text  string    // a human sentence
}

// A NoteKind names what a Note is about, in snake_case (the JSON and CSV
// forms).
type NoteKind string

// Note kinds of the decoders and repairs (Activity.Notes).
const (
	NoteTruncated         NoteKind = "truncated"          // the file ends before its data: what came before the cut is kept
	NoteChecksum          NoteKind = "checksum"           // a checksum does not match: the file is decoded all the same
	NoteFormat            NoteKind = "format"             // bytes that do not follow the format: what came before them is kept
	NoteDroppedSamples    NoteKind = "dropped_samples"    // samples without a usable time, dropped
	NoteRepeatedTime      NoteKind = "repeated_time"      // samples with the time of the one before, merged into it
	NoteTimeBackwards     NoteKind = "time_backwards"     // single samples whose time went more than 10 min back, dropped
	NoteOutOfOrder        NoteKind = "out_of_order"       // samples less than 10 min out of time order, put back in order
	NoteClockBack         NoteKind = "clock_back"         // the clock set back (a daylight-saving change), later samples moved forward
	NoteTimeJump          NoteKind = "time_jump"          // a forward clock jump, closed by moving later samples back
	NoteTimeGap           NoteKind = "time_gap"           // a long gap with the timer running, kept
	NoteDistanceGap       NoteKind = "distance_gap"       // samples without distance, interpolated
	NoteDistanceBackwards NoteKind = "distance_backwards" // distances that went backwards, held
	NoteDistanceSpike     NoteKind = "distance_spike"     // distances that jumped impossibly far for one sample, dropped
	NoteDistanceReset     NoteKind = "distance_reset"     // the device's distance counter restarted; carried on
	NoteDistanceTotal     NoteKind = "distance_total"     // the samples' distance and the file's own total disagree; what was kept
	NoteTimeZone          NoteKind = "time_zone"          // times without a zone, read as UTC
	NotePositionInvalid   NoteKind = "position_invalid"   // latitudes beyond ±90° or longitudes beyond ±180°, read as no position
	NotePositionFrozen    NoteKind = "frozen_position"    // a GPS position repeated while the runner ran on; the distance spread over the time
	NoteHeartRateMerged   NoteKind = "heart_rate_merged"  // heart rate stored apart from the records (FIT hr messages) merged into the samples, as the FIT SDK does
	NotePositionJitter    NoteKind = "position_jitter"    // distance from positions: the wander of a standing runner's position, and the sideways jitter of close fixes, not counted
	NoteActivities        NoteKind = "activities"         // the file holds several activities, read as one; the decoders' DecodeAll reads each apart
	NoteRepaired          NoteKind = "repaired"           // an activity a caller handed over broke the model's rules (Validate): a copy repaired before the analysis
)

// Note kinds of the analysis (analysis.Session, analysis.Rep,
// analysis.Evaluation) and of plans (plan.Plan).
const (
	NoteNotARun      NoteKind = "not_a_run"     // no reps looked for: another sport, a ride's speed, a recording longer than a day
	NoteLaps         NoteKind = "laps"          // the file's laps put in order, or some left out, before the reps were looked for
	NoteRepsFrom     NoteKind = "reps_from"     // where the reps came from (the laps, the stream, the plan's search) and why
	NoteNoReps       NoteKind = "no_reps"       // no interval structure: fewer than two efforts stand out
	NoteLeftOut      NoteKind = "left_out"      // efforts kept out of the reps, and where they went (strides, warm-up, cool-down, a rest, a lap cut short)
	NoteLapFigure    NoteKind = "lap_figure"    // a lap's own distance or timer time a rep does not use, and why (on the rep)
	NoteLapPress     NoteKind = "lap_press"     // a manual lap pressed before or after the effort's own edge (on the rep)
	NotePlanDiffers  NoteKind = "plan_differs"  // how the run differs from the plan
	NoteGoalsMissing NoteKind = "goals_missing" // goal-pace targets without the goals they need: not scored
	NoteWorkout      NoteKind = "workout"       // how a watch's workout was read as a plan
)

// DroppedSamples returns how many of the file's samples the decoder dropped
// or merged (Notes of kind NoteDroppedSamples, NoteRepeatedTime and
// NoteTimeBackwards): len(Samples) + DroppedSamples() is the number of
// samples the file holds.
func (a *Activity) DroppedSamples() int {
	if a == nil {
		return 0
	}
	n := 0
	for _, note := range a.Notes {
		switch note.Kind {
		case NoteDroppedSamples, NoteRepeatedTime, NoteTimeBackwards:
			n += note.Count
		}
	}
	return n
}

// Duration returns the elapsed time from the first to the last sample,
// pauses included. It is 0 for fewer than two samples.
func (a *Activity) Duration() time.Duration {
	if a == nil {
		return 0
	}
	if len(a.Samples) < 2 {
		return 0
	}
	return a.Samples[len(a.Samples)-1].Time.Sub(a.Samples[0].Time)
}

// End returns the time of the last sample, or Start when there is none.
func (a *Activity) End() time.Time {
	if a == nil {
		return time.Time{}
	}
	if len(a.Samples) == 0 {
		return a.Start
	}
	return a.Samples[len(a.Samples)-1].Time.UTC()
}

// MovingTime returns the elapsed time between the first and last sample
// less the time the timer was stopped (Pauses). It does not drop slow or
// standing samples: see package splits for a stop-speed threshold.
func (a *Activity) MovingTime() time.Duration {
	if a == nil {
		return 0
	}
	if len(a.Samples) < 2 {
		return 0
	}
	return a.MovingBetween(a.Samples[0].Time.UTC(), a.End())
}

// MovingBetween returns the time from t0 to t1 less the part of it covered
// by Pauses. It is 0 when t1 is not after t0, and never more than t1 - t0
// nor less than 0: time two pauses share (pauses a caller wrote
// overlapping) counts once.
func (a *Activity) MovingBetween(t0, t1 time.Time) time.Duration {
	if a == nil {
		return 0
	}
	if !t1.After(t0) {
		return 0
	}
	d := t1.Sub(t0)
	covered := t0 // paused time is counted up to here
	for _, p := range a.Pauses {
		s, e := p.Start, p.End
		if s.Before(covered) {
			s = covered
		}
		if e.After(t1) {
			e = t1
		}
		if e.After(s) {
			d -= e.Sub(s)
			covered = e
		}
	}
	return d
}

// Distance returns the cumulative distance at the last sample, in metres,
// or NaN when the activity has no distance.
func (a *Activity) Distance() float64 {
	if a == nil {
		return math.NaN()
	}
	if len(a.Samples) == 0 {
		return math.NaN()
	}
	return a.Samples[len(a.Samples)-1].Distance
}

// DistanceAt returns the cumulative distance at time t, in metres,
// interpolated linearly between the two samples around t, by Locate's edge
// rules: before the first sample it is the first sample's distance, after
// the last the last's. It is NaN when the activity has no distance.
func (a *Activity) DistanceAt(t time.Time) float64 {
	if a == nil {
		return math.NaN()
	}
	return Locate(a.Samples, t).Value(a.Samples, sampleDistance)
}

func sampleDistance(s *Sample) float64 { return s.Distance }

// TimeAt returns the time at which the cumulative distance first reaches d
// metres, interpolated linearly between the two samples on either side of
// the crossing; never snapped to a sample. ok is false when the activity
// never reaches d or has no distance. For d at or below the first sample's
// distance it returns the first sample's time.
func (a *Activity) TimeAt(d float64) (t time.Time, ok bool) {
	if a == nil {
		return time.Time{}, false
	}
	s := a.Samples
	if len(s) == 0 || math.IsNaN(d) || math.IsNaN(s[0].Distance) {
		return time.Time{}, false
	}
	i := sort.Search(len(s), func(i int) bool { return s[i].Distance >= d })
	switch {
	case i == len(s):
		return time.Time{}, false
	case i == 0:
		return s[0].Time.UTC(), true
	}
	p, q := &s[i-1], &s[i]
	f := (d - p.Distance) / (q.Distance - p.Distance)
	return p.Time.Add(time.Duration(f * float64(q.Time.Sub(p.Time)))).UTC(), true
}

// Offset returns t as seconds from the activity's Start.
func (a *Activity) Offset(t time.Time) float64 {
	if a == nil {
		return math.NaN()
	}
	return t.Sub(a.Start).Seconds()
}
