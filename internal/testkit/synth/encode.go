package synth

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"math"
	"math/rand"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/fitcanon"
	"github.com/lapkit/lapkit/internal/geo"
	fitsdk "github.com/tormoder/fit"
)

// LapMode selects the laps a FIT or TCX rendering carries.
type LapMode int

// Lap modes.
const (
	LapsNone        LapMode = iota // a single session-end lap
	LapsWorkout                    // one lap per part, with intensity and workout step index
	LapsManual                     // one lap per part, button pressed up to 1.5 s early or late
	LapsAuto1km                    // distance-triggered laps every 1 km
	LapsStepOnly                   // one lap per part with its workout step index, no intensity (some Garmin firmware)
	LapsBare                       // one lap per part with no trigger, intensity or step (COROS structured workouts)
	LapsAutoInSteps                // workout-step laps, each part over 1 km split by 1 km auto laps that keep its step and intensity
)

// A LapMark is a lap boundary pair as rendered.
type LapMark struct {
	Start, End time.Time
	Trigger    lapkit.LapTrigger
	Intensity  lapkit.Intensity
	Step       int
}

// Laps returns the laps a rendering in mode m carries.
func (s *Session) Laps(m LapMode) []LapMark {
	marks := s.Truth()
	end := marks[len(marks)-1].End
	switch m {
	case LapsStepOnly, LapsBare:
		laps := s.Laps(LapsWorkout)
		for i := range laps {
			laps[i].Intensity = lapkit.IntensityUnknown
			if m == LapsBare {
				laps[i].Trigger, laps[i].Step = lapkit.LapTriggerUnknown, -1
			}
		}
		return laps
	case LapsAutoInSteps:
		var laps []LapMark
		for _, l := range s.Laps(LapsWorkout) {
			k0, k1 := trueDist(marks, l.Start), trueDist(marks, l.End)
			for k := 1.0; ; k++ {
				if k0+k*1000 >= k1-1 {
					laps = append(laps, l)
					break
				}
				t := s.timeAt(marks, k0+k*1000)
				auto := l
				auto.End, auto.Trigger = t, lapkit.LapTriggerDistance
				laps = append(laps, auto)
				l.Start = t
			}
		}
		return laps
	case LapsWorkout, LapsManual:
		rng := rand.New(rand.NewSource(s.Seed + 1))
		var laps []LapMark
		prev := s.Start
		for i, mk := range marks {
			e := mk.End
			trig := lapkit.LapTriggerTime
			if mk.Duration == 0 {
				trig = lapkit.LapTriggerDistance
			}
			if m == LapsManual {
				trig = lapkit.LapTriggerManual
				if i < len(marks)-1 {
					e = e.Add(time.Duration((rng.Float64()*3 - 1.5) * float64(time.Second)))
				}
			}
			if i == len(marks)-1 {
				trig = lapkit.LapTriggerSessionEnd
			}
			l := LapMark{Start: prev, End: e, Trigger: trig, Intensity: mk.Kind, Step: mk.Step}
			if m == LapsManual {
				l.Intensity, l.Step = lapkit.IntensityUnknown, -1
			}
			laps = append(laps, l)
			prev = e
		}
		return withoutDips(marks, laps)
	case LapsAuto1km:
		var laps []LapMark
		prev := s.Start
		total := marks[len(marks)-1].EndDist
		for k := 1.0; k*1000 < total; k++ {
			t := s.timeAt(marks, k*1000)
			laps = append(laps, LapMark{Start: prev, End: t, Trigger: lapkit.LapTriggerDistance, Step: -1})
			prev = t
		}
		return append(laps, LapMark{Start: prev, End: end, Trigger: lapkit.LapTriggerSessionEnd, Step: -1})
	}
	return []LapMark{{Start: s.Start, End: end, Trigger: lapkit.LapTriggerSessionEnd, Step: -1}}
}

// trueDist returns the true distance at time t.
func trueDist(marks []Mark, t time.Time) float64 {
	for _, m := range marks {
		if !t.After(m.End) {
			if !t.After(m.Start) || !m.End.After(m.Start) {
				return m.StartDist
			}
			f := float64(t.Sub(m.Start)) / float64(m.End.Sub(m.Start))
			return m.StartDist + f*(m.EndDist-m.StartDist)
		}
	}
	return marks[len(marks)-1].EndDist
}

