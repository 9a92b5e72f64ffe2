// Package chart draws the charts of a report with gonum.org/v1/plot: rep
// times against their targets, pace and heart rate over time with the
// reps shaded, and the splits, as PNG, SVG, JPEG or PDF. The example
// programs' -chart and the HTML pages (report/page) draw with it, from
// the report alone: the pace and heart rate come from Report.Trace
// (report.Options.Trace).
package chart

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/report"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Colours of the bands of a rep against its target, from Okabe and Ito's
// palette, which readers with any common colour blindness tell apart: On
// (blue), Near (orange), Off (vermilion), None (grey, no target). Shade
// marks the reps on the pace and heart-rate panels; HeartLine draws the
// heart rate.
var (
	On          = color.RGBA{R: 0, G: 114, B: 178, A: 255}
	Near        = color.RGBA{R: 230, G: 159, B: 0, A: 255}
	Off         = color.RGBA{R: 213, G: 94, B: 0, A: 255}
	None        = color.RGBA{R: 120, G: 120, B: 140, A: 255}
	Shade       = color.NRGBA{R: 86, G: 180, B: 233, A: 70}
	StrideShade = color.NRGBA{R: 120, G: 120, B: 140, A: 50}
	HeartLine   = color.RGBA{R: 204, G: 121, B: 167, A: 255}
)

func bandColor(b analysis.Band) color.Color {
	switch b {
	case analysis.BandOn:
		return On
	case analysis.BandSlightly:
		return Near
	case analysis.BandOff:
		return Off
	}
	return None
}

// Title names what a panel shows, the file and the day: "Pace, run.fit,
// 2026-05-05".
func Title(r *report.Report, what string) string {
	parts := []string{what}
	if r == nil {
		return what
	}
	if r.File != "" {
		parts = append(parts, filepath.Base(r.File))
	}
	if r.Start != nil && len(*r.Start) >= 10 {
		parts = append(parts, (*r.Start)[:10])
	}
	return strings.Join(parts, ", ")
}

// maxRepLabels is how many rep labels the x axis holds before they are
// thinned to every second, third... rep.
const maxRepLabels = 20

