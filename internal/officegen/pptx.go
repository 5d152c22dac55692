package officegen

import (
	"fmt"
	"strings"
)

// PPTX builds a PowerPoint deck.
func PPTX(d Deck) ([]byte, error) {
	n := len(d.Slides)
	file := func(i int) int { // 1-based presentation index -> file number
		if d.ReverseFiles {
			return n - i + 1
		}
		return i
	}
	ct := []string{
		`<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/>`,
		`<Override PartName="/ppt/slideMasters/slideMaster1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml"/>`,
		`<Override PartName="/ppt/slideLayouts/slideLayout1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml"/>`,
		`<Override PartName="/ppt/notesMasters/notesMaster1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.notesMaster+xml"/>`,
		`<Override PartName="/ppt/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>`,
		`<Override PartName="/ppt/theme/theme2.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>`,
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`,
	}
	presRels := []relDef{
		{"rId1", "slideMaster", "slideMasters/slideMaster1.xml"},
		{"rId2", "notesMaster", "notesMasters/notesMaster1.xml"},
		{"rId3", "theme", "theme/theme1.xml"},
	}
	var sldIDs strings.Builder
	var parts []part
	dgm := 0
	// relationships in file order, ids in presentation order
	byFile := make([]relDef, n+1)
	for i := 1; i <= n; i++ {
		f := file(i)
		id := fmt.Sprintf("rId%d", 10+i)
		byFile[f] = relDef{id, "slide", fmt.Sprintf("slides/slide%d.xml", f)}
		fmt.Fprintf(&sldIDs, `<p:sldId id="%d" r:id="%s"/>`, 255+i, id)
	}
	presRels = append(presRels, byFile[1:]...)
	for i, s := range d.Slides {
		f := file(i + 1)
		g := &spGen{}
		rels := []relDef{{"rId1", "slideLayout", "../slideLayouts/slideLayout1.xml"}}
		var tree strings.Builder
		if s.Title != "" {
			tree.WriteString(g.title(s.Title))
		}
		for _, sh := range s.Shapes {
			tree.WriteString(g.shape(sh, func(nodes []string) string {
				dgm++
				base := len(rels) + 1
				for j, kind := range []string{"diagramData", "diagramLayout", "diagramQuickStyle", "diagramColors"} {
					name := []string{"data", "layout", "quickStyle", "colors"}[j]
					rels = append(rels, relDef{fmt.Sprintf("rId%d", base+j), kind, fmt.Sprintf("../diagrams/%s%d.xml", name, dgm)})
					ct = append(ct, fmt.Sprintf(`<Override PartName="/ppt/diagrams/%s%d.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.%s+xml"/>`, name, dgm, map[string]string{"data": "diagramData", "layout": "diagramLayout", "quickStyle": "diagramStyle", "colors": "diagramColors"}[name]))
				}
				parts = append(parts,
					part{fmt.Sprintf("ppt/diagrams/data%d.xml", dgm), diagramData(nodes)},
					part{fmt.Sprintf("ppt/diagrams/layout%d.xml", dgm), xmlHeader + `<dgm:layoutDef xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" xmlns:a="` + nsA + `" uniqueId="urn:microsoft.com/office/officeart/2005/8/layout/default"><dgm:layoutNode name="diagram"/></dgm:layoutDef>`},
					part{fmt.Sprintf("ppt/diagrams/quickStyle%d.xml", dgm), xmlHeader + `<dgm:styleDef xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" xmlns:a="` + nsA + `" uniqueId="urn:microsoft.com/office/officeart/2005/8/quickstyle/simple1"><dgm:scene3d><a:camera prst="orthographicFront"/><a:lightRig rig="threePt" dir="t"/></dgm:scene3d></dgm:styleDef>`},
					part{fmt.Sprintf("ppt/diagrams/colors%d.xml", dgm), xmlHeader + `<dgm:colorsDef xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" xmlns:a="` + nsA + `" uniqueId="urn:microsoft.com/office/officeart/2005/8/colors/accent1_2"/>`},
				)
				return fmt.Sprintf(`r:dm="rId%d" r:lo="rId%d" r:qs="rId%d" r:cs="rId%d"`, base, base+1, base+2, base+3)
			}))
		}
		if len(s.Notes) > 0 {
			rels = append(rels, relDef{fmt.Sprintf("rId%d", len(rels)+1), "notesSlide", fmt.Sprintf("../notesSlides/notesSlide%d.xml", f)})
			parts = append(parts,
				part{fmt.Sprintf("ppt/notesSlides/notesSlide%d.xml", f), notesXML(s.Notes, i+1)},
				part{fmt.Sprintf("ppt/notesSlides/_rels/notesSlide%d.xml.rels", f), relsXML([]relDef{
					{"rId1", "notesMaster", "../notesMasters/notesMaster1.xml"},
					{"rId2", "slide", fmt.Sprintf("../slides/slide%d.xml", f)},
				})},
			)
			ct = append(ct, fmt.Sprintf(`<Override PartName="/ppt/notesSlides/notesSlide%d.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml"/>`, f))
		}
		show := ""
		if s.Hidden {
			show = ` show="0"`
		}
		parts = append(parts,
			part{fmt.Sprintf("ppt/slides/slide%d.xml", f), xmlHeader + `<p:sld xmlns:a="` + nsA + `" xmlns:r="` + nsR + `" xmlns:p="` + nsP + `" xmlns:mc="` + nsMC + `"` + show + `><p:cSld><p:spTree>` + grpHead(1, "") + tree.String() + `</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>`},
			part{fmt.Sprintf("ppt/slides/_rels/slide%d.xml.rels", f), relsXML(rels)},
		)
		ct = append(ct, fmt.Sprintf(`<Override PartName="/ppt/slides/slide%d.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slide+xml"/>`, f))
	}
	pres := xmlHeader + `<p:presentation xmlns:a="` + nsA + `" xmlns:r="` + nsR + `" xmlns:p="` + nsP + `" saveSubsetFonts="1"><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst><p:notesMasterIdLst><p:notesMasterId r:id="rId2"/></p:notesMasterIdLst><p:sldIdLst>` + sldIDs.String() + `</p:sldIdLst><p:sldSz cx="12192000" cy="6858000"/><p:notesSz cx="6858000" cy="9144000"/><p:defaultTextStyle><a:lvl1pPr marL="0" algn="l" defTabSz="914400"><a:defRPr sz="1800"/></a:lvl1pPr></p:defaultTextStyle></p:presentation>`
	all := []part{
		{"[Content_Types].xml", xmlHeader + `<Types xmlns="` + nsCT + `"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` + strings.Join(ct, "") + `</Types>`},
		{"_rels/.rels", rootRels("ppt/presentation.xml")},
		{"docProps/core.xml", coreXML(d.Title)},
		{"ppt/presentation.xml", pres},
		{"ppt/_rels/presentation.xml.rels", relsXML(presRels)},
		{"ppt/slideMasters/slideMaster1.xml", slideMaster},
		{"ppt/slideMasters/_rels/slideMaster1.xml.rels", relsXML([]relDef{{"rId1", "slideLayout", "../slideLayouts/slideLayout1.xml"}, {"rId2", "theme", "../theme/theme1.xml"}})},
		{"ppt/slideLayouts/slideLayout1.xml", slideLayout},
		{"ppt/slideLayouts/_rels/slideLayout1.xml.rels", relsXML([]relDef{{"rId1", "slideMaster", "../slideMasters/slideMaster1.xml"}})},
		{"ppt/notesMasters/notesMaster1.xml", notesMaster},
		{"ppt/notesMasters/_rels/notesMaster1.xml.rels", relsXML([]relDef{{"rId1", "theme", "../theme/theme2.xml"}})},
		{"ppt/theme/theme1.xml", theme},
		{"ppt/theme/theme2.xml", theme},
	}
	return pack(append(all, parts...))
}

