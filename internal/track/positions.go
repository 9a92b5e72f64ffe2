package track

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/geo"
	"github.com/lapkit/lapkit/internal/words"
)

// notePositions notes the repairs of the distance summed from positions.
func notePositions(a *lapkit.Activity, r posRepairs) {
	noteSpikes(a, r.spikes, MaxSpeed, "a position further than %g m/s allows from the one before, skipped")
	if len(r.glitches) > 0 {
		noteSpikes(a, r.glitches, r.top, "a position that jumped out faster than the sport allows (over %g m/s) for one fix, the next fix back beside the one before: skipped")
	}
	jit := r.jit
	for _, t := range r.frozen {
		a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NotePositionFrozen, Time: t.UTC(),
			Text: "the position stood still while the runner ran on; the distance was spread over the time"})
	}
	if jit.stops > 0 {
		stops := words.Count(jit.stops, "stop")
		a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NotePositionJitter, Count: jit.stops,
			Text: fmt.Sprintf("GPS jitter while standing: at %s (%v in all) the position wandered %.0f m within %.1f m; not counted as distance",
				stops, jit.stood.Round(time.Second), jit.standing, jit.radius)})
	}
	if jit.merged >= 1 {
		a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NotePositionJitter,
			Text: fmt.Sprintf("sideways GPS jitter: fixes under %g s and %.1f m apart measured as one step, %.0f m less than the sum of their steps", mergeTime, jit.band, jit.merged)})
	}
}

// PositionDistance sets every sample's Distance to the cumulative
// great-circle distance between consecutive positions (internal/geo), and
// reports whether any sample had a position. Samples without a position,
// and positions further from the last good one than MaxSpeed allows (GPS
// spikes), keep the distance reached before them. GPS jitter adds no
// distance: a step between two fixes where the runner stood (the fix 30 s
// before or after lies within 10 m) that is slower than 2 m/s, and from
// which the runner does not go on at 2 m/s over the next 5 s, counts 0;
// and fixes 1 s apart closer than 6 m and 5 s to the last one counted are
// measured as one step, whose distance the samples share by their own
// steps. Finish notes both (lapkit.NotePositionJitter). Both lengths scale with the jitter the fixes show (the median
// second difference of fixes 1 s apart, against the 1.3 m of a phone's 3
// m wander), from a fifth for a watch's filtered fixes to all of it.
func PositionDistance(s []lapkit.Sample) bool {
	ok, _ := positionDistance(s, &topSpeeds{a: &lapkit.Activity{}, k: -1, top: MaxSpeed})
	return ok
}

// posRepairs is what positionDistance repaired: the times of the positions
// it skipped as spikes (over MaxSpeed) and as glitches (over the sport's
// top speed, the highest of them top, and straight back), of the first
// samples of frozen positions it spread the distance over, and the jitter
// it did not count.
type posRepairs struct {
	spikes, glitches, frozen []lapkit.Instant
	top                      float64
	jit                      jitter
}

