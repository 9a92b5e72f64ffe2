// Package splits computes the splits a watch would show if it measured
// perfectly: quarter miles, kilometres, miles or any distance, over a whole
// activity or inside any time range (a lap, a rep), and splits by time.
//
// Every boundary is interpolated where the cumulative distance crosses it,
// never snapped to the nearest sample (at 1 Hz that would be up to 1 s, 1.5 %
// of a 65 s rep). Each split carries two clocks: elapsed (wall time, pauses
// included) and moving (timer running only, and optionally above a stop
// speed). Pace is moving time per distance, as on the watch.
//
// The distance stream is the activity's own Sample.Distance: the device's
// cumulative distance for FIT and TCX (the watch filters GPS and may use a
// foot pod, so its laps agree with it), the sum of GPS positions for GPX.
// Splitter.Positions forces positions for any file.
package splits

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/track"
)

// StravaStopSpeed is the speed under which Strava counts a runner as
// stopped: 0.894 m/s (2 mph). Use it as Splitter.StopSpeed to reproduce
// Strava's moving time.
const StravaStopSpeed = 0.894 // m/s

// A Splitter computes splits. Its zero value is ready to use: moving time
// excludes only the timer pauses, as a watch's own split timer does, and the
// distance stream is the activity's own. A Splitter is safe for concurrent
// use.
type Splitter struct {
	// StopSpeed, in m/s, makes moving time also exclude the time between
	// samples covered slower than it (standing at a crossing with the
	// watch running). 0 (the default) keeps only timer pauses out, because
	// the rests of an interval session are not "stopped" for the runner
	// and a watch counts them. See StravaStopSpeed.
	StopSpeed float64

	// Positions forces the distance stream to be summed from GPS positions
	// (internal/geo) even when the device recorded its own.
	Positions bool
}

// A Split is one split of an activity or of a range of it.
type Split struct {
	N        int     // 1-based
	Distance float64 // metres covered: the split length, less for a partial last split
	Partial  bool    // the last split, shorter than the split length (or time)

	Start, End             time.Time     // interpolated boundary times, UTC
	StartOffset, EndOffset time.Duration // from the activity's Start
	Elapsed                time.Duration // End - Start, pauses included
	Moving                 time.Duration // timer running (and above Splitter.StopSpeed)

	// Absent values (no heart-rate strap, no altitude) are NaN.
	AvgHeartRate float64 // bpm, time-weighted
	MaxHeartRate float64 // bpm, highest sample
	AvgCadence   float64 // steps/min (running), time-weighted
	Ascent       float64 // metres climbed, sum of rises between samples (altitude unsmoothed)
	Descent      float64 // metres descended
}

// Pace returns the moving time per km, or 0 when the split has no distance.
func (s *Split) Pace() time.Duration { return s.pace(lapkit.Kilometre) }

// PacePerMile returns the moving time per mile, or 0 when the split has no
// distance.
func (s *Split) PacePerMile() time.Duration { return s.pace(lapkit.Mile) }

// String reads like the watch's split list: "3 2:10.9 402 m 5:25.6/km"
// (the split's number, time, distance, pace per km), "partial" after the
// last when it falls short.
func (s Split) String() string {
	out := fmt.Sprintf("%d %s %.0f m", s.N, lapkit.FormatClock(s.Elapsed), s.Distance)
	if p := s.Pace(); p > 0 {
		out += " " + lapkit.FormatClock(p) + "/km"
	}
	if s.Partial {
		out += " partial"
	}
	return out
}

func (s *Split) pace(unit float64) time.Duration {
	if s == nil {
		return 0
	}
	if s.Distance <= 0 {
		return 0
	}
	return time.Duration(float64(s.Moving) * unit / s.Distance)
}

// Limits on a split length, which a user types: shorter splits, or more of
// them, fail with ErrLength or ErrTooMany before anything is allocated.
const (
	MinDistance = 1.0         // metres
	MinDuration = time.Second // elapsed
	MaxSplits   = 100_000     // splits in one call
)

// Errors for split lengths a program or its user got wrong, wrapped with
// the value.
var (
	ErrLength  = errors.New("splits: bad split length")
	ErrTooMany = errors.New("splits: too many splits")
)

