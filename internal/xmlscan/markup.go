package xmlscan

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

func (s *Scanner) readStart() (Kind, error) {
	// Most start tags are a name and '>': the name's scan finds the end,
	// and the tag is not scanned twice. A quote in the name leaves it to
	// tagEnd, which reads past quoted text.
	if b := s.buf[s.pos:s.end]; len(b) > 2 {
		// The name's scan finds its first colon too, so that its local
		// part is not looked for twice.
		k, first := 1, -1
		for {
			for k < len(b) && class[b[k]]&(nameEnd|quote|colon) == 0 {
				k++
			}
			if k < len(b) && b[k] == ':' {
				if first < 0 {
					first = k
				}
				k++
				continue
			}
			break
		}
		if k < len(b) && b[k] == '>' && k > 1 {
			local := 0 // as localOf
			if first > 1 && first < k-1 {
				local = first
			}
			s.localLo, s.localHi = s.pos+1+local, s.pos+k
			s.nattrs = 0
			s.push(b[1:k], local)
			s.advance(k + 1)
			return Start, nil
		}
	}
	n := s.tagEnd()
	if n < 0 {
		return 0, s.eof()
	}
	tag := s.buf[s.pos+1 : s.pos+n] // without < and >
	self := len(tag) > 0 && tag[len(tag)-1] == '/'
	if self {
		tag = tag[:len(tag)-1]
	}
	k, colon := 0, -1
	for k < len(tag) && !isNameEnd(tag[k]) {
		if tag[k] == ':' && colon < 0 {
			colon = k
		}
		k++
	}
	if k == 0 {
		return 0, s.syntax("expected element name after <")
	}
	full := tag[:k]
	s.localLo, s.localHi = s.pos+1, s.pos+1+k
	if colon > 0 && colon < k-1 { // as localOf
		s.localLo = s.pos + 1 + colon + 1
	}
	s.nattrs = 0
	rest := tag[k:]
	for {
		rest = trimLeft(rest)
		if len(rest) == 0 {
			break
		}
		a := 0
		for a < len(rest) && !isNameEnd(rest[a]) {
			a++
		}
		if a == 0 {
			return 0, s.syntax("expected attribute name in element")
		}
		name := rest[:a]
		rest = trimLeft(rest[a:])
		if len(rest) == 0 || rest[0] != '=' {
			return 0, s.syntax("attribute name without = in element")
		}
		rest = trimLeft(rest[1:])
		if len(rest) == 0 || rest[0] != '"' && rest[0] != '\'' {
			return 0, s.syntax("unquoted or missing attribute value in element")
		}
		q := bytes.IndexByte(rest[1:], rest[0])
		if q < 0 {
			return 0, s.syntax("unquoted or missing attribute value in element")
		}
		v, err := s.decode(rest[1 : 1+q])
		if err != nil {
			return 0, err
		}
		if s.nattrs == len(s.attrs) {
			s.attrs = append(s.attrs, Attr{})
			s.attrs = s.attrs[:cap(s.attrs)]
		}
		s.attrs[s.nattrs] = Attr{Local: localOf(name), Value: v}
		s.nattrs++
		rest = rest[q+2:]
	}
	s.push(full, s.localLo-(s.pos+1))
	s.advance(n + 1)
	s.closing = self
	return Start, nil
}

func (s *Scanner) readEnd() (Kind, error) {
	// Most end tags close the open element by its name and '>' at once
	// (names with a quote are left to tagEnd, which reads past quotes).
	if s.nends > 0 {
		open := s.names[s.openAt():s.nnames]
		if b := s.buf[s.pos:s.end]; len(b) > len(open)+2 && b[len(open)+2] == '>' && bytes.Equal(b[2:len(open)+2], open) && !quoted(open) {
			s.localLo, s.localHi = s.pos+2+s.locals[s.nends-1], s.pos+2+len(open)
			s.pop()
			s.advance(len(open) + 3)
			return End, nil
		}
	}
	n := s.tagEnd()
	if n < 0 {
		return 0, s.eof()
	}
	name := s.buf[s.pos+2 : s.pos+n]
	for len(name) > 0 && isSpace(name[len(name)-1]) { // bytes.TrimRight builds its set each call
		name = name[:len(name)-1]
	}
	if s.nends == 0 {
		return 0, s.syntax("unexpected end element </%s>", name)
	}
	open := s.names[s.openAt():s.nnames]
	if !bytes.Equal(name, open) {
		return 0, s.syntax("element <%s> closed by </%s>", open, name)
	}
	s.localLo, s.localHi = s.pos+2+s.locals[s.nends-1], s.pos+2+len(name)
	s.pop()
	s.advance(n + 1)
	return End, nil
}

// openAt is where the innermost open element's name starts in names.
func (s *Scanner) openAt() int {
	if s.nends < 2 {
		return 0
	}
	return s.ends[s.nends-2]
}

// push opens an element of the name given, its local part from local on.
// The names, their ends and local parts are kept in buffers with lengths
// of their own, so that no slice is stored an element (a pointer written,
// the collector's write barrier).
func (s *Scanner) push(name []byte, local int) {
	if s.nnames+len(name) > len(s.names) {
		s.names = append(s.names[:s.nnames], name...)
		s.names = s.names[:cap(s.names)]
	} else {
		copy(s.names[s.nnames:], name)
	}
	s.nnames += len(name)
	if s.nends == len(s.ends) {
		s.ends = append(s.ends, 0)
		s.ends = s.ends[:cap(s.ends)]
		s.locals = append(s.locals, make([]int, len(s.ends)-len(s.locals))...)
	}
	s.ends[s.nends] = s.nnames
	s.locals[s.nends] = local
	s.nends++
}