// positionDistance is PositionDistance, with the sport's top speed at each
// time (asked in time order, see topSpeed), and returns what it repaired.
// A fix further from the one before than the top speed allows, from which
// the next fix comes back as fast to beside the one before, is a glitch:
// skipped as a spike is.
func positionDistance(s []lapkit.Sample, top *topSpeeds) (ok bool, r posRepairs) {
	d, runDist := 0.0, 0.0
	prev, cand, run := -1, -1, 0
	near := func(i, j int) (float64, bool) {
		step := geo.Distance(s[j].Lat, s[j].Lon, s[i].Lat, s[i].Lon)
		return step, step <= MaxSpeed*math.Max(1, s[i].Time.Sub(s[j].Time).Seconds())
	}
	var fixes []int         // the positions measured, in order
	jumps := map[int]bool{} // fixes reached past an outlier: not smoothed across
	glitch := map[int]bool{}
	// out reports whether the fix at i, step metres from the one at prev,
	// is out and back: faster than the top speed from prev, and the next
	// fix as fast back from it to within what the top speed allows from
	// prev.
	out := func(i int, step float64) bool {
		v := top.at(s[i].Time)
		if v >= MaxSpeed || step <= v*math.Max(1, s[i].Time.Sub(s[prev].Time).Seconds()) {
			return false
		}
		for n := i + 1; n < len(s); n++ {
			if !s[n].HasPosition() || s[n].Lat == s[i].Lat && s[n].Lon == s[i].Lon {
				continue
			}
			back := geo.Distance(s[i].Lat, s[i].Lon, s[n].Lat, s[n].Lon)
			direct := geo.Distance(s[prev].Lat, s[prev].Lon, s[n].Lat, s[n].Lon)
			return back > v*math.Max(1, s[n].Time.Sub(s[i].Time).Seconds()) &&
				direct <= v*math.Max(1, s[n].Time.Sub(s[prev].Time).Seconds())
		}
		return false
	}
	for i := range s {
		if prev >= 0 && s[i].Lat == s[prev].Lat && s[i].Lon == s[prev].Lon {
			// The same position again: no new fix. The next fix is
			// measured from the first of them, over the whole time.
			s[i].Distance = d
			continue
		}
		if s[i].HasPosition() {
			switch step, ok := near(i, max(prev, 0)); {
			case prev < 0:
				prev = i
				fixes = append(fixes, i)
			case ok && out(i, step):
				glitch[i] = true
				r.glitches = append(r.glitches, s[i].Time)
				r.top = math.Max(r.top, top.at(s[i].Time))
			case ok:
				// A position further than MaxSpeed allows is a GPS
				// spike: skip it, and measure the next from before it.
				for k := prev + 1; k < i; k++ {
					if s[k].HasPosition() && (s[k].Lat != s[prev].Lat || s[k].Lon != s[prev].Lon) && !glitch[k] {
						r.spikes = append(r.spikes, s[k].Time)
					}
				}
				if span := s[i].Time.Sub(s[prev].Time).Seconds(); i-prev > 1 && span >= minFrozen+1 && step/span >= frozenSpeed && same(s[prev:i]) {
					// The position stood still while the runner ran
					// on (the catch-up shows it): spread the step over
					// the frozen time.
					for k := prev + 1; k < i; k++ {
						s[k].Distance = d + step*s[k].Time.Sub(s[prev].Time).Seconds()/span
					}
					r.frozen = append(r.frozen, s[prev].Time)
				}
				d += step
				prev, run = i, 0
				fixes = append(fixes, i)
			default:
				// Unless the positions after it agree with each
				// other: then the one before was the outlier (a first
				// fix at 0,0); carry on from here without the jump.
				if step, ok := near(i, max(cand, 0)); cand >= 0 && ok {
					run++
					runDist += step
				} else {
					run, runDist = 1, 0
				}
				cand = i
				if run >= 3 {
					// The outlier was the position before the run.
					r.spikes = append(r.spikes, s[prev].Time)
					d += runDist
					prev, run = i, 0
					fixes = append(fixes, i)
					jumps[i] = true
				}
			}
		}
		s[i].Distance = d
	}
	if prev < 0 {
		for i := range s {
			s[i].Distance = math.NaN()
		}
		return false, r
	}
	r.jit = filterJitter(s, fixes, jumps)
	return true, r
}

// GPS jitter (see PositionDistance): a fix is still when the fix
// stillWindow seconds before it, or after it, lies within stillRadius of
// it; a step between two still fixes shorter than standSpeed allows, from
// which the runner does not go on at standSpeed over goWindow, is the
// position wandering while the runner stands. Fixes closer than deadBand
// metres and mergeTime seconds to the last one counted are merged into the
// next step.
const (
	stillWindow = 30.0 // s
	stillRadius = 10.0 // m
	standSpeed  = 2.0  // m/s
	deadBand    = 6.0  // m
	mergeTime   = 5.0  // s
	mergeStep   = 2.0  // s
	goWindow    = 5.0  // s
	newStop     = 10.0 // s: standing again sooner after a jolt is the same stop
)

