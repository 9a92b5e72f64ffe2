package xmlscan_test

import (
	"fmt"
	"io"
	"strings"

	"github.com/lapkit/lapkit/internal/xmlscan"
)

func ExampleScanner() {
	doc := `<?xml version="1.0"?><gpx><trkpt lat="59.9" lon="10.7"><time>2024-05-01T10:00:00Z</time><!-- a comment --><name>R&amp;R</name></trkpt></gpx>`
	sc := xmlscan.New(strings.NewReader(doc), nil)
	for {
		k, err := sc.Next()
		if err != nil {
			if err != io.EOF {
				fmt.Println(err)
			}
			break
		}
		switch k {
		case xmlscan.Start:
			fmt.Printf("<%s>", sc.Local())
			for _, a := range sc.Attrs() {
				fmt.Printf(" %s=%s", a.Local, a.Value)
			}
			fmt.Println()
		case xmlscan.Text:
			fmt.Printf("  %q\n", sc.Text())
		case xmlscan.End:
			fmt.Printf("</%s>\n", sc.Local())
		}
	}
	// Output:
	// <gpx>
	// <trkpt> lat=59.9 lon=10.7
	// <time>
	//   "2024-05-01T10:00:00Z"
	// </time>
	// <name>
	//   "R&R"
	// </name>
	// </trkpt>
	// </gpx>
}
