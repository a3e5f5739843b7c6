package cli

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

// progressBar draws a bar on stderr when it is a terminal, at most ten times
// a second; it is silent otherwise or with --quiet.
type progressBar struct {
	e     *env
	on    bool
	mu    sync.Mutex
	last  time.Time
	start time.Time
	drawn bool
}

func newProgressBar(e *env, quiet bool) *progressBar {
	return &progressBar{e: e, on: e.stderrIsTTY && !quiet, start: time.Now()}
}

func (p *progressBar) update(done float64) {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if now := time.Now(); now.Sub(p.last) < 100*time.Millisecond && done < 1 {
		return
	}
	p.last = time.Now()
	const width = 30
	n := int(done * width)
	if n > width {
		n = width
	}
	fmt.Fprintf(p.e.stderr, "\r[%s%s] %3.0f%% %5.1fs", strings.Repeat("#", n), strings.Repeat(".", width-n), done*100, time.Since(p.start).Seconds())
	p.drawn = true
}

func (p *progressBar) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprint(p.e.stderr, "\r\033[K")
	}
}
