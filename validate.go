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
//   - samples have a time (not the zero time) and come in strictly
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
	if len(s) > 0 && !a.Start.Equal(s[0].Time) {
		return bad("start %v, first sample at %v", a.Start, s[0].Time)
	}
	noDist := len(s) > 0 && math.IsNaN(s[0].Distance)
	// One pass at a few nanoseconds a sample: every entry point runs it.
	// Times compare as seconds and nanoseconds (UnixNano would overflow
	// for a sample centuries away); a value is infinite when its exponent
	// bits are all set and its mantissa is zero.
	var prevSec int64
	var prevNsec int
	prevDist := math.Inf(-1)
	for i := range s {
		x := &s[i]
		sec, nsec := x.Time.Unix(), x.Time.Nanosecond()
		if x.Time.IsZero() {
			return bad("sample %d has no time", i)
		}
		if infBits(x.Distance)|infBits(x.Lat)|infBits(x.Lon)|infBits(x.Altitude)|infBits(x.Speed)|infBits(x.HeartRate)|infBits(x.Cadence)|infBits(x.Power) != 0 {
			return bad("sample %d holds an infinite value", i)
		}
		if math.IsNaN(x.Distance) != noDist {
			return bad("sample %d: distance %v among samples with%s one", i, x.Distance, map[bool]string{true: "out", false: ""}[noDist])
		}
		if i > 0 && (sec < prevSec || sec == prevSec && nsec <= prevNsec) {
			return bad("sample %d at %v, not after %v", i, x.Time, s[i-1].Time)
		}
		if x.Distance < prevDist {
			return bad("sample %d: distance %v m after %v m", i, x.Distance, prevDist)
		}
		prevSec, prevNsec, prevDist = sec, nsec, x.Distance
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

// infBits is 1 when v is infinite, else 0: its exponent bits all set and
// its mantissa zero (NaN has a mantissa).
func infBits(v float64) uint64 {
	b := math.Float64bits(v) &^ (1 << 63)
	if b == 0x7ff0000000000000 {
		return 1
	}
	return 0
}
