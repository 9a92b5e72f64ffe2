package page_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/lapkit/lapkit/report"
	"github.com/lapkit/lapkit/report/page"
)

var updateScreens = flag.Bool("update-screens", false, "rewrite the pages' screenshots in docs/")

// browser returns the path of a headless Chromium. Without one the test
// skips, saying so, unless LAPKIT_BROWSER=required (CI installs it).
func browser(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("LAPKIT_BROWSER") == "required" {
		t.Fatal("no chromium on PATH, and LAPKIT_BROWSER=required")
	}
	t.Skip("no chromium on PATH (apt-get install chromium): the pages are not checked in a browser")
	return ""
}

// chrome runs headless Chromium on url with args; it returns standard
// output, and fails the test on any console message (the pages have no
// script: a message is an error or a failed load).
func chrome(t *testing.T, bin, dir, url string, args ...string) string {
	t.Helper()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--allow-file-access-from-files",
		"--enable-logging=stderr", "--v=0", "--disable-background-networking", "--disable-component-update",
		"--no-first-run", "--disable-sync", "--disable-default-apps", "--user-data-dir=" + filepath.Join(dir, "profile"),
		"--log-net-log=" + filepath.Join(dir, "net.json"), "--virtual-time-budget=10000"}
	cmd := exec.Command(bin, append(append(base, args...), url)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("chromium %s: %v\n%s", url, err, stderr.String())
		}
	case <-time.After(90 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("chromium %s: no answer in 90 s", url)
	}
	for _, line := range strings.Split(stderr.String(), "\n") {
		if strings.Contains(line, ":CONSOLE") {
			t.Errorf("console: %s", line)
		}
	}
	net, _ := os.ReadFile(filepath.Join(dir, "net.json"))
	for _, m := range fetched.FindAllStringSubmatch(string(net), -1) {
		if !chromiumOwn.MatchString(m[1]) {
			t.Errorf("a network request: %s", m[1])
		}
	}
	return stdout.String()
}

// fetched finds the URLs of a net log; chromiumOwn are the browser's own
// background services, which no page asks for.
var (
	fetched     = regexp.MustCompile(`"url":"(https?://[^"]*)"`)
	chromiumOwn = regexp.MustCompile(`^https?://([a-z0-9-]+\.)*(google\.com|googleapis\.com|gvt1\.com|gstatic\.com|googleusercontent\.com)/`)
)

// probe is the script of the checking frame: it reads the page in the
// iframe and writes what it found as JSON into #result.
const probe = `<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="page.html" style="border:0;width:%dpx;height:%dpx"></iframe>
<pre id="result"></pre>
<script>
window.addEventListener("load", () => {
  const w = document.getElementById("f").contentWindow, d = w.document;
  const out = {resources: w.performance.getEntriesByType("resource").map(e => e.name),
    scrollWidth: d.documentElement.scrollWidth, width: d.documentElement.clientWidth, rows: [], shades: [], ticks: []};
  for (const tr of d.querySelectorAll("#rep-table tr[data-rep]")) {
    out.rows.push({rep: tr.dataset.rep, start: +tr.dataset.startS, end: +tr.dataset.endS, text: tr.textContent});
  }
  const svg = d.querySelector("#time-chart svg");
  if (svg) {
    for (const p of svg.querySelectorAll("path")) {
      if ((p.getAttribute("style") || "").includes("fill:#55B3E8")) { const b = p.getBBox(); out.shades.push([b.x, b.x + b.width]); }
    }
    for (const t of svg.querySelectorAll("text")) {
      if (/^[0-9]+$/.test(t.textContent.trim())) { const b = t.getBBox(); out.ticks.push({text: t.textContent.trim(), cx: b.x + b.width / 2, y: b.y}); }
    }
  }
  document.getElementById("result").textContent = JSON.stringify(out);
});
</script></body></html>`

