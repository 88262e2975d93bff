package inflate

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"errors"
	"fmt"
	adler32pkg "hash/adler32"
	"io"
	"math/rand/v2"
	"testing"

	kzlib "github.com/klauspost/compress/zlib"
)

// treeLike is content shaped like a git tree of a large folder: names alike but for a few
// characters, each followed by 20 bytes of hash no compressor can shrink.
func treeLike(entries int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	var b bytes.Buffer
	services := []string{"search-svc", "inventory-api", "payments", "edge-proxy", "auth"}
	for i := range entries {
		fmt.Fprintf(&b, "100644 2024-%02d-%02d-errors-%s-%05d.md\x00", i%12+1, i%28+1, services[rng.IntN(len(services))], i)
		for range 20 {
			b.WriteByte(byte(rng.Uint32()))
		}
	}
	return b.Bytes()
}

// samples are contents of every shape a deflate stream takes: empty, stored, fixed and dynamic
// codes, long runs (matches that overlap what they write), matches 32 KB back, no matches at all.
func samples() map[string][]byte {
	rng := rand.New(rand.NewPCG(3, 4))
	random := make([]byte, 100_000)
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	text := bytes.Repeat([]byte("## Timeline\n\n| 2024-01-09 10:00 | paged |\n"), 2000)
	far := append(append(append([]byte{}, random[:40_000]...), random[:300]...), random[:1000]...) // a copy 40 KB back is out of reach; 32 KB is not
	return map[string][]byte{
		"empty":    {},
		"one byte": {'x'},
		"short":    []byte("tree 12\x00hello world\n"),
		"run":      bytes.Repeat([]byte{'a'}, 70_000),
		"two-run":  bytes.Repeat([]byte("ab"), 40_000),
		"random":   random,
		"text":     text,
		"tree":     treeLike(3000),
		"far":      far,
	}
}

// compressors make zlib streams the ways git and other writers make them.
var compressors = map[string]func([]byte) []byte{
	"stored": func(b []byte) []byte { return zlibWith(b, zlib.NoCompression) },
	"fast":   func(b []byte) []byte { return zlibWith(b, zlib.BestSpeed) },
	"git":    func(b []byte) []byte { return zlibWith(b, zlib.DefaultCompression) },
	"best":   func(b []byte) []byte { return zlibWith(b, zlib.BestCompression) },
	"huffman": func(b []byte) []byte {
		return zlibWith(b, zlib.HuffmanOnly)
	},
	"klauspost": func(b []byte) []byte {
		var out bytes.Buffer
		w, _ := kzlib.NewWriterLevel(&out, 5)
		w.Write(b)
		w.Close()
		return out.Bytes()
	},
	"fixed": fixedOnly,
}

func zlibWith(b []byte, level int) []byte {
	var out bytes.Buffer
	w, err := zlib.NewWriterLevel(&out, level)
	if err != nil {
		panic(err)
	}
	w.Write(b)
	w.Close()
	return out.Bytes()
}

// fixedOnly writes b with the fixed codes, all literals, in one block: the form a small object
// often takes, written here by hand because compress/flate picks it only when it is smallest.
func fixedOnly(b []byte) []byte {
	var bits uint64
	var n uint
	var out []byte
	put := func(v uint64, k uint) {
		bits |= v << n
		n += k
		for n >= 8 {
			out = append(out, byte(bits))
			bits >>= 8
			n -= 8
		}
	}
	putCode := func(code uint64, k uint) { // highest bit first
		var r uint64
		for i := uint(0); i < k; i++ {
			r = r<<1 | code>>i&1
		}
		put(r, k)
	}
	put(1, 1) // last
	put(1, 2) // fixed
	for _, c := range b {
		if c < 144 {
			putCode(0x30+uint64(c), 8)
		} else {
			putCode(0x190+uint64(c)-144, 9)
		}
	}
	putCode(0, 7) // end of block
	if n > 0 {
		out = append(out, byte(bits))
	}
	var z bytes.Buffer
	z.Write([]byte{0x78, 0x01})
	z.Write(out)
	sum := adler(b)
	z.Write([]byte{byte(sum >> 24), byte(sum >> 16), byte(sum >> 8), byte(sum)})
	return z.Bytes()
}

func adler(b []byte) uint32 {
	a, s := uint32(1), uint32(0)
	for _, c := range b {
		a = (a + uint32(c)) % 65521
		s = (s + a) % 65521
	}
	return s<<16 | a
}

func inflateAll(src []byte, size int) ([]byte, int, error) {
	var d Decoder
	if err := d.Reset(src); err != nil {
		return nil, 0, err
	}
	out := make([]byte, size)
	used, err := d.Rest(out, 0)
	return out, used, err
}

