package postmortem

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// The expressions labelLine stands for, as they ran on each line of the section.
var (
	icLabelPattern     = regexp.MustCompile(`(?im)^[ \t]*(?:[-*+][ \t]*)?(?:\*\*)?(?:incident commander|ic|インシデントコマンダー|インシデント・コマンダー)(?:\*\*)?[ \t]*[:：][ \t]*(?:\*\*)?[ \t]*(\S.*)?$`)
	scribeLabelPattern = regexp.MustCompile(`(?im)^[ \t]*(?:[-*+][ \t]*)?(?:\*\*)?(?:scribe|記録係|書記)(?:\*\*)?[ \t]*[:：][ \t]*(?:\*\*)?[ \t]*(\S.*)?$`)
)

func sameLabels(t *testing.T, line string) {
	t.Helper()
	if strings.Contains(line, "\n") {
		return // Responders passes one line at a time
	}
	for _, c := range []struct {
		labels [][]rune
		re     *regexp.Regexp
	}{{icLabels, icLabelPattern}, {scribeLabels, scribeLabelPattern}} {
		var got []string
		if name, ok := labelLine(line, c.labels); ok {
			got = []string{line, name}
		}
		if want := c.re.FindStringSubmatch(line); !reflect.DeepEqual(got, want) {
			t.Errorf("labelLine(%q, %q) = %q, the expression reads %q", line, string(c.labels[0]), got, want)
		}
	}
}

var labelSamples = []string{
	"Incident Commander: Aiko", "- IC: Ben", "* **IC:** Ben", "**IC:** Ben", "+ **Incident commander**: Ben",
	"IC:", "IC: ", "IC:\r", "IC: **", "IC: ***", "IC:**\r", "IC: ** x", "IC：Aiko", "インシデントコマンダー：佐藤",
	"インシデント・コマンダー: 佐藤", "Scribe: Chen", "ſcribe: Chen", "SCRIBE:", "記録係: 田中", "書記：", "- Scribe -",
	"\t-\t**scribe**\t:\t**\tx", "-IC: x", "-- IC: x", "** IC: x", "***IC: x", "IC :x", "ICE: x", "ic:x\f", "ic:\fx",
	"Incident  Commander: x", "incident commander ", "\xffIC: x", "IC: \xff", "- **IC**: ", "*IC*: x", "icic: x",
}

func TestLabelLineReadsAsTheExpressions(t *testing.T) {
	for _, s := range labelSamples {
		sameLabels(t, s)
	}
}

func FuzzLabelLine(f *testing.F) {
	for _, s := range labelSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) { sameLabels(t, line) })
}

