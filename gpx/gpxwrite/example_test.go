package gpxwrite_test

import (
	"bytes"
	"fmt"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/gpx"
	"github.com/lapkit/lapkit/gpx/gpxwrite"
)

func ExampleEncode() {
	start := time.Date(2026, 12, 6, 7, 0, 0, 0, time.UTC)
	a := &lapkit.Activity{Sport: lapkit.SportRunning, Start: start}
	for i := range 3 {
		s := lapkit.NewSample(lapkit.At(start.Add(time.Duration(i) * 500 * time.Millisecond)))
		s.Lat, s.Lon = 59.9489+float64(i)*0.00002, 10.7346
		s.Distance, s.HeartRate = float64(i)*2.2, 150+float64(i)
		a.Samples = append(a.Samples, s)
	}
	var buf bytes.Buffer
	err := gpxwrite.Encode(&buf, a, gpxwrite.WithMarks(gpxwrite.Mark{Name: "start", Time: start}))
	if err != nil {
		fmt.Println(err)
		return
	}
	back, err := gpx.Decode(&buf)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(back.Sport, len(back.Samples), "points", back.Duration(), "HR", back.Samples[2].HeartRate)
	// Output:
	// running 3 points 1s HR 152
}
