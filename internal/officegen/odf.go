package officegen

import (
	"fmt"
	"strings"
)

const odfNS = `xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" office:version="1.3"`

// odfText renders paragraph markup as ODF inline content.
func odfText(p string) string {
	var b strings.Builder
	for i, r := range runs(p) {
		var inner strings.Builder
		for j, line := range strings.Split(r, "\n") {
			if j > 0 {
				inner.WriteString(`<text:line-break/>`)
			}
			for k, piece := range strings.Split(line, "\t") {
				if k > 0 {
					inner.WriteString(`<text:tab/>`)
				}
				inner.WriteString(odfSpaces(piece))
			}
		}
		if i%2 == 1 {
			b.WriteString(`<text:span text:style-name="T1">` + inner.String() + `</text:span>`)
		} else {
			b.WriteString(inner.String())
		}
	}
	return b.String()
}

// odfSpaces escapes text, writing repeated spaces as text:s.
func odfSpaces(s string) string {
	var b strings.Builder
	parts := strings.Split(s, "  ")
	for i, p := range parts {
		if i > 0 {
			b.WriteString(` <text:s/>`)
		}
		b.WriteString(esc(p))
	}
	return b.String()
}

func odfManifest(mime string) string {
	return xmlHeader + `<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="` + mime + `"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/></manifest:manifest>`
}

func odfMeta(title string) string {
	return xmlHeader + `<office:document-meta ` + odfNS + `><office:meta><dc:title>` + esc(title) + `</dc:title><meta:generator>msglint officegen</meta:generator></office:meta></office:document-meta>`
}

func odfPack(mime, content, styles, title string) ([]byte, error) {
	return pack([]part{
		{"mimetype", mime},
		{"META-INF/manifest.xml", odfManifest(mime)},
		{"content.xml", content},
		{"styles.xml", styles},
		{"meta.xml", odfMeta(title)},
	})
}

