package lint

import (
	"strings"

	"github.com/pm-tools/pm/pkg/postmortem"
)

var callRecordingRule = Rule{
	ID: "call-recording",
	Help: "The recording of the incident call is the best source for the timeline and for the review. " +
		"Set call_recording: in the front matter to its URL.",
	Default: DefaultWarning,
	Check: func(c *Context) {
		// a call_recording that is not a single value is front-matter's finding: do not report the line twice
		if c.Status().AtLeast(postmortem.StatusInReview) && strings.TrimSpace(c.Doc.Fields.CallRecording) == "" &&
			!hasBadValue(c, "call_recording") {
			c.ReportKey("call_recording", LevelWarning, "recording.none")
		}
	},
}
