package geo

import (
	"math"
	"testing"
)

func TestDistance(t *testing.T) {
	tests := []struct {
		lat1, lon1, lat2, lon2, want, tol float64
	}{
		{0, 0, 0, 1, 2 * math.Pi * EarthRadius / 360, 1e-6}, // one degree of the equator
		{59.9489, 10.7346, 59.9489, 10.7346, 0, 0},
		{51.5007, -0.1246, 40.6892, -74.0445, 5574840, 2000}, // Big Ben to the Statue of Liberty
		{0, 0, 0, 180, math.Pi * EarthRadius, 1e-6},
	}
	for _, tc := range tests {
		if got := Distance(tc.lat1, tc.lon1, tc.lat2, tc.lon2); math.Abs(got-tc.want) > tc.tol {
			t.Errorf("Distance(%v,%v,%v,%v) = %.3f, want %.3f", tc.lat1, tc.lon1, tc.lat2, tc.lon2, got, tc.want)
		}
	}
	if !math.IsNaN(Distance(math.NaN(), 0, 0, 0)) {
		t.Error("NaN input gave a number")
	}
}

func TestOffset(t *testing.T) {
	for _, d := range []float64{1, 400, 10000} {
		for _, b := range []float64{0, 1, math.Pi / 2, 4} {
			lat, lon := Offset(59.9489, 10.7346, d, b)
			if got := Distance(59.9489, 10.7346, lat, lon); math.Abs(got-d) > 1e-6*d {
				t.Errorf("Offset %v m at %v rad is %v m away", d, b, got)
			}
		}
	}
}
