package report

// The page's layout, style and script. The style and the script are
// constant: their sha256 hashes, computed once, are the page's
// Content-Security-Policy (pageCSP), so the browser runs them and nothing
// else.

const htmlSource = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{.CSP}}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>msglint coverage report</title>
{{.Style}}
</head>
<body>
<h1>msglint coverage report</h1>
<div class="muted">Funnel stages, coverage of products by stage, marketing–sales alignment, and the findings of every asset.</div>
<dl class="meta">{{with .M.Date}}<dt>Date</dt><dd>{{.}}</dd>{{end}}{{with .M.Version}}<dt>msglint</dt><dd>{{.}}</dd>{{end}}<dt>Config</dt><dd>{{if .M.Config}}{{.M.Config}}{{else}}none (defaults){{end}}</dd>{{with .M.Commit}}<dt>Commit</dt><dd><code>{{.}}</code></dd>{{end}}<dt>Options</dt><dd>{{if .M.Options}}<code>{{join .M.Options " "}}</code>{{else}}none{{end}}</dd></dl>
<div class="chips">
<div class="chip"><b>{{len .C.Assets}}</b>assets</div>
<div class="chip"><b>{{len .C.Products}}</b>products</div>
<div class="chip{{if .C.Gaps}} warn{{end}}"><b>{{len .C.Gaps}}</b>gaps (coverage.min {{.C.Min}})</div>
{{range .C.Stages}}<div class="chip"><b>{{index $.StageCount .}}</b>{{.}}</div>
{{end}}<div class="chip"><b>{{.C.Unknown}}</b>unknown stage</div>
<div class="chip"><b>{{.Findings}}</b>findings</div>
</div>

