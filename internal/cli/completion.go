package cli

import (
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"github.com/spf13/pflag"

	"github.com/msglint/msglint/rules"
)

var completionCommand = &command{
	name:    "completion",
	summary: "print a shell completion script: bash, zsh or fish",
	usage:   "msglint completion bash|zsh|fish",
	examples: `  source <(msglint completion bash)                                # bash, this shell
  msglint completion bash > /etc/bash_completion.d/msglint        # bash, every shell
  msglint completion zsh > "${fpath[1]}/_msglint"                  # zsh (uses bashcompinit)
  msglint completion fish > ~/.config/fish/completions/msglint.fish
`,
}

func init() { completionCommand.run = runCompletion }

func runCompletion(a *App, args []string) int {
	fs := a.newFlags(completionCommand)
	if code, ok := a.parse(fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		return a.usageError(fmt.Errorf("completion takes one shell: bash, zsh or fish"))
	}
	cs := completionSpecs()
	switch fs.Arg(0) {
	case "bash":
		writeBash(a.Stdout, cs)
	case "zsh":
		fmt.Fprint(a.Stdout, "#compdef msglint\n# msglint completion for zsh, through bash completion.\nautoload -U +X bashcompinit && bashcompinit\n")
		writeBash(a.Stdout, cs)
	case "fish":
		writeFish(a.Stdout, cs)
	default:
		return a.usageError(fmt.Errorf("unknown shell %q: bash, zsh or fish", fs.Arg(0)))
	}
	return ExitOK
}

// compSpec is what completion knows of a command: its flags, read from the
// flag set the command itself builds.
type compSpec struct {
	cmd   *command
	flags []*pflag.Flag
}

// completionSpecs runs every command with --help on a silent App and keeps
// the flag set each one built, so the scripts list the real flags.
func completionSpecs() []compSpec {
	var out []compSpec
	cs := commands()
	sort.Slice(cs, func(i, j int) bool { return cs[i].name < cs[j].name })
	for _, c := range cs {
		var got *pflag.FlagSet
		quiet := &App{Stdout: io.Discard, Stderr: io.Discard, rawStderr: io.Discard,
			onFlags: func(fs *pflag.FlagSet) { got = fs }}
		c.run(quiet, []string{"--help"})
		s := compSpec{cmd: c}
		if got != nil {
			got.VisitAll(func(f *pflag.Flag) { s.flags = append(s.flags, f) })
		}
		out = append(out, s)
	}
	return out
}

// flagValues are the values a flag's help lists ("...: error|warning|info").
var flagValues = regexp.MustCompile(`: ?([a-z][a-z-]*(?:\|[a-z][a-z-]*)+)`)

// values returns what completes a flag's value: the levels or formats its
// help lists, rule ids for --rule and --disable, nil otherwise (files).
func values(f *pflag.Flag) []string {
	if f.Name == "rule" || f.Name == "disable" {
		return rules.Names()
	}
	if m := flagValues.FindStringSubmatch(f.Usage); m != nil {
		return strings.Split(m[1], "|")
	}
	return nil
}

