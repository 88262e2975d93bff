package config

import (
	"strings"
	"testing"
)

func TestMessageKeys(t *testing.T) {
	cfg, err := Parse(".pm.yaml", []byte("repo_url: https://github.com/acme/pm/blob/main/\ncustomer_liaison: \"Kim Lee <kim@example.com>\"\nmail:\n  from: a@example.com\n  to: [\"Eng <eng@example.com>\", ops@example.com]\n  cc: []\n"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.RepoURL != "https://github.com/acme/pm/blob/main" || cfg.CustomerLiaison != "Kim Lee <kim@example.com>" ||
		cfg.Mail.From != "a@example.com" || len(cfg.Mail.To) != 2 {
		t.Errorf("%+v", cfg)
	}
	bad := map[string]string{
		"repo_url: ftp://x\n":                ".pm.yaml:1: repo_url",
		"repo_url: [a]\n":                    ".pm.yaml:1: repo_url",
		"customer_liaison: not an address\n": ".pm.yaml:1: customer_liaison",
		"mail:\n  to: [\"x y z\"]\n":         ".pm.yaml:2: mail.to",
		"mail:\n  bcc: [a@example.com]\n":    `.pm.yaml:2: unknown key "bcc" in mail`,
		"mail: yes\n":                        ".pm.yaml:1: mail: want a mapping",
		"mail:\n  from: [a@example.com]\n":   ".pm.yaml:2: mail.from",
		// a local part in other letters than ASCII cannot be written in a mail draft's header
		"mail:\n  to: [\"用户@例子.jp\"]\n": `.pm.yaml:2: mail.to: "用户@例子.jp" has letters other than ASCII before its @`,
	}
	for src, want := range bad {
		_, err := Parse(".pm.yaml", []byte(src))
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: %v, want prefix %q", src, err, want)
		}
	}
}
