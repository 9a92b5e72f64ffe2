package synth

import (
	"fmt"
	"time"

	"github.com/lapkit/lapkit"
)

// Epoch is the start of every catalogue session: a Tuesday evening.
var Epoch = time.Date(2026, 5, 5, 17, 30, 0, 0, time.UTC)

// Constant is a run of dist metres at speed m/s, from a standing start.
func Constant(dist, speed float64) Session {
	return Session{Name: "constant", Start: Epoch, Seed: 1, Parts: []Part{
		{Kind: lapkit.IntensityActive, Label: "run", Distance: dist, Speed: speed, HR: 160, Step: 0},
	}}
}

// Pace returns the speed in m/s of a pace given per kilometre.
func Pace(perKm time.Duration) float64 { return 1000 / perKm.Seconds() }

// SpeedEndurance is the classic 3 x (4 x 400 m @ 65 s, r60s) R3min: 2 km
// warm-up at 5:30/km, 6 x 100 m strides with 60 s standing between, 3 min
// jog, the reps (each set 0.5 s per rep slower than the last, each set 1 s
// slower than the one before), 2 km cool-down. Workout steps: 0 warm-up,
// 1 strides, 2 stride rest, 3 rep, 4 rep rest, 5 set rest, 6 cool-down.
func SpeedEndurance() Session {
	s := Session{Name: "3x4x400", Start: Epoch, Seed: 7}
	wu := Pace(5*time.Minute + 30*time.Second)
	s.Parts = append(s.Parts, Part{Kind: lapkit.IntensityWarmup, Label: "wu", Distance: 2000, Speed: wu, HR: 135, Step: 0})
	for i := 0; i < 6; i++ {
		s.Parts = append(s.Parts,
			Part{Kind: lapkit.IntensityActive, Label: "stride", Distance: 100, Speed: 100 / 17.0, HR: 150, Step: 1},
			Part{Kind: lapkit.IntensityRest, Label: "rest", Duration: time.Minute, HR: 110, Step: 2})
	}
	s.Parts = append(s.Parts, Part{Kind: lapkit.IntensityWarmup, Label: "jog", Duration: 3 * time.Minute, Speed: wu, HR: 130, Step: 0})
	for set := 0; set < 3; set++ {
		for rep := 0; rep < 4; rep++ {
			t := 65 + float64(set) + 0.5*float64(rep)
			s.Parts = append(s.Parts, Part{Kind: lapkit.IntensityActive, Label: "rep", Distance: 400, Speed: 400 / t, HR: 172 + 2*float64(set), Step: 3})
			if rep < 3 {
				s.Parts = append(s.Parts, Part{Kind: lapkit.IntensityRest, Label: "rest", Duration: time.Minute, HR: 125, Step: 4})
			}
		}
		if set < 2 {
			s.Parts = append(s.Parts, Part{Kind: lapkit.IntensityRecovery, Label: "setrest", Duration: 3 * time.Minute, Speed: 1.2, HR: 115, Step: 5})
		}
	}
	s.Parts = append(s.Parts, Part{Kind: lapkit.IntensityCooldown, Label: "cd", Distance: 2000, Speed: wu, HR: 135, Step: 6})
	return s
}

// A Named session is one workout of the catalogue, with the plan a coach
// writes for it (the plan notation) and the goals its targets need.
type Named struct {
	Name string
	Session
	Plan, Goals string
}

// Catalogue returns one session of each workout of the project's training
// articles (../shared/DOMAIN.md). Rep parts are labelled "rep"; strides
// "stride".
func Catalogue() []Named {
	return []Named{
		{Name: "3x4x400", Session: SpeedEndurance(), Plan: "3x(4x400m@65s r60s) r3min"},
		{Name: "6x400-progression", Session: Progression400(), Plan: "6x400m@84s-76s r1min"},
		{Name: "7x600", Session: Six00s(), Plan: "7x600m@1:58 r2min"},
		{Name: "2x6x200", Session: Power200s(), Plan: "2x(6x200m@mile r90s) r7min", Goals: "mile=5:00"},
		{Name: "5x1000", Session: K1000s(), Plan: "5x1000m@5k r1min", Goals: "5k=18:45"},
		{Name: "hills", Session: Hills(), Plan: "4x4min r850m"},
		{Name: "tempo-2x10min", Session: Tempo(), Plan: "2x10min@4:10/km r5min"},
	}
}

