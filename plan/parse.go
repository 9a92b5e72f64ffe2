package plan

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/lapkit/lapkit"
)

// Limits on a plan, which a user types: a longer plan, or one with more
// reps in all, is an ErrInvalid naming where it went over.
const (
	MaxLen  = 4096   // characters
	MaxReps = 10_000 // reps, over every set
)

// Plausible speeds for a target: faster is quicker than the 100 m world
// record's mean (10.4 m/s), slower is a stroll.
const (
	maxTargetSpeed = 11.0 // m/s: 1:31/km
	minTargetSpeed = 0.5  // m/s: 33:20/km
)

// maxMetres bounds rep and rest distances: 1000 km.
const maxMetres = 1e6

// ErrInvalid is wrapped by every error Parse and ParseGoals return.
var ErrInvalid = errors.New("plan: invalid plan or goals")

// An Error is a plan or goal that does not parse; Col points at the
// offending character.
type Error struct {
	What string // "plan" or "goals"
	Spec string
	Col  int // 1-based, in runes of Spec
	Msg  string
}

func (e *Error) Error() string {
	if e == nil {
		return "plan: invalid plan"
	}
	return fmt.Sprintf("plan: bad %s %q col %d: %s\n  %s\n  %s^", cmp.Or(e.What, "plan"), e.Spec, e.Col, e.Msg, e.Spec, strings.Repeat(" ", e.Col-1))
}

// Unwrap returns ErrInvalid.
func (e *Error) Unwrap() error { return ErrInvalid }

// Parse reads the notation coaches write:
//
//	8x400m@65s r60s           8 reps of 400 m in 65 s, 60 s rest
//	3x(4x400m@65s r60s) r3min 3 sets of that with 4 reps, 3 min between sets
//	6x400m@84s-76s r1min      targets evenly from 84 s down to 76 s
//	6x400m@progressive r1min  each rep faster than the one before
//	7x600m@1:58 r2min         a time as m:ss
//	5x1000m@3:45/km r1min     a pace per km (or /mi)
//	2x10min@4:10/km r5min     time-based reps
//	2x(6x200m@mile r90s) r4min, 5x1000m@5k r1min  goal paces, given by ParseGoals
//	6x400m r200m              a rest given as a distance to jog
//	5x(800m r60s), 5 x 800m / 60s, 5x800 @ 2:40 w/ 60s rest
//	                          as coaches also write them: a rep in
//	                          brackets, a rest after / or w/, a bare
//	                          track distance in hundreds (metres)
//
// Lengths take m, km, mi, s, min or h; times take s, min, m:ss or h:mm:ss;
// several blocks join with "+" or ",". Whitespace and case are free, and ×
// works as x. An error is a *Error that points at the offending
// character and wraps ErrInvalid.
func Parse(spec string) (*Plan, error) {
	if len(spec) > MaxLen {
		return nil, &Error{What: "plan", Spec: spec[:40] + "...", Col: 41, Msg: fmt.Sprintf("a plan of %d characters: at most %d", len(spec), MaxLen)}
	}
	p := newParser(spec)
	plan := &Plan{Spec: strings.TrimSpace(spec)}
	total := 0
	for {
		start := p.i
		sets, err := p.item()
		if err != nil {
			return nil, err
		}
		for _, s := range sets {
			total += s.Reps
		}
		if total > MaxReps {
			p.i = start
			return nil, p.fail(fmt.Sprintf("the plan holds %d reps by here: at most %d", total, MaxReps))
		}
		plan.Sets = append(plan.Sets, sets...)
		if p.eof() {
			break
		}
		if c := p.peek(); c == '+' || c == ',' {
			p.next()
			continue
		}
		return nil, p.fail("expected + or the end of the plan (a rest reads r60s, /60s or w/ 60s rest)")
	}
	return plan, nil
}

