package synth

import (
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