func odfTable(rows [][]string) string {
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<table:table table:name="Table%d"><table:table-column table:number-columns-repeated="%d"/>`, cols, cols)
	for _, r := range rows {
		b.WriteString(`<table:table-row>`)
		for i := 0; i < cols; i++ {
			c := ""
			if i < len(r) {
				c = r[i]
			}
			b.WriteString(`<table:table-cell office:value-type="string"><text:p>` + odfText(c) + `</text:p></table:table-cell>`)
		}
		b.WriteString(`</table:table-row>`)
	}
	b.WriteString(`</table:table>`)
	return b.String()
}

// ODT builds an OpenDocument text with the same content as DOCX(d).
func ODT(d Doc) ([]byte, error) {
	var body, changes strings.Builder
	nc, nf := 0, 0
	for _, p := range d.Body {
		if p.Table != nil {
			body.WriteString(odfTable(p.Table))
			continue
		}
		if p.Heading > 0 {
			fmt.Fprintf(&body, `<text:h text:style-name="Heading_20_%d" text:outline-level="%d">`, p.Heading, p.Heading)
		} else {
			body.WriteString(`<text:p text:style-name="Standard">`)
		}
		if p.TextBox != nil {
			fmt.Fprintf(&body, `<draw:frame draw:name="Frame%d" text:anchor-type="paragraph" svg:width="6cm" svg:min-height="1cm" draw:z-index="0"><draw:text-box>`, nc+nf+1)
			for _, t := range p.TextBox {
				body.WriteString(`<text:p>` + odfText(t) + `</text:p>`)
			}
			body.WriteString(`</draw:text-box></draw:frame>`)
		}
		body.WriteString(odfText(p.Text))
		if p.Field != "" {
			body.WriteString(`<text:date style:data-style-name="N2" text:date-value="2026-01-01">` + esc(p.Field) + `</text:date>`)
		}
		info := `<office:change-info><dc:creator>Editor</dc:creator><dc:date>2026-01-01T00:00:00</dc:date></office:change-info>`
		if p.Ins != "" {
			nc++
			fmt.Fprintf(&changes, `<text:changed-region text:id="ct%d" xml:id="ct%d"><text:insertion>%s</text:insertion></text:changed-region>`, nc, nc, info)
			fmt.Fprintf(&body, `<text:change-start text:change-id="ct%d"/>%s<text:change-end text:change-id="ct%d"/>`, nc, odfText(p.Ins), nc)
		}
		if p.Del != "" {
			nc++
			fmt.Fprintf(&changes, `<text:changed-region text:id="ct%d" xml:id="ct%d"><text:deletion>%s<text:p>%s</text:p></text:deletion></text:changed-region>`, nc, nc, info, esc(strings.ReplaceAll(p.Del, "|", "")))
			fmt.Fprintf(&body, `<text:change text:change-id="ct%d"/>`, nc)
		}
		if p.Footnote != "" {
			nf++
			fmt.Fprintf(&body, `<text:note text:id="ftn%d" text:note-class="footnote"><text:note-citation>%d</text:note-citation><text:note-body><text:p text:style-name="Footnote">%s</text:p></text:note-body></text:note>`, nf, nf, odfText(p.Footnote))
		}
		if p.Heading > 0 {
			body.WriteString(`</text:h>`)
		} else {
			body.WriteString(`</text:p>`)
		}
	}
	tracked := ""
	if changes.Len() > 0 {
		tracked = `<text:tracked-changes text:track-changes="true">` + changes.String() + `</text:tracked-changes>`
	}
	content := xmlHeader + `<office:document-content ` + odfNS + `><office:automatic-styles><style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style></office:automatic-styles><office:body><office:text>` + tracked + body.String() + `</office:text></office:body></office:document-content>`
	var hf strings.Builder
	if len(d.Header) > 0 {
		hf.WriteString(`<style:header>`)
		for _, p := range d.Header {
			hf.WriteString(`<text:p text:style-name="Header">` + odfText(p) + `</text:p>`)
		}
		hf.WriteString(`</style:header>`)
	}
	if len(d.Footer) > 0 {
		hf.WriteString(`<style:footer>`)
		for _, p := range d.Footer {
			hf.WriteString(`<text:p text:style-name="Footer">` + odfText(p) + `</text:p>`)
		}
		hf.WriteString(`</style:footer>`)
	}
	var hs strings.Builder
	for i := 1; i <= 3; i++ {
		fmt.Fprintf(&hs, `<style:style style:name="Heading_20_%d" style:display-name="Heading %d" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Standard" style:default-outline-level="%d" style:class="text"><style:text-properties fo:font-size="%dpt" fo:font-weight="bold"/></style:style>`, i, i, i, 20-2*i)
	}
	styles := xmlHeader + `<office:document-styles ` + odfNS + `><office:styles><style:default-style style:family="paragraph"><style:text-properties fo:font-size="11pt" fo:language="en" fo:country="US"/></style:default-style><style:style style:name="Standard" style:family="paragraph" style:class="text"/>` + hs.String() + `<style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"/><style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"/><style:style style:name="Footnote" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:text-properties fo:font-size="10pt"/></style:style></office:styles><office:automatic-styles><style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21.59cm" fo:page-height="27.94cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/><style:header-style/><style:footer-style/></style:page-layout></office:automatic-styles><office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">` + hf.String() + `</style:master-page></office:master-styles></office:document-styles>`
	return odfPack("application/vnd.oasis.opendocument.text", content, styles, d.Title)
}

