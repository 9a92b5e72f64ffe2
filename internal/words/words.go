// Package words writes counts in the sentences lapkit prints: notes,
// errors and reports.
package words

import "strconv"

// Count returns n and what, in the plural unless n is 1: "1 sample",
// "3 samples", "0 samples". What is a singular noun whose plural adds s.
func Count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}
