package present

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares got with testdata/name, or writes it there with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// listLike is a table as pm list lays it out: TITLE narrows first, then OWNER; INCIDENT (column 4)
// goes when that is not enough.
func listLike(scheme Scheme) *Table {
	t := &Table{Narrow: []Narrow{{6, 10}, {3, 8}}, Drop: []int{4}, Scheme: scheme}
	t.AddRow(Cells("ID", "SEV", "STATUS", "OWNER", "INCIDENT", "MEETING", "TITLE")...)
	rows := []struct {
		id, status, owner, meeting, title string
		overdue                           bool
	}{
		{"2026-11-20-checkout", "Draft", "Aiko Sato", "due 2026-11-25", "Checkout latency after the payment provider changed its retry policy", false},
		{"2026-11-18-kessai", "In Review", "佐藤 愛子", "2026-11-20 10:00", "決済の遅延について（支払いプロバイダの再試行方針の変更）", false},
		{"2026-11-16-dns", "Draft", "José Müller", "due 2026-11-19 !", "DNS failures 👩\u200d💻 and 🇯🇵 resolvers", true},
		{"2026-10-01-cafe", "Closed", "Zoe\u0308 Ade\u0301", "2026-10-03 09:30", "Cafe\u0301 queue backlog\u200b with a\u2060joiner \u2764\ufe0f", false},
	}
	for _, r := range rows {
		meeting := Cell{Text: r.meeting}
		if r.overdue {
			meeting.Style = Overdue
		}
		t.AddRow(Cell{Text: r.id}, Cell{Text: "SEV-1"}, Cell{Text: r.status, Style: StatusStyle(r.status)},
			Cell{Text: r.owner}, Cell{Text: r.id[:10]}, meeting, Cell{Text: r.title})
	}
	return t
}

// columnStarts is the display column at which each cell of a plain row starts: after the indent, or
// after two spaces or more (the test's cells hold single spaces only).
func columnStarts(line string) []int {
	var starts []int
	col, spaces := 0, 2
	for _, cluster := range clusters(line) {
		if cluster == " " {
			spaces++
		} else {
			if spaces >= 2 {
				starts = append(starts, col)
			}
			spaces = 0
		}
		col += Width(cluster)
	}
	return starts
}

func TestTableGolden(t *testing.T) {
	var b strings.Builder
	for _, width := range []int{0, 120, 100, 80, 60, 40} {
		for _, color := range []bool{false, true} {
			fmt.Fprintf(&b, "== width %d, colour %v\n", width, color)
			lines := listLike(NewScheme(color)).Lines(width)
			for _, l := range lines {
				b.WriteString(l + "\n")
			}
			if color {
				continue
			}
			starts := columnStarts(lines[0])
			for _, l := range lines {
				if width >= 80 && Width(l) > width { // narrower, the minimums win
					t.Errorf("width %d: %q is %d columns", width, l, Width(l))
				}
				if got := columnStarts(l); fmt.Sprint(got) != fmt.Sprint(starts) {
					t.Errorf("width %d: %q: columns start at %v, the header's at %v", width, l, got, starts)
				}
			}
		}
	}
	golden(t, "table.golden", b.String())
}

func TestTableIndentAndNarrowOrder(t *testing.T) {
	// As pm actions lays out items: indented, TICKET then OWNER to 10, ACTION to 12, OWNER to 8, and
	// TYPE (column 2) left out when that is not enough.
	tb := &Table{Indent: "  ", Narrow: []Narrow{{5, 10}, {3, 10}, {1, 12}, {3, 8}}, Drop: []int{2}}
	tb.AddRow(Cells("PRI", "ACTION", "TYPE", "OWNER", "DUE", "TICKET")...)
	tb.AddRow(Cells("P1", "Alert on the payment provider's retry budget", "detect", "Aiko Sato-Watanabe", "2026-12-01", "https://jira.example.com/browse/OPS-12x")...)
	tb.AddRow(Cells("P2", "再試行の上限を設定する", "mitigate", "佐藤", "-", "OPS-13")...)
	var b strings.Builder
	for _, width := range []int{0, 100, 80, 70, 60, 50} {
		fmt.Fprintf(&b, "== width %d\n", width)
		tb.Write(&b, width)
	}
	golden(t, "table-indent.golden", b.String())
}