type spGen struct{ id int }

func (g *spGen) next() int { g.id++; return g.id + 1 }

func grpHead(id int, name string) string {
	return fmt.Sprintf(`<p:nvGrpSpPr><p:cNvPr id="%d" name="%s"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>`, id, name)
}

func xfrm(id int) string {
	return fmt.Sprintf(`<a:xfrm><a:off x="838200" y="%d"/><a:ext cx="10515600" cy="600000"/></a:xfrm>`, 1500000+(id%8)*620000)
}

// drawingParas renders DrawingML paragraphs from markup.
func drawingParas(paras []string) string {
	var b strings.Builder
	for _, p := range paras {
		b.WriteString(`<a:p>`)
		for i, r := range runs(p) {
			bold := ""
			if i%2 == 1 {
				bold = ` b="1"`
			}
			for j, piece := range strings.Split(r, "\n") {
				if j > 0 {
					b.WriteString(`<a:br><a:rPr lang="en-US"/></a:br>`)
				}
				if piece != "" {
					b.WriteString(`<a:r><a:rPr lang="en-US"` + bold + ` dirty="0"/><a:t>` + esc(piece) + `</a:t></a:r>`)
				}
			}
		}
		b.WriteString(`<a:endParaRPr lang="en-US" dirty="0"/></a:p>`)
	}
	return b.String()
}

