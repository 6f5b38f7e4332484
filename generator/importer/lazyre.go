package importer

import (
	"regexp"
	"sync"
)

// lazyRegexp compiles pattern on first use, not at start-up: every gen
// command links this package, most never import a document, and the 27
// patterns took about 1 ms of each start.
func lazyRegexp(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}
