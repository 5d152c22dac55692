package officegen

// The example files: realistic sales content for the fictional company
// Acme and its product Acme CloudSync, with deliberate problems for the
// README tour: the naming variants "CloudSync" (alone) and "Cloud Sync",
// and the unsupported claim "40% higher win rates".

// ExampleDeck is a sales deck.
var ExampleDeck = Deck{
	Title: "Acme CloudSync: sales deck",
	Slides: []Slide{
		{
			Title:  "Acme CloudSync",
			Shapes: []Shape{{Paras: []string{"One source of truth for every file, on every cloud.", "Sales deck · Q3 2026"}}},
			Notes:  []string{"Introduce yourself, then ask how many storage providers the team uses today."},
		},
		{
			Title: "The problem",
			Shapes: []Shape{{Paras: []string{
				"Files live in three or more clouds at most mid-market companies.",
				"Teams lose hours a week hunting for the latest version.",
				"Security teams cannot see who shared what, or where.",
			}}},
			Notes: []string{"Pause here. Ask for their own example before moving on."},
		},
		{
			Title: "How Acme |CloudSync| works",
			Shapes: []Shape{
				{SmartArt: []string{"Connect your clouds", "Sync in real time", "Audit every change"}},
				{Paras: []string{"CloudSync connects to Google Drive, OneDrive, Box and S3 in minutes."}},
			},
			Notes: []string{"Demo the connector screen if the prospect has time."},
		},
		{
			Title: "Results customers see",
			Shapes: []Shape{{Paras: []string{
				"40% higher win rates for sales teams that share one content library.",
				"Onboarding in under a day, with no agents to install.",
			}}},
			Notes: []string{"The win-rate figure comes from the 2025 customer survey; link the source in the follow-up email."},
		},
		{
			Title: "Acme CloudSync vs. the alternatives",
			Shapes: []Shape{{Table: [][]string{
				{"", "Acme CloudSync", "Point sync tools", "DIY scripts"},
				{"Clouds supported", "12", "2–3", "Any, with effort"},
				{"Audit trail", "Built in", "Add-on", "None"},
				{"Time to value", "Under a day", "Weeks", "Months"},
			}}},
		},
		{
			Title:  "Pricing (internal)",
			Hidden: true,
			Shapes: []Shape{{Paras: []string{"Cloud Sync Team: $12 per user per month.", "Discounts above 15% need VP approval."}}},
			Notes:  []string{"Hidden slide: do not show to prospects.", "msglint-disable claims"},
		},
		{
			Title: "Next steps",
			Shapes: []Shape{{Group: []Shape{
				{Paras: []string{"1. Technical deep dive with your IT team"}},
				{Paras: []string{"2. Two-week pilot on one department"}},
				{Paras: []string{"3. Rollout plan and pricing proposal"}},
			}}},
		},
	},
}

// ExampleDoc is a competitive battle card.
var ExampleDoc = Doc{
	Title:  "Acme CloudSync battle card",
	Header: []string{"Acme · Sales enablement · Internal"},
	Footer: []string{"Questions? #sales-enablement on Slack"},
	Body: []Para{
		{Heading: 1, Text: "Acme CloudSync battle card"},
		{Text: "Use this card when a prospect compares Acme CloudSync with point sync tools or home-grown scripts."},
		{Heading: 2, Text: "Positioning"},
		{Text: "Acme CloudSync gives every team one source of truth for files across Google Drive, OneDrive, Box and S3, with a full audit trail."},
		{Text: "Teams using CloudSync see 40% higher win rates.", Footnote: "2025 Acme customer survey, 212 respondents."},
		{Heading: 2, Text: "Objections"},
		{Table: [][]string{
			{"Objection", "Response"},
			{"“We already sync with scripts.”", "Scripts break silently. Acme CloudSync alerts on every failed sync and keeps an audit log."},
			{"“It looks expensive.”", "Compare with the hours your team spends looking for files: most customers break even in one quarter."},
		}},
		{Heading: 2, Text: "Proof points"},
		{Text: "Rollout takes ", Ins: "under a day.", Del: "two weeks."},
		{Text: "Northwind Traders moved 4 TB across three clouds with Cloud Sync in a weekend.", TextBox: []string{"Tip: ask for the Northwind reference call through the customer marketing team."}},
		{Text: "Last reviewed: ", Field: "September 1, 2026"},
	},
}

// ExamplePages is a two-page one-pager PDF.
var ExamplePages = [][]string{
	{
		"Acme CloudSync",
		"One source of truth for every file, on every cloud.",
		"Acme CloudSync connects Google Drive, OneDrive, Box and S3",
		"and keeps every copy in step, with an audit trail security",
		"teams can trust. Setup takes minutes and needs no agents or",
		"scripts: connect your clouds, choose what to sync, and invite",
		"your team.",
	},
	{
		"Results",
		"Sales teams that share one content library with CloudSync see",
		"40% higher win rates. Operations teams stop losing hours to ver-",
		"sion hunting, and Cloud Sync audit logs make compliance reviews",
		"a one-day task.",
		"Start a free pilot at acme.example/cloudsync.",
	},
}

// Examples are the example files for examples/.
var Examples = []File{
	{"acme-cloudsync-deck.pptx", func() ([]byte, error) { return PPTX(ExampleDeck) }},
	{"acme-cloudsync-battle-card.docx", func() ([]byte, error) { return DOCX(ExampleDoc) }},
	{"acme-cloudsync-one-pager.pdf", pdfFile(ExamplePages, PDFOptions{})},
}
