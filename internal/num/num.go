// Package num parses the numbers of GPX and TCX values at the speed their
// count asks for: a plain decimal ("59.948912", "-3.5", "120") of up to
// 15 significant digits is worked out exactly as strconv's own exact
// path does (its digits as an integer, divided by a power of ten both
// hold exactly: IEEE division rounds once, correctly); anything else goes
// to strconv.ParseFloat, errors included.
package num

import "strconv"

// pow10 are the powers of ten a float64 holds exactly.
var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
	1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// ParseFloat returns what strconv.ParseFloat(string(b), 64) returns.
func ParseFloat(b []byte) (float64, error) {
	if v, ok := decimal(b); ok {
		return v, nil
	}
	return strconv.ParseFloat(string(b), 64)
}

// decimal parses [+-]digits[.digits] with at least one digit, at most 15
// in all, exactly; ok is false for anything else.
func decimal(b []byte) (float64, bool) {
	i, neg := 0, false
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg, i = b[0] == '-', 1
	}
	var m uint64
	start := i
	for ; i < len(b) && b[i]-'0' < 10; i++ {
		m = m*10 + uint64(b[i]-'0')
	}
	digits, frac := i-start, 0
	if i < len(b) && b[i] == '.' {
		i++
		f := i
		for ; i < len(b) && b[i]-'0' < 10; i++ {
			m = m*10 + uint64(b[i]-'0')
		}
		frac = i - f
		digits += frac
	}
	if i != len(b) || digits == 0 || digits > 15 {
		return 0, false
	}
	v := float64(m)
	if neg {
		v = -v
	}
	return v / pow10[frac], true
}
