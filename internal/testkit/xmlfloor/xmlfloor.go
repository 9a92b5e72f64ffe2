// Package xmlfloor is the floor the XML decoders' benchmarks measure
// against: encoding/xml reading every token of a document and keeping
// none.
package xmlfloor

import (
	"bytes"
	"encoding/xml"
)

// TokenLoop reads every token of data with encoding/xml's Decoder.Token
// and returns how many it read before the end or the first error.
func TokenLoop(data []byte) int {
	d := xml.NewDecoder(bytes.NewReader(data))
	n := 0
	for {
		if _, err := d.Token(); err != nil {
			return n
		}
		n++
	}
}
