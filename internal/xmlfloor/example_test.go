package xmlfloor_test

import (
	"fmt"

	"github.com/lapkit/lapkit/internal/xmlfloor"
)

func ExampleTokenLoop() {
	fmt.Println(xmlfloor.TokenLoop([]byte(`<gpx><trk>name</trk></gpx>`)))
	// Output: 5
}
