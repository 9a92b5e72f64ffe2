package page

import (
	"fmt"
	"html/template"
	"io"
	"math"
	"sort"
	"time"

	"github.com/lapkit/lapkit/report"
	"github.com/lapkit/lapkit/report/chart"
	"gonum.org/v1/plot/vg"
)

// Season writes the page of a training log: the sessions by date
// (interval sessions with their structure as run, rep time, fade and heart
// rate; other activities listed after), the distance of each week, and
// for each structure run twice or more (Report.Structure, "6x400m r60s")
// its progress over the weeks: mean rep time, fade per rep and heart rate
// against the date, drawn and in a table. title heads the page ("" for
// "Training log"); reports in any order, nil ones left out.
func Season(w io.Writer, title string, reports []*report.Report) error {
	if title == "" {
		title = "Training log"
	}
	v := seasonView{Title: title, CSS: css}
	var dated []entry
	for _, r := range reports {
		if r == nil {
			continue
		}
		e := entryOf(r)
		if e.Reps > 0 {
			v.Intervals = append(v.Intervals, e)
		} else {
			v.Others = append(v.Others, e)
		}
		if !e.Day.IsZero() {
			dated = append(dated, e)
		}
		v.TotalKm += e.Km
	}
	byDay := func(es []entry) {
		sort.SliceStable(es, func(i, k int) bool {
			if zi, zk := es[i].Day.IsZero(), es[k].Day.IsZero(); zi != zk {
				return zk
			}
			return es[i].Start.Before(es[k].Start)
		})
	}
	byDay(v.Intervals)
	byDay(v.Others)
	byDay(dated)
	v.Sessions = len(v.Intervals) + len(v.Others)
	if len(dated) > 0 {
		v.From, v.To = dated[0].Date, dated[len(dated)-1].Date
	}
	v.Weeks = weeks(dated)
	var mondays []time.Time
	var kms []float64
	for _, wk := range v.Weeks {
		mondays, kms = append(mondays, wk.Monday), append(kms, wk.Km)
	}
	var err error
	if v.WeekChart, err = svg("distance per week", 2.5*vg.Inch, chart.Weekly(mondays, kms)); err != nil {
		return fmt.Errorf("page: %w", err)
	}
	for _, g := range groups(v.Intervals) {
		var days []time.Time
		var rep, fade, hr []float64
		for _, e := range g.Entries {
			days, rep, fade, hr = append(days, e.Day), append(rep, e.RepS), append(fade, e.FadeS), append(hr, e.HR)
		}
		g.Chart, err = svg("progress of "+g.Structure, 2.2*vg.Inch,
			chart.ByDate("Mean rep time, "+g.Structure, "s", days, rep),
			chart.ByDate("Fade per rep, "+g.Structure, "s per rep", days, fade),
			chart.ByDate("Mean heart rate of the reps, "+g.Structure, "bpm", days, hr))
		if err != nil {
			return fmt.Errorf("page: %w", err)
		}
		v.Progress = append(v.Progress, g)
	}
	return execute(w, "season.tmpl", v)
}

// seasonView is what season.tmpl reads.
type seasonView struct {
	Title, From, To   string
	CSS               template.CSS
	Sessions          int
	TotalKm           float64
	Intervals, Others []entry
	Weeks             []week
	WeekChart         template.HTML
	Progress          []group
}

// An entry is one session of the log, in the figures the page shows.
type entry struct {
	Start           time.Time
	Day             time.Time // the start's date, UTC; zero for a file without times
	Date, File      string
	Sport           string
	Km              float64
	Time            string
	Structure       string
	Reps            int
	RepS, FadeS, HR float64 // mean rep time (s), mean fade of the sets (s per rep), mean heart rate of the reps; NaN when absent
	Guess           bool
	Error           string
}

func entryOf(r *report.Report) entry {
	e := entry{File: baseName(r.File), Sport: orDash(string(r.Sport)), Km: float64(r.DistanceM.Or(0)) / 1000,
		Time: clock(r.DurationS), Structure: r.Structure, Reps: len(r.Intervals), Guess: r.Guess, Error: r.Error,
		RepS: math.NaN(), FadeS: math.NaN(), HR: math.NaN(), Date: "undated"}
	if r.Start != nil {
		if t, err := time.Parse(time.RFC3339Nano, *r.Start); err == nil {
			e.Start, e.Day = t, time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
			e.Date = e.Day.Format("2006-01-02")
		}
	}
	var secs, hr []float64
	for _, x := range r.Intervals {
		if !x.Unplanned {
			secs = append(secs, x.DurationS)
			if x.AvgHR.Valid() {
				hr = append(hr, float64(x.AvgHR))
			}
		}
	}
	e.RepS, e.HR = mean(secs), mean(hr)
	if r.Fade != nil && !r.Guess {
		var slopes []float64
		for _, s := range r.Fade.Sets {
			if s.SlopeSPerRep.Valid() {
				slopes = append(slopes, float64(s.SlopeSPerRep))
			}
		}
		e.FadeS = mean(slopes)
	}
	return e
}

// A week is the distance of the sessions from a Monday to a Sunday.
type week struct {
	Monday   time.Time
	Label    string
	Km       float64
	Sessions int
}

// weeks sums the dated entries (in date order) by week, every week from
// the first to the last listed, those without a session at 0 km.
func weeks(es []entry) []week {
	if len(es) == 0 {
		return nil
	}
	monday := func(d time.Time) time.Time { return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7)) }
	first, last := monday(es[0].Day), monday(es[len(es)-1].Day)
	var out []week
	for m := first; !m.After(last); m = m.AddDate(0, 0, 7) {
		out = append(out, week{Monday: m, Label: m.Format("2006-01-02")})
	}
	for _, e := range es {
		k := int(monday(e.Day).Sub(first).Hours()/24+0.5) / 7
		out[k].Km += e.Km
		out[k].Sessions++
	}
	return out
}

// A group is a structure run on two days or more, and its sessions.
type group struct {
	Structure string
	Entries   []entry
	Chart     template.HTML
}

// groups returns the structures run twice or more, the most run first.
func groups(es []entry) []group {
	by := map[string]int{}
	var out []group
	for _, e := range es {
		if e.Structure == "" || e.Day.IsZero() {
			continue
		}
		k, ok := by[e.Structure]
		if !ok {
			k = len(out)
			by[e.Structure] = k
			out = append(out, group{Structure: e.Structure})
		}
		out[k].Entries = append(out[k].Entries, e)
	}
	var keep []group
	for _, g := range out {
		if len(g.Entries) >= 2 {
			keep = append(keep, g)
		}
	}
	sort.SliceStable(keep, func(i, k int) bool { return len(keep[i].Entries) > len(keep[k].Entries) })
	return keep
}

// mean is the mean of v; NaN for none.
func mean(v []float64) float64 {
	if len(v) == 0 {
		return math.NaN()
	}
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}
