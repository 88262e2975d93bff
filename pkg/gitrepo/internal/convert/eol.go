package convert

import (
	"bytes"
	"fmt"
)

// textStats counts what git's gather_stats counts: line endings, NULs and a rough
// printable/non-printable split.
type textStats struct {
	nul, loneCR, loneLF, crlf int
	printable, nonPrintable   int
}

func gatherStats(buf []byte) textStats {
	var s textStats
	for i := 0; i < len(buf); i++ {
		c := buf[i]
		switch {
		case c == '\r':
			if i+1 < len(buf) && buf[i+1] == '\n' {
				s.crlf++
				i++
			} else {
				s.loneCR++
			}
		case c == '\n':
			s.loneLF++
		case c == 127:
			s.nonPrintable++
		case c < 32:
			switch c {
			case '\b', '\t', '\033', '\014':
				s.printable++
			case 0:
				s.nul++
				s.nonPrintable++
			default:
				s.nonPrintable++
			}
		default:
			s.printable++
		}
	}
	// A DOS end-of-file mark (^Z) as the last byte does not make a file binary.
	if len(buf) > 0 && buf[len(buf)-1] == '\032' {
		s.nonPrintable--
	}
	return s
}

// isBinary is git's convert_is_binary: a lone CR, a NUL, or more than one
// non-printable byte per 128 printable ones.
func (s *textStats) isBinary() bool {
	return s.loneCR > 0 || s.nul > 0 || s.printable>>7 < s.nonPrintable
}

// crlfAction is what git decides to do with line endings for one path
// (convert.h's enum convert_crlf_action, once resolved against the config).
type crlfAction uint8

const (
	crlfUndefined crlfAction = iota
	crlfBinary
	crlfText
	crlfTextInput
	crlfTextCRLF
	crlfAuto
	crlfAutoInput
	crlfAutoCRLF
)

func (a crlfAction) isAuto() bool { return a == crlfAuto || a == crlfAutoInput || a == crlfAutoCRLF }

// crlfFromValue reads the text attribute (or the legacy crlf one).
func crlfFromValue(v Value) crlfAction {
	switch v.State {
	case Set:
		return crlfText
	case Unset:
		return crlfBinary
	case Valued:
		switch v.Text {
		case "input":
			return crlfTextInput
		case "auto":
			return crlfAuto
		}
	}
	return crlfUndefined
}

// resolveCRLF combines the text, crlf and eol attributes with core.autocrlf and
// core.eol the way git's convert_attrs does.
func resolveCRLF(attrs *Attributes, cfg *Config) crlfAction {
	action := crlfFromValue(attrs.Get("text"))
	if action == crlfUndefined {
		action = crlfFromValue(attrs.Get("crlf"))
	}
	if action != crlfBinary {
		eol := attrs.Get("eol")
		isLF := eol.State == Valued && eol.Text == "lf"
		isCRLF := eol.State == Valued && eol.Text == "crlf"
		switch {
		case action == crlfAuto && isLF:
			action = crlfAutoInput
		case action == crlfAuto && isCRLF:
			action = crlfAutoCRLF
		case isLF:
			action = crlfTextInput
		case isCRLF:
			action = crlfTextCRLF
		}
	}
	if action == crlfText {
		if cfg.textEOLIsCRLF() {
			action = crlfTextCRLF
		} else {
			action = crlfTextInput
		}
	}
	if action == crlfUndefined {
		switch cfg.AutoCRLF {
		case AutoCRLFTrue:
			action = crlfAutoCRLF
		case AutoCRLFInput:
			action = crlfAutoInput
		default:
			action = crlfBinary
		}
	}
	return action
}

func (cfg *Config) textEOLIsCRLF() bool {
	switch cfg.AutoCRLF {
	case AutoCRLFTrue:
		return true
	case AutoCRLFInput:
		return false
	}
	return cfg.EOL == EOLCRLF || ((cfg.EOL == EOLUnset || cfg.EOL == EOLNative) && nativeCRLF)
}

// checkoutWritesCRLF is git's output_eol(action) == EOL_CRLF: whether checkout
// writes CRLF for this action.
func (cfg *Config) checkoutWritesCRLF(a crlfAction) bool {
	switch a {
	case crlfBinary, crlfTextInput, crlfAutoInput:
		return false
	case crlfTextCRLF, crlfUndefined, crlfAutoCRLF:
		return true
	}
	return cfg.textEOLIsCRLF()
}

func (cfg *Config) willConvertLFToCRLF(s *textStats, a crlfAction) bool {
	if !cfg.checkoutWritesCRLF(a) || s.loneLF == 0 {
		return false
	}
	if a.isAuto() && (s.loneCR > 0 || s.crlf > 0 || s.isBinary()) {
		return false
	}
	return true
}