{{with .M.Compare}}<h2>Since {{.Old}}</h2>
<div class="chips">
<div class="chip"><b>{{.OldAssets}} → {{.NewAssets}}</b>assets</div>
<div class="chip"><b>{{.OldGapCount}} → {{.NewGapCount}}</b>gaps</div>
<div class="chip"><b>{{len .GapsClosed}}</b>gaps closed</div>
<div class="chip{{if .GapsOpened}} warn{{end}}"><b>{{len .GapsOpened}}</b>gaps opened</div>
<div class="chip"><b>{{len .StageChanged}}</b>stage changes</div>
<div class="chip"><b>{{len .Added}} / {{len .Removed}}</b>assets added / removed</div>
{{if .FindingsCompared}}<div class="chip"><b>{{.OldFindings}} → {{.NewFindings}}</b>findings</div>
<div class="chip{{if .FindingsAdded}} warn{{end}}"><b>{{len .FindingsAdded}}</b>findings added</div>
<div class="chip"><b>{{len .FindingsFixed}}</b>findings fixed</div>
{{end}}</div>
{{if not .FindingsCompared}}<p class="muted">{{.Old}} holds no findings (written by an earlier msglint): findings added and fixed are not compared.</p>{{end}}
{{if .GapsClosed}}<h3>Gaps closed</h3><ul class="gaps">{{range .GapsClosed}}<li><b>{{.Product}}</b> at the <b>{{.Stage}}</b> stage</li>{{end}}</ul>{{end}}
{{if .GapsOpened}}<h3>Gaps opened</h3><ul class="gaps">{{range .GapsOpened}}<li><b>{{.Product}}</b> at the <b>{{.Stage}}</b> stage ({{.Grade}})</li>{{end}}</ul>{{end}}
{{if .StageChanged}}<h3>Stage changes</h3><ul class="gaps">{{range .StageChanged}}<li>{{.Path}}: {{.From}} → <b>{{.To}}</b></li>{{end}}</ul>{{end}}
{{if $.FindAdded}}<h3>Findings added</h3><ul class="findings">{{range $.FindAdded}}{{template "finding" .}}{{end}}</ul>{{if $.FindAddedMore}}<p class="muted">and {{$.FindAddedMore}} more.</p>{{end}}{{end}}
{{if $.FindFixed}}<details><summary>{{plural (len .FindingsFixed) "finding"}} fixed</summary><ul class="findings">{{range $.FindFixed}}{{template "finding" .}}{{end}}</ul>{{if $.FindFixedMore}}<p class="muted">and {{$.FindFixedMore}} more.</p>{{end}}</details>{{end}}
{{if .Added}}<details><summary>{{plural (len .Added) "asset"}} added</summary><ul class="files">{{range .Added}}<li>{{.}}</li>{{end}}</ul></details>{{end}}
{{if .Removed}}<details><summary>{{plural (len .Removed) "asset"}} removed</summary><ul class="files">{{range .Removed}}<li>{{.}}</li>{{end}}</ul></details>{{end}}
{{end}}<h2>Gaps</h2>
{{if .Gaps}}<ul class="gaps">
{{range .Gaps}}<li><b>{{.Label}}</b> has {{plural .Count "asset"}} at the <b>{{.Stage}}</b> stage ({{.Grade}}){{if .Near}}; nearly: {{range $i, $l := .Near}}{{if $i}}, {{end}}{{template "link" $l}}{{end}} (runner-up stage {{.Stage}}){{end}}</li>
{{end}}</ul>{{if .GapsMore}}<p class="muted">and {{.GapsMore}} more (the product × stage heatmap shows every gap; <code>msglint report</code> lists them all).</p>{{end}}
{{else if .C.Products}}<p>Every product × stage cell reaches coverage.min.</p>
{{else}}<p class="muted">The glossary has no term of kind product or feature.</p>
{{end}}
{{range .Matrices}}{{$m := .}}
<h2>{{.Title}}</h2>
<div class="legend">{{if .Gaps}}{{range $.Grades}}<span class="g-{{.}}">{{.}}</span>{{end}}{{else}}<span class="g-none">none</span>{{range $.Grades}}{{if ne . "gap"}}<span class="g-{{.}}">{{.}}</span>{{end}}{{end}}{{end}}<span class="js-only hint">select a cell to list its assets</span></div>
<div class="cv"><table class="heat">
<tr><th>{{.Head}}</th>{{range .Stages}}<th>{{.}}</th>{{end}}</tr>
{{range .Rows}}<tr data-m="{{$m.Kind}}" data-r="{{.Key}}"><th class="row">{{.Label}}{{if ne .Label .Key}}<div class="title">{{.Key}}</div>{{end}}</th>
{{range .Cells}}<td class="{{.Class}}" tabindex="0"><b>{{.Count}}</b><i>{{.Grade}}</i>{{if .Shown}}<ul class="files">{{range .Shown}}<li>{{template "link" .}}</li>{{end}}</ul>{{end}}{{if .More}}<details><summary>{{len .More}} more</summary><ul class="files">{{range .More}}<li>{{template "link" .}}</li>{{end}}</ul></details>{{end}}</td>
{{end}}</tr>
{{end}}</table></div>
{{end}}
{{with .Chart}}<h2>Stages per team</h2>
<svg class="chart" viewBox="0 0 1000 {{.Height}}" role="img" aria-label="share of each team's assets per funnel stage">
{{range .Legend}}<rect x="{{.LX}}" y="6" width="12" height="12" fill="{{.Fill}}"></rect><text x="{{.LX}}" dx="16" y="16">{{.Stage}}</text>
{{end}}{{range .Rows}}<text x="0" y="{{.TY}}">{{.Team}} ({{.Total}})</text>{{$r := .}}{{range .Segs}}<rect x="{{.X}}" y="{{$r.Y}}" width="{{.W}}" height="20" fill="{{.Fill}}"><title>{{$r.Team}}: {{.N}} {{.Stage}} ({{.Pct}}%)</title></rect>{{end}}
{{end}}</svg>
{{end}}<h2>Alignment</h2>
{{if .HasTeams}}<table>
<tr><th>Product</th><th></th>{{range .C.Alignment.Teams}}<th>{{.}}</th>{{end}}</tr>
{{range .AlignRows}}<tr><td>{{if .Product}}{{.Product}}{{else}}<span class="muted">all</span>{{end}}</td><td>{{.What}}</td>{{range .ByTeam}}<td{{if not .}} class="none"{{end}}>{{if .}}{{join . ", "}}{{else}}–{{end}}</td>{{end}}</tr>
{{end}}</table>
{{if not .C.ClaimsKnown}}<p class="muted">Claim usage was not collected.</p>{{end}}
{{else}}<p class="muted">No asset has a team: add <code>teams:</code> path rules to the config, or <code>team:</code> to front matter.</p>
{{end}}
<h2>Findings by rule family</h2>
{{if .Families}}<table>
<tr><th>Family</th><th>Errors</th><th>Warnings</th><th>Infos</th><th>Assets</th></tr>
{{range .Families}}<tr><td>{{.Name}}</td><td>{{.Errors}}</td><td>{{.Warnings}}</td><td>{{.Info}}</td><td>{{.Assets}}</td></tr>
{{end}}</table>
{{else}}<p class="muted">No finding on any asset.</p>
{{end}}{{if .Other}}<h3>Findings on the configuration</h3>
<ul class="findings">{{range .Other}}{{template "finding" .}}{{end}}</ul>{{if .OtherMore}}<p class="muted">and {{.OtherMore}} more (msglint check lists them all).</p>{{end}}
{{end}}
<h2 id="assets">Assets</h2>
<div id="app" hidden>
<div class="filters">
<label>Stage <select id="f-stage"></select></label>
<label>Team <select id="f-team"></select></label>
<label>Product <select id="f-product"></select></label>
<label>Audience <select id="f-audience"></select></label>
<label>Objection <select id="f-objection"></select></label>
<label>Rule family <select id="f-family"></select></label>
<label>Severity <select id="f-sev"></select></label>
<label>Search <input id="f-q" type="search" placeholder="path, title, message"></label>
<label>Sort <select id="f-sort"></select></label>
<button id="f-reset" type="button">Clear</button>
</div>
<p><span id="count"></span> <span id="cellnote" class="muted"></span></p>
<div id="rows"></div>
<button id="more" type="button" hidden>more</button>
</div>
{{if .Static}}<div id="static">
<table class="assets">
<tr><th>Asset</th><th>Stage</th><th>Source</th><th>Confidence</th><th>Team</th><th>Products</th><th>Audiences</th><th>Objections</th><th>Evidence</th><th>Findings</th></tr>
{{range .Assets}}<tr><td class="path">{{if .Href}}<a href="{{.Href}}">{{.Path}}</a>{{else}}{{.Path}}{{end}}{{if .Title}}<div class="title">{{.Title}}</div>{{end}}</td><td><span class="stage {{.Stage}}">{{.Stage}}</span></td><td>{{.Source}}</td><td>{{.Confidence}}</td><td>{{.Team}}</td><td>{{.Products}}</td><td>{{.Audiences}}</td><td>{{.Objections}}</td><td>{{if .Evidence}}<ul class="ev">{{range .Evidence}}<li>{{.}}</li>{{end}}</ul>{{end}}</td><td>{{if .Families}}<span class="sev error">{{.Errors}}</span> <span class="sev warning">{{.Warnings}}</span> <span class="sev info">{{.Infos}}</span>{{range .Families}}<div class="fam">{{.Name}}</div><ul class="findings">{{range .Findings}}{{template "finding" .}}{{end}}</ul>{{end}}{{else}}–{{end}}</td></tr>
{{end}}</table>
</div>
{{else}}<noscript><p class="notice">{{len .C.Assets}} assets: their list, with their findings, is drawn by the page's script. Turn JavaScript on to browse it, or run <code>msglint report --format json</code> and <code>msglint check</code>.</p></noscript>
{{end}}
<p class="muted">Generated by msglint. Stage sources: frontmatter, path (config funnel.paths), content (signals), none.</p>
{{.Data}}
{{.Script}}
</body>
</html>
{{define "link"}}{{if .Href}}<a href="{{.Href}}">{{.Path}}</a>{{else}}{{.Path}}{{end}}{{end}}
{{define "finding"}}<li><span class="sev {{.Severity}}">{{.Severity}}</span> <code>{{.Rule}}</code> {{if .Href}}<a href="{{.Href}}">{{.Where}}</a>{{else}}{{.Where}}{{end}}: {{.Message}}{{if .Excerpt}}<q>{{.Excerpt}}</q>{{end}}</li>{{end}}`

const pageStyleBody = `
:root{--gap:#f3b0ad;--thin:#f8cf95;--adequate:#f4ecb0;--strong:#b5dfa8;--crowded:#9ccbe6;--none:#f1f1f1;--ink:#1d232b;--muted:#5d6773;--line:#d9dee4}
*{box-sizing:border-box}
body{margin:0;padding:24px 32px;font:14px/1.45 -apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--ink);background:#fff}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:17px;margin:28px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}
h3{font-size:15px;margin:16px 0 6px}
a{color:#1f5fa8}
.muted{color:var(--muted)}
dl.meta{display:flex;flex-wrap:wrap;gap:2px 14px;margin:8px 0 0;font-size:12px;color:var(--muted)}
dl.meta dt{font-weight:600}dl.meta dt::after{content:":"}dl.meta dd{margin:0 0 0 -10px;overflow-wrap:anywhere}
.chips{display:flex;flex-wrap:wrap;gap:8px;margin:12px 0}
.chip{border:1px solid var(--line);border-radius:6px;padding:6px 12px;background:#fafbfc}
.chip b{font-size:18px;display:block}
.chip.warn{background:var(--gap);border-color:#e39b97}
table{border-collapse:collapse}
th,td{border:1px solid var(--line);padding:6px 8px;vertical-align:top;text-align:left}
th{background:#f4f6f8;font-weight:600}
table.heat{table-layout:fixed}
table.heat th:first-child{width:220px}
table.heat td,table.heat th{width:210px}
.cv{content-visibility:auto;contain-intrinsic-size:auto 1000px}
.js table.heat td{cursor:pointer}
.js table.heat td:hover,table.heat td:focus{outline:2px solid #1f5fa8;outline-offset:-2px}
table.heat th.row{max-width:220px;overflow-wrap:anywhere}
table.heat td>b{display:block;font-size:20px;font-weight:700;line-height:1.1}
table.heat td>i{display:block;font-style:normal;font-size:11px;text-transform:uppercase;letter-spacing:.04em;color:#39424d}
.g-gap{background:var(--gap)}.g-thin{background:var(--thin)}.g-adequate{background:var(--adequate)}
.g-strong{background:var(--strong)}.g-crowded{background:var(--crowded)}.g-none{background:var(--none)}
ul.files{margin:4px 0 0;padding-left:16px;font-size:12px}
ul.files li{overflow-wrap:anywhere}
details summary{cursor:pointer}
td details summary{font-size:12px;color:var(--muted)}
.legend{display:flex;gap:6px;flex-wrap:wrap;margin:6px 0 10px;font-size:12px}
.legend span{padding:2px 8px;border-radius:4px;border:1px solid var(--line)}
.legend span.hint{border:0;color:var(--muted)}
.js-only{display:none}.js .js-only{display:inline}
ul.gaps{margin:0;padding-left:20px}
table.assets{width:100%;font-size:13px}
table.assets td.path{overflow-wrap:anywhere;max-width:300px}
.title{color:var(--muted);font-size:12px}
.stage{display:inline-block;padding:1px 8px;border-radius:10px;background:#e8edf3;font-size:12px;white-space:nowrap}
.stage.unknown{background:#fde3e1}
ul.ev{margin:0;padding-left:16px;font-size:12px;color:#39424d}
td.none{color:var(--muted)}
.sev{display:inline-block;min-width:1.6em;padding:0 6px;border-radius:8px;font-size:11px;text-align:center;background:#e8edf3}
.sev.error{background:#f3b0ad}.sev.warning{background:#f8cf95}.sev.info{background:#cfe3f6}
ul.findings{margin:2px 0 6px;padding-left:16px;font-size:12px}
ul.findings q{display:block;color:var(--muted);font-style:italic;overflow-wrap:anywhere}
.fam{font-weight:600;font-size:12px;margin-top:4px}
.filters{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:end;padding:10px;background:#f4f6f8;border:1px solid var(--line);border-radius:6px}
.filters label{display:flex;flex-direction:column;font-size:12px;color:var(--muted)}
.filters select,.filters input{font:inherit;font-size:13px;max-width:200px}
#rows details.asset{border-bottom:1px solid var(--line);padding:6px 4px;content-visibility:auto;contain-intrinsic-size:auto 34px}
#rows summary{display:flex;flex-wrap:wrap;gap:4px 12px;align-items:baseline}
#rows summary .p{font-weight:600;overflow-wrap:anywhere}
#rows .body{padding:6px 0 4px 18px;font-size:13px}
#rows .body dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0 0 6px}
#rows .body dt{color:var(--muted)}#rows .body dd{margin:0;overflow-wrap:anywhere}
svg.chart{display:block;width:100%;max-width:1000px;font-size:13px}
svg.chart text{fill:var(--ink)}
.notice{padding:8px 12px;background:#fff6d6;border:1px solid #ecd98a;border-radius:6px}
`

// pageScriptBody renders the asset list from the JSON island: filters
// (stage, team, product, audience, objection, rule family, severity),
// a search, a sort, and the heatmap cells as filters. The filters live in
// the URL's fragment (#team=sales&q=deck; open=PATH expands an asset),
// so a filtered view can be shared and reloaded. It only sets textContent and attributes it
// checks (links must be relative or http(s)); it fetches nothing. It
// times its own work (docs/report.md): data-msglint-ms on <html> gives,
// in milliseconds since the navigation started, when the file was read
// (response), when the script started (the HTML parsed), the island
// parsed, the model and the controls built, the first rows rendered, and
// the next frame (style, layout and paint of that first view) done.
const pageScriptBody = `
(function(){"use strict";
var T={script:performance.now()},D=JSON.parse(document.getElementById("msglint-data").textContent),S=D.str,SEV=["","info","warning","error"],PAGE=100;T.parse=performance.now();
function str(i){return S[i]}
var A=D.assets.map(function(r){var n=[0,0,0,0],x=r[14],i;for(i=0;i<x.length;i++)n[x[i][1]]++;return{p:r[0],l:r[1]==null?"":D.lp+(r[1]===0?r[0]:r[1]),t:r[2],f:S[r[3]],s:S[r[4]],src:S[r[5]],c:r[6],low:r[7],ru:S[r[8]],tm:S[r[9]],
pr:r[10].map(function(i){return D.products[i][0]}),au:r[11].map(str),ob:r[12].map(str),ev:r[13],x:x,n:n}});
function $(id){return document.getElementById(id)}
function el(t,c,x){var e=document.createElement(t);if(c)e.className=c;if(x!=null)e.textContent=String(x);return e}
function fam(r){var i=r.indexOf("/");return i<0?r:r.slice(0,i)}
var RF=D.rules.map(fam);
function safe(u){return u&&/^(\.\.?\/|https?:\/\/)/i.test(u)?u:""}
function link(text,href){href=safe(href);if(!href)return el("span","",text);var a=el("a","",text);a.href=href;return a}
function has(l,v){return(l||[]).indexOf(v)>=0}
var F0={stage:"",team:"",product:"",audience:"",objection:"",family:"",sev:"",q:"",cell:"",sort:"path",open:""},F={},k;
function reset(){for(k in F0)F[k]=F0[k]}reset();
var fams=RF.filter(function(f,i){return RF.indexOf(f)==i}).sort();
function readHash(){reset();location.hash.slice(1).split("&").forEach(function(kv){var i=kv.indexOf("=");if(i<0)return;var key,val;try{key=decodeURIComponent(kv.slice(0,i));val=decodeURIComponent(kv.slice(i+1).replace(/\+/g," "))}catch(e){return}if(Object.prototype.hasOwnProperty.call(F0,key))F[key]=val})}
function writeHash(){var p=[];for(k in F)if(F[k]!==F0[k])p.push(k+"="+encodeURIComponent(F[k]));try{history.replaceState(null,"",p.length?"#"+p.join("&"):location.pathname+location.search)}catch(e){}}
function cell(){try{var c=JSON.parse(F.cell);return Array.isArray(c)&&c.length==3?c:null}catch(e){return null}}
function finds(a){return a.x.filter(function(x){return(!F.family||RF[x[0]]==F.family)&&(!F.sev||x[1]>=SEV.indexOf(F.sev))})}
var C=null,Q="";
function match(a){
if(F.stage&&a.s!=F.stage||F.team&&(a.tm||"")!=F.team||F.product&&!has(a.pr,F.product)||F.audience&&!has(a.au,F.audience)||F.objection&&!has(a.ob,F.objection))return false;
if(C&&(a.low||a.s!=C[2]||!has(C[0]=="p"?a.pr:C[0]=="a"?a.au:a.ob,C[1])))return false;
if((F.family||F.sev)&&!finds(a).length)return false;
if(Q){if(a.h==null)a.h=(a.p+"\n"+(a.t||"")).toLowerCase();if(a.h.indexOf(Q)<0&&!a.x.some(function(x){return D.msgs[x[4]].toLowerCase().indexOf(Q)>=0||String(x[5]).toLowerCase().indexOf(Q)>=0}))return false}
return true}
var sorts={path:["path",null],findings:["most findings",function(a,b){return b.n[3]-a.n[3]||b.n[2]-a.n[2]||b.n[1]-a.n[1]}],confidence:["lowest confidence",function(a,b){return a.c-b.c}],stage:["stage",function(a,b){return D.stages.indexOf(a.s)-D.stages.indexOf(b.s)}]};
function fill(id,opts,all){var s=$(id),fr=document.createDocumentFragment();s.textContent="";if(all!=null)fr.appendChild(el("option","",all)).value="";opts.forEach(function(o){var v=Array.isArray(o)?o[0]:o,t=Array.isArray(o)?o[1]:o,e=el("option","",t);e.value=v;fr.appendChild(e)});s.appendChild(fr)}
fill("f-stage",D.stages.concat(["unknown"]),"all");fill("f-team",D.teams,"all");fill("f-product",D.products,"all");fill("f-audience",D.audiences,"all");fill("f-objection",D.objections,"all");fill("f-family",fams,"all");
fill("f-sev",[["error","errors"],["warning","warnings and up"],["info","any finding"]],"all");fill("f-sort",Object.keys(sorts).map(function(k){return[k,sorts[k][0]]}));
var list=[],shown=0;
function render(){writeHash();["stage","team","product","audience","objection","family","sev","sort"].forEach(function(k){$("f-"+k).value=F[k]});if($("f-q").value!=F.q)$("f-q").value=F.q;
C=cell();Q=F.q.toLowerCase();list=A.filter(match);var s=(sorts[F.sort]||sorts.path)[1];if(s)list=list.slice().sort(function(a,b){return s(a,b)||(a.p<b.p?-1:a.p>b.p?1:0)});
$("count").textContent=list.length+" of "+A.length+" assets"+(D.cut?" ("+D.cut+" excerpts shortened or left out to keep the page small: msglint check shows them)":"");$("cellnote").textContent=C?"(the cell "+C[1]+" × "+C[2]+")":"";
$("rows").textContent="";shown=0;more();var o=F.open&&document.querySelector("#rows details[open]");if(o)o.scrollIntoView()}
function more(){var end=Math.min(list.length,shown+PAGE),fr=document.createDocumentFragment();for(;shown<end;shown++)fr.appendChild(row(list[shown]));$("rows").appendChild(fr);var m=$("more");m.hidden=shown>=list.length;m.textContent="Show "+Math.min(PAGE,list.length-shown)+" more of "+(list.length-shown)}
function row(a){var d=el("details","asset"),s=el("summary");d.setAttribute("data-path",a.p);s.appendChild(link(a.p,a.l)).className="p";if(a.t)s.appendChild(el("span","title",a.t));s.appendChild(el("span","stage "+(a.s=="unknown"?"unknown":""),a.s));if(a.tm)s.appendChild(el("span","muted",a.tm));
[3,2,1].forEach(function(i){if(a.n[i])s.appendChild(el("span","sev "+SEV[i],a.n[i]+" "+SEV[i]+(a.n[i]>1?"s":"")))});d.appendChild(s);
d.addEventListener("toggle",function(){if(d.open&&!d.b){d.b=1;d.appendChild(body(a))}});if(F.open&&a.p==F.open){d.b=1;d.appendChild(body(a));d.open=true}return d}
function body(a){var b=el("div","body"),dl=el("dl");function add(t,v){if(v==null||v===""||Array.isArray(v)&&!v.length)return;dl.appendChild(el("dt","",t));dl.appendChild(el("dd","",Array.isArray(v)?v.join(", "):v))}
add("Title",a.t);add("Format",a.f);add("Stage",a.s+" ("+(a.src||"none")+", confidence "+a.c.toFixed(2)+(a.low?", low: counted in no cell":"")+")");add("Runner-up stage",a.ru);add("Team",a.tm);add("Products",(a.pr||[]).map(function(p){for(var i=0;i<D.products.length;i++)if(D.products[i][0]==p)return D.products[i][1];return p}));add("Audiences",a.au);add("Objections",a.ob);add("Evidence",a.ev.map(str).join(" · "));b.appendChild(dl);
var by={},order=[];finds(a).forEach(function(x){var f=RF[x[0]];if(!by[f]){by[f]=[];order.push(f)}by[f].push(x)});order.sort();
if(!order.length)b.appendChild(el("p","muted",a.x.length?"No finding matches the filters.":"No finding."));
order.forEach(function(f){b.appendChild(el("div","fam",f+" ("+by[f].length+")"));var ul=el("ul","findings");by[f].forEach(function(x){var li=el("li"),lc=S[x[3]],w=lc||(x[2]>0?"line "+x[2]:""),h=a.l;
if(h&&D.lines&&x[2]>0&&!lc)h+=(D.plain&&h.indexOf("?")<0?"?plain=1":"")+"#L"+x[2];else if(lc)h="";
li.appendChild(el("span","sev "+SEV[x[1]],SEV[x[1]]));li.appendChild(document.createTextNode(" "));li.appendChild(el("code","",D.rules[x[0]]));li.appendChild(document.createTextNode(" "));if(w){li.appendChild(h?link(w,h):el("span","",w));li.appendChild(document.createTextNode(": "))}li.appendChild(document.createTextNode(D.msgs[x[4]]));if(x[5])li.appendChild(el("q","",x[5]));ul.appendChild(li)});b.appendChild(ul)});return b}
["stage","team","product","audience","objection","family","sev","sort"].forEach(function(k){$("f-"+k).addEventListener("change",function(){F[k]=this.value;render()})});
$("f-q").addEventListener("input",function(){F.q=this.value;render()});$("f-reset").addEventListener("click",function(){reset();render()});$("more").addEventListener("click",more);
function go(e){var td=e.target.closest("tr[data-m]>td");if(!td||e.type=="click"&&e.target.closest("a,summary")||e.type=="keydown"&&(e.key!="Enter"||e.target!=td))return;var tr=td.parentNode;
reset();F.cell=JSON.stringify([tr.getAttribute("data-m"),tr.getAttribute("data-r"),D.stages[td.cellIndex-1]]);render();$("assets").scrollIntoView()}
document.addEventListener("click",go);document.addEventListener("keydown",go);
window.addEventListener("hashchange",function(){readHash();render()});
T.model=performance.now();document.documentElement.className+=" js";var st=$("static");if(st)st.hidden=true;$("app").hidden=false;readHash();render();T.render=performance.now();
function times(){var n=performance.getEntriesByType("navigation")[0],v=["response="+(n?n.responseEnd:0).toFixed(0)];for(k in T)v.push(k+"="+T[k].toFixed(0));document.documentElement.setAttribute("data-msglint-ms",v.join(" "))}
times();requestAnimationFrame(function(){setTimeout(function(){T.frame=performance.now();times()},0)})})();
`
