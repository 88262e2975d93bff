package present

import "strings"

// eighths are the block characters of a bar's last partial cell, one to seven eighths wide.
var eighths = []string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"}

// Bar draws value out of max as a bar of block characters at most width cells wide, to an eighth of
// a cell; a value above zero always shows at least an eighth. Bars of the same max and width compare
// by length, which is what a chart in a terminal needs.
func Bar(value, max float64, width int) string {
	if value <= 0 || max <= 0 || width <= 0 {
		return ""
	}
	if value > max {
		value = max
	}
	n := int(value / max * float64(width*8))
	if n == 0 {
		n = 1
	}
	return strings.Repeat("█", n/8) + eighths[n%8]
}
