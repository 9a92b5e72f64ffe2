package plan_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/lapkit/lapkit/plan"
)

const (
	s   = time.Second
	min = time.Minute
)

// ns converts a float number of nanoseconds at run time, truncating as
// the package does.
func ns(f float64) time.Duration { return time.Duration(f) }

func set(reps int, dist float64, dur time.Duration, t plan.Target, rest, setRest time.Duration) plan.Set {
	return plan.Set{Reps: reps, Distance: dist, Duration: dur, Target: t, Rest: rest, SetRest: setRest}
}

func TestParsePlan(t *testing.T) {
	at := func(d time.Duration) plan.Target { return plan.Target{Kind: plan.TargetTime, Time: d} }
	pace := func(d time.Duration) plan.Target { return plan.Target{Kind: plan.TargetPace, Pace: d} }
	goal := func(g string) plan.Target { return plan.Target{Kind: plan.TargetGoal, Goal: g} }
	tests := []struct {
		spec string
		want []plan.Set
	}{
		{"8x400m@65s r60s", []plan.Set{set(8, 400, 0, at(65*s), 60*s, 0)}},
		{"3x(4x400m@65s r60s) r3min", []plan.Set{
			set(4, 400, 0, at(65*s), 60*s, 3*min), set(4, 400, 0, at(65*s), 60*s, 3*min), set(4, 400, 0, at(65*s), 60*s, 0)}},
		{"6x400m@84s-76s r1min", []plan.Set{set(6, 400, 0, plan.Target{Kind: plan.TargetTime, Time: 84 * s, To: 76 * s}, min, 0)}},
		{"6x400m@progressive r1min", []plan.Set{set(6, 400, 0, plan.Target{Kind: plan.TargetProgressive}, min, 0)}},
		{"7x600m@1:58 r2min", []plan.Set{set(7, 600, 0, at(118*s), 2*min, 0)}},
		{"5x1000m@3:45/km r1min", []plan.Set{set(5, 1000, 0, pace(225*s), min, 0)}},
		{"4x400m@4:20/mi r2min", []plan.Set{set(4, 400, 0, pace(ns(260e9*1000/1609.344)), 2*min, 0)}},
		{"2x10min@4:10/km r5min", []plan.Set{set(2, 0, 10*min, pace(250*s), 5*min, 0)}},
		{"2x(6x200m@mile r90s) r4min", []plan.Set{set(6, 200, 0, goal("mile"), 90*s, 4*min), set(6, 200, 0, goal("mile"), 90*s, 0)}},
		{"5x1000m@5k r1min", []plan.Set{set(5, 1000, 0, goal("5k"), min, 0)}},
		// Whitespace, case and × are free.
		{" 3 × ( 4 × 400 M @ 65 S  R 60 S ) R 3 MIN ", []plan.Set{
			set(4, 400, 0, at(65*s), 60*s, 3*min), set(4, 400, 0, at(65*s), 60*s, 3*min), set(4, 400, 0, at(65*s), 60*s, 0)}},
		{"1x1mi", []plan.Set{set(1, 1609.344, 0, plan.Target{}, 0, 0)}},
		{"6x400m r200m", []plan.Set{{Reps: 6, Distance: 400, RestDistance: 200}}},
		{"4x1km@3:45 r1:30", []plan.Set{set(4, 1000, 0, at(225*s), 90*s, 0)}},
		{"6x200m@37.3s r90s + 4x400m@mile r2min", []plan.Set{set(6, 200, 0, at(37300*time.Millisecond), 90*s, 0), set(4, 400, 0, goal("mile"), 2*min, 0)}},
		{"2x12min@4:10/km r5min, 1x1mi@mile", []plan.Set{set(2, 0, 12*min, pace(250*s), 5*min, 0), set(1, 1609.344, 0, goal("mile"), 0, 0)}},
	}
	for _, tc := range tests {
		p, err := plan.Parse(tc.spec)
		if err != nil {
			t.Errorf("%q: %v", tc.spec, err)
			continue
		}
		if !reflect.DeepEqual(p.Sets, tc.want) {
			t.Errorf("%q:\n got %+v\nwant %+v", tc.spec, p.Sets, tc.want)
		}
		// The canonical form parses back to the same plan.
		back, err := plan.Parse(p.String())
		if err != nil || !reflect.DeepEqual(back.Sets, p.Sets) {
			t.Errorf("%q: String %q parses to %+v, %v", tc.spec, p.String(), back, err)
		}
	}
}

