package postmortem

import (
	"strings"
	"testing"
)

const tableFront = "---\ntitle: T\nseverity: SEV-2\nstatus: Reviewed\nowner: a\nincident_date: 2026-11-01\n---\n\n# T\n\n"

func TestSetActionStatuses(t *testing.T) {
	cases := []struct {
		name   string
		table  string
		edits  []StatusEdit
		header string
		want   string
	}{
		{
			name: "existing column, filled and empty cells",
			table: "## Action Items\n\n| Priority | Action | Ticket | Status |\n|---|---|---|---|\n" +
				"| P0 | Fix | OPS-1 | open |\n| P1 | Page |  OPS-2  |   |\n| P2 | Doc | OPS-3 | open |\n\n## Next\n",
			edits: []StatusEdit{{Row: 0, Status: "done"}, {Row: 1, Status: "won't do"}},
			want: "## Action Items\n\n| Priority | Action | Ticket | Status |\n|---|---|---|---|\n" +
				"| P0 | Fix | OPS-1 | done |\n| P1 | Page |  OPS-2  | won't do |\n| P2 | Doc | OPS-3 | open |\n\n## Next\n",
		},
		{
			name: "existing column, a short row",
			table: "## Action Items\n\n| Priority | Action | Ticket | Status |\n| --- | --- | --- | --- |\n" +
				"| P0 | Fix | OPS-1 |\n| P1 | Page\n",
			edits: []StatusEdit{{Row: 0, Status: "done"}, {Row: 1, Status: "done"}},
			want: "## Action Items\n\n| Priority | Action | Ticket | Status |\n| --- | --- | --- | --- |\n" +
				"| P0 | Fix | OPS-1 | done |\n| P1 | Page | | done\n",
		},
		{
			name:   "no column: added, rows not edited get an empty cell",
			table:  "## Action Items\n\n| Priority | Action | Ticket |\n| --- | :-- | --- |\n| P0 | Fix \\| cap | OPS-1 |\n| P1 | Page | OPS-2 |\n",
			edits:  []StatusEdit{{Row: 1, Status: "done"}},
			header: "Status",
			want:   "## Action Items\n\n| Priority | Action | Ticket | Status |\n| --- | :-- | --- | --- |\n| P0 | Fix \\| cap | OPS-1 |  |\n| P1 | Page | OPS-2 | done |\n",
		},
		{
			name:   "no column, a row ending in an empty cell past the header's",
			table:  "## Action Items\n\n| Priority | Action | Ticket |\n| --- | --- | --- |\n| P0 | Fix | OPS-1 | |\n| P1 | Page | OPS-2 |\n",
			edits:  []StatusEdit{{Row: 0, Status: "done"}},
			header: "Status",
			want:   "## Action Items\n\n| Priority | Action | Ticket | Status |\n| --- | --- | --- | --- |\n| P0 | Fix | OPS-1 | done |\n| P1 | Page | OPS-2 |  |\n",
		},
		{
			name:   "no column, no outer pipes",
			table:  "## Action Items\n\nPriority | Action | Ticket\n---|---|---\nP0 | Fix | OPS-1\n",
			edits:  []StatusEdit{{Row: 0, Status: "done"}},
			header: "Status",
			want:   "## Action Items\n\nPriority | Action | Ticket | Status\n---|---|---|---\nP0 | Fix | OPS-1 | done\n",
		},
		{
			name:   "Japanese table, no column",
			table:  "## アクションアイテム\n\n| 優先度 | アクション | チケット |\n| --- | --- | --- |\n| P0 | 冪等キーで防ぐ | ORD-513 |\n",
			edits:  []StatusEdit{{Row: 0, Status: "完了"}},
			header: "ステータス",
			want:   "## アクションアイテム\n\n| 優先度 | アクション | チケット | ステータス |\n| --- | --- | --- | --- |\n| P0 | 冪等キーで防ぐ | ORD-513 | 完了 |\n",
		},
		{
			name:  "Japanese table, existing column",
			table: "## アクションアイテム\n\n| 優先度 | アクション | チケット | 状態 |\n| --- | --- | --- | --- |\n| P0 | 冪等キーで防ぐ | ORD-513 | 未完了 |\n",
			edits: []StatusEdit{{Row: 0, Status: "対応しない"}},
			want:  "## アクションアイテム\n\n| 優先度 | アクション | チケット | 状態 |\n| --- | --- | --- | --- |\n| P0 | 冪等キーで防ぐ | ORD-513 | 対応しない |\n",
		},
		{
			name: "two tables: rows counted across them, a column added only where a row is edited",
			table: "## Action Items\n\n### Short term\n\n| Priority | Action | Ticket |\n| --- | --- | --- |\n| P0 | Fix | OPS-1 |\n\n" +
				"### Long term\n\n| Priority | Action | Ticket |\n| --- | --- | --- |\n| P1 | Page | OPS-2 |\n| P1 | Doc | OPS-3 |\n\n" +
				"| Metric | Value |\n| --- | --- |\n| p99 | 2 s |\n",
			edits:  []StatusEdit{{Row: 2, Status: "done"}},
			header: "Status",
			want: "## Action Items\n\n### Short term\n\n| Priority | Action | Ticket |\n| --- | --- | --- |\n| P0 | Fix | OPS-1 |\n\n" +
				"### Long term\n\n| Priority | Action | Ticket | Status |\n| --- | --- | --- | --- |\n| P1 | Page | OPS-2 |  |\n| P1 | Doc | OPS-3 | done |\n\n" +
				"| Metric | Value |\n| --- | --- |\n| p99 | 2 s |\n",
		},
		{
			name:   "in a block quote",
			table:  "## Action Items\n\n> | Action | Ticket |\n> |---|---|\n> | a | OPS-1 |\n> | b | OPS-2 |\n",
			edits:  []StatusEdit{{Row: 0, Status: "done"}},
			header: "Status",
			want:   "## Action Items\n\n> | Action | Ticket | Status |\n> |---|---|---|\n> | a | OPS-1 | done |\n> | b | OPS-2 |  |\n",
		},
		{
			name:   "in a list item",
			table:  "## Action Items\n\n- Short term:\n\n  | Action | Ticket |\n  |---|---|\n  | a | OPS-1 |\n",
			edits:  []StatusEdit{{Row: 0, Status: "done"}},
			header: "Status",
			want:   "## Action Items\n\n- Short term:\n\n  | Action | Ticket | Status |\n  |---|---|---|\n  | a | OPS-1 | done |\n",
		},
		{
			name: "two tables, both edited, one with a column",
			table: "## Action Items\n\n| Priority | Action | Ticket | Status |\n| --- | --- | --- | --- |\n| P0 | Fix | OPS-1 | open |\n\n" +
				"| Priority | Action | Ticket |\n| --- | --- | --- |\n| P1 | Page | OPS-2 |\n",
			edits:  []StatusEdit{{Row: 0, Status: "done"}, {Row: 1, Status: "won't do"}},
			header: "Status",
			want: "## Action Items\n\n| Priority | Action | Ticket | Status |\n| --- | --- | --- | --- |\n| P0 | Fix | OPS-1 | done |\n\n" +
				"| Priority | Action | Ticket | Status |\n| --- | --- | --- | --- |\n| P1 | Page | OPS-2 | won't do |\n",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := tableFront + c.table
			got, err := SetActionStatuses("x.md", []byte(src), c.edits, c.header)
			if err != nil {
				t.Fatal(err)
			}
			if want := tableFront + c.want; string(got) != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
			// CRLF: the same edit, the same result with CRLF line ends
			crlf := strings.ReplaceAll(src, "\n", "\r\n")
			got, err = SetActionStatuses("x.md", []byte(crlf), c.edits, c.header)
			if err != nil {
				t.Fatal(err)
			}
			if want := strings.ReplaceAll(tableFront+c.want, "\n", "\r\n"); string(got) != want {
				t.Errorf("CRLF: got\n%q\nwant\n%q", got, want)
			}
			// a BOM before the front matter stays, and moves nothing
			got, err = SetActionStatuses("x.md", []byte("\ufeff"+crlf), c.edits, c.header)
			if err != nil {
				t.Fatal(err)
			}
			if want := "\ufeff" + strings.ReplaceAll(tableFront+c.want, "\n", "\r\n"); string(got) != want {
				t.Errorf("BOM and CRLF: got\n%q\nwant\n%q", got, want)
			}
		})
	}
}

