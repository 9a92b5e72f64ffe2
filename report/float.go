package report

import (
	"errors"
	"math"
	"strconv"
)

// A Float is a number of the report. The model writes an absent value (no
// heart-rate strap, no target, a figure that does not stand) as NaN; a Float
// marshals NaN and ±Inf as null, so that nothing invalid reaches JSON, and
// every other value in its shortest exact form. null unmarshals as NaN.
type Float float64

// Round returns v rounded to n decimals as a Float; NaN stays NaN, and a
// value that rounds to zero is 0, never -0 (-0.0004 s of half split).
func Round(v float64, n int) Float {
	p := math.Pow(10, float64(n))
	r := math.Round(v*p) / p
	if r == 0 {
		r = math.Copysign(0, 1) // drops the sign of -0
	}
	return Float(r)
}

// Valid reports whether f holds a value: not NaN, not infinite.
func (f Float) Valid() bool {
	v := float64(f)
	return !math.IsNaN(v) && !math.IsInf(v, 0)
}

// Or returns f as a float64, or d when f is absent.
func (f Float) Or(d float64) float64 {
	if !f.Valid() {
		return d
	}
	return float64(f)
}

// String returns the value, or "-" when absent.
func (f Float) String() string {
	if !f.Valid() {
		return "-"
	}
	return strconv.FormatFloat(float64(f), 'f', -1, 64)
}

// MarshalJSON implements json.Marshaler: the value, or null when absent;
// 0 for -0.
func (f Float) MarshalJSON() ([]byte, error) {
	return f.appendJSON(nil), nil
}

// appendJSON appends what MarshalJSON writes.
func (f Float) appendJSON(b []byte) []byte {
	if !f.Valid() {
		return append(b, "null"...)
	}
	v := float64(f)
	if v == 0 {
		v = math.Copysign(0, 1) // -0 marshals as 0
	}
	if b, ok := appendMillis(b, v); ok {
		return b
	}
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}

// UnmarshalJSON implements json.Unmarshaler: null reads as NaN. A nil f
// is an error.
func (f *Float) UnmarshalJSON(b []byte) error {
	if f == nil {
		return errors.New("report: UnmarshalJSON into a nil *Float")
	}
	if string(b) == "null" {
		*f = Float(math.NaN())
		return nil
	}
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return err
	}
	*f = Float(v)
	return nil
}

// positive is v, or absent when v is not above zero (a planned rest or
// length that the plan leaves out).
func positive(v float64) Float {
	if !(v > 0) {
		return Float(math.NaN())
	}
	return Float(v)
}