// withoutDips joins the laps before and after each part labelled
// "rep-dip" (a brief slowdown inside a rep) with it: no watch closes a lap
// there.
func withoutDips(marks []Mark, laps []LapMark) []LapMark {
	var out []LapMark
	for i, l := range laps {
		if i > 0 && (marks[i].Label == "rep-dip" || marks[i-1].Label == "rep-dip") {
			out[len(out)-1].End, out[len(out)-1].Trigger = l.End, l.Trigger
			continue
		}
		out = append(out, l)
	}
	return out
}

// timeAt returns when the true distance reaches d.
func (s *Session) timeAt(marks []Mark, d float64) time.Time {
	var mt time.Duration
	for _, m := range marks {
		dur := m.length()
		if m.Speed > 0 && d <= m.EndDist {
			return s.at(mt + seconds((d-m.StartDist)/m.Speed))
		}
		mt += dur
	}
	return marks[len(marks)-1].End
}

// distAt interpolates the rendered points' true distance at t.
func distAt(pts []Point, t time.Time) float64 {
	for i := 1; i < len(pts); i++ {
		if !pts[i].Time.Before(t) {
			p, q := pts[i-1], pts[i]
			f := float64(t.Sub(p.Time)) / float64(q.Time.Sub(p.Time))
			return p.Distance + f*(q.Distance-p.Distance)
		}
	}
	return pts[len(pts)-1].Distance
}

var fitIntensity = map[lapkit.Intensity]fitsdk.Intensity{
	lapkit.IntensityActive: fitsdk.IntensityActive, lapkit.IntensityRest: fitsdk.IntensityRest,
	lapkit.IntensityWarmup: fitsdk.IntensityWarmup, lapkit.IntensityCooldown: fitsdk.IntensityCooldown,
	lapkit.IntensityRecovery: fitsdk.IntensityRecovery, lapkit.IntensityUnknown: fitsdk.IntensityInvalid,
}

var fitTrigger = map[lapkit.LapTrigger]fitsdk.LapTrigger{
	lapkit.LapTriggerUnknown: fitsdk.LapTriggerInvalid,
	lapkit.LapTriggerManual:  fitsdk.LapTriggerManual, lapkit.LapTriggerTime: fitsdk.LapTriggerTime,
	lapkit.LapTriggerDistance: fitsdk.LapTriggerDistance, lapkit.LapTriggerSessionEnd: fitsdk.LapTriggerSessionEnd,
}

