// Package inflate inflates a zlib stream held whole in memory into a buffer whose size its caller
// knows: a git object, whose loose header or pack entry says how long it is.
//
// A general inflater (compress/flate, klauspost's) reads its input a byte at a time through an
// interface and writes through a 32 KB window it then copies out; here the input is a slice read
// eight bytes at a time, and the output is the object itself, so a match is one copy within it.
// That is what makes a large tree, such as a folder of 10,000 postmortems that pm lint --staged
// reads after every commit, inflate in less than half the time. It accepts what zlib, and so git,
// accepts: the same codes, the same limits, the Adler-32 checksum at the end.
package inflate

import (
	"encoding/binary"
	"errors"
	"math/bits"

	"github.com/pm-tools/pm/pkg/internal/lazy"
)

var (
	// ErrCorrupt reports data that is not a zlib stream or whose deflate data is malformed.
	ErrCorrupt = errors.New("malformed zlib data")
	// ErrTruncated reports a stream that ends before its last block, or before its checksum.
	ErrTruncated = errors.New("zlib data ends early")
	// ErrTooLong reports a stream that inflates to more than the buffer it is given.
	ErrTooLong = errors.New("inflated data longer than expected")
	// ErrTooShort reports a stream that inflates to less than the buffer Rest is given.
	ErrTooShort = errors.New("inflated data shorter than expected")
	// ErrChecksum reports inflated data whose Adler-32 checksum is not the stream's.
	ErrChecksum = errors.New("zlib checksum mismatch")
)

// Table sizes: the first table of the literal/length code is indexed by 10 bits and of the distance
// code by 8, with second-level tables after them for longer codes. The most any valid code needs
// (zlib's "enough" program: 1,334 and 402 entries) fits in the sizes below.
const (
	litBits   = 10
	distBits  = 8
	codeBits  = 7 // the code-length code's codes are at most 7 bits: one table
	litSize   = 2048
	distSize  = 512
	maxCodeLn = 15
)

// An entry of a decoding table is a uint32:
//
//	bits 0-3   the bits its code takes (in a second-level table: beyond the first table's)
//	bits 4-5   zero, so that a shift by the entry's low six bits is a shift by its length, one
//	           instruction on the path every code waits on
//	bits 6-9   its kind: a literal, a length, the end of the block, a second-level table
//	bits 10-13 extra bits after it (lengths, distances); for a second-level table, its index bits
//	bits 16-31 its value: the literal, the base length or distance, the table's offset
//
// An entry of no kind is an invalid code.
const (
	kindLit = 1 << 6
	kindLen = 1 << 7 // also a distance
	kindEnd = 1 << 8
	kindSub = 1 << 9
	xShift  = 10 // where the extra bits' count is
)

