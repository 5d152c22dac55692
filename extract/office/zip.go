package office

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/extract/internal/shared"
)

// zipPkg reads the parts of an office package (OOXML or ODF) from memory,
// enforcing Limits: entry count, total uncompressed bytes (counted while
// reading, because headers can lie) and the compression ratio of an entry.
type zipPkg struct {
	files map[string]*zip.File // by lower-cased name
	lim   shared.Limits
	total int64
	nodes int // XML nodes parsed so far, over all parts (Limits.MaxElements)
	// budget is the file's (shared.BudgetOf), charged per XML token
	budget *content.Budget
}

// errNoPart reports a missing part.
var errNoPart = errors.New("part not found")

// ratioFloor is the output any entry may have regardless of its ratio, so
// tiny highly compressible parts are never rejected.
const ratioFloor = 64 << 10

func openZip(src []byte, lim shared.Limits) (*zipPkg, error) {
	if int64(len(src)) > lim.MaxFileSize {
		return nil, shared.TooLarge("file is %d bytes (limit %d); %s", len(src), lim.MaxFileSize, shared.RaiseHint("max_file_size", lim.MaxFileSize))
	}
	r, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		return nil, shared.Unreadable("not a readable zip archive (corrupt or truncated?): %v", err)
	}
	if len(r.File) > lim.MaxZipEntries {
		return nil, shared.TooLarge("archive has %d entries (limit %d); %s", len(r.File), lim.MaxZipEntries, shared.RaiseHint("max_zip_entries", int64(lim.MaxZipEntries)))
	}
	z := &zipPkg{files: make(map[string]*zip.File, len(r.File)), lim: lim}
	var declared uint64
	for _, f := range r.File {
		declared += f.UncompressedSize64
		if declared > uint64(lim.MaxZipTotal) {
			return nil, shared.TooLarge("archive declares more than %d uncompressed bytes (limit); %s", lim.MaxZipTotal, shared.RaiseHint("max_zip_total", lim.MaxZipTotal))
		}
		k := strings.ToLower(strings.TrimPrefix(f.Name, "/"))
		if _, dup := z.files[k]; !dup {
			z.files[k] = f
		}
	}
	return z, nil
}

func (z *zipPkg) has(name string) bool {
	_, ok := z.files[strings.ToLower(name)]
	return ok
}

// names returns the part names with this prefix, sorted.
func (z *zipPkg) names(prefix string) []string {
	var out []string
	for k, f := range z.files {
		if strings.HasPrefix(k, strings.ToLower(prefix)) {
			out = append(out, f.Name)
		}
	}
	sort.Strings(out)
	return out
}

