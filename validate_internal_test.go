package lapkit

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// TestFirstBadIsWhyBad holds Validate's fast pass over the samples to the
// loop that words each rule: on random runs with random defects (no time,
// an infinity of either sign in any field, a distance NaN among numbers or
// a number among NaNs, a distance that falls, a time repeated or going
// back, times at the ends of an Instant's span), firstBad finds a sample
// exactly when whyBad finds a rule broken.
func TestFirstBadIsWhyBad(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	fields := func(x *Sample) []*float64 {
		return []*float64{&x.Distance, &x.Lat, &x.Lon, &x.Altitude, &x.Speed, &x.HeartRate, &x.Cadence, &x.Power}
	}
	broken := 0
	for run := range 20000 {
		n := 1 + r.IntN(12)
		t0 := Instant(r.Int64N(2e18) + 1)
		if run%50 == 0 {
			t0 = math.MinInt64 + 1 // the span's first nanoseconds
		}
		noDist := r.IntN(4) == 0
		s := make([]Sample, n)
		for i := range s {
			s[i] = NewSample(t0.Add(time.Duration(i) * time.Second))
			for _, f := range fields(&s[i]) {
				if r.IntN(3) > 0 {
					*f = r.NormFloat64() * 100
				}
			}
			s[i].Distance = float64(i) * 3
			if noDist {
				s[i].Distance = math.NaN()
			}
		}
		for range r.IntN(3) { // defects
			x := &s[r.IntN(n)]
			switch r.IntN(7) {
			case 0:
				x.Time = 0
			case 1:
				*fields(x)[r.IntN(8)] = math.Inf(1 - 2*r.IntN(2))
			case 2:
				x.Distance = math.NaN()
			case 3:
				x.Distance = float64(r.IntN(40))
			case 4:
				x.Distance -= 0.5
			case 5:
				x.Time = s[r.IntN(n)].Time
			case 6:
				x.Time = Instant(math.MaxInt64 - r.Int64N(3))
			}
		}
		fast, slow := firstBad(s), whyBad(s)
		if (fast >= 0) != (slow != nil) {
			t.Fatalf("run %d: firstBad %d, whyBad %v, samples %+v", run, fast, slow, s)
		}
		if slow != nil {
			broken++
		}
	}
	if broken < 5000 || broken > 15000 {
		t.Errorf("%d of 20000 runs broken: the defects are not mixed enough to test", broken)
	}
}
