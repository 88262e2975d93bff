package meeting

import "testing"

// An --attendee is read as git reads an identity: the name is what comes before the brackets.
func TestParsePerson(t *testing.T) {
	for in, want := range map[string]person{
		"Ken Mori <ken@example.com>":     {Name: "Ken Mori", Email: "ken@example.com"},
		`"Mori, Ken" <ken@example.com>`:  {Name: "Mori, Ken", Email: "ken@example.com"},
		"Mori, Ken <ken@example.com>":    {Name: "Mori, Ken", Email: "ken@example.com"},
		"O'Brien (SRE) <ob@example.com>": {Name: "O'Brien (SRE)", Email: "ob@example.com"},
		"森 健; 決済 <ken@example.com>":      {Name: "森 健; 決済", Email: "ken@example.com"},
		"ken@example.com":                {Email: "ken@example.com"},
		"Ken Mori":                       {Name: "Ken Mori"},
	} {
		got, err := parsePerson(in)
		if err != nil || got.Name != want.Name || got.Email != want.Email {
			t.Errorf("parsePerson(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for _, in := range []string{"Ken <ken@", "Ken <not an address>", "Ken <a@b> <c@d>", "Ken <Other <a@example.com>>", "a@"} {
		if got, err := parsePerson(in); err == nil {
			t.Errorf("parsePerson(%q) = %+v, want an error", in, got)
		}
	}
}
