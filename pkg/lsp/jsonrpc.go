package lsp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

// JSON-RPC 2.0 error codes the server answers with.
const (
	codeParseError     = -32700
	codeInvalidRequest = -32600
	codeMethodNotFound = -32601
	codeInvalidParams  = -32602
	codeInternalError  = -32603
	// codeServerNotInitialized is LSP's answer to a request before initialize.
	codeServerNotInitialized = -32002
	// codeRequestFailed is LSP's answer to a request that was understood but could not be done.
	codeRequestFailed = -32803
)

// maxMessage bounds one message's body: a 500 KB postmortem sent whole, escaped as JSON, is far
// below it; a larger Content-Length is broken framing, not a document.
const maxMessage = 64 << 20

// errFraming is a header block the reader cannot make sense of: the stream is out of step and
// nothing after it can be trusted.
var errFraming = errors.New("broken message framing")

// message is any JSON-RPC 2.0 message: a request (ID and Method), a notification (Method only) or
// a response (ID and Result or Error).
type message struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *responseError  `json:"error,omitempty"`
}

// isRequest reports whether the message expects an answer.
// A message with a method and an id is a request, an id of null too, as JSON-RPC 2.0 reads it (it
// is answered with a null id); without an id it is a notification.
func (m *message) isRequest() bool { return len(m.ID) > 0 && m.Method != "" }

// responseError is the error member of a response.
type responseError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func (e *responseError) Error() string { return fmt.Sprintf("%s (%d)", e.Message, e.Code) }

// reader reads framed messages: headers ending in an empty line, Content-Length bytes of JSON.
type reader struct{ r *bufio.Reader }

func newReader(r io.Reader) *reader { return &reader{r: bufio.NewReaderSize(r, 64<<10)} }

// read returns the next message's body. io.EOF: the stream ended between messages; errFraming (or
// an unexpected EOF): it cannot go on.
func (r *reader) read() ([]byte, error) {
	length := -1
	for first := true; ; first = false {
		// ReadSlice stops at the buffer's size: a header line without end is broken framing, not
		// something to keep in memory.
		raw, err := r.r.ReadSlice('\n')
		switch {
		case err == io.EOF && first && len(raw) == 0:
			return nil, io.EOF
		case err == io.EOF:
			return nil, io.ErrUnexpectedEOF
		case errors.Is(err, bufio.ErrBufferFull):
			return nil, errFraming
		case err != nil:
			return nil, err
		}
		if len(raw) > 1024 {
			return nil, errFraming
		}
		line := strings.TrimRight(string(raw), "\r\n")
		if line == "" {
			if first {
				continue // blank lines between messages are tolerated
			}
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, errFraming
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil || n < 0 || n > maxMessage {
				return nil, errFraming
			}
			length = n
		}
	}
	if length < 0 {
		return nil, errFraming
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(r.r, body); err != nil {
		return nil, io.ErrUnexpectedEOF
	}
	return body, nil
}

// writer writes framed messages; one mutex keeps the replies and the notifications the debounce
// timers send from interleaving.
type writer struct {
	mu  sync.Mutex
	w   io.Writer
	buf bytes.Buffer
	err error // the first write error: the client is gone, later writes are dropped
}

// write sends v as one message. Only the write that fails returns its error: once the client is
// gone, the messages after it are dropped without one, so the log says it once, not once a message.
func (w *writer) write(v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode message: %w", err)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil {
		return nil
	}
	w.buf.Reset()
	fmt.Fprintf(&w.buf, "Content-Length: %d\r\n\r\n", len(body))
	w.buf.Write(body)
	if _, err := w.w.Write(w.buf.Bytes()); err != nil {
		w.err = fmt.Errorf("write message: %w", err)
		return w.err
	}
	return nil
}

// outgoing is a message the server sends; Result is kept as a value so that nil encodes as null.
type outgoing struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  any             `json:"params,omitempty"`
	Result  any             `json:"result"`
	Error   *responseError  `json:"error,omitempty"`
}

// MarshalJSON leaves result out of requests, notifications and error responses, as JSON-RPC asks.
func (o outgoing) MarshalJSON() ([]byte, error) {
	type plain outgoing
	if o.Method != "" || o.Error != nil {
		type noResult struct {
			JSONRPC string          `json:"jsonrpc"`
			ID      json.RawMessage `json:"id,omitempty"`
			Method  string          `json:"method,omitempty"`
			Params  any             `json:"params,omitempty"`
			Error   *responseError  `json:"error,omitempty"`
		}
		return json.Marshal(noResult{o.JSONRPC, o.ID, o.Method, o.Params, o.Error})
	}
	return json.Marshal(plain(o))
}
