package num

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestParseFloatIsStrconv: every result and error is strconv.ParseFloat's,
// to the bit, over hand-picked and random texts.
func TestParseFloatIsStrconv(t *testing.T) {
	texts := []string{"0", "-0", "+0", "1", "-1", "0.1", ".5", "5.", ".", "-", "+", "", "1.2.3", "1e5", "0x10", "1_0", " 1", "1 ",
		"NaN", "inf", "59.9489123456789", "123456789012345", "1234567890123456", "0.000000000000001", "999999999999999",
		"00000000000000000001", "-10.7346", "4294967295", "3.14159265358979", "٣"}
	rng := rand.New(rand.NewPCG(7, 7))
	for range 200000 {
		n := 1 + rng.IntN(16)
		b := make([]byte, 0, n+2)
		if rng.IntN(3) == 0 {
			b = append(b, "-+"[rng.IntN(2)])
		}
		dot := rng.IntN(n + 1)
		for k := range n {
			if k == dot {
				b = append(b, '.')
			}
			b = append(b, byte('0'+rng.IntN(10)))
		}
		texts = append(texts, string(b))
	}
	for _, s := range texts {
		got, gerr := ParseFloat([]byte(s))
		want, werr := strconv.ParseFloat(s, 64)
		if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) || fmt.Sprint(gerr) != fmt.Sprint(werr) {
			t.Fatalf("%q: %v %v, strconv %v %v", s, got, gerr, want, werr)
		}
	}
}

func BenchmarkParseFloat(b *testing.B) {
	text := []byte("59.948912")
	for b.Loop() {
		ParseFloat(text)
	}
}

func BenchmarkParseFloatStrconv(b *testing.B) {
	text := []byte("59.948912")
	for b.Loop() {
		strconv.ParseFloat(string(text), 64)
	}
}
