package stamp

import (
	"testing"
	"time"
)

func TestFromEnv(t *testing.T) {
	cases := []struct {
		env  string
		ok   bool
		bad  bool
		want time.Time
	}{
		{"", false, false, time.Time{}},
		{"0", true, false, time.Unix(0, 0).UTC()},
		{"1704844800", true, false, time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC)},
		{"253402300799", true, false, time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)},
		{"253402300800", true, true, time.Time{}},
		{"-1", true, true, time.Time{}},
		{"1.5", true, true, time.Time{}},
		{"2024-01-10", true, true, time.Time{}},
		{" 1", true, true, time.Time{}},
	}
	for _, c := range cases {
		t.Setenv(Env, c.env)
		got, ok, err := FromEnv()
		if ok != c.ok || (err != nil) != c.bad || !got.Equal(c.want) {
			t.Errorf("%q: %v %v %v, want %v %v bad=%v", c.env, got, ok, err, c.want, c.ok, c.bad)
		}
		now := Now()
		if c.ok && !c.bad && !now.Equal(c.want) {
			t.Errorf("%q: Now() = %v, want %v", c.env, now, c.want)
		}
		if (!c.ok || c.bad) && time.Since(now) > time.Minute {
			t.Errorf("%q: Now() = %v, want the clock", c.env, now)
		}
	}
}
