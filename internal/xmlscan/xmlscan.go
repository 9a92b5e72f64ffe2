// Package xmlscan reads the elements and text of an XML document as a
// stream of events, for the GPX and TCX decoders: faster than
// encoding/xml's Token, which reads a byte at a time through an interface
// and builds strings, and as strict where those decoders need it.
//
// It checks that the document is well formed as far as its elements go
// (every end tag closes the element open, quoted attribute values, known
// entities), decodes character and entity references in text and
// attribute values, turns "\r\n" and "\r" into "\n" in text, switches to
// the encoding an XML declaration names (through CharsetReader), and skips
// comments, processing instructions and the document type declaration,
// whose entities it does not define. Names are split at the colon of
// their prefix; namespaces are not resolved.
package xmlscan

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math/bits"
	"strconv"
	"unicode/utf8"
)

// A Kind is the kind of event Next read.
type Kind uint8

// Event kinds.
const (
	Start Kind = iota + 1 // a start tag (a self-closing one is followed by its End)
	End                   // an end tag
	Text                  // character data, CDATA included
)

// An Attr is an attribute of a start tag: its local name and its decoded
// value, valid until the next call of Next.
type Attr struct {
	Local, Value []byte
}

// A SyntaxError is a document that is not well formed, at a line.
type SyntaxError struct {
	Msg  string
	Line int
}

func (e *SyntaxError) Error() string {
	return "XML syntax error on line " + strconv.Itoa(e.Line) + ": " + e.Msg
}

// A Scanner reads the events of one document. Make one with New.
type Scanner struct {
	r        io.Reader
	buf      []byte
	pos, end int
	rerr     error // the read error after buf[end], io.EOF at the end
	line     int   // the line of buf[lpos]: lines are counted when asked for, and once per refill
	lpos     int
	// The local name and the text of the last event are where they lie in
	// buf, as indices (no pointer written an event: the collector's
	// write barrier costs more than the event); a text that had to be
	// decoded is in own.
	localLo, localHi int
	textLo, textHi   int
	owned            bool // the text is own
	own              []byte
	attrs            []Attr // the first nattrs are the event's
	nattrs           int
	scratch          []byte // decoded text and attribute values
	names            []byte // the full names of the open elements, end to end, in names[:nnames]
	ends             []int  // where each open element's name ends in names, in ends[:nends]
	locals           []int  // where each open element's local name starts in its name, in locals[:nends]
	nnames, nends    int
	closing          bool // the last Start closed itself: End comes next
	skipSpace        bool // SkipSpace
	charsetFn        func(label string, r io.Reader) (io.Reader, error)
}

// New returns a scanner of r. charset, when not nil, is called for an XML
// declaration whose encoding is not UTF-8, with the rest
// of the input, and the scanner reads what it returns.
func New(r io.Reader, charset func(label string, r io.Reader) (io.Reader, error)) *Scanner {
	return &Scanner{r: r, buf: make([]byte, 64<<10), line: 1, charsetFn: charset}
}

// SkipSpace, when set, drops text that is white space alone (the
// indentation between tags, four in ten events of a watch's TCX) rather
// than returning it as a Text event. The decoders that never read such
// text set it.
func (s *Scanner) SkipSpace() { s.skipSpace = true }

// Line returns the line of the input the scanner has read to.
func (s *Scanner) Line() int {
	s.count()
	return s.line
}

// count brings line up to buf[pos].
func (s *Scanner) count() {
	s.line += bytes.Count(s.buf[s.lpos:s.pos], nl)
	s.lpos = s.pos
}

// Local returns the local name of the element of a Start or End event.
func (s *Scanner) Local() []byte { return s.buf[s.localLo:s.localHi] }

// Attrs returns the attributes of a Start event.
func (s *Scanner) Attrs() []Attr { return s.attrs[:s.nattrs] }

// Text returns the text of a Text event.
func (s *Scanner) Text() []byte {
	if s.owned {
		return s.own
	}
	return s.buf[s.textLo:s.textHi]
}

// setText makes text, raw bytes of buf from lo or decoded ones, the
// event's text.
func (s *Scanner) setText(text []byte, lo int) {
	if len(text) > 0 && lo+len(text) <= len(s.buf) && &text[0] == &s.buf[lo] {
		s.owned, s.textLo, s.textHi = false, lo, lo+len(text)
		return
	}
	s.owned, s.own = true, text
}

// Depth returns the number of elements open.
func (s *Scanner) Depth() int { return s.nends }

// Rest returns the input not yet read.
func (s *Scanner) Rest() io.Reader {
	return io.MultiReader(bytes.NewReader(s.buf[s.pos:s.end]), s.r)
}