func (s *Scanner) pop() {
	s.nnames = s.openAt()
	s.nends--
}

// localOf is the local part of a name as encoding/xml splits it: what
// follows the colon, unless the colon begins or ends the name (":", ":a",
// "a:" are local names whole). encoding/xml refuses a name with more
// colons; here the first one splits it. Names are short: a loop, not a
// search.
func localOf(name []byte) []byte {
	for i, c := range name {
		if c == ':' {
			if i > 0 && i < len(name)-1 {
				return name[i+1:]
			}
			return name
		}
	}
	return name
}

func trimLeft(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	return b
}

// readPI skips a processing instruction; the XML declaration may switch
// the encoding. As in encoding/xml, the target is the name after "<?" (any
// byte from 0x80 up counts as a name byte), and the encoding is the first
// "encoding=" followed by a quote; a label other than UTF-8 goes to the
// charset function (which maps "us-ascii", as browsers do, to
// windows-1252).
func (s *Scanner) readPI() error {
	n := s.until(2, "?>")
	if n < 0 {
		return s.eof()
	}
	pi := s.buf[s.pos+2 : s.pos+n]
	s.advance(n + 2)
	if !bytes.HasPrefix(pi, []byte("xml")) || len(pi) > 3 && (pi[3] >= utf8.RuneSelf || isNameByte(pi[3])) {
		return nil
	}
	enc := declared(string(pi[3:]), "encoding")
	if enc == "" || strings.EqualFold(enc, "utf-8") {
		return nil
	}
	if s.charsetFn == nil {
		return fmt.Errorf("xml: encoding %q declared but no charset reader", enc)
	}
	r, err := s.charsetFn(enc, s.Rest())
	if err != nil {
		return fmt.Errorf("xml: opening charset %q: %w", enc, err)
	}
	s.r, s.pos, s.end = r, 0, 0
	if s.rerr == io.EOF {
		s.rerr = nil
	}
	return nil
}

// isNameByte reports whether the ASCII byte c may stand in a name, as
// encoding/xml reads names.
func isNameByte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '_' || c == ':' || c == '.' || c == '-'
}

// declared returns the value of the pseudo-attribute param of an XML
// declaration's content as encoding/xml finds it: at the first "param="
// that a quote follows, up to the next such quote; "" when there is none
// (spaces around the '=' hide it, there as here).
func declared(content, param string) string {
	param += "="
	for i := 0; i < len(content); {
		sub := content[i:]
		k := strings.Index(sub, param)
		if k < 0 || k+len(param) >= len(sub) {
			return ""
		}
		i += k + len(param) + 1
		if q := sub[k+len(param)]; q == '"' || q == '\'' {
			if j := strings.IndexByte(content[i:], q); j >= 0 {
				return content[i : i+j]
			}
			return ""
		}
	}
	return ""
}

// readBang reads a comment (skipped), a CDATA section (Text) or a
// declaration (skipped); it returns 0 for what it skipped.
func (s *Scanner) readBang() (Kind, error) {
	for s.end-s.pos < 9 && s.fill() {
	}
	b := s.buf[s.pos:s.end]
	switch {
	case bytes.HasPrefix(b, []byte("<!--")):
		n := s.until(4, "-->")
		if n < 0 {
			return 0, s.eof()
		}
		s.advance(n + 3)
		return 0, nil
	case bytes.HasPrefix(b, []byte("<![CDATA[")):
		n := s.until(9, "]]>")
		if n < 0 {
			return 0, s.eof()
		}
		text := s.decodeCR(s.buf[s.pos+9 : s.pos+n])
		s.setText(text, s.pos+9)
		s.advance(n + 3)
		return Text, nil
	}
	// <!DOCTYPE ...> and the like: to the '>' that balances its '<'s
	// (the declarations of an internal subset), past quoted strings and
	// comments, as encoding/xml reads a directive (taking the byte after
	// "<!" as it is).
	depth, i := 0, 3
	var quote byte
	for {
		b := s.buf[s.pos:s.end]
		for ; i < len(b); i++ {
			c := b[i]
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '<':
				if i+4 > len(b) && s.rerr == nil {
					goto more // "<!--" may start here
				}
				if bytes.HasPrefix(b[i:], []byte("<!--")) {
					n := s.until(i+4, "-->")
					if n < 0 {
						return 0, s.eof()
					}
					b = s.buf[s.pos:s.end]
					i = n + 2
					continue
				}
				depth++
			case c == '>':
				if depth == 0 {
					s.advance(i + 1)
					return 0, nil
				}
				depth--
			}
		}
	more:
		// At the end of the input a '<' in the last bytes is read as
		// it is: no "<!--" can start there.
		if !s.fill() && i >= s.end-s.pos {
			return 0, s.eof()
		}
	}
}

// decodeCR normalises the line ends of CDATA, which has no references.
func (s *Scanner) decodeCR(raw []byte) []byte {
	if bytes.IndexByte(raw, '\r') < 0 {
		return raw
	}
	out := s.scratch[:0]
	for i := 0; i < len(raw); i++ {
		if raw[i] == '\r' {
			out = append(out, '\n')
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
			continue
		}
		out = append(out, raw[i])
	}
	s.scratch = out
	return out
}

// quoted reports whether name holds a quote.
func quoted(name []byte) bool {
	for _, c := range name {
		if class[c]&quote != 0 {
			return true
		}
	}
	return false
}
