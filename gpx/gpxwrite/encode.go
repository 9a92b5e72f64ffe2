// Package gpxwrite writes activities as GPX 1.1 (through
// github.com/tkrajina/gpxgo), with the heart rate, cadence, speed and
// power a watch recorded in Garmin's extensions, and the reps as
// waypoints or tracks of their own. The gpx package, which reads GPX,
// imports no writer.
package gpxwrite

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/gpx"
	"github.com/lapkit/lapkit/internal/errs"
	gpxgo "github.com/tkrajina/gpxgo/gpx"
)

// The extension namespaces Encode writes: Garmin's TrackPointExtension v2
// (heart rate, cadence, speed), which Strava, Garmin Connect and most
// tools read, and Garmin's PowerExtension v1 (power).
const (
	NamespaceTrackPoint = "http://www.garmin.com/xmlschemas/TrackPointExtension/v2"
	NamespacePower      = "http://www.garmin.com/xmlschemas/PowerExtension/v1"
)

// ErrNoPosition is wrapped by Encode's error when samples of the activity
// have no position (a treadmill run, a watch indoors): GPX has no place for
// a point without one. Everything else is written.
var ErrNoPosition = errors.New("gpxwrite: samples without a position")

// ErrFormat is gpx.ErrFormat: a nil activity or writer.
var ErrFormat = gpx.ErrFormat

// A Mark is a waypoint: Name at the activity's position at Time
// (interpolated between samples).
type Mark struct {
	Name string
	Time time.Time
}

// A Part is a stretch of the activity, Start to End, written as a track of
// its own named Name.
type Part struct {
	Name       string
	Start, End time.Time
}

// An Option tunes Encode.
type Option func(*encoding)

type encoding struct {
	marks []Mark
	parts []Part
}

// WithMarks adds a waypoint for each mark (a rep's start and end, named
// "1.2 start" and "1.2 end"). Marks outside the activity's positions are
// left out.
func WithMarks(marks ...Mark) Option {
	return func(e *encoding) { e.marks = append(e.marks, marks...) }
}

// WithParts writes each part as a track of its own instead of one track
// for the whole activity; the samples between parts go into unnamed tracks,
// so that every sample is written. The first sample of each track also
// ends the track before (Decode merges the two back into one sample, with
// a note), so that the change of track reads as no pause.
func WithParts(parts ...Part) Option {
	return func(e *encoding) { e.parts = append(e.parts, parts...) }
}

// Encode writes a as GPX 1.1 through gpxgo: one track (or one per part,
// WithParts) with a segment per stretch between timer pauses, every sample
// with a position as a track point: time in UTC to the millisecond,
// elevation, and heart rate, cadence and speed in Garmin's
// TrackPointExtension v2 (cadence per leg for sports on foot, as GPX tools
// expect it; heart rate and cadence rounded to whole numbers, as the
// schema asks), power in Garmin's PowerExtension v1. The track's type is
// the sport, the creator the device. Decode reads it back.
//
// Samples without a position are not written: the error then wraps
// ErrNoPosition and says how many, and the rest is written. A nil
// activity or writer is ErrFormat.
func Encode(w io.Writer, a *lapkit.Activity, opts ...Option) error {
	if w == nil || a == nil {
		return errs.Wrap(ErrFormat, "gpxwrite: no activity or no output to write it to")
	}
	var e encoding
	for _, o := range opts {
		if o != nil {
			o(&e)
		}
	}
	g := &gpxgo.GPX{Version: "1.1", Creator: "lapkit", Name: a.Name}
	if d := a.Device.String(); d != "" {
		g.Creator = d
	}
	if !a.Start.IsZero() {
		t := a.Start.UTC()
		g.Time = &t
	}
	g.RegisterNamespace("gpxtpx", NamespaceTrackPoint)
	g.RegisterNamespace("gpxpx", NamespacePower)
	onFoot := a.Sport.OnFoot()
	pauses := a.Pauses
	missing := 0
	var trk *gpxgo.GPXTrack
	newTrack := func(name string) {
		g.Tracks = append(g.Tracks, gpxgo.GPXTrack{Name: name, Type: string(a.Sport)})
		trk = &g.Tracks[len(g.Tracks)-1]
		trk.Segments = append(trk.Segments, gpxgo.GPXTrackSegment{})
	}
	if len(e.parts) == 0 {
		newTrack(a.Name)
	}
	parts := sortedParts(e.parts)
	part := -1 // the part the last sample was written in; -1 for none
	p := 0     // the next pause
	for i := range a.Samples {
		s := &a.Samples[i]
		// A timer pause between this sample and the one before starts a
		// new segment.
		paused := false
		for p < len(pauses) && !pauses[p].End.After(s.Time.UTC()) {
			paused = paused || i > 0 && !pauses[p].Start.Before(a.Samples[i-1].Time.UTC())
			p++
		}
		if len(parts) > 0 {
			k := partAt(parts, s.Time.UTC())
			if k != part || trk == nil {
				name := ""
				if k >= 0 {
					name = parts[k].Name
				}
				prev := trk
				newTrack(name)
				// The first sample of this track also ends the one
				// before, so that no gap reads as a pause.
				if prev != nil && s.HasPosition() && !paused {
					seg := &prev.Segments[len(prev.Segments)-1]
					seg.Points = append(seg.Points, point(s, onFoot))
				}
				part = k
			}
		}
		if seg := &trk.Segments[len(trk.Segments)-1]; paused && len(seg.Points) > 0 {
			trk.Segments = append(trk.Segments, gpxgo.GPXTrackSegment{})
		}
		if !s.HasPosition() {
			missing++
			continue
		}
		seg := &trk.Segments[len(trk.Segments)-1]
		seg.Points = append(seg.Points, point(s, onFoot))
	}
	for _, m := range e.marks {
		if pt, ok := markPoint(a, m); ok {
			g.Waypoints = append(g.Waypoints, pt)
		}
	}
	b, err := g.ToXml(gpxgo.ToXmlParams{Version: "1.1", Indent: true})
	if err != nil {
		return fmt.Errorf("gpxwrite: %w", err)
	}
	if _, err := w.Write(b); err != nil {
		return err
	}
	if missing > 0 {
		return errs.Wrap(ErrNoPosition, "gpxwrite: %d of %d samples have no position and are not in the GPX", missing, len(a.Samples))
	}
	return nil
}

