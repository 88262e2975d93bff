package lsp

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/pm-tools/pm/pkg/internal/testenv"
	"github.com/pm-tools/pm/pkg/internal/testrepo"
)

// now is the clock of every test: Monday 23 November 2026, 10:00 in Tokyo.
var now = time.Date(2026, 11, 23, 10, 0, 0, 0, time.FixedZone("JST", 9*3600))

// hangGuard bounds a wait that only a bug makes long: the test fails instead of hanging.
const hangGuard = 20 * time.Second

// client talks to a Server over in-memory pipes, as an editor would over stdio.
type client struct {
	t      *testing.T
	w      *io.PipeWriter // the server's stdin
	srvOut *io.PipeWriter
	resps  chan message
	notes  chan message
	exit   chan int
	nextID int
	dir    string
}

// start runs a server with opts (In and Out are the pipes) and a client to talk to it.
func start(t *testing.T, opts Options) *client {
	t.Helper()
	srvIn, cliW := io.Pipe()
	cliR, srvOut := io.Pipe()
	opts.In, opts.Out = srvIn, srvOut
	if opts.Now == nil {
		opts.Now = func() time.Time { return now }
	}
	if opts.Getenv == nil {
		opts.Getenv = func(string) string { return "" }
	}
	c := &client{t: t, w: cliW, srvOut: srvOut, resps: make(chan message, 100), notes: make(chan message, 1000), exit: make(chan int, 1), dir: opts.WorkDir}
	s := New(opts)
	go func() {
		code := s.Run()
		srvIn.Close() // as a process's exit closes its stdin: the client's writes fail, not block
		srvOut.Close()
		c.exit <- code
	}()
	go func() {
		r := newReader(cliR)
		for {
			body, err := r.read()
			if err != nil {
				close(c.notes)
				return
			}
			// encoding/json reads invalid UTF-8 without complaint; JSON text is UTF-8, and a client
			// in another language may refuse the message
			if !utf8.Valid(body) {
				t.Errorf("server sent a message that is not UTF-8: %q", body)
			}
			var m message
			if err := json.Unmarshal(body, &m); err != nil {
				t.Errorf("server sent malformed JSON: %v: %s", err, body)
				continue
			}
			if m.Method == "" {
				c.resps <- m
			} else {
				c.notes <- m
			}
		}
	}()
	t.Cleanup(func() {
		cliW.Close()
		select {
		case <-c.exit:
		case <-time.After(hangGuard):
			t.Error("the server did not stop after its input closed")
		}
	})
	return c
}

// raw writes bytes as they are, framing included.
func (c *client) raw(b string) {
	c.t.Helper()
	if _, err := io.WriteString(c.w, b); err != nil {
		c.t.Logf("write to server: %v", err) // the server may have stopped reading: the test says why
	}
}

// frame writes one message body with its header.
func (c *client) frame(body []byte) {
	c.raw(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body))
}

func (c *client) send(m map[string]any) {
	c.t.Helper()
	m["jsonrpc"] = "2.0"
	body, err := json.Marshal(m)
	if err != nil {
		c.t.Fatal(err)
	}
	c.frame(body)
}

// request sends a request and returns its response.
func (c *client) request(method string, params any) message {
	c.t.Helper()
	c.nextID++
	id := c.nextID
	c.send(map[string]any{"id": id, "method": method, "params": params})
	return c.response(fmt.Sprint(id))
}

// response waits for the response with the given id (as JSON).
func (c *client) response(id string) message {
	c.t.Helper()
	for {
		select {
		case m := <-c.resps:
			if string(m.ID) == id {
				return m
			}
		case <-time.After(hangGuard):
			c.t.Fatalf("no response to request %s", id)
		}
	}
}

// result decodes a successful response into v.
func (c *client) result(m message, v any) {
	c.t.Helper()
	if m.Error != nil {
		c.t.Fatalf("error response: %v", m.Error)
	}
	if err := json.Unmarshal(m.Result, v); err != nil {
		c.t.Fatalf("decode result %s: %v", m.Result, err)
	}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	c.send(map[string]any{"method": method, "params": params})
}