// found is what the probe reads from a page.
type found struct {
	Resources   []string `json:"resources"`
	ScrollWidth float64  `json:"scrollWidth"`
	Width       float64  `json:"width"`
	Rows        []struct {
		Rep   string  `json:"rep"`
		Start float64 `json:"start"`
		End   float64 `json:"end"`
		Text  string  `json:"text"`
	} `json:"rows"`
	Shades [][2]float64 `json:"shades"`
	Ticks  []struct {
		Text string  `json:"text"`
		CX   float64 `json:"cx"`
		Y    float64 `json:"y"`
	} `json:"ticks"`
}

// probePage writes the page and a probe at width px, runs it, and returns what
// the probe found.
func probePage(t *testing.T, bin string, html []byte, width int) (found, string) {
	t.Helper()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "page.html"), html, 0o644)
	os.WriteFile(filepath.Join(dir, "probe.html"), []byte(fmt.Sprintf(probe, width, 900)), 0o644)
	dom := chrome(t, bin, dir, "file://"+filepath.Join(dir, "probe.html"), "--window-size=1300,1000", "--dump-dom")
	m := regexp.MustCompile(`(?s)<pre id="result">(.*?)</pre>`).FindStringSubmatch(dom)
	var f found
	if m == nil || json.Unmarshal([]byte(strings.ReplaceAll(strings.ReplaceAll(m[1], "&lt;", "<"), "&amp;", "&")), &f) != nil {
		t.Fatalf("the probe found nothing:\n%.2000s", dom)
	}
	return f, dir
}

// screenshot takes a picture of the page width px wide, checks it is drawn
// on, and writes it to docs/name with -update-screens.
func screenshot(t *testing.T, bin, dir string, width, height int, name string) {
	t.Helper()
	shot := filepath.Join(dir, name)
	win := max(width, 500) // a headless window is 500 px wide at least: the page is framed at width
	url := "file://" + filepath.Join(dir, "page.html")
	if width < 500 {
		os.WriteFile(filepath.Join(dir, "frame.html"), []byte(fmt.Sprintf(`<!DOCTYPE html><body style="margin:0"><iframe src="page.html" style="border:0;width:%dpx;height:%dpx"></iframe>`, width, height)), 0o644)
		url = "file://" + filepath.Join(dir, "frame.html")
	}
	chrome(t, bin, dir, url, fmt.Sprintf("--window-size=%d,%d", win, height), "--screenshot="+shot)
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	crop := image.NewRGBA(image.Rect(0, 0, width, img.Bounds().Dy()))
	draw.Draw(crop, crop.Bounds(), img, image.Point{}, draw.Src)
	inked, colours := 0, map[uint32]bool{}
	for y := 0; y < crop.Bounds().Dy(); y++ {
		for x := 0; x < width; x++ {
			r, g, b, _ := crop.At(x, y).RGBA()
			if r < 0xf000 || g < 0xf000 || b < 0xf000 {
				inked++
			}
			colours[r>>8<<16|g>>8<<8|b>>8] = true
		}
	}
	if share := float64(inked) / float64(width*crop.Bounds().Dy()); share < 0.03 || len(colours) < 8 {
		t.Errorf("%s: %.1f %% of the pixels drawn, %d colours: blank", name, 100*share, len(colours))
	}
	if *updateScreens {
		var buf bytes.Buffer
		png.Encode(&buf, crop)
		if err := os.WriteFile(filepath.Join("..", "..", "docs", name), buf.Bytes(), 0o644); err != nil {
			t.Error(err)
		}
	}
}

// TestSessionPageInBrowser opens the session page of the bundled 3 x 4 x
// 400 m (the README's command) in headless Chromium at a phone's width and
// a laptop's: no console message, no request over the network, every rep
// of the report in the table with its figures, the chart's shading over
// each rep's own seconds (against the axis's minute ticks), no sideways
// scrolling of the page, and screenshots that are not blank.
func TestSessionPageInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("a browser: not in the quick tier (TestSessionPage holds the HTML)")
	}
	bin := browser(t)
	r := sessionReport(t)
	var buf bytes.Buffer
	if err := page.Session(&buf, r); err != nil {
		t.Fatal(err)
	}
	inBrowser(t, bin, buf.Bytes(), "session-page", func(f found) { checkReps(t, r, f) })
}

