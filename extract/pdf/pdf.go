// Package pdf extracts the text of PDF files, one block a page, with the
// built-in reader (extract/internal/pdf, a bounded fork of
// github.com/ledongthuc/pdf's parser) or poppler's pdftotext: Extract and
// the backends in pdf.go, glyphs to lines and words in pdf_content.go.
package pdf

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/extract/internal/pdf"
	"github.com/msglint/msglint/extract/internal/shared"
)

// PDF backends. The environment variable MSGLINT_PDF_BACKEND chooses one:
// empty or "go" (the default: built-in, on github.com/ledongthuc/pdf's
// parser, so every machine gives the same text), "pdftotext" (poppler, must
// be on PATH) or "auto" (pdftotext when found on PATH, else go). The backend
// used is recorded in Document.Meta["backend"] and in the asset.
const (
	BackendGo        = "go"
	BackendPdftotext = "pdftotext"
	BackendEnv       = "MSGLINT_PDF_BACKEND"
)

// Extract extracts the text of each page as one block (ScopePage, "page N"),
// lines joined by "\n", words spaced from glyph positions and end-of-line
// hyphenation joined ("reli-" + "able" = "reliable"). Blocks have no Segs.
//
// Findings it can cause (as errors or Notes; Document.Meta["backend"]
// names the backend used):
//   - encrypted and not readable with an empty password: InputError
//     input/unreadable "encrypted Extract";
//   - no text on any page (scanned or image-only): a Note of
//     input/unreadable, since nothing in the file could be checked;
//   - pages whose text looks garbled (under half letters, digits or
//     punctuation) are dropped, and a Note of input/encoding names them;
//     words run together, or Type 3 glyphs without a Unicode map (left
//     out), give an input/encoding Note too, with the text kept. With the
//     built-in backend the notes suggest installing poppler-utils.
//
// Hostile input: the built-in reader checks every size the file declares
// before allocating from it, detects cycles, and counts its work, bytes
// inflated and wall time against the Extract bounds of Limits (see pdfLimitsOf);
// going over one gives input/too-large naming the limit, a structure no
// valid file has gives input/unreadable. Work stops when a bound is hit:
// nothing is left running.
func Extract(path string, src []byte, opts *shared.Options) (doc *content.Document, err error) {
	defer shared.Guard(&doc, &err)
	lim := pdfLimitsOf(opts)
	if int64(len(src)) > lim.MaxFileSize {
		return nil, shared.TooLarge("file is %d bytes (limit %d)", len(src), lim.MaxFileSize)
	}
	backend := os.Getenv(BackendEnv)
	switch backend {
	case "":
		backend = BackendGo
	case "auto":
		backend = BackendGo
		if _, err := exec.LookPath("pdftotext"); err == nil {
			backend = BackendPdftotext
		}
	case BackendGo, BackendPdftotext:
	default:
		return nil, fmt.Errorf("%s=%q: want go, pdftotext or auto", BackendEnv, backend)
	}
	ctx, cancel := context.WithTimeout(context.Background(), lim.PDFTimeout)
	defer cancel()
	var r *pdf.Reader
	if encrypted := pdfEncrypted(src); encrypted || backend == BackendGo {
		r, err = pdfOpen(ctx, src, lim)
		if err != nil {
			if encrypted && !pdfBoundErr(err) {
				// not readable with the empty user password
				return nil, shared.Unreadable("encrypted PDF: cannot read its text without the password")
			}
			return nil, pdfError(err, lim)
		}
	}
	var pages []pdfPage
	if backend == BackendPdftotext {
		pages, err = pdftotext(ctx, src, lim.PDFTimeout)
	} else {
		pages, err = pdfGoText(r, lim)
	}
	if err != nil {
		return nil, err
	}
	doc = &content.Document{Path: path, Format: content.FormatPDF, Meta: map[string]any{"backend": backend}}
	var garbled, glued, type3 []int
	for i, pg := range pages {
		n := i + 1
		if pg.type3 > 0 {
			type3 = append(type3, n)
		}
		text := pdfJoinLines(pg.lines)
		if text == "" {
			continue
		}
		switch pdfQuality(text) {
		case pdfGarbled:
			garbled = append(garbled, n)
			continue
		case pdfGlued:
			glued = append(glued, n)
		}
		doc.Blocks = append(doc.Blocks, content.Block{Scope: content.ScopePage, Text: text, Loc: fmt.Sprintf("page %d", n)})
	}
	hint := ""
	if backend == BackendGo {
		hint = "; installing poppler-utils (pdftotext) may give better text"
	}
	note := func(rule, msg string) {
		doc.Notes = append(doc.Notes, content.Note{Rule: rule, Message: msg, Offset: -1})
	}
	switch {
	case len(doc.Blocks) == 0 && len(garbled) == 0 && len(type3) == 0:
		note(content.RuleUnreadable, fmt.Sprintf("PDF has no text on any of its %d pages (scanned or image-only?): nothing was checked", len(pages)))
	case len(garbled) > 0:
		note(content.RuleEncoding, fmt.Sprintf("PDF text looks garbled on %s (fonts without a usable encoding); those pages were not checked%s", pageList(garbled), hint))
	}
	if len(glued) > 0 {
		note(content.RuleEncoding, fmt.Sprintf("PDF words look run together on %s; names and claims there may be missed%s", pageList(glued), hint))
	}
	if len(type3) > 0 {
		note(content.RuleEncoding, fmt.Sprintf("PDF text in Type 3 fonts without a Unicode map was left out on %s%s", pageList(type3), hint))
	}
	return doc, nil
}

