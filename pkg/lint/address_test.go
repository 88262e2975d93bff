package lint

import (
	"strings"
	"testing"
)

// TestAddressFinderAgreesWithInURL: the finder that reads each run once answers as inURL does, for
// every match of the word in texts of addresses, words, brackets and runs without spaces.
func TestAddressFinderAgreesWithInURL(t *testing.T) {
	b := compileBanned(BannedWord{Word: "outage"})
	j := compileBanned(BannedWord{Word: "停止"})
	for _, text := range []string{
		"outage https://status.example.com/outage (outage) www.outage.io outage",
		"MAİLTO:outage@example.com mailto:x outage<outage>outage \"outage\" WWW.OUTAGE.COM",
		strings.Repeat("停止", 50) + " https://x/停止停止 " + strings.Repeat("停止", 3),
		"（停止）停止://停止 停止\u3000停止\t停止\n停止",
		"\xff停止\xe6停止",
		"",
	} {
		for _, bw := range []*bannedWord{&b, &j} {
			f := addressFinder{s: text}
			for _, m := range bw.find([]byte(text)) {
				if got, want := f.inURL(m[0], m[1]), inURL(text, m[0], m[1]); got != want {
					t.Errorf("%q at %d:%d: finder says %v, inURL %v", text, m[0], m[1], got, want)
				}
			}
		}
	}
}
