package splits

import (
	"encoding/json"
	"time"

	"gonum.org/v1/gonum/stat"
)

// EvenWithin is the change between the halves below which Verdict calls a
// run evenly paced: 1 %, about 1 s per 400 m at mile pace.
const EvenWithin = 0.01

// PacingKind is the verdict on a sequence of splits.
type PacingKind int

// Pacing verdicts. Unknown stands on fewer than two full splits.
const (
	Unknown  PacingKind = iota
	Even                // halves within EvenWithin
	Negative            // second half faster
	Positive            // second half slower
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

// MarshalJSON writes the verdict in seconds.
func (p Pacing) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Kind       PacingKind `json:"kind"`
		Splits     int        `json:"splits"`
		FirstHalfS float64    `json:"first_half_pace_s_per_km"`
		SecondHalf float64    `json:"second_half_pace_s_per_km"`
		ChangePct  float64    `json:"change_pct"`
		SlopeS     float64    `json:"slope_s_per_km_per_split"`
	}{p.Kind, p.Splits, round(p.FirstHalf.Seconds(), 3), round(p.SecondHalf.Seconds(), 3),
		round(100*p.Change, 2), round(p.Slope, 3)})
}

// Verdict tells whether a sequence of splits was run evenly, with a
// negative split (second half faster) or a positive split (slower), from
// their paces: it holds for distance and time splits alike. With fewer than
// two full splits the Kind is Unknown.
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
		p.Kind = Positive
	case p.Change < -EvenWithin:
		p.Kind = Negative
	default:
		p.Kind = Even
	}
	return p
}