func pageList(ns []int) string {
	var b strings.Builder
	if len(ns) == 1 {
		b.WriteString("page ")
	} else {
		b.WriteString("pages ")
	}
	for i := 0; i < len(ns); i++ {
		j := i
		for j+1 < len(ns) && ns[j+1] == ns[j]+1 {
			j++
		}
		if b.Len() > 6 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(ns[i]))
		if j > i {
			b.WriteString("-" + strconv.Itoa(ns[j]))
		}
		i = j
	}
	return b.String()
}

type pdfPage struct {
	lines []string
	// type3 counts glyphs of Type 3 fonts that could not be decoded
	// (no ToUnicode map); they are left out.
	type3 int
}

// pdfEncrypted reports whether the file names an /Encrypt dictionary
// (in a trailer or a cross-reference stream).
func pdfEncrypted(src []byte) bool {
	return bytes.Contains(src, []byte("/Encrypt"))
}

// pdfLimitsOf returns opts' limits with the PDF bounds' zero fields set
// to their defaults (limitsOf handles the others).
func pdfLimitsOf(opts *shared.Options) shared.Limits {
	l := shared.LimitsOf(opts)
	if opts == nil {
		return l
	}
	o, d := opts.Limits, shared.DefaultLimits
	l.MaxPDFPages = cmp.Or(max(o.MaxPDFPages, 0), d.MaxPDFPages)
	l.MaxPDFObjects = cmp.Or(max(o.MaxPDFObjects, 0), d.MaxPDFObjects)
	l.MaxPDFStreamBytes = cmp.Or(max(o.MaxPDFStreamBytes, 0), d.MaxPDFStreamBytes)
	l.MaxPDFInflateBytes = cmp.Or(max(o.MaxPDFInflateBytes, 0), d.MaxPDFInflateBytes)
	l.MaxPDFWork = cmp.Or(max(o.MaxPDFWork, 0), d.MaxPDFWork)
	l.PDFTimeout = cmp.Or(max(o.PDFTimeout, 0), d.PDFTimeout)
	return l
}

func pdfOpen(ctx context.Context, src []byte, lim shared.Limits) (*pdf.Reader, error) {
	return pdf.NewReader(ctx, bytes.NewReader(src), int64(len(src)), pdf.Limits{
		MaxObjects:      lim.MaxPDFObjects,
		MaxStreamBytes:  lim.MaxPDFStreamBytes,
		MaxInflateBytes: lim.MaxPDFInflateBytes,
		MaxWork:         pdfWork(lim, len(src)),
	})
}

// pdfWork is the work budget of a file of size bytes: MaxPDFWork per MB
// started (at least one), so the work may grow with the file but a small
// file cannot amplify into a long run.
func pdfWork(lim shared.Limits, size int) int64 {
	mb := int64(size+(1<<20)-1) >> 20
	if mb < 1 {
		mb = 1
	}
	if lim.MaxPDFWork > math.MaxInt64/mb {
		return math.MaxInt64
	}
	return lim.MaxPDFWork * mb
}

// pdfBoundErr reports whether err is a bound of the reader (a limit, a
// cycle, the deadline) rather than a plain parse error.
func pdfBoundErr(err error) bool {
	var le *pdf.LimitError
	var me *pdf.MalformedError
	return errors.As(err, &le) || errors.As(err, &me) || errors.Is(err, context.Canceled)
}