// builder assembles sessions.
type builder struct {
	s Session
}

func newBuilder(name string, seed int64) *builder {
	return &builder{s: Session{Name: name, Start: Epoch, Seed: seed}}
}

var easy = Pace(5*time.Minute + 30*time.Second) // warm-up and cool-down jog

func (b *builder) add(p Part) *builder {
	b.s.Parts = append(b.s.Parts, p)
	return b
}

func (b *builder) warmup(strides bool) *builder {
	b.add(Part{Kind: lapkit.IntensityWarmup, Label: "wu", Distance: 2000, Speed: easy, HR: 135, Step: 0})
	if strides {
		for i := 0; i < 6; i++ {
			b.add(Part{Kind: lapkit.IntensityWarmup, Label: "stride", Distance: 100, Speed: 100 / 17.0, HR: 150, Step: 0})
			b.add(Part{Kind: lapkit.IntensityWarmup, Label: "walk", Duration: 45 * time.Second, Speed: 1.2, HR: 115, Step: 0})
		}
		b.add(Part{Kind: lapkit.IntensityWarmup, Label: "jog", Duration: 2 * time.Minute, Speed: easy, HR: 130, Step: 0})
	}
	return b
}

func (b *builder) rep(dist float64, dur time.Duration, speed, hr, grade float64) *builder {
	return b.add(Part{Kind: lapkit.IntensityActive, Label: "rep", Distance: dist, Duration: dur, Speed: speed, HR: hr, Step: 1, Grade: grade})
}

func (b *builder) rest(dur time.Duration, speed, grade float64) *builder {
	return b.add(Part{Kind: lapkit.IntensityRest, Label: "rest", Duration: dur, Speed: speed, HR: 120, Step: 2, Grade: grade})
}

func (b *builder) setRest(dur time.Duration, speed float64) *builder {
	return b.add(Part{Kind: lapkit.IntensityRecovery, Label: "setrest", Duration: dur, Speed: speed, HR: 115, Step: 3})
}

func (b *builder) cooldown() Session {
	b.add(Part{Kind: lapkit.IntensityCooldown, Label: "cd", Distance: 2000, Speed: easy, HR: 135, Step: 4})
	return b.s
}

// Progression400 is 6 x 400 m with 1 min standing rest, each rep faster:
// 84 s down to 76 s.
func Progression400() Session {
	b := newBuilder("6x400-progression", 11).warmup(false)
	for i := 0; i < 6; i++ {
		b.rep(400, 0, 400/(84-1.6*float64(i)), 168+2*float64(i), 0)
		if i < 5 {
			b.rest(time.Minute, 0, 0)
		}
	}
	return b.cooldown()
}

// Six00s is 7 x 600 m at 1:58 with 2 min jogged rest.
func Six00s() Session {
	b := newBuilder("7x600", 12).warmup(true)
	for i := 0; i < 7; i++ {
		b.rep(600, 0, 600/118.0, 172, 0)
		if i < 6 {
			b.rest(2*time.Minute, 1.8, 0)
		}
	}
	return b.cooldown()
}

// Power200s is 2 x (6 x 200 m at 5:00 mile goal pace, 90 s standing
// rest), 7 min light jog between the rounds.
func Power200s() Session {
	b := newBuilder("2x6x200", 13).warmup(true)
	per := 300 / (lapkit.Mile / 200) // 37.3 s per 200 m
	for set := 0; set < 2; set++ {
		for i := 0; i < 6; i++ {
			b.rep(200, 0, 200/per, 170, 0)
			if i < 5 {
				b.rest(90*time.Second, 0, 0)
			}
		}
		if set == 0 {
			b.setRest(7*time.Minute, 2.6)
		}
	}
	return b.cooldown()
}

