package postmortem

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
)

// HTMLRenderer returns goldmark's HTML renderer for the Markdown this package parses (GFM: tables,
// strikethrough, task lists, autolinks), with opts added. pm site renders the bodies Parse read with
// it, so that the site shows what was linted, and only this package builds goldmark.
func HTMLRenderer(opts ...renderer.Option) renderer.Renderer {
	return goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(opts...)).Renderer()
}
