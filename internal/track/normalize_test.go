package track

import (
	"errors"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/lapkit/lapkit"
)

// TestNormalize: an activity that keeps the rules comes back as it is; one
// that breaks them comes back as a repaired copy that keeps them, with a
// note naming the rule, and the caller's activity untouched.
func TestNormalize(t *testing.T) {
	t0 := time.Date(2026, 6, 1, 18, 0, 0, 0, time.UTC)
	build := func() *lapkit.Activity {
		a := &lapkit.Activity{Start: t0}
		for i := range 600 {
			s := lapkit.NewSample(lapkit.At(t0.Add(time.Duration(i) * time.Second)))
			s.Distance = 3 * float64(i)
			a.Samples = append(a.Samples, s)
		}
		return a
	}
	a := build()
	if Normalize(a) != a {
		t.Fatal("a valid activity was copied")
	}
	for _, c := range []struct {
		name  string
		spoil func(a *lapkit.Activity)
		check func(b *lapkit.Activity) bool
	}{
		{"two streams merged", func(a *lapkit.Activity) {
			slices.SortFunc(a.Samples, func(x, y lapkit.Sample) int { return (x.Time.UTC().Second() % 2) - (y.Time.UTC().Second() % 2) })
		}, func(b *lapkit.Activity) bool { return len(b.Samples) == 600 && b.Samples[599].Distance == 1797 }},
		{"last distance NaN", func(a *lapkit.Activity) { a.Samples[599].Distance = math.NaN() },
			func(b *lapkit.Activity) bool { return !math.IsNaN(b.Samples[599].Distance) }},
		{"first distance -Inf", func(a *lapkit.Activity) { a.Samples[0].Distance = math.Inf(-1) },
			func(b *lapkit.Activity) bool { return b.Samples[0].Distance == 0 }},
		{"start zero", func(a *lapkit.Activity) { a.Start = time.Time{} },
			func(b *lapkit.Activity) bool { return b.Start.Equal(t0) }},
		{"start an hour late", func(a *lapkit.Activity) { a.Start = t0.Add(time.Hour) },
			func(b *lapkit.Activity) bool { return b.Start.Equal(t0) }},
		{"pauses overlap", func(a *lapkit.Activity) {
			a.Pauses = []lapkit.Pause{{Start: t0.Add(100 * time.Second), End: t0.Add(200 * time.Second)}, {Start: t0.Add(150 * time.Second), End: t0.Add(250 * time.Second)}}
		}, func(b *lapkit.Activity) bool {
			return len(b.Pauses) == 1 && b.Pauses[0].End.Equal(t0.Add(250*time.Second)) && b.MovingTime() == 599*time.Second-150*time.Second
		}},
	} {
		a := build()
		c.spoil(a)
		before := slices.Clone(a.Samples)
		err := a.Validate()
		b := Normalize(a)
		if b == a || !errors.Is(err, lapkit.ErrInvalid) {
			t.Errorf("%s: not repaired (Validate: %v)", c.name, err)
			continue
		}
		if err := b.Validate(); err != nil || !c.check(b) {
			t.Errorf("%s: repaired copy: %v", c.name, err)
		}
		if !slices.EqualFunc(before, a.Samples, func(x, y lapkit.Sample) bool {
			return x.Time.Equal(y.Time) && (x.Distance == y.Distance || math.IsNaN(x.Distance) && math.IsNaN(y.Distance))
		}) {
			t.Errorf("%s: the caller's samples changed", c.name)
		}
		if !slices.ContainsFunc(b.Notes, func(n lapkit.Note) bool { return n.Kind == lapkit.NoteRepaired }) {
			t.Errorf("%s: notes %v do not say it was repaired", c.name, b.Notes)
		}
	}
}
