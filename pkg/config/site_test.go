package config

import "testing"

func TestSiteUnsafeHTML(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"", false},
		{"site:\n", false},
		{"site:\n  unsafe_html:\n", false},
		{"site:\n  unsafe_html: true\n", true},
		{"site:\n  unsafe_html: false\n", false},
	} {
		cfg, err := Parse(".pm.yaml", []byte(tc.in))
		if err != nil {
			t.Fatalf("%q: %v", tc.in, err)
		}
		if cfg.Site.UnsafeHTML != tc.want {
			t.Errorf("%q: unsafe_html %v, want %v", tc.in, cfg.Site.UnsafeHTML, tc.want)
		}
	}
}

func TestSiteErrors(t *testing.T) {
	for in, want := range map[string]string{
		"site: yes please\n":                                 `.pm.yaml:1: site: want a mapping of keys to values, got the string "yes please"`,
		"site:\n  unsafe_html: \"true\"\n":                   `.pm.yaml:2: site.unsafe_html: want true or false, got the string "true"`,
		"site:\n  unsafe_html: [a]\n":                        `.pm.yaml:2: site.unsafe_html: want true or false, got a list`,
		"site:\n  unsafe_html: 1\n":                          `.pm.yaml:2: site.unsafe_html: want true or false, got 1`,
		"site:\n  theme: dark\n":                             `.pm.yaml:2: unknown key "theme" in site (known keys: unsafe_html)`,
		"site:\n  unsafe_html: true\n  unsafe_html: false\n": `.pm.yaml:3: duplicate key "unsafe_html" in site (first at line 2)`,
	} {
		_, err := Parse(".pm.yaml", []byte(in))
		if err == nil || err.Error() != want {
			t.Errorf("%q: got %v, want %s", in, err, want)
		}
	}
}
