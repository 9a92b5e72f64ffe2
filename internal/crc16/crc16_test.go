package crc16

import (
	"math/rand"
	"os"
	"testing"

	"github.com/tormoder/fit/dyncrc16"
)

// TestUpdate: the slicing-by-8 CRC equals the FIT SDK's nibble algorithm
// and tormoder/fit's, on every length up to 64 and on random splits.
func TestUpdate(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	b := make([]byte, 4096)
	r.Read(b)
	for n := 0; n <= 64; n++ {
		if got, want := Update(0, b[:n]), Nibble(0, b[:n]); got != want {
			t.Fatalf("%d bytes: %#04x, want %#04x", n, got, want)
		}
	}
	for range 200 {
		i := r.Intn(len(b))
		h := dyncrc16.New()
		h.Write(b)
		if got := Update(Update(0, b[:i]), b[i:]); got != h.Sum16() || got != Nibble(0, b) {
			t.Fatalf("split at %d: %#04x, want %#04x", i, got, h.Sum16())
		}
	}
	// A FIT file's CRC over the whole file, its CRC included, is 0.
	data, err := os.ReadFile("../../testdata/constant_5k.fit")
	if err != nil {
		t.Fatal(err)
	}
	if Update(0, data) != 0 {
		t.Errorf("file CRC %#04x", Update(0, data))
	}
}

func FuzzUpdate(f *testing.F) {
	f.Add([]byte(".FIT"), uint16(0))
	f.Add(make([]byte, 17), uint16(0xFFFF))
	f.Fuzz(func(t *testing.T, b []byte, crc uint16) {
		if got, want := Update(crc, b), Nibble(crc, b); got != want {
			t.Fatalf("%x from %#04x: %#04x, want %#04x", b, crc, got, want)
		}
	})
}

func BenchmarkUpdate(b *testing.B) {
	data := make([]byte, 64<<10)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		Update(0, data)
	}
}

func BenchmarkNibble(b *testing.B) {
	data := make([]byte, 64<<10)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		Nibble(0, data)
	}
}

func BenchmarkTormoder(b *testing.B) {
	data := make([]byte, 64<<10)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		h := dyncrc16.New()
		h.Write(data)
		h.Sum16()
	}
}
