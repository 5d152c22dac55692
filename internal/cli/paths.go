package cli

import (
	"path/filepath"

	"github.com/msglint/msglint/config"
	"github.com/msglint/msglint/project"
	"github.com/msglint/msglint/report"
	"github.com/msglint/msglint/rules/coverage"
	"github.com/msglint/msglint/rules/funnel"
)

// paths is the run's path mapping for the reporters (docs/output.md,
// "Paths"): findings keep paths relative to the config's folder; outputs
// show them relative to the working folder, or, for SARIF and the github
// format, to the repository root: GITHUB_WORKSPACE when set, else the git
// work tree's top above the config (found by looking for .git), else the
// config's folder.
func (a *App) paths(p *project.Project) *report.Paths {
	root := ""
	if ws := a.Getenv("GITHUB_WORKSPACE"); ws != "" {
		root = filepath.Clean(a.abs(ws))
	} else if top, ok := config.GitTop(p.Config.Dir); ok {
		root = top
	}
	return report.NewPaths(a.abs(p.Config.Dir), a.Cwd, root)
}

// showCoveragePaths maps the asset paths of `msglint report`'s model to
// those the working folder sees (the order, decided on config-relative
// paths, is kept). The assets are copied: the run's records are left as
// they are.
func showCoveragePaths(c *coverage.Model, paths *report.Paths) {
	if paths.Base() == "" {
		return
	}
	assets := make([]*funnel.Asset, len(c.Assets))
	for i, as := range c.Assets {
		cp := *as
		cp.Path = paths.Show(cp.Path)
		assets[i] = &cp
	}
	c.Assets = assets
	for _, rows := range [][]coverage.Row{c.Products, c.Audiences, c.Objections} {
		for i := range rows {
			for j := range rows[i].Cells {
				cell := &rows[i].Cells[j]
				shown := make([]string, len(cell.Assets))
				for k, p := range cell.Assets {
					shown[k] = paths.Show(p)
				}
				cell.Assets = shown
			}
		}
	}
}
