package gpx

import (
	"math"
	"sort"
	"strings"

	"github.com/lapkit/lapkit"
)

// sport maps a GPX track type (free text, or Strava's activity number) to
// the model's sport names.
func sport(t string) lapkit.Sport {
	switch t = strings.ToLower(strings.TrimSpace(t)); t {
	case "":
		return ""
	case "9", "run", "running", "trail_running", "trailrunning":
		return lapkit.SportRunning
	case "1", "ride", "biking", "cycling", "road_biking", "mountain_biking":
		return lapkit.SportCycling
	case "10", "walk", "walking":
		return lapkit.SportWalking
	case "4", "hike", "hiking":
		return lapkit.SportHiking
	}
	return lapkit.Sport(t)
}

// runningCadence doubles per-leg running cadence: GPX writers (Garmin,
// Strava) store running cadence as strides per minute, the model wants
// steps per minute. A median below 120 tells a per-leg value.
func runningCadence(a *lapkit.Activity) {
	if !a.Sport.OnFoot() {
		return
	}
	var c []float64
	for i := range a.Samples {
		if v := a.Samples[i].Cadence; !math.IsNaN(v) && v > 0 {
			c = append(c, v)
		}
	}
	if len(c) == 0 {
		return
	}
	sort.Float64s(c)
	if c[len(c)/2] >= 120 {
		return
	}
	for i := range a.Samples {
		a.Samples[i].Cadence *= 2
	}
}
