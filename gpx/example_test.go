package gpx_test

import (
	"fmt"
	"strings"

	"github.com/lapkit/lapkit/gpx"
)

func ExampleDecode() {
	const track = `<gpx version="1.1" creator="phone" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
<trk><type>running</type><trkseg>
<trkpt lat="59.9489" lon="10.7346"><time>2026-05-05T19:30:00.500+02:00</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>140</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>
<trkpt lat="59.9498" lon="10.7346"><time>2026-05-05T19:30:25.250+02:00</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>152</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>
</trkseg></trk></gpx>`
	a, err := gpx.Decode(strings.NewReader(track))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.Start, a.Duration())
	fmt.Printf("%.1f m from positions, HR %v then %v\n", a.Distance(), a.Samples[0].HeartRate, a.Samples[1].HeartRate)
	// Output:
	// 2026-05-05 17:30:00.5 +0000 UTC 24.75s
	// 100.1 m from positions, HR 140 then 152
}
