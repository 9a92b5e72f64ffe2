package analysis

import (
	"math"
	"slices"
	"sort"
	"time"

	"github.com/lapkit/lapkit"
)

// easyEdges joins the kept units into efforts (consecutive units that
// touch are one effort), less a warm-up or cool-down at either end: the
// first unit of the first effort (the last of the last) when that effort
// holds more units and the unit runs slower than easyEdge times the
// median of the other efforts' first (last) units (a warm-up lap run
// straight into rep 1; reps alike inside, as a hill's steady climb and
// sprint, keep theirs), or a first (last) effort of one unit slower than
// easyEdge times the median of the other efforts and longer than 1.5
// times the longest of them (a single long easy lap). With marked (the
// device marked the units active), such a single unit must also run slower
// than easyEdge times the effort beside it: the runner programmed it as
// work.
func easyEdges(us []lapUnit, keep []bool, marked bool) []effort {
	touch := func(a, b int) bool { return b == a+1 && !us[b].start.After(us[a].end.Add(2*time.Second)) }
	var groups [][]int // the units of each effort
	for k := range us {
		if !keep[k] {
			continue
		}
		if n := len(groups); n > 0 && touch(groups[n-1][len(groups[n-1])-1], k) {
			groups[n-1] = append(groups[n-1], k)
			continue
		}
		groups = append(groups, []int{k})
	}
	speed := func(g []int) float64 {
		var d, t float64
		for _, k := range g {
			d += us[k].dist
			t += us[k].secs
		}
		return d / math.Max(t, 1)
	}
	trim := func(g []int, others [][]int, first bool) []int {
		if len(others) < 2 {
			return g
		}
		end := func(g []int) int {
			if first {
				return g[0]
			}
			return g[len(g)-1]
		}
		var ends, whole []float64
		longest := 0.0
		for _, o := range others {
			if len(o) == 0 {
				continue // a first group the trim emptied: no effort
			}
			ends = append(ends, us[end(o)].speed)
			whole = append(whole, speed(o))
			for _, k := range o {
				longest = max(longest, us[k].secs)
			}
		}
		if len(ends) < 2 || len(g) == 0 {
			return g
		}
		e := end(g)
		// The effort beside it: a first work step of 3.2 km run at the
		// pace of the 2 km reps after it is a rep, however much faster
		// the 800s that close the session.
		next := others[0]
		if !first {
			next = others[len(others)-1]
		}
		switch {
		case len(g) > 1 && us[e].speed < easyEdge*medianOf(ends):
			if first {
				return g[1:]
			}
			return g[:len(g)-1]
		case len(g) == 1 && us[e].speed < easyEdge*medianOf(whole) && (!marked || us[e].speed < easyEdge*speed(next)) && us[e].secs > 1.5*longest:
			return nil
		}
		return g
	}
	if n := len(groups); n >= 3 {
		groups[0] = trim(groups[0], groups[1:], true)
		groups[n-1] = trim(groups[n-1], groups[:n-1], false)
	}
	var out []effort
	for _, g := range groups {
		if len(g) > 0 {
			e := effort{t0: us[g[0]].t0, t1: us[g[len(g)-1]].t1, timed: true, laps: true,
				lapStart: us[g[0]].start, lapEnd: us[g[len(g)-1]].end}
			if us[g[0]].step >= 0 && us[g[len(g)-1]].step == us[g[0]].step {
				e.step = us[g[0]].step + 1
			}
			for _, k := range g {
				e.timed = e.timed && us[k].timed
				e.lapDist += us[k].lapDist
				e.lapTimer += us[k].lapTimer
			}
			out = append(out, e)
		}
	}
	return out
}

// edgeLonger and edgeEasy: see restLed.
const (
	edgeLonger = 1.2
	edgeEasy   = 0.8
)

// valley: see fromContrast.
const valley = 1.05

// easyEdge: see easyEdges.
const easyEdge = 0.93

