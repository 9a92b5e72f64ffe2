package gpx_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/gpx"
	"github.com/lapkit/lapkit/internal/testkit/heapmeter"
	"github.com/lapkit/lapkit/internal/testkit/realdata"
)

// TestHostile feeds inputs built to exhaust a parser: each must end in a
// bounded error, quickly.
func TestHostile(t *testing.T) {
	laughs := `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<gpx version="1.1"><trk><name>&lol3;</name><trkseg><trkpt lat="1" lon="2"><time>2024-01-01T00:00:00Z</time></trkpt></trkseg></trk></gpx>`
	external := `<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<gpx version="1.1"><trk><name>&x;</name><trkseg><trkpt lat="1" lon="2"><time>2024-01-01T00:00:00Z</time></trkpt></trkseg></trk></gpx>`
	deep := `<gpx version="1.1"><trk><trkseg><trkpt lat="1" lon="2"><time>2024-01-01T00:00:00Z</time><extensions>` +
		strings.Repeat("<a>", 200000) + strings.Repeat("</a>", 200000) + `</extensions></trkpt></trkseg></trk></gpx>`
	for name, in := range map[string]string{"billion laughs": laughs, "external entity": external, "200000 levels deep": deep} {
		_, err := gpx.Decode(strings.NewReader(in))
		if !errors.Is(err, gpx.ErrFormat) {
			t.Errorf("%s: err = %v, want ErrFormat", name, err)
		}
	}
	// A huge file is cut at MaxBytes without being read whole.
	var b bytes.Buffer
	b.WriteString(`<gpx version="1.1"><trk><trkseg>`)
	pt := `<trkpt lat="59.9" lon="10.7"><time>2024-05-01T10:00:00Z</time></trkpt>`
	for b.Len() < 4<<20 {
		b.WriteString(pt)
	}
	d := gpx.Decoder{MaxBytes: 1 << 20}
	if _, err := d.Decode(&b); !errors.Is(err, gpx.ErrTooLarge) {
		t.Errorf("4 MiB with a 1 MiB limit: %v", err)
	}
}

// points is a GPX document generated as it is read, never held whole: n
// Garmin-style track points (position, elevation, time, heart rate,
// cadence; about 250 bytes each) a second apart on a straight line.
type points struct {
	n, i int
	buf  []byte
	done bool
	size int64 // bytes produced
}

func (p *points) Read(b []byte) (int, error) {
	for len(p.buf) == 0 {
		switch {
		case p.done:
			return 0, io.EOF
		case p.i == 0 && p.size == 0:
			p.buf = append(p.buf, `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="lapkit test" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
<trk><name>big</name><type>running</type><trkseg>
`...)
		case p.i == p.n:
			p.buf = append(p.buf, "</trkseg></trk></gpx>\n"...)
			p.done = true
		default:
			t := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(p.i) * time.Second)
			p.buf = fmt.Appendf(p.buf, `<trkpt lat="%.7f" lon="10.7000000"><ele>%.1f</ele><time>%s</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>%d</gpxtpx:hr><gpxtpx:cad>%d</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions></trkpt>
`, 59.9+float64(p.i)*3e-5, 100+float64(p.i%100), t.Format(time.RFC3339), 120+p.i%60, 85+p.i%5)
			p.i++
		}
	}
	n := copy(b, p.buf)
	p.buf = p.buf[:copy(p.buf, p.buf[n:])]
	p.size += int64(n)
	return n, nil
}

// TestLargeFileStreams decodes a 200 MB GPX (about 830,000 points) from a
// reader that generates it, and checks the decoder's peak heap stays under
// 3x the file size: it keeps the samples, not the document. -short reads
// 20 MB, -race 8 MB.
func TestLargeFileStreams(t *testing.T) {
	n := 830_000
	switch {
	case realdata.Race:
		n /= 25
	case testing.Short():
		n /= 10
	}
	p := &points{n: n}
	var a *lapkit.Activity
	var err error
	peak := heapmeter.Peak(func() { a, err = gpx.Decode(p) })
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Samples) != n || a.Duration() != time.Duration(n-1)*time.Second {
		t.Fatalf("%d samples over %v, want %d", len(a.Samples), a.Duration(), n)
	}
	if want := 3.33 * float64(n-1); math.Abs(a.Distance()-want) > want*0.01 {
		t.Errorf("distance %.0f m, want %.0f (3e-5 degrees of latitude a second)", a.Distance(), want)
	}
	ratio := float64(peak) / float64(p.size)
	t.Logf("%.1f MB of GPX, %d points: peak heap %.1f MB = %.2fx the file", float64(p.size)/1e6, n, float64(peak)/1e6, ratio)
	if ratio >= 3 {
		t.Errorf("peak heap %.0f MB is %.2fx the %.0f MB file, want < 3x", float64(peak)/1e6, ratio, float64(p.size)/1e6)
	}
	runtime.KeepAlive(a)
}

// TestTenMillionPoints: a GPX of 10 million points stops at MaxPoints with
// ErrTooLarge, having read no further than the limit. The default limit
// (2 million) is used unless -short, where 200,000 keeps the test quick,
// or -race, where 20,000 does.
func TestTenMillionPoints(t *testing.T) {
	d := gpx.Decoder{MaxBytes: 4 << 30}
	limit := gpx.DefaultMaxPoints
	switch {
	case realdata.Race:
		limit = 20_000
	case testing.Short():
		limit = 200_000
	}
	if limit != gpx.DefaultMaxPoints {
		d.MaxPoints = limit
	}
	p := &points{n: 10_000_000}
	var err error
	peak := heapmeter.Peak(func() { _, err = d.Decode(p) })
	if !errors.Is(err, gpx.ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	if p.i > limit+1000 {
		t.Errorf("read %d points, limit %d", p.i, limit)
	}
	// The samples up to the limit (88 bytes each) and their slice growth,
	// and 4 MB for the rest of the test binary's heap.
	if bound := uint64(limit)*88*3 + 4<<20; peak > bound {
		t.Errorf("peak heap %.0f MB over %.0f MB", float64(peak)/1e6, float64(bound)/1e6)
	}
	t.Logf("%v after %d points (%.0f MB read), peak heap %.0f MB", err, p.i, float64(p.size)/1e6, float64(peak)/1e6)
}
