// Package stamp says what time gen writes into a document as its creation
// date: the clock, or SOURCE_DATE_EPOCH when it is set, so that the same
// input makes the same bytes (https://reproducible-builds.org/specs/source-date-epoch/).
// An office that regenerates last year's reports, or a script that checks
// whether anything changed, can then compare files byte for byte.
package stamp

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

// Env is the variable Now reads.
const Env = "SOURCE_DATE_EPOCH"

// Now is SOURCE_DATE_EPOCH as a UTC time when it holds a valid value, else
// the clock.
func Now() time.Time {
	if t, ok, err := FromEnv(); ok && err == nil {
		return t
	}
	return time.Now()
}

// FromEnv parses SOURCE_DATE_EPOCH: ok says it is set (and not empty);
// err says its value is not a whole number of seconds since 1970-01-01
// within years 1970–9999, which the specification asks a tool to refuse.
func FromEnv() (t time.Time, ok bool, err error) {
	v := os.Getenv(Env)
	if v == "" {
		return time.Time{}, false, nil
	}
	n, perr := strconv.ParseInt(v, 10, 64)
	if perr != nil || n < 0 || n > 253402300799 {
		return time.Time{}, true, fmt.Errorf("%s=%q is not a number of seconds since 1970-01-01 (0 to 253402300799)", Env, v)
	}
	return time.Unix(n, 0).UTC(), true, nil
}
