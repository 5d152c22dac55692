// Command eval prints the funnel-stage evaluation: for every labelled
// site in the corpora folder (default ../shared/corpora from the
// repository root), a model trained without that site tags it, with real
// paths and from content alone. Usage: go run ./rules/funnel/eval [-corpora DIR] [-v]
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/msglint/msglint/rules/funnel"
	"github.com/msglint/msglint/rules/funnel/train"
)

func main() {
	corpora := flag.String("corpora", "../shared/corpora", "folder of labelled sites (each with a labels.tsv)")
	verbose := flag.Bool("v", false, "list every asset tagged wrong")
	o := train.Defaults
	flag.Float64Var(&o.L2, "l2", o.L2, "weight decay (experiments)")
	flag.IntVar(&o.MinSites, "min-sites", o.MinSites, "sites a feature needs (experiments)")
	flag.IntVar(&o.MinDocs, "min-docs", o.MinDocs, "documents a feature needs (experiments)")
	flag.IntVar(&o.Epochs, "epochs", o.Epochs, "training epochs (experiments)")
	flag.Float64Var(&o.Rate, "rate", o.Rate, "learning rate (experiments)")
	flag.Float64Var(&funnel.PathWeight, "path-weight", funnel.PathWeight, "path conventions' weight (experiments)")
	flag.BoolVar(&funnel.StopWords, "stopwords", funnel.StopWords, "drop stopwords (experiments)")
	flag.BoolVar(&funnel.KeyFeatures, "keys", funnel.KeyFeatures, "front-matter key features (experiments)")
	flag.BoolVar(&funnel.FormatFeature, "format", funnel.FormatFeature, "format feature (experiments)")
	flag.Float64Var(&funnel.InRepoWeight, "inrepo", funnel.InRepoWeight, "in-repo learning weight, 0 off (experiments)")
	flag.IntVar(&funnel.InRepoEpochs, "inrepo-epochs", funnel.InRepoEpochs, "in-repo learning's gradient steps (experiments)")
	flag.IntVar(&funnel.MaxInRepoExamples, "inrepo-max", funnel.MaxInRepoExamples, "in-repo learning's examples at most (experiments)")
	flag.BoolVar(&funnel.SizeFeatures, "size", funnel.SizeFeatures, "size shape features (experiments)")
	written := flag.String("written", train.Written, "folder of the pages written for training (\"\": none)")
	flag.BoolVar(&o.Bias, "bias", o.Bias, "fit a bias per stage (experiments)")
	flag.IntVar(&funnel.MaxBodyWords, "body-words", funnel.MaxBodyWords, "body words read per document (experiments)")
	flag.BoolVar(&funnel.BodyPairs, "body-pairs", funnel.BodyPairs, "word pairs of the body (experiments)")
	flag.Parse()
	sites, err := train.AllSites(*corpora, *written)
	if err != nil {
		fmt.Fprintf(os.Stderr, "eval: %v; nothing to evaluate\n", err)
		return
	}
	ex, err := train.Load(sites)
	if err != nil {
		fmt.Fprintln(os.Stderr, "eval:", err)
		os.Exit(1)
	}
	res, err := train.Evaluate(sites, ex, o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "eval:", err)
		os.Exit(1)
	}
	res.Print(os.Stdout)
	if *verbose {
		for _, r := range res.Flat {
			if r.Got != r.Want {
				fmt.Printf("FLATMISS %s/%s want %s got %s %.2f [%s]\n", r.Site, r.Path, r.Want, r.Got, r.Confidence, strings.Join(r.Evidence, "; "))
			}
		}
		for _, r := range res.Paths {
			if r.Got != r.Want {
				fmt.Printf("MISS %s/%s want %s got %s %.2f [%s]\n", r.Site, r.Path, r.Want, r.Got, r.Confidence, strings.Join(r.Evidence, "; "))
			}
		}
	}
}