// ParseGoals reads race goals such as "mile=4:23", "5k=18:45" or
// "mile=5:00,5k=18:45" (separated by commas or spaces).
func ParseGoals(spec string) (Goals, error) {
	var g Goals
	p := newParser(goalSeparators(spec))
	p.spec = spec
	p.what = "goals"
	for !p.eof() {
		name := p.word()
		if name == "" || p.peek() != '=' {
			return g, p.fail("expected mile=, 5k= or 10k=")
		}
		p.next()
		start := p.i
		t, err := p.clock()
		if err != nil {
			return g, err
		}
		var dist float64
		switch name {
		case "mile":
			g.Mile, dist = t, lapkit.Mile
		case "5k":
			g.FiveK, dist = t, 5000
		case "10k":
			g.TenK, dist = t, 10000
		default:
			p.i = start - len(name) - 1
			return g, p.fail("unknown goal " + strconv.Quote(name) + ": want mile, 5k or 10k")
		}
		// A race time a runner can run: no faster than the world
		// record's pace, no slower than a walk.
		if lo, hi := goalRange(dist); t < lo || t > hi {
			p.i = start
			return g, p.fail(fmt.Sprintf("a %s goal of %s: want a time from %s to %s", name, fmtClock(t), fmtClock(lo), fmtClock(hi)))
		}
		if p.peek() == ',' {
			p.next()
		}
	}
	return g, nil
}

// goalSeparators turns the spaces between two goals ("mile=5:00
// 5k=18:45") into a comma, the first space at the same column: the parser
// reads a time across spaces, and would take the 5 of "5k" for its seconds.
func goalSeparators(spec string) string {
	b := []byte(spec)
	for i := 1; i < len(b); i++ {
		if b[i] != ' ' && b[i] != '\t' || b[i-1] < '0' || b[i-1] > '9' {
			continue
		}
		j := i
		for j < len(b) && (b[j] == ' ' || b[j] == '\t') {
			j++
		}
		k := j
		for k < len(b) && (b[k] >= 'a' && b[k] <= 'z' || b[k] >= 'A' && b[k] <= 'Z' || b[k] >= '0' && b[k] <= '9') {
			k++
		}
		for k < len(b) && (b[k] == ' ' || b[k] == '\t') {
			k++
		}
		if k > j && k < len(b) && b[k] == '=' {
			b[i] = ','
		}
	}
	return string(b)
}

// goalRange is the plausible range of race times over metres: from the
// men's world record's pace (a mile in 3:43, 5 km in 12:35, 10 km in
// 26:11), a little faster, to a walk at 6 km/h.
func goalRange(metres float64) (lo, hi time.Duration) {
	rec := map[float64]time.Duration{lapkit.Mile: 223 * time.Second, 5000: 755 * time.Second, 10000: 1571 * time.Second}[metres]
	return (rec * 98 / 100).Round(time.Second), time.Duration(metres / (6000.0 / 3600) * float64(time.Second)).Round(time.Second)
}

type parser struct {
	what string // "plan" or "goals", for errors
	spec string
	rs   []rune // lower-cased, whitespace removed
	col  []int  // column of each rune in spec
	i    int
}

func newParser(spec string) *parser {
	p := &parser{spec: spec}
	col := 0
	for _, r := range spec {
		col++
		if unicode.IsSpace(r) {
			continue
		}
		if r == '×' {
			r = 'x'
		}
		p.rs = append(p.rs, unicode.ToLower(r))
		p.col = append(p.col, col)
	}
	return p
}

func (p *parser) eof() bool { return p.i >= len(p.rs) }

func (p *parser) peek() rune {
	if p.eof() {
		return 0
	}
	return p.rs[p.i]
}

func (p *parser) next() rune {
	r := p.peek()
	p.i++
	return r
}

func (p *parser) fail(msg string) error {
	col := len([]rune(p.spec)) + 1
	if p.i < len(p.col) {
		col = p.col[p.i]
	}
	what := cmp.Or(p.what, "plan")
	if p.eof() {
		msg += " (the " + what + " ended)"
	}
	return &Error{What: what, Spec: p.spec, Col: col, Msg: msg}
}