// fill reads more input after buf[end], moving what is unread to the front
// and growing the buffer when it is full (so that the buffer holds the
// longest tag or run of text: the decoders bound those with limit.Text);
// it reports whether it read any.
func (s *Scanner) fill() bool {
	if s.rerr != nil {
		return false
	}
	if s.pos > 0 {
		s.count()
		n := copy(s.buf, s.buf[s.pos:s.end])
		s.pos, s.end, s.lpos = 0, n, 0
	}
	if s.end == len(s.buf) {
		s.buf = append(s.buf, make([]byte, len(s.buf))...)
	}
	for range 100 {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			s.rerr = err
		}
		if n > 0 || err != nil {
			return n > 0
		}
	}
	s.rerr = io.ErrNoProgress
	return false
}

// advance moves past n bytes (their lines are counted later, count).
func (s *Scanner) advance(n int) { s.pos += n }

var nl = []byte{'\n'}

func (s *Scanner) syntax(format string, args ...any) error {
	return &SyntaxError{Msg: fmt.Sprintf(format, args...), Line: s.Line()}
}

// eof is the error at the end of the input inside a construct.
func (s *Scanner) eof() error {
	if s.rerr != nil && s.rerr != io.EOF {
		return s.rerr
	}
	return s.syntax("unexpected EOF")
}

// Next reads the next event. At the end of the input it returns io.EOF
// (whether or not every element was closed: Depth tells); a read error of
// the input is returned as it is.
func (s *Scanner) Next() (Kind, error) {
	s.scratch = s.scratch[:0]
	if s.closing {
		s.closing = false
		s.pop()
		return End, nil
	}
	for {
		if s.pos == s.end && !s.fill() {
			if s.rerr == io.EOF {
				return 0, io.EOF
			}
			return 0, s.rerr
		}
		if s.buf[s.pos] != '<' {
			if s.skipSpace && s.space() {
				continue
			}
			return s.readText()
		}
		// A tag, a comment, a CDATA section, a processing instruction or
		// a declaration: the whole of it in the buffer.
		for s.end-s.pos < 2 {
			if !s.fill() {
				return 0, s.eof()
			}
		}
		switch c := s.buf[s.pos+1]; c {
		case '/':
			return s.readEnd()
		case '?':
			if err := s.readPI(); err != nil {
				return 0, err
			}
		case '!':
			k, err := s.readBang()
			if err != nil || k != 0 {
				return k, err
			}
		default:
			return s.readStart()
		}
	}
}

// until returns the index, from buf[from], of the first occurrence of pat,
// reading more input as needed; -1 at the end of the input.
func (s *Scanner) until(from int, pat string) int {
	for {
		if i := bytes.Index(s.buf[s.pos+from:s.end], []byte(pat)); i >= 0 {
			return from + i
		}
		from = max(from, s.end-s.pos-len(pat)+1)
		if !s.fill() {
			return -1
		}
	}
}

// plain reports whether raw holds neither '&' nor '\r': one loop over a
// value's few bytes, not two searches.
func plain(raw []byte) bool {
	if len(raw) > 64 {
		return bytes.IndexByte(raw, '&') < 0 && bytes.IndexByte(raw, '\r') < 0
	}
	for _, c := range raw {
		if c == '&' || c == '\r' {
			return false
		}
	}
	return true
}

// space skips the text at buf[pos] when it is white space up to a start
// or end tag (reading more input as needed), and reports whether it did.
// White space before a comment, a CDATA section or a processing
// instruction is kept: text on either side of those is one text, spaces
// included.
func (s *Scanner) space() bool {
	i := s.pos
	for {
		// Indentation is mostly spaces: eight bytes at a time, up to
		// the first that is not a space, then that byte alone (a new
		// line, a tab) or the end of the run.
		for i < s.end {
			if i+8 <= s.end {
				if x := binary.LittleEndian.Uint64(s.buf[i:]) ^ 0x2020202020202020; x == 0 {
					i += 8
					continue
				} else if k := bits.TrailingZeros64(x) / 8; k > 0 {
					i += k // spaces up to the byte that is not one
				}
			}
			if class[s.buf[i]]&space == 0 {
				break
			}
			i++
		}
		if i < s.end {
			if s.buf[i] != '<' || i+1 >= s.end || s.buf[i+1] == '!' || s.buf[i+1] == '?' {
				return false
			}
			s.advance(i - s.pos)
			return true
		}
		n := i - s.pos
		if !s.fill() {
			if s.rerr == io.EOF { // white space to the end
				s.advance(n)
				return true
			}
			return false
		}
		i = s.pos + n
	}
}

func (s *Scanner) readText() (Kind, error) {
	i := bytes.IndexByte(s.buf[s.pos:s.end], '<')
	for i < 0 {
		if !s.fill() {
			if s.rerr != io.EOF {
				return 0, s.rerr
			}
			i = s.end - s.pos
			break
		}
		i = bytes.IndexByte(s.buf[s.pos:s.end], '<')
	}
	raw := s.buf[s.pos : s.pos+i]
	text, err := s.decode(raw)
	if err != nil {
		return 0, err
	}
	s.setText(text, s.pos)
	s.advance(i)
	return Text, nil
}