// inBrowser opens page at a phone's width and a laptop's: it fetches
// nothing, does not scroll sideways, and its screenshots (name-phone.png,
// name-desktop.png) are drawn on; check holds what the probe found at
// each width.
func inBrowser(t *testing.T, bin string, page []byte, name string, check func(found)) {
	t.Helper()
	for _, width := range []int{390, 1280} {
		f, dir := probePage(t, bin, page, width)
		if len(f.Resources) > 0 {
			t.Errorf("%d px: the page fetched %v", width, f.Resources)
		}
		if f.ScrollWidth > f.Width+1 {
			t.Errorf("%d px: the page is %.0f px wide in a %.0f px window: it scrolls sideways", width, f.ScrollWidth, f.Width)
		}
		check(f)
		shot := name + "-phone.png"
		if width > 500 {
			shot = name + "-desktop.png"
		}
		screenshot(t, bin, dir, width, 2400, shot)
	}
}

// checkReps holds the rep table and the shading against the report.
func checkReps(t *testing.T, r *report.Report, f found) {
	t.Helper()
	if len(f.Rows) != len(r.Intervals) {
		t.Fatalf("%d rows in the rep table, %d reps in the report", len(f.Rows), len(r.Intervals))
	}
	for i, x := range r.Intervals {
		row := f.Rows[i]
		want := []string{fmt.Sprintf("%d.%d", x.Set, x.Rep), fmt.Sprintf("%.0f m", x.DistanceM), tenths(x.DurationS)}
		for _, w := range want {
			if !strings.Contains(row.Text, w) {
				t.Errorf("rep %s: %q lacks %q", row.Rep, row.Text, w)
			}
		}
		if row.Start != x.StartS || row.End != x.EndS {
			t.Errorf("rep %s: %g-%g s in the table, %g-%g in the report", row.Rep, row.Start, row.End, x.StartS, x.EndS)
		}
	}
	// Two panels (pace, heart rate) shade each rep: the first n are the
	// pace panel's.
	n := len(r.Intervals)
	if len(f.Shades) < n {
		t.Fatalf("%d shaded reps on the chart, %d in the report", len(f.Shades), n)
	}
	sh := f.Shades[:n]
	first, last := r.Intervals[0], r.Intervals[n-1]
	scale := (sh[n-1][0] - sh[0][0]) / (last.StartS - first.StartS)
	at := func(s float64) float64 { return sh[0][0] + scale*(s-first.StartS) }
	for i, x := range r.Intervals {
		if math.Abs(sh[i][0]-at(x.StartS)) > 1 || math.Abs(sh[i][1]-at(x.EndS)) > 1 {
			t.Errorf("rep %d.%d shaded over %.1f-%.1f, its seconds %g-%g map to %.1f-%.1f", x.Set, x.Rep, sh[i][0], sh[i][1], x.StartS, x.EndS, at(x.StartS), at(x.EndS))
		}
	}
	// The minute ticks of the pace panel's axis sit where the map puts
	// their minute.
	ticked := 0
	for _, tk := range f.Ticks {
		var min float64
		if _, err := fmt.Sscan(tk.Text, &min); err != nil || min < 10 || min > 60 || math.Mod(min, 10) != 0 {
			continue // the y axes' labels (pace 3-12, bpm 90-170)
		}
		if d := math.Abs(tk.CX - at(60*min)); d < 3 {
			ticked++
		}
	}
	if ticked < 3 {
		t.Errorf("the shading does not sit on the time axis: %d minute ticks where the reps put them (%+v)", ticked, f.Ticks)
	}
}

// TestSeasonPageInBrowser opens the season page of testdata/season in
// headless Chromium at both widths: no console message, no request, no
// sideways scrolling, screenshots not blank.
func TestSeasonPageInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("a browser: not in the quick tier (TestSeasonPage holds the HTML)")
	}
	bin := browser(t)
	var buf bytes.Buffer
	if err := page.Season(&buf, "Nine weeks", seasonReports(t)); err != nil {
		t.Fatal(err)
	}
	inBrowser(t, bin, buf.Bytes(), "season-page", func(found) {})
}
