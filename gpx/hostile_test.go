package gpx_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/lapkit/lapkit/gpx"
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