// pdfError turns a reader error into an InputError: a limit gives
// input/too-large naming the limit and its config key, anything else
// input/unreadable.
func pdfError(err error, lim shared.Limits) error {
	var le *pdf.LimitError
	if !errors.As(err, &le) {
		if errors.Is(err, context.Canceled) {
			return shared.Unreadable("PDF text extraction was cancelled")
		}
		return shared.Unreadable("%s", pdfClip(err.Error()))
	}
	raise := func(key string, v any) error {
		return shared.TooLarge("PDF: %s (limit %v; raise it with limits.%s in the config)", le.Msg, v, key)
	}
	switch le.Limit {
	case "MaxObjects":
		return raise("max_pdf_objects", lim.MaxPDFObjects)
	case "MaxStreamBytes":
		return raise("max_pdf_stream_bytes", pdfBytes(lim.MaxPDFStreamBytes))
	case "MaxInflateBytes":
		return raise("max_pdf_inflate_bytes", pdfBytes(lim.MaxPDFInflateBytes))
	case "MaxWork":
		return raise("max_pdf_work", fmt.Sprintf("%d work units per MB of file", lim.MaxPDFWork))
	case "deadline":
		return shared.Unreadable("PDF text extraction took longer than %v (limit; raise it with limits.pdf_timeout, in seconds, in the config)", lim.PDFTimeout)
	}
	return shared.TooLarge("PDF: %v", le)
}

