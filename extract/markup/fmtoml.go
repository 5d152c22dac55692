package markup

import (
	toml "github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// toml reads TOML front matter: the values into Document.Meta, then the
// prose keys and directives with their positions.
func (fm *fmParser) toml() {
	body := fm.src[fm.bs:fm.be]
	meta := map[string]any{}
	if err := toml.Unmarshal(body, &meta); err != nil {
		fm.note(fm.bs, "front matter: %v", err)
		return
	}
	fm.doc.Meta = meta
	var p unstable.Parser
	p.Reset(body)
	var table []string
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			table = table[:0]
			for it := e.Key(); it.Next(); {
				table = append(table, string(it.Node().Data))
			}
			if e.Kind == unstable.ArrayTable {
				table = append(table, "[]")
			}
		case unstable.KeyValue:
			var key []string
			for it := e.Key(); it.Next(); {
				key = append(key, string(it.Node().Data))
			}
			full := append(append([]string(nil), table...), key...)
			v := e.Value()
			kr := fm.bs
			if it := e.Key(); it.Next() {
				kr += int(it.Node().Raw.Offset)
			}
			line, _ := fm.doc.LineCol(kr)
			switch {
			case len(full) == 1 && full[0] == "msglint" && v.Kind == unstable.InlineTable:
				for it := v.Children(); it.Next(); {
					kv := it.Node()
					ki := kv.Key()
					if ki.Next() && string(ki.Node().Data) == "disable" && ki.IsLast() {
						fm.tomlDisable(line, kv.Value())
					}
				}
			case len(full) == 2 && full[0] == "msglint" && full[1] == "disable":
				fm.tomlDisable(line, v)
			case len(full) == 1 && fm.prose(full[0]):
				switch v.Kind {
				case unstable.String:
					fm.tomlString(full[0], v)
				case unstable.Array:
					for it := v.Children(); it.Next(); {
						if it.Node().Kind == unstable.String {
							fm.tomlString(full[0], it.Node())
						}
					}
				}
			}
		}
	}
	if err := p.Error(); err != nil {
		fm.note(fm.bs, "front matter: %v", err)
	}
}

func (fm *fmParser) tomlDisable(line int, v *unstable.Node) {
	switch v.Kind {
	case unstable.Array:
		var rules []string
		n := 0
		for it := v.Children(); it.Next(); {
			n++
			rules = append(rules, splitRules(string(it.Node().Data))...)
		}
		fm.disable(line, rules, n == 0)
	case unstable.String:
		fm.disable(line, splitRules(string(v.Data)), false)
	case unstable.Bool:
		fm.disable(line, nil, string(v.Data) == "true")
	}
}

func (fm *fmParser) tomlString(field string, v *unstable.Node) {
	rs := fm.bs + int(v.Raw.Offset)
	re := rs + int(v.Raw.Length)
	if re > fm.be || re-rs < 2 {
		return
	}
	q := fm.src[rs]
	d := 1
	if re-rs >= 6 && fm.src[rs+1] == q && fm.src[rs+2] == q {
		d = 3
	}
	b := &builder{src: fm.src}
	cs, ce := rs+d, re-d
	if q == '\'' {
		for i, run := cs, cs; ; i++ {
			if i == ce || fm.src[i] == '\n' || fm.src[i] == '\r' {
				b.exact(run, i)
				if i == ce {
					break
				}
				b.space()
				run = i + 1
			}
		}
	} else {
		quoted(b, fm.src, cs, ce, 0, false, true)
	}
	fm.addBlock(field, b, string(v.Data), rs)
}
