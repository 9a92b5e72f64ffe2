package chart_test

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/examples/internal/chart"
	"github.com/lapkit/lapkit/open"
	"github.com/lapkit/lapkit/plan"
	"github.com/lapkit/lapkit/report"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

func analysed(t *testing.T) (*lapkit.Activity, *report.Report) {
	a, err := open.File("../../../testdata/speed_endurance_manual.fit")
	if err != nil {
		t.Fatal(err)
	}
	pl, _ := plan.Parse("3x(4x400m@65s r60s) r3min")
	return a, report.New(a, report.Options{Plan: pl})
}

// inked returns the share of pixels that are not white.
func inked(img image.Image) float64 {
	b := img.Bounds()
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r < 0xf000 || g < 0xf000 || bl < 0xf000 {
				n++
			}
		}
	}
	return float64(n) / float64(b.Dx()*b.Dy())
}

// TestCharts renders each chart of the bundled 3x4x400 session and checks
// the image has the size asked and is drawn on.
func TestCharts(t *testing.T) {
	a, r := analysed(t)
	for name, p := range map[string]*plot.Plot{
		"reps": chart.Reps(r), "pace": chart.Pace(a, r), "heart rate": chart.HeartRate(a, r), "splits": chart.Splits(r),
	} {
		var buf bytes.Buffer
		if err := chart.Write(&buf, "png", 6*vg.Inch, 3*vg.Inch, p); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		img, err := png.Decode(&buf)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if b := img.Bounds(); b.Dx() != 6*96 || b.Dy() != 3*96 {
			t.Errorf("%s: %dx%d, want 576x288", name, b.Dx(), b.Dy())
		}
		if f := inked(img); f < 0.02 || f > 0.8 {
			t.Errorf("%s: %.1f%% of the pixels drawn", name, 100*f)
		}
	}
	var svg bytes.Buffer
	if err := chart.Write(&svg, "svg", 6*vg.Inch, 3*vg.Inch, chart.Reps(r), chart.Splits(r)); err != nil || !strings.Contains(svg.String(), "<svg") {
		t.Errorf("svg: %v", err)
	}
	if err := chart.Write(&svg, "gif", vg.Inch, vg.Inch, chart.Reps(r)); err != chart.ErrFormat {
		t.Errorf("gif: %v", err)
	}
}
