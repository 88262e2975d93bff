package postmortem

import (
	"bytes"
	"fmt"
	"text/template"
)

// TemplateData fills a postmortem template.
type TemplateData struct {
	Title             string
	Severity          string
	Owner             string
	IncidentCommander string
	IncidentDate      string // YYYY-MM-DD
	Created           string // RFC 3339
	Deadline          string // YYYY-MM-DD, "" when the severity has none
}

// Render executes a postmortem template (text/template with a yaml function that quotes values for
// the front matter) and checks that the result parses as a postmortem.
func Render(name string, tmpl []byte, data TemplateData) ([]byte, error) {
	t, err := template.New(name).Option("missingkey=error").Funcs(template.FuncMap{"yaml": Quote}).Parse(string(tmpl))
	if err != nil {
		return nil, fmt.Errorf("template %s: %w", name, err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return nil, fmt.Errorf("template %s: %w", name, err)
	}
	d := Parse(name, b.Bytes(), nil)
	if d.Root == nil {
		msg := "no front matter"
		if len(d.Problems) > 0 {
			msg = d.Problems[0].Message
		}
		return nil, fmt.Errorf("template %s renders a broken postmortem: %s", name, msg)
	}
	return b.Bytes(), nil
}
