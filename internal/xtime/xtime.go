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
	if t, ok := utc(s); ok {
		return t, nil
	}
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

// utc reads the form nearly every file writes, "2006-01-02T15:04:05Z"
// (or a space for the T) with up to nine digits of fraction, as time.Parse
// reads it but without its layout machinery; ok is false for anything
// else, which Parse then reads the long way. (TestUTCIsParse holds it to
// time.Parse.)
func utc(s string) (t time.Time, ok bool) {
	n := len(s)
	if n < 20 || s[n-1] != 'Z' || s[4] != '-' || s[7] != '-' || s[10] != 'T' && s[10] != ' ' || s[13] != ':' || s[16] != ':' {
		return t, false
	}
	two := func(i int) int {
		a, b := s[i]-'0', s[i+1]-'0'
		if a > 9 || b > 9 {
			return -1
		}
		return int(a)*10 + int(b)
	}
	hi, lo := two(0), two(2)
	month, day, hour, minute, sec := two(5), two(8), two(11), two(14), two(17)
	if hi < 0 || lo < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || sec < 0 || sec > 59 {
		return t, false
	}
	year := hi*100 + lo
	if day > daysIn(month, year) {
		return t, false
	}
	nsec := 0
	if n > 20 { // a fraction: '.', then one to nine digits before the Z
		digits := n - 21
		if s[19] != '.' || digits < 1 || digits > 9 {
			return t, false
		}
		for i := 20; i < n-1; i++ {
			c := s[i] - '0'
			if c > 9 {
				return t, false
			}
			nsec = nsec*10 + int(c)
		}
		for range 9 - digits {
			nsec *= 10
		}
	}
	days := daysFromCivil(year, month, day)
	return time.Unix(days*86400+int64(hour*3600+minute*60+sec), int64(nsec)).UTC(), true
}

// daysIn returns the number of days in month of year (proleptic
// Gregorian).
func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil returns the days from 1970-01-01 to the date (proleptic
// Gregorian; H. Hinnant's algorithm, exact for every year).
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400                     // [0, 399]
	mp := (m + 9) % 12                     // March is 0
	doy := (153*mp+2)/5 + d - 1            // [0, 365]
	doe := yoe*365 + yoe/4 - yoe/100 + doy // [0, 146096]
	return int64(era)*146097 + int64(doe) - 719468
}