// base values and extra bits of the length symbols 257-285 and the distance symbols 0-29
var (
	lenBase   = [29]uint16{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	lenExtra  = [29]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	distBase  = [30]uint16{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}
	distExtra = [30]uint8{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}
	// the order in which a dynamic block lists the code lengths of the code-length code
	codeOrder = [19]uint8{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}
)

func litEntry(sym int) uint32 {
	switch {
	case sym < 256:
		return kindLit | uint32(sym)<<16
	case sym == 256:
		return kindEnd
	case sym < 286:
		return kindLen | uint32(lenExtra[sym-257])<<xShift | uint32(lenBase[sym-257])<<16
	}
	return 0 // 286 and 287 have codes in the fixed code but are invalid
}

func distEntry(sym int) uint32 {
	if sym < 30 {
		return kindLen | uint32(distExtra[sym])<<xShift | uint32(distBase[sym])<<16
	}
	return 0 // 30 and 31
}

func codeEntry(sym int) uint32 { return kindLit | uint32(sym)<<16 }

// states of a Decoder between calls
const (
	atBlock  = iota // a block header is next
	inCoded         // inside a block of Huffman codes
	inStored        // inside a stored block, stored bytes left
	atEnd           // the last block ended
)

// A Decoder inflates one zlib stream, in one call to Decode or in several that each give it a
// longer buffer (a loose object's header says how long the rest is). The zero value is not ready:
// use Reset.
type Decoder struct {
	src   []byte
	pos   int    // the next byte of src to load; past the end by the zero bytes loaded there
	bits  uint64 // loaded bits not yet used, the next one lowest
	nbits uint
	state int
	last  bool // the current block is the stream's last
	left  int  // bytes left of a stored block

	lit     *[litSize]uint32 // the current block's codes: the fixed ones, or litTab and distTab
	dist    *[distSize]uint32
	litTab  [litSize]uint32
	distTab [distSize]uint32
}

// Reset starts inflating the zlib stream that src begins with; what follows the stream is left
// alone (End says where the stream ends). It fails when src does not begin with a zlib header of
// the deflate method without a preset dictionary.
func (d *Decoder) Reset(src []byte) error {
	// the tables are left as they are: a block's are built before they are used
	d.src, d.pos, d.bits, d.nbits, d.state, d.last, d.left = src, 0, 0, 0, atBlock, false, 0
	d.lit, d.dist = nil, nil
	if len(src) < 2 {
		return ErrTruncated
	}
	cmf, flg := src[0], src[1]
	if cmf&0x0f != 8 || cmf>>4 > 7 || (uint(cmf)<<8|uint(flg))%31 != 0 || flg&0x20 != 0 {
		return ErrCorrupt
	}
	d.pos = 2
	return nil
}

// Decode goes on inflating into out, whose first n bytes are what earlier calls inflated, until
// the stream's last block ends (done) or out holds at least stop bytes. It inflates a whole code
// at a time, so it may pass stop by up to 258 bytes; out must have room for that, and an error
// ErrTooLong means the stream inflates to more than len(out). The stream's checksum is checked
// by End.
func (d *Decoder) Decode(out []byte, n, stop int) (int, bool, error) {
	for {
		var err error
		switch d.state {
		case atEnd:
			return n, true, nil
		case atBlock:
			if d.last {
				d.state = atEnd
				continue
			}
			err = d.blockHeader()
		case inStored:
			c := min(d.left, len(out)-n)
			if d.pos+c > len(d.src) {
				return n, false, ErrTruncated
			}
			copy(out[n:n+c], d.src[d.pos:])
			d.pos += c
			n += c
			d.left -= c
			if d.left == 0 {
				d.state = atBlock
			} else if n >= stop {
				return n, false, nil
			} else {
				return n, false, ErrTooLong
			}
		case inCoded:
			n, err = d.coded(out, n, stop)
			if err == nil && d.state == inCoded {
				return n, false, nil // stopped at stop
			}
		}
		if err != nil {
			return n, false, err
		}
	}
}

// Rest inflates the rest of the stream into out, whose first n bytes are inflated already, and
// checks its end: it must fill out exactly and end with its checksum. It returns how many bytes of
// src the stream took.
func (d *Decoder) Rest(out []byte, n int) (int, error) {
	n, _, err := d.Decode(out, n, len(out)+1) // stops only at the end: out never holds len(out)+1
	if err != nil {
		return 0, err
	}
	if n < len(out) {
		return 0, ErrTooShort
	}
	return d.End(adlerSum(1, out))
}

// End checks, once Decode is done, that the stream's checksum is sum, the Adler-32 checksum of
// everything the stream inflated to, and returns how many bytes of src the stream took.
func (d *Decoder) End(sum uint32) (int, error) {
	if d.state != atEnd {
		return 0, ErrTruncated
	}
	// give back the whole bytes loaded but not used: the checksum starts at the next byte boundary
	d.nbits -= d.nbits & 7
	d.pos -= int(d.nbits >> 3)
	d.bits, d.nbits = 0, 0
	if d.pos+4 > len(d.src) {
		return 0, ErrTruncated
	}
	if binary.BigEndian.Uint32(d.src[d.pos:]) != sum {
		return 0, ErrChecksum
	}
	return d.pos + 4, nil
}

// refill loads bytes into the bit buffer until it holds at least 56 bits. Past the end of src it
// loads zero bytes, which a well-formed stream never uses: End and the stored blocks, which read
// src by the byte, find out when it did; a stream that goes on decoding them is stopped here.
func (d *Decoder) refill() error {
	if d.pos+8 <= len(d.src) {
		d.bits |= binary.LittleEndian.Uint64(d.src[d.pos:]) << d.nbits
		d.pos += int(63-d.nbits) >> 3
		d.nbits |= 56
		return nil
	}
	for d.nbits <= 56 {
		if d.pos < len(d.src) {
			d.bits |= uint64(d.src[d.pos]) << d.nbits
		} else if d.pos >= len(d.src)+8 {
			return ErrTruncated
		}
		d.pos++
		d.nbits += 8
	}
	return nil
}

// take returns the next k bits (k ≤ 32), refilling first when needed.
func (d *Decoder) take(k uint) (uint32, error) {
	if d.nbits < k {
		if err := d.refill(); err != nil {
			return 0, err
		}
	}
	v := uint32(d.bits & (1<<k - 1))
	d.bits >>= k
	d.nbits -= k
	return v, nil
}

// blockHeader reads a block's header and, for a coded block, its codes.
func (d *Decoder) blockHeader() error {
	h, err := d.take(3)
	if err != nil {
		return err
	}
	d.last = h&1 != 0
	switch h >> 1 {
	case 0:
		return d.storedHeader()
	case 1:
		t := fixedCodes.Get()
		d.lit, d.dist = &t.lit, &t.dist
	case 2:
		if err := d.dynamic(); err != nil {
			return err
		}
	default:
		return ErrCorrupt
	}
	d.state = inCoded
	return nil
}

// storedHeader reads a stored block's length, after the bits to the next byte boundary, and its
// one's complement.
func (d *Decoder) storedHeader() error {
	d.bits >>= d.nbits & 7
	d.nbits -= d.nbits & 7
	d.pos -= int(d.nbits >> 3)
	d.bits, d.nbits = 0, 0
	if d.pos+4 > len(d.src) {
		return ErrTruncated
	}
	ln := binary.LittleEndian.Uint16(d.src[d.pos:])
	if ^ln != binary.LittleEndian.Uint16(d.src[d.pos+2:]) {
		return ErrCorrupt
	}
	d.pos += 4
	d.left = int(ln)
	d.state = inStored
	if d.left == 0 {
		d.state = atBlock
	}
	return nil
}

// dynamic reads a dynamic block's codes: the code-length code, then the lengths of the
// literal/length and distance codes in it.
func (d *Decoder) dynamic() error {
	h, err := d.take(14)
	if err != nil {
		return err
	}
	nlit, ndist, ncode := int(h&31)+257, int(h>>5&31)+1, int(h>>10)+4
	if nlit > 286 || ndist > 30 {
		return ErrCorrupt
	}
	var codeLens [19]uint8
	for i := 0; i < ncode; i++ {
		v, err := d.take(3)
		if err != nil {
			return err
		}
		codeLens[codeOrder[i]] = uint8(v)
	}
	var codeTab [1 << codeBits]uint32
	if !build(codeTab[:], codeLens[:], codeBits, codeEntry, false) {
		return ErrCorrupt
	}
	var lens [286 + 30]uint8
	for i := 0; i < nlit+ndist; {
		if d.nbits < 7+7 {
			if err := d.refill(); err != nil {
				return err
			}
		}
		e := codeTab[d.bits&(1<<codeBits-1)]
		if e&kindLit == 0 {
			return ErrCorrupt
		}
		d.bits >>= e & 63
		d.nbits -= uint(e & 15)
		sym := int(e >> 16)
		if sym < 16 {
			lens[i] = uint8(sym)
			i++
			continue
		}
		var rep int
		var v uint8
		switch sym {
		case 16: // the previous length, 3-6 times
			if i == 0 {
				return ErrCorrupt
			}
			v = lens[i-1]
			rep = 3 + int(d.bits&3)
			d.bits >>= 2
			d.nbits -= 2
		case 17: // zeros, 3-10 times
			rep = 3 + int(d.bits&7)
			d.bits >>= 3
			d.nbits -= 3
		default: // zeros, 11-138 times
			rep = 11 + int(d.bits&127)
			d.bits >>= 7
			d.nbits -= 7
		}
		if i+rep > nlit+ndist {
			return ErrCorrupt
		}
		for ; rep > 0; rep-- {
			lens[i] = v
			i++
		}
	}
	if lens[256] == 0 { // no end of block: the block could never end
		return ErrCorrupt
	}
	if !build(d.litTab[:], lens[:nlit], litBits, litEntry, true) ||
		!build(d.distTab[:], lens[nlit:nlit+ndist], distBits, distEntry, true) {
		return ErrCorrupt
	}
	d.lit, d.dist = &d.litTab, &d.distTab
	return nil
}

// coded inflates a coded block into out until it ends or out holds stop bytes. The bit buffer is
// kept in locals here, where nearly all the time goes, and put back on the way out.
func (d *Decoder) coded(out []byte, n, stop int) (int, error) {
	lit, dist := d.lit, d.dist
	src, pos, bitbuf, nbits := d.src, d.pos, d.bits, d.nbits
	var err error
	for n < stop {
		// 56 bits are enough for one length and distance: 15+5 and 15+13 bits
		if nbits < 48 {
			if pos+8 <= len(src) {
				bitbuf |= binary.LittleEndian.Uint64(src[pos:]) << nbits
				pos += int(63-nbits) >> 3
				nbits |= 56
			} else {
				d.pos, d.bits, d.nbits = pos, bitbuf, nbits
				if err = d.refill(); err != nil {
					break
				}
				pos, bitbuf, nbits = d.pos, d.bits, d.nbits
			}
		}
		e := lit[bitbuf&(1<<litBits-1)]
		if e&kindLit != 0 { // most codes are literals of the first table
			bitbuf >>= e & 63
			nbits -= uint(e & 15)
			if n >= len(out) {
				err = ErrTooLong
				break
			}
			out[n] = byte(e >> 16)
			n++
			// often another literal follows, whose code the buffer still holds (at most 15 bits
			// of the 48 or more it held): without going round the loop's checks
			e = lit[bitbuf&(1<<litBits-1)]
			if e&kindLit != 0 && nbits >= 15 && n < len(out) {
				bitbuf >>= e & 63
				nbits -= uint(e & 15)
				out[n] = byte(e >> 16)
				n++
			}
			continue
		}
		if e&kindSub != 0 {
			bitbuf >>= litBits
			nbits -= litBits
			e = lit[e>>16+uint32(bitbuf)&(1<<(e>>xShift&15)-1)]
		}
		bitbuf >>= e & 63
		nbits -= uint(e & 15)
		if e&kindLit != 0 {
			if n >= len(out) {
				err = ErrTooLong
				break
			}
			out[n] = byte(e >> 16)
			n++
			continue
		}
		if e&kindLen == 0 {
			if e&kindEnd != 0 {
				d.state = atBlock
			} else {
				err = ErrCorrupt
			}
			break
		}
		x := e >> xShift & 15
		length := int(e>>16) + int(bitbuf&(1<<x-1))
		bitbuf >>= x
		nbits -= uint(x)

		e = dist[bitbuf&(1<<distBits-1)]
		if e&kindSub != 0 {
			bitbuf >>= distBits
			nbits -= distBits
			e = dist[e>>16+uint32(bitbuf)&(1<<(e>>xShift&15)-1)]
		}
		if e&kindLen == 0 {
			err = ErrCorrupt
			break
		}
		bitbuf >>= e & 63
		nbits -= uint(e & 15)
		x = e >> xShift & 15
		back := int(e>>16) + int(bitbuf&(1<<x-1))
		bitbuf >>= x
		nbits -= uint(x)

		if back > n {
			err = ErrCorrupt // before the start of the data
			break
		}
		if length > len(out)-n {
			err = ErrTooLong
			break
		}
		from := n - back
		if back >= length {
			copy(out[n:n+length], out[from:])
			n += length
			continue
		}
		// the match overlaps what it writes: it repeats the last back bytes
		for end := n + length; n < end; {
			n += copy(out[n:end], out[from:n])
		}
	}
	d.pos, d.bits, d.nbits = pos, bitbuf, nbits
	return n, err
}

// build fills table t from the code lengths of symbols 0..len(lens)-1 (0: no code): a first table
// of 1<<first entries indexed by the next bits of the stream, then second-level tables for longer
// codes. entry gives a symbol's entry without its length. It reports false for lengths that make
// no code: more codes than there is room for, or fewer (an incomplete code), which zlib allows
// for literals/lengths and distances only when there is one code of one bit, or none at all.
func build(t []uint32, lens []uint8, first uint, entry func(int) uint32, lenient bool) bool {
	var count [maxCodeLn + 1]int
	for _, l := range lens {
		count[l]++
	}
	count[0] = 0
	maxLen := maxCodeLn
	for maxLen > 0 && count[maxLen] == 0 {
		maxLen--
	}
	root := 1 << first
	clear(t[:root]) // entries of no kind: no code leads there
	if maxLen == 0 {
		return lenient
	}
	left := 1
	for l := 1; l <= maxCodeLn; l++ {
		left = left<<1 - count[l]
		if left < 0 {
			return false // over-subscribed
		}
	}
	if left > 0 && (!lenient || maxLen != 1) {
		return false // incomplete
	}
	// the symbols in code order: by length, then by symbol
	var offs [maxCodeLn + 2]int
	for l := 1; l <= maxCodeLn; l++ {
		offs[l+1] = offs[l] + count[l]
	}
	var sorted [288]uint16
	for sym, l := range lens {
		if l != 0 {
			sorted[offs[l]] = uint16(sym)
			offs[l]++
		}
	}
	rem := count // codes of each length not yet placed
	next := root // where the next second-level table goes
	prefix, subBase, subBits := -1, 0, uint(0)
	code, i := 0, 0
	for l := 1; l <= maxLen; l++ {
		for k := 0; k < count[l]; k++ {
			sym := int(sorted[i])
			i++
			r := int(bits.Reverse16(uint16(code)) >> (16 - l)) // codes go into the stream highest bit first
			code++
			if uint(l) <= first {
				e := entry(sym) | uint32(l)
				for j := r; j < root; j += 1 << l {
					t[j] = e
				}
				rem[l]--
				continue
			}
			if p := r & (root - 1); p != prefix {
				// a new second-level table, as large as the codes that begin with p need: they
				// follow this one in code order, and fill it
				sb := uint(l) - first
				room := 1 << sb
				for int(sb+first) < maxLen {
					room -= rem[sb+first]
					if room <= 0 {
						break
					}
					sb++
					room <<= 1
				}
				if next+1<<sb > len(t) {
					return false
				}
				prefix, subBase, subBits = p, next, sb
				clear(t[next : next+1<<sb])
				next += 1 << sb
				t[p] = kindSub | uint32(sb)<<xShift | uint32(subBase)<<16
			}
			e := entry(sym) | uint32(uint(l)-first)
			for j := r >> first; j < 1<<subBits; j += 1 << (uint(l) - first) {
				t[subBase+j] = e
			}
			rem[l]--
		}
		code <<= 1
	}
	return true
}

type fixedTables struct {
	lit  [litSize]uint32
	dist [distSize]uint32
}

// fixedCodes are the tables of the fixed codes, built on first use (nothing is built at start-up).
var fixedCodes = lazy.Value[*fixedTables]{New: func() *fixedTables {
	t := new(fixedTables)
	var lens [288]uint8
	for i := range lens {
		switch {
		case i < 144:
			lens[i] = 8
		case i < 256:
			lens[i] = 9
		case i < 280:
			lens[i] = 7
		default:
			lens[i] = 8
		}
	}
	build(t.lit[:], lens[:], litBits, litEntry, true)
	var dl [32]uint8
	for i := range dl {
		dl[i] = 5
	}
	build(t.dist[:], dl[:], distBits, distEntry, true)
	return t
}}

// window is how far back a match may reach: what a Stream keeps of what it has handed out.
const window = 32 << 10

// A Stream inflates a zlib stream of known length in pieces, for a reader that uses its content
// as it comes (the entries of a large tree): the content passes through one buffer, which keeps
// the last 32 KB for the matches that reach back, so a stream of any length costs the same memory.
type Stream struct {
	d     *Decoder
	buf   []byte // buf[:n] is inflated; buf[start:n] is not yet taken by the reader
	n     int
	start int
	size  int64  // the content's length
	total int64  // inflated so far
	sum   uint32 // Adler-32 of what was inflated
	used  int    // bytes of the source the stream took, once it ended
	done  bool
	err   error
}

// NewStream goes on with d, which has inflated the first bytes of its stream into head, through
// buf (64 KB or more is best; a smaller one is replaced); size is the length of the whole content,
// head included. d belongs to the stream until it ends.
func NewStream(d *Decoder, head []byte, size int64, buf []byte) *Stream {
	if len(buf) < 2*window+258 || len(buf) < len(head)+window+258 {
		buf = make([]byte, max(2*window+258, len(head)+window+258))
	}
	s := &Stream{d: d, buf: buf, size: size, sum: 1}
	s.n = copy(buf, head)
	s.total = int64(s.n)
	s.sum = adlerSum(s.sum, head)
	return s
}

// Pending returns the inflated content the reader has not taken yet, valid until More.
func (s *Stream) Pending() []byte { return s.buf[s.start:s.n] }

// Take marks the first k bytes of Pending as used.
func (s *Stream) Take(k int) { s.start += k }

// Used returns how many bytes of the source the stream took, once More has reported its end.
func (s *Stream) Used() int { return s.used }

// More inflates more of the stream, keeping what is pending. It reports false, with no error,
// once the stream has ended and its length and checksum are checked, and an error when the stream
// is malformed, or longer or shorter than its size. A pending part that fills the buffer grows it.
func (s *Stream) More() (bool, error) {
	if s.err != nil || s.done {
		return false, s.err
	}
	if s.d.state == atEnd { // the head was the whole stream
		s.finish()
		return false, s.err
	}
	// slide: keep the window before n and everything pending
	if keep := min(s.start, s.n-window); keep > 0 {
		copy(s.buf, s.buf[keep:s.n])
		s.n -= keep
		s.start -= keep
	}
	if len(s.buf)-s.n < window+258 { // what is pending fills the buffer: a very long entry
		grown := make([]byte, 2*len(s.buf))
		copy(grown, s.buf[:s.n])
		s.buf = grown
	}
	from := s.n
	n, done, err := s.d.Decode(s.buf, s.n, len(s.buf)-258)
	s.sum = adlerSum(s.sum, s.buf[from:n])
	s.total += int64(n - from)
	s.n = n
	switch {
	case err != nil:
		s.err = err
	case s.total > s.size:
		s.err = ErrTooLong
	case done && n == from:
		s.finish()
		return false, s.err
	}
	if s.err != nil {
		return false, s.err
	}
	return true, nil
}

// finish checks the ended stream's length and checksum.
func (s *Stream) finish() {
	s.done = true
	if s.total < s.size {
		s.err = ErrTooShort
		return
	}
	s.used, s.err = s.d.End(s.sum)
}
