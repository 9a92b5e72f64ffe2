package splits

import (
	"time"

	"gonum.org/v1/gonum/stat"
)

// EvenWithin is the change between the halves below which Verdict calls a
// run evenly paced: 1 %, about 1 s per 400 m at mile pace.
const EvenWithin = 0.01

// PacingKind is the verdict on a sequence of splits.
type PacingKind uint8

// Pacing verdicts. PacingUnknown stands on fewer than two full splits.
const (
	PacingUnknown  PacingKind = iota
	PacingEven                // halves within EvenWithin
	PacingNegative            // second half faster
	PacingPositive            // second half slower
)

// String returns "unknown", "even", "negative" or "positive"; "unknown"
// for a value out of range.
func (k PacingKind) String() string {
	names := [...]string{"unknown", "even", "negative", "positive"}
	if int(k) >= len(names) {
		return names[0]
	}
	return names[k]
}

// MarshalText implements encoding.TextMarshaler with the String form.
func (k PacingKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Pacing is the verdict on a sequence of splits with the figures behind it.
// Only full splits count (a partial last split is left out).
type Pacing struct {
	Kind   PacingKind
	Splits int // full splits it stands on

	// FirstHalf and SecondHalf are the mean pace (moving time per km) of
	// the first and second half of the splits (the middle one of an odd
	// count is in neither); Change is (SecondHalf - FirstHalf) / FirstHalf.
	FirstHalf, SecondHalf time.Duration
	Change                float64

	// Slope is the least-squares slope of split pace against split number,
	// in seconds per km per split: positive is slowing down.
	Slope float64
}

// Verdict tells whether a sequence of splits was run evenly, with a
// negative split (second half faster) or a positive split (slower), from
// their paces: it holds for distance and time splits alike. With fewer than
// two full splits the Kind is PacingUnknown.
func Verdict(splits []Split) Pacing {
	var xs, ys []float64
	for _, s := range splits {
		if s.Partial || s.Distance <= 0 {
			continue
		}
		xs = append(xs, float64(len(xs)+1))
		ys = append(ys, s.Pace().Seconds())
	}
	p := Pacing{Splits: len(ys)}
	if len(ys) < 2 {
		return p
	}
	h := len(ys) / 2
	first, second := stat.Mean(ys[:h], nil), stat.Mean(ys[len(ys)-h:], nil)
	p.FirstHalf = time.Duration(first * float64(time.Second))
	p.SecondHalf = time.Duration(second * float64(time.Second))
	if first > 0 {
		p.Change = (second - first) / first
	}
	_, p.Slope = stat.LinearRegression(xs, ys, nil, false)
	switch {
	case p.Change > EvenWithin:
		p.Kind = PacingPositive
	case p.Change < -EvenWithin:
		p.Kind = PacingNegative
	default:
		p.Kind = PacingEven
	}
	return p
}
