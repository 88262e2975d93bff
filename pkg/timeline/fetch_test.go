package timeline

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestFetchPagerDutyPages(t *testing.T) {
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = append(seen, r.URL.Path+"?"+r.URL.RawQuery)
		if r.Header.Get("Authorization") != "Token token=secret" || !strings.Contains(r.Header.Get("Accept"), "version=2") {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		switch r.URL.Query().Get("offset") {
		case "0":
			fmt.Fprint(w, `{"log_entries":[{"type":"trigger_log_entry","created_at":"2026-11-20T00:13:30Z","summary":"Triggered","html_url":"https://x/1","incident":{"id":"PX"}},
				{"type":"notify_log_entry","created_at":"2026-11-20T00:13:31Z","summary":"Notified"}],"more":true,"offset":0,"limit":100}`)
		case "2":
			fmt.Fprint(w, `{"log_entries":[{"type":"resolve_log_entry","created_at":"2026-11-20T00:55:00Z","summary":"Resolved","html_url":"https://x/3"}],"more":false,"offset":2,"limit":100}`)
		default:
			http.Error(w, "bad offset", http.StatusBadRequest)
		}
	}))
	defer srv.Close()
	data, err := FetchPagerDuty(context.Background(), srv.Client(), srv.URL+"/", "secret", "PX")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(seen, " ") != "/incidents/PX/log_entries?limit=100&offset=0&time_zone=UTC /incidents/PX/log_entries?limit=100&offset=2&time_zone=UTC" {
		t.Errorf("requests %q", seen)
	}
	pd, err := ReadPagerDuty(strings.NewReader(string(data)), "fetched", Window{})
	if err != nil {
		t.Fatal(err)
	}
	if len(pd.Events) != 2 || pd.Events[1].Text != "Resolved: Resolved" || pd.Events[1].Link != "https://x/3" || pd.Incident != "PX" {
		t.Errorf("%q", rows(pd.Events))
	}
	_, err = FetchPagerDuty(context.Background(), srv.Client(), srv.URL, "wrong", "PX")
	if err == nil || !strings.Contains(err.Error(), "401") || strings.Contains(err.Error(), "wrong") {
		t.Errorf("a refused token: %v (the token must not be shown)", err)
	}
}

func TestFetchPagerDutyPageTooLarge(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"log_entries":[],"more":false,"pad":"`)
		fmt.Fprint(w, strings.Repeat("x", maxPagerDutyPage))
		fmt.Fprint(w, `"}`)
	}))
	defer srv.Close()
	_, err := FetchPagerDuty(context.Background(), srv.Client(), srv.URL, "secret", "PX")
	if err == nil || !strings.Contains(err.Error(), "pagerduty incident PX: a page of log entries larger than 64 MiB") {
		t.Errorf("got %v", err)
	}
}