// K1000s is 5 x 1000 m at 5 km pace (3:45/km) with 1 min standing rest.
func K1000s() Session {
	b := newBuilder("5x1000", 14).warmup(false)
	for i := 0; i < 5; i++ {
		b.rep(1000, 0, Pace(3*time.Minute+45*time.Second), 174, 0)
		if i < 4 {
			b.rest(time.Minute, 0, 0)
		}
	}
	return b.cooldown()
}

// Hills is 4 x 4 min up a 6 % hill (3 min steady, the last minute
// sprinted) with the jog back down as rest.
func Hills() Session {
	b := newBuilder("hills", 15).warmup(false)
	up, sprint := 3.3, 4.2
	climb := 180*up + 60*sprint
	for i := 0; i < 4; i++ {
		b.add(Part{Kind: lapkit.IntensityActive, Label: "rep", Duration: 3 * time.Minute, Speed: up, HR: 170, Step: 1, Grade: 0.06})
		b.add(Part{Kind: lapkit.IntensityActive, Label: "rep-sprint", Duration: time.Minute, Speed: sprint, HR: 178, Step: 1, Grade: 0.06})
		b.add(Part{Kind: lapkit.IntensityRest, Label: "rest", Distance: climb, Speed: 2.2, HR: 125, Step: 2, Grade: -0.06})
	}
	return b.cooldown()
}

// Tempo is 2 x 10 min at 4:10/km with 5 min jog between.
func Tempo() Session {
	b := newBuilder("tempo-2x10min", 16).warmup(false)
	b.rep(0, 10*time.Minute, 4, 168, 0)
	b.rest(5*time.Minute, easy, 0)
	b.rep(0, 10*time.Minute, 4, 170, 0)
	return b.cooldown()
}

// Classes returns one session of each shape that real watches record and
// that a lap style or the stream can misread: reps barely faster than the
// easy running, long reps split by auto laps, reps between standing rests
// at a modest pace, a pyramid, blocks of different reps, strides before
// the reps. Rep parts are labelled "rep", strides "stride"; workout steps
// follow the builder's (0 warm-up, 1 rep, 2 rest, 3 set rest, 4
// cool-down; strides 5, their walks 6, the jog after them 7), but for
// sessions of blocks of different reps, each block its own repeat
// (blockRep).
func Classes() []Named {
	return []Named{
		{Name: "3x7min-threshold", Session: Threshold3x7()},
		{Name: "4x5min", Session: Reps4x5min()},
		{Name: "3x3200-standing", Session: Long3200s()},
		{Name: "pyramid-standing", Session: Pyramid()},
		{Name: "5x2000-standing", Session: K2000s()},
		{Name: "3x1600+6x200", Session: Blocks()},
		{Name: "strides+5x1000", Session: StridesThen1000s()},
		{Name: "5x800-dips", Session: Dips800s()},
		{Name: "no-warm-up", Session: NoWarmUp()},
		{Name: "long-warm-up", Session: LongWarmUp()},
		{Name: "pyramid-pairs", Session: PyramidPairs()},
		{Name: "blocks-one-long-rest", Session: BlocksOneLongRest()},
	}
}

// blockRep adds a rep of block k (workout step 10+2k, its rests 11+2k:
// each block of a workout is its own repeat, as a watch numbers them).
func (b *builder) blockRep(k int, dist, speed, hr float64) *builder {
	return b.add(Part{Kind: lapkit.IntensityActive, Label: "rep", Distance: dist, Speed: speed, HR: hr, Step: 10 + 2*k})
}

