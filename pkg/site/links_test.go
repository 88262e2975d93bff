package site

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// TestHeadingIDsAreGitHubs: a heading's id is the one GitHub gives it, so that a link written for
// GitHub (#howd-we-do) leads to the heading on the site too.
func TestHeadingIDsAreGitHubs(t *testing.T) {
	for _, c := range []struct{ heading, id string }{
		{"Root Cause", "root-cause"},
		{"How'd We Do?", "howd-we-do"},
		{"What Didn't Go So Well?", "what-didnt-go-so-well"},
		{"v2.31 rollout", "v231-rollout"},
		{"C++ & Go", "c--go"},
		{"snake_case and kebab-case", "snake_case-and-kebab-case"},
		{"Überblick (DE)", "überblick-de"},
		{"根本原因 🔥", "根本原因-"},
		{"対応者・役割", "対応者役割"},
		{"🔥", "section"},
	} {
		if got := headingID(c.heading); got != c.id {
			t.Errorf("headingID(%q) = %q, want %q", c.heading, got, c.id)
		}
	}
}

// TestFilesOnTheForge: a relative link or image to a file of the repository that is no postmortem (a
// graph beside the postmortems, a runbook) leads to the file on the forge repo_url names (an image to
// its raw bytes), since the site does not have it; an anchor, a URL, a postmortem and a path out of
// the repository stay as they are, and without repo_url every address does.
func TestFilesOnTheForge(t *testing.T) {
	body := "![graph](images/g.png) [runbook](../docs/run%20book.md#steps) [up](../../x.md) [top](#overview) [web](https://example.com/a.png) [b](2026-01-02-b.md)"
	src := "---\ntitle: A\nseverity: SEV-2\nstatus: Draft\nowner: x\nincident_date: 2026-01-01\n---\n\n## Overview\n\n" + body + "\n"
	b := "---\ntitle: B\nseverity: SEV-2\nstatus: Draft\nowner: x\nincident_date: 2026-01-02\n---\n\n## Overview\n\nb\n"
	for _, c := range []struct{ repo, img, doc string }{
		{"https://github.com/acme/pm/blob/main", "https://github.com/acme/pm/raw/main/postmortems/images/g.png", "https://github.com/acme/pm/blob/main/docs/run%20book.md#steps"},
		{"https://gitlab.com/acme/pm/-/blob/main/", "https://gitlab.com/acme/pm/-/raw/main/postmortems/images/g.png", "https://gitlab.com/acme/pm/-/blob/main/docs/run%20book.md#steps"},
		{"", "images/g.png", "../docs/run%20book.md#steps"},
	} {
		o := fixtureOptions(i18n.EN)
		o.RepoURL = c.repo
		dir := t.TempDir() + "/site"
		inputs := []Input{
			{ID: "2026-01-01-a", Path: "postmortems/2026-01-01-a.md", Doc: postmortem.Parse("postmortems/2026-01-01-a.md", []byte(src), time.UTC)},
			{ID: "2026-01-02-b", Path: "postmortems/2026-01-02-b.md", Doc: postmortem.Parse("postmortems/2026-01-02-b.md", []byte(b), time.UTC)},
		}
		if _, err := Build(dir, inputs, o); err != nil {
			t.Fatal(err)
		}
		page, err := os.ReadFile(filepath.Join(dir, "pm", "2026-01-01-a.html"))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{`<img src="` + c.img + `"`, `<a href="` + c.doc + `"`, `<a href="../../x.md"`, `<a href="#overview"`,
			`<a href="https://example.com/a.png"`, `<a href="../pm/2026-01-02-b.html"`} {
			if !strings.Contains(string(page), want) {
				t.Errorf("repo_url %q: the page lacks %s", c.repo, want)
			}
		}
	}
}

