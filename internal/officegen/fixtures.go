package officegen

// File is a generated file: its name and a builder.
type File struct {
	Name  string
	Build func() ([]byte, error)
}

func pdfFile(pages [][]string, o PDFOptions) func() ([]byte, error) {
	return func() ([]byte, error) { return PDF(pages, o), nil }
}

// FixtureDeck exercises every PPTX/ODP construct the extractors handle:
// runs split by formatting, soft breaks, tabs, speaker notes with
// directives, a hidden slide, tables, nested groups, SmartArt,
// mc:AlternateContent, and slide files stored in reverse order.
var FixtureDeck = Deck{
	Title:        "Fixture deck",
	ReverseFiles: true,
	Slides: []Slide{
		{
			Title: "Acme Cloud|Sync overview",
			Shapes: []Shape{{Paras: []string{
				"Sync files across every cloud.",
				"Acme |Cloud|Sync keeps teams\nin step.",
			}}},
			Notes: []string{"Open with the customer story.", "msglint-disable naming/variant"},
		},
		{
			Title:  "Internal pricing",
			Hidden: true,
			Shapes: []Shape{{Paras: []string{"Draft numbers only."}}},
			Notes:  []string{"Do not present this slide."},
		},
		{
			Title:  "Comparison",
			Shapes: []Shape{{Table: [][]string{{"Feature", "Acme CloudSync", "Others"}, {"Setup", "Min|utes", "Days"}}}},
		},
		{
			Title: "Architecture",
			Shapes: []Shape{
				{Group: []Shape{
					{Paras: []string{"Edge agent"}},
					{Group: []Shape{{Paras: []string{"Sync engine"}}, {Paras: []string{"Audit log"}}}},
				}},
				{SmartArt: []string{"Connect", "Sy|nc", "Report"}},
			},
		},
		{
			Title:  "Why now",
			Shapes: []Shape{{AltContent: true, Paras: []string{"40% higher win rates\tin 2025"}}},
			Notes:  []string{"Cite the 2025 study.", "msglint-disable"},
		},
	},
}

// FixtureDoc exercises every DOCX/ODT construct the extractors handle.
var FixtureDoc = Doc{
	Title:  "Fixture document",
	Header: []string{"Acme |Confidential"},
	Footer: []string{"Acme Inc. |2026"},
	Body: []Para{
		{Heading: 1, Text: "Acme Cloud|Sync battle card"},
		{Text: "Acme |CloudSync| keeps files in sync\nacross clouds.", Footnote: "Based on a 2025 customer survey."},
		{Heading: 2, Text: "Tracked changes"},
		{Text: "The rollout takes ", Ins: "two weeks.", Del: "three months."},
		{Text: "Updated on ", Field: "January 5, 2026"},
		{Heading: 2, Text: "Comparison"},
		{Table: [][]string{{"Feature", "Acme CloudSync"}, {"Setup", "Min|utes"}}},
		{Text: "See the sidebar.", TextBox: []string{"Sidebar: Cloud Sync\tpricing starts at $10."}},
		{Text: "Customers report 40% higher win rates.", Footnote: "Internal data."},
	},
}

// FixturePages is a two-page PDF with a word hyphenated at a line end.
var FixturePages = [][]string{
	{
		"Acme CloudSync overview",
		"Acme CloudSync keeps every team in step with a single",
		"source of truth for files and a sync engine that is reli-",
		"able across clouds, regions and on-premises storage.",
	},
	{
		"Customers report 40% higher win rates",
		"with Acme CloudSync’s audit log (2025 survey).",
	},
}

// Fixtures are the extractor test fixtures (extract/office/testdata/fixtures
// and extract/pdf/testdata/fixtures).
var Fixtures = []File{
	{"deck.pptx", func() ([]byte, error) { return PPTX(FixtureDeck) }},
	{"deck.odp", func() ([]byte, error) { return ODP(FixtureDeck) }},
	{"doc.docx", func() ([]byte, error) { return DOCX(FixtureDoc) }},
	{"doc.odt", func() ([]byte, error) { return ODT(FixtureDoc) }},
	{"pages.pdf", pdfFile(FixturePages, PDFOptions{})},
	{"encrypted.pdf", pdfFile(FixturePages, PDFOptions{Encrypted: true})},
	{"image-only.pdf", pdfFile(FixturePages, PDFOptions{ImageOnly: true})},
}
