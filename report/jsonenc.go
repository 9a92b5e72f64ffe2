package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"
)

// Marshal writes r as JSON by hand, in exactly the bytes json.Marshal(r)
// writes (TestMarshalMatchesReflection holds it, field by field, and on
// every bundled and real file), at a fraction of its cost: json.Marshal
// reflects over every field and calls, then re-validates, the marshaller
// of every number of the report. A nil report is "null". As json.Marshal,
// it fails on a plain number that is NaN or infinite (the report rounds
// its figures so that none is; an absent one is a Float, null), rather
// than write JSON no reader takes.
func Marshal(r *Report) ([]byte, error) {
	if r == nil {
		return []byte("null"), nil
	}
	w := make(jw, 0, 4096+320*len(r.Splits)+640*len(r.Intervals)+48*len(r.Trace))
	r.appendJSON(&w)
	if i := bytes.IndexByte(w, badMark); i >= 0 {
		k := bytes.LastIndexByte(w[:i], '"')
		j := bytes.LastIndexByte(w[:k], '"')
		v := w[i+1:]
		v = v[:bytes.IndexAny(v, ",}]")]
		return nil, fmt.Errorf("report: %s is %s, not a number JSON holds", w[j+1:k], v)
	}
	return w, nil
}

// badMark is the byte f64 writes before a NaN or an infinity: a byte no
// JSON text of the report holds (strings escape it), so that Marshal finds
// the first in one search.
const badMark = 0

// jw appends JSON to a byte slice.
type jw []byte

func (w *jw) open() { *w = append(*w, '{') }

// set makes b, appended to *w, the writer's bytes. Marshal sizes the
// buffer, so b nearly always extends *w's own array (an append that
// reallocates returns more capacity): then only the length is stored, and
// not the slice's pointer, which the collector's write barrier would
// record while it marks.
func (w *jw) set(b []byte) {
	if cap(b) == cap(*w) {
		*w = (*w)[:len(b)]
	} else {
		*w = b
	}
}
func (w *jw) close() { *w = append(*w, '}') }

// key writes a field's name (ASCII, no escaping needed) and its colon,
// after a comma unless it is the record's first.
func (w *jw) key(name string) { w.set(appendKey(*w, name)) }

func appendKey(b []byte, name string) []byte {
	if len(b) > 0 && b[len(b)-1] != '{' && b[len(b)-1] != '[' {
		b = append(b, ',')
	}
	b = append(b, '"')
	b = append(b, name...)
	return append(b, '"', ':')
}

func (w *jw) int(name string, v int) { w.key(name); w.set(strconv.AppendInt(*w, int64(v), 10)) }

func (w *jw) bool(name string, v bool) { w.key(name); w.set(strconv.AppendBool(*w, v)) }

// f64 writes a float64 as encoding/json does: 'f' form, 'e' below 1e-6 or
// from 1e21, its exponent without a leading zero.
func (w *jw) f64(name string, f float64) {
	w.key(name)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		*w = append(*w, badMark) // Marshal fails, naming the field
	}
	w.set(appendFloat64(*w, f))
}

