package officegen

import (
	"fmt"
	"strings"
)

const docxNS = `xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" xmlns:mc="` + nsMC + `" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:r="` + nsR + `" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:w10="urn:schemas-microsoft-com:office:word" xmlns:w="` + nsW + `" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:a="` + nsA + `" mc:Ignorable="w14"`

// DOCX builds a Word document.
func DOCX(d Doc) ([]byte, error) {
	g := &docxGen{}
	var body strings.Builder
	for _, p := range d.Body {
		body.WriteString(g.block(p))
	}
	hasFn := len(g.footnotes) > 0
	body.WriteString(`<w:sectPr>`)
	if len(d.Header) > 0 {
		body.WriteString(`<w:headerReference w:type="default" r:id="rId10"/>`)
	}
	if len(d.Footer) > 0 {
		body.WriteString(`<w:footerReference w:type="default" r:id="rId11"/>`)
	}
	body.WriteString(`<w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/><w:cols w:space="720"/></w:sectPr>`)

	rels := []relDef{{"rId1", "styles", "styles.xml"}, {"rId2", "settings", "settings.xml"}}
	ct := []string{
		`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>`,
		`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>`,
		`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>`,
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`,
	}
	parts := []part{}
	hf := func(id, kind string, paras []string) {
		if len(paras) == 0 {
			return
		}
		tag := map[string]string{"header": "hdr", "footer": "ftr"}[kind]
		var b strings.Builder
		for _, p := range paras {
			b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + strings.ToUpper(kind[:1]) + kind[1:] + `"/></w:pPr>` + g.runs(p) + `</w:p>`)
		}
		rels = append(rels, relDef{id, kind, kind + "1.xml"})
		parts = append(parts, part{"word/" + kind + "1.xml", xmlHeader + `<w:` + tag + ` ` + docxNS + `>` + b.String() + `</w:` + tag + `>`})
		ct = append(ct, `<Override PartName="/word/`+kind+`1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.`+kind+`+xml"/>`)
	}
	hf("rId10", "header", d.Header)
	hf("rId11", "footer", d.Footer)
	settings := `<w:defaultTabStop w:val="720"/>`
	if hasFn {
		var b strings.Builder
		b.WriteString(`<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>`)
		for i, fn := range g.footnotes {
			fmt.Fprintf(&b, `<w:footnote w:id="%d"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>%s</w:p></w:footnote>`, i+1, g.runs(fn))
		}
		rels = append(rels, relDef{"rId12", "footnotes", "footnotes.xml"})
		parts = append(parts, part{"word/footnotes.xml", xmlHeader + `<w:footnotes ` + docxNS + `>` + b.String() + `</w:footnotes>`})
		ct = append(ct, `<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>`)
		settings += `<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>`
	}
	all := []part{
		{"[Content_Types].xml", xmlHeader + `<Types xmlns="` + nsCT + `"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` + strings.Join(ct, "") + `</Types>`},
		{"_rels/.rels", rootRels("word/document.xml")},
		{"docProps/core.xml", coreXML(d.Title)},
		{"word/document.xml", xmlHeader + `<w:document ` + docxNS + `><w:body>` + body.String() + `</w:body></w:document>`},
		{"word/_rels/document.xml.rels", relsXML(rels)},
		{"word/styles.xml", docxStyles},
		{"word/settings.xml", xmlHeader + `<w:settings xmlns:w="` + nsW + `">` + settings + `<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`},
	}
	return pack(append(all, parts...))
}

type docxGen struct {
	footnotes []string
	shapes    int
	changes   int
}

func (g *docxGen) runs(p string) string {
	var b strings.Builder
	for i, r := range runs(p) {
		rpr := ""
		if i%2 == 1 {
			rpr = `<w:rPr><w:b/></w:rPr>`
		}
		for j, line := range strings.Split(r, "\n") {
			if j > 0 {
				b.WriteString(`<w:r>` + rpr + `<w:br/></w:r>`)
			}
			for k, piece := range strings.Split(line, "\t") {
				if k > 0 {
					b.WriteString(`<w:r>` + rpr + `<w:tab/></w:r>`)
				}
				if piece != "" {
					b.WriteString(`<w:r>` + rpr + `<w:t xml:space="preserve">` + esc(piece) + `</w:t></w:r>`)
				}
			}
		}
	}
	return b.String()
}