// blockRest adds a rest of block k, stood (speed 0) or walked.
func (b *builder) blockRest(k int, dur time.Duration, speed float64) *builder {
	return b.add(Part{Kind: lapkit.IntensityRest, Label: "rest", Duration: dur, Speed: speed, HR: 120, Step: 11 + 2*k})
}

// PyramidPairs is a slow runner's pyramid of pairs after a 4 km warm-up at
// 5:30/km and 3 min standing: 2 x 1200 m, 2 x 800 m, 2 x 400 m at 1.04,
// 1.06 and 1.08 times the warm-up's pace, then 4 x 200 m at 1.2 times it,
// the last sprinted at 1.6 times, with 150, 120, 90 and 60 s standing
// after the reps of each block: reps told by the stands, not by their
// pace; four sets, as the coach writes it (2x1200m r150s + 2x800m r2min +
// 2x400m r90s + 4x200m r60s).
func PyramidPairs() Session {
	b := newBuilder("pyramid-pairs", 31)
	b.add(Part{Kind: lapkit.IntensityWarmup, Label: "wu", Distance: 4000, Speed: easy, HR: 135, Step: 0})
	b.add(Part{Kind: lapkit.IntensityRest, Label: "stand", Duration: 3 * time.Minute, HR: 110, Step: 1})
	blocks := []struct {
		n          int
		dist, pace float64
		rest       time.Duration
	}{{2, 1200, 1.04, 150 * time.Second}, {2, 800, 1.06, 2 * time.Minute}, {2, 400, 1.08, 90 * time.Second}, {4, 200, 1.2, time.Minute}}
	for k, bl := range blocks {
		for i := 0; i < bl.n; i++ {
			v := bl.pace * easy
			if k == len(blocks)-1 && i == bl.n-1 {
				v = 1.6 * easy
			}
			b.blockRep(k, bl.dist, v, 160+4*float64(k))
			b.blockRest(k, bl.rest, 0)
		}
	}
	return b.cooldown()
}

// BlocksOneLongRest is 4 x 200 m at 4:10/km, 3 x 400 m at 4:55/km and 2 x
// 600 m at 5:05/km after a 3 km warm-up at 6:00/km, every rest walked
// (0.3 m/s): 60 s in the 200s but the second, stood for 170 s, 90 s in the
// 400s and 2 min in the 600s. Three sets, one per block: the long stand
// does not split the 200s.
func BlocksOneLongRest() Session {
	b := newBuilder("blocks-one-long-rest", 32)
	b.add(Part{Kind: lapkit.IntensityWarmup, Label: "wu", Distance: 3000, Speed: Pace(6 * time.Minute), HR: 135, Step: 0})
	rests := []time.Duration{time.Minute, 170 * time.Second, time.Minute, 90 * time.Second}
	for i := 0; i < 4; i++ {
		b.blockRep(0, 200, Pace(4*time.Minute+10*time.Second), 165)
		b.blockRest(0, rests[i], 0.3)
	}
	for i := 0; i < 3; i++ {
		b.blockRep(1, 400, Pace(4*time.Minute+55*time.Second), 168)
		b.blockRest(1, 90*time.Second, 0.3)
	}
	for i := 0; i < 2; i++ {
		b.blockRep(2, 600, Pace(5*time.Minute+5*time.Second), 170)
		b.blockRest(2, 2*time.Minute, 0.3)
	}
	return b.cooldown()
}

// NoWarmUp starts with rep 1: 6 x 800 m at 1.15 times the cool-down's
// pace, 75 s standing between, then a 2 km cool-down.
func NoWarmUp() Session {
	b := newBuilder("no-warm-up", 29)
	for i := 0; i < 6; i++ {
		b.rep(800, 0, 1.15*easy, 168, 0)
		if i < 5 {
			b.rest(75*time.Second, 0, 0)
		}
	}
	return b.cooldown()
}

