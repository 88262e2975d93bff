package convert

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/korean"

	"github.com/pm-tools/pm/pkg/internal/lazy"
)

// git converts working-tree-encoding with iconv, and on Linux that is glibc's. We
// convert only the encodings whose every byte sequence we decode exactly as glibc
// does (checked byte by byte against iconv in the tests); for any other name,
// including ones glibc knows but maps differently from golang.org/x/text
// (SHIFT-JIS, EUC-JP, GBK, GB18030, BIG5) or that glibc recomposes (CP1255,
// CP1258 turn a letter and a combining mark into one character), ToGit refuses
// the file rather than store bytes git would not.

// sameUTFEncoding is git's same_utf_encoding: both names start with "UTF" (any
// case), and after an optional '-' the rest is equal without regard to case.
func sameUTFEncoding(a, b string) bool {
	ra, oka := cutPrefixFold(a, "utf")
	rb, okb := cutPrefixFold(b, "utf")
	if !oka || !okb {
		return false
	}
	ra = strings.TrimPrefix(ra, "-")
	rb = strings.TrimPrefix(rb, "-")
	return strings.EqualFold(ra, rb)
}

// sameEncoding is git's same_encoding.
func sameEncoding(a, b string) bool {
	return sameUTFEncoding(a, b) || strings.EqualFold(a, b)
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

var (
	bomUTF16BE = []byte{0xfe, 0xff}
	bomUTF16LE = []byte{0xff, 0xfe}
	bomUTF32BE = []byte{0, 0, 0xfe, 0xff}
	bomUTF32LE = []byte{0xff, 0xfe, 0, 0}
)

// validateEncoding applies git's BOM rules: UTF-16BE/LE and UTF-32BE/LE content
// must not start with a BOM, UTF-16 and UTF-32 content must.
func validateEncoding(path, enc string, data []byte) error {
	rest, ok := cutPrefixFold(enc, "UTF")
	if !ok {
		return nil
	}
	rest = strings.TrimPrefix(rest, "-")
	has := func(boms ...[]byte) bool {
		for _, b := range boms {
			if bytes.HasPrefix(data, b) {
				return true
			}
		}
		return false
	}
	switch {
	case (sameUTFEncoding("UTF-16BE", enc) || sameUTFEncoding("UTF-16LE", enc)) && has(bomUTF16BE, bomUTF16LE),
		(sameUTFEncoding("UTF-32BE", enc) || sameUTFEncoding("UTF-32LE", enc)) && has(bomUTF32BE, bomUTF32LE):
		return fmt.Errorf("BOM is prohibited in '%s' if encoded as %s (use UTF-%s as working-tree-encoding)", path, enc, rest[:len(rest)-2])
	case sameUTFEncoding(enc, "UTF-16") && !has(bomUTF16BE, bomUTF16LE),
		sameUTFEncoding(enc, "UTF-32") && !has(bomUTF32BE, bomUTF32LE):
		return fmt.Errorf("BOM is required in '%s' if encoded as %s (use UTF-%sBE or UTF-%sLE as working-tree-encoding, depending on the byte order)", path, enc, rest, rest)
	}
	return nil
}

// checkRoundtrip is git's check_roundtrip: whether enc is named in list, a comma
// or space separated core.checkRoundtripEncoding, without regard to case.
func checkRoundtrip(list, enc string) bool {
	if enc == "" {
		return false
	}
	i := strings.Index(strings.ToLower(list), strings.ToLower(enc))
	if i < 0 {
		return false
	}
	isSep := func(c byte) bool { return c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r' }
	next := i + len(enc)
	return (i == 0 || isSep(list[i-1])) && (next == len(list) || isSep(list[next]))
}

// decoder turns content in one encoding into UTF-8; ok is false where glibc's
// iconv would fail.
type decoder interface {
	decode(src []byte) (out []byte, ok bool)
	encode(utf []byte) (out []byte, ok bool)
}

// encodeToGit converts data from working-tree-encoding enc to UTF-8 as git's
// encode_to_git does when it writes an object; every failure is an error.
func encodeToGit(path string, data []byte, enc, roundtripList string) ([]byte, error) {
	if err := validateEncoding(path, enc, data); err != nil {
		return nil, err
	}
	dec, known := lookupDecoder(enc)
	if !known {
		return nil, fmt.Errorf("%s: working-tree-encoding %s is not one pm can convert exactly as git does; refusing the file", path, enc)
	}
	out, ok := dec.decode(data)
	if !ok {
		return nil, fmt.Errorf("failed to encode '%s' from %s to UTF-8", path, enc)
	}
	if checkRoundtrip(roundtripList, enc) {
		back, ok := dec.encode(out)
		if !ok || !bytes.Equal(back, data) {
			return nil, fmt.Errorf("encoding '%s' from %s to UTF-8 and back is not the same", path, enc)
		}
	}
	return out, nil
}

// utfDecoder decodes UTF-16 and UTF-32 strictly: no lone surrogates, nothing past
// U+10FFFF, no odd trailing bytes. With bomOrder the first unit may be a BOM that
// picks the byte order and is dropped; without a BOM glibc reads host byte order,
// little-endian on the machines git runs pm on.
type utfDecoder struct {
	width     int // 2 or 4
	bigEndian bool
	bomOrder  bool
}

func (d utfDecoder) unit(b []byte, be bool) uint32 {
	if d.width == 2 {
		if be {
			return uint32(b[0])<<8 | uint32(b[1])
		}
		return uint32(b[1])<<8 | uint32(b[0])
	}
	if be {
		return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	}
	return uint32(b[3])<<24 | uint32(b[2])<<16 | uint32(b[1])<<8 | uint32(b[0])
}

func (d utfDecoder) decode(src []byte) ([]byte, bool) {
	if len(src)%d.width != 0 {
		return nil, false
	}
	be := d.bigEndian
	withBOM := false
	if d.bomOrder && len(src) >= d.width {
		switch {
		case d.unit(src, true) == 0xfeff:
			be, withBOM = true, true
		case d.unit(src, false) == 0xfeff:
			be, withBOM = false, true
		default:
			be = false
		}
		if withBOM {
			src = src[d.width:]
		}
	}
	out := make([]byte, 0, len(src))
	for i := 0; i < len(src); i += d.width {
		u := d.unit(src[i:], be)
		r := rune(u)
		switch {
		case d.width == 2 && u >= 0xd800 && u < 0xdc00:
			if i+2 >= len(src) {
				return nil, false
			}
			lo := d.unit(src[i+2:], be)
			if lo < 0xdc00 || lo > 0xdfff {
				return nil, false
			}
			r = rune((u-0xd800)<<10|(lo-0xdc00)) + 0x10000
			i += 2
		case u >= 0xd800 && u <= 0xdfff, u > 0x10ffff:
			return nil, false
		}
		out = utf8.AppendRune(out, r)
	}
	return out, true
}

func (d utfDecoder) encode(utf []byte) ([]byte, bool) {
	var out []byte
	put := func(u uint32) {
		if d.width == 2 {
			if d.bigEndian {
				out = append(out, byte(u>>8), byte(u))
			} else {
				out = append(out, byte(u), byte(u>>8))
			}
			return
		}
		if d.bigEndian {
			out = append(out, byte(u>>24), byte(u>>16), byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8), byte(u>>16), byte(u>>24))
		}
	}
	if d.bomOrder {
		put(0xfeff)
	}
	for len(utf) > 0 {
		r, n := utf8.DecodeRune(utf)
		if r == utf8.RuneError && n <= 1 {
			return nil, false
		}
		utf = utf[n:]
		if d.width == 2 && r >= 0x10000 {
			r -= 0x10000
			put(uint32(0xd800 + r>>10))
			put(uint32(0xdc00 + r&0x3ff))
			continue
		}
		put(uint32(r))
	}
	return out, true
}

// byteDecoder is a single-byte charset: each byte one rune, -1 where glibc has
// no character (iconv fails).
type byteDecoder struct {
	table [256]rune
	back  map[rune]byte
}

func (d *byteDecoder) decode(src []byte) ([]byte, bool) {
	out := make([]byte, 0, len(src)+len(src)/2)
	for _, b := range src {
		r := d.table[b]
		if r < 0 {
			return nil, false
		}
		out = utf8.AppendRune(out, r)
	}
	return out, true
}

func (d *byteDecoder) encode(utf []byte) ([]byte, bool) {
	out := make([]byte, 0, len(utf))
	for len(utf) > 0 {
		r, n := utf8.DecodeRune(utf)
		b, ok := d.back[r]
		if !ok || (r == utf8.RuneError && n <= 1) {
			return nil, false
		}
		out = append(out, b)
		utf = utf[n:]
	}
	return out, true
}

// textDecoder is a multi-byte charset from golang.org/x/text; a replacement
// character in the output means a sequence glibc rejects too (the charsets kept
// here have no byte sequence for U+FFFD).
type textDecoder struct{ enc encoding.Encoding }

func (d textDecoder) decode(src []byte) ([]byte, bool) {
	out, err := d.enc.NewDecoder().Bytes(src)
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
		return nil, false
	}
	return out, true
}

