package severity

import "testing"

func TestParse(t *testing.T) {
	for in, want := range map[string]string{
		"1": "SEV-1", "SEV-1": "SEV-1", "sev1": "SEV-1", "Sev 2": "SEV-2", "sev_3": "SEV-3",
		" SEV-5 ": "SEV-5", "sEv-4": "SEV-4",
		"１": "SEV-1", "ＳＥＶ－２": "SEV-2", // typed full width

	} {
		if got, err := Parse(in); err != nil || got != want {
			t.Errorf("Parse(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "6", "SEV-0", "SEV-12", "-1", "SEV--1", "SEV", "one", "SEV-1x", "０", "１２"} {
		if got, err := Parse(in); err == nil {
			t.Errorf("Parse(%q) = %q, want an error", in, got)
		}
	}
}

func TestLevel(t *testing.T) {
	for in, want := range map[string]int{"SEV-1": 1, "SEV-5": 5, "SEV-6": 0, "sev-1": 0, "1": 0, "": 0, "SEV-10": 0} {
		if got := Level(in); got != want {
			t.Errorf("Level(%q) = %d, want %d", in, got, want)
		}
	}
}
