package lsp

import (
	"testing"
)

// TestIDNotUTF8: a request whose id is a string of bytes that are not UTF-8 is not JSON-RPC's: it
// is answered as an invalid request with a null id, so that the response is JSON (the client's
// reader checks every message is UTF-8), and not run (this one would have shut the server down).
// The same holds for a message with such an id and no method.
func TestIDNotUTF8(t *testing.T) {
	c := start(t, Options{WorkDir: t.TempDir()})
	c.initialize(nil)
	for _, body := range []string{
		"{\"jsonrpc\":\"2.0\",\"id\":\"\xff\xfe\",\"method\":\"shutdown\"}",
		"{\"jsonrpc\":\"2.0\",\"id\":\"a\xc3\",\"method\":\"exit\"}",
		"{\"jsonrpc\":\"2.0\",\"id\":\"\xed\xa0\x80\"}", // a surrogate written out in UTF-8's form
	} {
		c.frame([]byte(body))
		if m := c.response("null"); m.Error == nil || m.Error.Code != codeInvalidRequest {
			t.Errorf("%q: %+v, want an invalid request", body, m)
		}
	}
	// A valid string id with escapes and text outside ASCII comes back as it was sent.
	c.frame([]byte(`{"jsonrpc":"2.0","id":"é\u00e9😀","method":"pm/unknown"}`))
	if m := c.response(`"é\u00e9😀"`); m.Error == nil || m.Error.Code != codeMethodNotFound {
		t.Errorf("a UTF-8 id: %+v", m)
	}
	if m := c.request("shutdown", nil); m.Error != nil {
		t.Errorf("shutdown after the ids: %+v", m)
	}
}
