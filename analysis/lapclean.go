package analysis

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/lapkit/lapkit"
)

// cleanLaps returns the laps the lap stages can go by, in order and apart,
// and notes in words what it changed; laps unchanged when nothing needs it
// (the same slice). A chained or re-saved file, or a caller, can hand laps
// out of order, twice, inside one another or of no length:
//   - a lap that ends at or before its start is left out;
//   - the laps are put in order of their start (then of their end);
//   - a lap with the start and end of the one before is a duplicate, left
//     out;
//   - a lap that spans two laps or more (a summary of them) is left out,
//     and a lap inside another lap is left out;
//   - a lap that starts over lapOverlap before the one before it ends
//     starts where that one ended (its timer and distance are then the
//     part's share). Laps stamped in whole seconds overlap by a second or
//     so: they are left as they are.
func cleanLaps(laps []lapkit.Lap) ([]lapkit.Lap, []lapkit.Note) {
	var empty, dup, spans, inside, overlap int
	ordered := slices.IsSortedFunc(laps, byStart)
	clean := true
	for i, l := range laps {
		if !l.End.After(l.Start) || i > 0 && l.Start.Before(laps[i-1].End.Add(-lapOverlap)) {
			clean = false
			break
		}
	}
	if ordered && clean {
		return laps, nil
	}
	out := make([]lapkit.Lap, 0, len(laps))
	for _, l := range laps {
		if !l.End.After(l.Start) {
			empty++
			continue
		}
		out = append(out, l)
	}
	slices.SortStableFunc(out, byStart)
	// Duplicates.
	kept := out[:0]
	for _, l := range out {
		if n := len(kept); n > 0 && l.Start.Equal(kept[n-1].Start) && l.End.Equal(kept[n-1].End) {
			dup++
			continue
		}
		kept = append(kept, l)
	}
	out = kept
	// Laps that hold two others or more: summaries.
	holds := func(a, b lapkit.Lap) bool { return !b.Start.Before(a.Start) && !b.End.After(a.End) }
	span := make([]bool, len(out))
	for i, a := range out {
		n := 0
		for j := i + 1; j < len(out) && out[j].Start.Before(a.End); j++ {
			if holds(a, out[j]) {
				n++
			}
		}
		for j := i - 1; j >= 0 && n < 2 && out[j].Start.Equal(a.Start); j-- {
			n++ // sorted: same start, ending no later
		}
		span[i] = n >= 2
	}
	kept = out[:0:0]
	for i, l := range out {
		if span[i] {
			spans++
			continue
		}
		kept = append(kept, l)
	}
	out = kept
	kept = out[:0]
	for _, l := range out {
		if n := len(kept); n > 0 && l.Start.Before(kept[n-1].End.Add(-lapOverlap)) {
			prev := kept[n-1]
			switch {
			case !l.End.After(prev.End):
				inside++
				continue
			case holds(l, prev):
				inside++
				kept[n-1] = l
				continue
			}
			// Starts where the lap before ended: its timer and
			// distance shrink in proportion.
			f := float64(l.End.Sub(prev.End)) / float64(l.End.Sub(l.Start))
			l.Start = prev.End
			l.ElapsedTime = l.End.Sub(l.Start)
			l.TimerTime = time.Duration(f * float64(l.TimerTime))
			l.Distance *= f
			overlap++
		}
		kept = append(kept, l)
	}
	out = kept
	var what []string
	add := func(n int, s string) {
		if n > 0 {
			what = append(what, fmt.Sprintf(s, n))
		}
	}
	if !ordered {
		what = append(what, "put in order of their start")
	}
	add(empty, "%d of no length left out")
	add(dup, "%d written twice left out")
	add(spans, "%d spanning other laps left out")
	add(inside, "%d inside another lap left out")
	add(overlap, "%d overlapping the lap before start where it ended")
	if len(what) == 0 {
		return out, nil
	}
	return out, []lapkit.Note{{Kind: lapkit.NoteLaps, Text: fmt.Sprintf("the file's %d laps do not follow one another: %s; the reps go by the %d left", len(laps), strings.Join(what, ", "), len(out))}}
}

// lapOverlap is how far a lap may start before the one before it ends and
// still be as the watch wrote it (whole-second stamps against exact
// times).
const lapOverlap = 2 * time.Second

func byStart(a, b lapkit.Lap) int {
	if c := a.Start.Compare(b.Start); c != 0 {
		return c
	}
	return a.End.Compare(b.End)
}