func (p *parser) lit(s string) bool {
	if p.i+len(s) > len(p.rs) || string(p.rs[p.i:p.i+len(s)]) != s {
		return false
	}
	p.i += len(s)
	return true
}

func (p *parser) number() (float64, bool) {
	start := p.i
	for c := p.peek(); c >= '0' && c <= '9' || c == '.'; c = p.peek() {
		p.i++
	}
	if p.i == start {
		return 0, false
	}
	v, err := strconv.ParseFloat(string(p.rs[start:p.i]), 64)
	if err != nil {
		p.i = start
		return 0, false
	}
	return v, true
}

func (p *parser) count() (int, error) {
	start := p.i
	v, ok := p.number()
	if !ok {
		return 0, p.fail("expected a number of reps or sets")
	}
	if !p.lit("x") {
		return 0, p.fail("expected x after the count (as in 5x800m, or 5x(800m r60s))")
	}
	if v != float64(int(v)) || v < 1 || v > 1000 {
		p.i = start
		return 0, p.fail("a count is a whole number from 1 to 1000")
	}
	return int(v), nil
}

// item := count x ( "(" count x rep ")" [rest] | "(" rep ")" [rest] | rep )
func (p *parser) item() ([]Set, error) {
	n, err := p.count()
	if err != nil {
		return nil, err
	}
	if !p.lit("(") {
		s, err := p.rep(n)
		if err != nil {
			return nil, err
		}
		return []Set{s}, nil
	}
	// 5x(800m r60s): one set, the rep in brackets, as coaches write it.
	at := p.i
	single := !p.countAhead()
	p.i = at
	if single {
		s, err := p.rep(n)
		if err != nil {
			return nil, err
		}
		if !p.lit(")") {
			return nil, p.fail("expected a rest (r60s, /60s) or ) to close the rep")
		}
		if p.restAhead() && s.Rest == 0 && s.RestDistance == 0 {
			if err := p.repRest(&s); err != nil {
				return nil, err
			}
		}
		return []Set{s}, nil
	}
	reps, err := p.count()
	if err != nil {
		return nil, err
	}
	s, err := p.rep(reps)
	if err != nil {
		return nil, err
	}
	if !p.lit(")") {
		return nil, p.fail("expected ) to close the set")
	}
	var setRest time.Duration
	if p.peek() == 'r' {
		if setRest, err = p.rest(); err != nil {
			return nil, err
		}
	}
	sets := make([]Set, n)
	for i := range sets {
		sets[i] = s
		if i < n-1 {
			sets[i].SetRest = setRest
		}
	}
	return sets, nil
}

// rep := length [@ target] [rest]
func (p *parser) rep(n int) (Set, error) {
	s := Set{Reps: n}
	var err error
	if s.Distance, s.Duration, err = p.length(); err != nil {
		return s, err
	}
	if p.lit("@") {
		t, err := p.target(&s)
		if err != nil {
			return s, err
		}
		s.Target = t
	}
	if p.restAhead() {
		if err := p.repRest(&s); err != nil {
			return s, err
		}
	}
	return s, nil
}