func appendFloat64(b []byte, f float64) []byte {
	if b, ok := appendMillis(b, f); ok {
		return b
	}
	abs, format := math.Abs(f), byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// appendMillis appends f in its shortest form when f is a whole number of
// thousandths (the report rounds most of its figures so), and reports
// whether it was: the shortest form of the double nearest k/1000 is k/1000
// itself, its trailing zeros dropped, while k is far below 2^53 (no other
// decimal of as few digits lies as near). strconv's shortest search costs
// several times this.
func appendMillis(b []byte, f float64) ([]byte, bool) {
	if !(math.Abs(f) < 1e12) || f == 0 {
		return b, false // -0, NaN, Inf and the rest: strconv
	}
	k := math.Round(f * 1000)
	if k/1000 != f {
		return b, false
	}
	n := int64(k)
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	b = strconv.AppendInt(b, n/1000, 10)
	if frac := n % 1000; frac != 0 {
		b = append(b, '.', byte('0'+frac/100))
		if frac%100 != 0 {
			b = append(b, byte('0'+frac/10%10))
			if frac%10 != 0 {
				b = append(b, byte('0'+frac%10))
			}
		}
	}
	return b, true
}

// float writes a Float as its MarshalJSON does.
func (w *jw) float(name string, f Float) {
	w.key(name)
	w.set(f.appendJSON(*w))
}

// str writes a string as encoding/json does (HTML characters escaped).
func (w *jw) str(name, s string) {
	w.key(name)
	w.set(appendString(*w, s))
}

func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= utf8.RuneSelf || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s) // rare: the library's own escaping
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// strs writes a list of strings; null for nil.
func (w *jw) strs(name string, v []string) {
	w.key(name)
	if v == nil {
		*w = append(*w, "null"...)
		return
	}
	*w = append(*w, '[')
	for i, s := range v {
		if i > 0 {
			*w = append(*w, ',')
		}
		w.set(appendString(*w, s))
	}
	*w = append(*w, ']')
}

// appendJSON writes the split as encoding/json does.
func (s *Split) appendJSON(w *jw) {
	w.open()
	w.int("n", s.N)
	w.f64("distance_m", s.DistanceM)
	w.f64("start_s", s.StartS)
	w.f64("end_s", s.EndS)
	w.f64("duration_s", s.DurationS)
	w.f64("moving_s", s.MovingS)
	w.float("pace_s_per_km", s.PaceSPerKm)
	w.float("pace_s_per_mile", s.PaceSPerMile)
	w.bool("partial", s.Partial)
	w.float("avg_hr", s.AvgHR)
	w.float("max_hr", s.MaxHR)
	w.float("avg_cadence", s.AvgCadence)
	w.float("ascent_m", s.AscentM)
	w.float("descent_m", s.DescentM)
	w.close()
}

// appendJSON writes the point as encoding/json does.
func (p *Point) appendJSON(w *jw) {
	w.open()
	w.f64("t_s", p.T)
	w.float("speed_m_s", p.SpeedMS)
	w.float("hr", p.HeartBPM)
	w.close()
}

// appendJSON writes the rest as encoding/json does.
func (x *Rest) appendJSON(w *jw) {
	w.open()
	w.int("after_set", x.AfterSet)
	w.int("after_rep", x.AfterRep)
	w.str("kind", string(x.Kind))
	w.bool("standing", x.Standing)
	w.str("mode", string(x.Mode))
	w.f64("start_s", x.StartS)
	w.f64("end_s", x.EndS)
	w.f64("duration_s", x.DurationS)
	w.f64("distance_m", x.DistanceM)
	w.f64("avg_speed_m_s", x.AvgSpeedMS)
	w.float("planned_s", x.PlannedS)
	w.float("delta_s", x.DeltaS)
	w.close()
}

// appendJSON writes the rep as encoding/json does.
func (x *Rep) appendJSON(w *jw) {
	w.open()
	w.int("set", x.Set)
	w.int("rep", x.Rep)
	w.f64("start_s", x.StartS)
	w.f64("end_s", x.EndS)
	w.f64("duration_s", x.DurationS)
	w.f64("moving_s", x.MovingS)
	w.f64("distance_m", x.DistanceM)
	w.float("nominal_m", x.NominalM)
	w.float("pace_s_per_km", x.PaceSPerKm)
	w.f64("avg_speed_m_s", x.AvgSpeedMS)
	w.f64("max_speed_m_s", x.MaxSpeedMS)
	w.float("avg_hr", x.AvgHR)
	w.float("max_hr", x.MaxHR)
	w.float("avg_cadence", x.AvgCadence)
	w.str("source", string(x.Source))
	w.f64("confidence", x.Confidence)
	if x.Unplanned {
		w.bool("unplanned", true)
	}
	w.float("effort_start_s", x.EffortStartS)
	w.float("effort_end_s", x.EffortEndS)
	if len(x.Notes) > 0 {
		w.strs("notes", x.Notes)
	}
	if len(x.TypedNotes) > 0 {
		w.notes("typed_notes", x.TypedNotes)
	}
	w.float("target_s", x.TargetS)
	w.float("delta_s", x.DeltaS)
	w.float("delta_pct", x.DeltaPct)
	w.key("on_target")
	switch {
	case x.OnTarget == nil:
		*w = append(*w, "null"...)
	default:
		w.set(strconv.AppendBool(*w, *x.OnTarget))
	}
	if x.Band != "" {
		w.str("band", string(x.Band))
	}
	if x.ByPace {
		w.bool("by_pace", true)
	}
	if len(x.Quality) > 0 {
		w.key("quality")
		*w = append(*w, '[')
		for i, q := range x.Quality {
			if i > 0 {
				*w = append(*w, ',')
			}
			w.set(appendString(*w, string(q)))
		}
		*w = append(*w, ']')
	}
	w.close()
}