// fromContrast finds reps among laps with no roles: the running laps split
// into easy and fast at the Otsu threshold, and the fast ones are reps when
// they run at least Options.MinContrast faster.
func (d *Options) fromContrast(st *stream, c *candidate, us []lapUnit, source Source) ([]effort, quality) {
	var vals, weights []float64
	for _, u := range us {
		if u.speed >= walk {
			vals = append(vals, u.speed)
			weights = append(weights, u.secs)
		}
	}
	t, slow, fast, sep, ok := otsu(vals, weights)
	q := quality{contrast: fast / slow, sep: sep}
	if !ok || slow <= 0 || q.contrast < d.contrast() {
		return nil, quality{}
	}
	keep := make([]bool, len(us))
	for k, u := range us {
		switch u.role {
		case lapkit.IntensityRest, lapkit.IntensityRecovery, lapkit.IntensityWarmup, lapkit.IntensityCooldown:
			continue
		}
		// Among manual laps, auto laps are the warm-up and cool-down
		// kilometres.
		if source == SourceManualLap && u.auto {
			continue
		}
		keep[k] = u.speed > t && !u.blip()
	}
	// A lap between two laps it runs into, each faster by valley, is the
	// rest between them (a jog between reps, above the threshold when the
	// warm-up is slower still).
	touch := func(a, b int) bool { return !us[b].start.After(us[a].end.Add(2 * time.Second)) }
	for k := 1; k+1 < len(us); k++ {
		if keep[k-1] && keep[k] && keep[k+1] && touch(k-1, k) && touch(k, k+1) &&
			us[k-1].speed >= valley*us[k].speed && us[k+1].speed >= valley*us[k].speed {
			keep[k] = false
		}
	}
	out := easyEdges(us, keep, false)
	if len(out) == 0 {
		return nil, quality{}
	}
	return d.finishLaps(out, st, c, source), q
}

// restLed finds reps among laps that alternate with standing or walking
// ones (under walk): every running lap beside a standing one, from the
// first to the last, with nothing but such laps and standing ones between
// them (a run with a stop or two is not that), less an easy warm-up or
// cool-down at either end: the run up to the first stand (on from the
// last) when slower than easyEdge times the median of the runs between
// stands, or as easyEdges finds it. It needs two standing laps or more,
// each covering less than half the shortest running lap.
func restLed(us []lapUnit) []effort {
	standing := func(k int) bool { return k >= 0 && k < len(us) && us[k].speed < walk }
	keep := make([]bool, len(us))
	first, last, stands := -1, -1, 0
	for k := range us {
		if !standing(k) && (standing(k-1) || standing(k+1)) && us[k].role != lapkit.IntensityRest && us[k].role != lapkit.IntensityRecovery && !us[k].blip() {
			keep[k] = true
			if first < 0 {
				first = k
			}
			last = k
		}
	}
	if first < 0 {
		return nil
	}
	for k := first; k <= last; k++ {
		if standing(k) {
			stands++
		} else if !keep[k] {
			return nil
		}
	}
	if stands < 2 {
		return nil
	}
	// A run with a stand on one side only, before the first stand or
	// after the last, is the warm-up or cool-down run up to it when it
	// runs slower than the runs between stands and further than any of
	// them (a 4 km warm-up at 5:38/km before a pyramid at 5:15-5:30),
	// or far slower than all of them; not a first rep run a little
	// slower (a session that starts with rep 1).
	var inner []float64
	longest := 0.0
	for k := first; k <= last; k++ {
		if keep[k] && standing(k-1) && standing(k+1) {
			inner = append(inner, us[k].speed)
			longest = max(longest, us[k].dist)
		}
	}
	if len(inner) >= 2 {
		for _, k := range []int{first, last} {
			v := us[k].speed
			if !(standing(k-1) && standing(k+1)) &&
				(v < easyEdge*medianOf(inner) && us[k].dist > edgeLonger*longest || v < edgeEasy*slices.Min(inner)) {
				keep[k] = false
			}
		}
	}
	// A rest covers little ground: a kilometre walked between
	// kilometres run is a run with walking breaks.
	shortest := math.Inf(1)
	for k := first; k <= last; k++ {
		if keep[k] {
			shortest = min(shortest, us[k].dist)
		}
	}
	for k := first; k <= last; k++ {
		if standing(k) && us[k].dist >= shortest/2 {
			return nil
		}
	}
	out := easyEdges(us, keep, false)
	if len(out) < 2 {
		return nil
	}
	return out
}