// decode returns raw, text or an attribute value, with its references
// decoded and its line ends ("\r\n", "\r") made "\n", as encoding/xml
// does; raw itself when it has neither.
func (s *Scanner) decode(raw []byte) ([]byte, error) {
	if plain(raw) {
		return raw, nil
	}
	start := len(s.scratch)
	out := s.scratch
	for i := 0; i < len(raw); {
		c := raw[i]
		switch c {
		case '\r':
			out = append(out, '\n')
			i++
			if i < len(raw) && raw[i] == '\n' {
				i++
			}
			continue
		case '&':
		default:
			out = append(out, c)
			i++
			continue
		}
		j := bytes.IndexByte(raw[i:], ';')
		if j < 0 {
			return nil, s.syntax("invalid character entity %s (no semicolon)", clip(raw[i:]))
		}
		name := raw[i+1 : i+j]
		switch string(name) {
		case "lt":
			out = append(out, '<')
		case "gt":
			out = append(out, '>')
		case "amp":
			out = append(out, '&')
		case "apos":
			out = append(out, '\'')
		case "quot":
			out = append(out, '"')
		default:
			r, ok := charRef(name)
			if !ok {
				return nil, s.syntax("invalid character entity &%s;", name)
			}
			out = utf8.AppendRune(out, r)
		}
		i += j + 1
	}
	s.scratch = out
	return out[start:], nil
}

// charRef reads a character reference's name: "#38" or "#x26".
func charRef(name []byte) (rune, bool) {
	if len(name) < 2 || name[0] != '#' {
		return 0, false
	}
	base, digits := 10, name[1:]
	if digits[0] == 'x' {
		base, digits = 16, digits[1:]
	}
	n, err := strconv.ParseUint(string(digits), base, 32)
	if err != nil || n == 0 || n > utf8.MaxRune {
		return 0, false
	}
	if n >= 0xD800 && n < 0xE000 { // a surrogate: U+FFFD, as encoding/xml writes string(rune(n))
		return utf8.RuneError, true
	}
	return rune(n), true
}

func clip(b []byte) string {
	if len(b) > 20 {
		b = b[:20]
	}
	return string(b)
}

// isSpace reports whether c is XML white space.
func isSpace(c byte) bool { return class[c]&space != 0 }

// isNameEnd reports whether c ends a name in a tag.
func isNameEnd(c byte) bool { return class[c]&nameEnd != 0 }

// class holds what each byte is to the scanner: one load a byte where
// names and white space are scanned.
var class = func() (t [256]uint8) {
	for _, c := range " \n\t\r" {
		t[c] |= space | nameEnd
	}
	for _, c := range "/>=" {
		t[c] |= nameEnd
	}
	t['"'] |= quote
	t['\''] |= quote
	t[':'] |= colon
	return t
}()

const (
	space   = 1 << iota // XML white space
	nameEnd             // ends a name in a tag
	quote               // opens an attribute value: the tag's end is past its close
	colon               // splits a name's prefix from its local part
)

// hasByte marks, in the high bit of each byte, the bytes of x equal to c;
// the lowest mark is exact (a borrow can only mark bytes above it).
func hasByte(x uint64, c byte) uint64 {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	y := x ^ (lo * uint64(c))
	return (y - lo) &^ y & hi
}

// tagEnd returns the index from buf[pos] of the '>' that ends the tag
// there, past quoted attribute values, reading more input as needed; -1 at
// the end of the input.
func (s *Scanner) tagEnd() int {
	var quote byte
	i := 1
	for {
		b := s.buf[s.pos:s.end]
		if quote == 0 {
			// Most tags hold no quote: run to the '>' eight bytes at a
			// time, then a byte at a time, and leave the quote handling
			// to the loop below from the first quote.
			for ; i+8 <= len(b); i += 8 {
				x := binary.LittleEndian.Uint64(b[i:])
				if m := hasByte(x, '>') | hasByte(x, '"') | hasByte(x, '\''); m != 0 {
					i += bits.TrailingZeros64(m) / 8 // the first: exact
					break
				}
			}
			for ; i < len(b); i++ {
				if c := b[i]; c == '>' {
					return i
				} else if c == '"' || c == '\'' {
					break
				}
			}
		}
		for ; i < len(b); i++ {
			c := b[i]
			if quote != 0 {
				if c == quote {
					quote = 0
				}
				continue
			}
			switch c {
			case '"', '\'':
				quote = c
			case '>':
				return i
			}
		}
		if !s.fill() {
			return -1
		}
	}
}
