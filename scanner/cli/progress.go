package cli

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// Progress modes of `scan --progress`.
const (
	progressAuto   = "auto"
	progressAlways = "always"
	progressNever  = "never"
)

// progressDelay is how long a scan runs before auto progress shows: a
// scan that finishes sooner prints nothing, so short runs stay quiet.
const progressDelay = 2 * time.Second

// progress writes how far a scan has got to stderr. On a terminal it keeps
// rewriting one line and clears it at the end; elsewhere (--progress=always
// into a file or pipe) it writes one line per update.
type progress struct {
	w        io.Writer
	terminal bool
	// delay is how long after start updates begin to show.
	delay time.Duration
	start time.Time
	now   func() time.Time
	shown bool
}

// newProgress returns the progress reporter the mode asks for, or nil when
// none should show: auto shows progress only when stderr is a terminal and
// not in CI (CI set to anything but false), and only after progressDelay.
func newProgress(mode string, s Streams, d Deps) *progress {
	p := &progress{w: s.Stderr, terminal: s.StderrIsTerminal, now: d.now}
	switch mode {
	case progressNever:
		return nil
	case progressAuto:
		if !s.StderrIsTerminal || inCI(s.Env) {
			return nil
		}
		p.delay = progressDelay
	}
	p.start = p.now()
	return p
}

// inCI reports whether the environment says it is a CI job, as GitHub
// Actions, GitLab CI and most others do with CI=true.
func inCI(env []string) bool {
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok && k == "CI" {
			return v != "" && !strings.EqualFold(v, "false") && v != "0"
		}
	}
	return false
}

// update is the scan's progress callback: done of total roots loaded,
// what the last one was.
func (p *progress) update(done, total int, what string) {
	if p.now().Sub(p.start) < p.delay {
		return
	}
	line := fmt.Sprintf("scanning: %d/%d root modules loaded: %s", done, total, what)
	if p.terminal {
		fmt.Fprintf(p.w, "\r\x1b[K%s", line)
	} else {
		fmt.Fprintln(p.w, line)
	}
	p.shown = true
}

// finish clears the terminal line, so that the report or the next prompt
// starts on a clean line.
func (p *progress) finish() {
	if p.shown && p.terminal {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