// sameDistance reports whether three quarters or more of the laps (the
// last left aside: it ends where the run ends) measure the same distance,
// within 0.5 %, and which: auto laps. The laps are tried in order, each
// counting the laps within 0.5 % of its own distance among the others
// sorted, in O(n log n).
func sameDistance(laps []lapkit.Lap) (float64, bool) {
	n := len(laps) - 1
	if n <= 0 {
		return 0, false
	}
	sorted := make([]float64, 0, n)
	for _, l := range laps[:n] {
		if !math.IsNaN(l.Distance) {
			sorted = append(sorted, l.Distance)
		}
	}
	slices.Sort(sorted)
	for i := 0; i < n; i++ {
		d := laps[i].Distance
		if !(d > 0) {
			continue
		}
		// |x-d| <= 0.005 d, computed as written, holds on one run of the
		// sorted distances around d.
		near := func(x float64) bool { return math.Abs(x-d) <= 0.005*d }
		lo := sort.Search(len(sorted), func(k int) bool { return sorted[k] >= d || near(sorted[k]) })
		hi := sort.Search(len(sorted), func(k int) bool { return sorted[k] > d && !near(sorted[k]) })
		if 4*(hi-lo) >= 3*n {
			return d, true
		}
	}
	return 0, false
}

// lengthClasses gives each unit the class of the units of the same kind:
// run at about the same speed (within 25 % or 0.5 m/s) for the same
// duration (within 3 s or 3 %), or for the same distance (within 3 %) in
// about the same time (within 15 %). Auto laps, whose length the device
// set, get no class (-1).
func lengthClasses(us []lapUnit) []int {
	key := make([]int, len(us))
	var reps []int // a representative unit of each class
	near := func(a, b, tol float64) bool { return math.Abs(a-b) <= tol*math.Max(a, b) }
	for k, u := range us {
		key[k] = -1
		if u.auto || u.secs <= 0 {
			continue
		}
		for c, r := range reps {
			v := us[r]
			sameSpeed := math.Abs(u.speed-v.speed) <= math.Max(0.5, 0.25*math.Max(u.speed, v.speed))
			if sameSpeed && (math.Abs(u.secs-v.secs) <= math.Max(3, 0.03*v.secs) || near(u.dist, v.dist, 0.03) && near(u.secs, v.secs, 0.15)) {
				key[k] = c
				break
			}
		}
		if key[k] < 0 {
			key[k] = len(reps)
			reps = append(reps, k)
		}
	}
	return key
}

// inferRoles gives the units whose key (a workout step, a length class)
// repeats a role: a key whose units run faster (median speed, by
// easyFactor) than those of every repeated key beside it in the sequence
// is work, one slower than a key beside it is rest. Units already given a
// role keep it. It reports whether it found both work and rest.
func inferRoles(us []lapUnit, key []int) bool {
	count := map[int]int{}
	for _, k := range key {
		if k >= 0 {
			count[k]++
		}
	}
	speeds := map[int][]float64{}
	for i, k := range key {
		if count[k] >= 2 {
			speeds[k] = append(speeds[k], us[i].speed)
		}
	}
	med := map[int]float64{}
	for k, v := range speeds {
		med[k] = medianOf(v)
	}
	adj := map[int][]int{}
	for i := 0; i+1 < len(us); i++ {
		a, b := key[i], key[i+1]
		if a >= 0 && b >= 0 && a != b && count[a] >= 2 && count[b] >= 2 {
			if !slices.Contains(adj[a], b) {
				adj[a] = append(adj[a], b)
				adj[b] = append(adj[b], a)
			}
		}
	}
	role := map[int]lapkit.Intensity{}
	works, rests := 0, 0
	for k, nb := range adj {
		work, rest := true, false
		for _, o := range nb {
			work = work && med[k] >= easyFactor*med[o]
			rest = rest || med[o] >= easyFactor*med[k]
		}
		switch {
		case work:
			role[k] = lapkit.IntensityActive
			works++
		case rest:
			role[k] = lapkit.IntensityRest
			rests++
		}
	}
	if works == 0 || rests == 0 {
		return false
	}
	for i := range us {
		if r, ok := role[key[i]]; ok && us[i].role == lapkit.IntensityUnknown && key[i] >= 0 {
			us[i].role = r
		}
	}
	return true
}
