// Package markup extracts the text formats, whose blocks keep exact
// source positions (Segs) so that findings have a line and column and can
// be fixed:
//
//   - Markdown: markdown.go (parsers, entry points), mdtext.go (block text
//     and Segs), mdwalk.go (the goldmark tree walk), mdparse.go (goldmark
//     tweaks), mdnest.go (the nesting bound and plain-text fallback);
//   - MDX: mdx.go masks ESM, expressions and JSX, then reads Markdown;
//   - HTML: html.go (entry point), htmltokens.go (tags, attributes,
//     entities), htmltext.go (block text), htmlwalk.go (elements),
//     htmlignore.go (html.ignore selectors);
//   - plain text: text.go;
//   - YAML and TOML front matter, read by Markdown and MDX: frontmatter.go,
//     fmyaml.go, fmtoml.go.
package markup
