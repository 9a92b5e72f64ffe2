package xmlscan_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/lapkit/lapkit/internal/testkit/realdata"
	"github.com/lapkit/lapkit/internal/xmlscan"
	"golang.org/x/net/html/charset"
)

// eventLog lists the events of a document as lines: "S name a=v" for a
// start tag, "T text" for text (adjacent pieces joined), "E name" for an
// end tag.
type eventLog struct {
	out  []string
	text strings.Builder
}

func (l *eventLog) flush() {
	if l.text.Len() > 0 {
		l.out = append(l.out, "T "+l.text.String())
		l.text.Reset()
	}
}

func (l *eventLog) start(s string)  { l.flush(); l.out = append(l.out, "S "+s) }
func (l *eventLog) end(name string) { l.flush(); l.out = append(l.out, "E "+name) }

func (l *eventLog) lines() []string { l.flush(); return l.out }

// stdEvents lists what encoding/xml reads from doc, and whether it failed.
func stdEvents(doc []byte) ([]string, bool) {
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.CharsetReader = charset.NewReaderLabel
	var l eventLog
	for {
		tok, err := d.Token()
		if err != nil {
			return l.lines(), err != io.EOF
		}
		switch t := tok.(type) {
		case xml.StartElement:
			s := t.Name.Local
			for _, a := range t.Attr {
				s += fmt.Sprintf(" %s=%q", a.Name.Local, a.Value)
			}
			l.start(s)
		case xml.EndElement:
			l.end(t.Name.Local)
		case xml.CharData:
			l.text.Write(t)
		}
	}
}

// scanEvents lists what the scanner reads from r, whether it failed (an
// error, or elements left open), and its error.
func scanEvents(r io.Reader) ([]string, bool, error) { return scanEventsWith(r, false) }

func scanEventsWith(r io.Reader, skipSpace bool) ([]string, bool, error) {
	sc := xmlscan.New(r, charset.NewReaderLabel)
	if skipSpace {
		sc.SkipSpace()
	}
	var l eventLog
	for {
		k, err := sc.Next()
		if err == io.EOF {
			return l.lines(), sc.Depth() != 0, nil
		}
		if err != nil {
			return l.lines(), true, err
		}
		switch k {
		case xmlscan.Start:
			s := string(sc.Local())
			for _, a := range sc.Attrs() {
				s += fmt.Sprintf(" %s=%q", a.Local, a.Value)
			}
			l.start(s)
		case xmlscan.End:
			l.end(string(sc.Local()))
		case xmlscan.Text:
			l.text.Write(sc.Text())
		}
	}
}

var snippets = []string{
	`<a x="1" y='2'>t&amp;&lt;&#65;&#x42;</a>`,
	`<?xml version="1.0" encoding="UTF-8"?><!-- c --><!DOCTYPE a [<!ELEMENT a ANY>]><a><![CDATA[<x>&amp;]]></a>`,
	"<a>\r\nx\ry</a>",
	`<p:a xmlns:p="u"><p:b p:c="v > w"/></p:a>`,
	`<a><b></a>`,
	`<a x=1></a>`,
	`<a>&nope;</a>`,
	`<a><b>`,
	`<a>x</a><b/>`,
	`<?xml version="1.0" encoding="ISO-8859-1"?><a>` + "\xe6\xf8\xe5" + `</a>`,
	`<a  x = "1" ></a >`,
	`</a>`,
	`<a><!-- <b> --></a>`,
	`<?pi x?><a/>`,
}

// TestAgainstEncodingXML: the events and the failure of each snippet, each
// bundled GPX and TCX and every real one, read whole and a byte at a time,
// are encoding/xml's.
func TestAgainstEncodingXML(t *testing.T) {
	docs := map[string][]byte{}
	for i, s := range snippets {
		docs[fmt.Sprint("snippet ", i)] = []byte(s)
	}
	for _, pat := range []string{"../../testdata/*.gpx", "../../testdata/*.tcx"} {
		files, _ := filepath.Glob(pat)
		for _, f := range files {
			b, _ := os.ReadFile(f)
			docs[f] = b
		}
	}
	if _, err := os.Stat("../../../shared/realdata"); err == nil {
		for _, f := range realdata.Sample(realdata.Files(t, ".gpx", ".tcx")) {
			b, _ := os.ReadFile(f)
			docs[realdata.Rel(t, f)] = b
		}
	}
	events, failed := 0, 0
	for name, doc := range docs {
		want, wantErr := stdEvents(doc)
		events += len(want)
		if wantErr {
			failed++
		}
		for _, r := range []io.Reader{bytes.NewReader(doc), iotest.OneByteReader(bytes.NewReader(doc))} {
			got, gotErr, err := scanEvents(r)
			if gotErr != wantErr {
				t.Errorf("%s: failed %v (%v), encoding/xml %v", name, gotErr, err, wantErr)
			}
			if wantErr {
				continue // the events before the fault may differ in where they stop
			}
			if len(got) != len(want) {
				t.Errorf("%s: %d events, encoding/xml %d", name, len(got), len(want))
			}
			for i := range min(len(got), len(want)) {
				if got[i] != want[i] {
					t.Errorf("%s: event %d %q, encoding/xml %q", name, i, got[i], want[i])
					break
				}
			}
		}
	}
	t.Logf("%d documents, %d of them not well formed; %d events", len(docs), failed, events)
	if len(docs) < len(snippets)+5 || events < 10000 {
		t.Errorf("only %d documents, %d events", len(docs), events)
	}
}

