// Package page writes a report as one self-contained HTML page a runner
// can send to a coach: Session for one session, Season for a folder of
// them. The pages are rendered with html/template from report.Report
// alone, so that the JSON, the text and the page cannot disagree, and
// their charts are report/chart's, drawn as inline SVG. They fetch
// nothing (no script, font, style or image from anywhere), read on a
// phone and a laptop, print on paper, and give every figure in words
// beside its colour.
package page

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"math"
	"regexp"
	"strings"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/report/chart"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

//go:embed page.css session.tmpl season.tmpl
var files embed.FS

var tmpl = template.Must(template.New("").Funcs(template.FuncMap{
	"clock": clock, "tenths": tenths, "km": km, "pace": pace, "signed": signed, "num": num,
}).ParseFS(files, "*.tmpl"))

// css is the pages' one style sheet, inlined in each.
var css = func() template.CSS {
	b, _ := files.ReadFile("page.css")
	return template.CSS(b) // our own file, not user input
}()

// svg draws plots stacked into an inline SVG element (no XML prologue),
// each height tall, scaled to the page's width; "" when every plot is
// nil. The SVG is chart.Write's, so the page's charts are -chart's.
func svg(label string, height vg.Length, plots ...*plot.Plot) (template.HTML, error) {
	n := 0
	for _, p := range plots {
		if p != nil {
			n++
		}
	}
	if n == 0 {
		return "", nil
	}
	var buf bytes.Buffer
	if err := chart.Write(&buf, "svg", 8*vg.Inch, height, plots...); err != nil {
		return "", err
	}
	s := buf.String()
	if i := strings.Index(s, "<svg"); i >= 0 {
		s = s[i:]
	}
	// Scale with the page: the viewBox stays, the fixed size goes.
	s = sizeAttrs.ReplaceAllString(s, `<svg role="img" aria-label="`+template.HTMLEscapeString(label)+`" $1`)
	return template.HTML(s), nil // drawn by chart from numbers: no user text but escaped titles
}

var sizeAttrs = regexp.MustCompile(`<svg width="[^"]*" height="[^"]*" (viewBox)`)

// clock writes seconds as m:ss or h:mm:ss; "-" when absent.
func clock(s float64) string {
	if math.IsNaN(s) || math.IsInf(s, 0) {
		return "-"
	}
	return lapkit.FormatSeconds(secsDur(s))
}

// tenths writes seconds as m:ss.t; "-" when absent.
func tenths(s float64) string {
	if math.IsNaN(s) || math.IsInf(s, 0) {
		return "-"
	}
	return lapkit.FormatClock(secsDur(s))
}

// km writes metres as km to the hundredth, or metres under 1 km.
func km(m float64) string {
	switch {
	case math.IsNaN(m):
		return "-"
	case m < 1000:
		return fmt.Sprintf("%.0f m", m)
	}
	return fmt.Sprintf("%.2f km", m/1000)
}

// pace writes s/km as m:ss/km; "-" when absent.
func pace(s float64) string {
	if !(s > 0) || math.IsInf(s, 0) {
		return "-"
	}
	return lapkit.FormatSeconds(secsDur(s)) + "/km"
}

// signed writes seconds with their sign to the tenth ("+1.4 s"); "-" when
// absent.
func signed(s float64) string {
	if math.IsNaN(s) {
		return "-"
	}
	return fmt.Sprintf("%+.1f s", s)
}

// num writes a figure with n decimals; "-" when absent.
func num(v float64, n int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "-"
	}
	return fmt.Sprintf("%.*f", n, v)
}

// secsDur is s seconds as a duration.
func secsDur(s float64) time.Duration { return time.Duration(math.Round(s * 1e9)) }

// execute renders template name with data into w, whole or not at all.
func execute(w io.Writer, name string, data any) error {
	if w == nil {
		return errors.New("page: no output (a nil writer)")
	}
	var buf bytes.Buffer
	if err := tmpl.ExecuteTemplate(&buf, name, data); err != nil {
		return fmt.Errorf("page: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}
