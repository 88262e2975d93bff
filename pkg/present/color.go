package present

// NoColorEnv names the variable that turns colour off when set to anything but "" (https://no-color.org).
const NoColorEnv = "NO_COLOR"

// ColorEnabled reports whether output may be coloured: only to a terminal that is not TERM=dumb,
// never with --no-color (noColorFlag) or NO_COLOR set. getenv reads the environment.
func ColorEnabled(tty, noColorFlag bool, getenv func(string) string) bool {
	return tty && !noColorFlag && getenv(NoColorEnv) == "" && getenv("TERM") != "dumb"
}

// Style is what a piece of output means, which the scheme shows in a colour or an attribute.
type Style int

// The styles of pm's output.
const (
	Plain          Style = iota
	Overdue              // a date that has passed with the work not done: red
	Heading              // what a group of lines is about: bold
	StatusDraft          // yellow
	StatusInReview       // green
	StatusClosed         // dim; Reviewed has no colour of its own
)

// sgr is each style's Select Graphic Rendition sequence.
var sgr = [...]string{
	Plain:          "",
	Overdue:        "\x1b[31m",
	Heading:        "\x1b[1m",
	StatusDraft:    "\x1b[33m",
	StatusInReview: "\x1b[32m",
	StatusClosed:   "\x1b[2m",
}

const reset = "\x1b[0m"

// StatusStyle is the style of a postmortem status as written in front matter ("Draft", "In Review",
// "Reviewed", "Closed"); Plain for any other text.
func StatusStyle(status string) Style {
	switch status {
	case "Draft":
		return StatusDraft
	case "In Review":
		return StatusInReview
	case "Closed":
		return StatusClosed
	}
	return Plain
}

// Scheme paints text in styles when colour is on; its zero value paints nothing.
type Scheme struct{ on bool }

// NewScheme returns the scheme, colouring when color is true (see ColorEnabled).
func NewScheme(color bool) Scheme { return Scheme{on: color} }

// On reports whether the scheme colours.
func (s Scheme) On() bool { return s.on }

// Paint returns text in style st: wrapped in the style's sequence and a reset when colour is on and
// the style has one, else text as it is. text is painted as given: sanitise document text first.
func (s Scheme) Paint(st Style, text string) string {
	if !s.on || st <= Plain || int(st) >= len(sgr) {
		return text
	}
	return sgr[st] + text + reset
}
