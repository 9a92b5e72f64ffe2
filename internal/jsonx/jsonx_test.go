package jsonx

import (
	"encoding/json"
	"math"
	"testing"
)

func TestFloat(t *testing.T) {
	v := []Float{1.5, Float(math.NaN()), Float(math.Inf(1)), 0, Round(65.04999, 1), Round(math.NaN(), 2)}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(b); got != "[1.5,null,null,0,65,null]" {
		t.Errorf("got %s", got)
	}
}
