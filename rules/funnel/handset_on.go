//go:build handsetfunnel

package funnel

// Built with `-tags handsetfunnel`, msglint tags stages the way it did
// before the learned content model: the hand-set phrase list below,
// matched on every block of every document (the phrase scan of
// scan.go), with no content model, no path conventions and no in-repo
// learning. It is a baseline for cost only: `make bench-funnel` times it
// beside the shipped tagger and the build without the funnel, so that
// what the learned model, the conventions and the in-repo learning add
// to a run can be told apart from what tagging cost before them. Its
// stages are not the old tagger's exactly (the softmax of tag.go decides,
// not the old thresholds), and no test or release uses it.
const handset = true

// handsetSignals are the hand-set signals the learned model replaced,
// as they were shipped before it (weights per occurrence).
var handsetSignals = map[string][]sig{
	"awareness": {
		{"what is", 2}, {"what are", 2}, {"guide to", 2}, {"introduction to", 2},
		{"tips", 2}, {"trends", 2}, {"ebook", 2}, {"e-book", 2}, {"why", 1},
		{"blog", 2}, {"insights", 1}, {"lessons", 1}, {"story of", 1},
		{"we are excited", 1}, {"we're excited", 1}, {"announcing", 1},
		{"thoughts", 1}, {"opinion", 1}, {"future of", 2}, {"state of", 1},
		{"the rise of", 2}, {"101", 1}, {"explained", 2}, {"myths", 2},
		{"best practices", 1}, {"journey", 1}, {"community", 0.5},
		{"i", 0.25}, {"my", 0.25}, {"our", 0.25},
	},
	"consideration": {
		{"webinar", 3}, {"comparison", 2}, {"compare", 2}, {"compared", 2}, {"vs", 3}, {"versus", 3},
		{"alternative", 2}, {"alternatives", 3}, {"how it works", 3}, {"features", 1},
		{"template", 1}, {"checklist", 2}, {"buyer's guide", 4}, {"buyers guide", 4},
		{"whitepaper", 3}, {"white paper", 3}, {"evaluation", 1}, {"evaluate", 1},
		{"benefits", 1}, {"why choose", 3}, {"use cases", 2}, {"solution brief", 3},
		{"datasheet", 3}, {"data sheet", 3}, {"product tour", 3}, {"watch the demo", 2},
		{"one-pager", 3}, {"on-demand", 1}, {"register now", 2}, {"switch from", 2}, {"migrate from", 1},
	},
	"decision": {
		{"case study", 4}, {"case studies", 4}, {"customer story", 4}, {"customer stories", 4},
		{"success story", 4}, {"pricing", 3}, {"price", 1}, {"plans", 1}, {"per month", 2},
		{"per user", 2}, {"billed annually", 3}, {"request a demo", 3},
		{"book a demo", 3}, {"schedule a demo", 3}, {"talk to sales", 3}, {"contact sales", 3},
		{"free trial", 3}, {"start your trial", 3}, {"start for free", 2}, {"roi", 3},
		{"return on investment", 3}, {"testimonial", 3}, {"testimonials", 3},
		{"proposal", 3}, {"quote", 1}, {"statement of work", 3}, {"business case", 3},
		{"total cost of ownership", 3}, {"tco", 2}, {"contract", 1}, {"procurement", 1},
		{"the problem", 1}, {"the solution", 1}, {"the results", 1},
		{"challenge", 1}, {"customer", 1}, {"customers", 1}, {"enterprise plan", 2},
		{"sign up", 1}, {"get started for free", 2}, {"faq", 1},
	},
	"retention": {
		{"onboarding", 2}, {"release notes", 4}, {"changelog", 4}, {"change log", 4},
		{"what's new", 4}, {"upgrade", 2}, {"upgrading", 2}, {"renewal", 3}, {"renew", 2},
		{"admin guide", 4}, {"administration", 2}, {"troubleshooting", 3}, {"troubleshoot", 2},
		{"documentation", 2}, {"docs", 1}, {"reference", 1}, {"configure", 1}, {"configuration", 1},
		{"configuring", 1}, {"install", 1}, {"installation", 2}, {"installing", 1},
		{"prerequisites", 3}, {"settings", 1}, {"set up", 1}, {"setup", 1},
		{"steps", 1}, {"fixed", 1}, {"bug fixes", 3}, {"improvements", 1},
		{"deprecated", 1}, {"migration", 1}, {"api", 0.5}, {"cli", 0.5}, {"parameters", 1},
		{"environment variables", 1}, {"known issues", 3}, {"faq", 0.5},
		{"getting started", 2}, {"quickstart", 2}, {"how to", 1}, {"tutorial", 1},
		{"usage", 1}, {"example", 0.5}, {"note", 0.5},
		{"introducing", 2}, {"now available", 2}, {"new feature", 1}, {"we've added", 1}, {"we have added", 1},
		// instructions: how product documentation talks to existing users
		{"click", 0.5}, {"select", 0.5}, {"navigate to", 1}, {"you can", 0.5}, {"enable", 0.5},
		{"disable", 0.5}, {"create a", 0.5}, {"this page", 0.5}, {"this section", 1},
		{"learn how", 0.5}, {"the following", 0.5}, {"command", 0.5}, {"variable", 0.5},
		{"options", 0.5}, {"default", 0.5}, {"required", 0.5}, {"optional", 0.5},
		{"limitations", 1}, {"supported", 0.5}, {"permissions", 1}, {"your account", 1},
		{"dashboard", 0.5}, {"field", 0.5}, {"button", 0.5}, {"make sure", 0.5},
	},
}