// note waits for the next notification (or server request) of a method, skipping others.
func (c *client) note(method string) message {
	c.t.Helper()
	for {
		select {
		case m, ok := <-c.notes:
			if !ok {
				c.t.Fatalf("the server stopped before sending %s", method)
			}
			if m.Method == method {
				return m
			}
		case <-time.After(hangGuard):
			c.t.Fatalf("no %s from the server", method)
		}
	}
}

// diagnostics waits for the diagnostics of uri.
func (c *client) diagnostics(uri string) []Diagnostic {
	c.t.Helper()
	for {
		m := c.note("textDocument/publishDiagnostics")
		var p publishDiagnosticsParams
		if err := json.Unmarshal(m.Params, &p); err != nil {
			c.t.Fatal(err)
		}
		if p.URI == uri {
			return p.Diagnostics
		}
	}
}

// initialize runs the handshake with the given initialize params.
func (c *client) initialize(params map[string]any) initializeResult {
	c.t.Helper()
	if params == nil {
		params = map[string]any{}
	}
	if _, ok := params["rootUri"]; !ok {
		params["rootUri"] = pathURI(c.dir)
	}
	var res initializeResult
	c.result(c.request("initialize", params), &res)
	c.notify("initialized", map[string]any{})
	return res
}

// open sends didOpen for a file of the repository and returns its URI.
func (c *client) open(rel, text string) string {
	c.t.Helper()
	uri := pathURI(filepath.Join(c.dir, filepath.FromSlash(rel)))
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
	return uri
}

// repo makes a repository with .pm.yaml and the given files.
func repo(t *testing.T, files map[string]string) string {
	t.Helper()
	testenv.NeedGit(t)
	r := testrepo.New(t, "Aiko Sato", "aiko@example.com", "commit.gpgsign", "false")
	for rel, content := range files {
		r.Write(rel, content)
	}
	return r.Dir
}

// pmYAML is the repository's settings: Tokyo time, no public holidays (deadlines count weekdays),
// a vocabulary of services.
const pmYAML = `timezone: Asia/Tokyo
services:
  - name: checkout
    description: the checkout service
  - name: payments
    description: card payments
`

// japanese is a Draft postmortem in Japanese with emoji (outside the BMP) before its findings, a
// banned word in the external message and a Responders section without a scribe.
const japanese = `---
title: 決済の遅延 🚨
severity: SEV-1
status: Draft
owner: 佐藤 愛子
incident_commander: 森 健
incident_date: 2026-11-20
meeting: ""
external_message: true
services:
  - checkout
related: []
---

# 決済の遅延 🚨

## 概要

🔥🔥 決済が 38 分間 遅延しました。TODO 数字を確認

## なにが起きたか

設定変更で接続プールが枯渇しました。

## 根本原因

接続プールの上限が低すぎました。

## 解決

上限を戻しました。

## 影響

注文の 12% が失敗しました。

## 対応者

- インシデントコマンダー: 森 健

## タイムライン

| 時刻 | 出来事 | データへのリンク |
| --- | --- | --- |
| 2026-11-20 09:14 JST | 🚀 デプロイ | https://grafana.example.com/d/1 |

## アクションアイテム

| Priority | Action | Type | Owner | Due | Ticket |
| --- | --- | --- | --- | --- | --- |
| P0 | 接続プールの監視を追加 | prevent | 森 健 | 2026-11-30 | OPS-1 |
| P1 | 設定変更のレビュー手順 | process | 佐藤 愛子 | | OPS-2 |

## 対外メッセージ

🙏 決済サービスが停止しました。
`

// lineOf is the 0-based line of the first line of text holding s, and the UTF-16 offset of s in it.
func lineOf(t *testing.T, text, s string) Position {
	t.Helper()
	for i, line := range strings.Split(text, "\n") {
		if j := strings.Index(line, s); j >= 0 {
			return Position{Line: i, Character: len(utf16.Encode([]rune(line[:j])))}
		}
	}
	t.Fatalf("%q not in the text", s)
	return Position{}
}