// ODP builds an OpenDocument presentation with the same content as PPTX(d).
func ODP(d Deck) ([]byte, error) {
	var pages strings.Builder
	for i, s := range d.Slides {
		style := "dp1"
		if s.Hidden {
			style = "dp2"
		}
		fmt.Fprintf(&pages, `<draw:page draw:name="page%d" draw:style-name="%s" draw:master-page-name="Default" presentation:presentation-page-layout-name="AL1T19">`, i+1, style)
		y := 0
		frame := func(extra, inner string) string {
			y++
			return fmt.Sprintf(`<draw:frame draw:layer="layout" svg:width="25cm" svg:height="1.5cm" svg:x="2cm" svg:y="%.1fcm"%s>%s</draw:frame>`, 1.0+float64(y)*1.6, extra, inner)
		}
		if s.Title != "" {
			pages.WriteString(frame(` presentation:style-name="pr1" presentation:class="title"`, `<draw:text-box><text:p>`+odfText(s.Title)+`</text:p></draw:text-box>`))
		}
		var shape func(sh Shape) string
		shape = func(sh Shape) string {
			switch {
			case sh.Group != nil:
				var b strings.Builder
				b.WriteString(`<draw:g>`)
				for _, c := range sh.Group {
					b.WriteString(shape(c))
				}
				b.WriteString(`</draw:g>`)
				return b.String()
			case sh.Table != nil:
				return frame(``, odfTable(sh.Table))
			case sh.SmartArt != nil:
				var b strings.Builder
				b.WriteString(`<draw:g>`)
				for j, n := range sh.SmartArt {
					fmt.Fprintf(&b, `<draw:custom-shape draw:layer="layout" svg:width="5cm" svg:height="3cm" svg:x="%dcm" svg:y="8cm"><text:p>%s</text:p><draw:enhanced-geometry svg:viewBox="0 0 21600 21600" draw:type="rectangle" draw:enhanced-path="M 0 0 L 21600 0 21600 21600 0 21600 0 0 Z N"/></draw:custom-shape>`, 2+6*j, odfText(n))
				}
				b.WriteString(`</draw:g>`)
				return b.String()
			}
			var b strings.Builder
			b.WriteString(`<draw:text-box>`)
			for _, p := range sh.Paras {
				b.WriteString(`<text:p>` + odfText(p) + `</text:p>`)
			}
			b.WriteString(`</draw:text-box>`)
			return frame(``, b.String())
		}
		for _, sh := range s.Shapes {
			pages.WriteString(shape(sh))
		}
		if len(s.Notes) > 0 {
			pages.WriteString(`<presentation:notes draw:style-name="dp1"><draw:page-thumbnail draw:layer="layout" svg:width="14cm" svg:height="10cm" svg:x="3cm" svg:y="2cm" draw:page-number="` + fmt.Sprint(i+1) + `" presentation:class="page"/><draw:frame draw:layer="layout" svg:width="16cm" svg:height="12cm" svg:x="2cm" svg:y="13cm" presentation:class="notes"><draw:text-box>`)
			for _, n := range s.Notes {
				pages.WriteString(`<text:p>` + odfText(n) + `</text:p>`)
			}
			pages.WriteString(`</draw:text-box></draw:frame></presentation:notes>`)
		}
		pages.WriteString(`</draw:page>`)
	}
	content := xmlHeader + `<office:document-content ` + odfNS + `><office:automatic-styles><style:style style:name="dp1" style:family="drawing-page"/><style:style style:name="dp2" style:family="drawing-page"><style:drawing-page-properties presentation:visibility="hidden"/></style:style><style:style style:name="pr1" style:family="presentation" style:parent-style-name="Default-title"/><style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style></office:automatic-styles><office:body><office:presentation>` + pages.String() + `</office:presentation></office:body></office:document-content>`
	styles := xmlHeader + `<office:document-styles ` + odfNS + `><office:styles><style:style style:name="Default-title" style:family="presentation"><style:text-properties fo:font-size="44pt"/></style:style></office:styles><office:automatic-styles><style:page-layout style:name="PM1"><style:page-layout-properties fo:margin-top="0cm" fo:margin-bottom="0cm" fo:margin-left="0cm" fo:margin-right="0cm" fo:page-width="28cm" fo:page-height="15.75cm" style:print-orientation="landscape"/></style:page-layout><style:style style:name="Mdp1" style:family="drawing-page"/></office:automatic-styles><office:master-styles><style:master-page style:name="Default" style:page-layout-name="PM1" draw:style-name="Mdp1"><draw:frame presentation:style-name="Default-title" draw:layer="backgroundobjects" svg:width="25cm" svg:height="2.5cm" svg:x="1.5cm" svg:y="0.6cm" presentation:class="title" presentation:placeholder="true"><draw:text-box/></draw:frame></style:master-page></office:master-styles></office:document-styles>`
	return odfPack("application/vnd.oasis.opendocument.presentation", content, styles, d.Title)
}