// pdfClip shortens a reader error for a finding: some quote the object
// they choke on, which a hostile file can make megabytes long.
func pdfClip(s string) string {
	const max = 300
	if len(s) <= max {
		return s
	}
	i := max
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

// pdfBytes writes a byte count for a message: "33554432 bytes = 32 MB".
func pdfBytes(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d bytes = %d MB", n, n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// pdfGoText extracts the pages of r. It runs in the caller's goroutine:
// the reader checks its bounds and the deadline inside its loops, so a
// hostile file stops early and leaves nothing running.
func pdfGoText(r *pdf.Reader, lim shared.Limits) (pages []pdfPage, err error) {
	defer func() {
		if x := recover(); x != nil {
			pages = nil
			if rerr := r.Err(); rerr != nil {
				err = pdfError(rerr, lim)
			} else {
				err = shared.Unreadable("malformed PDF: %s", pdfClip(fmt.Sprint(x)))
			}
		}
	}()
	n := max(r.NumPage(), 0)
	if n > lim.MaxPDFPages {
		return nil, shared.TooLarge("PDF has %d pages (limit %d; raise it with limits.max_pdf_pages in the config)", n, lim.MaxPDFPages)
	}
	tree := r.Pages(n)
	fonts := pdfFonts{}
	pages = make([]pdfPage, 0, n)
	for i := 0; i < n; i++ {
		var p pdf.Page
		if i < len(tree) {
			p = tree[i]
		}
		pages = append(pages, pdfGoPage(p, fonts))
		if err := r.Err(); err != nil {
			return nil, pdfError(err, lim)
		}
	}
	return pages, nil
}

// pdfMaxGlyphs bounds the glyphs read from one page.
const pdfMaxGlyphs = 1 << 20

// pdfGoPage lays out one page's glyphs; a page the library cannot parse
// is empty.
func pdfGoPage(p pdf.Page, fonts pdfFonts) (pg pdfPage) {
	defer func() {
		if recover() != nil {
			pg = pdfPage{}
		}
	}()
	if p.V.IsNull() {
		return pg
	}
	glyphs := pdfPageGlyphs(p, pdfMaxGlyphs, fonts)
	for _, g := range glyphs {
		if g.type3 && g.s == "" {
			pg.type3++
		}
	}
	pg.lines = pdfLayout(glyphs)
	return pg
}

// pdfLayout turns positioned glyphs (in content-stream order) into lines.
// A new line starts when the baseline moves by more than half the font
// size. Within a line a space is inserted where the gap between two glyphs
// is wider than a fifth of the font size and clearly wider (1.6x) than
// the narrower of its neighbouring gaps, so letter-spaced headings
// ("S U P P O R T") are not split into letters.
func pdfLayout(glyphs []pdfGlyph) []string {
	var lines []string
	var line []*pdfGlyph
	flush := func() {
		if s := pdfLine(line); s != "" {
			lines = append(lines, s)
		}
		line = line[:0]
	}
	for i := range glyphs {
		t := &glyphs[i]
		if t.s == "" || t.s == "\uFFFD" || (len(t.s) == 1 && t.s[0] < ' ') {
			continue // undecodable glyphs, control codes
		}
		if t.fs < 1 {
			t.fs = 10
		}
		if n := len(line); n > 0 && math.Abs(t.y-line[n-1].y) > 0.5*math.Max(t.fs, line[n-1].fs) {
			flush()
		}
		line = append(line, t)
	}
	flush()
	return lines
}

func pdfLine(line []*pdfGlyph) string {
	gaps := make([]float64, len(line)) // gaps[i]: before glyph i
	for i := 1; i < len(line); i++ {
		p, t := line[i-1], line[i]
		g := t.x - (p.x + p.w)
		if g < -2*math.Max(t.fs, p.fs) {
			g = math.Max(t.fs, p.fs) // moved back: a new column or text object
		}
		gaps[i] = g
	}
	var b strings.Builder
	space := func() {
		if s := b.String(); s != "" && !strings.HasSuffix(s, " ") {
			b.WriteByte(' ')
		}
	}
	for i, t := range line {
		if i > 0 {
			g := gaps[i]
			near := math.Inf(1)
			if i > 1 && strings.TrimSpace(line[i-1].s) != "" {
				near = math.Max(gaps[i-1], 0)
			}
			if i+1 < len(line) && strings.TrimSpace(t.s) != "" {
				near = math.Min(near, math.Max(gaps[i+1], 0))
			}
			if math.IsInf(near, 1) {
				near = 0
			}
			if g > 0.2*math.Min(t.fs, line[i-1].fs) && g > 1.6*near {
				space()
			}
		}
		if strings.TrimSpace(t.s) == "" {
			space()
			continue
		}
		b.WriteString(t.s)
	}
	return strings.TrimSpace(b.String())
}

// pdfJoinLines joins a page's lines with "\n", joining a word hyphenated
// at a line end when the next line starts with a lower-case letter. (It
// drops a hyphen by truncating its buffer: linear in the page's text.)
func pdfJoinLines(lines []string) string {
	var b []byte
	for i, l := range lines {
		l = strings.Join(strings.Fields(l), " ")
		if l == "" {
			continue
		}
		if i > 0 && len(b) > 0 {
			first, _ := utf8.DecodeRuneInString(l)
			last, size := utf8.DecodeLastRune(b)
			before, _ := utf8.DecodeLastRune(b[:len(b)-size])
			if (last == '-' || last == '\u00ad') && unicode.IsLetter(before) && unicode.IsLower(first) {
				b = b[:len(b)-size]
			} else if last == '\u00ad' {
				b = b[:len(b)-size]
			} else {
				b = append(b, '\n')
			}
		}
		b = append(b, l...)
	}
	return strings.ReplaceAll(string(b), "\u00ad", "")
}

const (
	pdfOK = iota
	pdfGlued
	pdfGarbled
)

// pdfQuality judges a page's text: garbled when under half of its
// non-space characters are letters, digits or common punctuation; glued
// when over a third of its letters sit in tokens longer than 25 runes.
func pdfQuality(text string) int {
	var good, total, letters, long int
	for _, f := range strings.Fields(text) {
		n := 0
		for _, r := range f {
			total++
			if unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(".,;:!?'\"()-–—%$€£/&+*@#’‘“”…•·", r) {
				good++
			}
			if unicode.IsLetter(r) {
				letters++
				n++
			}
		}
		if utf8.RuneCountInString(f) > 25 && !strings.ContainsAny(f, "/.@_") {
			long += n
		}
	}
	switch {
	case total == 0:
		return pdfOK
	case good*2 < total:
		return pdfGarbled
	case letters > 0 && long*3 > letters:
		return pdfGlued
	}
	return pdfOK
}

// pdftotext runs poppler's pdftotext on a temporary copy of the file,
// killed at ctx's deadline (timeout).
func pdftotext(ctx context.Context, src []byte, timeout time.Duration) ([]pdfPage, error) {
	f, err := os.CreateTemp("", "msglint-*.pdf")
	if err != nil {
		return nil, err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(src); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	var out, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, "pdftotext", "-q", "-enc", "UTF-8", f.Name(), "-")
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, shared.Unreadable("pdftotext took longer than %v (limit; raise it with limits.pdf_timeout, in seconds, in the config)", timeout)
		}
		return nil, shared.Unreadable("pdftotext failed: %v %s", err, strings.TrimSpace(stderr.String()))
	}
	parts := strings.Split(out.String(), "\f")
	if len(parts) > 0 && strings.TrimSpace(parts[len(parts)-1]) == "" {
		parts = parts[:len(parts)-1]
	}
	pages := make([]pdfPage, len(parts))
	for i, p := range parts {
		var lines []string
		for _, l := range strings.Split(p, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		pages[i].lines = lines
	}
	return pages, nil
}