func TestSetActionStatusesRefuses(t *testing.T) {
	cases := []struct {
		name, table string
		edits       []StatusEdit
		want        string
	}{
		{"no table", "## Action Items\n\nNone.\n", []StatusEdit{{Row: 0, Status: "done"}}, "no Action Items table"},
		{"no such row", "## Action Items\n\n| Action | Status |\n|---|---|\n| a | |\n", []StatusEdit{{Row: 1, Status: "done"}}, "no row 2"},
		{"pipe in the text", "## Action Items\n\n| Action | Status |\n|---|---|\n| a | |\n", []StatusEdit{{Row: 0, Status: "a|b"}}, "pipe"},
		{"extra cells", "## Action Items\n\n| Action | Ticket |\n|---|---|\n| a | OPS-1 | note |\n", []StatusEdit{{Row: 0, Status: "done"}}, "more cells than the header"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := SetActionStatuses("x.md", []byte(tableFront+c.table), c.edits, "Status")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one saying %q", err, c.want)
			}
		})
	}
}

func TestSetActionStatusesNothingToDo(t *testing.T) {
	src := []byte(tableFront + "## Action Items\n\n| Action | Ticket |\n|---|---|\n| a | OPS-1 |\n")
	got, err := SetActionStatuses("x.md", src, nil, "Status")
	if err != nil || string(got) != string(src) {
		t.Errorf("got %q, %v", got, err)
	}
}

