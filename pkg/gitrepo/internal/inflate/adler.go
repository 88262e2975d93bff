package inflate

import "encoding/binary"

// adlerMod is Adler-32's modulus, the largest prime below 65536.
const adlerMod = 65521

// adlerSum goes on with the Adler-32 checksum sum (1 for no data) over p. hash/adler32 adds one
// byte at a time, each sum waiting on the one before: about two cycles a byte, a fifth of the time
// a large tree takes to inflate. Here eight bytes are added at once as four pairs of 16-bit lanes
// (SWAR), and the second sum is rebuilt from them per block: after bytes b[0..n) from (s1, s2),
//
//	s1' = s1 + Σ b[i]            s2' = s2 + n·s1 + Σ (n-i)·b[i]
//
// and with i = 8k+j (word k of m, byte j), n-i = 8(m-k) - j, so Σ (n-i)·b[i] is 8·Σ (m-k)·W[k]
// (W[k] the sum of word k, accumulated as a running sum of running sums) less Σ j·A[j] (A[j] the
// sum of the bytes at place j of every word).
func adlerSum(sum uint32, p []byte) uint32 {
	s1, s2 := uint64(sum&0xffff), uint64(sum>>16)
	const lanes = 0x00ff00ff00ff00ff
	for len(p) >= 8 {
		// a block of at most 256 words: a 16-bit lane takes 256 bytes of at most 255 before it
		// could overflow, and the running sums stay far below 2^64
		m := min(len(p)/8, 256)
		var even, odd, run, runs uint64 // lanes of places 0,2,4,6 and 1,3,5,7; the running sums
		for k := range m {
			w := binary.LittleEndian.Uint64(p[8*k:])
			e, o := w&lanes, w>>8&lanes
			even += e
			odd += o
			run += (e + o) * 0x0001000100010001 >> 48
			runs += run
		}
		n := uint64(8 * m)
		var total, weighted uint64 // Σ A[j] and Σ j·A[j]
		for t := uint64(0); t < 4; t++ {
			a, b := even>>(16*t)&0xffff, odd>>(16*t)&0xffff
			total += a + b
			weighted += 2*t*a + (2*t+1)*b
		}
		s2 = (s2 + n*s1 + 8*runs - weighted) % adlerMod
		s1 = (s1 + total) % adlerMod
		p = p[8*m:]
	}
	for _, c := range p {
		s1 += uint64(c)
		s2 += s1
	}
	return uint32(s2%adlerMod)<<16 | uint32(s1%adlerMod)
}
