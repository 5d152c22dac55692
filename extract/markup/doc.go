// Package markup extracts the text formats, whose blocks keep exact
// source positions (Segs) so findings have line:column and can be fixed:
// Markdown (goldmark, with the transformer tweaks of mdparse.go and the
// nesting bound of mdnest.go), MDX (masked to Markdown, mdx.go), HTML
// (html.go), plain text (text.go), and YAML/TOML front matter
// (frontmatter.go), read by Markdown and MDX.
package markup
