package analysis

import "github.com/lapkit/lapkit"

// A candidate is what one source of reps found, as a value: the efforts,
// how clearly they stand out (quality), the short pickups it set aside as
// strides, and its notes, in words. The sources (the laps, fromLaps; the
// stream, fromStream) each return their own; the pipeline chooses one,
// refines it (strides at the ends, the plan's match; the plan's search,
// searchPlan, replaces its efforts when it finds more of the planned reps,
// and says so) and builds the session from it, so no source reads or
// takes back what another wrote. A source tries its ways one at a time,
// each on a candidate of its own, and returns the one that holds.
type candidate struct {
	efforts []effort
	q       quality
	strides []Span
	notes   []lapkit.Note
}

// stride sets effort e aside as a stride.
func (c *candidate) stride(st *stream, e effort) {
	c.strides = append(c.strides, st.span(e.t0, e.t1))
}

// note adds a note of kind, in words.
func (c *candidate) note(kind lapkit.NoteKind, text string) {
	c.notes = append(c.notes, lapkit.Note{Kind: kind, Text: text})
}