// ChordSeconds is how many seconds apart, for fixes 1 s apart at speed
// m/s that jitter as a phone's do, are the fixes between which
// PositionDistance measures its steps: closer ones are merged (at 4.5 m/s,
// every 2 s; walking, every 5 s).
func ChordSeconds(speed float64) float64 {
	if speed <= 0 {
		return mergeTime
	}
	return min(mergeTime, max(1, math.Ceil(deadBand/speed)))
}

// jitterScale returns how much the fixes 1 s apart jitter, as the median
// of the second difference of their positions (what the runner's own
// acceleration barely moves) over refJitter, within [minJitterScale, 1];
// fallbackJitterScale when fewer than minJitterFixes are 1 s apart.
func jitterScale(s []lapkit.Sample, fixes []int) float64 {
	if len(fixes) == 0 {
		return fallbackJitterScale
	}
	// Metres per degree at the first fix: near enough anywhere on a run
	// for a median of metres.
	f := s[fixes[0]]
	ky := geo.Distance(f.Lat, f.Lon, f.Lat+1e-3, f.Lon) * 1e3
	kx := geo.Distance(f.Lat, f.Lon, f.Lat, f.Lon+1e-3) * 1e3
	var d2 []float64
	for k := 1; k+1 < len(fixes); k++ {
		a, b, c := s[fixes[k-1]], s[fixes[k]], s[fixes[k+1]]
		if math.Abs(b.Time.Sub(a.Time).Seconds()-1) > 0.05 || math.Abs(c.Time.Sub(b.Time).Seconds()-1) > 0.05 {
			continue
		}
		d2 = append(d2, math.Hypot((c.Lon-2*b.Lon+a.Lon)*kx, (c.Lat-2*b.Lat+a.Lat)*ky))
	}
	if len(d2) < minJitterFixes {
		return fallbackJitterScale
	}
	slices.Sort(d2)
	return min(1, max(minJitterScale, d2[len(d2)/2]/refJitter))
}

const (
	refJitter           = 1.3 // m: the median second difference of fixes 1 s apart that wander by 3 m
	minJitterScale      = 0.2
	minJitterFixes      = 60
	fallbackJitterScale = 1.0 // sparse fixes: taken to wander as a phone's do
)

// A jitter is what filterJitter left out.
type jitter struct {
	stops            int           // stretches of standing
	stood            time.Duration // their time
	standing, merged float64       // metres not counted: wander while standing, sideways jitter of close fixes
	radius, band     float64       // the still radius and the dead band used, metres
}

