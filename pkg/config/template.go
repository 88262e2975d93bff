package config

import "strings"

// Template is the .pm.yaml that `pm init` writes: every key with its default
// value and a comment on what it does. Parsing it gives Default(), with the
// timezone left to the machine's zone.
const Template = `# Settings for pm, the postmortem tool. Every key is optional: the values
# below are the defaults, and a key left out (or left empty) keeps its default.

# Folder holding the postmortems, relative to the repository root.
dir: postmortems

# Language of new postmortems: en or ja.
language: en

# Time zone in which incident dates and business days are counted, as an IANA
# name. Left out, the zone of the machine running pm is used, which may differ
# between team members: setting it is recommended.
# timezone: Asia/Tokyo

# Days without postmortem meetings, besides Saturdays and Sundays.
holidays:
  # Public holidays of a country: JP, US (federal holidays, on the days they
  # are observed), or "" for none.
  country: ""
  # Further days off, such as a company's year-end break, as YYYY-MM-DD.
  dates: []

# Business days after the incident by which the postmortem meeting must be
# held, per severity (SEV-1 to SEV-5). A severity not listed has no deadline;
# "off" removes one of the defaults.
meeting_sla:
  SEV-1: 3
  SEV-2: 5

# Calendar days after the incident by which an action item is due when its
# Due column is empty, per severity; pm actions --overdue lists the items
# past it that are not done. "off" removes one of the defaults.
action_item_deadline:
  SEV-1: 15
  SEV-2: 30

# A postmortem that is not Closed is reported as overdue when its status has
# not changed for more than this many days.
stale_days: 14

# Web address the postmortem folder's files are linked from in messages,
# e.g. https://github.com/acme/postmortems/blob/main. Left out, messages give
# the file's path.
# repo_url: https://github.com/acme/postmortems/blob/main

# Customer liaison, invited as an optional attendee to SEV-1 postmortem
# meetings ("Name <email>").
# customer_liaison: "Kim Lee <kim@example.com>"

# Addresses of the internal summary email that pm message internal --format
# eml writes.
# mail:
#   from: "Aiko Sato <aiko@example.com>"
#   to: ["Engineering <eng@example.com>"]
#   cc: []

# The values the front matter fields services, tags and contributing_factors
# may take. Each entry is a name, or a mapping of name, description and
# aliases (other spellings that stand for the name, in any language). A field
# without a list takes any value; with one, pm lint warns about other values.
# services:
#   - checkout
#   - name: payments-api
#     description: the card payments API
#     aliases: [payments, 決済API]
# tags: [database, network]
# contributing_factors: [config-change, missing-alert]

# The Slack workspace's address: pm timeline import slack links each timeline
# row to its message's permalink under it.
# slack:
#   workspace_url: https://acme.slack.com

# Words that make a Slack message a follow-up candidate for pm timeline import
# --todos (any letter case). A list given here replaces the default one.
# timeline:
#   todo_words: [TODO, we should, action item, フォローアップ, 要対応, あとで]

lint:
  # Severity of a check, by rule id: off, warning or error. Checks not listed
  # keep their usual severity.
  rules: {}
  # Largest number of action items a postmortem may list.
  max_action_items: 10
  # Words to avoid, and what to write instead. A list given here replaces
  # this default one. A word matches whole words in any letter case, plural
  # "s" included; sections (by name) default to External Message.
  banned_words:
    - word: outage
      suggest: [incident, service degradation]
      sections: [External Message]
    - word: 停止
      suggest: [インシデント, サービス劣化]
      sections: [External Message]
`

// TemplateFor is Template with language set to lang ("en" or "ja"): pm init writes the language the
// person setting up pm works in.
func TemplateFor(lang string) string {
	if lang != "ja" {
		return Template
	}
	return strings.Replace(Template, "\nlanguage: en\n", "\nlanguage: ja\n", 1)
}