// open returns a reader of a part that enforces the limits as it reads
// (the compression ratio of the entry, the total uncompressed size of the
// archive; headers can lie): past them, Read fails with the limit error, a
// *content.InputError with rule input/too-large. Other failures are plain
// errors naming the part.
func (z *zipPkg) open(name string) (io.ReadCloser, error) {
	f, ok := z.files[strings.ToLower(strings.TrimPrefix(name, "/"))]
	if !ok {
		return nil, fmt.Errorf("%s: %w", name, errNoPart)
	}
	allowed := int64(f.CompressedSize64) * z.lim.MaxZipRatio
	if f.CompressedSize64 > 0 && allowed/int64(f.CompressedSize64) != z.lim.MaxZipRatio {
		allowed = z.lim.MaxZipTotal // overflow
	}
	if allowed < ratioFloor {
		allowed = ratioFloor
	}
	left := z.lim.MaxZipTotal - z.total
	capped := "compression ratio"
	if left < allowed {
		allowed, capped = left, "total uncompressed size"
	}
	if f.UncompressedSize64 > uint64(allowed) {
		return nil, z.limitErr(name, capped)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return &partReader{z: z, rc: rc, left: allowed, name: name, capped: capped}, nil
}

// partReader counts a part's bytes into the archive's total and fails
// once they pass the part's allowance.
type partReader struct {
	z            *zipPkg
	rc           io.ReadCloser
	left         int64
	name, capped string
	err          error
}

func (r *partReader) Read(p []byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	if int64(len(p)) > r.left+1 {
		p = p[:r.left+1]
	}
	n, err := r.rc.Read(p)
	r.z.total += int64(n)
	r.left -= int64(n)
	if r.left < 0 {
		r.err = r.z.limitErr(r.name, r.capped)
		return 0, r.err
	}
	return n, err
}

func (r *partReader) Close() error { return r.rc.Close() }

func (z *zipPkg) limitErr(name, what string) error {
	if what == "compression ratio" {
		return shared.TooLarge("%s: entry exceeds the compression-ratio limit (%d:1): zip bomb? %s", name, z.lim.MaxZipRatio, shared.RaiseHint("max_zip_ratio", z.lim.MaxZipRatio))
	}
	return shared.TooLarge("%s: archive exceeds the total uncompressed size limit (%d bytes); %s", name, z.lim.MaxZipTotal, shared.RaiseHint("max_zip_total", z.lim.MaxZipTotal))
}

// xml reads and parses a part, streaming: the part's bytes are never held
// whole, so memory goes with the nodes kept (Limits.MaxElements), not with
// the uncompressed size.
func (z *zipPkg) xml(name string) (*xnode, error) {
	rc, err := z.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	n, err := parseXMLBudget(rc, z.lim.MaxXMLDepth, z.lim.MaxElements, &z.nodes, z.budget)
	var ie *content.InputError
	if errors.As(err, &ie) {
		return nil, err // a zip limit, met while reading
	}
	if err == errXMLNodes {
		return nil, shared.TooLarge("%s: more than %d XML nodes in the file; skipped (%s)", name, z.lim.MaxElements,
			shared.RaiseHint("max_elements", int64(z.lim.MaxElements)))
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return n, nil
}

// rel is one OPC relationship with its target resolved to a part name.
type rel struct {
	ID, Type, Target string
	External         bool
}

// rels reads the relationships of an OOXML part (empty when it has none).
func (z *zipPkg) rels(part string) ([]rel, error) {
	dir, file := path.Split(part)
	name := dir + "_rels/" + file + ".rels"
	if !z.has(name) {
		return nil, nil
	}
	root, err := z.xml(name)
	if err != nil {
		return nil, err
	}
	var out []rel
	for _, r := range root.all("Relationship") {
		t := r.attr("Target")
		ext := r.attr("TargetMode") == "External"
		if !ext {
			if strings.HasPrefix(t, "/") {
				t = strings.TrimPrefix(t, "/")
			} else {
				t = path.Join(dir, t)
			}
		}
		out = append(out, rel{ID: r.attr("Id"), Type: r.attr("Type"), Target: t, External: ext})
	}
	return out, nil
}

func relByID(rs []rel, id string) (rel, bool) {
	for _, r := range rs {
		if r.ID == id {
			return r, true
		}
	}
	return rel{}, false
}

func relsOfType(rs []rel, suffix string) []rel {
	var out []rel
	for _, r := range rs {
		if !r.External && strings.HasSuffix(r.Type, suffix) {
			out = append(out, r)
		}
	}
	return out
}

// mainPart returns the package's officeDocument part, or def.
func (z *zipPkg) mainPart(def string) (string, error) {
	rs, err := z.rels("")
	if err != nil {
		return "", err
	}
	for _, r := range relsOfType(rs, "/officeDocument") {
		if z.has(r.Target) {
			return r.Target, nil
		}
	}
	return def, nil
}

// partErr converts a part failure into the error to return: limit
// violations pass through, anything else is input/unreadable.
func partErr(err error) error {
	var ie *content.InputError
	if errors.As(err, &ie) {
		return err
	}
	return &content.InputError{Rule: content.RuleUnreadable, Err: err}
}

// isLimit reports whether err is an input/too-large error (which aborts
// the file, while other part errors become notes).
func isLimit(err error) bool {
	var ie *content.InputError
	return errors.As(err, &ie) && ie.Rule == content.RuleTooLarge
}
