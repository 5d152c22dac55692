package train

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/msglint/msglint/rules/funnel"
)

// Row is one evaluated asset.
type Row struct {
	Site, Path, Want, Got string
	Confidence            float64
	Evidence              []string
}

// Result is a leave-one-site-out evaluation.
type Result struct {
	Paths, Flat []Row // with real paths; content alone
	// Mixed: every other asset renamed as in Flat, the rest with their
	// paths; rows of the renamed ones only, with in-repo learning (Mixed)
	// and without (MixedOff)
	Mixed, MixedOff []Row
	Sites           []string
}

// Evaluate scores every site with a model trained without it (and its
// temperature fitted without it too), with real paths and from content
// alone.
func Evaluate(sites []*Site, ex []Example, o Options) (*Result, error) {
	r := &Result{}
	for _, s := range sites {
		if s.Name == WrittenName {
			continue // always trained on
		}
		r.Sites = append(r.Sites, s.Name)
		m := FitCalibrated(Without(ex, s.Name), o)
		for _, flat := range []bool{false, true} {
			assets, err := Run(s, m, flat, false, true)
			if err != nil {
				return nil, err
			}
			rows := rowsOf(s, assets, nil)
			if flat {
				r.Flat = append(r.Flat, rows...)
			} else {
				r.Paths = append(r.Paths, rows...)
			}
		}
		odd := func(i int) bool { return i%2 == 1 }
		for _, off := range []bool{false, true} {
			w := funnel.InRepoWeight
			if off {
				funnel.InRepoWeight = 0
			}
			assets, err := RunMixed(s, m, odd, false, true)
			funnel.InRepoWeight = w
			if err != nil {
				return nil, err
			}
			rows := rowsOf(s, assets, odd)
			if off {
				r.MixedOff = append(r.MixedOff, rows...)
			} else {
				r.Mixed = append(r.Mixed, rows...)
			}
		}
	}
	return r, nil
}

// rowsOf returns the evaluated rows of a site's tagged assets, of the
// paths whose index keep accepts (nil: all).
func rowsOf(s *Site, assets map[string]*funnel.Asset, keep func(i int) bool) []Row {
	var rows []Row
	for i, p := range s.Paths {
		a, ok := assets[p]
		if !ok || keep != nil && !keep(i) {
			continue
		}
		rows = append(rows, Row{Site: s.Name, Path: p, Want: s.Labels[p], Got: a.Stage, Confidence: a.Confidence, Evidence: a.Evidence})
	}
	return rows
}

// FitCalibrated fits a model on ex and its temperature on the examples'
// own leave-one-site-out scores (content and path conventions).
func FitCalibrated(ex []Example, o Options) *funnel.Model {
	m := Fit(ex, o)
	var sites []string
	for _, e := range ex {
		if !slices.Contains(sites, e.Site) {
			sites = append(sites, e.Site)
		}
	}
	if len(sites) < 2 {
		return m
	}
	var scores [][]float64
	var labels []int
	for _, s := range sites {
		var train, held []Example
		for _, e := range ex {
			if e.Site == s {
				held = append(held, e)
			} else {
				train = append(train, e)
			}
		}
		mi := Fit(train, o)
		for _, e := range held {
			z := make([]float64, len(Stages))
			mi.Score(e.Feats, z)
			funnel.AddPathScore(e.Path, Stages, z)
			scores = append(scores, z)
			labels = append(labels, e.Label)
		}
	}
	m.Temperature = float32(FitTemperature(scores, labels))
	return m
}

// accuracy returns the share of rows right, per site and macro.
func accuracy(rows []Row, sites []string) (map[string]float64, float64) {
	right, all := map[string]int{}, map[string]int{}
	for _, r := range rows {
		all[r.Site]++
		if r.Got == r.Want {
			right[r.Site]++
		}
	}
	per := map[string]float64{}
	macro := 0.0
	for _, s := range sites {
		if all[s] > 0 {
			per[s] = float64(right[s]) / float64(all[s])
		}
		macro += per[s]
	}
	return per, macro / float64(len(sites))
}