// LongWarmUp is a 10 km warm-up at a steady 4:10/km, 5 x 1000 m at 3:35/km
// with 90 s jogged, and a 5 min cool-down: neither the long lap nor the
// short last one is a rep.
func LongWarmUp() Session {
	b := newBuilder("long-warm-up", 30)
	b.add(Part{Kind: lapkit.IntensityWarmup, Label: "wu", Distance: 10000, Speed: Pace(4*time.Minute + 10*time.Second), HR: 150, Step: 0})
	for i := 0; i < 5; i++ {
		b.rep(1000, 0, Pace(3*time.Minute+35*time.Second), 175, 0)
		if i < 4 {
			b.rest(90*time.Second, 2.5, 0)
		}
	}
	b.add(Part{Kind: lapkit.IntensityCooldown, Label: "cd", Duration: 5 * time.Minute, Speed: easy, HR: 135, Step: 4})
	return b.s
}

// Dips800s is 5 x 800 m at 4.5 m/s with 60 s standing between, each rep
// slowing to 1.5 m/s for 4, 5 and 6 s after its first, second and third
// 200 m (a tight corner, a moment of GPS shadow, a runner dodging
// someone): parts labelled "rep-dip", inside the rep.
func Dips800s() Session {
	b := newBuilder("5x800-dips", 28).warmup(false)
	dips := []time.Duration{4 * time.Second, 5 * time.Second, 6 * time.Second}
	run := 800.0
	for _, d := range dips {
		run -= 1.5 * d.Seconds()
	}
	for i := 0; i < 5; i++ {
		for k := 0; k < 4; k++ {
			b.rep(run/4, 0, 4.5, 172, 0)
			if k < 3 {
				b.add(Part{Kind: lapkit.IntensityActive, Label: "rep-dip", Duration: dips[k], Speed: 1.5, HR: 170, Step: 1})
			}
		}
		if i < 4 {
			b.rest(time.Minute, 0, 0)
		}
	}
	return b.cooldown()
}

// Threshold3x7 is 3 x 7 min at 1.2 times the easy pace, with 2 min jogged
// at the easy pace between: reps that barely stand out.
func Threshold3x7() Session {
	b := newBuilder("3x7min-threshold", 21).warmup(false)
	for i := 0; i < 3; i++ {
		b.rep(0, 7*time.Minute, 1.2*easy, 165, 0)
		if i < 2 {
			b.rest(2*time.Minute, easy, 0)
		}
	}
	return b.cooldown()
}

// Reps4x5min is 4 x 5 min at 4:10/km with 2 min jogged at 4:50/km.
func Reps4x5min() Session {
	b := newBuilder("4x5min", 22).warmup(false)
	for i := 0; i < 4; i++ {
		b.rep(0, 5*time.Minute, Pace(4*time.Minute+10*time.Second), 168, 0)
		if i < 3 {
			b.rest(2*time.Minute, Pace(4*time.Minute+50*time.Second), 0)
		}
	}
	return b.cooldown()
}

// Long3200s is 3 x 3200 m at 4:00/km with 3 min standing between.
func Long3200s() Session {
	b := newBuilder("3x3200-standing", 23).warmup(false)
	for i := 0; i < 3; i++ {
		b.rep(3200, 0, Pace(4*time.Minute), 170, 0)
		if i < 2 {
			b.rest(3*time.Minute, 0, 0)
		}
	}
	return b.cooldown()
}

// Pyramid is 1200-800-400-200 m at 1.15 times the warm-up pace, 90 s
// standing between.
func Pyramid() Session {
	b := newBuilder("pyramid-standing", 24).warmup(false)
	for i, d := range []float64{1200, 800, 400, 200} {
		b.rep(d, 0, 1.15*easy, 165, 0)
		if i < 3 {
			b.rest(90*time.Second, 0, 0)
		}
	}
	return b.cooldown()
}