func (d textDecoder) encode(utf []byte) ([]byte, bool) {
	out, err := d.enc.NewEncoder().Bytes(utf)
	if err != nil {
		return nil, false
	}
	return out, true
}

// singleByte lists the charsets kept, with the bytes where glibc differs from
// golang.org/x/text (found by comparing every byte with iconv).
type singleByteSpec struct {
	cm        *charmap.Charmap
	c1        bool          // glibc maps 0x80-0x9f to the C1 controls U+0080-U+009F
	overrides map[byte]rune // -1 for a byte glibc leaves undefined
}

// singleByteSpecs and charsetAliases are built on first use: only a working-tree-encoding
// attribute needs them, and a map built in the package's init would cost every pm process.
var singleByteSpecs = lazy.Value[map[string]singleByteSpec]{New: func() map[string]singleByteSpec {
	return map[string]singleByteSpec{
		"ISO-8859-1":  {cm: charmap.ISO8859_1},
		"ISO-8859-2":  {cm: charmap.ISO8859_2, c1: true},
		"ISO-8859-3":  {cm: charmap.ISO8859_3, c1: true},
		"ISO-8859-4":  {cm: charmap.ISO8859_4, c1: true},
		"ISO-8859-5":  {cm: charmap.ISO8859_5, c1: true},
		"ISO-8859-6":  {cm: charmap.ISO8859_6, c1: true},
		"ISO-8859-7":  {cm: charmap.ISO8859_7, c1: true},
		"ISO-8859-8":  {cm: charmap.ISO8859_8, c1: true},
		"ISO-8859-9":  {cm: charmap.ISO8859_9},
		"ISO-8859-10": {cm: charmap.ISO8859_10, c1: true},
		"ISO-8859-13": {cm: charmap.ISO8859_13, c1: true},
		"ISO-8859-14": {cm: charmap.ISO8859_14, c1: true},
		"ISO-8859-15": {cm: charmap.ISO8859_15, c1: true},
		"ISO-8859-16": {cm: charmap.ISO8859_16, c1: true},
		"CP1250":      {cm: charmap.Windows1250},
		"CP1251":      {cm: charmap.Windows1251},
		"CP1252":      {cm: charmap.Windows1252},
		"CP1253":      {cm: charmap.Windows1253},
		"CP1254":      {cm: charmap.Windows1254},
		"CP1256":      {cm: charmap.Windows1256},
		"CP1257":      {cm: charmap.Windows1257},
		"CP874":       {cm: charmap.Windows874},
		"KOI8-R":      {cm: charmap.KOI8R},
		"KOI8-U":      {cm: charmap.KOI8U, overrides: map[byte]rune{0xae: 0x255d, 0xbe: 0x256c}},
		"CP437":       {cm: charmap.CodePage437},
		"CP850":       {cm: charmap.CodePage850},
		"CP852":       {cm: charmap.CodePage852},
		"CP855":       {cm: charmap.CodePage855},
		"CP858":       {cm: charmap.CodePage858},
		"CP860":       {cm: charmap.CodePage860},
		"CP862":       {cm: charmap.CodePage862},
		"CP863":       {cm: charmap.CodePage863},
		"CP865":       {cm: charmap.CodePage865},
		"CP866":       {cm: charmap.CodePage866},
		"MACINTOSH":   {cm: charmap.Macintosh, overrides: map[byte]rune{0xc6: 0x0394, 0xf0: 0xe01e}},
	}
}}