func TestParsePlanErrors(t *testing.T) {
	tests := []struct {
		spec string
		col  int
	}{
		{"", 1}, {"x400m", 1}, {"0x400m", 1}, {"8", 2}, {"8400m", 5}, {"8x", 3}, {"8xm", 3},
		{"8x450", 6}, {"8x400q", 6}, {"8x400m@", 8}, {"8x400m@fast", 8}, {"8x400m@65q", 10},
		{"8x400m@65s r", 13}, {"8x400m@65s rfoo", 13}, {"8x400m@65s r60s)", 16}, {"3x(4x400m@65s r60s", 19},
		{"3x(4x400m@65s r60s) r", 22}, {"3x(x400m)", 4}, {"3x(4x400m", 10}, {"8x400m@1:5", 10},
		{"8x400m@1:75", 10}, {"8x400m@1:00:00:00", 8}, {"2x10min@65s", 9}, {"2x10min@70s-65s", 9},
		{"8x400m@65s-", 12}, {"8x400m@65s-x", 12}, {"8x400m@65s r60s +", 18}, {"8x400m@65s r60s ++", 18},
		{"8x400m@65s;", 11}, {"8x400m@65s r0s", 15}, {"8x400m@4:20/mile", 15}, {"1001x400m", 1},
		{"8x400m@65s r60s x", 17}, {"8 x 400 m @ 6 5 s r", 20}, {"1x0.5m", 3}, {"1x0.2s", 3},
	}
	if len(tests) < 30 {
		t.Fatal("want 30 malformed specs")
	}
	for _, tc := range tests {
		_, err := plan.Parse(tc.spec)
		var pe *plan.Error
		if !errors.As(err, &pe) || !errors.Is(err, plan.ErrInvalid) {
			t.Errorf("%q: err = %v", tc.spec, err)
			continue
		}
		if pe.Col != tc.col {
			t.Errorf("%q: col %d, want %d (%s)", tc.spec, pe.Col, tc.col, pe.Msg)
		}
	}
}

func TestGoals(t *testing.T) {
	g, err := plan.ParseGoals("mile=5:00, 5k=18:45")
	if err != nil || g.Mile != 5*min || g.FiveK != 18*min+45*s {
		t.Fatalf("%+v %v", g, err)
	}
	// Mile goal pace from a 5 km alone: 5 km pace per mile less 30 s.
	// 18:45 for 5 km is 6:02.1 per mile, so 5:32.1 per mile: 3:26.3/km.
	five := plan.Goals{FiveK: 18*min + 45*s}
	p, ok := five.Pace("mile")
	want := ns((float64(18*min+45*s)*1609.344/5000 - 30e9) * 1000 / 1609.344)
	if !ok || p != want {
		t.Errorf("mile pace from 5k: %v, want %v", p, want)
	}
	if p, ok := g.Pace("mile"); !ok || p != ns(300e9*1000/1609.344) {
		t.Errorf("mile pace: %v", p)
	}
	if _, ok := g.Pace("10k"); ok {
		t.Error("10k pace without a 10k goal")
	}
	for _, bad := range []string{"mile", "mile=", "marathon=3:00:00", "mile=5:0", "=5:00"} {
		if _, err := plan.ParseGoals(bad); !errors.Is(err, plan.ErrInvalid) {
			t.Errorf("ParseGoals(%q) = %v", bad, err)
		}
	}
}

// TestPlanLimits: what a user can type by mistake or malice is an error
// that says what is wrong and where: zero and absurd targets, race goals
// faster than the world record or slower than a walk, plans of more than
// 10,000 reps (ten blocks of 1000 x (1000 x 400 m) took 13.8 s and 2.1 GB).
func TestPlanLimits(t *testing.T) {
	for _, c := range []struct{ spec, want string }{
		{"8x400m@0s r60s", "a target of 0s for 400 m"},
		{"8x400m@30s r60s", "a target of 30s for 400 m (1:15/km): want a pace between 1:31/km and 33:20/km"},
		{"8x400m@65s-20s r60s", "a target of 20s for 400 m"},
		{"5x1000m@1:00/km r1min", "a target of 1m0s for 1000 m"},
		{"6x3min@59:00/km r2min", "a target of 59m0s for 1000 m"},
		{strings.Repeat("1000x(1000x400m@65s r60s) r3min+", 9) + "1000x(1000x400m@65s r60s) r3min", "the plan holds 1000000 reps by here: at most 10000"},
		{"5000x400m r60s+5001x400m", "a count is a whole number from 1 to 1000"},
		{strings.Repeat("10x400m r60s+", 1000) + "1x400m", "at most 4096"},
	} {
		var p *plan.Plan
		var err error
		allocs := testing.AllocsPerRun(1, func() { p, err = plan.Parse(c.spec) })
		if !errors.Is(err, plan.ErrInvalid) || !strings.Contains(err.Error(), c.want) || p != nil {
			t.Errorf("ParsePlan(%.40q): %v, want %q", c.spec, err, c.want)
		}
		if allocs > 5000 {
			t.Errorf("ParsePlan(%.40q): %v allocations", c.spec, allocs)
		}
	}
	// 10,000 reps is the most.
	if p, err := plan.Parse(strings.Repeat("1000x400m r60s+", 9) + "1000x400m"); err != nil || p.Reps() != 10000 {
		t.Errorf("10,000 reps: %v", err)
	}
	for _, c := range []struct{ spec, want string }{
		{"mile=0", "a mile goal of 0:00: want a time from 3:39 to 16:06"},
		{"5k=10:00", "a 5k goal of 10:00: want a time from 12:20 to 50:00"},
		{"10k=5:00:00", "a 10k goal of 5:00:00"},
	} {
		if _, err := plan.ParseGoals(c.spec); !errors.Is(err, plan.ErrInvalid) || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "plan: bad goals") {
			t.Errorf("ParseGoals(%q): %v, want %q", c.spec, err, c.want)
		}
	}
	if g, err := plan.ParseGoals("mile=4:23,5k=16:30,10k=34:00"); err != nil || g.Mile != 263*time.Second {
		t.Errorf("plausible goals: %v %v", g, err)
	}
}

