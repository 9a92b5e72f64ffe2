package chart_test

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/open"
	"github.com/lapkit/lapkit/plan"
	"github.com/lapkit/lapkit/report"
	"github.com/lapkit/lapkit/report/chart"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

func analysed(t *testing.T) (*lapkit.Activity, *report.Report) {
	t.Helper()
	a, err := open.File("../../testdata/speed_endurance_manual.fit")
	if err != nil {
		t.Fatal(err)
	}
	pl, _ := plan.Parse("3x(4x400m@65s r60s) r3min")
	return a, report.New(a, report.Options{Options: analysis.Options{Plan: pl}, Trace: true})
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
	_, r := analysed(t)
	for name, p := range map[string]*plot.Plot{
		"reps": chart.Reps(r), "pace": chart.Pace(r), "heart rate": chart.HeartRate(r), "splits": chart.Splits(r),
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

// TestPanels: what each panel draws, and when it is left out.
func TestPanels(t *testing.T) {
	_, r := analysed(t)
	r.File = "runs/tuesday.fit"
	p := chart.Reps(r)
	if p == nil || p.Title.Text != "Reps against their targets, tuesday.fit, 2026-05-05" {
		t.Fatalf("reps panel %v", p)
	}
	var labels []string
	for _, tk := range p.X.Tick.Marker.Ticks(0, 20) {
		labels = append(labels, tk.Label)
	}
	if strings.Join(labels, " ") != "1.1 1.2 1.3 1.4 2.1 2.2 2.3 2.4 3.1 3.2 3.3 3.4" {
		t.Errorf("rep labels %q", labels)
	}
	for _, tk := range chart.HeartRate(r).Y.Tick.Marker.Ticks(150, 180) {
		if strings.Contains(tk.Label, ".") {
			t.Errorf("heart-rate label %q", tk.Label)
		}
	}
	// 40 reps: every second one named.
	many := *r
	many.Intervals = nil
	for i := 0; i < 40; i++ {
		many.Intervals = append(many.Intervals, report.Rep{Set: 1, Rep: i + 1, DurationS: 65})
	}
	named := 0
	for _, tk := range chart.Reps(&many).X.Tick.Marker.Ticks(0, 40) {
		if tk.Label != "" {
			named++
		}
	}
	if named != 20 {
		t.Errorf("%d of 40 reps named, want 20", named)
	}
	// No reps: no reps panel. A swim: no pace panel.
	none := *r
	none.Intervals = nil
	if chart.Reps(&none) != nil {
		t.Error("a reps panel without reps")
	}
	swim := *r
	swim.Sport = lapkit.SportSwimming
	if chart.Pace(&swim) != nil {
		t.Error("a pace panel for a swim")
	}
	if chart.Pace(r) == nil {
		t.Error("no pace panel for a run")
	}
	bare := *r
	bare.Trace = nil
	if chart.Pace(&bare) != nil || chart.HeartRate(&bare) != nil {
		t.Error("a pace or heart-rate panel without a trace")
	}
}

// TestFormats: every format of chart.Formats writes something, others fail
// before writing.
func TestFormats(t *testing.T) {
	_, r := analysed(t)
	for _, f := range chart.Formats {
		var buf bytes.Buffer
		if err := chart.Write(&buf, f, 4*vg.Inch, 2*vg.Inch, chart.Pace(r)); err != nil || buf.Len() < 1000 {
			t.Errorf("%s: %v, %d bytes", f, err, buf.Len())
		}
	}
	var buf bytes.Buffer
	if err := chart.Write(&buf, "gif", 4*vg.Inch, 2*vg.Inch, chart.Pace(r)); err != chart.ErrFormat || buf.Len() != 0 {
		t.Errorf("gif: %v, %d bytes", err, buf.Len())
	}
}