// point is the track point of a sample.
func point(s *lapkit.Sample, onFoot bool) gpxgo.GPXPoint {
	pt := gpxgo.GPXPoint{Point: gpxgo.Point{Latitude: s.Lat, Longitude: s.Lon}, Timestamp: s.Time.UTC().Round(time.Millisecond)}
	if !math.IsNaN(s.Altitude) {
		pt.Elevation = *gpxgo.NewNullableFloat64(math.Round(s.Altitude*100) / 100)
	}
	tpx := gpxgo.ExtensionNode{XMLName: xml.Name{Space: NamespaceTrackPoint, Local: "TrackPointExtension"}}
	add := func(local string, v float64) {
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			return
		}
		tpx.Nodes = append(tpx.Nodes, gpxgo.ExtensionNode{
			XMLName: xml.Name{Space: NamespaceTrackPoint, Local: local},
			Data:    strconv.FormatFloat(v, 'f', -1, 64),
		})
	}
	// The schema's order: hr, cad, speed; hr and cad are whole numbers.
	add("hr", math.Round(s.HeartRate))
	cad := s.Cadence
	if onFoot {
		cad /= 2
	}
	add("cad", math.Round(cad))
	add("speed", s.Speed)
	if len(tpx.Nodes) > 0 {
		pt.Extensions.Nodes = append(pt.Extensions.Nodes, tpx)
	}
	if v := s.Power; !math.IsNaN(v) && v >= 0 {
		pt.Extensions.Nodes = append(pt.Extensions.Nodes, gpxgo.ExtensionNode{
			XMLName: xml.Name{Space: NamespacePower, Local: "PowerInWatts"},
			Data:    strconv.Itoa(int(math.Round(v))),
		})
	}
	return pt
}

// sortedParts returns the parts with an end after their start, by start.
func sortedParts(parts []Part) []Part {
	var out []Part
	for _, p := range parts {
		if p.End.After(p.Start) {
			out = append(out, p)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	return out
}

// partAt is the index of the part that holds t (from its start, up to but
// not including its end), or -1.
func partAt(parts []Part, t time.Time) int {
	for k, p := range parts {
		if !t.Before(p.Start) && t.Before(p.End) {
			return k
		}
	}
	return -1
}

// markPoint is the waypoint of m: the position at its time, between the
// samples with a position around it.
func markPoint(a *lapkit.Activity, m Mark) (gpxgo.GPXPoint, bool) {
	s := a.Samples
	at := lapkit.At(m.Time)
	j := sort.Search(len(s), func(i int) bool { return s[i].Time >= at })
	lo, hi := j-1, j
	for lo >= 0 && !s[lo].HasPosition() {
		lo--
	}
	for hi < len(s) && !s[hi].HasPosition() {
		hi++
	}
	var lat, lon, ele float64
	switch {
	case hi < len(s) && s[hi].Time == at:
		lat, lon, ele = s[hi].Lat, s[hi].Lon, s[hi].Altitude
	case lo >= 0 && hi < len(s):
		f := float64(m.Time.Sub(s[lo].Time.UTC())) / float64(s[hi].Time.Sub(s[lo].Time))
		lat = s[lo].Lat + f*(s[hi].Lat-s[lo].Lat)
		lon = s[lo].Lon + f*(s[hi].Lon-s[lo].Lon)
		ele = s[lo].Altitude + f*(s[hi].Altitude-s[lo].Altitude)
	default:
		return gpxgo.GPXPoint{}, false
	}
	pt := gpxgo.GPXPoint{Point: gpxgo.Point{Latitude: lat, Longitude: lon}, Timestamp: m.Time.UTC().Round(time.Millisecond), Name: m.Name}
	if !math.IsNaN(ele) {
		pt.Elevation = *gpxgo.NewNullableFloat64(math.Round(ele*100) / 100)
	}
	return pt, true
}