// list writes a list of n items, each by item(i); null for a nil list.
func (w *jw) list(name string, isNil bool, n int, item func(i int)) {
	w.key(name)
	if isNil {
		*w = append(*w, "null"...)
		return
	}
	*w = append(*w, '[')
	for i := range n {
		if i > 0 {
			*w = append(*w, ',')
		}
		item(i)
	}
	*w = append(*w, ']')
}

// floats writes a list of Floats.
func (w *jw) floats(name string, v []Float) {
	w.list(name, v == nil, len(v), func(i int) { w.set(v[i].appendJSON(*w)) })
}

// notes writes a list of Notes.
func (w *jw) notes(name string, v []Note) {
	w.list(name, v == nil, len(v), func(i int) {
		w.open()
		w.str("kind", v[i].Kind)
		w.str("text", v[i].Text)
		w.close()
	})
}

func (x *Span) appendJSON(w *jw) {
	w.open()
	w.f64("start_s", x.StartS)
	w.f64("end_s", x.EndS)
	w.f64("duration_s", x.DurationS)
	w.f64("distance_m", x.DistanceM)
	w.close()
}

// span writes a *Span; null for nil.
func (w *jw) span(name string, x *Span) {
	w.key(name)
	if x == nil {
		*w = append(*w, "null"...)
		return
	}
	x.appendJSON(w)
}

func (p *Pacing) appendJSON(w *jw) {
	w.open()
	w.str("kind", p.Kind)
	w.int("splits", p.Splits)
	w.f64("first_half_pace_s_per_km", p.FirstHalfS)
	w.f64("second_half_pace_s_per_km", p.SecondHalf)
	w.f64("change_pct", p.ChangePct)
	w.f64("slope_s_per_km_per_split", p.SlopeS)
	w.close()
}

func (p *Plan) appendJSON(w *jw) {
	w.open()
	w.str("spec", p.Spec)
	w.list("sets", p.Sets == nil, len(p.Sets), func(i int) {
		s := &p.Sets[i]
		w.open()
		w.int("reps", s.Reps)
		w.float("distance_m", s.DistanceM)
		w.float("duration_s", s.DurationS)
		w.str("target", s.Target)
		w.float("rest_s", s.RestS)
		w.float("rest_distance_m", s.RestDistanceM)
		w.float("set_rest_s", s.SetRestS)
		w.close()
	})
	w.strs("notes", p.Notes)
	w.notes("typed_notes", p.TypedNotes)
	w.close()
}

