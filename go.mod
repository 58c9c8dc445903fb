module github.com/minioscript/minioscript

go 1.26.0

require (
	github.com/gofrs/flock v0.13.2
	github.com/peterh/liner v1.2.3
	github.com/spf13/pflag v1.0.10
	github.com/yuin/gopher-lua v1.1.2
	golang.org/x/crypto v0.59.0
	golang.org/x/term v0.48.0
	layeh.com/gopher-luar v1.0.11
)

require (
	github.com/clipperhouse/uax29/v2 v2.7.0 // indirect
	github.com/mattn/go-runewidth v0.0.31 // indirect
	golang.org/x/sys v0.50.0 // indirect
)

replace github.com/yuin/gopher-lua => ./third_party/gopher-lua
