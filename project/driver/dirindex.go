package driver

import (
	"slices"
	"strings"
)

// dirIndex finds the directives that cover a finding without scanning
// them all: a file of many directives and many findings would otherwise
// cost their product (directives.suppressed, the reference it agrees with).
type dirIndex struct {
	file    []int            // disable-file
	byLoc   map[string][]int // disable-loc, by location
	byLine  map[int][]int    // disable-line at its line, disable-next-line at the next
	regions []int            // disable and enable, in order
	sorted  bool             // regions' lines never go down (text formats)
	// perRule are, for a rule id, the regions that cover it (built on
	// the first finding of that rule).
	perRule map[string][]int
}

func newDirIndex(ds directives) *dirIndex {
	x := &dirIndex{byLoc: map[string][]int{}, byLine: map[int][]int{}, perRule: map[string][]int{}, sorted: true}
	for i, d := range ds {
		switch d.Kind {
		case "disable-file":
			x.file = append(x.file, i)
		case "disable-loc":
			x.byLoc[d.Loc] = append(x.byLoc[d.Loc], i)
		case "disable-next-line":
			x.byLine[d.Line+1] = append(x.byLine[d.Line+1], i)
		case "disable-line":
			x.byLine[d.Line] = append(x.byLine[d.Line], i)
		case "disable", "enable":
			if n := len(x.regions); n > 0 && ds[x.regions[n-1]].Line > d.Line {
				x.sorted = false
			}
			x.regions = append(x.regions, i)
		}
	}
	return x
}

// suppressed is directives.suppressed, through fd's index.
func (fd *fileDirectives) suppressed(id string, line int, loc string) bool {
	ds, used := fd.list, fd.used
	if len(ds) == 0 {
		return false
	}
	if fd.index == nil {
		fd.index = newDirIndex(ds)
	}
	x := fd.index
	if !x.sorted {
		return ds.suppressed(id, line, loc, used)
	}
	var hits []int
	take := func(is []int) {
		for _, i := range is {
			if coversRule(ds[i].Rules, id) {
				hits = append(hits, i)
			}
		}
	}
	take(x.file)
	if loc != "" {
		// loc == d.Loc, or d.Loc followed by a space starts loc
		for p := loc; ; {
			take(x.byLoc[p])
			k := strings.LastIndexByte(p, ' ')
			if k < 0 {
				break
			}
			p = p[:k]
		}
	} else {
		take(x.byLine[line])
		rs, ok := x.perRule[id]
		if !ok {
			for _, i := range x.regions {
				if coversRule(ds[i].Rules, id) {
					rs = append(rs, i)
				}
			}
			x.perRule[id] = rs
		}
		// the last region directive at or before line: a disable is in force
		k, _ := slices.BinarySearchFunc(rs, line+1, func(i, l int) int {
			if ds[i].Line < l {
				return -1
			}
			return 1
		})
		if k > 0 && ds[rs[k-1]].Kind == "disable" {
			hits = append(hits, rs[k-1])
		}
	}
	if used != nil {
		for _, i := range hits {
			used[i] = true
		}
	}
	return len(hits) > 0
}