func (f *Fade) appendJSON(w *jw) {
	w.open()
	w.bool("on_pace", f.OnPace)
	w.list("sets", f.Sets == nil, len(f.Sets), func(i int) {
		s := &f.Sets[i]
		w.open()
		w.int("set", s.Set)
		w.int("reps", s.Reps)
		w.float("first_s", s.FirstS)
		w.float("last_s", s.LastS)
		w.float("change_s", s.ChangeS)
		w.float("change_pct", s.ChangePct)
		w.float("slope_s_per_rep", s.SlopeSPerRep)
		w.float("onset_rep", s.OnsetRep)
		w.int("on_target", s.OnTarget)
		w.float("mean_abs_delta_s", s.MeanAbsDelta)
		if s.Reason != "" {
			w.str("reason", s.Reason)
		}
		if s.Like != "" {
			w.str("like", s.Like)
		}
		w.close()
	})
	a := &f.AcrossSets
	w.key("across_sets")
	w.open()
	w.int("sets", a.Sets)
	w.float("slope_s_per_set", a.SlopeSPerSet)
	w.float("change_pct", a.ChangePct)
	if a.Reason != "" {
		w.str("reason", a.Reason)
	}
	w.close()
	w.floats("half_split_s", f.HalfSplitS)
	h := &f.HeartRate
	w.key("heart_rate")
	w.open()
	w.floats("peak_bpm", h.PeakBPM)
	w.float("peak_drift_bpm_per_rep", h.PeakDriftPerRep)
	w.floats("drop_60s_bpm", h.Drop60sBPM)
	w.float("drop_trend_bpm_per_rest", h.DropTrendPerRest)
	if h.Reason != "" {
		w.str("reason", h.Reason)
	}
	w.close()
	w.close()
}

func (r *Report) appendJSON(w *jw) {
	w.open()
	w.str("schema", r.Schema)
	if r.File != "" {
		w.str("file", r.File)
	}
	if r.Error != "" {
		w.str("error", r.Error)
	}
	w.str("format", string(r.Format))
	w.str("sport", string(r.Sport))
	w.key("start")
	if r.Start == nil {
		*w = append(*w, "null"...)
	} else {
		w.set(appendString(*w, *r.Start))
	}
	w.f64("duration_s", r.DurationS)
	w.f64("moving_s", r.MovingS)
	w.float("distance_m", r.DistanceM)
	w.str("source", string(r.Source))
	w.f64("confidence", r.Confidence)
	w.bool("guess", r.Guess)
	w.int("sets", r.Sets)
	w.str("structure", r.Structure)
	w.span("warmup", r.WarmUp)
	w.span("cooldown", r.CoolDown)
	w.list("strides", r.Strides == nil, len(r.Strides), func(i int) { r.Strides[i].appendJSON(w) })
	w.list("intervals", r.Intervals == nil, len(r.Intervals), func(i int) { r.Intervals[i].appendJSON(w) })
	w.list("rests", r.Rests == nil, len(r.Rests), func(i int) { r.Rests[i].appendJSON(w) })
	w.list("splits", r.Splits == nil, len(r.Splits), func(i int) { r.Splits[i].appendJSON(w) })
	w.f64("split_m", r.SplitM)
	w.key("pacing")
	r.Pacing.appendJSON(w)
	w.strs("notes", r.Notes)
	w.notes("typed_notes", r.TypedNotes)
	w.key("plan")
	if r.Plan == nil {
		*w = append(*w, "null"...)
	} else {
		r.Plan.appendJSON(w)
	}
	w.int("reps_with_target", r.Scored)
	w.int("reps_on_target", r.OnTarget)
	w.key("fade")
	if r.Fade == nil {
		*w = append(*w, "null"...)
	} else {
		r.Fade.appendJSON(w)
	}
	w.list("prediction", r.Prediction == nil, len(r.Prediction), func(i int) {
		p := &r.Prediction[i]
		w.open()
		w.f64("distance_m", p.DistanceM)
		w.f64("time_s", p.TimeS)
		w.str("method", p.Method)
		w.str("from", p.From)
		w.close()
	})
	w.list("goals", r.Goals == nil, len(r.Goals), func(i int) {
		g := &r.Goals[i]
		w.open()
		w.str("goal", g.Goal)
		w.f64("time_s", g.TimeS)
		w.f64("rep_m", g.RepM)
		w.f64("goal_rep_s", g.GoalRepS)
		w.f64("mean_rep_s", g.MeanRepS)
		w.f64("delta_s", g.DeltaS)
		w.f64("predicted_s", g.PredictedS)
		w.close()
	})
	if len(r.Trace) > 0 {
		w.list("trace", false, len(r.Trace), func(i int) { r.Trace[i].appendJSON(w) })
	}
	w.close()
}