func (g *docxGen) block(p Para) string {
	if p.Table != nil {
		cols := 0
		for _, r := range p.Table {
			cols = max(cols, len(r))
		}
		var b strings.Builder
		b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
		for i := 0; i < cols; i++ {
			fmt.Fprintf(&b, `<w:gridCol w:w="%d"/>`, 9360/cols)
		}
		b.WriteString(`</w:tblGrid>`)
		for _, r := range p.Table {
			b.WriteString(`<w:tr>`)
			for i := 0; i < cols; i++ {
				c := ""
				if i < len(r) {
					c = r[i]
				}
				fmt.Fprintf(&b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr><w:p>%s</w:p></w:tc>`, 9360/cols, g.runs(c))
			}
			b.WriteString(`</w:tr>`)
		}
		b.WriteString(`</w:tbl><w:p/>`)
		return b.String()
	}
	var b strings.Builder
	b.WriteString(`<w:p>`)
	switch {
	case p.Heading > 0:
		fmt.Fprintf(&b, `<w:pPr><w:pStyle w:val="Heading%d"/></w:pPr>`, p.Heading)
	}
	b.WriteString(g.runs(p.Text))
	if p.Field != "" {
		b.WriteString(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DATE \@ "MMMM d, yyyy" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>` + esc(p.Field) + `</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`)
	}
	if p.Ins != "" {
		g.changes++
		fmt.Fprintf(&b, `<w:ins w:id="%d" w:author="Editor" w:date="2026-01-01T00:00:00Z">%s</w:ins>`, 100+g.changes, g.runs(p.Ins))
	}
	if p.Del != "" {
		g.changes++
		fmt.Fprintf(&b, `<w:del w:id="%d" w:author="Editor" w:date="2026-01-01T00:00:00Z"><w:r><w:delText xml:space="preserve">%s</w:delText></w:r></w:del>`, 100+g.changes, esc(strings.ReplaceAll(p.Del, "|", "")))
	}
	if p.Footnote != "" {
		g.footnotes = append(g.footnotes, p.Footnote)
		fmt.Fprintf(&b, `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="%d"/></w:r>`, len(g.footnotes))
	}
	if p.TextBox != nil {
		g.shapes++
		var c strings.Builder
		for _, t := range p.TextBox {
			c.WriteString(`<w:p>` + g.runs(t) + `</w:p>`)
		}
		content := `<w:txbxContent>` + c.String() + `</w:txbxContent>`
		fmt.Fprintf(&b, `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="45720" distB="45720" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>3600000</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="2360930" cy="1404620"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapSquare wrapText="bothSides"/><wp:docPr id="%d" name="Text Box %d"/><wp:cNvGraphicFramePr/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2360930" cy="1404620"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr><wps:txbx>%s</wps:txbx><wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="t" anchorCtr="0"><a:spAutoFit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype><v:shape id="Text Box %d" o:spid="_x0000_s%d" type="#_x0000_t202" style="position:absolute;margin-left:283.5pt;margin-top:0;width:185.9pt;height:110.6pt;z-index:251659264" strokeweight=".25pt"><v:textbox style="mso-fit-shape-to-text:t">%s</v:textbox><w10:wrap type="square"/></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`, g.shapes, g.shapes, content, g.shapes, 1024+g.shapes, content)
	}
	b.WriteString(`</w:p>`)
	return b.String()
}

var docxStyles = func() string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<w:styles xmlns:w="` + nsW + `"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/><w:sz w:val="22"/><w:lang w:val="en-US"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>`)
	b.WriteString(`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>`)
	for i := 1; i <= 3; i++ {
		fmt.Fprintf(&b, `<w:style w:type="paragraph" w:styleId="Heading%d"><w:name w:val="heading %d"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="0"/><w:outlineLvl w:val="%d"/></w:pPr><w:rPr><w:sz w:val="%d"/></w:rPr></w:style>`, i, i, i-1, 36-4*i)
	}
	b.WriteString(`<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="20"/></w:rPr></w:style><w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style><w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style></w:styles>`)
	return b.String()
}()
