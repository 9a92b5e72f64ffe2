// Package chart draws the charts of lapkit's example programs with
// gonum.org/v1/plot: rep times against their targets, pace and heart rate
// over time with the reps shaded, and the splits.
package chart

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"strings"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/report"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Colours of the bands, for a rep against its target.
var (
	Green = color.RGBA{R: 46, G: 160, B: 67, A: 255}
	Amber = color.RGBA{R: 230, G: 160, B: 20, A: 255}
	Red   = color.RGBA{R: 210, G: 50, B: 50, A: 255}
	Grey  = color.RGBA{R: 120, G: 120, B: 140, A: 255}
	Shade = color.NRGBA{R: 255, G: 170, B: 40, A: 60}
)

func bandColor(b analysis.Band) color.Color {
	switch b {
	case analysis.BandOn:
		return Green
	case analysis.BandSlightly:
		return Amber
	case analysis.BandOff:
		return Red
	}
	return Grey
}

// Reps draws one bar per rep (its time, seconds), coloured by its band
// against the target (grey without one), with a gap between sets and the
// targets as a line.
func Reps(r *report.Report) *plot.Plot {
	p := plot.New()
	p.Title.Text = "Reps against their targets"
	p.X.Label.Text = "set.rep"
	p.Y.Label.Text = "time (s)"
	var ticks []plot.Tick
	targets := plotter.XYs{}
	lo := math.Inf(1)
	for i, x := range r.Intervals {
		pos := float64(i + x.Set - 1) // a gap between sets
		bar, err := plotter.NewBarChart(plotter.Values{x.DurationS}, vg.Points(12))
		if err != nil {
			continue
		}
		bar.XMin = pos
		bar.Color = bandColor(x.Band)
		bar.LineStyle.Width = 0
		p.Add(bar)
		ticks = append(ticks, plot.Tick{Value: pos, Label: fmt.Sprintf("%d.%d", x.Set, x.Rep)})
		lo = math.Min(lo, x.DurationS)
		if x.TargetS.Valid() {
			targets = append(targets, plotter.XY{X: pos, Y: float64(x.TargetS)})
			lo = math.Min(lo, float64(x.TargetS))
		}
	}
	if len(targets) > 0 {
		if l, err := plotter.NewLine(targets); err == nil {
			l.LineStyle.Width = vg.Points(2)
			l.LineStyle.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
			p.Add(l)
			p.Legend.Add("target", l)
			p.Legend.Top, p.Legend.Left = true, true
		}
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	if !math.IsInf(lo, 0) {
		p.Y.Min = math.Max(0, lo*0.9) // the differences, not the whole bar, are the point
	}
	return p
}

// Pace draws the pace (min/km, smoothed over 10 s) against the time in
// minutes, with the reps shaded.
func Pace(a *lapkit.Activity, r *report.Report) *plot.Plot {
	p := plot.New()
	p.Title.Text = "Pace"
	p.X.Label.Text = "time (min)"
	p.Y.Label.Text = "pace (min/km)"
	pts := plotter.XYs{}
	s := a.Samples
	for i := range s {
		j := i
		for j > 0 && s[i].Time.Sub(s[j].Time).Seconds() < 10 {
			j--
		}
		dt, dd := s[i].Time.Sub(s[j].Time).Seconds(), s[i].Distance-s[j].Distance
		if dt <= 0 || !(dd > 0) {
			continue
		}
		pace := dt / dd * 1000 / 60
		if pace > 12 {
			pace = 12 // standing: off the scale
		}
		pts = append(pts, plotter.XY{X: a.Offset(s[i].Time) / 60, Y: pace})
	}
	shade(p, r, 2.0, 12)
	if l, err := plotter.NewLine(pts); err == nil {
		l.LineStyle.Width = vg.Points(1)
		p.Add(l)
	}
	p.Y.Scale = plot.InvertedScale{Normalizer: plot.LinearScale{}} // faster is up
	return p
}

// HeartRate draws the heart rate (bpm) against the time in minutes, with
// the reps shaded; nil when the activity has none.
func HeartRate(a *lapkit.Activity, r *report.Report) *plot.Plot {
	pts := plotter.XYs{}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, x := range a.Samples {
		if math.IsNaN(x.HeartRate) {
			continue
		}
		pts = append(pts, plotter.XY{X: a.Offset(x.Time) / 60, Y: x.HeartRate})
		lo, hi = math.Min(lo, x.HeartRate), math.Max(hi, x.HeartRate)
	}
	if len(pts) == 0 {
		return nil
	}
	p := plot.New()
	p.Title.Text = "Heart rate"
	p.X.Label.Text = "time (min)"
	p.Y.Label.Text = "bpm"
	shade(p, r, lo, hi)
	if l, err := plotter.NewLine(pts); err == nil {
		l.LineStyle.Width = vg.Points(1)
		l.LineStyle.Color = Red
		p.Add(l)
	}
	return p
}

// shade adds a rectangle over each rep, between y0 and y1.
func shade(p *plot.Plot, r *report.Report, y0, y1 float64) {
	for _, x := range r.Intervals {
		x0, x1 := x.StartS/60, x.EndS/60
		poly, err := plotter.NewPolygon(plotter.XYs{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
		if err != nil {
			continue
		}
		poly.Color = Shade
		poly.LineStyle.Color = Shade
		poly.LineStyle.Width = 0
		p.Add(poly)
	}
}

// Splits draws one bar per split (its time, seconds); partial ones grey.
func Splits(r *report.Report) *plot.Plot {
	p := plot.New()
	p.Title.Text = fmt.Sprintf("Splits of %g m", r.SplitM)
	p.X.Label.Text = "split"
	p.Y.Label.Text = "time (s)"
	for i, s := range r.Splits {
		bar, err := plotter.NewBarChart(plotter.Values{s.DurationS}, vg.Points(8))
		if err != nil {
			continue
		}
		bar.XMin = float64(i + 1)
		bar.Color = color.RGBA{R: 60, G: 110, B: 200, A: 255}
		if s.Partial {
			bar.Color = Grey
		}
		bar.LineStyle.Width = 0
		p.Add(bar)
	}
	return p
}

// ErrFormat is returned by Write for a file format other than png or svg.
var ErrFormat = errors.New("chart: format must be png or svg")

// Write draws the plots stacked one above the other, each height tall, in
// format "png" or "svg", to w. Nil plots are left out.
func Write(w io.Writer, format string, width, height vg.Length, plots ...*plot.Plot) error {
	var keep [][]*plot.Plot
	for _, p := range plots {
		if p != nil {
			keep = append(keep, []*plot.Plot{p})
		}
	}
	if len(keep) == 0 {
		return errors.New("chart: nothing to draw")
	}
	total := height * vg.Length(len(keep))
	var c vg.CanvasWriterTo
	switch strings.ToLower(format) {
	case "png":
		c = vgimg.PngCanvas{Canvas: vgimg.New(width, total)}
	case "svg":
		c = vgsvg.New(width, total)
	default:
		return ErrFormat
	}
	dc := draw.New(c)
	tiles := draw.Tiles{Rows: len(keep), Cols: 1, PadY: vg.Points(12), PadTop: vg.Points(6), PadBottom: vg.Points(6), PadLeft: vg.Points(6), PadRight: vg.Points(12)}
	canvases := plot.Align(keep, tiles, dc)
	for i := range keep {
		keep[i][0].Draw(canvases[i][0])
	}
	_, err := c.WriteTo(w)
	return err
}
