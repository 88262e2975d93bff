package postmortem

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

// TestSectionKeysTable rebuilds the table of section names from SectionNames (later names win, as
// they would in a map filled in order) and compares it with the one written out in section_keys.go.
func TestSectionKeysTable(t *testing.T) {
	m := map[string]string{}
	for _, s := range SectionNames {
		m[NormalizeHeading(s.Key)] = s.Key
		for _, n := range append([]string{s.En, s.Ja}, s.Aliases...) {
			m[NormalizeHeading(n)] = s.Key
		}
	}
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	var want strings.Builder
	for _, n := range names {
		fmt.Fprintf(&want, "\t{%q, %q},\n", n, m[n])
	}
	var got strings.Builder
	for _, e := range sectionKeys {
		fmt.Fprintf(&got, "\t{%q, %q},\n", e.name, e.key)
	}
	if got.String() != want.String() {
		t.Errorf("section_keys.go is out of date with SectionNames; its table should read:\n%s", want.String())
	}
	for _, s := range SectionNames {
		for _, n := range append([]string{s.Key, s.En, s.Ja, "7. " + s.En, " " + strings.ToUpper(s.En) + "?"}, s.Aliases...) {
			if got := SectionKey(n); got != s.Key {
				t.Errorf("SectionKey(%q) = %q, want %q", n, got, s.Key)
			}
		}
	}
	for _, n := range []string{"", "zzz", "Timeline of doom", "action", "Notes: timeline"} {
		if got := SectionKey(n); got != "" {
			t.Errorf("SectionKey(%q) = %q, want none", n, got)
		}
	}
}

func TestStartsWithSectionName(t *testing.T) {
	for _, c := range []struct {
		title, key string
		want       bool
	}{
		{"Root Cause Investigation", "root-cause", true},
		{"3. Root-Cause Notes", "root-cause", true},
		{"Contributing Factors (draft)", "root-cause", true},
		{"根本原因の調査", "root-cause", true},
		{"Timeline Notes", "timeline", true},
		{"Impacted Teams", "impact", false},
		{"Rootcause", "root-cause", false},
		{"What Happened", "root-cause", false},
	} {
		if got := StartsWithSectionName(c.title, c.key); got != c.want {
			t.Errorf("StartsWithSectionName(%q, %q) = %v, want %v", c.title, c.key, got, c.want)
		}
	}
}

// TestKeysAreTheirOwnNames: Content.Section takes a name that the table maps to itself as the key it
// is without normalising it; that holds only if SectionKey reads it so too.
func TestKeysAreTheirOwnNames(t *testing.T) {
	for _, e := range sectionKeys {
		if e.name == e.key && SectionKey(e.name) != e.key {
			t.Errorf("SectionKey(%q) = %q", e.name, SectionKey(e.name))
		}
	}
}

// TestSectionTitlesTable rebuilds the table of exact section names from SectionNames and compares it
// with the one written out in section_keys.go; every name in it must read as its key the long way
// too, so that the table changes no heading's reading.
func TestSectionTitlesTable(t *testing.T) {
	m := map[string]string{}
	for _, s := range SectionNames {
		for _, n := range append([]string{s.Key, s.En, s.Ja}, s.Aliases...) {
			m[n] = s.Key
		}
	}
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	var want, got strings.Builder
	for _, n := range names {
		fmt.Fprintf(&want, "\t{%q, %q},\n", n, m[n])
	}
	for _, e := range sectionTitles {
		fmt.Fprintf(&got, "\t{%q, %q},\n", e.name, e.key)
		if k := readSectionKey(e.name); k != e.key {
			t.Errorf("%q reads as %q the long way, as %q in the table", e.name, k, e.key)
		}
	}
	if got.String() != want.String() {
		t.Errorf("section_keys.go is out of date with SectionNames; its titles table should read:\n%s", want.String())
	}
}