func TestInflatesEveryShape(t *testing.T) {
	for name, content := range samples() {
		for how, compress := range compressors {
			z := compress(content)
			got, used, err := inflateAll(append(z, "garbage after"...), len(content))
			if err != nil {
				t.Errorf("%s, %s: %v", name, how, err)
				continue
			}
			if !bytes.Equal(got, content) {
				t.Errorf("%s, %s: inflated content differs", name, how)
			}
			if used != len(z) {
				t.Errorf("%s, %s: stream took %d bytes, want %d", name, how, used, len(z))
			}
		}
	}
}

// A loose object is read in two steps: enough for its header, then the rest into a buffer of
// the size the header gives.
func TestInflatesInSteps(t *testing.T) {
	for name, content := range samples() {
		for how, compress := range compressors {
			z := compress(content)
			var d Decoder
			if err := d.Reset(z); err != nil {
				t.Fatal(err)
			}
			head := make([]byte, 16+258)
			n, done, err := d.Decode(head, 0, 16)
			if err != nil {
				t.Fatalf("%s, %s: first step: %v", name, how, err)
			}
			if want := min(len(content), 16); n < want || (done && n != len(content)) {
				t.Fatalf("%s, %s: first step inflated %d bytes (done %v) of %d", name, how, n, done, len(content))
			}
			out := make([]byte, len(content))
			copy(out, head[:n])
			if _, err := d.Rest(out, n); err != nil {
				t.Fatalf("%s, %s: rest: %v", name, how, err)
			}
			if !bytes.Equal(out, content) {
				t.Errorf("%s, %s: inflated content differs", name, how)
			}
		}
	}
}

func TestRefusesWhatZlibRefuses(t *testing.T) {
	content := treeLike(200)
	z := zlibWith(content, zlib.DefaultCompression)
	corrupt := func(i int, x byte) []byte {
		c := bytes.Clone(z)
		c[i] ^= x
		return c
	}
	cases := []struct {
		name string
		src  []byte
		size int
		want error
	}{
		{"no header", nil, 0, ErrTruncated},
		{"not deflate", []byte{0x79, 0x9c, 0, 0}, 0, ErrCorrupt},
		{"header check", []byte{0x78, 0x9d, 0, 0}, 0, ErrCorrupt},
		{"preset dictionary", []byte{0x78, 0xbb, 0, 0, 0, 0}, 0, ErrCorrupt},
		{"window too large", []byte{0x88, 0x98}, 0, ErrCorrupt},
		{"longer than expected", z, len(content) - 1, ErrTooLong},
		{"shorter than expected", z, len(content) + 1, ErrTooShort},
		{"checksum", corrupt(len(z)-1, 1), len(content), ErrChecksum},
		{"no checksum", z[:len(z)-4], len(content), ErrTruncated},
		{"reserved block type", []byte{0x78, 0x9c, 0x07, 0, 0, 0, 0}, 0, ErrCorrupt},
		{"stored length check", []byte{0x78, 0x01, 0x01, 0x01, 0x00, 0xfe, 0xfe, 'x', 0, 0, 0, 0}, 1, ErrCorrupt},
	}
	for _, c := range cases {
		_, _, err := inflateAll(c.src, c.size)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: error %v, want %v", c.name, err, c.want)
		}
	}
	// every cut of the stream is refused, and so is every single flipped bit of its deflate data
	// (the checksum catches what still decodes)
	for i := range z {
		if _, _, err := inflateAll(z[:i], len(content)); err == nil {
			t.Fatalf("stream cut at %d of %d bytes inflated", i, len(z))
		}
	}
	for i := 2; i < len(z)-4; i += 7 {
		for bit := range 8 {
			got, _, err := inflateAll(corrupt(i, 1<<bit), len(content))
			if err == nil && !bytes.Equal(got, content) {
				t.Fatalf("bit %d of byte %d flipped: wrong content accepted", bit, i)
			}
		}
	}
}