func TestRespondersOtherWaysOfNaming(t *testing.T) {
	for _, c := range []struct {
		line       string
		ic, scribe bool
	}{
		{"- Ken Mori (Incident Commander)", true, false},
		{"- Ana Souza (Scribe)", false, true},
		{"- Incident Commander (IC): Ken", true, false},
		{"- Incident Commander - Ken", true, false},
		{"- Incident Commander: Ken, Scribe: Ana", true, true},
		{"- Incident Commanders: Ken, Jo", true, false},
		{"- Scribes: Ana", false, true},
		{"- 森（インシデントコマンダー）", true, false},
		{"- インシデントコマンダー（IC）：森", true, false},
		{"- 書記官：佐藤", false, true},
		{"- **Incident Commander** — Ken", true, false},
		// not a name for the role
		{"- topic: x", false, false},
		{"- Incident Commander:", false, false},
		{"- Incident Commander -", false, false},
		{"- (Incident Commander)", false, false},
		{"- The metrics: fine", false, false},
		{"- Incident Commanderslol: x", false, false},
		{"- Ken Mori - Incident Commander", true, false},
		{"1. Incident Commander: Ken", true, false},
		{"- IC: Na Li", true, false},
		{"- IC: Ken (also Scribe)", true, false},
		// an unfilled label, a sentence, a word for nobody
		{"- Incident Commander (IC):", false, false},
		{"- Incident Commander (IC)", false, false},
		{"- インシデントコマンダー（IC）：", false, false},
		{"- インシデントコマンダー（IC）", false, false},
		{"Escalation (Incident Commander) happened late; notes (Scribe) were not taken.", false, false},
		{"Lessons (Incident Commander): hand over earlier. Lessons (Scribe): write it down.", false, false},
		{"当初（インシデントコマンダー）が不在で、記録係は置かなかった。", false, false},
		{"We paged the Incident Commander - who was asleep - at 09:20. A Scribe - if any - was not named.", false, false},
		{"The Incident Commander: nobody was assigned. Scribe: nobody.", false, false},
		{"- Incident Commander - none assigned", false, false},
		{"- Scribe - n/a", false, false},
		{"- Incident Commander: none", false, false},
		{"- Scribe: N/A", false, false},
		{"- 記録係：なし", false, false},
		{"- Incident Commander: —", false, false},
		{"- Incident Commander: ー", false, false},
		{"- インシデントコマンダー：森　記録係：田中", true, true},
		{"インシデントコマンダー兼記録係: 森", true, true},
		{"インシデントコマンダー・記録係：森", true, true},
		{"- Incident Commander / Scribe: Ken Mori", true, true},
		{"- Incident Commander and Scribe: Ken Mori", true, true},
		{"- Scribe and Incident Commander: Ken Mori", true, true},
		{"- IC + Scribe: Ken Mori", true, true},
		{"- Incident Commander, Scribe: Ken Mori", true, true},
		{"インシデントコマンダーと記録係：森", true, true},
		{"記録係及びインシデントコマンダー: 森", true, true},
		{"We paged Ken and Incident Commander: Ana answered", false, false},
		{"- Ken Mori (Incident Commander and Scribe)", true, true},
		{"- Ken Mori (Incident Commander / Scribe)", true, true},
		{"- 森（インシデントコマンダー兼記録係）", true, true},
		{"- 森（インシデントコマンダーと記録係）", true, true},
		{"- Ken Mori - Incident Commander and Scribe", true, true},
		{"- Ken Mori (Incident Commander), Jo Park (Scribe)", true, true},
		{"- Incident Commander (IC) and Scribe: Ken", true, true},
		{"- インシデントコマンダー（IC）と記録係：森", true, true},
		{"- Incident Commander and Scribe - Ken", true, true},
		{"- Incident Commander and Scribe — Ken", true, true},
		{"- Incident Commander / Communications Lead: Ken", true, false},
		{"- Incident Commander / Scribe: none", false, false},
		{"- Ken Mori (Incident Commander and Scribe) was paged late, we think.", false, false},
		{"We asked the Incident Commander and Scribe to join.", false, false},
		{"- Incident Commander and Scribe: none", false, false},
		{"- インシデントコマンダー　森 健", true, false},
		{"記録係 ー 田中", false, true},
		{"- インシデントコマンダー: ?", false, false},
		{"- Incident Commander: N.A.", false, false},
		{"| Role | Name |\n| --- | --- |\n| Scribe | none |", false, false},
		{"| 役割 | 名前 |\n| --- | --- |\n| インシデントコマンダー | なし |", false, false},
		{"| 役割 | 名前 |\n| --- | --- |\n| 記録係 | ー |", false, false},
		{"| Name | Role |\n| --- | --- |\n| Ken Mori | Incident Commander |\n| Ana Souza | Scribe |", true, true},
	} {
		src := "---\ntitle: T\n---\n\n## Responders\n\n" + c.line + "\n"
		r := Parse("pm.md", []byte(src), nil).Content().Responders()
		if r.Section == nil || r.IncidentCommander != c.ic || r.Scribe != c.scribe {
			t.Errorf("%q: incident commander %v, scribe %v; want %v, %v", c.line, r.IncidentCommander, r.Scribe, c.ic, c.scribe)
		}
	}
	// An empty label does not take the next line's name.
	r := Parse("pm.md", []byte("---\ntitle: T\n---\n\n## Responders\n\nIncident Commander:\nScribe: Ana\n"), nil).Content().Responders()
	if r.IncidentCommander || !r.Scribe {
		t.Errorf("empty label: %+v", r)
	}
}
