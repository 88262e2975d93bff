package present

// SpreadsheetText is s made safe for a CSV cell a spreadsheet will open: a text that starts with
// =, +, -, @, a tab or a carriage return is read by Excel, LibreOffice and Google Sheets as a
// formula (=HYPERLINK(…) in a postmortem's title runs when the file is opened), so it gets a
// leading apostrophe, which those programs take as "text" and do not show. Every other text is
// returned as it is. For text from documents only: a number pm computes (a negative count of days)
// is written as the number it is.
func SpreadsheetText(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