func (g *spGen) title(t string) string {
	id := g.next()
	return fmt.Sprintf(`<p:sp><p:nvSpPr><p:cNvPr id="%d" name="Title %d"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="title"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>%s</p:txBody></p:sp>`, id, id-1, drawingParas([]string{t}))
}

func (g *spGen) shape(sh Shape, smartArt func([]string) string) string {
	id := g.next()
	switch {
	case sh.Group != nil:
		var b strings.Builder
		b.WriteString(`<p:grpSp>` + grpHead(id, fmt.Sprintf("Group %d", id-1)))
		for _, c := range sh.Group {
			b.WriteString(g.shape(c, smartArt))
		}
		b.WriteString(`</p:grpSp>`)
		return b.String()
	case sh.Table != nil:
		var b strings.Builder
		cols := 0
		for _, r := range sh.Table {
			cols = max(cols, len(r))
		}
		fmt.Fprintf(&b, `<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="%d" name="Table %d"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="838200" y="1825625"/><a:ext cx="10515600" cy="1483360"/></p:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl><a:tblPr firstRow="1" bandRow="1"/><a:tblGrid>`, id, id-1)
		for i := 0; i < cols; i++ {
			fmt.Fprintf(&b, `<a:gridCol w="%d"/>`, 10515600/cols)
		}
		b.WriteString(`</a:tblGrid>`)
		for _, r := range sh.Table {
			b.WriteString(`<a:tr h="370840">`)
			for i := 0; i < cols; i++ {
				c := ""
				if i < len(r) {
					c = r[i]
				}
				b.WriteString(`<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>` + drawingParas([]string{c}) + `</a:txBody><a:tcPr/></a:tc>`)
			}
			b.WriteString(`</a:tr>`)
		}
		b.WriteString(`</a:tbl></a:graphicData></a:graphic></p:graphicFrame>`)
		return b.String()
	case sh.SmartArt != nil:
		return fmt.Sprintf(`<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="%d" name="Diagram %d"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="838200" y="1825625"/><a:ext cx="10515600" cy="4351338"/></p:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/diagram"><dgm:relIds xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" %s/></a:graphicData></a:graphic></p:graphicFrame>`, id, id-1, smartArt(sh.SmartArt))
	}
	sp := fmt.Sprintf(`<p:sp><p:nvSpPr><p:cNvPr id="%d" name="TextBox %d"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr>%s<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr><p:txBody><a:bodyPr wrap="square" rtlCol="0"><a:spAutoFit/></a:bodyPr><a:lstStyle/>%s</p:txBody></p:sp>`, id, id-1, xfrm(id), drawingParas(sh.Paras))
	if sh.AltContent {
		return `<mc:AlternateContent><mc:Choice xmlns:a14="http://schemas.microsoft.com/office/drawing/2010/main" Requires="a14">` + sp + `</mc:Choice><mc:Fallback>` + sp + `</mc:Fallback></mc:AlternateContent>`
	}
	return sp
}

func diagramData(nodes []string) string {
	var pts, cxns strings.Builder
	pts.WriteString(`<dgm:pt modelId="{00000000-0000-0000-0000-000000000000}" type="doc"><dgm:prSet/><dgm:spPr/><dgm:t><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="en-US"/></a:p></dgm:t></dgm:pt>`)
	for i, n := range nodes {
		id := fmt.Sprintf("{00000000-0000-0000-0000-%012d}", i+1)
		fmt.Fprintf(&pts, `<dgm:pt modelId="%s"><dgm:prSet phldrT="[Text]"/><dgm:spPr/><dgm:t><a:bodyPr/><a:lstStyle/>%s</dgm:t></dgm:pt>`, id, drawingParas([]string{n}))
		fmt.Fprintf(&cxns, `<dgm:cxn modelId="{10000000-0000-0000-0000-%012d}" srcId="{00000000-0000-0000-0000-000000000000}" destId="%s" srcOrd="%d" destOrd="0"/>`, i+1, id, i)
	}
	return xmlHeader + `<dgm:dataModel xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" xmlns:a="` + nsA + `"><dgm:ptLst>` + pts.String() + `</dgm:ptLst><dgm:cxnLst>` + cxns.String() + `</dgm:cxnLst><dgm:bg/><dgm:whole/></dgm:dataModel>`
}