// Reps draws one bar per rep (its time, seconds), coloured by its band
// against the target (grey without one), with a gap between sets and the
// targets as a line; nil when there is no rep (or no report).
func Reps(r *report.Report) *plot.Plot {
	if r == nil || len(r.Intervals) == 0 {
		return nil
	}
	every := (len(r.Intervals) + maxRepLabels - 1) / maxRepLabels
	p := plot.New()
	p.Title.Text = Title(r, "Reps against their targets")
	p.X.Label.Text = "set.rep"
	p.Y.Label.Text = "time (s)"
	var ticks []plot.Tick
	targets := plotter.XYs{}
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
		label := ""
		if i%every == 0 {
			label = fmt.Sprintf("%d.%d", x.Set, x.Rep)
		}
		ticks = append(ticks, plot.Tick{Value: pos, Label: label})
		if x.TargetS.Valid() {
			targets = append(targets, plotter.XY{X: pos, Y: float64(x.TargetS)})
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
	// Bars start at 0: a bar's length is its time, so a 4 s fade over 80
	// s reps looks 5 %, not the whole height of an axis cut at 73 s. The
	// target line and the text give the seconds.
	p.Y.Min = 0
	p.Y.Max = 1.2 * p.Y.Max // room above the bars for the legend
	p.Y.Tick.Marker = RoundTicks{}
	return p
}

// RoundTicks are plot's default ticks with labels in as few decimals as
// their spacing needs: "175", not "175.00".
type RoundTicks struct{}

// Ticks implements plot.Ticker; none for an empty or reversed range.
func (RoundTicks) Ticks(min, max float64) []plot.Tick {
	if !(max > min) || math.IsInf(max-min, 0) {
		return nil
	}
	ticks := plot.DefaultTicks{}.Ticks(min, max)
	step := math.Inf(1)
	prev := math.NaN()
	for _, t := range ticks {
		if t.Label != "" {
			if !math.IsNaN(prev) {
				step = math.Min(step, t.Value-prev)
			}
			prev = t.Value
		}
	}
	prec := 0
	for prec < 6 && !math.IsInf(step, 1) && step > 0 && math.Abs(step*math.Pow(10, float64(prec))-math.Round(step*math.Pow(10, float64(prec)))) > 1e-9 {
		prec++
	}
	for i := range ticks {
		if ticks[i].Label != "" {
			ticks[i].Label = strconv.FormatFloat(ticks[i].Value, 'f', prec, 64)
		}
	}
	return ticks
}

// Pace draws the pace (min/km, the speed over 10 s of r.Trace) against
// the time in minutes, with the reps shaded; nil without a trace, or for
// a sport where a pace per km means nothing (a swim, a ride).
func Pace(r *report.Report) *plot.Plot {
	if r == nil || len(r.Trace) == 0 || !r.Sport.OnFoot() && r.Sport != "" && r.Sport != lapkit.SportGeneric && r.Sport != lapkit.SportTraining {
		return nil
	}
	p := plot.New()
	p.Title.Text = Title(r, "Pace")
	p.X.Label.Text = "time (min)"
	p.Y.Label.Text = "pace (min/km)"
	pts := plotter.XYs{}
	for _, x := range r.Trace {
		if !x.SpeedMS.Valid() || x.SpeedMS <= 0 {
			continue
		}
		pace := 1000 / float64(x.SpeedMS) / 60
		if pace > 12 {
			pace = 12 // standing: off the scale
		}
		pts = append(pts, plotter.XY{X: x.T / 60, Y: pace})
	}
	shade(p, r, 2.0, 12)
	if l, err := plotter.NewLine(pts); err == nil {
		l.LineStyle.Width = vg.Points(1)
		p.Add(l)
	}
	p.Y.Scale = plot.InvertedScale{Normalizer: plot.LinearScale{}} // faster is up
	p.X.Tick.Marker, p.Y.Tick.Marker = RoundTicks{}, RoundTicks{}
	return p
}

// HeartRate draws the heart rate (bpm, from r.Trace) against the time in
// minutes, with the reps shaded; nil when the trace has none.
func HeartRate(r *report.Report) *plot.Plot {
	if r == nil {
		return nil
	}
	pts := plotter.XYs{}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, x := range r.Trace {
		if !x.HeartBPM.Valid() {
			continue
		}
		hr := float64(x.HeartBPM)
		pts = append(pts, plotter.XY{X: x.T / 60, Y: hr})
		lo, hi = math.Min(lo, hr), math.Max(hi, hr)
	}
	if len(pts) == 0 {
		return nil
	}
	p := plot.New()
	p.Title.Text = Title(r, "Heart rate")
	p.X.Tick.Marker, p.Y.Tick.Marker = RoundTicks{}, RoundTicks{}
	p.X.Label.Text = "time (min)"
	p.Y.Label.Text = "bpm"
	shade(p, r, lo, hi)
	if l, err := plotter.NewLine(pts); err == nil {
		l.LineStyle.Width = vg.Points(1)
		l.LineStyle.Color = HeartLine
		p.Add(l)
	}
	return p
}

// shade marks the parts of the session between y0 and y1: each rep a
// rectangle of Shade labelled set.rep at y0 (every second, third... one
// past maxRepLabels), each stride a rectangle of StrideShade, and the
// warm-up and cool-down named at y0.
func shade(p *plot.Plot, r *report.Report, y0, y1 float64) {
	rect := func(x0, x1 float64, c color.Color) {
		poly, err := plotter.NewPolygon(plotter.XYs{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
		if err != nil {
			return
		}
		poly.Color = c
		poly.LineStyle.Color = c
		poly.LineStyle.Width = 0
		p.Add(poly)
	}
	for _, x := range r.Strides {
		rect(x.StartS/60, x.EndS/60, StrideShade)
	}
	labels := plotter.XYLabels{}
	every := (len(r.Intervals) + maxRepLabels - 1) / maxRepLabels
	for i, x := range r.Intervals {
		rect(x.StartS/60, x.EndS/60, Shade)
		if i%every == 0 {
			labels.XYs = append(labels.XYs, plotter.XY{X: (x.StartS + x.EndS) / 120, Y: y0})
			labels.Labels = append(labels.Labels, fmt.Sprintf("%d.%d", x.Set, x.Rep))
		}
	}
	for _, part := range []struct {
		span *report.Span
		name string
	}{{r.WarmUp, "warm-up"}, {r.CoolDown, "cool-down"}} {
		if part.span != nil {
			labels.XYs = append(labels.XYs, plotter.XY{X: (part.span.StartS + part.span.EndS) / 120, Y: y0})
			labels.Labels = append(labels.Labels, part.name)
		}
	}
	if l, err := plotter.NewLabels(labels); err == nil && len(labels.XYs) > 0 {
		for i := range l.TextStyle {
			l.TextStyle[i].XAlign = draw.XCenter
			l.TextStyle[i].Font.Size = vg.Points(7)
		}
		p.Add(l)
	}
}

// Fade draws each set's rep times (seconds, or the pace in s/km when
// r.Fade.OnPace) against the rep's number in its set, with the fitted
// fade as a line through the set's mean (Fade.Sets' slope); nil without
// a fade that stands on two reps or more.
func Fade(r *report.Report) *plot.Plot {
	if r == nil || r.Fade == nil || len(r.Fade.Sets) == 0 {
		return nil
	}
	p := plot.New()
	p.Title.Text = Title(r, "Fade within each set")
	p.X.Label.Text = "rep of the set"
	p.Y.Label.Text = "time (s)"
	if r.Fade.OnPace {
		p.Y.Label.Text = "pace (s/km)"
	}
	drawn := 0
	for k, f := range r.Fade.Sets {
		pts := plotter.XYs{}
		for _, x := range r.Intervals {
			v := x.DurationS
			if r.Fade.OnPace {
				v = float64(x.PaceSPerKm)
			}
			if x.Set == f.Set && !x.Unplanned && !math.IsNaN(v) {
				pts = append(pts, plotter.XY{X: float64(x.Rep), Y: v})
			}
		}
		if len(pts) < 2 {
			continue
		}
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			continue
		}
		c := setColors[k%len(setColors)]
		sc.GlyphStyle.Color = c
		sc.GlyphStyle.Shape = setShapes[k%len(setShapes)]
		sc.GlyphStyle.Radius = vg.Points(3)
		p.Add(sc)
		p.Legend.Add(fmt.Sprintf("set %d", f.Set), sc)
		if f.SlopeSPerRep.Valid() {
			mx, my := 0.0, 0.0
			for _, q := range pts {
				mx, my = mx+q.X/float64(len(pts)), my+q.Y/float64(len(pts))
			}
			x0, x1 := pts[0].X, pts[len(pts)-1].X
			slope := float64(f.SlopeSPerRep)
			if l, err := plotter.NewLine(plotter.XYs{{X: x0, Y: my + slope*(x0-mx)}, {X: x1, Y: my + slope*(x1-mx)}}); err == nil {
				l.LineStyle.Color = c
				l.LineStyle.Width = vg.Points(1)
				p.Add(l)
			}
		}
		drawn++
	}
	if drawn == 0 {
		return nil
	}
	p.Legend.Top, p.Legend.Left = true, true
	p.Y.Max += 0.35 * (p.Y.Max - p.Y.Min) // room above the points for the legend
	p.X.Tick.Marker, p.Y.Tick.Marker = RoundTicks{}, RoundTicks{}
	return p
}

// setColors and setShapes tell the sets apart on the fade panel, in
// colour and in shape.
var (
	setColors = []color.Color{On, Off, color.RGBA{R: 0, G: 158, B: 115, A: 255}, Near, HeartLine}
	setShapes = []draw.GlyphDrawer{draw.CircleGlyph{}, draw.SquareGlyph{}, draw.TriangleGlyph{}, draw.PlusGlyph{}, draw.CrossGlyph{}}
)

// Splits draws one bar per split (its time, seconds); partial ones grey.
func Splits(r *report.Report) *plot.Plot {
	if r == nil || len(r.Splits) == 0 {
		return nil
	}
	p := plot.New()
	p.Title.Text = Title(r, fmt.Sprintf("Splits of %g m", r.SplitM))
	p.Y.Tick.Marker = RoundTicks{}
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
			bar.Color = None
		}
		bar.LineStyle.Width = 0
		p.Add(bar)
	}
	return p
}

