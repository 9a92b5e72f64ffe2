package lapkit

import (
	"math"
	"strconv"
)

// An Opt is an optional measurement in a report: Valid is false when the
// value is absent (no heart-rate strap, no altitude), so that reports never
// carry NaN. It marshals to JSON as a number, or null when absent.
type Opt struct {
	Value float64
	Valid bool
}

// Some returns a valid Opt of v, or an absent one when v is NaN or ±Inf.
func Some(v float64) Opt {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return Opt{}
	}
	return Opt{Value: v, Valid: true}
}

// Or returns the value, or d when absent.
func (o Opt) Or(d float64) float64 {
	if o.Valid {
		return o.Value
	}
	return d
}

// MarshalJSON implements json.Marshaler: the value, or null when absent.
func (o Opt) MarshalJSON() ([]byte, error) {
	if !o.Valid || math.IsNaN(o.Value) || math.IsInf(o.Value, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, o.Value, 'f', -1, 64), nil
}

// UnmarshalJSON implements json.Unmarshaler.
func (o *Opt) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*o = Opt{}
		return nil
	}
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return err
	}
	*o = Opt{Value: v, Valid: true}
	return nil
}

// String returns the value, or "-" when absent.
func (o Opt) String() string {
	if !o.Valid {
		return "-"
	}
	return strconv.FormatFloat(o.Value, 'f', -1, 64)
}