func notesXML(notes []string, slide int) string {
	return xmlHeader + `<p:notes xmlns:a="` + nsA + `" xmlns:r="` + nsR + `" xmlns:p="` + nsP + `"><p:cSld><p:spTree>` + grpHead(1, "") +
		`<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>` +
		`<p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>` + drawingParas(notes) + `</p:txBody></p:sp>` +
		fmt.Sprintf(`<p:sp><p:nvSpPr><p:cNvPr id="4" name="Slide Number Placeholder 3"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldNum" sz="quarter" idx="5"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:fld id="{B1C6A4F2-0000-4000-8000-000000000001}" type="slidenum"><a:rPr lang="en-US"/><a:t>%d</a:t></a:fld><a:endParaRPr lang="en-US"/></a:p></p:txBody></p:sp>`, slide) +
		`</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>`
}

const clrMap = `<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>`

var slideMaster = xmlHeader + `<p:sldMaster xmlns:a="` + nsA + `" xmlns:r="` + nsR + `" xmlns:p="` + nsP + `"><p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg><p:spTree>` + grpHead(1, "") +
	`<p:sp><p:nvSpPr><p:cNvPr id="2" name="Title Placeholder 1"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="title"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x="838200" y="365125"/><a:ext cx="10515600" cy="1325563"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr anchor="ctr"/><a:lstStyle/><a:p><a:r><a:rPr lang="en-US"/><a:t>Click to edit Master title style</a:t></a:r></a:p></p:txBody></p:sp>` +
	`</p:spTree></p:cSld>` + clrMap + `<p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/></p:sldLayoutIdLst><p:txStyles><p:titleStyle><a:lvl1pPr algn="l"><a:defRPr sz="4400"/></a:lvl1pPr></p:titleStyle><p:bodyStyle><a:lvl1pPr marL="0"><a:defRPr sz="2800"/></a:lvl1pPr></p:bodyStyle><p:otherStyle><a:lvl1pPr marL="0"><a:defRPr sz="1800"/></a:lvl1pPr></p:otherStyle></p:txStyles></p:sldMaster>`

var slideLayout = xmlHeader + `<p:sldLayout xmlns:a="` + nsA + `" xmlns:r="` + nsR + `" xmlns:p="` + nsP + `" type="titleOnly" preserve="1"><p:cSld name="Title Only"><p:spTree>` + grpHead(1, "") +
	`<p:sp><p:nvSpPr><p:cNvPr id="2" name="Title 1"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="title"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="en-US"/><a:t>Click to edit Master title style</a:t></a:r></a:p></p:txBody></p:sp>` +
	`</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>`

var notesMaster = xmlHeader + `<p:notesMaster xmlns:a="` + nsA + `" xmlns:r="` + nsR + `" xmlns:p="` + nsP + `"><p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg><p:spTree>` + grpHead(1, "") +
	`<p:sp><p:nvSpPr><p:cNvPr id="2" name="Notes Placeholder 1"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" sz="quarter" idx="1"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x="685800" y="4400550"/><a:ext cx="5486400" cy="3600450"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="en-US"/><a:t>Click to edit Master text styles</a:t></a:r></a:p></p:txBody></p:sp>` +
	`</p:spTree></p:cSld>` + clrMap + `<p:notesStyle><a:lvl1pPr marL="0" algn="l"><a:defRPr sz="1200"/></a:lvl1pPr></p:notesStyle></p:notesMaster>`

var theme = func() string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<a:theme xmlns:a="` + nsA + `" name="Office Theme"><a:themeElements><a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2>`)
	for i, c := range []string{"4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47"} {
		fmt.Fprintf(&b, `<a:accent%d><a:srgbClr val="%s"/></a:accent%d>`, i+1, c, i+1)
	}
	b.WriteString(`<a:hlink><a:srgbClr val="0563C1"/></a:hlink><a:folHlink><a:srgbClr val="954F72"/></a:folHlink></a:clrScheme><a:fontScheme name="Office"><a:majorFont><a:latin typeface="Calibri Light"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme><a:fmtScheme name="Office">`)
	fill := `<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>`
	b.WriteString(`<a:fillStyleLst>` + strings.Repeat(fill, 3) + `</a:fillStyleLst><a:lnStyleLst>` + strings.Repeat(`<a:ln w="6350">`+fill+`</a:ln>`, 3) + `</a:lnStyleLst><a:effectStyleLst>` + strings.Repeat(`<a:effectStyle><a:effectLst/></a:effectStyle>`, 3) + `</a:effectStyleLst><a:bgFillStyleLst>` + strings.Repeat(fill, 3) + `</a:bgFillStyleLst></a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>`)
	return b.String()
}()