// CheckDistance returns ErrLength, naming the value, when every metres
// is no split length (under MinDistance, or not a number).
func CheckDistance(every float64) error { return checkDistance(every, 0) }

// CheckDuration returns ErrLength, naming the value, when every is no
// split length (under MinDuration).
func CheckDuration(every time.Duration) error { return checkDuration(every, 0) }

// checkDistance checks every metres for splitting span metres.
func checkDistance(every, span float64) error {
	switch {
	case math.IsNaN(every) || math.IsInf(every, 0) || every < MinDistance:
		return fmt.Errorf("%w: %g m (at least %g m)", ErrLength, every, MinDistance)
	case span/every > MaxSplits:
		return fmt.Errorf("%w: %.0f m in splits of %g m make over %d", ErrTooMany, span, every, MaxSplits)
	}
	return nil
}

// checkDuration checks every for splitting span.
func checkDuration(every, span time.Duration) error {
	switch {
	case every < MinDuration:
		return fmt.Errorf("%w: %v (at least %v)", ErrLength, every, MinDuration)
	case span/every > MaxSplits:
		return fmt.Errorf("%w: %v in splits of %v make over %d", ErrTooMany, span, every, MaxSplits)
	}
	return nil
}

// ByDistance returns the splits of every metres over the whole activity
// with a zero Splitter (see Splitter.ByDistance).
func ByDistance(a *lapkit.Activity, every float64) ([]Split, error) {
	var s Splitter
	return s.ByDistance(a, every)
}

// cut returns the curve of a and the times and distances InRange cuts
// the range at, from and to included; a nil curve for no splits.
func (sp *Splitter) cut(a *lapkit.Activity, fromTime, toTime time.Time, every float64) (*curve, []lapkit.Instant, []float64, error) {
	if err := checkDistance(every, 0); err != nil {
		return nil, nil, nil, err
	}
	c := sp.curve(a)
	if c == nil {
		return nil, nil, nil, nil
	}
	from, to := c.clamp(lapkit.At(fromTime)), c.clamp(lapkit.At(toTime))
	if !to.After(from) {
		return nil, nil, nil, nil
	}
	d0, d1 := c.distAt(from), c.distAt(to)
	if math.IsNaN(d1-d0) || math.IsInf(d1-d0, 0) {
		// Distances the model does not allow (a caller's activity
		// not run through ByDistance): no splits, rather than no end.
		return nil, nil, nil, nil
	}
	if err := checkDistance(every, d1-d0); err != nil {
		return nil, nil, nil, err
	}
	bounds := []lapkit.Instant{from}
	dists := []float64{d0}
	i := c.index(from)
	for k := 1; ; k++ {
		d := d0 + float64(k)*every
		if d > d1+1e-9 {
			break
		}
		var t lapkit.Instant
		t, i = c.timeAt(d, i)
		if t.After(to) {
			t = to
		}
		bounds = append(bounds, t)
		dists = append(dists, d)
	}
	last := bounds[len(bounds)-1]
	if to.After(last) {
		bounds = append(bounds, to)
		dists = append(dists, d1)
	}
	return c, bounds, dists, nil
}

// Bounds returns the times InRange cuts the range from-to at, every
// metres (from, each boundary, and to when the last split is partial),
// without working out each split's figures: a rep's halves, say. Nil
// where InRange gives no splits, with its errors.
func (sp *Splitter) Bounds(a *lapkit.Activity, from, to time.Time, every float64) ([]time.Time, error) {
	if sp == nil {
		sp = &Splitter{}
	}
	c, bounds, _, err := sp.cut(a, from, to, every)
	if c == nil {
		return nil, err
	}
	out := make([]time.Time, len(bounds))
	for i, b := range bounds {
		out[i] = b.UTC()
	}
	return out, err
}

// InRange returns the splits of every metres between times from and to
// (a lap, a rep) with a zero Splitter (see Splitter.InRange).
func InRange(a *lapkit.Activity, from, to time.Time, every float64) ([]Split, error) {
	var s Splitter
	return s.InRange(a, from, to, every)
}