// TestGoalsSpaced: goals separated by a space, the next starting with a
// digit ("mile=5:00 5k=18:45"), read as two goals.
func TestGoalsSpaced(t *testing.T) {
	for _, spec := range []string{"mile=5:00 5k=18:45", "mile=5:00,5k=18:45", "mile = 5:00  5k = 18:45", "5k=18:45 10k=39:00 mile=5:00"} {
		g, err := plan.ParseGoals(spec)
		if err != nil || g.FiveK != 18*min+45*s || (g.Mile != 0 && g.Mile != 5*min) {
			t.Errorf("%q: %+v %v", spec, g, err)
		}
	}
	_, err := plan.ParseGoals("mile=5:00 5q=18:45")
	if err == nil || !strings.Contains(err.Error(), "col 11") || !strings.Contains(err.Error(), "mile=5:00 5q=18:45") {
		t.Errorf("bad second goal: %v", err)
	}
}

// TestCoachForms: the forms coaches write read as the canonical notation:
// a rep in brackets, a rest after / or w/ (and the word rest), and a bare
// track distance in hundreds.
func TestCoachForms(t *testing.T) {
	for spec, want := range map[string]string{
		"5x(800m r60s)":            "5x800m r60s",
		"5 x 800m / 60s":           "5x800m r60s",
		"5x800 @ 2:40 w/ 60s rest": "5x800m@160s r60s",
		"6x400/200m":               "6x400m r200m",
		"5x(800m) r60s":            "5x800m r60s",
		"3x(4x400m r60s) r3min":    "3x(4x400m r60s) r3min",
	} {
		p, err := plan.Parse(spec)
		if err != nil || p.String() != want {
			t.Errorf("%q: %v, %v; want %q", spec, p, err, want)
		}
	}
}

// FuzzParsePlan: any text gives a plan or an *Error whose column lies in
// the text (or just after it), and a plan's canonical form parses back
// to as many reps.
func FuzzParsePlan(f *testing.F) {
	for _, s := range []string{"8x400m@65s r60s", "3x(4x400m@65s r60s) r3min", "6x400m@84s-76s r1min", "2x10min@4:10/km r5min", "2x(6x200m@mile r90s) r4min", "6x400m r200m"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		p, err := plan.Parse(spec)
		if err != nil {
			var pe *plan.Error
			if !errors.As(err, &pe) || pe.Col < 1 || pe.Col > len([]rune(spec))+1 {
				t.Fatalf("%q: %v", spec, err)
			}
			return
		}
		// The canonical form parses back to the same number of reps.
		back, err := plan.Parse(p.String())
		if err != nil || back.Reps() != p.Reps() {
			t.Fatalf("%q: String %q: %v", spec, p.String(), err)
		}
	})
}

// TestParseLength: a rep's length on its own, as the notation reads it.
func TestParseLength(t *testing.T) {
	for _, c := range []struct {
		in     string
		metres float64
		d      time.Duration
	}{
		{"400m", 400, 0}, {"1.5km", 1500, 0}, {"0.25mi", 402.336, 0}, {"800", 800, 0},
		{"90s", 0, 90 * time.Second}, {"10 min", 0, 10 * time.Minute}, {"1H", 0, time.Hour},
	} {
		m, d, err := plan.ParseLength(c.in)
		if err != nil || m != c.metres || d != c.d {
			t.Errorf("ParseLength(%q) = %v, %v, %v; want %v, %v", c.in, m, d, err, c.metres, c.d)
		}
	}
	for _, bad := range []string{"", "450", "400m@65s", "0.5s", "2000km", "25h", "-400m", "fast"} {
		if m, d, err := plan.ParseLength(bad); !errors.Is(err, plan.ErrInvalid) || m != 0 || d != 0 {
			t.Errorf("ParseLength(%q) = %v, %v, %v; want ErrInvalid", bad, m, d, err)
		}
	}
}
