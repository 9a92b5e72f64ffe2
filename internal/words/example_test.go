package words_test

import (
	"fmt"

	"github.com/lapkit/lapkit/internal/words"
)

func ExampleCount() {
	fmt.Println(words.Count(1, "rep"), words.Count(12, "rep"))
	// Output: 1 rep 12 reps
}
