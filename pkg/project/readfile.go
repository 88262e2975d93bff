package project

import (
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// ReadFile reads one postmortem file as Load does: a regular file no larger than MaxFileSize.
func ReadFile(path string) ([]byte, error) { return readWhole(path) }

// ReadText is ReadFile refusing, as the scans do, a file that is not text (a NUL byte): for the
// commands that skip such a file with a note (pm lint reports it instead).
func ReadText(path string) ([]byte, error) {
	data, err := readWhole(path)
	if err == nil && !postmortem.IsText(data) {
		return nil, readError(path, i18n.Err("lint.binary"))
	}
	return data, err
}