// K2000s is 5 x 2000 m at 1.16 times the warm-up pace, 2 min standing
// between.
func K2000s() Session {
	b := newBuilder("5x2000-standing", 25).warmup(false)
	for i := 0; i < 5; i++ {
		b.rep(2000, 0, 1.16*easy, 166, 0)
		if i < 4 {
			b.rest(2*time.Minute, 0, 0)
		}
	}
	return b.cooldown()
}

// Blocks is 3 x 1600 m at 3:35/km with 3 min jogged, 4 min jogged, then
// 6 x 200 m at 32 s with 200 m jogged: two sets of different reps.
func Blocks() Session {
	b := newBuilder("3x1600+6x200", 26).warmup(false)
	for i := 0; i < 3; i++ {
		b.rep(1600, 0, Pace(3*time.Minute+35*time.Second), 172, 0)
		if i < 2 {
			b.rest(3*time.Minute, 2.6, 0)
		}
	}
	b.setRest(4*time.Minute, 2.6)
	for i := 0; i < 6; i++ {
		b.rep(200, 0, 200/32.0, 175, 0)
		if i < 5 {
			b.add(Part{Kind: lapkit.IntensityRest, Label: "rest", Distance: 200, Speed: 2.5, HR: 125, Step: 2})
		}
	}
	return b.cooldown()
}

// StridesThen1000s is a warm-up with 4 strides of about 27 s (160 m) and
// a minute's walk after each, then 5 x 1000 m at 3:45/km with 90 s jogged.
func StridesThen1000s() Session {
	b := newBuilder("strides+5x1000", 27).warmup(false)
	for i := 0; i < 4; i++ {
		b.add(Part{Kind: lapkit.IntensityActive, Label: "stride", Distance: 160, Speed: 5.8, HR: 150, Step: 5})
		b.add(Part{Kind: lapkit.IntensityRest, Label: "walk", Duration: time.Minute, Speed: 1.2, HR: 115, Step: 6})
	}
	b.add(Part{Kind: lapkit.IntensityWarmup, Label: "jog", Duration: 3 * time.Minute, Speed: easy, HR: 130, Step: 7})
	for i := 0; i < 5; i++ {
		b.rep(1000, 0, Pace(3*time.Minute+45*time.Second), 174, 0)
		if i < 4 {
			b.rest(90*time.Second, 2.4, 0)
		}
	}
	return b.cooldown()
}

// Season is nine weeks of one runner's training, a session a file: each
// Tuesday 6 x 400 m with a minute standing between reps, faster each week
// (a mean of 84 s the first week, 76 s the ninth) and fading less within
// the session (1.2 s a rep the first week, 0.4 s the ninth), heart rate
// easing as the runner gets fitter; each Saturday an easy 8 km. Every
// file is recorded smartly (a sample every few seconds on the
// straights). Names are "w1-6x400", "w1-easy", ...
func Season() []Named {
	var out []Named
	for w := range 9 {
		tue := Epoch.AddDate(0, 0, 7*w)
		b := newBuilder(fmt.Sprintf("w%d-6x400", w+1), int64(100+w)).warmup(true)
		mean, fade := 84-float64(w), 1.2-0.1*float64(w)
		for i := range 6 {
			b.rep(400, 0, 400/(mean+fade*(float64(i)-2.5)), 168+2*float64(i)-float64(w), 0)
			if i < 5 {
				b.rest(time.Minute, 0, 0)
			}
		}
		s := b.cooldown()
		s.Start, s.Smart = tue, true
		out = append(out, Named{Name: s.Name, Session: s, Plan: "6x400m r1min"})
		e := Constant(8000, Pace(5*time.Minute+30*time.Second))
		e.Name, e.Start, e.Seed, e.Smart = fmt.Sprintf("w%d-easy", w+1), tue.AddDate(0, 0, 4).Add(-8*time.Hour), int64(200+w), true
		e.Parts[0].HR = 140
		out = append(out, Named{Name: e.Name, Session: e})
	}
	return out
}