// FIT renders the session as a FIT activity file with laps of mode m.
func (s *Session) FIT(m LapMode) ([]byte, error) {
	pts := s.Points()
	h := fitsdk.NewHeader(fitsdk.V20, true)
	f, err := fitsdk.NewFile(fitsdk.FileTypeActivity, h)
	if err != nil {
		return nil, err
	}
	f.FileId.Manufacturer = fitsdk.ManufacturerDevelopment
	f.FileId.Product = 1
	f.FileId.SerialNumber = 42
	f.FileId.TimeCreated = s.Start
	act, _ := f.Activity()
	end := pts[len(pts)-1].Time

	ev := func(t time.Time, typ fitsdk.EventType) {
		e := fitsdk.NewEventMsg()
		e.Timestamp, e.Event, e.EventType, e.EventGroup = t, fitsdk.EventTimer, typ, 0
		act.Events = append(act.Events, e)
	}
	ev(s.Start, fitsdk.EventTypeStart)
	for _, p := range s.Pauses {
		t := s.at(p.At)
		ev(t, fitsdk.EventTypeStopAll)
		ev(t.Add(p.Duration), fitsdk.EventTypeStart)
	}
	for i, p := range pts {
		r := fitsdk.NewRecordMsg()
		r.Timestamp = p.Time
		lat, lon := p.NLat, p.NLon
		r.PositionLat = fitsdk.NewLatitudeDegrees(lat)
		r.PositionLong = fitsdk.NewLongitudeDegrees(lon)
		r.Distance = uint32(math.Round(p.Distance * 100))
		if raw, ok := s.RawDistance[i]; ok {
			r.Distance = raw
		}
		r.EnhancedSpeed = uint32(math.Round(p.Speed * 1000))
		r.EnhancedAltitude = uint32(math.Round((p.Altitude + 500) * 5))
		r.HeartRate = uint8(p.HeartRate)
		r.Cadence = uint8(p.Cadence / 2)
		r.FractionalCadence = uint8(math.Round((p.Cadence/2 - math.Floor(p.Cadence/2)) * 128))
		act.Records = append(act.Records, r)
	}
	laps := s.Laps(m)
	for _, l := range laps {
		lm := fitsdk.NewLapMsg()
		lm.StartTime, lm.Timestamp = l.Start, l.End
		lm.Event, lm.EventType = fitsdk.EventLap, fitsdk.EventTypeStop
		el := l.End.Sub(l.Start)
		lm.TotalElapsedTime = uint32(el.Milliseconds())
		lm.TotalTimerTime = uint32((el - s.pausedBetween(l.Start, l.End)).Milliseconds())
		lm.TotalDistance = uint32(math.Round((distAt(pts, l.End) - distAt(pts, l.Start)) * 100))
		lm.LapTrigger = fitTrigger[l.Trigger]
		lm.Intensity = fitIntensity[l.Intensity]
		if l.Step >= 0 {
			lm.WktStepIndex = fitsdk.MessageIndex(l.Step)
		}
		lm.Sport = fitsdk.SportRunning
		act.Laps = append(act.Laps, lm)
	}
	ev(end, fitsdk.EventTypeStopAll)
	ss := fitsdk.NewSessionMsg()
	ss.StartTime, ss.Timestamp = s.Start, end
	ss.Sport, ss.SubSport = fitsdk.SportRunning, fitsdk.SubSportTrack
	ss.Event, ss.EventType = fitsdk.EventSession, fitsdk.EventTypeStop
	el := end.Sub(s.Start)
	ss.TotalElapsedTime = uint32(el.Milliseconds())
	ss.TotalTimerTime = uint32((el - s.pausedBetween(s.Start, end)).Milliseconds())
	ss.TotalDistance = uint32(math.Round(pts[len(pts)-1].Distance * 100))
	ss.FirstLapIndex, ss.NumLaps = 0, uint16(len(laps))
	act.Sessions = append(act.Sessions, ss)
	am := fitsdk.NewActivityMsg()
	am.Timestamp, am.NumSessions, am.TotalTimerTime = end, 1, ss.TotalTimerTime
	am.Type, am.Event, am.EventType = fitsdk.ActivityModeManual, fitsdk.EventActivity, fitsdk.EventTypeStop
	act.Activity = am

	var buf bytes.Buffer
	if err := fitsdk.Encode(&buf, f, binary.LittleEndian); err != nil {
		return nil, err
	}
	return fitcanon.Canonical(buf.Bytes())
}

func (s *Session) pausedBetween(t0, t1 time.Time) time.Duration {
	var d time.Duration
	for _, p := range s.Pauses {
		ps := s.at(p.At)
		pe := ps.Add(p.Duration)
		if ps.Before(t0) {
			ps = t0
		}
		if pe.After(t1) {
			pe = t1
		}
		if pe.After(ps) {
			d += pe.Sub(ps)
		}
	}
	return d
}

const timeLayout = "2006-01-02T15:04:05.000Z07:00"

