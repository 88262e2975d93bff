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
	// a name with a comma needs no quotes, as git reads an identity and pm meeting --attendee does
	cfg, err = Parse(".pm.yaml", []byte("customer_liaison: \"Kim Lee, CS <kim@example.com>\"\nmail:\n  to: [\"Engineering, Core <eng@example.com>\"]\n"))
	if err != nil || cfg.CustomerLiaison != "Kim Lee, CS <kim@example.com>" || len(cfg.Mail.To) != 1 {
		t.Errorf("a name with a comma: %v %+v", err, cfg)
	}
	if a, err := ParseAddress(`"Mori, Ken" <ken@example.com>`); err != nil || a.Name != "Mori, Ken" || a.Address != "ken@example.com" {
		t.Errorf("quoted: %+v %v", a, err)
	}
	bad := map[string]string{
		"customer_liaison: \"a <b> <c@example.com>\"\n": ".pm.yaml:1: customer_liaison",
		"repo_url: ftp://x\n":                           ".pm.yaml:1: repo_url",
		"repo_url: [a]\n":                               ".pm.yaml:1: repo_url",
		"customer_liaison: not an address\n":            ".pm.yaml:1: customer_liaison",
		"mail:\n  to: [\"x y z\"]\n":                    ".pm.yaml:2: mail.to",
		"mail:\n  bcc: [a@example.com]\n":               `.pm.yaml:2: unknown key "bcc" in mail`,
		"mail: yes\n":                                   ".pm.yaml:1: mail: want a mapping",
		"mail:\n  from: [a@example.com]\n":              ".pm.yaml:2: mail.from",
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