func TestTableSanitisesCells(t *testing.T) {
	tb := &Table{Narrow: []Narrow{{2, 10}}}
	tb.AddRow(Cells("ID", "OWNER", "TITLE")...)
	tb.AddRow(Cells("x", "Aiko\rSato\nMallory", "\x1b]0;pwned\a\x1b[2J\u202eevil")...)
	lines := tb.Lines(0)
	want := []string{
		"ID  OWNER              TITLE",
		`x   Aiko Sato Mallory  \x1b]0;pwned\x07\x1b[2J\u202eevil`,
	}
	if fmt.Sprint(lines) != fmt.Sprint(want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	// Fitted, the escaped text is cut like any other.
	if got := tb.Lines(40)[1]; got != `x   Aiko Sato Mallory  \x1b]0;pwned\x07…` {
		t.Errorf("fitted to 40: %q", got)
	}
}

func TestTableRaggedAndEmpty(t *testing.T) {
	if (&Table{}).Lines(80) != nil {
		t.Error("an empty table has lines")
	}
	tb := &Table{}
	tb.AddRow(Cells("a", "bb", "ccc")...)
	tb.AddRow(Cells("dddd")...)
	if got := strings.Join(tb.Lines(0), "|"); got != "a     bb  ccc|dddd" {
		t.Errorf("%q", got)
	}
}

// TestWriteRowsIsWrite: rows made on demand are laid out exactly as the same rows held in the table,
// fitted or not, coloured or not, sanitised, ragged and empty.
func TestWriteRowsIsWrite(t *testing.T) {
	ragged := &Table{Narrow: []Narrow{{2, 10}}}
	ragged.AddRow(Cells("ID", "OWNER", "TITLE")...)
	ragged.AddRow(Cells("x", "Aiko\rSato\nMallory", "\x1b]0;pwned\a\x1b[2J\u202eevil")...)
	ragged.AddRow(Cells("dddd")...)
	indent := &Table{Indent: "  ", Narrow: []Narrow{{5, 10}, {3, 10}, {1, 12}, {3, 8}}, Drop: []int{2}}
	indent.AddRow(Cells("PRI", "ACTION", "TYPE", "OWNER", "DUE", "TICKET")...)
	indent.AddRow(Cells("P2", "再試行の上限を設定する", "mitigate", "佐藤", "-", "OPS-13")...)
	for _, tb := range []*Table{listLike(NewScheme(false)), listLike(NewScheme(true)), ragged, indent, {}} {
		for _, width := range []int{0, 120, 80, 60, 40} {
			var want, got strings.Builder
			tb.Write(&want, width)
			rows := tb.Rows
			err := tb.WriteRows(&got, width, len(rows), func(i int, cells []Cell) []Cell { return append(cells, rows[i]...) })
			if err != nil || got.String() != want.String() {
				t.Errorf("width %d: WriteRows gave (%v)\n%s\nWrite gave\n%s", width, err, got.String(), want.String())
			}
		}
	}
}

// Not fitted to a width (output to a pipe), a huge cell is written whole but pads no other row:
// the output grows with what the cells hold, not with rows times the widest cell.
func TestUnfittedTableDoesNotPadToAHugeCell(t *testing.T) {
	huge := strings.Repeat("word ", 100000)
	var tab Table
	tab.AddRow(Cells("P", "Action", "Owner")...)
	for range 1000 {
		tab.AddRow(Cells("P1", "a", "o")...)
	}
	tab.AddRow(Cells("P1", huge, "o")...)
	var b strings.Builder
	if err := tab.Write(&b, 0); err != nil {
		t.Fatal(err)
	}
	if b.Len() > len(huge)+1000*(2*maxUnfitted) {
		t.Errorf("%d bytes written", b.Len())
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if !strings.Contains(lines[len(lines)-1], strings.TrimSpace(huge)) {
		t.Error("the huge cell was cut")
	}
	if lines[1] != "P1  a       o" { // "Action" is the widest cell that fits
		t.Errorf("row %q", lines[1])
	}
}

// TestTableSqueeze: with Squeeze, a table whose headers are wider than its minimums allow for (a
// Japanese one) still fits: the columns Narrow lists give up the rest, first down to their header,
// then further; without it, the minimums win.
func TestTableSqueeze(t *testing.T) {
	mk := func(squeeze bool) *Table {
		tb := &Table{Indent: "  ", Narrow: []Narrow{{5, 10}, {3, 10}, {1, 12}, {3, 8}, {6, 12}}, Drop: []int{2}, Squeeze: squeeze}
		tb.AddRow(Cells("優先度", "アクション", "種別", "担当", "期日", "チケット", "状態")...)
		tb.AddRow(Cells("P1", "カナリアでエラー率を見る仕組みを作る", "process", "田中 由美子", "2026/11/11（水） ! 13日", "OPS-125", "対応しない 2026-12-02")...)
		tb.AddRow(Cells("P0", "コネクションプールの上限を見直す", "prevent", "佐藤 美咲", "2026-12-20", "障害チケット-1234567", "未完了")...)
		return tb
	}
	for _, width := range []int{80, 70, 60} {
		lines := mk(true).Lines(width)
		for _, l := range lines {
			if Width(l) > width {
				t.Errorf("width %d: %q is %d columns", width, l, Width(l))
			}
		}
		if !strings.Contains(lines[0], "優先度") || !strings.Contains(lines[0], "期日") {
			t.Errorf("width %d: a column that does not narrow lost its header: %q", width, lines[0])
		}
		if width >= 70 && !strings.Contains(lines[0], "アクション") {
			t.Errorf("width %d: squeezed past a header there was room for: %q", width, lines[0])
		}
	}
	if w := Width(mk(false).Lines(80)[1]); w <= 80 {
		t.Errorf("without Squeeze the table fits 80 (%d): the test shows nothing", w)
	}
	if got, want := strings.Join(mk(true).Lines(120), "\n"), strings.Join(mk(false).Lines(120), "\n"); got != want {
		t.Errorf("Squeeze changed a table that fits:\n%s\n%s", got, want)
	}
}

// Pad pads by columns: wide characters take two, so what follows lines up under ASCII rows.
func TestPadByColumns(t *testing.T) {
	for _, c := range []struct {
		s    string
		w    int
		want string
	}{{"Draft", 9, "Draft    "}, {"レビュー中", 12, "レビュー中  "}, {"レビュー中", 9, "レビュー中"}, {"é", 3, "é  "}} {
		if got := Pad(c.s, c.w); got != c.want {
			t.Errorf("Pad(%q, %d) = %q, want %q", c.s, c.w, got, c.want)
		}
	}
}
