package open_test

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/testkit/realdata"
	"github.com/lapkit/lapkit/open"
)

// TestReaderAll: files of several activities (a chain of FIT files, one
// of them overlapping another in time, and a TCX of two Activity
// elements) come back from ReaderAll as the activities each part gives
// alone, with their own times; Reader reads them as one and says so. A
// GPX is one activity. A chain cut inside its second file returns both,
// the second holding what came before the cut, with ErrTruncated.
func TestReaderAll(t *testing.T) {
	fitA, fitB := read(t, "speed_endurance_workout.fit"), read(t, "constant_5k.fit")
	tcxA, tcxB := string(read(t, "speed_endurance.tcx")), string(read(t, "constant_5k.tcx"))
	// The second TCX's Activity element inside the first's Activities.
	act := tcxB[strings.Index(tcxB, "<Activity "):strings.Index(tcxB, "</Activities>")]
	tcxAB := strings.Replace(tcxA, "</Activities>", act+"</Activities>", 1)
	cut := append(append([]byte{}, fitA...), fitB[:len(fitB)/2]...)
	for _, c := range []struct {
		name  string
		in    []byte
		parts [][]byte // each part alone
		err   error
	}{
		{"two FIT files chained", append(append([]byte{}, fitA...), fitB...), [][]byte{fitA, fitB}, nil},
		{"a FIT file chained to itself (overlapping in time)", append(append([]byte{}, fitA...), fitA...), [][]byte{fitA, fitA}, nil},
		{"a TCX of two activities", []byte(tcxAB), [][]byte{[]byte(tcxA), []byte(tcxB)}, nil},
		{"a GPX", read(t, "speed_endurance.gpx"), [][]byte{read(t, "speed_endurance.gpx")}, nil},
		{"two FIT files, the second cut", cut, [][]byte{fitA, fitB[:len(fitB)/2]}, lapkit.ErrTruncated},
	} {
		t.Run(c.name, func(t *testing.T) {
			all, err := open.ReaderAll(bytes.NewReader(c.in))
			if !errors.Is(err, c.err) && (c.err != nil || err != nil) {
				t.Fatalf("err = %v, want %v", err, c.err)
			}
			if len(all) != len(c.parts) {
				t.Fatalf("%d activities, want %d", len(all), len(c.parts))
			}
			samples := 0
			for i, p := range c.parts {
				want, _ := open.Reader(bytes.NewReader(p))
				got := all[i]
				if len(got.Samples) != len(want.Samples) || len(got.Laps) != len(want.Laps) || len(got.Sessions) != len(want.Sessions) ||
					!got.Start.Equal(want.Start) || got.Distance() != want.Distance() || got.Sport != want.Sport {
					t.Errorf("activity %d: %d samples, %d laps, %d sessions from %v, %.1f m, %s; alone %d, %d, %d from %v, %.1f m, %s", i+1,
						len(got.Samples), len(got.Laps), len(got.Sessions), got.Start, got.Distance(), got.Sport,
						len(want.Samples), len(want.Laps), len(want.Sessions), want.Start, want.Distance(), want.Sport)
				}
				if n := countNotes(got, lapkit.NoteActivities); n != 0 {
					t.Errorf("activity %d: an activities note, read apart", i+1)
				}
				samples += len(want.Samples)
			}
			one, _ := open.Reader(bytes.NewReader(c.in))
			if len(c.parts) == 1 {
				return
			}
			if countNotes(one, lapkit.NoteActivities) != 1 {
				t.Errorf("read as one: notes %v, want one saying the file holds %d activities", one.Notes, len(c.parts))
			}
			if len(one.Samples) > samples || len(one.Samples) < len(all[0].Samples) {
				t.Errorf("read as one: %d samples, the parts %d", len(one.Samples), samples)
			}
		})
	}
}

func countNotes(a *lapkit.Activity, kind lapkit.NoteKind) int {
	n := 0
	for _, x := range a.Notes {
		if x.Kind == kind {
			n++
		}
	}
	return n
}

// TestReaderAllReal: the real files of several activities read apart
// keep their own times: a chained FIT of a paddle and a swim that start
// together, and a TCX of four activities on four days.
func TestReaderAllReal(t *testing.T) {
	for _, c := range []struct {
		file    string
		samples []int
		starts  []string
	}{
		{"muktihari__fit/testdata/chained_Activity_activity_poolswim.fit", []int{3601, 24}, []string{"2021-07-20T21:11:20Z", "2021-07-20T21:11:40Z"}},
		{"GoldenCheetah__GoldenCheetah/test/rides/activity_165850259_multi-session.tcx", []int{656, 235, 733, 269},
			[]string{"2011-11-29T12:12:00Z", "2011-12-01T12:59:37Z", "2011-12-04T15:26:28Z", "2011-12-07T12:14:19Z"}},
	} {
		all, err := open.FileAll(realdata.Path(t, c.file))
		if err != nil {
			t.Errorf("%s: %v", c.file, err)
		}
		if len(all) != len(c.samples) {
			t.Errorf("%s: %d activities, want %d", c.file, len(all), len(c.samples))
			continue
		}
		for i, a := range all {
			if len(a.Samples) != c.samples[i] {
				t.Errorf("%s: activity %d has %d samples, want %d", c.file, i+1, len(a.Samples), c.samples[i])
			}
			if c.starts != nil && a.Start.Format("2006-01-02T15:04:05Z") != c.starts[i] {
				t.Errorf("%s: activity %d starts %v, want %s", c.file, i+1, a.Start, c.starts[i])
			}
			for _, n := range a.Notes {
				if n.Kind == lapkit.NoteClockBack || n.Kind == lapkit.NoteTimeJump {
					t.Errorf("%s: activity %d moved: %s", c.file, i+1, n.Text)
				}
			}
			for _, l := range a.Laps {
				if l.Start.Before(a.Start.Add(-time.Minute)) || l.End.After(a.End().Add(time.Minute)) {
					t.Errorf("%s: activity %d: lap %v-%v outside %v-%v", c.file, i+1, l.Start, l.End, a.Start, a.End())
				}
			}
		}
	}
}

func read(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("../testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