// TestImagesFromElsewhereAreLinks: an image on another host (http:, https:, "//host", any case or
// leading space) would be fetched by every reader who opens the page, so a stranger's pull request
// could track them, and the site is meant to load nothing from elsewhere: it is shown as a link to
// the image with its alt text (inside a link, the alt text alone). Relative images, data: images
// and, with repo_url, the forge's raw files stay images.
func TestImagesFromElsewhereAreLinks(t *testing.T) {
	body := "![a](https://evil.example/a.png) ![b](//evil.example/b.png) ![c]( HTTP://evil.example/c.png) ![d](ftp://evil.example/d.png)\n\n" +
		"[![e](http://evil.example/e.png)](https://example.com/) ![g](images/g.png) ![p](data:image/png;base64,iVBORw0KGgo=)\n\n" +
		"![r][r]\n\n[r]: http://evil.example/r.png\n"
	src := "---\ntitle: A\nseverity: SEV-2\nstatus: Draft\nowner: x\nincident_date: 2026-01-01\n---\n\n## Overview\n\n" + body
	for _, repo := range []string{"", "https://github.com/acme/pm/blob/main"} {
		o := fixtureOptions(i18n.EN)
		o.RepoURL = repo
		dir := t.TempDir() + "/site"
		inputs := []Input{{ID: "2026-01-01-a", Path: "postmortems/2026-01-01-a.md", Doc: postmortem.Parse("postmortems/2026-01-01-a.md", []byte(src), time.UTC)}}
		if _, err := Build(dir, inputs, o); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dir, "pm", "2026-01-01-a.html"))
		if err != nil {
			t.Fatal(err)
		}
		page := string(b)
		if strings.Contains(page, "<img src=\"https:") && repo == "" || strings.Contains(page, "evil.example/a.png\" alt") || strings.Contains(page, `<img src="//`) ||
			strings.Contains(strings.ToLower(page), `<img src="http://evil`) || strings.Contains(page, `<img src="ftp:`) {
			t.Errorf("repo_url %q: an image from elsewhere is still an image:\n%s", repo, page)
		}
		want := []string{`<a href="https://evil.example/a.png">a</a>`, `<a href="//evil.example/b.png">b</a>`, `<a href="HTTP://evil.example/c.png">c</a>`,
			`<a href="ftp://evil.example/d.png">d</a>`, `<a href="https://example.com/">e</a>`, `<a href="http://evil.example/r.png">r</a>`,
			`<img src="data:image/png;base64,iVBORw0KGgo=" alt="p">`}
		if repo == "" {
			want = append(want, `<img src="images/g.png" alt="g">`)
		} else {
			want = append(want, `<img src="https://github.com/acme/pm/raw/main/postmortems/images/g.png" alt="g">`)
		}
		for _, w := range want {
			if !strings.Contains(page, w) {
				t.Errorf("repo_url %q: the page lacks %s", repo, w)
			}
		}
	}
}

// TestHeadingAnchorsAreNotFocusable: a heading's "#" link is hidden from screen readers
// (aria-hidden), so it is not focusable either (tabindex="-1", as GitHub writes it): a keyboard
// user would otherwise stop on a link a screen reader does not announce.
func TestHeadingAnchorsAreNotFocusable(t *testing.T) {
	src := "---\ntitle: A\nseverity: SEV-2\nstatus: Reviewed\nowner: x\nincident_date: 2026-01-01\n---\n\n## Overview\n\nText.\n\n## Messaging\n\n### External Message\n\n#### Details\n\nSorry.\n"
	dir := t.TempDir() + "/site"
	inputs := []Input{{ID: "2026-01-01-a", Path: "postmortems/2026-01-01-a.md", Doc: postmortem.Parse("postmortems/2026-01-01-a.md", []byte(src), time.UTC)}}
	if _, err := Build(dir, inputs, fixtureOptions(i18n.EN)); err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"pm/2026-01-01-a.html", "messages.html"} {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		anchors := regexp.MustCompile(`<a class="anchor"[^>]*>`).FindAllString(string(b), -1)
		if len(anchors) == 0 {
			t.Errorf("%s: no heading anchor", rel)
		}
		for _, a := range anchors {
			if !strings.Contains(a, `aria-hidden="true"`) || !strings.Contains(a, `tabindex="-1"`) {
				t.Errorf("%s: %s is hidden from screen readers but focusable", rel, a)
			}
		}
	}
}
