package site

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The colour pairs of both themes meet WCAG 2's contrast ratios: 4.5:1 for text (the text colours on
// the page and on a card), 3:1 for the chart colours against the page (non-text graphics).
func TestContrast(t *testing.T) {
	css, err := files.ReadFile("assets/site.css")
	if err != nil {
		t.Fatal(err)
	}
	light, dark, ok := strings.Cut(string(css), "@media (prefers-color-scheme: dark)")
	if !ok {
		t.Fatal("site.css has no dark theme")
	}
	dark, _, _ = strings.Cut(dark, "\n}\n")
	text := []string{"fg", "muted", "link", "sev1", "sev2", "sev3", "sev4", "sev5", "ok", "warn", "err", "s0", "s1"}
	graphics := []string{"s0", "s1", "s5", "sev1", "sev2", "sev3", "sev4", "sev5", "ok", "warn"}
	for _, theme := range []struct {
		name string
		vars map[string]string
	}{{"light", customProperties(light)}, {"dark", customProperties(dark)}} {
		for _, bg := range []string{"bg", "card"} {
			for _, fg := range text {
				checkContrast(t, theme.name+" --"+fg+" on --"+bg, theme.vars[fg], theme.vars[bg], 4.5)
			}
			for _, fg := range graphics {
				checkContrast(t, theme.name+" chart --"+fg+" on --"+bg, theme.vars[fg], theme.vars[bg], 3)
			}
		}
	}
	// The highlighted code's colours, on the code's own background.
	lightCode, darkCode, _ := strings.Cut(codeCSS(), "@media (prefers-color-scheme: dark)")
	for _, c := range []struct{ name, css, bg string }{{"light code", lightCode, "#f6f8fa"}, {"dark code", darkCode, "#161b22"}} {
		colours := regexp.MustCompile(`([^{}\n]*)\{[^}]*\bcolor: (#[0-9a-fA-F]{6})`).FindAllStringSubmatch(c.css, -1)
		if len(colours) < 5 {
			t.Fatalf("%s: found %d colours in codeCSS", c.name, len(colours))
		}
		for _, m := range colours {
			checkContrast(t, c.name+" "+strings.TrimSpace(m[1]), m[2], c.bg, 4.5)
		}
	}
}

func TestContrastRatio(t *testing.T) {
	// Reference values: black on white is 21:1, a colour on itself 1:1, #767676 on white 4.54:1.
	for _, c := range []struct {
		a, b string
		want float64
	}{{"#000000", "#ffffff", 21}, {"#777777", "#777777", 1}, {"#767676", "#ffffff", 4.54}} {
		if got := contrastRatio(c.a, c.b); math.Abs(got-c.want) > 0.01 {
			t.Errorf("contrast of %s on %s = %.3f, want %.2f", c.a, c.b, got, c.want)
		}
	}
}

func checkContrast(t *testing.T, what, fg, bg string, min float64) {
	t.Helper()
	if fg == "" || bg == "" {
		t.Errorf("%s: a colour is missing (%q on %q)", what, fg, bg)
		return
	}
	if r := contrastRatio(fg, bg); r < min {
		t.Errorf("%s: %s on %s has contrast %.2f:1, want at least %.1f:1", what, fg, bg, r, min)
	}
}

// customProperties are the "--name: #rrggbb" declarations of a piece of CSS.
func customProperties(css string) map[string]string {
	out := map[string]string{}
	for _, m := range regexp.MustCompile(`--([\w-]+):\s*(#[0-9a-fA-F]{6})`).FindAllStringSubmatch(css, -1) {
		out[m[1]] = m[2]
	}
	return out
}

// contrastRatio is WCAG 2's contrast ratio of two #rrggbb colours.
func contrastRatio(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// luminance is a #rrggbb colour's relative luminance (sRGB).
func luminance(hex string) float64 {
	var c [3]float64
	for i := range c {
		v, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		if err != nil {
			panic(fmt.Sprintf("colour %q: %v", hex, err))
		}
		x := float64(v) / 255
		if x <= 0.04045 {
			c[i] = x / 12.92
		} else {
			c[i] = math.Pow((x+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
}
