package gui

import "sync"

// serial runs functions one after another, in the order given, on a
// background goroutine that exists only while there is work. Project I/O
// goes through it so that closing one project always happens before the
// next one opens, and nothing of it blocks the UI goroutine.
type serial struct {
	mu      sync.Mutex
	queue   []func()
	running bool
	wg      sync.WaitGroup
}

// Go queues fn.
func (s *serial) Go(fn func()) {
	s.wg.Add(1)
	s.mu.Lock()
	s.queue = append(s.queue, fn)
	if !s.running {
		s.running = true
		go s.drain()
	}
	s.mu.Unlock()
}

func (s *serial) drain() {
	for {
		s.mu.Lock()
		if len(s.queue) == 0 {
			s.running = false
			s.mu.Unlock()
			return
		}
		fn := s.queue[0]
		s.queue = s.queue[1:]
		s.mu.Unlock()
		fn()
		s.wg.Done()
	}
}

// Wait blocks until every queued function has returned.
func (s *serial) Wait() { s.wg.Wait() }
