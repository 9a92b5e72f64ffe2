package fit_test

import (
	"bytes"
	"encoding/binary"
	"os"
	"testing"

	"github.com/lapkit/lapkit/fit"
	"github.com/lapkit/lapkit/internal/crc16"
	"github.com/lapkit/lapkit/internal/testkit/cputime"
	"github.com/lapkit/lapkit/internal/testkit/realdata"
	fitsdk "github.com/tormoder/fit"
)

// The 1-hour, 1 Hz interval session with workout-step laps (3664 records).
const benchFile = "speed_endurance_workout.fit"

// BenchmarkDecodeBare is the baseline: tormoder/fit alone on the same bytes.
func BenchmarkDecodeBare(b *testing.B) {
	data := read(b, benchFile)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	defer cputime.PerOp(b)()
	for b.Loop() {
		f, err := fitsdk.Decode(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := f.Activity(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecode is fit.Decode into the lapkit model: reading the bytes,
// conversion and the model's invariants.
func BenchmarkDecode(b *testing.B) {
	benchDecode(b, read(b, benchFile))
}

func benchDecode(b *testing.B, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	defer cputime.PerOp(b)()
	for b.Loop() {
		if _, err := fit.Decode(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeParallel decodes on every core at once: decodes share no
// state.
func BenchmarkDecodeParallel(b *testing.B) {
	data := read(b, benchFile)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := fit.Decode(bytes.NewReader(data)); err != nil {
				b.Error(err)
			}
		}
	})
}

// walk is the floor of decoding a FIT file: every message visited by its
// header and definition, no field read, and the file's CRC. It returns the
// number of data messages.
func walk(b []byte) int {
	var sizes [16]int
	end := int(b[0]) + int(binary.LittleEndian.Uint32(b[4:8]))
	n := 0
	for p := int(b[0]); p < end; {
		h := b[p]
		switch {
		case h&0x80 != 0:
			p += 1 + sizes[(h>>5)&3]
			n++
		case h&0x40 != 0:
			nf := int(b[p+5])
			size := 0
			for i := 0; i < nf; i++ {
				size += int(b[p+7+3*i])
			}
			q := p + 6 + 3*nf
			if h&0x20 != 0 {
				nd := int(b[q])
				for i := 0; i < nd; i++ {
					size += int(b[q+2+3*i])
				}
				q += 1 + 3*nd
			}
			sizes[h&0x0F] = size
			p = q
		default:
			p += 1 + sizes[h&0x0F]
			n++
		}
	}
	if crc16.Update(0, b[:end+2]) != 0 {
		return -1
	}
	return n
}

// BenchmarkFloor is walk on the 1-hour file: what any decoder must at
// least do.
func BenchmarkFloor(b *testing.B) {
	benchFloor(b, read(b, benchFile), 3664)
}

func benchFloor(b *testing.B, data []byte, messages int) {
	b.SetBytes(int64(len(data)))
	if n := walk(data); n < messages {
		b.Fatalf("walk: %d data messages, want at least %d", n, messages)
	}
	defer cputime.PerOp(b)()
	for b.Loop() {
		walk(data)
	}
}

// longestRun is the longest real running FIT file of ../shared/realdata:
// 5 h 40 min at 1 s (20,408 samples, 454 KB).
const longestRun = "sports-alliance__sports-lib/src/specs/fixtures/runs/fit/6914448270.fit"

// BenchmarkLongestReal is fit.Decode against the floor on the longest real
// running file (skipped without ../shared).
func BenchmarkLongestReal(b *testing.B) {
	data, err := os.ReadFile(realdata.Path(b, longestRun))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("Decode", func(b *testing.B) { benchDecode(b, data) })
	b.Run("Floor", func(b *testing.B) { benchFloor(b, data, 20408) })
}
