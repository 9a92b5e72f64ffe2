package lapkit

import (
	"errors"
	"fmt"
	"math"
)

// ErrInvalid is wrapped by Validate: the activity breaks one of the
// model's rules (see Validate).
var ErrInvalid = errors.New("lapkit: activity breaks the model's rules")

// Validate reports the first of the model's rules that a breaks, wrapped
// around ErrInvalid with where ("sample 812 at 10:04:01Z, not after
// 10:04:02Z"); nil when a keeps them all, as every decoder's activity
// does. A nil activity keeps them. The rules:
//   - Start is the first sample's time (when there are samples);
//   - samples have a time (not the zero Instant) and come in strictly
//     increasing time order;
//   - no sample value is infinite; distances are NaN in every sample (no
//     distance) or in none, and never decrease;
//   - pauses end after they start, come in order of their start and do not
//     overlap;
//   - laps do not end before they start, and come in order of their
//     start. (Laps written twice, of no length or overlapping are as the
//     file wrote them: the analysis leaves them out of its reckoning, and
//     says so.)
//
// The analysis, splits and report packages repair a copy of an activity
// that breaks them, and note what they did (Note kind NoteRepaired): a
// caller that builds activities by hand can call Validate to learn what
// will be repaired.
func (a *Activity) Validate() error {
	if a == nil {
		return nil
	}
	s := a.Samples
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...)
	}
	if len(s) > 0 && !a.Start.Equal(s[0].Time.UTC()) {
		return bad("start %v, first sample at %v", a.Start, s[0].Time)
	}
	if firstBad(s) >= 0 {
		if err := whyBad(s); err != nil {
			return err
		}
	}
	for i, p := range a.Pauses {
		if !p.End.After(p.Start) {
			return bad("pause %d ends at %v, not after its start %v", i, p.End, p.Start)
		}
		if i > 0 && p.Start.Before(a.Pauses[i-1].End) {
			return bad("pause %d starts at %v, before pause %d ends at %v", i, p.Start, i-1, a.Pauses[i-1].End)
		}
	}
	for i, l := range a.Laps {
		if l.End.Before(l.Start) {
			return bad("lap %d ends at %v, before its start %v", i, l.End, l.Start)
		}
		if i > 0 && l.Start.Before(a.Laps[i-1].Start) {
			return bad("lap %d starts at %v, before lap %d at %v", i, l.Start, i-1, a.Laps[i-1].Start)
		}
	}
	return nil
}

// firstBad returns the index of the first sample that breaks a rule on
// samples (see Validate), or -1: one pass at a few nanoseconds a sample,
// since every entry point runs it, with one branch a sample. whyBad then
// says which rule.
func firstBad(s []Sample) int {
	if len(s) == 0 {
		return -1
	}
	if sampleBits(&s[0]) == 0 {
		return 0
	}
	prev, prevDist := s[0].Time, s[0].Distance
	if math.IsNaN(prevDist) { // no distance: none has one
		for i := 1; i < len(s); i++ {
			x := &s[i]
			if sampleBits(x) == 0 || x.Time <= prev || x.Distance == x.Distance {
				return i
			}
			prev = x.Time
		}
		return -1
	}
	for i := 1; i < len(s); i++ {
		x := &s[i]
		if sampleBits(x) == 0 || x.Time <= prev || !(x.Distance >= prevDist) { // NaN fails >=
			return i
		}
		prev, prevDist = x.Time, x.Distance
	}
	return -1
}

// sampleBits is 0 when x has no time or an infinite value, and not 0
// otherwise. A value shifted left loses its sign; an infinity's is then
// 0xFFE0000000000000 (exponent bits all set, mantissa zero: a NaN has a
// mantissa), which infShift takes round to 0.
func sampleBits(x *Sample) uint64 {
	const infShift = 0x0020000000000000
	return min(uint64(x.Time),
		math.Float64bits(x.Distance)<<1+infShift, math.Float64bits(x.Lat)<<1+infShift,
		math.Float64bits(x.Lon)<<1+infShift, math.Float64bits(x.Altitude)<<1+infShift,
		math.Float64bits(x.Speed)<<1+infShift, math.Float64bits(x.HeartRate)<<1+infShift,
		math.Float64bits(x.Cadence)<<1+infShift, math.Float64bits(x.Power)<<1+infShift)
}

// whyBad returns the first rule on samples that s breaks, as Validate
// words it; nil when it breaks none.
func whyBad(s []Sample) error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...)
	}
	noDist := len(s) > 0 && math.IsNaN(s[0].Distance)
	prev := Instant(math.MinInt64)
	prevDist := math.Inf(-1)
	for i := range s {
		x := &s[i]
		if x.Time == 0 {
			return bad("sample %d has no time", i)
		}
		if infBits(x.Distance)|infBits(x.Lat)|infBits(x.Lon)|infBits(x.Altitude)|infBits(x.Speed)|infBits(x.HeartRate)|infBits(x.Cadence)|infBits(x.Power) != 0 {
			return bad("sample %d holds an infinite value", i)
		}
		if math.IsNaN(x.Distance) != noDist {
			return bad("sample %d: distance %v among samples with%s one", i, x.Distance, map[bool]string{true: "out", false: ""}[noDist])
		}
		if i > 0 && x.Time <= prev {
			return bad("sample %d at %v, not after %v", i, x.Time, s[i-1].Time)
		}
		if x.Distance < prevDist {
			return bad("sample %d: distance %v m after %v m", i, x.Distance, prevDist)
		}
		prev, prevDist = x.Time, x.Distance
	}
	return nil
}

// infBits is 1 when v is infinite, else 0: its exponent bits all set and
// its mantissa zero (NaN has a mantissa).
func infBits(v float64) uint64 {
	b := math.Float64bits(v) &^ (1 << 63)
	if b == 0x7ff0000000000000 {
		return 1
	}
	return 0
}