// charsetAliases maps the names (upper case) glibc's iconv accepts, plus git's
// own fallback "latin-1", to the canonical names above. Every alias here is
// checked against iconv in the tests.
var charsetAliases = lazy.Value[map[string]string]{New: func() map[string]string {
	m := map[string]string{
		"LATIN1": "ISO-8859-1", "LATIN-1": "ISO-8859-1", "L1": "ISO-8859-1", "CP819": "ISO-8859-1", "IBM819": "ISO-8859-1",
		"LATIN2": "ISO-8859-2", "L2": "ISO-8859-2", "LATIN3": "ISO-8859-3", "LATIN4": "ISO-8859-4",
		"LATIN5": "ISO-8859-9", "LATIN6": "ISO-8859-10", "LATIN7": "ISO-8859-13", "LATIN8": "ISO-8859-14",
		"LATIN9": "ISO-8859-15", "LATIN-9": "ISO-8859-15", "LATIN10": "ISO-8859-16",
		"MS-ANSI": "CP1252", "MS-EE": "CP1250", "MS-CYRL": "CP1251", "WINDOWS-874": "CP874",
		"KOI8R": "KOI8-R", "KOI8U": "KOI8-U", "MAC": "MACINTOSH", "CSMACINTOSH": "MACINTOSH",
		"CP949": "CP949", "UHC": "CP949", "ASCII": "ASCII", "US-ASCII": "ASCII", "ANSI_X3.4-1968": "ASCII",
	}
	for name := range singleByteSpecs.Get() {
		m[name] = name
		if n, ok := strings.CutPrefix(name, "ISO-8859-"); ok {
			m["ISO8859-"+n] = name
			if n != "13" { // glibc knows no ISO_8859-13
				m["ISO_8859-"+n] = name
			}
			m["ISO8859"+n] = name
		}
		if n, ok := strings.CutPrefix(name, "CP125"); ok {
			m["WINDOWS-125"+n] = name
		}
	}
	for _, n := range []string{"437", "850", "852", "855", "858", "860", "862", "863", "865", "866"} {
		m["IBM"+n] = "CP" + n
		m[n] = "CP" + n
	}
	return m
}}

