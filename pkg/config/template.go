package config

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
# row to the permalink of the Slack message it came from.
# slack:
#   workspace_url: https://acme.slack.com

# Words that make a Slack message a follow-up candidate for pm timeline import
# --todos (any letter case). A list given here replaces the default one.
# timeline:
#   todo_words: [TODO, we should, action item, フォローアップ, 要対応, あとで]

# pm site leaves raw HTML in the postmortems out (the text between its tags
# stays), and drops the address of javascript: links. A team whose every writer
# is trusted may let them through.
# site:
#   unsafe_html: false

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

// TemplateJA is Template for a team that works in Japanese: the same keys and values, language ja,
// and its comments in Japanese.
const TemplateJA = `# pm (ポストモーテムのツール) の設定です。どのキーも省略できます。下の値は
# 既定値で、省略した (または空にした) キーは既定値のままです。

# ポストモーテムを置くフォルダー (リポジトリのルートからの相対パス)。
dir: postmortems

# 新しいポストモーテムの言語: en または ja。
language: ja

# インシデントの日付と営業日を数えるタイムゾーン (IANA の名前)。省略すると
# pm を実行するマシンのゾーンを使うため、メンバーごとに違うことがあります。
# 設定をおすすめします。
# timezone: Asia/Tokyo

# 土日のほかに、ポストモーテムのミーティングを開かない日。
holidays:
  # 国の祝日: JP、US (連邦の祝日。振替のある日は振替日)、なしは ""。
  country: ""
  # 年末年始休暇など、そのほかの休日 (YYYY-MM-DD)。
  dates: []

# インシデントから何営業日以内にポストモーテムのミーティングを開くか
# (重大度 SEV-1〜SEV-5 ごと)。書いていない重大度には期限がありません。
# "off" で既定の期限を外せます。
meeting_sla:
  SEV-1: 3
  SEV-2: 5

# Due 列が空のアクションアイテムの期日を、インシデントから何日後 (暦日) とするか
# (重大度ごと)。pm actions --overdue は期日を過ぎて完了していない項目を一覧します。
# "off" で既定の期日を外せます。
action_item_deadline:
  SEV-1: 15
  SEV-2: 30

# Closed でないポストモーテムのステータスがこの日数より長く変わらないと、
# 期限切れとして報告します。
stale_days: 14

# メッセージでポストモーテムのファイルへのリンクに使う Web アドレス。
# 例: https://github.com/acme/postmortems/blob/main 。省略するとファイルのパスを書きます。
# repo_url: https://github.com/acme/postmortems/blob/main

# 顧客窓口。SEV-1 のポストモーテムのミーティングに任意の出席者として招待します
# ("名前 <email>")。
# customer_liaison: "Kim Lee <kim@example.com>"

# pm message internal --format eml が書く社内向けまとめメールのアドレス。
# mail:
#   from: "Aiko Sato <aiko@example.com>"
#   to: ["Engineering <eng@example.com>"]
#   cc: []

# フロントマターの services、tags、contributing_factors に使える値。各項目は
# 名前か、name・description・aliases (同じものを指す別の書き方。どの言語でも可)
# の組です。一覧のないフィールドはどんな値も受け付け、一覧があると、それ以外の値に
# pm lint が警告します。
# services:
#   - checkout
#   - name: payments-api
#     description: カード決済の API
#     aliases: [payments, 決済API]
# tags: [database, network]
# contributing_factors: [config-change, missing-alert]

# Slack のワークスペースのアドレス: pm timeline import slack は、タイムラインの
# 各行を元の Slack メッセージのパーマリンクにリンクします。
# slack:
#   workspace_url: https://acme.slack.com

# pm timeline import --todos で、Slack のメッセージをフォローアップの候補にする
# 語 (大文字と小文字は区別しません)。ここに書いた一覧が既定の一覧に置き換わります。
# timeline:
#   todo_words: [TODO, we should, action item, フォローアップ, 要対応, あとで]

# pm site は、ポストモーテムの中の生の HTML を載せず (タグの間の文字は残ります)、
# javascript: のリンクからはアドレスを外します。書き手全員を信頼できる
# チームは、そのまま通せます。
# site:
#   unsafe_html: false

lint:
  # ルール ID ごとの検査の重大度: off、warning、error。書いていない検査は
  # いつもの重大度のままです。
  rules: {}
  # 1 つのポストモーテムに書けるアクションアイテムの最大数。
  max_action_items: 10
  # 避ける語と、代わりに書く語。ここに書いた一覧が既定の一覧に置き換わります。
  # 語は単語全体に、大文字と小文字を区別せず、英語の複数形の "s" も含めて
  # 一致します。sections (セクション名) の既定は External Message です。
  banned_words:
    - word: outage
      suggest: [incident, service degradation]
      sections: [External Message]
    - word: 停止
      suggest: [インシデント, サービス劣化]
      sections: [External Message]
`

// TemplateFor is the .pm.yaml pm init writes for lang ("en" or "ja"): the language the person setting
// up pm works in, and the comments in it.
func TemplateFor(lang string) string {
	if lang == "ja" {
		return TemplateJA
	}
	return Template
}
