package build

import (
	"testing"

	"github.com/gongwen/gen/generator/load"
)

// BenchmarkCollect loads the 14 reports of the 2023 compilation through
// its manifest, as gen --compile does before binding them.
func BenchmarkCollect(b *testing.B) {
	load.Prepare()
	for i := 0; i < b.N; i++ {
		vol, problems, err := Collect([]string{"../../examples/2023/汇编.yaml"}, load.DefaultLimits)
		if err != nil || len(problems) > 0 || len(vol.Entries) != 14 {
			b.Fatalf("%v %v %d", err, problems, len(vol.Entries))
		}
	}
}
