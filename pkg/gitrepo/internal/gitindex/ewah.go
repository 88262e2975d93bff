package gitindex

import "encoding/binary"

// EWAH is the compressed bitmap format git uses in the UNTR and FSMN extensions: a sequence
// of 64-bit words, each "marker" word announcing a run of identical (all-zero or all-one)
// words followed by a number of literal words. Serialised, it is the bit count (32 bits), the
// word count (32 bits), the words (64 bits each, big-endian) and the position of the last
// marker word (32 bits).
//
// git builds each bitmap it writes by setting bits in increasing order; ewahWriter follows
// the same steps so that the words, and therefore the bytes, come out the same.

const (
	ewahRunBits     = 32
	ewahMaxRun      = 1<<ewahRunBits - 1
	ewahMaxLiterals = 1<<(64-1-ewahRunBits) - 1
	ewahLitShift    = 1 + ewahRunBits
)

func markerRunBit(w uint64) bool     { return w&1 != 0 }
func markerRunLen(w uint64) uint64   { return w >> 1 & ewahMaxRun }
func markerLiterals(w uint64) uint64 { return w >> ewahLitShift }

// ewahBitmap is a bitmap read from disk.
type ewahBitmap struct {
	bitSize uint32
	words   []uint64
}

// readEWAH parses a serialised bitmap at the start of p and returns it with the number of
// bytes it took.
func readEWAH(p []byte) (ewahBitmap, int, bool) {
	var bm ewahBitmap
	if len(p) < 8 {
		return bm, 0, false
	}
	bm.bitSize = binary.BigEndian.Uint32(p)
	n := binary.BigEndian.Uint32(p[4:])
	if uint64(n)*8+12 > uint64(len(p)) {
		return bm, 0, false
	}
	bm.words = make([]uint64, n)
	for i := range bm.words {
		bm.words[i] = binary.BigEndian.Uint64(p[8+8*i:])
	}
	// The last marker's position (the next 4 bytes) matters only to a writer appending bits.
	return bm, 12 + 8*int(n), true
}

// each calls fn with every set bit, in increasing order; it reports false, having stopped,
// when a set bit is not below limit or a marker announces more literal words than there are.
func (bm *ewahBitmap) each(limit int, fn func(int)) bool {
	pos := uint64(0)
	for p := 0; p < len(bm.words); {
		w := bm.words[p]
		p++
		run := markerRunLen(w) * 64
		if markerRunBit(w) && run > 0 {
			if pos+run > uint64(limit) {
				return false
			}
			for k := uint64(0); k < run; k++ {
				fn(int(pos + k))
			}
		}
		pos += run
		lits := markerLiterals(w)
		if lits > uint64(len(bm.words)-p) {
			return false
		}
		for k := uint64(0); k < lits; k++ {
			lit := bm.words[p]
			p++
			for b := uint64(0); lit != 0; b++ {
				if lit&1 != 0 {
					if pos+b >= uint64(limit) {
						return false
					}
					fn(int(pos + b))
				}
				lit >>= 1
			}
			pos += 64
		}
	}
	return true
}

// ewahWriter builds a bitmap by setting bits in increasing order.
type ewahWriter struct {
	words   []uint64
	rlw     int // index of the current marker word
	bitSize uint64
}

func newEWAH() *ewahWriter { return &ewahWriter{words: []uint64{0}} }

func (w *ewahWriter) marker() *uint64 { return &w.words[w.rlw] }

func setRunBit(m *uint64, b bool) {
	if b {
		*m |= 1
	} else {
		*m &^= 1
	}
}
func setRunLen(m *uint64, l uint64) { *m = *m&^(ewahMaxRun<<1) | l<<1 }
func setLiterals(m *uint64, l uint64) {
	*m = *m&(1<<ewahLitShift-1) | l<<ewahLitShift
}

func (w *ewahWriter) pushMarker() {
	w.words = append(w.words, 0)
	w.rlw = len(w.words) - 1
}

// set sets bit i, which must be above every bit set before.
func (w *ewahWriter) set(i uint64) {
	dist := (i+1+63)/64 - (w.bitSize+63)/64
	w.bitSize = i + 1
	bit := uint64(1) << (i % 64)
	if dist > 0 {
		if dist > 1 {
			w.addEmptyWords(false, dist-1)
		}
		w.addLiteral(bit)
		return
	}
	m := w.marker()
	if markerLiterals(*m) == 0 {
		// The word was folded into a run; take it back out as a literal.
		if rl := markerRunLen(*m); rl > 0 {
			setRunLen(m, rl-1)
		}
		w.addLiteral(bit)
		return
	}
	last := len(w.words) - 1
	w.words[last] |= bit
	if w.words[last] == ^uint64(0) {
		// A literal of all ones becomes part of a run.
		w.words = w.words[:last]
		m = w.marker()
		setLiterals(m, markerLiterals(*m)-1)
		w.addEmptyWord(true)
	}
}

func (w *ewahWriter) addEmptyWords(v bool, n uint64) {
	m := w.marker()
	switch {
	case markerRunBit(*m) != v && markerRunLen(*m)+markerLiterals(*m) == 0:
		setRunBit(m, v)
	case markerLiterals(*m) != 0 || markerRunBit(*m) != v:
		w.pushMarker()
		m = w.marker()
		setRunBit(m, v)
	}
	rl := markerRunLen(*m)
	add := min(n, ewahMaxRun-rl)
	setRunLen(m, rl+add)
	n -= add
	for n >= ewahMaxRun {
		w.pushMarker()
		m = w.marker()
		setRunBit(m, v)
		setRunLen(m, ewahMaxRun)
		n -= ewahMaxRun
	}
	if n > 0 {
		w.pushMarker()
		m = w.marker()
		setRunBit(m, v)
		setRunLen(m, n)
	}
}

func (w *ewahWriter) addLiteral(word uint64) {
	m := w.marker()
	if lits := markerLiterals(*m); lits < ewahMaxLiterals {
		setLiterals(m, lits+1)
	} else {
		w.pushMarker()
		setLiterals(w.marker(), 1)
	}
	w.words = append(w.words, word)
}

func (w *ewahWriter) addEmptyWord(v bool) {
	m := w.marker()
	noLiterals := markerLiterals(*m) == 0
	rl := markerRunLen(*m)
	if noLiterals && rl == 0 {
		setRunBit(m, v)
	}
	if noLiterals && markerRunBit(*m) == v && rl < ewahMaxRun {
		setRunLen(m, rl+1)
		return
	}
	w.pushMarker()
	m = w.marker()
	setRunBit(m, v)
	setRunLen(m, 1)
}

// appendTo appends the serialised bitmap to b.
func (w *ewahWriter) appendTo(b []byte) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(w.bitSize))
	b = binary.BigEndian.AppendUint32(b, uint32(len(w.words)))
	for _, x := range w.words {
		b = binary.BigEndian.AppendUint64(b, x)
	}
	return binary.BigEndian.AppendUint32(b, uint32(w.rlw))
}