// TestLine: errors name the line.
func TestLine(t *testing.T) {
	_, _, err := scanEvents(strings.NewReader("<a>\n<b>\n</c>"))
	var se *xmlscan.SyntaxError
	if !errors.As(err, &se) || se.Line != 3 {
		t.Errorf("err = %v, want a syntax error on line 3", err)
	}
}

// FuzzAgainstEncodingXML: whatever encoding/xml reads without an error,
// the scanner reads to the same events; nothing panics.
func FuzzAgainstEncodingXML(f *testing.F) {
	for _, s := range snippets {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		want, wantErr := stdEvents(doc)
		got, gotErr, err := scanEvents(bytes.NewReader(doc))
		if wantErr {
			return
		}
		if gotErr {
			t.Fatalf("failed (%v) where encoding/xml reads %q", err, want)
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("events\n%q\nencoding/xml\n%q", got, want)
		}
		// SkipSpace drops only the white space that ends a text before
		// a tag (as TestSkipSpace).
		skipped, skipErr, err := scanEventsWith(bytes.NewReader(doc), true)
		if skipErr || strings.Join(trimSpaceText(skipped), "\n") != strings.Join(trimSpaceText(got), "\n") {
			t.Fatalf("skipping space (%v)\n%q\nwithout\n%q", err, skipped, got)
		}
	})
}

// trimSpaceText is the events as SkipSpace leaves them: texts without the
// white space that ends them, and none of white space alone.
func trimSpaceText(lines []string) []string {
	var out []string
	for _, l := range lines {
		if strings.HasPrefix(l, "T ") {
			if l = strings.TrimRight(l, " \t\n\r"); l == "T" {
				continue
			}
		}
		out = append(out, l)
	}
	return out
}

// TestSkipSpace: with SkipSpace, the scanner reads every snippet, bundled
// and real document to the same events, errors and lines, but for the
// white space that ends a text before a tag (the indentation between
// tags), read a byte at a time as well.
func TestSkipSpace(t *testing.T) {
	docs := map[string][]byte{}
	for i, s := range snippets {
		docs[fmt.Sprint("snippet ", i)] = []byte(s)
	}
	docs["spaces"] = []byte("<a>\n  <b> 1 </b>\n  <c>2<!-- x -->  </c>  <d> <![CDATA[3]]> </d>\n</a>  \n")
	files, _ := filepath.Glob("../../testdata/*.[gt][pc]x")
	if _, err := os.Stat("../../../shared/realdata"); err == nil {
		for _, f := range realdata.Files(t) {
			if strings.HasSuffix(f, ".gpx") || strings.HasSuffix(f, ".tcx") {
				files = append(files, f)
			}
		}
	}
	for _, f := range realdata.Sample(files) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs[f] = b
	}
	for name, doc := range docs {
		want, wantFail, wantErr := scanEventsWith(bytes.NewReader(doc), false)
		for _, r := range []io.Reader{bytes.NewReader(doc), iotest.OneByteReader(bytes.NewReader(doc))} {
			got, gotFail, gotErr := scanEventsWith(r, true)
			if gotFail != wantFail || fmt.Sprint(gotErr) != fmt.Sprint(wantErr) || strings.Join(trimSpaceText(got), "\n") != strings.Join(trimSpaceText(want), "\n") {
				t.Fatalf("%s: skipping space: %v %v\n%.500q\nwithout: %v %v\n%.500q", name, gotFail, gotErr, got, wantFail, wantErr, want)
			}
		}
	}
}
