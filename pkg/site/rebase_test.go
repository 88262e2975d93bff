package site

import "testing"

// TestRebased: an External Message's addresses, made for its postmortem's page in pm/, lead to the
// same place from a page at the root and from one in another folder; what is not a relative
// address stays, and only headings lose their ids.
func TestRebased(t *testing.T) {
	for _, c := range []struct{ in, root, messages string }{
		{`<a href="../pm/b.html">b</a>`, `<a href="pm/b.html">b</a>`, `<a href="../pm/b.html">b</a>`},
		{`<a href="../pm/b.html#x" title="t">b</a>`, `<a href="pm/b.html#x" title="t">b</a>`, `<a href="../pm/b.html#x" title="t">b</a>`},
		{`<a href="#impact">i</a>`, `<a href="pm/a.html#impact">i</a>`, `<a href="../pm/a.html#impact">i</a>`},
		{`<img src="diagram.png" alt="d">`, `<img src="pm/diagram.png" alt="d">`, `<img src="../pm/diagram.png" alt="d">`},
		{`<a href="../../docs/run.md?x=1&amp;y=2">r</a>`, `<a href="../docs/run.md?x=1&amp;y=2">r</a>`, `<a href="../../docs/run.md?x=1&amp;y=2">r</a>`},
		{`<a href="sub/">s</a>`, `<a href="pm/sub/">s</a>`, `<a href="../pm/sub/">s</a>`},
		{`<a href="../messages/2026.html">m</a>`, `<a href="messages/2026.html">m</a>`, `<a href="2026.html">m</a>`},
		{`<a href="https://example.com/a?b">e</a> <a href="mailto:x@example.com">m</a> <a href="/abs">a</a>`,
			`<a href="https://example.com/a?b">e</a> <a href="mailto:x@example.com">m</a> <a href="/abs">a</a>`,
			`<a href="https://example.com/a?b">e</a> <a href="mailto:x@example.com">m</a> <a href="/abs">a</a>`},
		{`<h3 id="details">Details <a class="anchor" href="#details" aria-hidden="true">#</a></h3>`,
			`<h3>Details <a class="anchor" href="pm/a.html#details" aria-hidden="true">#</a></h3>`,
			`<h3>Details <a class="anchor" href="../pm/a.html#details" aria-hidden="true">#</a></h3>`},
		{`<p>href="x" is text: a &lt;a href=&quot;y&quot;&gt;</p><div id="keep"></div><hr>`,
			`<p>href="x" is text: a &lt;a href=&quot;y&quot;&gt;</p><div id="keep"></div><hr>`,
			`<p>href="x" is text: a &lt;a href=&quot;y&quot;&gt;</p><div id="keep"></div><hr>`},
		{`<pre class="chroma"><code>a &lt; b &amp;&amp; c &gt; d</code></pre>`, `<pre class="chroma"><code>a &lt; b &amp;&amp; c &gt; d</code></pre>`,
			`<pre class="chroma"><code>a &lt; b &amp;&amp; c &gt; d</code></pre>`},
	} {
		if got := string(rebased(nil, []byte(c.in), "pm/a.html", "messages.html")); got != c.root {
			t.Errorf("messages.html: %s\ngot  %s\nwant %s", c.in, got, c.root)
		}
		if got := string(rebased(nil, []byte(c.in), "pm/a.html", "messages/2026.html")); got != c.messages {
			t.Errorf("messages/2026.html: %s\ngot  %s\nwant %s", c.in, got, c.messages)
		}
	}
}