// Formats are the chart file formats Write draws.
var Formats = []string{"png", "svg", "jpg", "jpeg", "pdf"}

// ErrFormat is returned by Write for a file format not in Formats.
var ErrFormat = errors.New("chart: format must be png, svg, jpg or pdf")

// Write draws the plots stacked one above the other, each height tall, in
// a format of Formats, to w. Nil plots are left out.
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
	case "jpg", "jpeg":
		c = vgimg.JpegCanvas{Canvas: vgimg.New(width, total)}
	case "pdf":
		c = vgpdf.New(width, total)
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

// maxDateLabels is how many dates a date axis names before it thins them.
const maxDateLabels = 8

// ByDate draws values against their days, spaced by the days between
// them, as a line with a point per day (a NaN value is left out): a
// workout's mean rep time over the weeks of a block. Nil when fewer than
// two values stand.
func ByDate(title, ylabel string, days []time.Time, values []float64) *plot.Plot {
	if len(days) != len(values) || len(days) == 0 {
		return nil
	}
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = "date"
	p.Y.Label.Text = ylabel
	p.Y.Tick.Marker = RoundTicks{}
	pts := plotter.XYs{}
	var ticks []plot.Tick
	first := days[0]
	every := (len(days) + maxDateLabels - 1) / maxDateLabels
	for i, d := range days {
		x := d.Sub(first).Hours() / 24
		if !math.IsNaN(values[i]) && !math.IsInf(values[i], 0) {
			pts = append(pts, plotter.XY{X: x, Y: values[i]})
		}
		label := ""
		if i%every == 0 || i == len(days)-1 {
			label = d.Format("2006-01-02")
		}
		ticks = append(ticks, plot.Tick{Value: x, Label: label})
	}
	if len(pts) < 2 {
		return nil
	}
	lp, sp, err := plotter.NewLinePoints(pts)
	if err != nil {
		return nil
	}
	lp.LineStyle.Color, sp.GlyphStyle.Color = On, On
	p.Add(lp, sp)
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	return p
}

// Weekly draws one bar per week (its distance in km), named by the
// week's Monday; nil for no week.
func Weekly(mondays []time.Time, km []float64) *plot.Plot {
	if len(mondays) == 0 || len(mondays) != len(km) {
		return nil
	}
	p := plot.New()
	p.Title.Text = "Distance per week"
	p.Y.Label.Text = "km"
	p.Y.Tick.Marker = RoundTicks{}
	var ticks []plot.Tick
	every := (len(mondays) + maxDateLabels - 1) / maxDateLabels
	for i, m := range mondays {
		bar, err := plotter.NewBarChart(plotter.Values{km[i]}, vg.Points(10))
		if err != nil {
			continue
		}
		bar.XMin = float64(i)
		bar.Color = On
		bar.LineStyle.Width = 0
		p.Add(bar)
		label := ""
		if i%every == 0 {
			label = m.Format("01-02")
		}
		ticks = append(ticks, plot.Tick{Value: float64(i), Label: label})
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Min = 0
	return p
}
