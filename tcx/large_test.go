package tcx_test

import (
	"fmt"
	"io"
	"runtime"
	"testing"
	"time"

	"github.com/lapkit/lapkit/internal/testkit/heapmeter"
	"github.com/lapkit/lapkit/internal/testkit/realdata"
	"github.com/lapkit/lapkit/tcx"
)

// trackpoints is a TCX document generated as it is read, never held
// whole: laps of 1000 Garmin Connect-style trackpoints (position,
// altitude, distance, heart rate, speed and cadence; about 400 bytes
// each) a second apart, until size bytes.
type trackpoints struct {
	size, n int64 // bytes wanted, bytes produced
	i       int   // trackpoints written
	buf     []byte
	done    bool
}

func (p *trackpoints) Read(b []byte) (int, error) {
	for len(p.buf) == 0 {
		t0 := time.Date(2024, 5, 1, 6, 0, 0, 0, time.UTC)
		switch {
		case p.done:
			return 0, io.EOF
		case p.i == 0 && p.n == 0:
			p.buf = fmt.Appendf(p.buf, `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">
<Activities><Activity Sport="Running"><Id>%s</Id>
<Lap StartTime="%[1]s"><TotalTimeSeconds>1000</TotalTimeSeconds><DistanceMeters>3330</DistanceMeters><Intensity>Active</Intensity><TriggerMethod>Manual</TriggerMethod><Track>
`, t0.Format(time.RFC3339))
		case p.n >= p.size:
			p.buf = append(p.buf, "</Track></Lap></Activity></Activities></TrainingCenterDatabase>\n"...)
			p.done = true
		default:
			t := t0.Add(time.Duration(p.i) * time.Second)
			if p.i > 0 && p.i%1000 == 0 {
				p.buf = fmt.Appendf(p.buf, `</Track></Lap>
<Lap StartTime="%s"><TotalTimeSeconds>1000</TotalTimeSeconds><DistanceMeters>3330</DistanceMeters><Intensity>Active</Intensity><TriggerMethod>Manual</TriggerMethod><Track>
`, t.Format(time.RFC3339))
			}
			p.buf = fmt.Appendf(p.buf, `<Trackpoint><Time>%s</Time><Position><LatitudeDegrees>%.8f</LatitudeDegrees><LongitudeDegrees>10.70000000</LongitudeDegrees></Position><AltitudeMeters>%.1f</AltitudeMeters><DistanceMeters>%.2f</DistanceMeters><HeartRateBpm><Value>%d</Value></HeartRateBpm><Extensions><ns3:TPX><ns3:Speed>3.330</ns3:Speed><ns3:RunCadence>%d</ns3:RunCadence></ns3:TPX></Extensions></Trackpoint>
`, t.Format(time.RFC3339), 59.9+float64(p.i)*3e-5, 100+float64(p.i%100), 3.33*float64(p.i), 120+p.i%60, 85+p.i%5)
			p.i++
		}
	}
	k := copy(b, p.buf)
	p.buf = p.buf[:copy(p.buf, p.buf[k:])]
	p.n += int64(k)
	return k, nil
}

// TestLargeFileStreams decodes a generated 100 MB TCX (10 MB under -short,
// 4 MB under -race) from a reader that writes it as it is read, and holds
// the decoder's peak heap under 2x the file: it keeps the samples and the
// laps, not the document.
func TestLargeFileStreams(t *testing.T) {
	size := int64(100 << 20)
	switch {
	case realdata.Race:
		size = 4 << 20
	case testing.Short():
		size = 10 << 20
	}
	p := &trackpoints{size: size}
	var (
		d   = tcx.Decoder{MaxPoints: 1 << 30}
		err error
		n   int
	)
	peak := heapmeter.Peak(func() {
		a, e := d.Decode(p)
		err = e
		if a != nil {
			n = len(a.Samples)
		}
		runtime.KeepAlive(a)
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != p.i {
		t.Fatalf("%d samples of %d trackpoints", n, p.i)
	}
	ratio := float64(peak) / float64(p.n)
	t.Logf("%.1f MB of TCX, %d trackpoints: peak heap %.1f MB = %.2fx the file", float64(p.n)/1e6, p.i, float64(peak)/1e6, ratio)
	if ratio >= 2 {
		t.Errorf("peak heap %.0f MB is %.2fx the %.0f MB file, want < 2x", float64(peak)/1e6, ratio, float64(p.n)/1e6)
	}
}