// Print writes the evaluation tables (Markdown).
func (r *Result) Print(w io.Writer) {
	pp, pm := accuracy(r.Paths, r.Sites)
	fp, fm := accuracy(r.Flat, r.Sites)
	fmt.Fprintf(w, "| site | assets | accuracy, real paths | accuracy, content alone | unknown (paths) |\n|---|---:|---:|---:|---:|\n")
	for _, s := range r.Sites {
		n, unk := 0, 0
		for _, row := range r.Paths {
			if row.Site == s {
				n++
				if row.Got == funnel.Unknown {
					unk++
				}
			}
		}
		fmt.Fprintf(w, "| %s | %d | %.3f | %.3f | %.1f%% |\n", s, n, pp[s], fp[s], 100*float64(unk)/math.Max(1, float64(n)))
	}
	fmt.Fprintf(w, "| **macro** | %d | **%.3f** | **%.3f** | %.1f%% |\n\n", len(r.Paths), pm, fm, 100*unknownShare(r.Paths))
	mp, mm := accuracy(r.Mixed, r.Sites)
	op, om := accuracy(r.MixedOff, r.Sites)
	fmt.Fprintf(w, "Half the assets renamed (content alone), the other half with their paths: accuracy on the renamed half\n\n")
	fmt.Fprintf(w, "| site | with in-repo learning | without |\n|---|---:|---:|\n")
	for _, s := range r.Sites {
		fmt.Fprintf(w, "| %s | %.3f | %.3f |\n", s, mp[s], op[s])
	}
	fmt.Fprintf(w, "| **macro** | **%.3f** | **%.3f** |\n\n", mm, om)
	for _, part := range []struct {
		name string
		rows []Row
	}{{"real paths", r.Paths}, {"content alone", r.Flat}} {
		fmt.Fprintf(w, "Confusion (%s; rows: label, columns: tagged):\n\n", part.name)
		confusion(w, part.rows)
		fmt.Fprintf(w, "\nCalibration (%s):\n\n", part.name)
		calibration(w, part.rows)
		fmt.Fprintln(w)
	}
}

func unknownShare(rows []Row) float64 {
	n := 0
	for _, r := range rows {
		if r.Got == funnel.Unknown {
			n++
		}
	}
	return float64(n) / math.Max(1, float64(len(rows)))
}

func confusion(w io.Writer, rows []Row) {
	cols := append(slices.Clone(Stages), funnel.Unknown)
	fmt.Fprintf(w, "| label \\ tagged | %s |\n|---|%s\n", strings.Join(cols, " | "), strings.Repeat("---:|", len(cols)))
	for _, want := range Stages {
		fmt.Fprintf(w, "| %s |", want)
		for _, got := range cols {
			n := 0
			for _, r := range rows {
				if r.Want == want && r.Got == got {
					n++
				}
			}
			fmt.Fprintf(w, " %d |", n)
		}
		fmt.Fprintln(w)
	}
}

func calibration(w io.Writer, rows []Row) {
	bounds := []float64{0, 0.5, 0.65, 0.8, 0.9, 1.01}
	fmt.Fprintf(w, "| confidence | assets | right |\n|---|---:|---:|\n")
	for i := 0; i+1 < len(bounds); i++ {
		n, right := 0, 0
		for _, r := range rows {
			if r.Got == funnel.Unknown || r.Confidence < bounds[i] || r.Confidence >= bounds[i+1] {
				continue
			}
			n++
			if r.Got == r.Want {
				right++
			}
		}
		fmt.Fprintf(w, "| %.2f–%.2f | %d | %.1f%% |\n", bounds[i], math.Min(1, bounds[i+1]), n, 100*float64(right)/math.Max(1, float64(n)))
	}
	n, right := 0, 0
	for _, r := range rows {
		if r.Got != funnel.Unknown && r.Confidence >= 0.8 {
			n++
			if r.Got == r.Want {
				right++
			}
		}
	}
	fmt.Fprintf(w, "| **≥ 0.80** | %d | **%.1f%%** |\n", n, 100*float64(right)/math.Max(1, float64(n)))
}
