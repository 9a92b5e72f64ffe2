package page_test

import (
	"bytes"
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/open"
	"github.com/lapkit/lapkit/plan"
	"github.com/lapkit/lapkit/report"
	"github.com/lapkit/lapkit/report/page"
)

// sessionReport is the README's session: the bundled 3 x 4 x 400 m with
// its plan and a 4:23 mile goal, and its trace.
func sessionReport(t *testing.T) *report.Report {
	t.Helper()
	a, err := open.File("../../testdata/speed_endurance_manual.fit")
	if err != nil {
		t.Fatal(err)
	}
	p, _ := plan.Parse("3x(4x400m@65s r60s) r3min")
	g, _ := plan.ParseGoals("mile=4:23")
	r := report.New(a, report.Options{Options: analysis.Options{Plan: p, Goals: g}, Trace: true})
	r.File = "testdata/speed_endurance_manual.fit"
	return r
}

// seasonReports are the reports of testdata/season: nine weeks of a
// Tuesday 6 x 400 m and a Saturday easy run.
func seasonReports(t *testing.T) []*report.Report {
	t.Helper()
	files, _ := filepath.Glob("../../testdata/season/*.fit")
	if len(files) != 18 {
		t.Fatalf("%d files in testdata/season, want 18 (go generate)", len(files))
	}
	var out []*report.Report
	for _, f := range files {
		a, err := open.File(f)
		if err != nil {
			t.Fatal(err)
		}
		r := report.New(a, report.Options{})
		r.File = f
		out = append(out, r)
	}
	return out
}

func tenths(s float64) string { return fmt.Sprintf("%d:%04.1f", int(s)/60, s-float64(int(s)/60*60)) }

// offline checks a page fetches nothing: no script, no link, no src, no
// URL but the SVG namespaces.
func offline(t *testing.T, html string) {
	t.Helper()
	for _, bad := range []string{"<script", "<link", " src=", "@import", "url("} {
		if strings.Contains(html, bad) {
			t.Errorf("the page holds %q", bad)
		}
	}
	for _, u := range regexp.MustCompile(`https?://[^"' )<]*`).FindAllString(html, -1) {
		if u != "http://www.w3.org/2000/svg" && u != "http://www.w3.org/1999/xlink" {
			t.Errorf("the page names %s", u)
		}
	}
}