// The code checks zlib makes on a dynamic block's code lengths: too many symbols, a code with
// more codes than room, one with fewer (allowed only for a single one-bit distance code), a
// repeat with nothing before it, repeats past the last length, and a missing end-of-block code.
func TestRefusesMalformedCodes(t *testing.T) {
	// w writes fields (value, bits) lowest bit first after a zlib header, and zeros after them
	w := func(fields ...[2]uint) []byte { // value, bits; lowest bit first
		var bits uint64
		var n uint
		out := []byte{0x78, 0x01}
		for _, f := range fields {
			bits |= uint64(f[0]) << n
			n += f[1]
			for n >= 8 {
				out = append(out, byte(bits))
				bits >>= 8
				n -= 8
			}
		}
		if n > 0 {
			out = append(out, byte(bits))
		}
		return append(out, 0, 0, 0, 0, 0, 0, 0, 0)
	}
	header := func(hlit, hdist, hclen uint) [][2]uint {
		return [][2]uint{{1, 1}, {2, 2}, {hlit, 5}, {hdist, 5}, {hclen, 4}}
	}
	codeLens := func(lens ...uint) [][2]uint {
		var f [][2]uint
		for _, l := range lens {
			f = append(f, [2]uint{l, 3})
		}
		return f
	}
	cat := func(parts ...[][2]uint) [][2]uint {
		var all [][2]uint
		for _, p := range parts {
			all = append(all, p...)
		}
		return all
	}
	cases := map[string][]byte{
		"287 literal/length codes": w(cat(header(30, 0, 0))...),
		"31 distance codes":        w(cat(header(0, 30, 0))...),
		// code-length code with lengths 1,1,1 for symbols 16,17,18: over-subscribed
		"over-subscribed code-length code": w(cat(header(0, 0, 0), codeLens(1, 1, 1, 1))...),
		// one code-length code of one bit (symbol 16): incomplete, which zlib refuses for this code
		"incomplete code-length code": w(cat(header(0, 0, 0), codeLens(1, 0, 0, 0))...),
		// symbols 16 and 17 of one bit each: the first length is a repeat of nothing
		"repeat with nothing before": w(cat(header(0, 0, 0), codeLens(1, 1, 0, 0), [][2]uint{{0, 1}, {0, 2}})...),
		// 17 then 18 (zeros) of one bit each: zeros past the 258 lengths
		"repeat past the end": w(cat(header(0, 0, 0), codeLens(0, 1, 1, 0), [][2]uint{{1, 1}, {127, 7}, {1, 1}, {127, 7}, {1, 1}, {127, 7}})...),
		// only zeros (18 twice: 138 and 120): no end-of-block code
		"no end of block": w(cat(header(0, 0, 0), codeLens(0, 1, 1, 0), [][2]uint{{1, 1}, {127, 7}, {1, 1}, {109, 7}})...),
	}
	for name, src := range cases {
		if _, _, err := inflateAll(src, 0); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: error %v, want %v", name, err, ErrCorrupt)
		}
		// the standard library's inflater refuses each too
		if _, err := io.ReadAll(flate.NewReader(bytes.NewReader(src[2:]))); err == nil {
			t.Errorf("%s: compress/flate inflates it: the case is not what it says", name)
		}
	}
}

// FuzzInflate holds the decoder to compress/zlib: the same content from any stream one of them
// inflates, and an error where compress/zlib refuses (apart from the code-length codes zlib refuses
// and compress/flate allows, which the decoder refuses with zlib).
func FuzzInflate(f *testing.F) {
	for _, content := range samples() {
		if len(content) > 5000 {
			content = content[:5000]
		}
		for _, compress := range compressors {
			f.Add(compress(content))
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		want, stdErr := io.ReadAll(io.LimitReader(mustReader(src), 1<<20))
		if stdErr == nil && len(want) == 1<<20 {
			return // too large to compare
		}
		var d Decoder
		if err := d.Reset(src); err != nil {
			if stdErr == nil {
				t.Fatalf("refused a header compress/zlib accepts: %v", err)
			}
			return
		}
		size := len(want)
		if stdErr != nil {
			size = 1 << 16
		}
		out := make([]byte, size)
		n, done, err := d.Decode(out, 0, size+1)
		if err == nil && done {
			_, err = d.End(adler32lib(out[:n]))
		}
		if stdErr == nil {
			if err != nil {
				t.Fatalf("refused (%v) what compress/zlib inflates to %d bytes", err, len(want))
			}
			if !bytes.Equal(out[:n], want) {
				t.Fatalf("inflated content differs from compress/zlib's")
			}
			// streamed, in pieces of 1,000 bytes, it is the same
			var sd Decoder
			sd.Reset(src)
			st := NewStream(&sd, nil, int64(len(want)), nil)
			var got []byte
			for {
				k := min(len(st.Pending()), 1000)
				got = append(got, st.Pending()[:k]...)
				st.Take(k)
				if k > 0 {
					continue
				}
				more, err := st.More()
				if err != nil {
					t.Fatalf("stream refused (%v) what compress/zlib inflates", err)
				}
				if !more {
					break
				}
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("streamed content differs from compress/zlib's")
			}
		}
		// where compress/zlib refuses, the decoder may accept only a code-length code zlib allows
		// and compress/flate does not: none known, so any acceptance is reported
		if stdErr != nil && err == nil && done && !errors.Is(stdErr, io.ErrUnexpectedEOF) {
			t.Fatalf("inflated what compress/zlib refuses (%v)", stdErr)
		}
	})
}

type failReader struct{ err error }

func (f failReader) Read([]byte) (int, error) { return 0, f.err }

func mustReader(src []byte) io.Reader {
	zr, err := zlib.NewReader(bytes.NewReader(src))
	if err != nil {
		return failReader{err}
	}
	return zr
}