// hasCRLFInIndex is git's has_crlf_in_index: the index holds a text blob with
// CRLF in it, which makes text=auto leave the file's CRLFs alone.
func hasCRLFInIndex(path string, indexBlob IndexBlobFunc) (bool, error) {
	if indexBlob == nil {
		return false, nil
	}
	data, ok, err := indexBlob(path)
	if err != nil {
		return false, fmt.Errorf("read %s from the index: %w", path, err)
	}
	if !ok || bytes.IndexByte(data, '\r') < 0 {
		return false, nil
	}
	s := gatherStats(data)
	return !s.isBinary() && s.crlf > 0, nil
}

// crlfToGit turns CRLF into LF as git's crlf_to_git does, and reports what
// core.safecrlf says about the round trip. It returns src itself when nothing
// changes.
func (cfg *Config) crlfToGit(path string, src []byte, action crlfAction, indexBlob IndexBlobFunc) (out []byte, warnings []string, err error) {
	if action == crlfBinary || len(src) == 0 {
		return src, nil, nil
	}
	s := gatherStats(src)
	convert := s.crlf > 0
	if action.isAuto() {
		if s.isBinary() {
			return src, nil, nil
		}
		// The index check only matters when there is a CRLF to keep.
		if convert {
			inIndex, err := hasCRLFInIndex(path, indexBlob)
			if err != nil {
				return nil, nil, err
			}
			if inIndex {
				convert = false
			}
		}
	}
	if cfg.SafeCRLF != SafeCRLFFalse {
		after := s
		if convert { // what git add stores
			after.loneLF += after.crlf
			after.crlf = 0
		}
		if cfg.willConvertLFToCRLF(&after, action) { // what checkout then writes
			after.crlf += after.loneLF
			after.loneLF = 0
		}
		die := cfg.SafeCRLF == SafeCRLFTrue
		switch {
		case s.crlf > 0 && after.crlf == 0:
			if die {
				return nil, nil, fmt.Errorf("CRLF would be replaced by LF in %s", path)
			}
			warnings = append(warnings, fmt.Sprintf("in the working copy of '%s', CRLF will be replaced by LF the next time Git touches it", path))
		case s.loneLF > 0 && after.loneLF == 0:
			if die {
				return nil, nil, fmt.Errorf("LF would be replaced by CRLF in %s", path)
			}
			warnings = append(warnings, fmt.Sprintf("in the working copy of '%s', LF will be replaced by CRLF the next time Git touches it", path))
		}
	}
	if !convert {
		return src, warnings, nil
	}
	out = make([]byte, 0, len(src)-s.crlf)
	if action.isAuto() {
		// Not binary, so there is no lone CR: every CR is half of a CRLF.
		for _, c := range src {
			if c != '\r' {
				out = append(out, c)
			}
		}
	} else {
		for i, c := range src {
			if c == '\r' && i+1 < len(src) && src[i+1] == '\n' {
				continue
			}
			out = append(out, c)
		}
	}
	return out, warnings, nil
}

// countIdent counts "$Id$" and "$Id: ... $" keywords as git's count_ident does.
func countIdent(b []byte) int {
	n := 0
	for i := 0; i < len(b); {
		c := b[i]
		i++
		if c != '$' {
			continue
		}
		if len(b)-i < 3 {
			break
		}
		if b[i] != 'I' || b[i+1] != 'd' {
			continue
		}
		c = b[i+2]
		i += 3
		if c == '$' {
			n++
		}
		if c != ':' {
			continue
		}
		for i < len(b) {
			c = b[i]
			i++
			if c == '$' {
				n++
				break
			}
			if c == '\n' {
				break
			}
		}
	}
	return n
}

// identToGit collapses each "$Id: anything $" (on one line) back to "$Id$", as
// git's ident_to_git does. It returns src itself when there is no keyword.
func identToGit(src []byte) []byte {
	if countIdent(src) == 0 {
		return src
	}
	out := make([]byte, 0, len(src))
	for {
		d := bytes.IndexByte(src, '$')
		if d < 0 {
			break
		}
		out = append(out, src[:d+1]...)
		src = src[d+1:]
		if len(src) > 3 && bytes.HasPrefix(src, []byte("Id:")) {
			e := bytes.IndexByte(src[3:], '$')
			if e < 0 {
				break
			}
			if bytes.IndexByte(src[3:3+e], '\n') >= 0 {
				continue // the keyword would span lines: leave it
			}
			out = append(out, "Id$"...)
			src = src[3+e+1:]
		}
	}
	return append(out, src...)
}