// Between returns the figures of one stretch of the activity, from from
// to to, as a single split (N 1, not partial): a rep, a rest, a lap. The
// zero Split is returned when the range is empty or the activity has no
// distance.
func (sp *Splitter) Between(a *lapkit.Activity, fromTime, toTime time.Time) Split {
	if sp == nil {
		sp = &Splitter{}
	}
	c := sp.curve(a)
	if c == nil {
		return Split{}
	}
	from, to := c.clamp(lapkit.At(fromTime)), c.clamp(lapkit.At(toTime))
	if !to.After(from) {
		return Split{}
	}
	out := sp.build(a, c, []lapkit.Instant{from, to}, []float64{c.distAt(from), c.distAt(to)})
	return out[0]
}

// ByTime returns the splits of every elapsed duration over the whole
// activity with a zero Splitter (see Splitter.ByTime).
func ByTime(a *lapkit.Activity, every time.Duration) ([]Split, error) {
	var s Splitter
	return s.ByTime(a, every)
}

// ByDistance returns the splits of every metres over the whole activity
// (a repaired copy of one that breaks the model's rules,
// lapkit.Activity.Validate), counted from its first sample; the last is partial unless the distance
// ends exactly on a boundary. Their Elapsed times add up to a.Duration(),
// their Moving times to the moving time, their distances to the distance
// covered. It returns nil for an activity without distance or with fewer
// than two samples; ErrLength for every under MinDistance (or not a
// number), ErrTooMany when the activity would make over MaxSplits.
func (sp *Splitter) ByDistance(a *lapkit.Activity, every float64) ([]Split, error) {
	if sp == nil {
		sp = &Splitter{}
	}
	a = track.Normalize(a)
	if a == nil || len(a.Samples) < 2 {
		return nil, checkDistance(every, 0)
	}
	return sp.InRange(a, a.Samples[0].Time.UTC(), a.End(), every)
}

// InRange returns the splits of every metres between times from and to
// (a lap, a rep): the 200 m splits of a 400 m rep, the quarter miles of a
// 1000 m rep. Distance counts from the distance at from. It returns nil when
// the range is empty or the activity has no distance; ErrLength for every
// under MinDistance, ErrTooMany when the range would make over MaxSplits.
// It takes the activity as it is (ByDistance repairs one that breaks the
// model's rules, lapkit.Activity.Validate), and gives nothing where its
// distances are not finite.
func (sp *Splitter) InRange(a *lapkit.Activity, from, to time.Time, every float64) ([]Split, error) {
	if sp == nil {
		sp = &Splitter{}
	}
	c, bounds, dists, err := sp.cut(a, from, to, every)
	if err != nil || c == nil {
		return nil, err
	}
	out := sp.build(a, c, bounds, dists)
	if n := len(out); n > 0 && (dists[n]-dists[n-1] < every-1e-6) {
		out[n-1].Partial = true
	}
	return out, nil
}

// ByTime returns the splits of every elapsed duration over the whole
// activity (pauses included), for time-based reps such as 2 x 10 min tempo;
// the last is partial unless the activity ends on a boundary. It returns
// ErrLength for every under MinDuration, ErrTooMany when the activity
// would make over MaxSplits.
func (sp *Splitter) ByTime(a *lapkit.Activity, every time.Duration) ([]Split, error) {
	if sp == nil {
		sp = &Splitter{}
	}
	a = track.Normalize(a)
	if a == nil || len(a.Samples) < 2 {
		return nil, checkDuration(every, 0)
	}
	return sp.TimeInRange(a, a.Samples[0].Time.UTC(), a.End(), every)
}

// TimeInRange returns the splits of every elapsed duration between from and
// to; errors as ByTime.
func (sp *Splitter) TimeInRange(a *lapkit.Activity, fromTime, toTime time.Time, every time.Duration) ([]Split, error) {
	if sp == nil {
		sp = &Splitter{}
	}
	if err := checkDuration(every, 0); err != nil {
		return nil, err
	}
	c := sp.curve(a)
	if c == nil {
		return nil, nil
	}
	from, to := c.clamp(lapkit.At(fromTime)), c.clamp(lapkit.At(toTime))
	if !to.After(from) {
		return nil, nil
	}
	if err := checkDuration(every, to.Sub(from)); err != nil {
		return nil, err
	}
	var bounds []lapkit.Instant
	var dists []float64
	for t := from; t.Before(to); t = t.Add(every) {
		bounds = append(bounds, t)
		dists = append(dists, c.distAt(t))
	}
	bounds = append(bounds, to)
	dists = append(dists, c.distAt(to))
	out := sp.build(a, c, bounds, dists)
	if n := len(out); n > 0 && out[n-1].Elapsed < every {
		out[n-1].Partial = true
	}
	return out, nil
}