func BenchmarkTree(b *testing.B) {
	content := treeLike(10_000)
	z := zlibWith(content, zlib.DefaultCompression)
	out := make([]byte, len(content))
	b.Run("inflate", func(b *testing.B) {
		b.SetBytes(int64(len(content)))
		for b.Loop() {
			var d Decoder
			d.Reset(z)
			if _, err := d.Rest(out, 0); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("klauspost", func(b *testing.B) {
		b.SetBytes(int64(len(content)))
		for b.Loop() {
			zr, _ := kzlib.NewReader(bytes.NewReader(z))
			if _, err := io.ReadFull(zr, out); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// A Stream hands out the content in pieces through a window it slides: a reader that takes it a
// few bytes at a time, or only at the end, gets it whole, and the stream's end is checked.
func TestStream(t *testing.T) {
	for name, content := range samples() {
		for how, compress := range compressors {
			z := compress(content)
			for _, step := range []int{1, 7, 4096, -1} { // -1: take nothing until the end
				var d Decoder
				if err := d.Reset(z); err != nil {
					t.Fatal(err)
				}
				head := make([]byte, 16+258)
				n, _, err := d.Decode(head, 0, 16)
				if err != nil {
					t.Fatal(err)
				}
				s := NewStream(&d, head[:n], int64(len(content)), nil)
				var got []byte
				for {
					p := s.Pending()
					k := len(p)
					if step > 0 {
						k = min(k, step)
					} else if !s.done {
						k = 0
					}
					got = append(got, p[:k]...)
					s.Take(k)
					if k > 0 && step > 0 {
						continue
					}
					more, err := s.More()
					if err != nil {
						t.Fatalf("%s, %s, step %d: %v", name, how, step, err)
					}
					if !more && len(s.Pending()) == 0 {
						break
					}
				}
				if !bytes.Equal(got, content) {
					t.Fatalf("%s, %s, step %d: streamed content differs (%d bytes, want %d)", name, how, step, len(got), len(content))
				}
				if s.Used() != len(z) {
					t.Errorf("%s, %s, step %d: stream took %d bytes, want %d", name, how, step, s.Used(), len(z))
				}
			}
		}
	}
}

func TestStreamRefuses(t *testing.T) {
	content := treeLike(3000)
	z := zlibWith(content, zlib.DefaultCompression)
	badSum := bytes.Clone(z)
	badSum[len(badSum)-1] ^= 1
	for _, c := range []struct {
		name string
		src  []byte
		size int
		want error
	}{
		{"longer than its size", z, len(content) - 1, ErrTooLong},
		{"shorter than its size", z, len(content) + 1, ErrTooShort},
		{"a wrong checksum", badSum, len(content), ErrChecksum},
		{"cut short", z[:len(z)/2], len(content), ErrTruncated},
	} {
		var d Decoder
		if err := d.Reset(c.src); err != nil {
			t.Fatal(err)
		}
		s := NewStream(&d, nil, int64(c.size), nil)
		var err error
		for more := true; more && err == nil; {
			s.Take(len(s.Pending()))
			more, err = s.More()
		}
		if !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
}

func TestAdler32(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{0, 1, 7, 8, 9, 255, 2047, 2048, 2049, 5552, 70_000} {
		for _, fill := range []string{"random", "ones"} {
			p := make([]byte, n)
			for i := range p {
				if fill == "random" {
					p[i] = byte(rng.Uint32())
				} else {
					p[i] = 0xff
				}
			}
			if got, want := adlerSum(1, p), adler32lib(p); got != want {
				t.Errorf("%d bytes of %s: %08x, want %08x", n, fill, got, want)
			}
			// in two parts, as a Stream sums its pieces
			cut := n / 3
			if got, want := adlerSum(adlerSum(1, p[:cut]), p[cut:]), adler32lib(p); got != want {
				t.Errorf("%d bytes of %s, in two parts: %08x, want %08x", n, fill, got, want)
			}
		}
	}
}

func FuzzAdler32(f *testing.F) {
	f.Add([]byte("hello"), 3)
	f.Fuzz(func(t *testing.T, p []byte, cut int) {
		cut = min(max(cut, 0), len(p))
		if got, want := adlerSum(adlerSum(1, p[:cut]), p[cut:]), adler32lib(p); got != want {
			t.Fatalf("%08x, want %08x", got, want)
		}
	})
}

func adler32lib(p []byte) uint32 { return adler32pkg.Checksum(p) }

func BenchmarkAdler32(b *testing.B) {
	p := treeLike(10_000)
	b.SetBytes(int64(len(p)))
	b.Run("swar", func(b *testing.B) {
		for b.Loop() {
			adlerSum(1, p)
		}
	})
	b.Run("hash/adler32", func(b *testing.B) {
		for b.Loop() {
			adler32lib(p)
		}
	})
}
