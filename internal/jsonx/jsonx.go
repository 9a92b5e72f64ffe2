// Package jsonx holds the JSON helpers lapkit's reports share.
package jsonx

import (
	"math"
	"strconv"
)

// Float is a float64 that marshals NaN and ±Inf as null, so that nothing
// invalid reaches JSON, and other values with the shortest exact form.
type Float float64

// MarshalJSON implements json.Marshaler.
func (f Float) MarshalJSON() ([]byte, error) {
	v := float64(f)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, v, 'f', -1, 64), nil
}

// Round returns f rounded to n decimals, NaN staying NaN.
func Round(f float64, n int) Float {
	p := math.Pow(10, float64(n))
	return Float(math.Round(f*p) / p)
}