// FuzzSetActionStatuses checks that setting Status cells never panics and, when it succeeds, leaves
// the table reading as asked (SetActionStatuses checks the rest itself).
func FuzzSetActionStatuses(f *testing.F) {
	f.Add("| Action | Ticket |\n|---|---|\n| a | OPS-1 |\n", true)
	f.Add("| Action | Status |\n| --- | --- |\n| a \\| b | |\n| c\n", false)
	f.Add("Action | Ticket\n--|--\na|b|c\n\\|\n", true)
	f.Fuzz(func(t *testing.T, table string, crlf bool) {
		src := tableFront + "## Action Items\n\n" + table
		if crlf {
			src = strings.ReplaceAll(src, "\n", "\r\n")
		}
		at := Parse("x.md", []byte(src), nil).Content().Actions()
		if at == nil {
			return
		}
		var edits []StatusEdit
		for i := range at.Rows {
			edits = append(edits, StatusEdit{Row: i, Status: "done"})
		}
		out, err := SetActionStatuses("x.md", []byte(src), edits, "Status")
		if err != nil || len(edits) == 0 {
			return
		}
		for i, r := range Parse("x.md", out, nil).Content().Actions().Rows {
			if r.Status.Text != "done" {
				t.Fatalf("row %d: Status %q", i, r.Status.Text)
			}
		}
	})
}

func TestSetActionStatusesMixedLineEnds(t *testing.T) {
	// an editor saved the table with CRLF, the rest has LF: each line keeps its own end
	src := tableFront + "## Action Items\r\n\r\n| Action | Ticket |\r\n|---|---|\n| a | OPS-1 |\r\n| b | OPS-2 |\n"
	got, err := SetActionStatuses("x.md", []byte(src), []StatusEdit{{Row: 1, Status: "done"}}, "Status")
	if err != nil {
		t.Fatal(err)
	}
	want := tableFront + "## Action Items\r\n\r\n| Action | Ticket | Status |\r\n|---|---|---|\n| a | OPS-1 |  |\r\n| b | OPS-2 | done |\n"
	if string(got) != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}
