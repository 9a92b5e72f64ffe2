package fit_test

import (
	"bytes"
	"encoding/binary"
	"testing"
	"time"

	"github.com/lapkit/lapkit/fit"
	"github.com/tormoder/fit/dyncrc16"
)

// fitFile wraps data messages in a FIT header and CRC.
func fitFile(data []byte) []byte {
	h := []byte{14, 0x20, 0x54, 0x08, 0, 0, 0, 0, '.', 'F', 'I', 'T', 0, 0}
	binary.LittleEndian.PutUint32(h[4:8], uint32(len(data)))
	b := append(h, data...)
	c := dyncrc16.New()
	c.Write(b)
	return binary.LittleEndian.AppendUint16(b, c.Sum16())
}

// TestCompressedTimestamps hand-builds a file whose records and timer
// events use compressed timestamp headers, the time offset rolling over
// past 31, as older Garmin devices write them.
func TestCompressedTimestamps(t *testing.T) {
	base := uint32(1_000_000_000)
	base = base&^0x1F | 30 // offset 30: the second compressed record rolls over
	le := binary.LittleEndian
	var d []byte
	// file_id: type activity, manufacturer development
	d = append(d, 0x40, 0, 0, 0, 0, 2, 0, 1, 0x00, 1, 2, 0x84)
	d = append(d, 0x00, 4, 255, 0)
	// record with a timestamp (local 1), and without (local 2)
	d = append(d, 0x41, 0, 0, 20, 0, 3, 253, 4, 0x86, 5, 4, 0x86, 3, 1, 0x02)
	d = append(d, 0x42, 0, 0, 20, 0, 2, 5, 4, 0x86, 3, 1, 0x02)
	// event: event, event_type (local 3)
	d = append(d, 0x43, 0, 0, 21, 0, 2, 0, 1, 0x00, 1, 1, 0x00)
	d = append(d, 0x01)
	d = le.AppendUint32(d, base)
	d = le.AppendUint32(d, 0)
	d = append(d, 100)
	rec := func(sec uint32, dist uint32) {
		d = append(d, 0x80|2<<5|byte((base+sec)&0x1F))
		d = le.AppendUint32(d, dist)
		d = append(d, 120)
	}
	ev := func(sec uint32, typ byte) {
		d = append(d, 0x80|3<<5|byte((base+sec)&0x1F), 0, typ)
	}
	rec(1, 400)
	rec(2, 800)
	rec(3, 1200)
	ev(3, 4) // timer stop_all
	ev(9, 0) // timer start
	rec(9, 1200)
	rec(10, 1600)
	a, err := fit.Decode(bytes.NewReader(fitFile(d)))
	if err != nil {
		t.Fatal(err)
	}
	epoch := time.Date(1989, 12, 31, 0, 0, 0, 0, time.UTC).Add(time.Duration(base) * time.Second)
	want := []uint32{0, 1, 2, 3, 9, 10}
	if len(a.Samples) != len(want) {
		t.Fatalf("%d samples", len(a.Samples))
	}
	for i, w := range want {
		if got := a.Samples[i].Time.UTC().Sub(epoch); got != time.Duration(w)*time.Second {
			t.Errorf("sample %d at +%v, want +%ds", i, got, w)
		}
	}
	if len(a.Pauses) != 1 || a.Pauses[0].Start.Sub(epoch) != 3*time.Second || a.Pauses[0].Duration() != 6*time.Second {
		t.Errorf("pauses = %+v", a.Pauses)
	}
	if a.MovingTime() != 4*time.Second || a.Distance() != 16 {
		t.Errorf("moving %v distance %v", a.MovingTime(), a.Distance())
	}
}