// filterJitter replaces the distance summed from the raw fixes (the
// positions measured, in order; jumps: fixes reached past an outlier) by
// one without GPS jitter: steps while standing add nothing, and fixes
// close in time and space are merged into one step. Samples between two
// fixes keep their share of the step.
func filterJitter(s []lapkit.Sample, fixes []int, jumps map[int]bool) jitter {
	var j jitter
	if len(fixes) < 2 {
		return j
	}
	raw := make([]float64, len(s))
	for i := range s {
		raw[i] = s[i].Distance
	}
	secs := func(k int) float64 { return s[fixes[k]].Time.Sub(s[fixes[0]].Time).Seconds() }
	dist := func(a, b int) float64 {
		return geo.Distance(s[fixes[a]].Lat, s[fixes[a]].Lon, s[fixes[b]].Lat, s[fixes[b]].Lon)
	}
	step := make([]float64, len(fixes)) // step[k]: raw distance from fix k-1 to fix k
	for k := 1; k < len(fixes); k++ {
		step[k] = raw[fixes[k]] - raw[fixes[k-1]]
	}
	// The filter's scale: how much the fixes jitter from one second to
	// the next, against the 3 m wander of a phone.
	scale := jitterScale(s, fixes)
	band, radius := deadBand*scale, stillRadius*scale
	j.radius, j.band = radius, band
	// still[k]: the runner stood at fix k.
	still := make([]bool, len(fixes))
	lo, hi := 0, 0
	for k := range fixes {
		for secs(k)-secs(lo) > stillWindow {
			lo++
		}
		for hi+1 < len(fixes) && secs(hi+1)-secs(k) <= stillWindow {
			hi++
		}
		for _, o := range []int{lo, hi} {
			if math.Abs(secs(k)-secs(o)) >= 0.8*stillWindow && dist(k, o) < radius {
				still[k] = true
			}
		}
	}
	// going[k]: from fix k the runner goes somewhere: standSpeed over
	// the next goWindow seconds (a runner setting off near where they
	// stood is no jitter).
	going := make([]bool, len(fixes))
	hi = 0
	for k := range fixes {
		for hi+1 < len(fixes) && secs(hi+1)-secs(k) <= goWindow {
			hi++
		}
		going[k] = hi > k && dist(k, hi) >= 0.8*standSpeed*goWindow
	}
	inc := make([]float64, len(fixes)) // the filtered step from fix k-1 to fix k
	anchor, stoodTo := 0, math.Inf(-1) // stoodTo: when the last standing step ended, s
	// flush spreads the step d from the anchor to fix k over the fixes
	// in between, by their raw steps, and makes k the anchor. It
	// returns the metres left out.
	flush := func(k int, d float64) float64 {
		sum := 0.0
		for m := anchor + 1; m <= k; m++ {
			sum += step[m]
		}
		for m := anchor + 1; m <= k; m++ {
			inc[m] = d / float64(k-anchor)
			if sum > 0 {
				inc[m] = d * step[m] / sum
			}
		}
		anchor = k
		if d == 0 {
			return sum
		}
		j.merged += sum - d
		return 0
	}
	for k := 1; k < len(fixes); k++ {
		dt := secs(k) - secs(k-1)
		switch {
		case jumps[fixes[k]]:
			flush(k-1, dist(anchor, k-1))
			inc[k], anchor = step[k], k
		case still[k-1] && still[k] && !going[k-1] && step[k] < standSpeed*dt:
			// Back to standing after a jolt shorter than the band:
			// the jolt was jitter too.
			if d := dist(anchor, k-1); d >= band || secs(k-1)-stoodTo > stillWindow {
				flush(k-1, d)
			} else {
				j.standing += flush(k-1, 0)
			}
			if secs(k-1)-stoodTo > newStop {
				j.stops++ // a new stop, not a stop resumed after a jolt
			}
			j.stood += s[fixes[k]].Time.Sub(s[fixes[k-1]].Time)
			j.standing += step[k]
			anchor, stoodTo = k, secs(k)
		default:
			if d := dist(anchor, k); d >= band || dt > mergeStep || secs(k)-secs(anchor) >= mergeTime || k == len(fixes)-1 {
				flush(k, d)
			}
		}
	}
	j.merged = math.Max(j.merged, 0)
	d := 0.0
	for k, i := range fixes {
		d += inc[k]
		s[i].Distance = d
		if k == 0 {
			continue
		}
		h := fixes[k-1]
		for m := h + 1; m < i; m++ {
			frac := 0.0
			if span := raw[i] - raw[h]; span > 0 {
				frac = (raw[m] - raw[h]) / span
			}
			s[m].Distance = s[h].Distance + frac*inc[k]
		}
	}
	last := fixes[len(fixes)-1]
	for m := last + 1; m < len(s); m++ {
		s[m].Distance = s[last].Distance
	}
	return j
}

// same reports whether the samples all have the first one's position.
func same(s []lapkit.Sample) bool {
	for i := 1; i < len(s); i++ {
		if s[i].Lat != s[0].Lat || s[i].Lon != s[0].Lon {
			return false
		}
	}
	return true
}

// A position repeated for minFrozen seconds or more, after which the
// next fix shows the runner covered frozenSpeed m/s or more meanwhile, is
// a frozen position (a phone's GPS that stopped updating); standing still
// moves less.
const (
	minFrozen   = 3   // s
	frozenSpeed = 1.0 // m/s
)