// build makes the splits between consecutive bounds. The per-split figures
// take one pass over the samples: heart rate and cadence are weighted by
// the time each sample holds until the next, clipped to the split.
func (sp *Splitter) build(a *lapkit.Activity, c *curve, bounds []lapkit.Instant, dists []float64) []Split {
	out := make([]Split, 0, len(bounds)-1)
	s := c.s
	j := c.index(bounds[0])
	for k := 0; k+1 < len(bounds); k++ {
		t0, t1 := bounds[k], bounds[k+1]
		x := Split{
			N: k + 1, Distance: dists[k+1] - dists[k],
			Start: t0.UTC(), End: t1.UTC(), StartOffset: t0.UTC().Sub(a.Start), EndOffset: t1.UTC().Sub(a.Start),
			Elapsed: t1.Sub(t0), Moving: a.MovingBetween(t0.UTC(), t1.UTC()),
			AvgHeartRate: math.NaN(), AvgCadence: math.NaN(), Ascent: math.NaN(), Descent: math.NaN(),
		}
		for j > 0 && s[j].Time.After(t0) {
			j--
		}
		var (
			hrSum, hrW, cadSum, cadW, up, down float64
			hrMax                              = math.NaN()
			stopped                            time.Duration
			alt                                = c.altAt(t0)
			altSeen                            = !math.IsNaN(alt)
		)
		climb := func(v float64) {
			if math.IsNaN(v) {
				return
			}
			if !math.IsNaN(alt) {
				if v > alt {
					up += v - alt
				} else {
					down += alt - v
				}
			}
			alt, altSeen = v, true
		}
		if !s[j].Time.Before(t0) && !math.IsNaN(s[j].HeartRate) {
			hrMax = s[j].HeartRate
		}
		// alt is NaN until the first altitude: a NaN alt compares false
		// both ways, so the first value is taken without a climb.
		n0, n1 := t0.UnixNano(), t1.UnixNano()
		pn := s[j].Time.UnixNano()
		for ; j+1 < len(s) && pn < n1; j++ {
			p, q := &s[j], &s[j+1]
			qn := q.Time.UnixNano()
			if w := float64(min(qn, n1) - max(pn, n0)); w > 0 {
				if !math.IsNaN(p.HeartRate) {
					hrSum += p.HeartRate * w
					hrW += w
				}
				if !math.IsNaN(p.Cadence) {
					cadSum += p.Cadence * w
					cadW += w
				}
				if sp.StopSpeed > 0 && (q.Distance-p.Distance)*1e9 < sp.StopSpeed*float64(qn-pn) {
					stopped += a.MovingBetween(time.Unix(0, max(pn, n0)), time.Unix(0, min(qn, n1)))
				}
			}
			if qn <= n1 {
				if v := q.HeartRate; v > hrMax || math.IsNaN(hrMax) {
					hrMax = v // NaN v never replaces a number: NaN > x is false
				}
				if v := q.Altitude; v == v { // not NaN
					if v > alt {
						up += v - alt
					} else if v < alt {
						down += alt - v
					}
					alt, altSeen = v, true
				}
			}
			pn = qn
		}
		if pn > n1 { // the split ends between two samples
			climb(c.altAt(t1))
		}
		x.Moving -= stopped
		if hrW > 0 {
			x.AvgHeartRate = hrSum / hrW
		}
		x.MaxHeartRate = hrMax
		if cadW > 0 {
			x.AvgCadence = cadSum / cadW
		}
		if altSeen {
			x.Ascent, x.Descent = up, down
		}
		out = append(out, x)
	}
	return out
}