// length := number unit: a rep's length, a distance in metres or a time
// (see ParseLength).
func (p *parser) length() (metres float64, d time.Duration, err error) {
	what, a := "a rep length", "a rep " // as a plan's errors say it
	if p.what == "length" {
		what, a = "a length", ""
	}
	start := p.i
	v, ok := p.number()
	if !ok || v <= 0 {
		p.i = start
		return 0, 0, p.fail("expected " + what + " such as 400m, 1km, 1mi or 10min")
	}
	var secs float64
	switch {
	case p.lit("km"):
		metres = v * lapkit.Kilometre
	case p.lit("mi"):
		if p.lit("n") {
			secs = v * 60
		} else {
			metres = v * lapkit.Mile
		}
	case p.lit("m"):
		metres = v
	case p.lit("s"):
		secs = v
	case p.lit("h"):
		secs = v * 3600
	case v >= 100 && v == math.Trunc(v/100)*100 && !p.letterAhead():
		// 5x800: a track distance in hundreds, as coaches write it, is
		// metres.
		metres = v
	default:
		return 0, 0, p.fail("expected a unit: m, km, mi, s, min or h (a bare number reads as metres only in hundreds, as 5x800)")
	}
	if metres > maxMetres || secs > 24*3600 {
		p.i = start
		return 0, 0, p.fail(a + "longer than 1000 km or 24 h")
	}
	if metres > 0 && metres < 1 || secs > 0 && secs < 1 {
		p.i = start
		return 0, 0, p.fail(a + "shorter than 1 m or 1 s")
	}
	return metres, time.Duration(secs * float64(time.Second)), nil
}

// ParseLength reads a length as the notation writes a rep's: a distance
// in metres ("400m", "1.5km", "0.25mi", or a bare number in hundreds,
// "800") or a time ("90s", "10min", "1h"); exactly one of metres and d is
// set. Case and spaces do not matter. A length under 1 m or 1 s, over
// 1000 km or 24 h, or not a length, is an *Error wrapping ErrInvalid.
func ParseLength(spec string) (metres float64, d time.Duration, err error) {
	p := newParser(spec)
	p.what = "length"
	if metres, d, err = p.length(); err != nil {
		return 0, 0, err
	}
	if !p.eof() {
		return 0, 0, p.fail("expected the end of the length")
	}
	return metres, d, nil
}

// countAhead reports whether a count ("4x") comes next; it moves on, and
// the caller puts the position back.
func (p *parser) countAhead() bool {
	_, ok := p.number()
	return ok && p.peek() == 'x'
}

// restAhead reports whether a rest comes next: r60s, or as coaches also
// write it, /60s or w/ 60s (rest).
func (p *parser) restAhead() bool {
	digitAt := func(k int) bool { return k < len(p.rs) && p.rs[k] >= '0' && p.rs[k] <= '9' }
	switch {
	case p.peek() == 'r':
		return true
	case p.peek() == '/' && digitAt(p.i+1):
		return true
	case p.i+1 < len(p.rs) && p.rs[p.i] == 'w' && p.rs[p.i+1] == '/':
		return true
	}
	return false
}

// repRest reads a rep's rest into s: a time, or a distance to jog
// (r200m), after r, / or w/, and an optional word "rest" after it.
func (p *parser) repRest(s *Set) error {
	if !p.lit("w/") && !p.lit("/") {
		p.next() // r
	}
	at := p.i
	// A rest is a time, or a distance to jog (r200m).
	if v, ok := p.number(); ok && !p.lit("min") {
		for _, u := range []struct {
			unit   string
			metres float64
		}{{"km", lapkit.Kilometre}, {"mi", lapkit.Mile}, {"m", 1}} {
			if p.lit(u.unit) {
				if v <= 0 || v*u.metres > maxMetres {
					p.i = at
					return p.fail("a rest must be longer than 0 and at most 1000 km")
				}
				s.RestDistance = v * u.metres
				p.lit("rest")
				return nil
			}
		}
	}
	p.i = at
	r, err := p.rest()
	if err != nil {
		return err
	}
	s.Rest = r
	p.lit("rest")
	return nil
}

// letterAhead reports whether a letter comes next.
func (p *parser) letterAhead() bool { c := p.peek(); return c >= 'a' && c <= 'z' }

func (p *parser) word() string {
	start := p.i
	for c := p.peek(); c >= 'a' && c <= 'z' || c >= '0' && c <= '9'; c = p.peek() {
		p.i++
	}
	return string(p.rs[start:p.i])
}
