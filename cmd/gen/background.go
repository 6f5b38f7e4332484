package main

import "sync"

// background runs start-up work that does not depend on the input (the
// schema's compilation, the DOCX template's parsing) one piece after the
// other on a single goroutine, in the order asked. One goroutine, not one
// per piece: on two cores, two busy helpers would leave the command's own
// goroutine (reading the configuration and the input, the critical path)
// waiting for a core.
var background struct {
	once sync.Once
	work chan func()
}

// inBackground queues f to run on the background goroutine. It never
// blocks the caller for long: the queue holds more pieces than a command
// asks for.
func inBackground(f func()) {
	background.once.Do(func() {
		background.work = make(chan func(), 8)
		go func() {
			for f := range background.work {
				f()
			}
		}()
	})
	background.work <- f
}
