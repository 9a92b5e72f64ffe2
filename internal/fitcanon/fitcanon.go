// Package fitcanon makes the bytes of a FIT file written by tormoder/fit's
// encoder the same from run to run.
package fitcanon

import (
	"encoding/binary"
	"errors"
	"sort"

	"github.com/lapkit/lapkit/internal/crc16"
)

// Canonical reorders the fields of every definition message (and of the
// data messages that use it) by field number and recomputes the CRC.
// tormoder/fit's encoder collects fields in a map, so its field order, and
// so its bytes, change from run to run; the generator and the workout
// files lapkit writes must be deterministic.
// It handles what that encoder writes: normal headers, no developer fields.
func Canonical(b []byte) ([]byte, error) {
	if len(b) < 14 || b[0] != 14 {
		return nil, errors.New("fitcanon: unexpected FIT header")
	}
	out := append([]byte(nil), b...)
	end := 14 + int(binary.LittleEndian.Uint32(b[4:8]))
	type def struct {
		perm  []int // new position -> old field index
		offs  []int // old field offsets
		sizes []int
		size  int
	}
	var defs [16]*def
	for p := 14; p < end; {
		h := b[p]
		if h&0x80 != 0 || h&0x20 != 0 {
			return nil, errors.New("fitcanon: unexpected record header")
		}
		if h&0x40 != 0 {
			n := int(b[p+5])
			d := &def{}
			type fd struct {
				num, size, base byte
				i               int
			}
			fs := make([]fd, n)
			off := 0
			for i := range fs {
				q := p + 6 + 3*i
				fs[i] = fd{b[q], b[q+1], b[q+2], i}
				d.offs = append(d.offs, off)
				d.sizes = append(d.sizes, int(b[q+1]))
				off += int(b[q+1])
			}
			d.size = off
			sort.Slice(fs, func(i, j int) bool { return fs[i].num < fs[j].num })
			for i, f := range fs {
				q := p + 6 + 3*i
				out[q], out[q+1], out[q+2] = f.num, f.size, f.base
				d.perm = append(d.perm, f.i)
			}
			defs[h&0x0F] = d
			p += 6 + 3*n
			continue
		}
		d := defs[h&0x0F]
		if d == nil {
			return nil, errors.New("synth: data before definition")
		}
		w := p + 1
		for _, old := range d.perm {
			w += copy(out[w:], b[p+1+d.offs[old]:p+1+d.offs[old]+d.sizes[old]])
		}
		p += 1 + d.size
	}
	binary.LittleEndian.PutUint16(out[end:], crc16.Update(0, out[:end]))
	return out, nil
}
