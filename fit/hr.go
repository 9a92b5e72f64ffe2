package fit

import (
	"fmt"
	"math"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/words"
)

// Heart rate stored apart from the records, in hr messages (HRM-Swim and
// HRM-Tri straps keep it while the watch cannot hear them, and some
// watches write it so): an anchor message holds a full timestamp and the
// strap's event time of its first beat reading; the messages after it hold
// only event times, relative to the anchor's, each with its heart rate.
// They are merged into the records the way Garmin's FIT SDK merges them
// (HrMesgUtils), so that a swim keeps its heart rate and lapkit reads what
// the SDK reads.

// mesgHR is the global number of the hr message.
const mesgHR = 132

// hrMsg is one hr message: its anchor time, when it has one, and its
// readings.
type hrMsg struct {
	anchor float64   // seconds since the FIT epoch, fraction included; NaN when the message is not an anchor
	events []float64 // the strap's full event times (event_timestamp), seconds
	ticks  []uint32  // or else its 12-bit event times (event_timestamp_12), 1/1024 s, to accumulate
	bpm    []float64 // heart rate of each event
}

// n is how many event times the message holds.
func (m *hrMsg) n() int { return len(m.events) + len(m.ticks) }

func (d *defMesg) hr(data []byte, ts uint32, timed bool) hrMsg {
	m := hrMsg{anchor: math.NaN()}
	if timed {
		m.anchor = float64(ts)
		if v, ok := d.get(data, 0); ok { // fractional_timestamp, 1/32768 s
			m.anchor += v / 32768
		} else if v, ok := d.get(data, 1); ok { // time256, 1/256 s
			m.anchor += v / 256
		}
	}
	if b, base := d.field(data, 6); b != nil && base&0x1F == 2 { // filtered_bpm, uint8 array
		for _, x := range b {
			if x != 0xFF {
				m.bpm = append(m.bpm, float64(x))
			}
		}
	}
	if b, base := d.field(data, 9); b != nil && base&0x1F == 6 { // event_timestamp, uint32 array
		for i := 0; i+4 <= len(b); i += 4 {
			if v := d.arch.Uint32(b[i:]); v != 0xFFFFFFFF {
				m.events = append(m.events, float64(v)/1024)
			}
		}
	} else if b, _ := d.field(data, 10); b != nil { // event_timestamp_12: 12-bit deltas, LSB first
		for k := 0; 12*(k+1) <= 8*len(b); k++ {
			bit := 12 * k
			v := uint32(b[bit/8]) | uint32(b[bit/8+1])<<8
			if bit%8 != 0 {
				v >>= 4
			}
			m.ticks = append(m.ticks, v&0xFFF)
		}
	}
	return m
}

// hrReading is one heart rate at a time in seconds since the FIT epoch.
type hrReading struct {
	t, bpm float64
}

// expandHR turns the hr messages into timed readings, as the FIT SDK
// does: each event time counted from the anchor's (the strap's 22-bit
// seconds counter rolls over), and the reading before a gap carried
// forward in quarter seconds for up to 5 s. It stops, with an error, where
// the messages do not follow the protocol (no anchor yet, times that go
// back); the readings before it are kept.
func expandHR(msgs []hrMsg) ([]hrReading, error) {
	var (
		out         []hrReading
		anchor      = math.NaN()
		anchorEvent float64
		acc         uint32 // event time in 1/1024 s, accumulated from 12-bit values
		accSet      bool
	)
	for i, m := range msgs {
		if !math.IsNaN(m.anchor) {
			if len(m.events) != 1 || len(m.ticks) > 0 {
				return out, fmt.Errorf("hr message %d: an anchor must hold one full event time", i+1)
			}
			anchor, anchorEvent = m.anchor, m.events[0]
		}
		if math.IsNaN(anchor) {
			return out, fmt.Errorf("hr message %d: readings before any anchor time", i+1)
		}
		if m.n() != len(m.bpm) || len(m.events) > 0 && len(m.ticks) > 0 {
			return out, fmt.Errorf("hr message %d: %d event times for %d heart rates", i+1, m.n(), len(m.bpm))
		}
		for k := range m.bpm {
			var e float64
			if len(m.ticks) > 0 { // accumulate on the last full event time
				if !accSet {
					acc, accSet = uint32(math.Round(anchorEvent*1024)), true
				}
				acc += (m.ticks[k] - acc) & 0xFFF
				e = float64(acc) / 1024
			} else {
				e = m.events[k]
				acc, accSet = uint32(math.Round(e*1024)), true
			}
			if e < anchorEvent {
				if anchorEvent-e <= 0x400000 {
					return out, fmt.Errorf("hr message %d: an event time before its anchor's", i+1)
				}
				e += 0x400000
			}
			r := hrReading{t: anchor + e - anchorEvent, bpm: m.bpm[k]}
			if n := len(out); n > 0 {
				prev := out[n-1]
				gap := math.Abs(r.t-prev.t) * 1000
				for step := 1; gap > 250 && step <= 20; step++ {
					out = append(out, hrReading{t: prev.t + 0.25*float64(step), bpm: prev.bpm})
					gap -= 250
				}
			}
			out = append(out, r)
		}
	}
	return out, nil
}

// mergeHR sets each sample's heart rate to the mean of the readings since
// the sample before (over the second before the first sample, or before a
// sample at the time of the one before), rounded half up, as the FIT SDK
// does; a sample without readings keeps its own. It returns how many
// samples took a merged heart rate, and the error of expandHR.
func mergeHR(samples []lapkit.Sample, msgs []hrMsg) (int, error) {
	if len(msgs) == 0 || len(samples) == 0 {
		return 0, nil
	}
	hr, err := expandHR(msgs)
	merged := 0
	k := 0
	start := math.NaN()
	for i := range samples {
		s := &samples[i]
		if s.Time.IsZero() {
			continue
		}
		end := float64(s.Time.UnixNano()/1e9 - fitEpochUnix) // whole seconds after the FIT epoch
		if math.IsNaN(start) {
			start = end
		}
		if start == end {
			start--
			k = max(k-1, 0)
		}
		sum, n := 0.0, 0
		for k < len(hr) {
			r := hr[k]
			if r.t > start && r.t <= end {
				sum += r.bpm
				n++
			} else if r.t > end {
				if n > 0 {
					s.HeartRate = math.Floor(sum/float64(n) + 0.5)
					merged++
				}
				start = end
				break
			}
			k++
		}
	}
	return merged, err
}

// mergeAllHR merges the hr messages of every file of the stream (a strap's
// own file may follow the watch's) into a's samples, and notes it.
func mergeAllHR(a *lapkit.Activity, segs []segment) {
	var msgs []hrMsg
	for i := range segs {
		msgs = append(msgs, segs[i].hr...)
	}
	if len(msgs) == 0 {
		return
	}
	n, err := mergeHR(a.Samples, msgs)
	text := fmt.Sprintf("heart rate stored apart from the records (%s, as HRM-Swim and HRM-Tri straps store it) merged into %s, as the FIT SDK merges it", words.Count(len(msgs), "hr message"), words.Count(n, "sample"))
	if err != nil {
		text += fmt.Sprintf("; the hr messages stop following the protocol at %v: the readings before it are merged", err)
	}
	a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NoteHeartRateMerged, Count: n, Text: text})
}
