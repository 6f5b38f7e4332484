package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// Set at build time by .ci/release:
//
//	-ldflags "-X main.version=v1.2.0 -X main.commit=abc1234 -X main.date=2026-12-01T08:00:00Z"
//
// Builds without them (go build, go install …@version) fall back to what the
// Go toolchain records in the binary (runtime/debug.ReadBuildInfo): the
// module version for go install, the VCS revision and time for a build in a
// git checkout.
var (
	version = ""
	commit  = ""
	date    = ""
)

// buildInfo is what `gen version` prints.
type buildInfo struct {
	Version, Commit, Date, Go, Platform string
	Modified                            bool // built from a work tree with uncommitted changes
}

// readBuildInfo combines the -ldflags values with the toolchain's record.
func readBuildInfo() buildInfo {
	b := buildInfo{Version: version, Commit: commit, Date: date, Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if b.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			b.Version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if b.Commit == "" {
					b.Commit = s.Value
				}
			case "vcs.time":
				if b.Date == "" {
					b.Date = s.Value
				}
			case "vcs.modified":
				b.Modified = s.Value == "true" && commit == ""
			}
		}
	}
	if b.Version == "" {
		b.Version = "dev"
	}
	if len(b.Commit) > 12 {
		b.Commit = b.Commit[:12]
	}
	return b
}

// String is the text of `gen version` and `gen --version`: the first line
// "gen VERSION", then commit, build date and Go version.
func (b buildInfo) String() string {
	var s strings.Builder
	fmt.Fprintf(&s, "gen %s\n", b.Version)
	c := b.Commit
	if c == "" {
		c = "unknown"
	}
	if b.Modified {
		c += " (modified)"
	}
	d := b.Date
	if d == "" {
		d = "unknown"
	}
	fmt.Fprintf(&s, "提交（commit）: %s\n", c)
	fmt.Fprintf(&s, "构建日期（built）: %s\n", d)
	fmt.Fprintf(&s, "Go: %s %s\n", b.Go, b.Platform)
	return s.String()
}

func newVersion() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "显示版本、提交、构建日期和 Go 版本（print version, commit, build date and Go version）",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, _ []string) {
			fmt.Fprint(cmd.OutOrStdout(), readBuildInfo())
		},
	}
}

// withVersion gives root a --version flag that prints what `gen version` does.
func withVersion(root *cobra.Command) {
	root.Version = readBuildInfo().String()
	root.SetVersionTemplate("{{.Version}}")
}
