// Package xtime parses the XML date-times of GPX and TCX files exactly:
// fractional seconds and UTC offsets are kept, unlike gpxgo v1.5.0.
package xtime

import (
	"errors"
	"strings"
	"time"
)

// ErrNoZone is returned, with the time read as UTC, for a time without a
// zone designator: GPX and TCX require UTC, and most such files are UTC.
var ErrNoZone = errors.New("time has no zone; read as UTC")

var layouts = []string{
	"2006-01-02T15:04:05.999999999Z07:00",
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05.999999999Z07",
}

// Parse reads an xsd:dateTime ("2024-05-01T10:00:01.250+02:00",
// "2024-05-01T08:00:01Z", a space instead of the T) and returns it in UTC.
// A time without a zone is read as UTC and comes with ErrNoZone.
func Parse(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if len(s) > 10 && s[10] == ' ' {
		s = s[:10] + "T" + s[11:]
	}
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), nil
		}
	}
	t, err := time.Parse("2006-01-02T15:04:05.999999999", s)
	if err != nil {
		return time.Time{}, err
	}
	return t, ErrNoZone
}