func writeBash(w io.Writer, cs []compSpec) {
	var names []string
	for _, s := range cs {
		names = append(names, s.cmd.name)
	}
	fmt.Fprintf(w, `# msglint completion for bash (msglint completion bash).
_msglint() {
    local cur prev cmd w i
    cur="${COMP_WORDS[COMP_CWORD]}"
    prev=""
    if [[ $COMP_CWORD -gt 0 ]]; then prev="${COMP_WORDS[COMP_CWORD-1]}"; fi
    cmd=""
    for ((i = 1; i < COMP_CWORD; i++)); do
        case "${COMP_WORDS[i]}" in
            %s) cmd="${COMP_WORDS[i]}"; break ;;
        esac
    done
    if [[ -z $cmd && $COMP_CWORD -eq 1 && $cur != -* ]]; then
        COMPREPLY=($(compgen -W "%s" -- "$cur") $(compgen -f -- "$cur"))
        return
    fi
    local flags="" args=""
    case "${cmd:-check}" in
`, strings.Join(names, "|"), strings.Join(names, " "))
	for _, s := range cs {
		var flags []string
		fmt.Fprintf(w, "        %s)\n", s.cmd.name)
		fmt.Fprintf(w, "            case \"$prev\" in\n")
		for _, f := range s.flags {
			flags = append(flags, "--"+f.Name)
			if f.Shorthand != "" {
				flags = append(flags, "-"+f.Shorthand)
			}
			if f.Value.Type() == "bool" {
				continue
			}
			pat := "--" + f.Name
			if f.Shorthand != "" {
				pat += "|-" + f.Shorthand
			}
			if vs := values(f); vs != nil {
				fmt.Fprintf(w, "                %s) COMPREPLY=($(compgen -W %q -- \"$cur\")); return ;;\n", pat, strings.Join(vs, " "))
			} else {
				fmt.Fprintf(w, "                %s) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n", pat)
			}
		}
		fmt.Fprintf(w, "            esac\n")
		fmt.Fprintf(w, "            flags=%q\n", strings.Join(flags, " "))
		switch s.cmd.name {
		case "explain":
			fmt.Fprintf(w, "            args=%q\n", strings.Join(rules.Names(), " "))
		case "completion":
			fmt.Fprintf(w, "            args=\"bash zsh fish\"\n")
		}
		fmt.Fprintf(w, "            ;;\n")
	}
	fmt.Fprint(w, `    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$flags --help" -- "$cur"))
    elif [[ -n $args ]]; then
        COMPREPLY=($(compgen -W "$args" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
complete -o default -F _msglint msglint
`)
}

func writeFish(w io.Writer, cs []compSpec) {
	var names []string
	for _, s := range cs {
		names = append(names, s.cmd.name)
	}
	all := strings.Join(names, " ")
	fmt.Fprintf(w, "# msglint completion for fish (msglint completion fish).\ncomplete -c msglint -f\n")
	for _, s := range cs {
		fmt.Fprintf(w, "complete -c msglint -n '__fish_use_subcommand' -a %s -d %s\n", s.cmd.name, fishQuote(s.cmd.summary))
	}
	for _, s := range cs {
		cond := fmt.Sprintf("__fish_seen_subcommand_from %s", s.cmd.name)
		if s.cmd.name == "check" { // also bare `msglint PATH`
			cond = fmt.Sprintf("not __fish_seen_subcommand_from %s; or __fish_seen_subcommand_from check", strings.ReplaceAll(all, " check", ""))
		}
		for _, f := range s.flags {
			line := fmt.Sprintf("complete -c msglint -n %s -l %s", fishQuote(cond), f.Name)
			if f.Shorthand != "" {
				line += " -s " + f.Shorthand
			}
			if f.Value.Type() != "bool" {
				if vs := values(f); vs != nil {
					line += " -x -a " + fishQuote(strings.Join(vs, " "))
				} else {
					line += " -r -F"
				}
			}
			fmt.Fprintf(w, "%s -d %s\n", line, fishQuote(firstClause(f.Usage)))
		}
		switch s.cmd.name {
		case "explain":
			fmt.Fprintf(w, "complete -c msglint -n %s -a %s\n", fishQuote(cond), fishQuote(strings.Join(rules.Names(), " ")))
		case "completion":
			fmt.Fprintf(w, "complete -c msglint -n %s -a 'bash zsh fish'\n", fishQuote(cond))
		case "check", "fix", "init", "report":
			fmt.Fprintf(w, "complete -c msglint -n %s -F\n", fishQuote(cond))
		}
	}
}

// firstClause is a flag's help up to its first parenthesis or semicolon,
// without the backquotes naming its value.
func firstClause(s string) string {
	if i := strings.IndexAny(s, "(;"); i > 0 {
		s = s[:i]
	}
	return strings.TrimSpace(strings.ReplaceAll(s, "`", ""))
}

func fishQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}
