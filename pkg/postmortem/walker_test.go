package postmortem

import (
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The walker counts positions along a line on from the last one: for nodes in any order (back
// along a line, to another line, across yaml.v3's own line breaks) it gives what frontPos gives.
func TestFrontWalkerAgreesWithFrontPos(t *testing.T) {
	src := "---\ntitle: 決済 ｘ\nseverity: SEV-2\nstatus: Draft\nowner: A\nincident_date: 2026-11-20\n" +
		"related: [a, 'b c', \"d\\u00e9\", 決済, e]\ntags: [x,y]\u0085z: [p, q]\nservices:\n  - ü\n  - v\n---\n# x\n"
	d := Parse("x.md", []byte(src), nil)
	if d.Root == nil {
		t.Fatal("no front matter")
	}
	var nodes []*yaml.Node
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		nodes = append(nodes, n)
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(d.Root)
	w := &frontWalker{d: d}
	check := func(order string, ns []*yaml.Node) {
		for _, n := range ns {
			wl, wc := w.pos(n)
			fl, fc := d.frontPos(n)
			if wl != fl || wc != fc {
				t.Errorf("%s: %q at yaml %d:%d: walker %d:%d, frontPos %d:%d", order, n.Value, n.Line, n.Column, wl, wc, fl, fc)
			}
		}
	}
	check("in order", nodes)
	rev := make([]*yaml.Node, len(nodes))
	for i, n := range nodes {
		rev[len(nodes)-1-i] = n
	}
	check("reversed", rev)
}

// Problems and list items along one long line are found where they are, the line read once: the
// positions of a flow list of bad items are those frontPos gives each (BenchmarkFrontLongLine
// measures the time, which was quadratic).
func TestLongFlowListPositions(t *testing.T) {
	items := make([]string, 300)
	for i := range items {
		items[i] = fmt.Sprintf("2026-11-2%d-ä%d", i%10, i)
	}
	src := "---\ntitle: X\nseverity: SEV-2\nstatus: Draft\nowner: A\nincident_date: 2026-11-20\nrelated: [" +
		strings.Join(items, ", ") + "]\nstatus_history: [" + strings.Repeat("1, ", 200) + "1]\n---\n# X\n"
	d := Parse("x.md", []byte(src), nil)
	_, v := d.lookup("related")
	got := d.ListItems("related")
	if len(got) != len(items) || len(v.Content) != len(items) {
		t.Fatalf("%d items, %d nodes", len(got), len(v.Content))
	}
	for i, it := range got {
		if l, c := d.frontPos(v.Content[i]); it.Line != l || it.Column != c || it.Value != items[i] {
			t.Errorf("item %d: %+v, want %d:%d %q", i, it, l, c, items[i])
		}
	}
	n := 0
	for _, p := range d.Problems {
		if p.Key == "status_history" {
			n++
		}
	}
	if n != 201 {
		t.Errorf("%d status_history problems, want one per bad entry (201)", n)
	}
}

func BenchmarkFrontLongLine(b *testing.B) {
	for _, n := range []int{20000, 40000} {
		src := []byte("---\ntitle: X\nseverity: SEV-2\nstatus: Draft\nowner: A\nincident_date: 2026-11-20\nstatus_history: [" +
			strings.Repeat("1, ", n) + "1]\nrelated: [" + strings.Repeat("2026-11-20-y, ", n) + "z]\n---\n# X\n")
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				d := Parse("x.md", src, nil)
				d.ListItems("related")
			}
		})
	}
}