// TestSessionPage holds the session page's HTML without a browser: the
// header's figures and structure, a table row per rep with its time,
// distance, target, delta and band in words, the charts inline and
// scalable, the fade, predictions, splits and every note.
func TestSessionPage(t *testing.T) {
	r := sessionReport(t)
	var buf bytes.Buffer
	if err := page.Session(&buf, r); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	offline(t, html)
	for _, want := range []string{
		"<title>Session of 2026-05-05 · speed_endurance_manual.fit</title>",
		"<dt>run as</dt><dd>3x(4x400m r60s) r3min</dd>",
		"12 reps in 3 sets, from the laps pressed by hand (confidence 0.95)",
		`id="time-chart"`, `id="rep-chart"`, `id="fade-chart"`, `id="split-chart"`,
		"set 1: first 1:03.3, last 1:07.1", "goal mile in 4:23", "Splits of 402 m",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	rows := regexp.MustCompile(`(?s)<tr class="[^"]*" data-rep="([0-9.]+)".*?</tr>`).FindAllStringSubmatch(html, -1)
	if len(rows) != len(r.Intervals) {
		t.Fatalf("%d rep rows for %d reps", len(rows), len(r.Intervals))
	}
	bands := map[string]int{}
	for i, x := range r.Intervals {
		row := rows[i][0]
		for _, w := range []string{fmt.Sprintf(">%d.%d<", x.Set, x.Rep), tenths(x.DurationS), fmt.Sprintf("%.0f m", x.DistanceM), "1:05.0", template(fmt.Sprintf("%+.1f s", float64(x.DeltaS)))} {
			if !strings.Contains(row, w) {
				t.Errorf("rep %d.%d: the row lacks %q: %s", x.Set, x.Rep, w, row)
			}
		}
		for _, b := range []string{"on target", "near", "off"} {
			if strings.Contains(row, ">"+b+"<") {
				bands[b]++
			}
		}
	}
	if bands["on target"] != r.OnTarget || bands["on target"]+bands["near"]+bands["off"] != len(r.Intervals) {
		t.Errorf("bands in words %v; %d on target in the report", bands, r.OnTarget)
	}
	if n := strings.Count(html, "<svg"); n != 4 || strings.Count(html, "viewBox=") != 4 || strings.Contains(html, `<svg width=`) {
		t.Errorf("%d inline charts, want 4, each scaled by its viewBox alone", n)
	}
	for _, n := range r.TypedNotes {
		if !strings.Contains(html, template(n.Text)) {
			t.Errorf("note %q is not on the page", n.Text)
		}
	}
}

// template escapes s as html/template writes text.
func template(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;", "+", "&#43;").Replace(s)
}

// TestSessionPageGuess: a session lapkit is guessing about says so in the
// header, and shows no fade and no prediction; a report read in part says
// so with its error; a nil report is an empty session's page.
func TestSessionPageGuess(t *testing.T) {
	r := sessionReport(t)
	r.Guess, r.Confidence = true, 0.3
	var buf bytes.Buffer
	if err := page.Session(&buf, r); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	if !strings.Contains(html, "lapkit is guessing: no clear interval structure, so no fade and no race prediction") || strings.Contains(html, `id="fade"`) {
		t.Error("a guess does not say so, or shows a fade")
	}
	buf.Reset()
	r.Error = "fit: truncated: the file ends inside a record"
	if err := page.Session(&buf, r); err != nil || !strings.Contains(buf.String(), "Read in part: fit: truncated: the file ends inside a record") {
		t.Errorf("a partial read is not said: %v", err)
	}
	buf.Reset()
	if err := page.Session(&buf, nil); err != nil || !strings.Contains(buf.String(), "no reps found") {
		t.Errorf("a nil report: %v", err)
	}
}

// TestSeasonPage holds the season page's HTML: the nine 6 x 400 m grouped
// by their structure as run, faster each week, every week's distance, and
// the easy runs listed apart.
func TestSeasonPage(t *testing.T) {
	var buf bytes.Buffer
	if err := page.Season(&buf, "", seasonReports(t)); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	offline(t, html)
	group := regexp.MustCompile(`(?s)<section class="group" data-structure="6x400m r60s">.*?</section>`).FindString(html)
	if group == "" {
		t.Fatalf("no progress of 6x400m r60s:\n%.3000s", html)
	}
	times := regexp.MustCompile(`<td>(1:[0-9]{2}\.[0-9])</td>`).FindAllStringSubmatch(group, -1)
	if len(times) != 9 {
		t.Fatalf("%d sessions in the progress of 6x400m r60s, want 9", len(times))
	}
	if times[0][1] <= times[8][1] {
		t.Errorf("mean rep time %s in week 1, %s in week 9: not faster", times[0][1], times[8][1])
	}
	for _, want := range []string{"<title>Training log</title>", "<dt>sessions</dt><dd>18</dd>", "<dt>interval sessions</dt><dd>9</dd>", `id="weeks"`, `id="others"`, "2026-06-29"} {
		if !strings.Contains(html, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if n := strings.Count(html, "15.7 km</td>"); n != 9 {
		t.Errorf("%d weeks of 15.7 km, want 9", n)
	}
}

// TestSessionPageEscapes: a file name that is markup (a file is named
// by whoever recorded it) is text everywhere on the page, the charts'
// titles included.
func TestSessionPageEscapes(t *testing.T) {
	r := sessionReport(t)
	r.File = `runs/a<img src=x onerror=alert(1)>&".fit`
	var buf bytes.Buffer
	if err := page.Session(&buf, r); err != nil {
		t.Fatal(err)
	}
	if html := buf.String(); strings.Contains(html, "<img") || !strings.Contains(html, "a&lt;img src=x onerror=alert(1)&gt;") {
		t.Error("the file name is not escaped")
	}
}

// TestSessionPageFadeWithoutPercent: a fade across sets whose first and
// last sets share no rep length has a slope but no change in percent;
// the page gives the slope and writes no NaN.
func TestSessionPageFadeWithoutPercent(t *testing.T) {
	r := sessionReport(t)
	if r.Fade == nil || !r.Fade.AcrossSets.SlopeSPerSet.Valid() || len(r.Fade.Sets) == 0 {
		t.Fatal("the bundled session has no fade across sets")
	}
	r.Fade.AcrossSets.ChangePct = report.Float(math.NaN())
	r.Fade.Sets[0].ChangePct = report.Float(math.NaN())
	var buf bytes.Buffer
	if err := page.Session(&buf, r); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	if strings.Contains(html, "NaN") || !strings.Contains(html, "across 3 sets: ") {
		t.Errorf("the fade without a change in percent:\n%s", regexp.MustCompile(`(?s)across \d sets[^<]*`).FindString(html))
	}
}