// GPX renders the session as a GPX 1.1 track with Garmin TrackPointExtension
// heart rate and cadence (per leg, as Garmin writes it), noisy positions, no
// laps, and a new segment after each pause. Times carry milliseconds and,
// when zone is not UTC, that zone's offset.
func (s *Session) GPX(zone *time.Location) []byte {
	if zone == nil {
		zone = time.UTC
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<gpx version="1.1" creator="lapkit synth" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">` + "\n")
	fmt.Fprintf(&b, "<trk><name>%s</name><type>running</type><trkseg>\n", s.Name)
	pts := s.Points()
	for i, p := range pts {
		if i > 0 && s.pausedBetween(pts[i-1].Time, p.Time) > 0 {
			b.WriteString("</trkseg><trkseg>\n")
		}
		lat := p.NLat + s.North[i]/(math.Pi*geo.EarthRadius/180)
		fmt.Fprintf(&b, `<trkpt lat="%.8f" lon="%.8f"><ele>%.2f</ele><time>%s</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>%.0f</gpxtpx:hr><gpxtpx:cad>%.0f</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions></trkpt>`+"\n",
			lat, p.NLon, p.Altitude, p.Time.In(zone).Format(timeLayout), p.HeartRate, math.Floor(p.Cadence/2))
	}
	b.WriteString("</trkseg></trk>\n</gpx>\n")
	return b.Bytes()
}

// TCX renders the session as a Garmin TCX activity with laps of mode m
// (LapsNone gives one lap) and device distance on every trackpoint.
func (s *Session) TCX(m LapMode) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">` + "\n")
	fmt.Fprintf(&b, "<Activities><Activity Sport=\"Running\"><Id>%s</Id>\n", s.Start.Format(timeLayout))
	pts := s.Points()
	k := 0
	for _, l := range s.Laps(m) {
		intensity := "Active"
		if l.Intensity == lapkit.IntensityRest || l.Intensity == lapkit.IntensityRecovery {
			intensity = "Resting"
		}
		trig := map[lapkit.LapTrigger]string{lapkit.LapTriggerDistance: "Distance", lapkit.LapTriggerTime: "Time"}[l.Trigger]
		if trig == "" {
			trig = "Manual"
		}
		timer := l.End.Sub(l.Start) - s.pausedBetween(l.Start, l.End)
		fmt.Fprintf(&b, "<Lap StartTime=%q><TotalTimeSeconds>%.3f</TotalTimeSeconds><DistanceMeters>%.2f</DistanceMeters><Intensity>%s</Intensity><TriggerMethod>%s</TriggerMethod><Track>\n",
			l.Start.Format(timeLayout), timer.Seconds(), distAt(pts, l.End)-distAt(pts, l.Start), intensity, trig)
		for ; k < len(pts) && (pts[k].Time.Before(l.End) || l.Trigger == lapkit.LapTriggerSessionEnd); k++ {
			p := pts[k]
			if k > 0 && s.pausedBetween(pts[k-1].Time, p.Time) > 0 && !pts[k-1].Time.Before(l.Start) {
				b.WriteString("</Track><Track>\n")
			}
			fmt.Fprintf(&b, "<Trackpoint><Time>%s</Time><Position><LatitudeDegrees>%.8f</LatitudeDegrees><LongitudeDegrees>%.8f</LongitudeDegrees></Position><AltitudeMeters>%.2f</AltitudeMeters><DistanceMeters>%.3f</DistanceMeters><HeartRateBpm><Value>%.0f</Value></HeartRateBpm><Extensions><ns3:TPX><ns3:Speed>%.3f</ns3:Speed><ns3:RunCadence>%.0f</ns3:RunCadence></ns3:TPX></Extensions></Trackpoint>\n",
				p.Time.Format(timeLayout), p.NLat, p.NLon, p.Altitude, p.Distance, p.HeartRate, p.Speed, math.Floor(p.Cadence/2))
		}
		b.WriteString("</Track></Lap>\n")
	}
	b.WriteString("</Activity></Activities></TrainingCenterDatabase>\n")
	return b.Bytes()
}

// ActivityGPX renders any activity as a GPX track with positions, times,
// altitude and heart rate only (no laps, no device distance), one segment
// per stretch between pauses: what a phone app would have recorded.
// Samples without a position are left out.
func ActivityGPX(a *lapkit.Activity) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<gpx version="1.1" creator="lapkit synth" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">` + "\n")
	fmt.Fprintf(&b, "<trk><type>%s</type><trkseg>\n", a.Sport)
	p := 0
	for i, s := range a.Samples {
		if !s.HasPosition() {
			continue
		}
		for p < len(a.Pauses) && !a.Pauses[p].End.After(s.Time.UTC()) {
			if i > 0 && a.Pauses[p].Start.After(a.Samples[0].Time.UTC()) {
				b.WriteString("</trkseg><trkseg>\n")
			}
			p++
		}
		fmt.Fprintf(&b, `<trkpt lat="%.8f" lon="%.8f">`, s.Lat, s.Lon)
		if !math.IsNaN(s.Altitude) {
			fmt.Fprintf(&b, "<ele>%.2f</ele>", s.Altitude)
		}
		fmt.Fprintf(&b, "<time>%s</time>", s.Time.UTC().Format(timeLayout))
		if !math.IsNaN(s.HeartRate) {
			fmt.Fprintf(&b, "<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>%.0f</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions>", s.HeartRate)
		}
		b.WriteString("</trkpt>\n")
	}
	b.WriteString("</trkseg></trk>\n</gpx>\n")
	return b.Bytes()
}
