package driver

import (
	"sort"
	"sync"
	"sync/atomic"
)

// Each calls do(i) for every i in [0, n) on jobs goroutines (at least
// one, at most n) and returns when they are done; once a call returns
// false, no further i is started. The goroutines take the next i from a
// shared counter: no goroutine hands them out (a channel send per file
// cost a wake-up and, with as many workers as cores, a scheduler spin per
// file).
func Each(n, jobs int, do func(i int) bool) {
	var next atomic.Int64
	var stop atomic.Bool
	var wg sync.WaitGroup
	for range min(max(jobs, 1), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if !do(i) {
					stop.Store(true)
				}
			}
		}()
	}
	wg.Wait()
}

// parallelChunks calls do(lo, hi) for consecutive ranges of [0, n) on up
// to jobs goroutines, cutting where weight(i), a running total that ends at
// total, passes each goroutine's share.
func parallelChunks(n, total, jobs int, do func(lo, hi int), weight func(i int) int) {
	if jobs < 2 || total < 4096 {
		do(0, n)
		return
	}
	var wg sync.WaitGroup
	lo := 0
	for k := 1; k <= jobs; k++ {
		hi := n
		if k < jobs {
			hi = sort.Search(n, func(i int) bool { return weight(i) >= total*k/jobs })
		}
		if hi > lo {
			wg.Add(1)
			go func(lo, hi int) {
				defer wg.Done()
				do(lo, hi)
			}(lo, hi)
		}
		lo = max(lo, hi)
	}
	wg.Wait()
}
