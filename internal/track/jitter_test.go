package track

import (
	"math"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/geo"
)

// A leg is a stretch of a made-up run: dur seconds at speed m/s.
type leg struct {
	dur   int
	speed float64
}

// positions returns fixes every step seconds along legs, on a 400 m track
// (two 84.39 m straights, bends of radius 36.5 m) when track, else on a
// straight line, each moved by GPS wander of noise metres (an AR(1) error
// with a 30 s time constant, as internal/testkit/synth's), and the distance run.
func positions(legs []leg, step int, track bool, noise float64, seed int64) (*lapkit.Activity, float64) {
	rng := rand.New(rand.NewSource(seed))
	const lat0, lon0 = 59.9, 10.7
	const straight, radius = 84.39, 36.5
	at := func(d float64) (x, y float64) { // metres east and north
		if !track {
			return d, 0
		}
		d = math.Mod(d, 2*straight+2*math.Pi*radius)
		switch bend := math.Pi * radius; {
		case d < straight:
			return d, 0
		case d < straight+bend:
			a := (d - straight) / radius
			return straight + radius*math.Sin(a), radius - radius*math.Cos(a)
		case d < 2*straight+bend:
			return straight - (d - straight - bend), 2 * radius
		default:
			a := (d - 2*straight - bend) / radius
			return -radius * math.Sin(a), radius + radius*math.Cos(a)
		}
	}
	a := &lapkit.Activity{}
	var d, nx, ny float64
	sec := 0
	for _, l := range legs {
		for range l.dur {
			if sec%step == 0 {
				x, y := at(d)
				if noise > 0 {
					c := math.Exp(-float64(step) / 30)
					if sec == 0 {
						c = 0
					}
					nx = c*nx + math.Sqrt(1-c*c)*noise*rng.NormFloat64()
					ny = c*ny + math.Sqrt(1-c*c)*noise*rng.NormFloat64()
				}
				s := lapkit.NewSample(lapkit.At(t0.Add(time.Duration(sec) * time.Second)))
				s.Lat, s.Lon = geo.Offset(lat0, lon0, math.Hypot(x+nx, y+ny), math.Atan2(x+nx, y+ny))
				a.Samples = append(a.Samples, s)
			}
			d += l.speed
			sec++
		}
	}
	return a, d
}

// TestJitter: GPS wander while standing adds no distance, sideways jitter
// at 1 s adds little, and clean fixes (a watch's) keep every metre, also
// around a track's bends.
func TestJitter(t *testing.T) {
	stand := []leg{{600, 3}, {180, 0}, {600, 3}}
	for _, c := range []struct {
		name    string
		legs    []leg
		step    int
		track   bool
		noise   float64
		maxOver float64 // the distance's largest excess over the distance run, %
		minOver float64
		raw     float64 // the raw sum's excess is at least this, %
	}{
		{"3 min standing between runs, phone", stand, 1, false, 3, 1.5, -0.5, 3},
		{"3 min standing, fixes 4 s apart", stand, 4, false, 3, 1.5, -1, 1},
		{"400s with 1 min standing, phone", reps(6), 1, true, 3, 1.5, -0.5, 3},
		{"walking 1.2 m/s, phone", []leg{{900, 1.2}}, 1, false, 3, 10, -1, 20},
		{"400s on a track, clean fixes", reps(6), 1, true, 0, 0.1, -0.3, -1},
		{"walking a track, clean fixes", []leg{{900, 1.2}}, 1, true, 0, 0.1, -0.5, -1},
	} {
		a, truth := positions(c.legs, c.step, c.track, c.noise, 1)
		b, _ := positions(c.legs, c.step, c.track, c.noise, 1)
		Finish(a)
		PositionDistance(b.Samples)
		raw := 0.0
		for i := 1; i < len(b.Samples); i++ {
			p, q := b.Samples[i-1], b.Samples[i]
			raw += geo.Distance(p.Lat, p.Lon, q.Lat, q.Lon)
		}
		got := 100 * (a.Distance()/truth - 1)
		rawOver := 100 * (raw/truth - 1)
		t.Logf("%s: %.1f m for %.1f m run (%+.2f %%; the raw sum %+.2f %%)", c.name, a.Distance(), truth, got, rawOver)
		if got > c.maxOver || got < c.minOver || rawOver < c.raw {
			t.Errorf("%s: %+.2f %% (want %+.1f to %+.1f %%), raw sum %+.2f %%", c.name, got, c.minOver, c.maxOver, rawOver)
		}
		for i := 1; i < len(a.Samples); i++ {
			if a.Samples[i].Distance < a.Samples[i-1].Distance {
				t.Fatalf("%s: distance goes back at sample %d", c.name, i)
			}
		}
	}
	// While standing the distance stands still, and a note says so.
	a, _ := positions(stand, 1, false, 3, 2)
	Finish(a)
	if d := a.Samples[775].Distance - a.Samples[605].Distance; d > 1 {
		t.Errorf("standing 3 min: %.1f m", d)
	}
	var notes []string
	for _, n := range a.Notes {
		if n.Kind == lapkit.NotePositionJitter {
			notes = append(notes, n.Text)
		}
	}
	if len(notes) != 2 || !strings.HasPrefix(notes[0], "GPS jitter while standing: at 1 stop (") || !strings.HasPrefix(notes[1], "sideways GPS jitter: ") {
		t.Errorf("notes %q", notes)
	}
}

// reps is n x 400 m at 6 m/s with 1 min standing between, after a 10 min
// warm-up at 3 m/s.
func reps(n int) []leg {
	l := []leg{{600, 3}}
	for i := range n {
		if i > 0 {
			l = append(l, leg{60, 0})
		}
		l = append(l, leg{67, 6})
	}
	return append(l, leg{300, 3})
}