var (
	decodersMu sync.Mutex
	decoders   map[string]decoder // made on first use, not in package init
)

// lookupDecoder finds the decoder for a working-tree-encoding name.
func lookupDecoder(enc string) (decoder, bool) {
	switch {
	case sameUTFEncoding("UTF-16LE-BOM", enc), sameUTFEncoding("UTF-16", enc):
		return utfDecoder{width: 2, bomOrder: true}, isUTFName(enc)
	case sameUTFEncoding("UTF-16LE", enc):
		return utfDecoder{width: 2}, isUTFName(enc)
	case sameUTFEncoding("UTF-16BE", enc):
		return utfDecoder{width: 2, bigEndian: true}, isUTFName(enc)
	case sameUTFEncoding("UTF-32", enc):
		return utfDecoder{width: 4, bomOrder: true}, isUTFName(enc)
	case sameUTFEncoding("UTF-32LE", enc):
		return utfDecoder{width: 4}, isUTFName(enc)
	case sameUTFEncoding("UTF-32BE", enc):
		return utfDecoder{width: 4, bigEndian: true}, isUTFName(enc)
	}
	canon, ok := charsetAliases.Get()[strings.ToUpper(enc)]
	if !ok {
		return nil, false
	}
	decodersMu.Lock()
	defer decodersMu.Unlock()
	if d := decoders[canon]; d != nil {
		return d, true
	}
	var d decoder
	switch canon {
	case "CP949":
		d = textDecoder{enc: korean.EUCKR}
	case "ASCII":
		bd := &byteDecoder{back: map[rune]byte{}}
		for i := range bd.table {
			bd.table[i] = -1
			if i < 0x80 {
				bd.table[i] = rune(i)
				bd.back[rune(i)] = byte(i)
			}
		}
		d = bd
	default:
		spec := singleByteSpecs.Get()[canon]
		bd := &byteDecoder{back: map[rune]byte{}}
		for i := range bd.table {
			r := spec.cm.DecodeByte(byte(i))
			switch {
			case spec.overrides[byte(i)] != 0:
				r = spec.overrides[byte(i)] // -1: a byte glibc leaves undefined
			case spec.c1 && i >= 0x80 && i < 0xa0:
				r = rune(i)
			case r == utf8.RuneError:
				r = -1
			}
			bd.table[i] = r
			if r >= 0 {
				bd.back[r] = byte(i)
			}
		}
		d = bd
	}
	if decoders == nil {
		decoders = map[string]decoder{}
	}
	decoders[canon] = d
	return d, true
}

// isUTFName reports whether glibc knows this spelling of a UTF-16/32 name: "UTF"
// and the rest, with or without the dash ("utf16le", "UTF-16LE"). git itself reads
// "UTF-16LE-BOM" as UTF-16.
func isUTFName(enc string) bool {
	rest, _ := cutPrefixFold(enc, "UTF")
	rest = strings.TrimPrefix(rest, "-")
	switch strings.ToUpper(rest) {
	case "16", "16LE", "16BE", "32", "32LE", "32BE", "16LE-BOM":
		return true
	}
	return false
}
