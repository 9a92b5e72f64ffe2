package xmlfloor_test

import (
	"fmt"

	"github.com/lapkit/lapkit/internal/testkit/xmlfloor"
)

func ExampleTokenLoop() {
	fmt.Println(xmlfloor.TokenLoop([]byte(`<gpx><trk>name</trk></gpx>`)))
	// Output: 5
}
