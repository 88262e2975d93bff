package i18n

// message returns the formats of a message id, {English, Japanese}. Japanese formats may reorder
// arguments with %[n]s. Rule IDs, JSON and SARIF field names are never translated.
// It is a switch on constant strings, not a map: a map this size would be built by code at start-up
// or on first use in every pm process (about 50 µs here, before the first message), where the
// compiler turns a switch into a binary search over constants that costs nothing until it is called.
func message(id string) (m [2]string, ok bool) {
	switch id {
	// Edits of a document that pm refuses to make (pkg/postmortem).
	case "edit.no-key":
		return [2]string{"cannot find key %s on line %d", "%[2]d 行目にキー %[1]s が見つかりません"}, true
	case "edit.no-colon":
		return [2]string{"cannot find %s's colon on line %d", "%[2]d 行目に %[1]s のコロンが見つかりません"}, true
	case "edit.multiline":
		return [2]string{"%s on line %d spans several lines; edit it by hand", "%[2]d 行目の %[1]s は複数行にわたっています。手で編集してください"}, true
	case "edit.not-single":
		return [2]string{"%s on line %d is not a single value", "%[2]d 行目の %[1]s は 1 つの値ではありません"}, true
	case "edit.no-front":
		return [2]string{"no usable front matter to edit", "編集できるフロントマターがありません"}, true
	case "edit.no-readback":
		return [2]string{"%s would not read back as the value written; edit it by hand", "%s を書き換えると、書いた値として読み戻せません。手で編集してください"}, true
	case "edit.history-cannot":
		return [2]string{"cannot append to status_history", "status_history に追記できません"}, true
	case "edit.history-not-list":
		return [2]string{"status_history is not a list pm can append to", "status_history は pm が追記できるリストではありません"}, true
	case "edit.history-others":
		return [2]string{"appending to status_history would change its other entries; edit it by hand", "status_history に追記すると他の項目が変わってしまいます。手で編集してください"}, true
	case "edit.list-end":
		return [2]string{"cannot find the end of %s; edit it by hand", "%s の終わりが見つかりません。手で編集してください"}, true
	case "edit.not-list":
		return [2]string{"%s is not a list pm can add to; edit it by hand", "%s は pm が追加できるリストではありません。手で編集してください"}, true
	case "edit.list-readback":
		return [2]string{"adding to %s would not read back as written; edit it by hand", "%s に追加すると、書いたとおりに読み戻せません。手で編集してください"}, true
	case "edit.twice":
		return [2]string{"%s is set twice in the front matter; keep one and run again", "フロントマターで %s が 2 回設定されています。1 つにしてから実行し直してください"}, true
	case "edit.break":
		return [2]string{"editing %s would break the front matter; edit it by hand", "%s を編集するとフロントマターが壊れます。手で編集してください"}, true
	case "edit.body":
		return [2]string{"editing %s would change the body; edit it by hand", "%s を編集すると本文が変わってしまいます。手で編集してください"}, true
	case "edit.change":
		return [2]string{"editing %s would change %s; edit it by hand", "%s を編集すると %s が変わってしまいます。手で編集してください"}, true
	case "edit.add":
		return [2]string{"editing %s would add %s; edit it by hand", "%s を編集すると %s が追加されてしまいます。手で編集してください"}, true
	case "edit.no-actions":
		return [2]string{"no Action Items table to edit", "編集できるアクションアイテムの表がありません"}, true
	case "edit.no-row":
		return [2]string{"the Action Items table has no row %d", "アクションアイテムの表に %d 行目はありません"}, true
	case "edit.column-name":
		return [2]string{"column name %q cannot be a header cell", "列名 %q は表の見出しのセルにできません"}, true
	case "edit.action-rows":
		return [2]string{"cannot find the rows of the Action Items table; edit it by hand", "アクションアイテムの表の行が見つかりません。手で編集してください"}, true
	case "edit.table-by-hand":
		return [2]string{"%s; edit the table by hand", "%s。表を手で編集してください"}, true
	case "edit.cell":
		return [2]string{"a table cell cannot hold a pipe or a line break", "表のセルにはパイプ記号 (|) や改行を入れられません"}, true
	case "edit.row-cells":
		return [2]string{"a row has more cells than the header", "見出しよりセルの多い行があります"}, true
	case "edit.no-delimiter":
		return [2]string{"no delimiter row below the header", "見出しの下に区切り行がありません"}, true
	case "edit.delimiter-indent":
		return [2]string{"the delimiter row is not indented as the header is", "区切り行の字下げが見出しと揃っていません"}, true
	case "edit.delimiter-cells":
		return [2]string{"the delimiter row does not have a cell per column", "区切り行のセルの数が列の数と合いません"}, true
	case "edit.status-would":
		return [2]string{"setting the Status of action items would %s; edit the table by hand", "アクションアイテムの Status を設定すると%sが変わってしまいます。表を手で編集してください"}, true
	case "edit.would.tables":
		return [2]string{"change the tables", "表"}, true
	case "edit.would.front":
		return [2]string{"change the front matter", "フロントマター"}, true
	case "edit.would.rows":
		return [2]string{"change the table's rows", "表の行"}, true
	case "edit.would.header":
		return [2]string{"change the table's header", "表の見出し"}, true
	case "edit.no-body":
		return [2]string{"the front matter does not parse, so pm cannot tell where the body starts", "フロントマターが読めないため、本文の始まりがわかりません"}, true
	case "edit.timeline-tables":
		return [2]string{"the Timeline section has %d tables; join them into one to add rows in time order", "タイムラインのセクションに表が %d 個あります。時刻順に行を追加するには 1 つにまとめてください"}, true
	case "edit.timeline-rows":
		return [2]string{"cannot find the rows of the Timeline table; edit it by hand", "タイムラインの表の行が見つかりません。手で編集してください"}, true
	case "edit.timeline-start":
		return [2]string{"cannot find the start of the Timeline table's lines; edit it by hand", "タイムラインの表の行の始まりが見つかりません。手で編集してください"}, true
	case "edit.timeline-columns":
		return [2]string{"the Timeline table has no separate time and event columns; edit it by hand", "タイムラインの表に時刻と出来事の列が別々にありません。手で編集してください"}, true
	case "edit.timeline-front":
		return [2]string{"adding timeline rows would change the front matter; edit it by hand", "タイムラインに行を追加するとフロントマターが変わってしまいます。手で編集してください"}, true
	case "edit.timeline-pipes":
		return [2]string{"adding these rows would take the document's tables past %d escaped pipes (\\|), beyond which pm stops reading a table (too-complex); write some of those pipes another way (/ or ¦) or import fewer rows", "これらの行を追加すると文書の表のエスケープされたパイプ (\\|) が %d を超え、pm はその先の表を読まなくなります (too-complex)。いくつかのパイプを別の文字 (/ や ¦) に書き換えるか、取り込む行を減らしてください"}, true
	case "edit.timeline-cells":
		return [2]string{"adding these rows would take the document's tables past %d cells, beyond which pm stops reading a table (too-complex); import fewer rows", "これらの行を追加すると文書の表のセルが %d を超え、pm はその先の表を読まなくなります (too-complex)。取り込む行を減らしてください"}, true
	case "edit.timeline-shape":
		return [2]string{"adding timeline rows would change the table's shape; edit it by hand", "タイムラインに行を追加すると表の形が変わってしまいます。手で編集してください"}, true
	case "edit.timeline-readback":
		return [2]string{"the row %q would not read back from the Timeline table; edit it by hand", "行 %q がタイムラインの表から読み戻せません。手で編集してください"}, true
	case "edit.responders-front":
		return [2]string{"adding responders would change the front matter; edit it by hand", "対応者を追加するとフロントマターが変わってしまいます。手で編集してください"}, true
	case "edit.candidates-table":
		return [2]string{"adding follow-up candidates would change the Action Items table; edit it by hand", "フォローアップ候補を追加するとアクションアイテムの表が変わってしまいます。手で編集してください"}, true
	// Front matter (pkg/postmortem problems, reported by the front-matter rule).
	case "meeting.no-ics-folder":
		return [2]string{"--ics: cannot make the invitation's folder %v: give --ics PATH (or --ics - for stdout)", "--ics: 招待状のフォルダー %v を作れません: --ics PATH で場所を指定してください (--ics - で標準出力)"}, true
	case "timeline.outside":
		return [2]string{"note: %[2]s has %[1]s outside %[3]s – %[4]s, not imported (--from and --to widen the window)", "注: %[2]s には %[3]s – %[4]s の範囲外の記録が %[1]sあり、取り込んでいません (--from と --to で範囲を広げられます)"}, true
	case "sarif.full-description":
		return [2]string{"%s. Default severity: %s.", "%s。既定の重大度: %s。"}, true
	case "fm.toml":
		return [2]string{"front matter in TOML (+++) is not read: pm reads YAML fields between --- lines (title: \"…\")", "TOML (+++) のフロントマターは読みません: pm が読むのは --- で囲んだ YAML のフィールドです (title: \"…\")"}, true
	case "fm.none":
		return [2]string{"no front matter: a postmortem starts with a --- block of YAML fields", "フロントマターがありません: ポストモーテムは --- で囲んだ YAML のフィールドで始まります"}, true
	case "fm.unclosed":
		return [2]string{"front matter never closes: add a --- line after the fields", "フロントマターが閉じていません: フィールドの後に --- の行を追加してください"}, true
	case "fm.yaml":
		return [2]string{"malformed YAML in front matter: %s", "フロントマターの YAML が不正です: %s"}, true
	case "fm.empty":
		return [2]string{"front matter is empty", "フロントマターが空です"}, true
	case "fm.not-mapping":
		return [2]string{"front matter must be a mapping of key: value fields", "フロントマターは key: value のフィールドの集まりでなければなりません"}, true
	case "fm.duplicate":
		return [2]string{"duplicate key %q", "キー %q が重複しています"}, true
	case "fm.missing":
		return [2]string{"missing %s in front matter", "フロントマターに %s がありません"}, true
	case "fm.alias":
		return [2]string{"%s: aliases are not allowed in front matter", "%s: フロントマターではエイリアスを使えません"}, true
	case "fm.not-scalar":
		return [2]string{"%s must be a single value, not a %s", "%s は単一の値でなければなりません (%s ではなく)"}, true
	case "fm.value-empty":
		return [2]string{"%s is empty", "%s が空です"}, true
	case "fm.severity":
		return [2]string{"severity %q is not one of SEV-1 … SEV-5", "severity %q は SEV-1 … SEV-5 のいずれでもありません"}, true
	case "fm.status-spelling":
		return [2]string{"status %q is written %q", "status %q は %q と書きます"}, true
	case "fm.severity-spelling":
		return [2]string{"severity %q is written %q", "severity %q は %q と書きます"}, true
	case "fix.severity-spelling":
		return [2]string{"Write severity %q as %q", "severity の %q を %q に書き換え"}, true
	case "fm.date-spelling":
		return [2]string{"incident_date %q is written %q", "incident_date %q は %q と書きます"}, true
	case "fm.date-weekday":
		return [2]string{"incident_date %q: %s", "incident_date %q: %s"}, true
	case "fix.date-spelling":
		return [2]string{"Write incident_date %q as %q", "incident_date の %q を %q に書き換え"}, true
	case "fix.status-spelling":
		return [2]string{"Write status %q as %q", "status の %q を %q に書き換え"}, true
	case "fm.status":
		return [2]string{"status %q is not one of Draft, In Review, Reviewed, Closed", "status %q は Draft, In Review, Reviewed, Closed のいずれでもありません"}, true
	case "fm.date-empty":
		return [2]string{"incident_date is empty", "incident_date が空です"}, true
	case "status.history-reviewed-early":
		return [2]string{"status_history: Reviewed at %s, before the meeting (%s): the process reaches Reviewed at the meeting, and pm status records it only once the meeting has begun (written by hand? correct its time, or mark it forced: true)", "status_history: Reviewed が %s で、ミーティング (%s) より前です: プロセスではミーティングで Reviewed になり、pm status はミーティングが始まってからしか記録しません (手で書きましたか？ 時刻を直すか forced: true を付けてください)"}, true
	case "fm.meeting-before-incident":
		return [2]string{"meeting %q is before the incident date %s: no meeting of this incident can be then (a year typed wrong?)", "meeting %q はインシデント発生日 %s より前です: このインシデントのミーティングではありえません (年の誤り?)"}, true
	case "fm.zero-time":
		return [2]string{"%s %q is the first instant of year 1, which pm cannot tell from no date: write the real one", "%s %q は 1 年の最初の時刻で、日付がないのと区別できません: 実際の日時を書いてください"}, true
	case "fm.date":
		return [2]string{"incident_date %q is not a date (want YYYY-MM-DD or an RFC 3339 time)", "incident_date %q は日付ではありません (YYYY-MM-DD か RFC 3339 の時刻)"}, true
	case "gate.bad-meeting":
		return [2]string{"meeting %q is not a time pm reads: set it again with pm meeting --at, hold it, then mark it reviewed", "meeting %q は pm が読める時刻ではありません: pm meeting --at で設定し直し、開催してから reviewed にしてください"}, true
	case "fm.meeting":
		return [2]string{"meeting %q is not an RFC 3339 time (like 2026-11-26T10:00:00+09:00)", "meeting %q は RFC 3339 の時刻ではありません (例: 2026-11-26T10:00:00+09:00)"}, true
	case "fm.bool":
		return [2]string{"%s must be true or false, not %q", "%s は true か false でなければなりません (%q ではなく)"}, true
	case "fm.history":
		return [2]string{"status_history must be a list of {status, at, by}", "status_history は {status, at, by} のリストでなければなりません"}, true
	case "fm.history-entry":
		return [2]string{"status_history entries must be mappings of status, at and by", "status_history の各項目は status, at, by を持つマッピングでなければなりません"}, true
	case "fm.history-duplicate":
		return [2]string{"status_history entry: duplicate key %q", "status_history の項目でキー %q が重複しています"}, true
	case "fm.history-missing":
		return [2]string{"status_history entry: missing %s", "status_history の項目に %s がありません"}, true
	case "fm.history-empty":
		return [2]string{"status_history entry: %s is empty", "status_history の項目の %s が空です"}, true
	case "fm.history-alias":
		return [2]string{"status_history entry: %s: aliases are not allowed in front matter", "status_history の項目の %s: フロントマターではエイリアスを使えません"}, true
	case "fm.history-not-scalar":
		return [2]string{"status_history entry: %s must be a single value, not a %s", "status_history の項目の %s は単一の値でなければなりません (%s ではなく)"}, true
	case "fm.history-status":
		return [2]string{"status_history entry: status %q is not one of Draft, In Review, Reviewed, Closed", "status_history の項目の status %q は Draft, In Review, Reviewed, Closed のいずれでもありません"}, true
	case "fm.history-forced":
		return [2]string{"status_history entry: forced must be true or false, not %q", "status_history の項目の forced は true か false でなければなりません (%q ではなく)"}, true
	case "fm.history-at":
		return [2]string{"status_history entry: at %q is not an RFC 3339 time (like 2026-11-26T10:00:00+09:00)", "status_history の項目の at %q は RFC 3339 の時刻ではありません (例: 2026-11-26T10:00:00+09:00)"}, true
	case "fm.list":
		return [2]string{"%s must be a list of strings or one string, not a %s", "%s は文字列のリストか 1 つの文字列でなければなりません (%s ではなく)"}, true
	case "fm.list-item":
		return [2]string{"%s must list strings, not a %s", "%s には文字列を並べてください (%s ではなく)"}, true
	case "fm.kind.list":
		return [2]string{"list", "リスト"}, true
	case "fm.kind.mapping":
		return [2]string{"mapping", "マッピング"}, true
	case "fm.kind.alias":
		return [2]string{"alias", "エイリアス"}, true
	case "fm.kind.value":
		return [2]string{"value", "値"}, true

	// Files that cannot be linted.
	case "lint.internal":
		return [2]string{"pm could not lint this file (internal error: %v); please report it", "pm はこのファイルを検査できませんでした (内部エラー: %v)。報告してください"}, true
	case "resolve.not-repo":
		return [2]string{"%s: not in a git repository, and no postmortem folder here: run pm init in a repository, or name the postmortem's path", "%s: git リポジトリの中ではなく、ポストモーテムのフォルダーもありません。リポジトリの中で pm init するか、ポストモーテムのパスを指定してください"}, true
	case "git.bad-revision":
		return [2]string{"%q names no commit here; check the branch or tag name (fetch it first if it is remote)", "%q はここのコミットを指していません。ブランチ名やタグ名を確かめてください (リモートのものなら先に fetch してください)"}, true
	case "git.beyond-shallow":
		return [2]string{"%q names no commit here, a shallow clone: it may be before the first commit fetched; fetch more history (git fetch --deepen=50, or fetch-depth: 0 in actions/checkout), or check the name", "%q はここのコミットを指していません。浅いクローン (shallow clone) なので、取得した最初のコミットより前かもしれません。履歴をもっと取得するか (git fetch --deepen=50、actions/checkout なら fetch-depth: 0)、名前を確かめてください"}, true
	case "review.note":
		return [2]string{"> **Note:** %s", "> **注:** %s"}, true
	case "git.no-merge-base":
		return [2]string{"no common commit with %s (a shallow clone cut above it, or unrelated histories): comparing with %s itself, so its own newer changes may show as this branch's; fetch more history (git fetch --deepen=50) to compare with where the branch left it", "%s との共通のコミットがありません (shallow クローンで履歴が切れているか、無関係な履歴です): %s そのものと比べるため、その側の新しい変更もこのブランチの変更として表示されることがあります。ブランチが分かれた所と比べるには履歴を取得してください (git fetch --deepen=50)"}, true
	case "lint.not-utf8":
		return [2]string{"not UTF-8 (byte 0x%02X here): pm reads a postmortem as UTF-8, so this file's findings may be wrong and pm lint --fix leaves it alone; convert it, e.g. iconv -f SHIFT_JIS -t UTF-8", "UTF-8 ではありません (0x%02X のバイトがあります): pm はポストモーテムを UTF-8 として読むため、このファイルの指摘は正しくないおそれがあり、pm lint --fix も変更しません。iconv -f SHIFT_JIS -t UTF-8 などで変換してください"}, true
	case "lint.binary":
		return [2]string{"not a text file: a postmortem is UTF-8 Markdown", "テキストファイルではありません: ポストモーテムは UTF-8 の Markdown です"}, true
	case "lint.too-large":
		return [2]string{"not a postmortem: %s; not linted", "ポストモーテムではありません: %s。検査しませんでした"}, true
	case "size.over-limit":
		return [2]string{"%s bytes, over the %d MiB (%s-byte) limit", "%s バイトで、上限の %d MiB (%s バイト) を超えています"}, true
	case "size.not-read":
		return [2]string{"%s; pm does not read it", "%s。pm は読みません"}, true
	case "lint.verbose-file":
		return [2]string{"linted %s: %s, %s", "%s を検査: %s、%s"}, true
	case "lint.took":
		return [2]string{"took %s", "所要時間 %s"}, true
	case "lint.summary":
		return [2]string{"%s linted: %s, %s", "%sを検査: %s、%s"}, true
	case "n.record":
		return [2]string{"%d record|%d records", "%d 件"}, true
	case "n.file":
		return [2]string{"%d file|%d files", "%d ファイル"}, true
	case "n.file-count":
		return [2]string{"%d file|%d files", "%d 件"}, true
	case "n.error":
		return [2]string{"%d error|%d errors", "エラー %d 件"}, true
	case "n.warning":
		return [2]string{"%d warning|%d warnings", "警告 %d 件"}, true
	case "lint.unreadable":
		return [2]string{", %s unreadable", "、読めないファイル %s"}, true
	case "lint.not-written":
		return [2]string{", %s fixed but not written", "、修正したが書き込めなかったファイル %s"}, true
	// Errors cobra and pflag word themselves (pkg/cmd/root matches their English text).
	case "cobra.unknown-flag":
		return [2]string{"unknown flag: %s", "不明なフラグです: %s"}, true
	case "cobra.unknown-shorthand":
		return [2]string{"unknown shorthand flag: '%s' in %s", "不明な短縮フラグ '%s' です (%s)"}, true
	case "cobra.needs-argument":
		return [2]string{"flag needs an argument: %s", "フラグ %s には値が必要です"}, true
	case "cobra.invalid-argument":
		return [2]string{`invalid argument "%s" for "%s" flag: %s`, `フラグ %[2]s の値 "%[1]s" は不正です: %[3]s`}, true
	case "cobra.bad-duration":
		return [2]string{"not a length like 30m, 24h or 1h30m", "30m、24h、1h30m のような長さではありません"}, true
	case "cobra.bad-syntax":
		return [2]string{"bad flag syntax: %s", "フラグの書き方が不正です: %s"}, true
	case "cobra.unknown-command":
		return [2]string{`unknown command "%s" for "%s"`, `%[2]s に "%[1]s" というコマンドはありません`}, true
	case "cobra.unknown-help-topic":
		return [2]string{`unknown help topic "%s"`, `"%s" というヘルプの項目 (コマンド) はありません`}, true
	case "cobra.at-most":
		return [2]string{"accepts at most %s arg(s), received %s", "引数は %s 個までです (%s 個指定されました)"}, true
	case "cobra.exactly":
		return [2]string{"accepts %s arg(s), received %s", "引数は %s 個です (%s 個指定されました)"}, true
	case "cobra.at-least":
		return [2]string{"requires at least %s arg(s), only received %s", "引数が %s 個以上必要です (%s 個指定されました)"}, true
	case "cobra.between":
		return [2]string{"accepts between %s and %s arg(s), received %s", "引数は %s 個から %s 個です (%s 個指定されました)"}, true
	case "cobra.required":
		return [2]string{"required flag(s) %s not set", "必須のフラグ %s が指定されていません"}, true
	case "cobra.did-you-mean":
		return [2]string{"; did you mean %s?", "。もしかして: %s"}, true
	// Argument counts (pkg/cmd/internal/cmdargs): the command, what it takes, what it got, its usage.
	case "args.exactly":
		return [2]string{"%[1]s takes %[2]d argument(s), got %[3]d; usage: %[4]s", "%[1]s の引数は %[2]d 個です (%[3]d 個指定されました)。使い方: %[4]s"}, true
	case "args.at-most":
		return [2]string{"%[1]s takes at most %[2]d argument(s), got %[3]d; usage: %[4]s", "%[1]s の引数は %[2]d 個までです (%[3]d 個指定されました)。使い方: %[4]s"}, true
	case "args.none":
		return [2]string{`%[1]s takes no arguments, got "%[2]s" (see '%[3]s --help' for its flags)`, `%[1]s は引数を取りません ("%[2]s" が指定されました。フラグは '%[3]s --help' を参照してください)`}, true
	case "cobra.see-help":
		return [2]string{"%s (see '%s --help')", "%s ('%s --help' を参照してください)"}, true
	// pm lint's usage errors.
	case "lint.fix-staged":
		return [2]string{"--fix cannot fix the staged content: run pm lint --fix on the files, then stage them", "--fix はステージされた内容を修正できません: ファイルに pm lint --fix を実行してからステージしてください"}, true
	case "lint.stdin-git":
		return [2]string{"- (standard input) is not read with --staged or --changed-since, which lint what git holds", "--staged と --changed-since は git にある内容を検査するため、- (標準入力) は読みません"}, true
	case "lint.fix-stdin":
		return [2]string{"--fix needs files to write: it cannot fix standard input", "--fix には書き込むファイルが必要です: 標準入力は修正できません"}, true
	case "lint.dry-run-alone":
		return [2]string{"--dry-run goes with --fix", "--dry-run は --fix と一緒に使います"}, true
	case "lint.dry-run-format":
		return [2]string{"--fix --dry-run writes a diff on stdout, not --format %[1]s: leave out --dry-run to apply the fixes and get the findings in %[1]s", "--fix --dry-run は標準出力に差分を書くため --format %[1]s は使えません: 修正を適用して %[1]s で指摘を得るには --dry-run を外してください"}, true
	case "lint.list-rules-format":
		return [2]string{"--list-rules writes text or json, not --format %s", "--list-rules が書けるのは text か json です (--format %s は使えません)"}, true
	case "lint.fixed":
		return [2]string{"%s:%d: fixed %s: %s", "%s:%d: %s を修正: %s"}, true
	case "lint.staged-and-since":
		return [2]string{"--staged and --changed-since cannot be used together", "--staged と --changed-since は同時に使えません"}, true
	case "lint.not-repo":
		return [2]string{"%s is not in a git repository: --staged and --changed-since need one", "%s は git リポジトリの中ではありません: --staged と --changed-since にはリポジトリが必要です"}, true
	case "usage.no-folder":
		return [2]string{"no postmortem folder %s (run pm init, or set dir in .pm.yaml)", "ポストモーテムのフォルダー %s がありません (pm init を実行するか、.pm.yaml の dir を設定してください)"}, true
	case "usage.folder-outside-sparse":
		return [2]string{"the postmortem folder %[1]s is outside the sparse checkout, so it is not in the work tree; add it with `git sparse-checkout add %[1]s`", "ポストモーテムのフォルダー %[1]s はスパースチェックアウトの範囲外で、作業ツリーにありません。`git sparse-checkout add %[1]s` で範囲に加えてください"}, true
	case "usage.no-folder-no-repo":
		return [2]string{"%s: not in a git repository, and no postmortem folder %s here: run pm init in a repository, or set dir in .pm.yaml", "%s: git リポジトリの中ではなく、ポストモーテムのフォルダー %s もありません。リポジトリの中で pm init するか、.pm.yaml の dir を設定してください"}, true
	case "lint.no-folder-no-repo":
		return [2]string{"%s: not in a git repository, and no postmortem folder %s here: run pm init in a repository, set dir in .pm.yaml, or name files to lint", "%s: git リポジトリの中ではなく、ポストモーテムのフォルダー %s もありません。リポジトリの中で pm init するか、.pm.yaml の dir を設定するか、検査するファイルを指定してください"}, true
	case "lint.no-folder":
		return [2]string{"no postmortem folder %s (run pm init, set dir in .pm.yaml, or name files to lint)", "ポストモーテムのフォルダー %s がありません (pm init を実行するか、.pm.yaml の dir を設定するか、検査するファイルを指定してください)"}, true
	case "lint.no-such":
		return [2]string{"%s: no such file or directory", "%s: そのようなファイルやフォルダーはありません"}, true

	// Titles of the fixes of findings (pm lint --fix, the language server's code actions).
	case "fix.insert-section":
		return [2]string{"Insert the section %q", "セクション「%s」を挿入"}, true
	case "fix.replace-word":
		return [2]string{"Replace %q with %q", "「%s」を「%s」に置き換え"}, true
	case "fix.add-responder":
		return [2]string{"Add %q to Responders", "対応者に「%s」を追加"}, true
	case "fix.add-column":
		return [2]string{"Add a %q column to the table", "表に「%s」列を追加"}, true
	case "fix.disable-next-line":
		return [2]string{"Disable %s for the next line", "次の行の %s を無効にする"}, true

	// Rules.
	case "section.missing":
		return [2]string{`missing section %s`, `セクション%sがありません`}, true
	case "section.missing-ext":
		return [2]string{`missing section %s; set external_message: false if nothing goes to customers`, `セクション%sがありません。対外メッセージがなければ external_message: false にしてください`}, true
	case "section.missing-in-comment":
		return [2]string{`missing section %s: an HTML comment opened on line %d is never closed, so everything after it is inside it (close it with -->)`, `セクション%sがありません: %d 行目で開いた HTML コメントが閉じられていないため、それより後はすべてコメントの中です (--> で閉じてください)`}, true
	case "section.empty-in-comment":
		return [2]string{`section %s is empty: an HTML comment opened on line %d is never closed, so everything after it is inside it (close it with -->)`, `セクション%sが空です: %d 行目で開いた HTML コメントが閉じられていないため、それより後はすべてコメントの中です (--> で閉じてください)`}, true
	case "section.empty":
		return [2]string{`section %s is empty`, `セクション%sが空です`}, true
	case "placeholder.key":
		return [2]string{"placeholder %q in %s", "%[2]s にプレースホルダー %[1]q があります"}, true
	case "conflict.marker":
		return [2]string{"merge conflict marker %s: both sides of a conflict are still in the file", "マージの競合マーカー %s: 競合の両側がファイルに残っています"}, true
	case "placeholder.text":
		return [2]string{"placeholder %q left in the text", "本文にプレースホルダー %q が残っています"}, true
	case "vocabulary.unknown":
		return [2]string{"%s: %q is not in the list .pm.yaml gives", "%s: %q は .pm.yaml の一覧にありません"}, true
	case "vocabulary.suggest":
		return [2]string{"%s: %q is not in the list .pm.yaml gives; did you mean %q?", "%s: %q は .pm.yaml の一覧にありません。%q のことですか？"}, true
	case "relations.missing":
		return [2]string{"%s: no postmortem has the id %q", "%s: ID が %q のポストモーテムはありません"}, true
	case "relations.self":
		return [2]string{"%s names this postmortem itself", "%s がこのポストモーテム自身を指しています"}, true
	case "relations.one-way":
		return [2]string{"%s does not list %s in its related: run pm link to write both sides", "%s の related に %s がありません: pm link で双方に書いてください"}, true
	case "banned.found-in":
		return [2]string{"%q in %q%s (banned there in .pm.yaml)", "%[2]q に %[1]q があります%[3]s (.pm.yaml でそこでは使わないことになっています)"}, true
	case "banned.found-word":
		return [2]string{"%q in the customer message%s (banned in .pm.yaml)", "対外メッセージに %q があります%s (.pm.yaml で使わないことになっています)"}, true
	case "banned.in-address":
		return [2]string{"%q in the customer message as pm message sends it, %d time(s) in a link's address or a footnote%s", "pm message が送る対外メッセージのリンク先か脚注に %q が %d 件あります%s"}, true
	case "banned.found":
		return [2]string{"%q in the customer message%s (full_outage is not true)", "対外メッセージに %q があります%s (full_outage が true ではありません)"}, true
	case "banned.suggest":
		return [2]string{"; say %s instead", "。代わりに %s と書いてください"}, true
	case "banned.suggest-verb":
		return [2]string{"; write %s instead", "。代わりに %s のように書いてください"}, true
	case "banned.or":
		return [2]string{" or ", " または "}, true
	case "timeline.time":
		return [2]string{"timeline time %q: %s", "タイムラインの時刻 %q: %s"}, true
	case "timeline.list":
		return [2]string{"the Timeline lists entries but has no table pm reads (no time of them is checked for its zone, order or data link): write them as the template's table, one row each: | Time | Event | Data Link |", "タイムラインに箇条書きの項目がありますが、pm が読める表がありません (時刻のタイムゾーン・順序・データへのリンクが確認されません): テンプレートの表に 1 行ずつ書いてください: | 時刻 | 出来事 | データへのリンク |"}, true
	case "timeline.no-time":
		return [2]string{"no time", "時刻がありません"}, true
	case "timeline.not-time":
		return [2]string{"not a time like 2026-11-20 09:14 UTC", "2026-11-20 09:14 UTC、2026/11/20 9時14分 JST、午後2時40分 JST のような時刻ではありません"}, true
	case "timeline.zone":
		return [2]string{"unknown time zone %s", "不明なタイムゾーン %s"}, true
	case "timeline.approximate":
		return [2]string{"an approximate time or a range is not one time; write one time (the start)", "おおよその時刻や時間の範囲は 1 つの時刻ではありません。1 つの時刻 (始まりの時刻) を書いてください"}, true
	case "timeline.no-zone-header":
		return [2]string{"no time zone (add UTC, JST, +09:00 or Z; the column's header has %s, which is no zone pm knows)", "タイムゾーンがありません (UTC, JST, +09:00, Z などを付けてください。列の見出しの %s は pm が知っているタイムゾーンではありません)"}, true
	case "timeline.no-zone":
		return [2]string{"no time zone (add UTC, JST, +09:00 or Z)", "タイムゾーンがありません (UTC, JST, +09:00, Z などを付けてください)"}, true
	case "timeline.weekday":
		return [2]string{"%s is a (%s), not (%s): the date or the weekday is mistyped", "%s は(%s)で、(%s)ではありません: 日付か曜日が誤っています"}, true
	case "timeline.date":
		return [2]string{"timeline date %q: %s", "タイムラインの日付 %q: %s"}, true
	case "timeline.bad-date-cell":
		return [2]string{"not a day like 2026-11-20, 2026/11/20 or 2026年11月20日", "2026-11-20、2026/11/20、2026年11月20日 のような日付ではありません"}, true
	case "timeline.bad-date":
		return [2]string{"not a date: %s", "日付ではありません: %s"}, true
	case "complex.nesting":
		return [2]string{"more than %d block quotes and list items deep: pm does not read the rest of the line", "引用とリスト項目の入れ子が %d 段を超えています: pm はこの行の残りを読みません"}, true
	case "complex.delimiters":
		return [2]string{"more than %d emphasis, link, code or HTML marks, or more emphasis marks than its length allows (%d in a short one), in one paragraph, heading or table cell: pm does not read the rest of it", "1 つの段落・見出し・表のセルに、強調・リンク・コード・HTML の記号が %d を超えるか、長さに対して強調の記号が多すぎます (短いものでは %d まで): pm はこの残りを読みません"}, true
	case "complex.refdefs":
		return [2]string{"more than %d link reference definitions in one paragraph: pm does not read the rest of them", "1 つの段落にリンク参照定義が %d を超えています: pm は残りを読みません"}, true
	case "complex.escaped-pipes":
		return [2]string{`more than %d escaped pipes (\|) in the tables of the document: pm does not read the rest of this table`, `文書の表にエスケープしたパイプ (\|) が %d を超えています: pm はこの表の残りを読みません`}, true
	case "complex.table-cells":
		return [2]string{"more than %d table cells in the document: pm does not read the rest of this table", "文書の表のセルが %d を超えています: pm はこの表の残りを読みません"}, true
	case "complex.table":
		return [2]string{"table rows padded to %d columns make far more cells than the table has text: pm does not read the rest of the table", "%d 列に補われた表の行が本文に比べて多すぎるセルを作ります: pm は表の残りを読みません"}, true
	case "timeline.bad-clock":
		return [2]string{"not a time of day", "時刻として正しくありません"}, true
	case "timeline.backwards":
		return [2]string{"timeline goes backwards: %s is before %s in the row above", "タイムラインが逆行しています: %s は前の行の %s より前です"}, true
	case "timeline.no-source":
		return [2]string{"timeline entry at %q has no link to its data", "タイムラインの %q の行にデータへのリンクがありません"}, true
	case "responders.no-ic":
		return [2]string{"section %s names no Incident Commander (add %q)", "セクション%sにインシデントコマンダーがいません (「%s」を追加してください)"}, true
	case "responders.no-scribe":
		return [2]string{"section %s names no Scribe (add %q)", "セクション%sに記録係がいません (「%s」を追加してください)"}, true
	case "responders.unnamed":
		return [2]string{"TBD", "要確認"}, true
	case "responders.ic-label":
		return [2]string{"Incident Commander: name", "インシデントコマンダー: 名前"}, true
	case "responders.scribe-label":
		return [2]string{"Scribe: name", "記録係: 名前"}, true
	case "action.label":
		return [2]string{"action item %q", "アクションアイテム %q"}, true
	case "action.label-empty":
		return [2]string{"action item", "アクションアイテム"}, true
	case "action.priority":
		return [2]string{"%s has priority %s: only P0/P1 items get tickets", "%s の優先度は %s です: チケットにするのは P0/P1 だけです"}, true
	case "action.extra-cells":
		return [2]string{"%s: the row has %d filled cell(s) past the header's columns, which nobody reads (an extra | in the row?)", "%s: 行に見出しの列より後ろのセルが %d 個あり、読まれません (行に | が多すぎませんか)"}, true
	case "action.priority-unknown":
		return [2]string{"%s has no priority pm reads (%s): write P0 or P1 (a ticket is asked), or P2 and lower", "%s の優先度 (%s) が読めません: P0 か P1 (チケットが必要)、または P2 以下を書いてください"}, true
	case "action.priority-none":
		return [2]string{"none", "なし"}, true
	case "action.no-due":
		return [2]string{"%s has no due date (YYYY-MM-DD)", "%s に期日 (YYYY-MM-DD) がありません"}, true
	case "action.placeholder-due":
		return [2]string{"%s: due date %q is a placeholder; set the date (YYYY-MM-DD)", "%s: 期日が %q のままです。日付を決めて書いてください (YYYY-MM-DD)"}, true
	case "action.bad-due":
		return [2]string{"%s: due date %q does not parse (want YYYY-MM-DD)", "%s: 期日 %q を読めません (2026-12-04、2026/12/04、2026年12月4日 のように年から書いてください)"}, true
	case "action.due-weekday":
		return [2]string{"%s: due %s is a (%s), not (%s): the date or the weekday is mistyped", "%s: 期日 %s は(%s)で、(%s)ではありません: 日付か曜日が誤っています"}, true
	case "action.list":
		return [2]string{"the Action Items section lists items but has no table pm reads (no priority, due date or ticket of them is read; pm actions lists none): write them as the template's table, one row each: | Priority | Action | Type | Owner | Due | Ticket |", "アクションアイテムに箇条書きの項目がありますが、pm が読める表がありません (優先度・期日・チケットが読まれず、pm actions にも表示されません): テンプレートの表に 1 行ずつ書いてください: | 優先度 | アクション | 種別 | 担当 | 期日 | チケット |"}, true
	case "action.no-type-column":
		return [2]string{"the Action Items table has no Type column: say of each item whether it prevents a recurrence (prevent) or improves the response (process)", "アクションアイテムの表に Type 列がありません: 各項目が再発防止 (prevent) か対応の改善 (process) かを書いてください"}, true
	case "action.no-action-column":
		return [2]string{"the Action Items table has no Action column pm knows (Action, Task, Description; アクション, 対応内容, 対策): every item's action reads as empty; name the column so", "アクションアイテムの表に pm の読めるアクション列 (Action, アクション, 対応内容, 対策 など) がありません: 各項目の内容が空として読まれます。列名をそのように付けてください"}, true
	case "action.no-type":
		return [2]string{"%s has no type: prevent (stops a recurrence) or process (improves the response)", "%s に種別がありません: prevent (再発防止) か process (対応の改善) を書いてください"}, true
	case "action.type":
		return [2]string{"%s: type %q is neither prevent nor process", "%s: 種別 %q は prevent でも process でもありません"}, true
	case "action.due-late":
		return [2]string{"%s is due %s, later than a %s allows (%d day(s) after the incident: %s)", "%s の期日 %s は %s の期限 (インシデントから %d 日: %s) より後です"}, true
	case "action.status":
		return [2]string{"%s: status %q is none of open, done, won't do", "%s: 状態 %q は 未完了・完了・対応しない のどれでもありません"}, true
	case "action.no-ticket":
		return [2]string{"%s has no ticket (a URL or a key like OPS-123)", "%s にチケットがありません (URL か OPS-123 のようなキー)"}, true
	case "action.count":
		return [2]string{"%d action items, more than %d: file only what must be done", "アクションアイテムが %d 件あり、上限 %d を超えています: 本当に必要なものだけにしてください"}, true
	case "meeting.none":
		return [2]string{"no meeting scheduled: schedule it with pm meeting --at \"YYYY-MM-DD HH:MM\"", "ミーティングが設定されていません: pm meeting --at \"YYYY-MM-DD HH:MM\" で設定してください"}, true
	case "meeting.refresh-flags":
		return [2]string{"--refresh keeps the time set in the document: drop --at and --force", "--refresh はドキュメントに設定された時刻のまま更新します: --at と --force は付けないでください"}, true
	case "meeting.refresh-bad":
		return [2]string{`%s: meeting %q is not a time pm reads; set it again with pm meeting --at "YYYY-MM-DD HH:MM"`, `%s: meeting %q は pm が読める時刻ではありません。pm meeting --at "YYYY-MM-DD HH:MM" で設定し直してください`}, true
	case "meeting.refresh-none":
		return [2]string{`%s: no meeting is set yet; set it with pm meeting --at "YYYY-MM-DD HH:MM"`, `%s: ミーティングはまだ設定されていません。pm meeting --at "YYYY-MM-DD HH:MM" で設定してください`}, true
	case "meeting.refreshed":
		return [2]string{"%s: invitation refreshed for the meeting %s; nothing committed.", "%s: ミーティング %s の招待状を更新しました。コミットはしていません。"}, true
	case "meeting.late":
		return [2]string{"meeting %s is after the %s deadline %s", "ミーティング %[1]s は %[2]s の期限 %[3]s より後です"}, true
	case "analysis.no-code":
		return [2]string{"section %s has no fenced code block: keep the queries and commands used to collect the data", "セクション%sにコードブロックがありません: データ収集に使ったクエリやコマンドを残してください"}, true
	case "recording.none":
		return [2]string{"no call_recording link to the incident call's recording", "call_recording にインシデント対応の通話録音へのリンクがありません"}, true

	// Rule descriptions (pm lint --list-rules; SARIF keeps the English).
	case "rule.front-matter":
		return [2]string{"front matter is present, well-formed, and has every required field with a valid value", "フロントマターがあり、正しい形式で、必須フィールドが正しい値で揃っている"}, true
	case "rule.required-section":
		return [2]string{"every required section is present", "必須セクションがすべてある"}, true
	case "rule.empty-section":
		return [2]string{"required sections have content besides HTML comments", "必須セクションに HTML コメント以外の内容がある"}, true
	case "rule.placeholder":
		return [2]string{"no TODO, TBD, FIXME, XXX or ?? left in the text", "TODO, TBD, FIXME, XXX, ?? が本文に残っていない"}, true
	case "rule.banned-word":
		return [2]string{`no "outage" (ja: 停止) in the customer-facing message unless full_outage is true`, `full_outage が true でない限り、対外メッセージに「停止」(outage) を使わない`}, true
	case "rule.timeline-order":
		return [2]string{"timeline times never go backwards", "タイムラインの時刻が逆行しない"}, true
	case "rule.timeline-time":
		return [2]string{"every timeline time parses and names its time zone", "タイムラインの時刻が読めて、タイムゾーンが書かれている"}, true
	case "rule.timeline-source":
		return [2]string{"every timeline entry links the data it came from", "タイムラインの各行に根拠データへのリンクがある"}, true
	case "rule.responders":
		return [2]string{"the Responders section names the Incident Commander and the Scribe", "対応者にインシデントコマンダーと記録係が書かれている"}, true
	case "rule.action-item":
		return [2]string{"action items are P0/P1, have a due date that parses, a type, and a ticket once Reviewed", "アクションアイテムが P0/P1 で、読める期日と種別があり、Reviewed 以降はチケットがある"}, true
	case "rule.action-items-count":
		return [2]string{"no more than 10 action items (configurable)", "アクションアイテムは 10 件まで (設定可能)"}, true
	case "rule.meeting-sla":
		return [2]string{"the postmortem meeting is scheduled from In Review on, and within the severity's deadline", "In Review 以降はミーティングが設定され、重大度ごとの期限内である"}, true
	case "rule.analysis-queries":
		return [2]string{"the Analysis section keeps the commands and queries used, in fenced code blocks", "分析セクションに使ったコマンドやクエリがコードブロックで残っている"}, true
	case "rule.conflict-marker":
		return [2]string{"no merge conflict markers left in the file", "マージの競合マーカーがファイルに残っていない"}, true
	case "rule.call-recording":
		return [2]string{"from In Review on, call_recording links the incident call's recording", "In Review 以降は call_recording に通話録音へのリンクがある"}, true
	case "rule.status-history":
		return [2]string{"the status agrees with the last status_history entry, and the history makes only the moves pm status records, in time order", "ステータスが status_history の最後の記録と一致し、履歴には pm status が記録する移行だけが時刻順に並んでいる"}, true
	case "rule.too-complex":
		return [2]string{"the body's Markdown stays within the nesting and density pm parses in linear time", "本文の Markdown が、pm が線形時間で読める入れ子と密度に収まっている"}, true
	case "rule.vocabulary":
		return [2]string{"services, tags and contributing_factors use the values .pm.yaml lists, when it lists them", ".pm.yaml に一覧があれば、services, tags, contributing_factors はその値を使っている"}, true
	case "rule.relations":
		return [2]string{"related and recurrence_of name other postmortems of the repository, and relations are listed on both sides", "related と recurrence_of がリポジトリの他のポストモーテムを指し、関連が双方に書かれている"}, true
	case "rule.status-gates":
		return [2]string{"a status meets the gates of the move that reaches it, even when edited by hand", "手で書き換えたステータスも、そこへ移るときの条件を満たしている"}, true
	case "status.hand-edited":
		return [2]string{"status is %s but status_history ends with %s: the status was changed by hand%s; move it with pm status, which records the move", "status は %s ですが status_history の最後は %s です: ステータスが手で変更されています%s。移行の記録が残る pm status で移してください"}, true
	case "status.hand-move-refused":
		return [2]string{" (%s)", " (%s)"}, true
	case "status.incident-after-creation":
		return [2]string{"incident_date %s is after the first status_history entry (%s at %s): a postmortem is not written before its incident; check the date",
			"incident_date %s が status_history の最初の項目 (%s、%s) より後になっています: ポストモーテムがインシデントより前に書かれることはありません。日付を確認してください"}, true
	case "status.history-before-incident":
		return [2]string{"status_history entry %s at %s is dated before the incident (%s): a move cannot precede the incident; correct its time", "status_history の項目 %s の時刻 %s がインシデント (%s) より前になっています: 移行がインシデントより前に行われることはありません。時刻を直してください"}, true
	case "status.history-future":
		return [2]string{"status_history entry %s at %s is dated after now (%s): correct its time", "status_history の項目 %s の時刻 %s が現在 (%s) より後になっています: 時刻を直してください"}, true
	case "status.history-move":
		return [2]string{"status_history goes from %s to %s at %s, a move pm status does not record%s: the status was changed by hand; record the moves that were made, or take the postmortem through the process with pm status", "status_history が %s から %s (%s) に移っていますが、これは pm status が記録しない移行です%s: ステータスが手で変更されています。実際に行われた移行を記録するか、pm status で手順どおりに進めてください"}, true
	case "status.history-out-of-order":
		return [2]string{"status_history entry %s at %s is dated before the entry above it (%s at %s): the entries are out of order; correct its time", "status_history の項目 %s の時刻 %s が、その前の項目 (%s、%s) より前になっています: 記録の順序が合いません。時刻を直してください"}, true
	case "status.gate":
		return [2]string{"status is %s but %s", "status は %s ですが、%s"}, true
	// pm status.
	case "move.why.in-review":
		return [2]string{"the document is written and ready for review", "書き終わり、レビューできる状態になった"}, true
	case "move.why.reviewed":
		return [2]string{"the postmortem meeting was held", "ポストモーテムミーティングを開催した"}, true
	case "move.why.draft":
		return [2]string{"back to writing", "書き直しに戻る"}, true
	case "move.why.closed":
		return [2]string{"the external message is out and nothing is left in the document", "対外メッセージを出し、文書に残作業がない"}, true
	case "move.why.closed-direct":
		return [2]string{"straight after the meeting, only when no message goes to customers (external_message: false)", "対外メッセージがない場合 (external_message: false) に限り、ミーティング直後に完了"}, true
	case "move.why.reopen":
		return [2]string{"reopen a closed postmortem (only with --force; recorded in the history)", "完了したポストモーテムを再開する (--force のときだけ。履歴に残ります)"}, true
	case "move.force-only":
		return [2]string{"%s → %s reopens a closed postmortem: pass --force to do it (it is recorded in the history as forced)", "%s → %s は完了したポストモーテムの再開です。--force を付けてください (強制として履歴に残ります)"}, true
	case "move.already":
		return [2]string{"the postmortem is already %s", "ポストモーテムはすでに %s です"}, true
	case "move.last":
		return [2]string{"%s → %s is not allowed: %s is the last status%s (pm status in-review --force reopens it, recorded in the history as forced)", "%s → %s には移れません: %s が最後のステータスです%s (pm status in-review --force で再開でき、強制として履歴に残ります)"}, true
	case "move.not-allowed":
		return [2]string{"%s → %s is not allowed%s; from %s the postmortem can move to %s", "%s → %s には移れません%s。%s から移れるのは %s です"}, true
	case "move.skip-reviewed":
		return [2]string{" (In Review → Closed skips Reviewed only when external_message is false)", " (In Review → Closed で Reviewed を飛ばせるのは external_message が false のときだけです)"}, true
	case "list.or":
		return [2]string{" or ", " か "}, true
	case "status.neither":
		return [2]string{"%q is not a status (draft, in-review, reviewed, closed) and names no postmortem in %s", "%q はステータス (draft, in-review, reviewed, closed) でも、%s にあるポストモーテムの名前でもありません"}, true
	case "status.no-status":
		return [2]string{"%s has no valid status; fix its front matter first", "%s に正しいステータスがありません。先にフロントマターを直してください"}, true
	case "status.refused":
		return [2]string{"%s: %s → %s refused: %d gate(s) failed (fix them, or --force to record a forced move)", "%s: %s → %s は拒否されました: 条件を %d 件満たしていません (直すか、--force で強制移行として記録してください)"}, true
	case "status.forced-past":
		return [2]string{"Forced past: %s", "強制的に通過: %s"}, true
	case "status.meeting-past":
		return [2]string{"Warning: the meeting was at %s: the document goes out for review after it, where the process wants it out a day ahead (reschedule with pm meeting if it was not held).", "警告: ミーティング (%s) は過ぎています。プロセスではミーティングの 1 日前までにレビューに出します (開催していないなら pm meeting で日程を設定し直してください)。"}, true
	case "status.meeting-soon":
		return [2]string{"Warning: the meeting is at %s, less than 24 hours away: the process wants the document out for review a day ahead.", "警告: ミーティングは %s で、24 時間を切っています。プロセスでは 1 日前にレビューに出すことになっています。"}, true
	case "status.next-meeting":
		return [2]string{"Next: schedule the meeting with pm meeting --at \"YYYY-MM-DD HH:MM\".", "次に: pm meeting --at \"YYYY-MM-DD HH:MM\" でミーティングを設定してください。"}, true
	case "status.next-needs":
		return [2]string{"Next: pm status %s will need:", "次に: pm status %s に必要なこと:"}, true
	case "status.next-close":
		return [2]string{"Next: once the external message is published and nothing is left to do, run pm status %s.", "次に: 対外メッセージを公開し、残作業がなくなったら pm status %s を実行します。"}, true
	case "status.next-close-no-message":
		return [2]string{"Next: once nothing is left to do, run pm status %s (no message goes to customers).", "次に: 残作業がなくなったら pm status %s を実行します (対外メッセージはありません)。"}, true
	case "link.self":
		return [2]string{"%s cannot be linked to itself", "%s を自分自身に関連付けることはできません"}, true
	case "link.already":
		return [2]string{"%s and %s are already linked; nothing to commit", "%s と %s はすでに関連付けられています。コミットするものはありません"}, true
	case "link.already-recurrence":
		return [2]string{"%s is already a recurrence of %s; nothing to commit", "%s はすでに %s の再発として記録されています。コミットするものはありません"}, true
	case "link.recurrence-replaced":
		return [2]string{"%s was marked as a recurrence of %s before", "%s は以前 %s の再発として記録されていました"}, true
	case "status.committed":
		return [2]string{"Committed %s: %s", "コミットしました %s: %s"}, true
	case "commit.edits":
		return [2]string{"Note: %s had uncommitted edits (+%d -%d line(s)); they are committed with this change, as pm checked them.", "注: %s にはコミットしていない編集 (+%d -%d 行) がありました。pm が確認した内容として、この変更と一緒にコミットしました。"}, true
	case "gate.lint":
		return [2]string{"pm lint finds %d error(s) at %s level", "%[2]s の基準で pm lint のエラーが %[1]d 件あります"}, true
	case "meeting.not-business-day":
		return [2]string{"Note: %s is not a business day (a weekend, or a holiday of the calendar in .pm.yaml)", "注: %s は営業日ではありません (週末か、.pm.yaml の暦の休日です)"}, true
	case "show.hand-edited":
		return [2]string{"Note: status_history ends with %s, not %s: the status was changed by hand; put it back, or record a move from it with --force",
			"注: status_history は %s で終わっていて %s ではありません: ステータスが手で書き換えられています。元に戻すか、--force で移行を記録してください"}, true
	case "show.more-findings":
		return [2]string{"… and %d more (pm lint %s)", "… ほか %d 件 (pm lint %s)"}, true
	case "gate.history":
		return [2]string{"status_history does not show how the postmortem reached %s: the status or the history was edited by hand (put it back, or record the move with --force)",
			"status_history に %s に至った記録がありません。ステータスか履歴が手で書き換えられています (元に戻すか、--force で移行を記録してください)"}, true
	case "gate.no-meeting":
		return [2]string{"no meeting is set: schedule it with pm meeting --at, hold it, then mark it reviewed", "ミーティングが設定されていません: pm meeting --at で設定し、開催してから reviewed にしてください"}, true
	case "gate.meeting-future":
		return [2]string{"the meeting (%s) has not happened yet", "ミーティング (%s) はまだ開催されていません"}, true
	case "gate.no-ticket":
		return [2]string{"%d action item(s) without a ticket: %s", "チケットのないアクションアイテムが %d 件あります: %s"}, true
	case "gate.ticket-line":
		return [2]string{"line %d %q", "%d 行目 %q"}, true
	case "gate.never-reviewed":
		return [2]string{"external_message is true and the postmortem was never Reviewed: hold the meeting and publish the message first", "external_message が true なのに Reviewed を経ていません: 先にミーティングを開き、メッセージを公開してください"}, true
	case "show.status":
		return [2]string{"Status: %s", "ステータス: %s"}, true
	case "show.history":
		return [2]string{"History:", "履歴:"}, true
	case "show.forced":
		return [2]string{" (forced)", " (強制)"}, true
	case "show.history-malformed":
		return [2]string{"(malformed entry on line %d: see the front-matter findings of pm lint %s)", "(%d 行目の項目が不正です: pm lint %s の front-matter の指摘を見てください)"}, true
	case "show.meeting":
		return [2]string{"Meeting: %s", "ミーティング: %s"}, true
	case "show.bad-meeting":
		return [2]string{"Meeting: %q is not a time pm reads (pm lint says why); due by %s", "ミーティング: %q は pm が読める時刻ではありません (理由は pm lint で)。期限は %s"}, true
	case "show.meeting-due":
		return [2]string{"Meeting: not scheduled; due by %s", "ミーティング: 未設定。期限は %s"}, true
	case "show.no-moves":
		return [2]string{"Moves: none: Closed is the last status (pm status in-review --force reopens it, recorded in the history as forced).", "移行先: なし (Closed が最後のステータスです。pm status in-review --force で再開でき、強制として履歴に残ります)"}, true
	case "show.moves":
		return [2]string{"Moves:", "移行先:"}, true
	case "show.ready":
		return [2]string{"ready: %s", "可能: %s"}, true
	case "show.not-allowed":
		return [2]string{"not allowed from here: %s is reached only from %s", "不可: %s へは %s からのみ移れます"}, true
	case "show.blocked":
		return [2]string{"blocked: %s", "不可: %s"}, true
	case "show.closed-direct-note":
		return [2]string{"  (In Review → Closed is only for postmortems with external_message: false)", "  (In Review → Closed は external_message: false のポストモーテムだけです)"}, true

	// Errors shown by every command (pkg/cmd/root maps them with errors.Is).
	case "err.read-stdin":
		return [2]string{"read standard input: %v", "標準入力を読めません: %v"}, true
	case "err.write-stdout":
		return [2]string{"write standard output: %v", "標準出力に書き込めません: %v"}, true
	case "err.not-repo":
		return [2]string{"not in a git repository (run git init, or pass --no-commit)", "git リポジトリの中ではありません (git init するか --no-commit を付けてください)"}, true
	case "err.bare":
		return [2]string{"this is a bare repository; run pm in a clone with a work tree", "ベアリポジトリです。作業ツリーのあるクローンで実行してください"}, true
	case "err.no-work-tree":
		return [2]string{"this operation must be run in a work tree: pm was run inside the repository's git directory (.git); run it in the work tree", "作業ツリーの中で実行してください: リポジトリの git ディレクトリ (.git) の中で実行されました。作業ツリーで実行してください"}, true
	case "err.detached":
		return [2]string{"HEAD is detached; switch to a branch (git switch <branch>) and retry", "HEAD がブランチを指していません (detached HEAD)。ブランチに切り替えて (git switch <branch>) やり直してください"}, true
	case "err.locked":
		return [2]string{"the index is locked (.git/index.lock): another git process may be running; retry when it ends", "インデックスがロックされています (.git/index.lock)。別の git プロセスが動いている可能性があります。終わってからやり直してください"}, true
	case "err.in-progress":
		return [2]string{"a merge, cherry-pick, revert or rebase is in progress; finish or abort it first", "merge、cherry-pick、revert、rebase のいずれかが進行中です。先に完了するか中止してください"}, true
	case "err.no-identity":
		return [2]string{"author identity unknown: set it with git config user.name \"Your Name\" and git config user.email you@example.com", "作成者が不明です: git config user.name \"名前\" と git config user.email you@example.com で設定してください"}, true
	case "err.signing":
		return [2]string{"commit.gpgsign is true and pm cannot sign commits; commit by hand (git commit -S) or set commit.gpgsign false for this repository", "commit.gpgsign が true ですが pm はコミットに署名できません。手で (git commit -S) コミットするか、このリポジトリで commit.gpgsign を false にしてください"}, true
	case "err.outside-read":
		return [2]string{"the path resolves outside the repository through a symbolic link; pm does not read it", "パスがシンボリックリンクでリポジトリの外を指しています。pm はそれを読みません"}, true
	case "err.outside-named":
		return [2]string{"%s is outside the repository (%s): pm writes only inside it", "%s はリポジトリ (%s) の外にあります: pm はリポジトリの中にだけ書き込みます"}, true
	case "err.outside":
		return [2]string{"the path resolves outside the repository through a symbolic link; pm does not write there", "パスがシンボリックリンクでリポジトリの外を指しています。pm はそこに書き込みません"}, true
	case "err.unsupported":
		return [2]string{"pm cannot commit with this repository's index or format (a split index, or a repository extension it does not know); git update-index --no-split-index turns a split index back into a plain one", "pm はこのリポジトリのインデックスまたは形式ではコミットできません (split index、未対応のリポジトリ拡張)。git update-index --no-split-index で split index を通常のインデックスに戻せます"}, true
	case "err.outside-sparse":
		return [2]string{"the postmortem is outside the sparse checkout, where git add would not take it either; add its folder with git sparse-checkout add <folder>", "ポストモーテムがスパースチェックアウトの範囲外です (git add も受け付けません)。git sparse-checkout add <フォルダー> でフォルダーを範囲に加えてください"}, true
	case "err.skip-worktree":
		return [2]string{"the postmortem is marked skip-worktree in the index, so git add would not update it either; clear the mark with git update-index --no-skip-worktree <file>", "ポストモーテムがインデックスで skip-worktree に設定されているため、git add も更新しません。git update-index --no-skip-worktree <ファイル> で設定を外してください"}, true
	case "err.hook":
		return [2]string{"a git hook refused the commit (its output is above); nothing was committed, pm's own change was undone (a file changed since pm wrote it is left as it is); --no-verify skips the pre-commit and commit-msg hooks", "git のフックがコミットを拒否しました (フックの出力は上のとおり)。何もコミットしていません。pm の変更は元に戻しました (pm が書いた後に変更されたファイルはそのままです)。--no-verify で pre-commit と commit-msg フックを飛ばせます"}, true
	case "err.changed":
		return [2]string{"the postmortem changed on disk while pm was working; nothing was written or committed: run the command again", "pm の作業中にポストモーテムがディスク上で変更されました。何も書き込まず、コミットもしていません。もう一度実行してください"}, true
	case "err.changed-kept":
		return [2]string{"%s changed on disk while pm was working; nothing was written or committed, but what another program wrote to it in the instant pm's version stood in its place is in %s: compare that file with it, then run the command again", "pm の作業中に %s がディスク上で変更されました。何も書き込まず、コミットもしていません。ただし pm の版が置かれていた一瞬に別のプログラムが書き込んだ内容は %s にあります。そのファイルと見比べてから、もう一度実行してください"}, true
	case "err.beyond-symlink":
		return [2]string{"the postmortem's path goes through a symbolic link, and git does not store files through links; point dir: in .pm.yaml at the real folder (or pass --no-commit)", "ポストモーテムのパスがシンボリックリンクを通っています。git はリンクの先のファイルを保存しません。.pm.yaml の dir: を実際のフォルダーにしてください (または --no-commit)"}, true

	// Errors in .pm.yaml (pkg/config; pkg/cmd/root shows them after "path:line: "). Key names stay
	// as written in the file; yaml.v3's own words in config.yaml stay English.
	case "config.too-large":
		return [2]string{"file is larger than %d KiB; this is not a settings file", "ファイルが %d KiB を超えています。設定ファイルではありません"}, true
	case "config.yaml":
		return [2]string{"invalid YAML: %s", "YAML の構文エラーです: %s"}, true
	case "config.no-anchor":
		return [2]string{"aliases are not supported (and *%s refers to no anchor)", "エイリアスは使えません (また、*%s が参照するアンカーもありません)"}, true
	case "config.second-document":
		return [2]string{"a second YAML document starts here; the file must hold a single mapping", "ここから 2 つ目の YAML ドキュメントが始まっています。ファイルには 1 つのマッピングだけを書いてください"}, true
	case "config.not-mapping":
		return [2]string{"the file must be a mapping of keys to values, got %s", "ファイルはキーと値のマッピングでなければなりません (%s ではなく)"}, true
	case "config.alias":
		return [2]string{"aliases (*%s) are not supported; write the value out", "エイリアス (*%s) は使えません。値をそのまま書いてください"}, true
	case "config.key-kind":
		return [2]string{"a key is %s; keys must be plain names", "キーに %s は使えません。キーには単純な名前を書いてください"}, true
	case "config.key-kind-in":
		return [2]string{"a key in %s is %s; keys must be plain names", "%s のキーに %s は使えません。キーには単純な名前を書いてください"}, true
	case "config.duplicate":
		return [2]string{"duplicate key %q (first at line %d)", "キー %q が重複しています (最初は %d 行目)"}, true
	case "config.duplicate-in":
		return [2]string{"duplicate key %q in %s (first at line %d)", "%[2]s のキー %[1]q が重複しています (最初は %[3]d 行目)"}, true
	case "config.unknown-key":
		return [2]string{"unknown key %q (known keys: %s)", "不明なキー %q です (使えるキー: %s)"}, true
	case "config.unknown-key-in":
		return [2]string{"unknown key %q in %s (known keys: %s)", "%[2]s に不明なキー %[1]q があります (使えるキー: %[3]s)"}, true
	case "config.string":
		return [2]string{"%s: want a string, got %s", "%s: 文字列を指定してください (%s ではなく)"}, true
	case "config.string-item":
		return [2]string{"%s: each item must be a non-empty string, got %s", "%s: 各項目は空でない文字列にしてください (%s ではなく)"}, true
	case "config.list":
		return [2]string{"%s: want a list, got %s", "%s: リストを指定してください (%s ではなく)"}, true
	case "config.mapping":
		return [2]string{"%s: want a mapping of keys to values, got %s", "%s: キーと値のマッピングを指定してください (%s ではなく)"}, true
	case "config.integer":
		return [2]string{"%s: want a whole number from %d to %d, got %s", "%s: %d から %d までの整数を指定してください (%s ではなく)"}, true
	case "config.integer-or-off":
		return [2]string{`%s: want a whole number from %d to %d or "off", got %s`, `%s: %d から %d までの整数か "off" を指定してください (%s ではなく)`}, true
	case "config.dir.empty":
		return [2]string{"dir: %q is empty; use . for the repository root", "dir: %q は空です。リポジトリのルートなら . と書いてください"}, true
	case "config.dir.backslash":
		return [2]string{`dir: %q contains "\"; separate folders with /`, `dir: %q に "\" が含まれています。フォルダーは / で区切ってください`}, true
	case "config.dir.absolute":
		return [2]string{"dir: %q is absolute (or starts with a drive letter, as on Windows, where it is); give a path relative to the repository root", "dir: %q は絶対パスです (または Windows のようにドライブ文字で始まります)。リポジトリのルートからの相対パスを指定してください"}, true
	case "config.dir.parent":
		return [2]string{`dir: %q goes through ".."; the folder must be inside the repository`, `dir: %q は ".." を経由しています。フォルダーはリポジトリの中に置いてください`}, true
	case "config.dir.git":
		return [2]string{"dir: %q is inside .git", "dir: %q は .git の中です"}, true
	case "config.language":
		return [2]string{"language: %q is not supported (use %s)", "language: %q には対応していません (%s を指定してください)"}, true
	case "config.timezone-empty":
		return [2]string{"timezone: is empty; leave the key out to use this machine's zone", "timezone: 空です。このマシンのタイムゾーンを使うなら、キーごと省いてください"}, true
	case "config.timezone":
		return [2]string{"timezone: unknown time zone %q (want an IANA name such as Asia/Tokyo)", "timezone: 不明なタイムゾーン %q です (Asia/Tokyo のような IANA の名前を指定してください)"}, true
	case "config.country":
		return [2]string{`holidays.country: unknown holiday country %q (supported: %s, or "" for none)`, `holidays.country: 祝日の国 %q には対応していません (使えるのは %s。祝日なしなら "")`}, true
	case "config.date":
		return [2]string{"holidays.dates: want a date as YYYY-MM-DD, got %s", "holidays.dates: YYYY-MM-DD の形の日付を指定してください (%s ではなく)"}, true
	case "config.date-twice":
		return [2]string{"holidays.dates: %s is listed twice (first at line %d)", "holidays.dates: %s が 2 回書かれています (最初は %d 行目)"}, true
	case "config.sla-severity":
		return [2]string{"%s: unknown severity %q (use SEV-1 to SEV-5)", "%s: 不明な重大度 %q です (SEV-1 から SEV-5 を使ってください)"}, true
	case "config.sla-repeat":
		return [2]string{"%s: %q repeats %s (first at line %d)", "%s: %q は %s と重複しています (最初は %[4]d 行目)"}, true
	case "config.rule-empty":
		return [2]string{"lint.rules: a rule id is empty", "lint.rules: ルール ID が空です"}, true
	case "config.rule-severity":
		return [2]string{"lint.rules.%s: want %s, got %s", "lint.rules.%s: %s のいずれかを指定してください (%s ではなく)"}, true
	case "config.unknown-section":
		return [2]string{"%s: no section pm knows is named %q (name a heading of the English or Japanese template, or an alias of one)", "%s: %q という名前のセクションを pm は知りません (英語か日本語のテンプレートの見出しか、その別名を指定してください)"}, true
	case "config.unknown-section-near":
		return [2]string{"%s: no section pm knows is named %q (did you mean %q?)", "%s: %q という名前のセクションを pm は知りません (%q のことですか？)"}, true
	case "config.unknown-rule":
		return [2]string{"unknown lint rule %q (pm lint --list-rules lists them)", "不明な lint ルール %q です (pm lint --list-rules で一覧を表示できます)"}, true
	case "config.banned-entry":
		return [2]string{"%s: each entry must be a mapping with %s, got %s", "%s: 各項目は %s を持つマッピングにしてください (%s ではなく)"}, true
	case "config.banned-twice":
		return [2]string{"%s: %q is listed twice (first at line %d)", "%s: %q が 2 回書かれています (最初は %d 行目)"}, true
	case "config.no-word":
		return [2]string{"%s: an entry has no word", "%s: word のない項目があります"}, true
	case "config.sections-empty":
		return [2]string{"%s.sections: name at least one section, or leave the key out for %q", "%s.sections: セクションを 1 つ以上指定してください (%q だけなら、キーごと省いてください)"}, true
	case "config.repo-url":
		return [2]string{"repo_url: want an http(s) address such as https://github.com/acme/postmortems/blob/main, got %q", "repo_url: https://github.com/acme/postmortems/blob/main のような http(s) のアドレスを指定してください (%q ではなく)"}, true
	case "config.customer-liaison":
		return [2]string{`customer_liaison: want "Name <email>", got %q`, `customer_liaison: "名前 <email>" の形で指定してください (%q ではなく)`}, true
	case "config.mail-local-part":
		return [2]string{`mail.%s: %q has letters other than ASCII before its @, which a mail draft's header cannot hold (RFC 5322); its domain may (it is written as xn--…)`, `mail.%s: %q は @ の前に ASCII 以外の文字があり、メールの下書きのヘッダーに書けません (RFC 5322)。ドメインは書けます (xn--… の形で書きます)`}, true
	case "config.mail-address":
		return [2]string{`mail.%s: want "Name <email>" or an email address, got %q`, `mail.%s: "名前 <email>" かメールアドレスを指定してください (%q ではなく)`}, true
	case "config.term-entry":
		return [2]string{"%s: each entry must be a name or a mapping with %s, got %s", "%s: 各項目は名前か、%s を持つマッピングにしてください (%s ではなく)"}, true
	case "config.term-no-name":
		return [2]string{"%s: an entry has no name", "%s: name のない項目があります"}, true
	case "config.bool":
		return [2]string{"%s: want true or false, got %s", "%s: true か false を指定してください (%s ではなく)"}, true
	case "config.kind.mapping":
		return [2]string{"a mapping", "マッピング"}, true
	case "config.kind.list":
		return [2]string{"a list", "リスト"}, true
	case "config.kind.alias":
		return [2]string{"an alias", "エイリアス"}, true
	case "config.kind.null":
		return [2]string{"nothing", "空の値"}, true
	case "config.kind.string":
		return [2]string{"the string %q", "文字列 %q"}, true
	case "config.kind.value":
		return [2]string{"%s", "%s"}, true
	case "config.kind.unknown":
		return [2]string{"an unknown kind of value", "不明な種類の値"}, true
	case "config.outside":
		return [2]string{"read settings: %s is a symbolic link to a file outside the repository; pm does not read it (make it a file)", "設定ファイルを読めません: %s はリポジトリの外のファイルへのシンボリックリンクなので読みません (ファイルにしてください)"}, true
	case "config.dangling":
		return [2]string{"read settings: %s is a symbolic link to nothing; point it at the settings file, or remove it for pm's defaults", "設定ファイルを読めません: %s はどこも指していないシンボリックリンクです。設定ファイルを指すようにするか、既定の設定でよければ削除してください"}, true
	case "config.not-regular":
		return [2]string{"read settings: %s is not a regular file", "設定ファイルを読めません: %s は通常のファイルではありません"}, true
	case "config.read":
		return [2]string{"read settings: %v", "設定ファイルを読めません: %v"}, true

	// Usage errors, refusals and notes several commands share.
	case "usage.lang":
		return [2]string{"--lang %q: want en or ja", "--lang %q: en か ja を指定してください"}, true
	case "init.config-uncommitted":
		return [2]string{"note: %s is not committed: commit it (git add %s, git commit) so that every clone's pm reads the same folder, time zone, holidays and rules", "注: %s はコミットされていません: どのクローンの pm も同じフォルダー、タイムゾーン、祝日、ルールを読めるよう、コミットしてください (git add %s、git commit)"}, true
	case "init.files-uncommitted":
		return [2]string{"note: %s are not committed: commit them (git add %s, git commit) so that every clone's pm reads the same folder, time zone, holidays and rules", "注: %s はコミットされていません: どのクローンの pm も同じフォルダー、タイムゾーン、祝日、ルールを読めるよう、コミットしてください (git add %s、git commit)"}, true
	case "new.date-range":
		return [2]string{"--date %s is past what pm can write: the meeting deadline must have a four-digit year (up to 9998-12-31)", "--date %s は pm が書ける範囲を超えています: ミーティングの期限も 4 桁の年でなければなりません (9998-12-31 まで)"}, true
	case "new.deadline-range":
		return [2]string{"--date %s is past what pm can write: the %s meeting deadline (meeting_sla in .pm.yaml) would be in the year %d, and a date must have a four-digit year", "--date %s は pm が書ける範囲を超えています: %s のミーティングの期限 (.pm.yaml の meeting_sla) が %d 年になり、日付は 4 桁の年でなければなりません"}, true
	case "new.action-deadline-range":
		return [2]string{"--date %s is past what pm can write: the %s action items' deadline (action_item_deadline in .pm.yaml) would be in the year %d, and a date must have a four-digit year", "--date %s は pm が書ける範囲を超えています: %s のアクションアイテムの期限 (.pm.yaml の action_item_deadline) が %d 年になり、日付は 4 桁の年でなければなりません"}, true
	case "new.date-early":
		return [2]string{"--date %s is before what pm can write: the first day of year 1 is the instant pm reads as no date, and an earlier year has no four digits (from %s)", "--date %s は pm が書ける範囲より前です: 1 年の最初の日は日付がないのと区別できず、それより前の年は 4 桁ではありません (%s から)"}, true
	case "usage.now-range":
		return [2]string{"%s=%q is past what pm can write: a date from it, in any zone or with its meeting deadline, must have four digits (years 0001 to 9998)", "%s=%q は pm が書ける範囲を超えています: そこから得る日付は、どのタイムゾーンでもミーティングの期限を足しても 4 桁の年 (0001 年から 9998 年) でなければなりません"}, true
	case "usage.now-env":
		return [2]string{"%s=%q is not an RFC 3339 time like 2026-11-24T10:00:00+09:00", "%s=%q は RFC 3339 の時刻ではありません (2026-11-24T10:00:00+09:00 のように指定してください)"}, true
	case "usage.status":
		return [2]string{"unknown status %q (want Draft, In Review, Reviewed or Closed)", "不明なステータス %q です (Draft, In Review, Reviewed, Closed のいずれかを指定してください)"}, true
	case "usage.severity":
		return [2]string{"unknown severity %q (want SEV-1 … SEV-5, or 1 … 5)", "不明な重大度 %q です (SEV-1 … SEV-5 か 1 … 5 を指定してください)"}, true
	case "usage.format":
		return [2]string{"--format %q: want one of %s", "--format %q: %s のいずれかを指定してください"}, true
	case "usage.format-table":
		return [2]string{"--format %q: want table, json or csv", "--format %q: table, json, csv のいずれかを指定してください"}, true
	case "usage.unparsable":
		return [2]string{"%s does not parse: fix its front matter first (pm lint %s)", "%s を読み取れません: 先にフロントマターを直してください (pm lint %s)"}, true
	case "usage.skipped":
		return [2]string{"pm: skipped %s: no usable front matter (pm lint %s)", "pm: %s をスキップしました: 使えるフロントマターがありません (pm lint %s)"}, true
	case "skip.not-regular":
		return [2]string{"not a regular file (%s)", "通常のファイルではありません (%s)"}, true
	case "fs.kind.directory":
		return [2]string{"a directory", "フォルダー"}, true
	case "fs.kind.named-pipe":
		return [2]string{"a named pipe", "名前付きパイプ"}, true
	case "fs.kind.socket":
		return [2]string{"a socket", "ソケット"}, true
	case "fs.kind.char-device":
		return [2]string{"a character device", "キャラクターデバイス"}, true
	case "fs.kind.block-device":
		return [2]string{"a block device", "ブロックデバイス"}, true
	case "fs.kind.symlink":
		return [2]string{"a symbolic link", "シンボリックリンク"}, true
	case "fs.kind.irregular":
		return [2]string{"an irregular file", "特殊なファイル"}, true
	case "fs.kind.link-to":
		return [2]string{"a symbolic link to %s", "%sへのシンボリックリンク"}, true
	case "lint.skip-unmerged":
		return [2]string{"unmerged: resolve the conflict and git add the file, then lint it", "マージの競合が解決されていません: 競合を解決して git add してから検査してください"}, true
	case "lint.skip-staged-link":
		return [2]string{"a symbolic link (git stores the path it leads to): the file there is linted on its own when it is a postmortem staged or changed", "シンボリックリンクです (git はリンク先のパスを保存します): リンク先のファイルは、ステージされたか変更されたポストモーテムであれば、それ自体として検査されます"}, true
	case "usage.skipped-read":
		return [2]string{"pm: skipped %s: %s", "pm: %s をスキップしました: %s"}, true
	case "usage.not-repo":
		return [2]string{"%s is not in a git repository", "%s は git リポジトリの中ではありません"}, true
	case "resolve.none-open":
		return [2]string{"no open postmortem in %s; name one", "%s に完了していないポストモーテムがありません。対象を指定してください"}, true
	case "resolve.none-open-newest":
		return [2]string{"no open postmortem in %s; name one (the latest incident's: %s)", "%s に完了していないポストモーテムがありません。対象を指定してください (最新のインシデント: %s)"}, true
	case "resolve.several-open":
		return [2]string{"%d open postmortems, name one: %s", "完了していないポストモーテムが %d 件あります。どれか指定してください: %s"}, true
	case "resolve.no-file":
		return [2]string{"%s: no such file (a path names the file itself; give the id, %s, to look in the postmortem folder)", "%s: そのようなファイルはありません (パスはそのファイル自体を指します。ポストモーテムのフォルダーから探すには ID %s を指定してください)"}, true
	case "resolve.no-match":
		return [2]string{"no postmortem matches %q in %s", "%[2]s に %[1]q に一致するポストモーテムはありません"}, true
	case "resolve.several":
		return [2]string{"%q matches %d postmortems: %s", "%q に一致するポストモーテムが %d 件あります: %s"}, true
	case "n.postmortem":
		return [2]string{"%d postmortem|%d postmortems", "ポストモーテム %d 件"}, true
	case "n.business-day":
		return [2]string{"%d business day|%d business days", "%d 営業日"}, true
	case "n.attendee":
		return [2]string{"%d attendee|%d attendees", "参加者 %d 人"}, true
	case "completion.which":
		return [2]string{"say which shell: pm completion bash|zsh|fish|powershell", "シェルを指定してください: pm completion bash|zsh|fish|powershell"}, true
	case "completion.unknown":
		return [2]string{"unknown shell %q: want bash, zsh, fish or powershell", "不明なシェル %q です: bash, zsh, fish, powershell のいずれかを指定してください"}, true

	// pm lsp (hover, completion details, code action titles, errors of requests).
	case "lsp.not-open":
		return [2]string{"%s is not open and is not a postmortem of its repository", "%s は開かれておらず、リポジトリのポストモーテムでもありません"}, true
	case "lsp.rules-link":
		return [2]string{"pm's rules", "pm のルール一覧"}, true
	case "lsp.severity-detail":
		return [2]string{"meeting within %d business day(s)", "%d 営業日以内にミーティング"}, true
	case "lsp.timeline-now":
		return [2]string{"now, in the team's zone (%s)", "現在時刻 (チームのタイムゾーン %s)"}, true
	case "lsp.no-incident-date":
		return [2]string{"No valid incident_date: no meeting deadline yet.", "incident_date が正しくないため、ミーティングの期限はまだありません。"}, true
	case "lsp.no-deadline":
		return [2]string{"%s has no meeting deadline (meeting_sla in .pm.yaml).", "%s にはミーティングの期限がありません (.pm.yaml の meeting_sla)。"}, true
	case "lsp.deadline":
		return [2]string{"Meeting deadline: %s (%s: %d business day(s) after the incident)", "ミーティングの期限: %s (%s: インシデントから %d 営業日)"}, true
	case "lsp.deadline-passed":
		return [2]string{"The deadline passed %s ago.", "期限を %s過ぎています。"}, true
	case "lsp.deadline-today":
		return [2]string{"The deadline is today.", "期限は今日です。"}, true
	case "lsp.days-left":
		return [2]string{"%d business day left.|%d business days left.", "残り %d 営業日です。"}, true
	case "lsp.meeting-within":
		return [2]string{"The meeting (%s) is within the deadline.", "ミーティング (%s) は期限内です。"}, true
	case "lsp.meeting-late":
		return [2]string{"The meeting (%s) is %s after the deadline.", "ミーティング (%s) は期限を %s過ぎています。"}, true
	case "lsp.action-no-deadline":
		return [2]string{"No deadline: no Due date, and the severity sets none (action_item_deadline in .pm.yaml).", "期限なし: Due の日付がなく、重大度にも期限がありません (.pm.yaml の action_item_deadline)。"}, true
	case "lsp.action-due":
		return [2]string{"Due %s (its Due column).", "期限 %s (Due 列)。"}, true
	case "lsp.action-latest":
		return [2]string{"Due by %s (%s: %d day(s) after the incident).", "期限 %s (%s: インシデントから %d 日)。"}, true
	case "lsp.action-closed":
		return [2]string{"Status: %s.", "状態: %s。"}, true
	case "lsp.action-closed-on":
		return [2]string{"Status: %s (%s).", "状態: %s (%s)。"}, true
	case "lsp.action-overdue":
		return [2]string{"%d day overdue.|%d days overdue.", "%d 日超過しています。"}, true

	// pm hook.
	case "hook.merge-removed":
		return [2]string{"Removed pm's pre-merge-commit hook too: %s", "pm の pre-merge-commit フックも削除しました: %s"}, true
	case "hook.old-removed":
		return [2]string{"Removed pm's hook that lefthook had moved to %s (lefthook does not run it; add pm to lefthook.yml)", "lefthook が %s に移していた pm のフックを削除しました (lefthook はこれを実行しません。lefthook.yml に pm を加えてください)"}, true
	case "hook.legacy-removed":
		return [2]string{"Removed pm's hook that the pre-commit framework had kept as %s (it ran it before its own)", "pre-commit フレームワークが %s として残していた pm のフックを削除しました (フレームワークは自身のフックの前にこれを実行していました)"}, true
	case "hook.merge-installed":
		return [2]string{"The same as pre-merge-commit, for the commits git merge makes: %s", "git merge が作るコミットのため、pre-merge-commit にも同じフックを書きました: %s"}, true
	case "hook.merge-foreign":
		return [2]string{"%s is not pm's: left as it is, so the commits git merge makes are not linted by pm (--force replaces it, keeping it as a backup)", "%s は pm が書いたものではないため、そのままにしました。git merge が作るコミットは pm が検査しません (--force で置き換え、バックアップとして残します)"}, true
	case "hook.already":
		return [2]string{"The pre-commit hook is already installed: %s", "pre-commit フックはインストール済みです: %s"}, true
	case "hook.foreign":
		return [2]string{"%s exists and was not written by pm; add `pm lint --staged` to it, or replace it with --force", "%s は pm が書いたものではありません。そこに `pm lint --staged` を追加するか、--force で置き換えてください"}, true
	case "hook.foreign-pre-commit":
		return [2]string{"%s is the pre-commit framework's hook, which it writes anew: add pm to .pre-commit-config.yaml instead (hook id pm-lint), or replace the hook with --force", "%s は pre-commit フレームワークのフックで、フレームワークが書き直します。代わりに .pre-commit-config.yaml に pm を追加するか (フック id は pm-lint)、--force で置き換えてください"}, true
	case "hook.foreign-husky":
		return [2]string{"%s is husky's, which husky writes anew: add `pm lint --staged` to %s instead, the script it runs, or replace the hook with --force", "%s は husky のフックで、husky が書き直します。代わりに husky が実行するスクリプト %s に `pm lint --staged` を追加するか、--force で置き換えてください"}, true
	case "hook.foreign-lefthook":
		return [2]string{"%s is lefthook's, which lefthook writes anew: add a pre-commit command that runs `pm lint --staged` to lefthook.yml instead, or replace the hook with --force", "%s は lefthook のフックで、lefthook が書き直します。代わりに lefthook.yml の pre-commit に `pm lint --staged` を実行するコマンドを追加するか、--force で置き換えてください"}, true
	case "hook.already-legacy":
		return [2]string{"The pre-commit hook is already installed: %s, which the pre-commit framework's hook runs first", "pre-commit フックはインストール済みです: %s (pre-commit フレームワークのフックが先に実行します)"}, true
	case "hook.installed-legacy":
		return [2]string{"Updated the pre-commit hook: %s, which the pre-commit framework's hook runs first", "pre-commit フックを更新しました: %s (pre-commit フレームワークのフックが先に実行します)"}, true
	case "hook.pm-missing":
		return [2]string{"pm: not on PATH, and %s is gone: the staged postmortems cannot be linted; install pm, or commit with git commit --no-verify", "pm: PATH に pm がなく、%s もありません: ステージされたポストモーテムを検査できません。pm をインストールするか、git commit --no-verify でコミットしてください"}, true
	case "hook.kept":
		return [2]string{"Kept the old hook as %s", "元のフックを %s として残しました"}, true
	case "hook.installed":
		return [2]string{"Installed the pre-commit hook: %s (it runs pm lint --staged)", "pre-commit フックをインストールしました: %s (pm lint --staged を実行します)"}, true
	case "hook.none":
		return [2]string{"No pre-commit hook is installed; nothing changed.", "pre-commit フックはインストールされていません。何も変更していません。"}, true
	case "hook.foreign-kept":
		return [2]string{"%s was not written by pm; left as it is", "%s は pm が書いたものではないので、そのままにしました"}, true
	case "hook.removed":
		return [2]string{"Removed the pre-commit hook %s.", "pre-commit フック %s を削除しました。"}, true
	case "hook.removed-restored":
		return [2]string{"Removed the pre-commit hook %s; restored the hook it had replaced.", "pre-commit フック %s を削除し、置き換える前のフックを戻しました。"}, true
	case "hook.restored":
		return [2]string{"Restored the hook pm had replaced: %s", "pm が置き換えたフックを戻しました: %s"}, true
	case "hook.foreign-kept-backup":
		return [2]string{"%s was not written by pm; left as it is (the hook pm replaced earlier is still in %s)", "%s は pm が書いたものではないので、そのままにしました (pm が以前置き換えたフックは %s に残っています)"}, true
	case "hook.changed":
		return [2]string{"%s was changed since pm installed it; left as it is (remove it by hand if you no longer want it)", "%s は pm がインストールした後に変更されているので、そのままにしました (不要なら手で削除してください)"}, true
	case "hook.changed-backup":
		return [2]string{"%s was changed since pm installed it; left as it is: remove it by hand, then run pm hook uninstall again to restore %s", "%s は pm がインストールした後に変更されているので、そのままにしました。手で削除してから pm hook uninstall をもう一度実行すると %s を戻します"}, true
	case "hook.changed-install":
		return [2]string{"%s was changed since pm installed it; replace it with --force (the changed hook is then kept as %s)", "%s は pm がインストールした後に変更されています。--force で置き換えてください (変更されたフックは %s として残します)"}, true
	case "hook.backup-exists":
		return [2]string{"%s already holds a hook pm replaced earlier, so %s cannot be kept there; move one of them elsewhere, then run pm hook install --force again", "%s には pm が以前置き換えたフックが残っているので、%s をそこに残せません。どちらかを別の場所に移してから pm hook install --force をもう一度実行してください"}, true

	// pm init.
	case "init.not-folder":
		return [2]string{"%s exists and is not a folder; set dir in %s to another name", "%s はフォルダーではありません。%s の dir を別の名前にしてください"}, true
	case "init.done":
		return [2]string{"Already set up: %s and %s/ exist; nothing changed.", "設定済みです: %s と %s/ があります。何も変更していません。"}, true
	case "init.created":
		return [2]string{"Created %s", "%s を作成しました"}, true
	case "init.ignored":
		return [2]string{"Added %s to %s", "%s を %s に追加しました"}, true
	case "init.next":
		return [2]string{`Next: pm new --sev 1 --title "What happened"`, `次に: pm new --sev 1 --title "何が起きたか"`}, true
	case "init.calendar":
		return [2]string{"Meeting deadlines count business days in this machine's time zone (%s), with no public holidays: set timezone and holidays.country in %s to your team's (e.g. Asia/Tokyo and JP).", "ミーティングの期限は、このマシンのタイムゾーン (%s) で祝日なしとして営業日を数えます: %s の timezone と holidays.country をチームに合わせて設定してください (例: Asia/Tokyo と JP)。"}, true

	// pm new.
	case "new.sev-required":
		return [2]string{"--sev is required (1 … 5)", "--sev を指定してください (1 … 5)"}, true
	case "new.title-words":
		return [2]string{"the title is several arguments; quote it: --title %q", "タイトルが複数の引数に分かれています。引用符で囲んでください: --title %q"}, true
	case "new.title-twice":
		return [2]string{"two titles: --title %q and %q; give one", "タイトルが 2 つあります (--title %q と %q)。1 つにしてください"}, true
	case "new.title-required":
		return [2]string{"--title is required", "--title を指定してください"}, true
	case "new.flag-lines":
		return [2]string{"%s must be one line of text", "%s は 1 行のテキストで指定してください"}, true
	case "new.flag-control":
		return [2]string{"%s holds the control character %s; write it as plain text", "%s に制御文字 %s が含まれています。普通のテキストで書いてください"}, true
	case "new.bad-lang":
		return [2]string{"--template: unknown template language %q (known: %s)", "--template: テンプレートの言語 %q はありません (使えるのは %s)"}, true
	case "new.partial-slug":
		return [2]string{"note: the file is named %s after the title's Latin letters and digits; give --slug to name it otherwise (e.g. --slug checkout-delay)", "注: ファイル名はタイトルの英数字から %s にしました。--slug で別の名前を付けられます (例: --slug checkout-delay)"}, true
	case "new.service-slug":
		return [2]string{"note: the title has no ASCII letters, so the file is named after its services: %s; give --slug to name it otherwise", "注: タイトルに ASCII の英字がないため、ファイル名はサービス名から %s にしました。--slug で別の名前を付けられます"}, true
	case "new.bad-slug":
		return [2]string{"--slug %q cannot name the file: a slug holds ASCII letters, digits and hyphens (spaces and other ASCII marks become hyphens; pm does not romanise), e.g. --slug checkout-delay", "--slug %q ではファイル名を付けられません: スラッグに使えるのは ASCII の英字・数字・ハイフンです (空白などの ASCII 記号はハイフンになります。pm はローマ字化しません)。例: --slug checkout-delay"}, true
	case "new.no-slug":
		return [2]string{"note: the title has no ASCII letters, so the file is named %s; give --slug to name it (e.g. --slug checkout-delay)", "注: タイトルに ASCII の英字がないため、ファイル名は %s にしました。--slug で名前を付けられます (例: --slug checkout-delay)"}, true
	case "new.no-slug-digits":
		return [2]string{"note: the title has no ASCII letters, so the file is named %s (digits alone say nothing of the incident); give --slug to name it (e.g. --slug checkout-delay)", "注: タイトルに ASCII の英字がないため、ファイル名は %s にしました (数字だけではインシデントを表せません)。--slug で名前を付けられます (例: --slug checkout-delay)"}, true
	case "new.future-date":
		return [2]string{"warning: --date %s is after today (%s); check the incident date", "警告: --date %s は今日 (%s) より後です。インシデントの日付を確認してください"}, true
	case "new.bad-date":
		return [2]string{"--date %q is not a date like 2026-11-20", "--date %q は日付ではありません (2026-11-20 のように指定してください)"}, true
	case "new.owner-not-set":
		return [2]string{"not set", "未設定"}, true
	case "new.no-owner":
		return [2]string{"No owner: pass --owner or set owner: in the front matter.", "オーナーがいません: --owner を付けるか、フロントマターの owner: を設定してください。"}, true
	case "new.deadline":
		return [2]string{"%s, owner %s. Hold the postmortem meeting by %s (%d business day(s) after %s).", "%[1]s、オーナー %[2]s。ポストモーテムミーティングは %[3]s までに開いてください (%[5]s から %[4]d 営業日)。"}, true
	case "new.deadline-passed":
		return [2]string{"That day has passed: hold the meeting as soon as you can (pm meeting --at TIME --force, the time being past the deadline).", "その期限は過ぎています: できるだけ早くミーティングを開いてください (期限後の時刻なので pm meeting --at 日時 --force)。"}, true
	case "new.no-deadline":
		return [2]string{"%s, owner %s. No meeting deadline for %s.", "%[1]s、オーナー %[2]s。%[3]s にはミーティングの期限がありません。"}, true
	case "new.similar":
		return [2]string{"Similar: earlier postmortems with a service or tag of this one", "類似: サービスかタグが共通する過去のポストモーテム"}, true
	case "new.vocab-unknown":
		return [2]string{"warning: --%s %q is not in .pm.yaml's %s (pm lint warns of it too)", "警告: --%s %q は .pm.yaml の %s にありません (pm lint でも警告されます)"}, true
	case "new.vocab-suggest":
		return [2]string{"warning: --%s %q is not in .pm.yaml's %s; did you mean %q? (pm lint warns of it too)", "警告: --%s %q は .pm.yaml の %s にありません。%q のことですか？ (pm lint でも警告されます)"}, true

	// pm list (table format; JSON keys and CSV headers stay English).
	case "list.col-id":
		return [2]string{"ID", "ID"}, true
	case "list.col-sev":
		return [2]string{"SEV", "重大度"}, true
	case "list.col-status":
		return [2]string{"STATUS", "ステータス"}, true
	case "list.col-owner":
		return [2]string{"OWNER", "オーナー"}, true
	case "list.col-incident":
		return [2]string{"INCIDENT", "発生日"}, true
	case "list.col-meeting":
		return [2]string{"MEETING", "ミーティング"}, true
	case "list.col-title":
		return [2]string{"TITLE", "タイトル"}, true
	case "list.due":
		return [2]string{"due %s", "期限 %s"}, true
	case "list.none":
		return [2]string{"No postmortems match.", "条件に合うポストモーテムはありません。"}, true

	// pm actions (table format; JSON keys and the CSV for Jira stay English).
	case "actions.col-pri":
		return [2]string{"PRI", "優先度"}, true
	case "actions.col-action":
		return [2]string{"ACTION", "アクション"}, true
	case "actions.col-type":
		return [2]string{"TYPE", "種別"}, true
	case "actions.col-owner":
		return [2]string{"OWNER", "担当"}, true
	case "actions.col-due":
		return [2]string{"DUE", "期日"}, true
	case "actions.col-ticket":
		return [2]string{"TICKET", "チケット"}, true
	// pm stats.
	case "stats.bad-date":
		return [2]string{"%q is not a date (want YYYY-MM-DD, 2026/11/20 or 2026年11月20日)", "%q は日付ではありません (YYYY-MM-DD、2026/11/20、2026年11月20日 のように指定してください)"}, true
	case "stats.reversed":
		return [2]string{"--since %s is after --until %s: no incident is in both", "--since %s が --until %s より後です。両方を満たすインシデントはありません"}, true
	case "stats.empty-name":
		return [2]string{"%s \"\": give a name; an empty one matches no postmortem", "%s \"\": 名前を指定してください。空の名前に一致するポストモーテムはありません"}, true
	case "stats.postmortems":
		return [2]string{"%d postmortem|%d postmortems", "ポストモーテム %d 件"}, true
	case "stats.by-severity":
		return [2]string{"By severity", "重大度別"}, true
	case "stats.by-month":
		return [2]string{"By month of the incident", "インシデントの月別"}, true
	case "stats.meeting":
		return [2]string{"Meetings within the deadline: %d met, %d missed, %d pending (%s met)", "期限内のミーティング: 達成 %d 件、超過 %d 件、期限前で未実施 %d 件 (達成率 %s)"}, true
	case "stats.to-reviewed":
		return [2]string{"Days to Reviewed: median %s, 90th percentile %s (n = %d)", "Reviewed までの日数: 中央値 %s、90 パーセンタイル %s (%d 件)"}, true
	case "stats.to-reviewed-none":
		return [2]string{"Days to Reviewed: none has been Reviewed yet", "Reviewed までの日数: まだ Reviewed になったものはありません"}, true
	case "stats.to-closed":
		return [2]string{"Days to Closed: median %s, 90th percentile %s (n = %d)", "Closed までの日数: 中央値 %s、90 パーセンタイル %s (%d 件)"}, true
	case "stats.to-closed-none":
		return [2]string{"Days to Closed: none has been Closed yet", "Closed までの日数: まだ Closed になったものはありません"}, true
	case "stats.filed":
		return [2]string{"; %d filed in a tracker", "、トラッカーに起票済み %d 件"}, true
	case "stats.actions-none-done":
		return [2]string{"Action items: %d in all, none done yet, %d overdue", "アクションアイテム: 全 %d 件、完了はまだなし、期限超過 %d 件"}, true
	case "stats.actions":
		return [2]string{"Action items: %d in all, %d done, %d of them by the deadline (%s), %d overdue", "アクションアイテム: 全 %d 件、完了 %d 件 (うち期限内 %d 件、%s)、期限超過 %d 件"}, true
	case "stats.oldest-open":
		return [2]string{"; %d open, the oldest from an incident %s ago", "、未完了 %d 件 (最も古いものは %s前のインシデント)"}, true
	case "n.day":
		return [2]string{"%d day|%d days", "%d 日"}, true
	case "stats.recurrences":
		return [2]string{"Recurrences: %d", "再発: %d 件"}, true
	case "stats.recurrences-none":
		return [2]string{"Recurrences: none", "再発: なし"}, true
	case "actions.unread":
		return [2]string{"pm: %s: its %s cannot be read, so its action items' deadlines are their Due dates alone (pm lint %s)", "pm: %s: %s が読めないため、アクションアイテムの期限は Due の日付だけになります (pm lint %s)"}, true
	case "actions.list":
		return [2]string{"pm: %s: its Action Items are written as a list, not as the table pm reads, so none of them is listed here (pm lint %s)", "pm: %s: アクションアイテムが箇条書きで書かれており、pm が読む表になっていないため、ここには表示されません (pm lint %s)"}, true
	case "stats.unread":
		return [2]string{"pm: %s: counted without its %s, which pm cannot read (pm lint %s)", "pm: %s: %s が読めないため、それなしで集計しました (pm lint %s)"}, true
	case "stats.self-recurrence":
		return [2]string{"pm: %s: recurrence_of names this postmortem itself, so it is not counted as a recurrence (pm lint %s)", "pm: %s: recurrence_of がこのポストモーテム自身を指しているため、再発として数えていません (pm lint %s)"}, true
	case "stats.left-out":
		return [2]string{"pm: %s: left %s out of the days to Reviewed and Closed: dated before the incident or after now, or at a time pm cannot read (pm lint %s)", "pm: %s: インシデントより前か現在より後の日時、または読めない日時になっている %sを、Reviewed と Closed までの日数から除きました (pm lint %s)"}, true
	case "n.history-entry":
		return [2]string{"%d status_history entry|%d status_history entries", "status_history の項目 %d 件"}, true

	case "actions.col-status":
		return [2]string{"STATUS", "状態"}, true
	case "actions.days-late":
		return [2]string{"%dd", "%d日"}, true
	case "actions.state-open":
		return [2]string{"open", "未完了"}, true
	case "actions.state-filed":
		return [2]string{"filed", "起票済み"}, true
	case "actions.state-done":
		return [2]string{"done", "完了"}, true
	case "actions.state-wont-do":
		return [2]string{"won't do", "対応しない"}, true
	case "actions.tags":
		return [2]string{"tags: %s", "タグ: %s"}, true
	case "actions.desc-type":
		return [2]string{"Type", "種別"}, true
	case "actions.desc-due":
		return [2]string{"Due", "期日"}, true
	case "actions.desc-postmortem":
		return [2]string{"Postmortem", "ポストモーテム"}, true
	case "actions.none-overdue":
		return [2]string{"No overdue action items.", "期限を過ぎたアクションアイテムはありません。"}, true
	case "actions.none-open":
		return [2]string{"No open action items.", "未完了のアクションアイテムはありません。"}, true
	case "actions.none":
		return [2]string{"No action items.", "アクションアイテムはありません。"}, true

	// pm actions sync (the Status column's words stay in the table's own language).
	case "sync.no-tickets":
		return [2]string{"No action item names a ticket pm can read.", "pm が読めるチケットを挙げたアクションアイテムはありません。"}, true
	case "sync.none":
		return [2]string{"Read the tickets of %d action item(s): every Status is up to date.", "%d 件のアクションアイテムのチケットを読みました: 状態はすべて最新です。"}, true
	case "sync.dry-run":
		return [2]string{"Dry run: nothing written.", "ドライラン: 何も書き込んでいません。"}, true
	case "sync.no-status":
		return [2]string{"(no Status)", "(状態なし)"}, true
	case "sync.bad-repo":
		return [2]string{"--github-repo %q: want owner/repo", "--github-repo %q: owner/repo の形で指定してください"}, true
	case "sync.unreadable":
		return [2]string{"note: %s:%d: %s: no ticket pm can read (a Jira key or URL, owner/repo#N, a GitHub issue URL; a bare #N needs --github-repo); left as it is", "注: %s:%d: %s: pm が読めるチケットではありません (Jira のキーか URL、owner/repo#N、GitHub の issue の URL。#N だけなら --github-repo が必要です)。そのままにします"}, true
	case "sync.not-in-csv":
		return [2]string{"note: %s:%d: %s is not in %s; left as it is", "注: %s:%d: %s は %s にありません。そのままにします"}, true
	case "sync.not-found":
		return [2]string{"note: %s:%d: %s was not found in %s; left as it is", "注: %s:%d: %s は %s に見つかりませんでした。そのままにします"}, true
	case "sync.no-jira":
		return [2]string{"%d Jira ticket(s) to read (%s): set JIRA_URL (with JIRA_USER and JIRA_TOKEN), or read a Jira CSV export with --from-csv FILE; nothing written", "読むべき Jira のチケットが %d 件あります (%s): JIRA_URL (と JIRA_USER、JIRA_TOKEN) を設定するか、--from-csv FILE で Jira の CSV エクスポートを読んでください。何も書き込んでいません"}, true
	case "sync.csv":
		return [2]string{"read the Jira CSV export %s: %v; nothing written", "Jira の CSV エクスポート %s を読めません: %v。何も書き込んでいません"}, true
	case "sync.rate-limit":
		return [2]string{"%s: rate limit reached; it resets at %s: run pm actions sync again then; nothing written", "%s: レート制限に達しました。%s に解除されるので、その後で pm actions sync をもう一度実行してください。何も書き込んでいません"}, true
	case "sync.rate-limit-later":
		return [2]string{"%s: rate limit reached: run pm actions sync again later; nothing written", "%s: レート制限に達しました。しばらくしてから pm actions sync をもう一度実行してください。何も書き込んでいません"}, true
	case "sync.auth":
		return [2]string{"%s refused the credentials (HTTP %d): check %s; nothing written", "%s が認証情報を受け付けませんでした (HTTP %d): %s を確認してください。何も書き込んでいません"}, true
	case "sync.failed":
		return [2]string{"%v; nothing written", "%v。何も書き込んでいません"}, true

	// pm audit (text format; JSON keys and finding kinds stay English).
	case "audit.usage-tolerance":
		return [2]string{"--tolerance %s: want a positive duration such as 24h or 90m", "--tolerance %s: 24h や 90m のような正の時間を指定してください"}, true
	case "audit.no-repo":
		return [2]string{"%s is not in a git repository: pm audit reads the history of the postmortems", "%s は git リポジトリの中にありません: pm audit はポストモーテムの履歴を読みます"}, true
	case "audit.hours":
		return [2]string{"%d hour(s)", "%d 時間"}, true
	case "audit.minutes":
		return [2]string{"%d minute(s)", "%d 分"}, true
	case "audit.squashed":
		return [2]string{"pm: %s of steps a commit moved the status through at once (a squash merge) not checked: their commits are in the merged branch's history", "pm: 一度に複数の段階を進めたコミット (squash マージ) が通った段階の %sは確認していません: そのコミットはマージされたブランチの履歴にあります"}, true
	case "audit.before-added":
		return [2]string{"pm: %s dated before the commit that added the file not checked: their commits are in another history (a squash merge, a rename), or the moves were dated by PM_NOW or a clock behind the commits", "pm: ファイルを追加したコミットより前の日時の %sは確認していません: そのコミットが別の履歴にある (squash マージや名前の変更) か、PM_NOW やコミットより遅れた時計で日時が記録されています"}, true
	case "audit.shallow":
		return [2]string{"pm: this clone is shallow: %s older than its history not checked, their commits not being here (git fetch --unshallow)",
			"pm: このクローンは shallow です: 取得した履歴より古い%sは、対応するコミットがないため確認していません (git fetch --unshallow)"}, true
	case "audit.no-entry":
		return [2]string{"commit %s (%s, %s) changed status %s → %s without a status_history entry", "コミット %s (%s、%s) が status_history に記録せずに status を %s → %s に変更しました"}, true
	case "audit.no-commit":
		return [2]string{"status_history entry %s at %s by %s: no commit changed the status to %s within %s of it", "status_history の %s (%s、%s): その前後 %[5]s以内に status を %[4]s に変更したコミットがありません"}, true
	case "audit.bad-time":
		return [2]string{"status_history entry %s at %s by %s: the time is not an RFC 3339 time or a date", "status_history の %s (%s、%s): 時刻が RFC 3339 の時刻でも日付でもありません"}, true
	case "audit.forced":
		return [2]string{"forced move to %s at %s by %s (commit %s)", "強制移行: %s (%s、%s、コミット %s)"}, true
	case "audit.forced-no-commit":
		return [2]string{"forced move to %s at %s by %s (no commit found)", "強制移行: %s (%s、%s、コミットなし)"}, true
	case "audit.summary":
		return [2]string{"audited %s over %s: %s, %s", "%sを%sにわたって監査しました: %s、%s"}, true
	case "n.new-row":
		return [2]string{"%d new row|%d new rows", "%d 行"}, true
	case "n.timeline-row":
		return [2]string{"%d timeline row|%d timeline rows", "%d 行"}, true
	case "n.commit":
		return [2]string{"%d commit|%d commits", "コミット %d 件"}, true
	case "n.finding":
		return [2]string{"%d finding|%d findings", "指摘 %d 件"}, true
	case "n.forced-move":
		return [2]string{"%d forced move|%d forced moves", "強制移行 %d 件"}, true

	// pm review.
	case "review.not-repo":
		return [2]string{"%s is not in a git repository: pm review compares the work tree with a branch", "%s は git リポジトリの中ではありません: pm review は作業ツリーをブランチと比較します"}, true
	case "review.no-base":
		return [2]string{"no branch to compare with: origin/HEAD, origin/main and origin/master do not exist here; name the branch this change merges into with --base (e.g. --base main)", "比較するブランチがありません: origin/HEAD、origin/main、origin/master のどれもありません。この変更のマージ先ブランチを --base で指定してください (例: --base main)"}, true
	case "review.title":
		return [2]string{"Postmortem review", "ポストモーテムのレビュー"}, true
	case "review.nothing-changed":
		return [2]string{"No postmortem changed since %s.", "%s 以降に変更されたポストモーテムはありません。"}, true
	case "review.changed":
		return [2]string{"%s changed since %s", "%[2]s 以降の変更: %[1]s"}, true
	case "review.deleted-count":
		return [2]string{", %d deleted", "、削除 %d 件"}, true
	case "review.need-changes":
		return [2]string{"; %d needs changes (lint errors, or a status move the process does not allow)|; %d need changes (lint errors, or a status move the process does not allow)", "。うち %d 件は修正が必要です (lint のエラー、またはプロセスで認められないステータスの移行)"}, true
	case "review.end":
		return [2]string{".", "。"}, true
	case "review.summary":
		return [2]string{"%s reviewed against %s: %s, %s", "%[2]s と比較してレビュー: %[1]s、%[3]s、%[4]s"}, true
	case "review.summary-deleted":
		return [2]string{"; %d deleted", "、削除 %d 件"}, true
	case "review.deleted-since":
		return [2]string{"%s: deleted since %s%s", "%s: %s 以降に削除されました%s"}, true
	case "review.was":
		return [2]string{" (was %s)", " (以前は %s)"}, true
	case "review.file":
		return [2]string{"File", "ファイル"}, true
	case "review.severity":
		return [2]string{"Severity", "重大度"}, true
	case "review.owner":
		return [2]string{"Owner", "オーナー"}, true
	case "review.status":
		return [2]string{"Status", "ステータス"}, true
	case "review.meeting":
		return [2]string{"Meeting", "ミーティング"}, true
	case "review.lint":
		return [2]string{"Lint", "検査結果"}, true
	case "review.actions-unread-base":
		return [2]string{"not compared: the base version's front matter does not parse", "比較していません: 比較元のバージョンのフロントマターが読めません"}, true
	case "review.actions-unread":
		return [2]string{"not compared: the front matter does not parse (see the lint findings)", "比較していません: フロントマターが読めません (lint の指摘を見てください)"}, true
	case "review.actions":
		return [2]string{"Action items", "アクションアイテム"}, true
	case "review.byline":
		return [2]string{"%s (%s) · %s · owner %s", "%s (%s) · %s · オーナー %s"}, true
	case "review.state-new":
		return [2]string{"new", "新規"}, true
	case "review.state-changed":
		return [2]string{"changed", "変更"}, true
	case "review.state-deleted":
		return [2]string{"deleted", "削除"}, true
	case "review.state-renamed":
		return [2]string{"renamed from %s", "%s から名前変更"}, true
	case "review.truncated":
		return [2]string{"_%d more postmortem(s) not shown: a pull-request comment holds at most %d characters. Run `pm review` locally for the whole review._", "_ほかに %d 件のポストモーテムを省略しました: プルリクエストのコメントは %d 文字までです。すべては手元で `pm review` を実行して確認してください。_"}, true
	case "review.more-findings":
		return [2]string{"%d more finding(s): run %s", "ほかに %d 件の指摘: %s を実行してください"}, true
	case "review.more-actions":
		return [2]string{"%d more action item changes", "ほかに %d 件のアクションアイテムの変更"}, true
	case "review.lint-clean":
		return [2]string{"clean", "問題なし"}, true
	case "review.lint-counts":
		return [2]string{"%s, %s", "%s、%s"}, true
	case "review.actions-none":
		return [2]string{"none", "なし"}, true
	case "review.actions-counts":
		return [2]string{"%d added, %d changed, %d removed, %d unchanged", "追加 %d、変更 %d、削除 %d、変更なし %d"}, true
	case "review.item-details":
		return [2]string{"%s, owner %s, due %s, ticket %s", "%s、担当 %s、期日 %s、チケット %s"}, true
	case "review.list-sep":
		return [2]string{", ", "、"}, true
	case "review.change-added":
		return [2]string{"added", "追加"}, true
	case "review.change-changed":
		return [2]string{"changed", "変更"}, true
	case "review.change-removed":
		return [2]string{"removed", "削除"}, true
	case "review.field-priority":
		return [2]string{"priority", "優先度"}, true
	case "review.field-type":
		return [2]string{"type", "種別"}, true
	case "review.field-owner":
		return [2]string{"owner", "担当"}, true
	case "review.field-due":
		return [2]string{"due", "期日"}, true
	case "review.field-ticket":
		return [2]string{"ticket", "チケット"}, true
	case "review.col-line":
		return [2]string{"Line", "行"}, true
	case "review.col-severity":
		return [2]string{"Severity", "レベル"}, true
	case "review.col-rule":
		return [2]string{"Rule", "ルール"}, true
	case "review.col-message":
		return [2]string{"Message", "メッセージ"}, true
	case "review.col-change":
		return [2]string{"Change", "変更"}, true
	case "review.col-priority":
		return [2]string{"Priority", "優先度"}, true
	case "review.col-action":
		return [2]string{"Action", "アクション"}, true
	case "review.col-type":
		return [2]string{"Type", "種別"}, true
	case "review.col-owner":
		return [2]string{"Owner", "担当"}, true
	case "review.col-due":
		return [2]string{"Due", "期日"}, true
	case "review.col-status":
		return [2]string{"Status", "状態"}, true
	case "review.field-status":
		return [2]string{"status", "状態"}, true
	case "review.col-ticket":
		return [2]string{"Ticket", "チケット"}, true
	case "review.move-unknown":
		return [2]string{"unknown: the front matter has no valid status", "不明: フロントマターに正しいステータスがありません"}, true
	case "review.move-unchanged":
		return [2]string{", unchanged", "、変更なし"}, true
	case "review.move-allowed-gates":
		return [2]string{", steps the process allows, but the status's gates fail (see the lint findings): pm status would refuse it", "、手順は移行可ですが、ステータスの条件を満たしていません (lint の指摘を参照): pm status では拒否されます"}, true
	case "review.move-allowed":
		return [2]string{", allowed", "、移行可"}, true
	case "review.move-new":
		return [2]string{" (new postmortem)", " (新規のポストモーテム)"}, true
	case "review.move-no-base":
		return [2]string{" (no valid status at the base)", " (比較元に正しいステータスがありません)"}, true
	case "review.move-reopened":
		return [2]string{"; reopened with --force (see status_history)", "。--force で再開しています (status_history を参照)"}, true
	case "review.move-forced":
		return [2]string{"; forced past a failed gate (see status_history)", "。条件を満たさないまま強制的に移行しています (status_history を参照)"}, true
	case "review.move-unrecorded":
		return [2]string{"; status_history has no entry for it (pm status records moves)", "。status_history に記録がありません (移行は pm status で記録します)"}, true
	case "review.meeting-late":
		return [2]string{"%s, %s late (%s deadline %s)", "%[1]s、%[2]s遅れ (%[3]s の期限 %[4]s)"}, true
	case "review.meeting-within":
		return [2]string{"%s, within the %s deadline %s", "%[1]s、%[2]s の期限 %[3]s に間に合っています"}, true
	case "review.meeting-bad":
		return [2]string{"%q, not a time pm reads; due %s", "%q (pm が読める時刻ではありません)、期限 %s"}, true
	case "review.meeting-bad-no-deadline":
		return [2]string{"%q, not a time pm reads", "%q (pm が読める時刻ではありません)"}, true
	case "list.bad-meeting":
		return [2]string{"%s?", "%s?"}, true
	case "review.meeting-none":
		return [2]string{"unscheduled", "未設定"}, true
	case "review.meeting-due":
		return [2]string{"unscheduled, due %s", "未設定、期限 %s"}, true
	case "review.meeting-overdue":
		return [2]string{", %s overdue", "、%s超過"}, true
	case "review.meeting-moved":
		return [2]string{"; moved from %s", "。%s から変更"}, true
	case "review.meeting-was":
		return [2]string{"; was %s", "。以前は %s"}, true
	case "review.meeting-scheduled":
		return [2]string{"; scheduled in this change", "。この変更で設定"}, true
	case "review.no-deadline-sev":
		return [2]string{" (no deadline: severity is missing or invalid)", " (期限なし: severity がないか、正しくありません)"}, true
	case "review.no-deadline-date":
		return [2]string{" (no deadline: incident_date is missing or invalid)", " (期限なし: incident_date がないか、正しくありません)"}, true
	case "review.no-deadline":
		return [2]string{" (%s has no meeting deadline)", " (%s にはミーティングの期限がありません)"}, true

	// pm meeting.
	case "review.two-bases":
		return [2]string{"two bases: --base %q and %q; give one", "比較先が 2 つあります (--base %q と %q)。1 つにしてください"}, true
	case "review.empty-base":
		return [2]string{"%s: an empty revision names no commit; leave it out for origin/HEAD, origin/main or origin/master", "%s: 空のリビジョンはコミットを指しません。origin/HEAD、origin/main、origin/master を使うには省いてください"}, true
	case "meeting.args":
		return [2]string{`pm meeting takes one postmortem ("%s" given); give the time as --at "2026-11-26 10:00"`, `pm meeting に指定できるポストモーテムは 1 つです ("%s" が指定されました)。時刻は --at "2026-11-26 10:00" の形で指定してください`}, true
	case "meeting.at-required":
		return [2]string{`--at is required, like --at "2026-11-26 10:00"`, `--at を指定してください (例: --at "2026-11-26 10:00")`}, true
	case "meeting.duration-unread":
		return [2]string{"--duration %q is not a length: write it like 30m, 1h30m or 45分", "--duration %q は長さではありません: 30m、1h30m、45分、1時間30分 のように指定してください"}, true
	case "meeting.duration":
		return [2]string{"--duration %s: want a length from 1m to 8h, like 30m", "--duration %s: 1m から 8h までの長さを指定してください (例: 30m)"}, true
	case "meeting.location":
		return [2]string{"--location must be one line", "--location は 1 行で指定してください"}, true
	case "meeting.person-empty":
		return [2]string{"empty value", "値が空です"}, true
	case "meeting.person-lines":
		return [2]string{"%q must be one line", "%q は 1 行で指定してください"}, true
	case "meeting.person-bad":
		return [2]string{`%q is not "Name <email>", an email address or a name`, `%q は "名前 <email>"、メールアドレス、名前のいずれでもありません`}, true
	case "meeting.at-not-time":
		return [2]string{`not a time: want a time like "2026-11-26 10:00", "2026-11-26T10:00", "2026-11-26 10:00 JST", "2026-11-26 10:00 +09:00" or 2026-11-26T10:00:00+09:00`, `時刻ではありません: "2026-11-26 10:00"、"2026/11/26 10:00 JST"、"2026年11月26日 午後3時"、"2026-11-26 10:00 +09:00"、2026-11-26T10:00:00+09:00 のように、年から指定してください`}, true
	case "meeting.at-invalid":
		return [2]string{"%s is not a valid date and time", "%s は正しい日時ではありません"}, true
	case "link.recurrence-later":
		return [2]string{"%s (%s) is later than %s (%s): a recurrence repeats an earlier incident; the other way round is pm link %[1]s %[3]s --recurrence", "%s (%s) は %s (%s) より後の出来事です: 再発は以前のインシデントを繰り返すものです。逆向きなら pm link %[1]s %[3]s --recurrence です"}, true
	case "link.recurrence-loop":
		return [2]string{"%s is already what %s repeats (through recurrence_of): marking %[1]s a recurrence of %[2]s would make a loop", "%s はすでに %s が (recurrence_of を通じて) 繰り返すものです: %[1]s を %[2]s の再発にするとループになります"}, true
	case "meeting.at-ambiguous":
		return [2]string{"%s happens twice in %s (a daylight saving change repeats it): add the offset you mean (%s or %s)", "%s は %s で 2 回あります (夏時間の切り替えで繰り返されます): どちらかのオフセットを付けてください (%s または %s)"}, true
	case "meeting.at-skipped":
		return [2]string{"%s does not exist in %s (a daylight saving change skips it)", "%s は %s に存在しない時刻です (夏時間の切り替えで飛ばされます)"}, true
	case "meeting.zone-offset":
		return [2]string{"%s is not a zone offset (-12:00 … +14:00)", "%s はタイムゾーンのオフセットではありません (-12:00 … +14:00)"}, true
	case "meeting.zone-name":
		return [2]string{"unknown time zone %q", "不明なタイムゾーン %q です"}, true
	case "meeting.zone-unknown":
		return [2]string{"unknown time zone %q: write an offset such as +09:00, an IANA name such as Asia/Tokyo, or nothing for the configured zone (%s)", "不明なタイムゾーン %q です: +09:00 のようなオフセットか Asia/Tokyo のような IANA の名前を書くか、設定のタイムゾーン (%s) なら何も書かないでください"}, true
	case "meeting.fix-front-matter":
		return [2]string{"%s: fix its front matter before scheduling the meeting", "%s: ミーティングを設定する前にフロントマターを直してください"}, true
	case "meeting.ics-is-folder":
		return [2]string{"%s is a folder", "%s はフォルダーです"}, true
	case "meeting.ics-folder":
		return [2]string{"folder %s does not exist", "フォルダー %s がありません"}, true
	case "meeting.ics-not-folder":
		return [2]string{"%s is not a folder", "%s はフォルダーではありません"}, true
	case "meeting.before-incident":
		return [2]string{"--at %s is before the incident date %s", "--at %s はインシデント発生日 %s より前です"}, true
	case "meeting.at-range":
		return [2]string{"%s %s is past what pm can write: the meeting, to its end, must be by 9999-12-31 in the configured zone and in UTC", "%s %s は pm が書ける範囲を超えています: ミーティングは終了時刻まで、設定のタイムゾーンでも UTC でも 9999-12-31 までに収まらなければなりません"}, true
	case "meeting.held":
		return [2]string{"the postmortem is %s: its meeting has taken place (--force to reschedule anyway)", "ポストモーテムはすでに %s です: ミーティングは開催済みです (それでも設定し直すなら --force)"}, true
	case "meeting.past":
		return [2]string{"%s is in the past (now %s): check the date, or --force to record a meeting that took place", "%s は過去の時刻です (現在 %s): 日付を確認するか、開催済みのミーティングを記録するなら --force を付けてください"}, true
	case "meeting.after-deadline":
		return [2]string{"%s is %s after the %s deadline %s (%d business day(s) after the incident on %s): pick an earlier time, or --force", "%[1]s は %[3]s の期限 %[4]s より %[2]s後です (期限は %[6]s のインシデントから %[5]d 営業日): もっと早い時刻にするか、--force を付けてください"}, true
	case "meeting.held-forced":
		return [2]string{"the postmortem is %s: its meeting has taken place", "ポストモーテムはすでに %s です: ミーティングは開催済みです"}, true
	case "meeting.past-forced":
		return [2]string{"%s is in the past (now %s): set as a meeting that took place", "%s は過去の時刻です (現在 %s): 開催済みのミーティングとして設定します"}, true
	case "meeting.after-deadline-forced":
		return [2]string{"%s is %s after the %s deadline %s (%d business day(s) after the incident on %s)", "%[1]s は %[3]s の期限 %[4]s より %[2]s後です (期限は %[6]s のインシデントから %[5]d 営業日)"}, true
	case "meeting.not-written":
		return [2]string{"meeting set in %s, but the invitation was not written", "%s にミーティングを設定しましたが、招待状を書き込めませんでした"}, true
	case "meeting.forced":
		return [2]string{"Warning (forced): %s", "警告 (強制): %s"}, true
	case "meeting.moved":
		return [2]string{"%s: meeting moved from %s to %s.", "%s: ミーティングを %s から %s に変更しました。"}, true
	case "meeting.unchanged":
		return [2]string{"%s: meeting already set to %s; the file is unchanged.", "%s: ミーティングはすでに %s に設定されています。ファイルは変更していません。"}, true
	case "meeting.set":
		return [2]string{"%s: meeting %s.", "%s: ミーティングを %s に設定しました。"}, true
	case "meeting.within":
		return [2]string{"Within the %s deadline, %s.", "%s の期限 %s に間に合います。"}, true
	case "meeting.no-address":
		return [2]string{`No email address for %s: named in the description only; add --attendee "%s <email>" to invite them.`, `%s のメールアドレスがありません: 招待状の説明欄に名前を載せるだけにしました。招待するには --attendee "%s <email>" を付けてください。`}, true
	case "meeting.self-organizer":
		return [2]string{"No email address for the owner: the organizer is you (%s).", "オーナーのメールアドレスがありません: 主催者はあなた (%s) です。"}, true
	case "meeting.no-attendees":
		return [2]string{`The invitation has no attendees (no organizer address: set the owner as "Name <email>" or configure git's user.email): import it, then invite people from your calendar.`, `招待状に参加者がいません (主催者のアドレスがありません: owner を "名前 <email>" の形で書くか、git の user.email を設定してください)。取り込んでから、カレンダーで招待してください。`}, true
	case "meeting.invitation":
		return [2]string{"Invitation for %s: import %s into your calendar, or send it.", "招待状 (%s): %s をカレンダーに取り込むか、送信してください。"}, true
	case "meeting.label-owner":
		return [2]string{"owner", "オーナー"}, true
	case "meeting.label-ic":
		return [2]string{"incident commander", "インシデントコマンダー"}, true
	case "meeting.label-liaison":
		return [2]string{"customer liaison", "カスタマーリエゾン"}, true

	// The invitation's description (pm meeting), in the postmortem's language, not the user's.
	case "agenda.action-details":
		return [2]string{" (%s)", "（%s）"}, true
	case "agenda.intro":
		return [2]string{"Postmortem meeting for the %s incident of %s: %s", "%s インシデント（%s）のポストモーテムミーティング: %s"}, true
	case "agenda.external-empty":
		return [2]string{"(the External Message section has no text yet)", "（対外メッセージのセクションはまだ空です）"}, true
	case "agenda.document":
		return [2]string{"Document: %s (please read it before the meeting)", "ドキュメント: %s（ミーティングの前に読んでおいてください）"}, true
	case "agenda.roles":
		return [2]string{"%s runs the meeting; %s walks through the document.", "進行: %s / 説明: %s"}, true
	case "agenda.summary":
		return [2]string{"Postmortem: %s %s", "ポストモーテム: %s %s"}, true
	case "agenda.title":
		return [2]string{"Agenda", "アジェンダ"}, true
	case "agenda.timeline":
		return [2]string{"1. Recap the timeline, so that everyone agrees on the facts", "1. タイムラインの振り返り（事実の認識をそろえる）"}, true
	case "agenda.timeline-more":
		return [2]string{"… %d more in the document …", "… ほか %d 件はドキュメントを参照 …"}, true
	case "agenda.key-points":
		return [2]string{"2. Recap the important points, and anything unusual", "2. 重要なポイントと特異な点"}, true
	case "agenda.detect":
		return [2]string{"3. How could we have caught it sooner?", "3. もっと早く検知できなかったか"}, true
	case "agenda.detect-ask":
		return [2]string{"Did it show up in a canary? Could tests, or the load test environment, have caught it?", "カナリアで検知できたか？ テストや負荷試験環境で検知できたか？"}, true
	case "agenda.impact":
		return [2]string{"4. Customer impact, and any comments from customers", "4. 顧客への影響（お客様からの声を含む）"}, true
	case "agenda.actions":
		return [2]string{"5. Review the action items: are they right, are more needed?", "5. アクションアイテムの確認（妥当か、不足はないか）"}, true
	case "agenda.actions-none":
		return [2]string{"(none listed yet)", "（まだありません）"}, true
	case "agenda.external":
		return [2]string{"6. Review the external message before it is published", "6. 対外メッセージの確認（公開前）"}, true
	case "agenda.not-written":
		return [2]string{"(not written yet)", "（未記入）"}, true
	case "agenda.unreached":
		return [2]string{"Also invite: %s", "別途招待: %s"}, true

	// pm message.
	case "message.which":
		return [2]string{"say which message: pm message internal or pm message external", "どちらのメッセージか指定してください: pm message internal か pm message external"}, true
	case "message.too-many":
		return [2]string{"too many arguments: pm message internal|external [POSTMORTEM]", "引数が多すぎます: pm message internal|external [POSTMORTEM]"}, true
	case "message.unknown":
		return [2]string{"unknown message %q: want internal or external", "不明なメッセージ %q です: internal か external を指定してください"}, true
	case "message.eml-external":
		return [2]string{"--format eml is for the internal email; the external message goes to the status page (text or markdown)", "--format eml は社内メール用です。対外メッセージはステータスページに載せるので text か markdown を使ってください"}, true
	case "message.format":
		return [2]string{"--format %q: want text, markdown or eml", "--format %q: text, markdown, eml のいずれかを指定してください"}, true
	case "message.wrote":
		return [2]string{"Wrote %s", "%s に書き込みました"}, true
	case "message.no-external":
		return [2]string{"%s: external_message is false: no message goes to customers", "%s: external_message が false です: 対外メッセージはありません"}, true
	case "message.no-section":
		return [2]string{"%s has no External Message section: write the message customers will read first", "%s に対外メッセージ (External Message) のセクションがありません: 先に顧客が読むメッセージを書いてください"}, true
	case "message.empty-section":
		return [2]string{"%s: the External Message section is empty: write the message customers will read first", "%s: 対外メッセージ (External Message) のセクションが空です: 先に顧客が読むメッセージを書いてください"}, true
	case "message.banned":
		return [2]string{"%s: %d banned-word finding(s): reword the message as the findings say, or set full_outage: true if the service was entirely down", "%s: banned-word の指摘が %d 件あります: 指摘に従って書き直すか、サービスが完全に停止していたなら full_outage: true にしてください"}, true
	case "message.external-early":
		return [2]string{"Note: %s is %s: the process reviews this message in the postmortem meeting before Support posts it.", "注: %s は %s です: プロセスでは、サポートが掲載する前にポストモーテムミーティングでこのメッセージをレビューします。"}, true
	case "message.no-intro":
		return [2]string{"Note: %s has no Internal Email text: the email holds only the overview, the action items and the link.", "注: %s に社内メール (Internal Email) の本文がありません: メールには概要、アクションアイテム、リンクだけが入ります。"}, true
	case "message.internal-early":
		return [2]string{"Note: %s is %s: the process sends this email after the postmortem meeting.", "注: %s は %s です: プロセスでは、このメールはポストモーテムミーティングの後に送ります。"}, true
	case "message.no-from":
		return [2]string{"Note: no mail.from in .pm.yaml: the draft has no sender; your mail program fills it in.", "注: .pm.yaml に mail.from がありません: 下書きに差出人がないので、メールソフトで補われます。"}, true
	case "message.no-to":
		return [2]string{"Note: no mail.to in .pm.yaml: the draft has no recipients; add them in your mail program.", "注: .pm.yaml に mail.to がありません: 下書きに宛先がありません。メールソフトで追加してください。"}, true

	// pm timeline import.
	case "config.slack-url":
		return [2]string{"slack.workspace_url: want the workspace's http(s) address such as https://acme.slack.com, got %q", "slack.workspace_url: https://acme.slack.com のようなワークスペースの http(s) のアドレスを指定してください (%q ではなく)"}, true
	case "timeline.no-window":
		return [2]string{"the postmortem has no incident_date pm reads, so no window of records: give --from and --to (pm takes the day before the incident to the day after)", "ポストモーテムに pm が読める incident_date がないため、取り込む期間がありません: --from と --to を指定してください (通常はインシデントの前日から翌日までです)"}, true
	case "timeline.import-no-source":
		return [2]string{"name what to read (%s) and its file: pm timeline import csv notes.csv", "読み込む種類 (%s) とファイルを指定してください: pm timeline import csv notes.csv"}, true
	case "timeline.no-path":
		return [2]string{"pm timeline import %s: name the export or file to read (or, for pagerduty, --incident ID)", "pm timeline import %s: 読み込むエクスポートかファイルを指定してください (pagerduty なら --incident ID も使えます)"}, true
	case "timeline.args":
		return [2]string{"want SOURCE PATH [POSTMORTEM], or pagerduty --incident ID [POSTMORTEM]", "SOURCE PATH [POSTMORTEM] か pagerduty --incident ID [POSTMORTEM] の形で指定してください"}, true
	case "timeline.source":
		return [2]string{"unknown source %q: want slack, pagerduty or csv", "不明なソース %q: slack, pagerduty, csv のいずれかを指定してください"}, true
	case "timeline.no-channel":
		return [2]string{"slack: name the incident channel with --channel (several allowed)", "slack: --channel でインシデントのチャンネルを指定してください (複数指定できます)"}, true
	case "timeline.slack-only":
		return [2]string{"%s goes with slack only", "%s は slack でのみ使えます"}, true
	case "timeline.incident-only":
		return [2]string{"--incident goes with pagerduty only", "--incident は pagerduty でのみ使えます"}, true
	case "timeline.no-token":
		return [2]string{"--incident needs a PagerDuty API token in PAGERDUTY_TOKEN", "--incident には PAGERDUTY_TOKEN に PagerDuty の API トークンが必要です"}, true
	case "timeline.bad-time":
		return [2]string{"%s %q is not a time: want RFC 3339 or YYYY-MM-DD HH:MM in the team's zone", "%s %q は時刻ではありません: RFC 3339 か、チームのタイムゾーンでの YYYY-MM-DD HH:MM を指定してください"}, true
	case "timeline.empty-window":
		return [2]string{"--from %s is not before --to %s", "--from %s は --to %s より前にしてください"}, true
	case "timeline.no-section":
		return [2]string{"%s has no Timeline section: add a \"## Timeline\" heading (タイムライン) and import again", "%s にタイムライン (Timeline) のセクションがありません: 「## タイムライン」の見出しを追加してから、もう一度取り込んでください"}, true
	case "timeline.no-responders":
		return [2]string{"Note: %s has no Responders section: the responders were not added: %s", "注: %s に対応者 (Responders) のセクションがないため、対応者は追加していません: %s"}, true
	case "timeline.no-actions":
		return [2]string{"Note: %s has no Action Items section: the follow-up candidates were not added: %s", "注: %s にアクションアイテム (Action Items) のセクションがないため、フォローアップ候補は追加していません: %s"}, true
	case "timeline.todo-note":
		return [2]string{"Follow-up candidates from %s (pm timeline import): move the rows to do into the table above, with an owner and a due date, and delete the rest.", "%s からのフォローアップ候補 (pm timeline import): 対応する行は担当者と期日を入れて上の表に移し、残りは削除してください。"}, true
	case "timeline.responder":
		return [2]string{"responder: %s", "対応者: %s"}, true
	case "timeline.todo":
		return [2]string{"follow-up candidate: %s", "フォローアップ候補: %s"}, true
	// The rules' help paragraphs (lint.Rule.Help, which the English side repeats).
	case "rulehelp.action-item":
		return [2]string{"Only P0 and P1 follow-ups get tickets: lower priorities belong in the backlog, not the postmortem. Due is YYYY-MM-DD (2026/12/04 and 2026年12月4日 too), with the date's weekday in brackets after it if you like, (金) or (Fri); Type is prevent (stops a recurrence) or process (improves incident response). Every item needs a ticket reference, a URL or a key such as OPS-123: tickets are filed after the meeting, so a missing one is a warning at Reviewed and an error at Closed (the gate of pm status closed). A P0 or P1 item due later than the severity allows (action_item_deadline: 15 days after a SEV-1, 30 after a SEV-2) is a warning. A Status column, when there is one, holds open, done or won't do (未完了, 完了, 対応しない); empty is open. Items are read from the template's table only: a list of them is reported (Draft warning, later error) until it is made one.", "チケットを作るのは P0 と P1 のフォローアップだけです。それより優先度の低いものはポストモーテムではなくバックログに入れます。期日 (Due) は YYYY-MM-DD (2026/12/04 や 2026年12月4日 でも可) で、日付の後に括弧で曜日 ((金) や (Fri)) を添えることもできます。種別 (Type) は prevent (再発を防ぐ) か process (インシデント対応を改善する) です。各項目にはチケットへの参照 (URL か OPS-123 のようなキー) が必要です。チケットはミーティングの後に作成するため、ない場合は Reviewed では警告、Closed ではエラーになります (pm status closed の移行の条件)。P0 または P1 の項目の期日が重大度ごとの期限 (action_item_deadline: SEV-1 ならインシデントから 15 日、SEV-2 なら 30 日) より後の場合は警告です。状態 (Status) 列がある場合、値は open, done, won't do (未完了, 完了, 対応しない) のいずれかで、空なら open です。項目はテンプレートの表からだけ読み取ります。箇条書きで書かれた項目は、表にするまで指摘します (Draft では警告、それ以降はエラー)。"}, true
	case "rulehelp.action-items-count":
		return [2]string{"A long list of follow-ups is a list nobody finishes. File only what must be done to stop a recurrence or improve the response; the limit is lint.max_action_items in .pm.yaml.", "フォローアップの長いリストは、誰も終わらせられないリストです。再発を防ぐため、または対応を改善するために必ずやるべきことだけを起票してください。上限は .pm.yaml の lint.max_action_items で設定します。"}, true
	case "rulehelp.analysis-queries":
		return [2]string{"Paste the log searches, metric queries and commands that produced the numbers in a fenced code block, so that the analysis can be checked and repeated next time.", "数字を出すのに使ったログ検索、メトリクスのクエリ、コマンドをフェンス付きコードブロックに貼り付けてください。分析をほかの人が検証でき、次回も同じ手順を繰り返せるようにするためです。"}, true
	case "rulehelp.banned-word":
		return [2]string{"Customers read \"outage\" as \"everything was down\". Unless the service was entirely unavailable (full_outage: true in the front matter), describe it as an incident or a service degradation (ja: インシデント, サービス劣化). The words, their suggestions and the sections checked are set in .pm.yaml under lint.banned_words.", "顧客は「停止」(outage) という言葉を見ると「すべてが止まった」と受け取ります。サービスが完全に使えなかった場合 (フロントマターで full_outage: true) を除き、「インシデント」や「サービス劣化」と書いてください。使わない言葉、その代わりの表現、検査するセクションは .pm.yaml の lint.banned_words で設定します。"}, true
	case "rulehelp.call-recording":
		return [2]string{"The recording of the incident call is the best source for the timeline and for the review. Set call_recording: in the front matter to its URL.", "インシデント対応の通話録音は、タイムラインを書くにもレビューするにも一番の情報源です。フロントマターの call_recording: にその URL を設定してください。"}, true
	case "rulehelp.conflict-marker":
		return [2]string{"A merge or rebase left both sides of a conflict in the file. Keep the text that is right, and remove the <<<<<<<, |||||||, ======= and >>>>>>> lines.", "マージかリベースの結果、競合の両側がファイルに残っています。正しいほうの文章を残し、<<<<<<<, |||||||, =======, >>>>>>> の行を削除してください。"}, true
	case "rulehelp.empty-section":
		return [2]string{"A required section holding only the template's guidance comments, or a table with no rows, is empty. Fill it in before the review; in Draft this is a warning, from In Review on an error.", "必須セクションの中身がテンプレートの案内コメントだけ、または行のない表だけの場合は、空とみなします。レビューの前に書いてください。Draft では警告、In Review 以降はエラーです。"}, true
	case "rulehelp.front-matter":
		return [2]string{"A postmortem starts with a YAML block between --- lines holding title, severity (SEV-1 … SEV-5), status (Draft, In Review, Reviewed, Closed), owner and incident_date (YYYY-MM-DD or RFC 3339). meeting is an RFC 3339 time; external_message and full_outage are true or false; services, tags, contributing_factors and related are lists of strings (or one string), recurrence_of one id. Each status_history entry holds status (one of the four), at (an RFC 3339 time), by, and forced (true or false), each key once. pm new writes a complete block; fix the key the finding points at.", "ポストモーテムは --- の行で囲んだ YAML のブロックで始まり、title, severity (SEV-1 … SEV-5), status (Draft, In Review, Reviewed, Closed), owner, incident_date (YYYY-MM-DD か RFC 3339) を持ちます。meeting は RFC 3339 の時刻、external_message と full_outage は true か false、services, tags, contributing_factors, related は文字列のリスト (または 1 つの文字列)、recurrence_of は 1 つの ID です。status_history の各項目は status (4 つのステータスのいずれか), at (RFC 3339 の時刻), by, forced (true か false) を持ち、どのキーも 1 回だけ書きます。pm new は完全なブロックを書き出します。指摘が示すキーを直してください。"}, true
	case "rulehelp.meeting-sla":
		return [2]string{"The owner schedules the postmortem meeting within 3 business days of a SEV-1 and 5 of a SEV-2 (weekends and configured holidays skipped; meeting_sla in .pm.yaml). Set meeting: to its RFC 3339 time (pm meeting --at does it).", "オーナーは、ポストモーテムのミーティングを SEV-1 ならインシデントから 3 営業日以内、SEV-2 なら 5 営業日以内に設定します (週末と設定した休日は数えません。.pm.yaml の meeting_sla)。meeting: にその日時を RFC 3339 で設定してください (pm meeting --at で設定できます)。"}, true
	case "rulehelp.placeholder":
		return [2]string{"Placeholders mean the postmortem is not finished. Replace them with what is known, or say plainly what is still unknown and who is finding out. \"??\" (or \"？？\") counts standing alone, not at the end of a question. In Japanese, 未定 and 要確認 count as TBD does, and 調査中, 確認中 and 検討中 when they are the whole text (\"根本原因: 調査中\"), not in a sentence (\"原因を調査中\"). Code spans and code blocks are not checked.", "プレースホルダーが残っているのは、ポストモーテムが書き終わっていないしるしです。わかっていることで置き換えるか、まだ何がわかっていないのか、誰が調べているのかをはっきり書いてください。「??」(または「？？」) は単独で書かれているときに数え、疑問文の末尾にあるものは数えません。日本語では、「未定」と「要確認」は TBD と同じように数えます。「調査中」「確認中」「検討中」は、それだけが書かれているとき (「根本原因: 調査中」) に数え、文の中にあるとき (「原因を調査中」) は数えません。コードスパンとコードブロックは検査しません。"}, true
	case "rulehelp.relations":
		return [2]string{"related lists the ids (file names without .md) of other postmortems of the repository, and recurrence_of names the earlier postmortem this incident repeats. An id that names no postmortem, or a postmortem named as its own recurrence or relation, is an error; a relation the other postmortem does not list back is a warning. pm link A B writes both sides in one commit.", "related にはリポジトリ内の他のポストモーテムの ID (.md を除いたファイル名) を並べ、recurrence_of にはこのインシデントの再発元となる以前のポストモーテムを書きます。どのポストモーテムも指さない ID や、自分自身を再発元や関連に挙げたポストモーテムはエラーです。相手のポストモーテムに書き返されていない関連は警告です。pm link A B で双方を 1 つのコミットで書けます。"}, true
	case "rulehelp.required-section":
		return [2]string{"Required sections: Overview, What Happened, Root Cause, Resolution, Impact, Responders, Timeline, Action Items, and External Message when external_message is true. Headings match case-insensitively, in English or Japanese, and common aliases (Summary, Contributing Factors, Follow-ups, Customer Message, …) count. A finding points at the heading the missing section belongs before (or the end of the file), or at an HTML comment never closed (<!-- with no -->), which makes everything after it part of it, headings included.", "必須セクションは「概要」「なにが起きたか」「根本原因」「解決」「影響」「対応者」「タイムライン」「アクションアイテム」と、external_message が true のときの「対外メッセージ」です。見出しは英語でも日本語でもよく、大文字・小文字は区別しません。よく使われる別名 (Summary, Contributing Factors, Follow-ups, Customer Message など) も認めます。指摘は、欠けているセクションを入れるべき位置の直後の見出し (またはファイルの末尾) を指します。閉じられていない HTML コメント (--> のない <!--) があると、それより後は見出しも含めてすべてコメントになるため、指摘はそのコメントを指します。"}, true
	case "rulehelp.responders":
		return [2]string{"List the people who responded, at least 'Incident Commander: name' and 'Scribe: name' (ja: 'インシデントコマンダー: 名前', '記録係: 名前'), then subject-matter experts and the customer liaison.", "対応した人を挙げてください。少なくとも「インシデントコマンダー: 名前」と「記録係: 名前」(英語では 'Incident Commander: name' と 'Scribe: name') を書き、続けて各分野の専門家と顧客対応の窓口を書きます。"}, true
	case "rulehelp.status-gates":
		return [2]string{"A status is judged by the gates of the move that reaches it, whether pm status made the move or the status was edited by hand: Reviewed needs a meeting that has taken place; Closed with external_message true needs the postmortem to have been Reviewed (the message goes out after the meeting), as its status_history shows. A move forced past its gates (recorded as forced in status_history) is not judged again. The other gates have their own rules: lint errors at In Review, meeting-sla for a missing meeting, action-item for tickets.", "ステータスは、pm status で移行したか手で書き換えたかにかかわらず、そのステータスに至る移行の条件で判定します。Reviewed には、ミーティングが開催済みであることが必要です。external_message が true で Closed にするには、status_history 上でポストモーテムが Reviewed を経ている必要があります (対外メッセージはミーティングの後に出すため)。条件を満たさないまま強制した移行 (status_history に forced と記録されます) は改めて判定しません。ほかの条件はそれぞれ別のルールで検査します: In Review の基準での lint エラーは各ルール、ミーティングの未設定は meeting-sla、チケットは action-item です。"}, true
	case "rulehelp.status-history":
		return [2]string{"pm status records every move in status_history. A status that disagrees with the last entry was changed by hand, past the workflow's checks: move it with pm status (or put the status back), so that the history says who moved it and when. When the hand edit is a move the process does not allow, the finding says which moves are. Each entry is also judged as a move from the one before it: a move pm status does not record unforced (Draft → Closed, a reopening not marked forced: true) means the status was changed by hand, and the finding says which moves are allowed. Those are errors. The first entry, an entry that repeats the status before it, an entry forced past its gates and In Review → Closed (whatever external_message says now) are not. A Reviewed entry, not forced, dated before the meeting starts is an error too: pm status records Reviewed only once the meeting has begun. An entry dated before the incident date, after now, or before the entry above it cannot be when its move was made, and is a warning: correct its time. A malformed entry is the front-matter rule's finding, and is not judged here; nor are the moves on either side of it.", "pm status はすべての移行を status_history に記録します。ステータスが最後の項目と食い違っている場合は、ワークフローの確認を経ずに手で書き換えられています。誰がいつ移行したかが履歴に残るよう、pm status で移行してください (またはステータスを元に戻してください)。手での書き換えがプロセスで認められていない移行の場合は、どの移行なら認められるかを指摘が示します。各項目は、その前の項目からの移行としても判定します。pm status が強制なしでは記録しない移行 (Draft → Closed や、forced: true の付いていない再開) は、ステータスが手で書き換えられたことを意味し、どの移行が認められるかを指摘が示します。これらはエラーです。最初の項目、直前と同じステータスを繰り返す項目、条件を満たさないまま強制した項目、In Review → Closed (現在の external_message の値にかかわらず) はエラーになりません。強制でない Reviewed の項目の日時がミーティングの開始より前の場合もエラーです: pm status はミーティングが始まってからでないと Reviewed を記録しません。日時がインシデント発生日より前、現在より後、または前の項目より前の項目は、実際に移行した時刻ではありえないため警告です: 時刻を直してください。形式が不正な項目は front-matter ルールの指摘となり、ここでは判定しません。その前後の移行も判定しません。"}, true
	case "rulehelp.timeline-order":
		return [2]string{"List timeline entries oldest first. A time earlier than the row above is usually a typo in the date, the hour or the zone.", "タイムラインの項目は古い順に並べてください。前の行より早い時刻は、たいてい日付、時、タイムゾーンのいずれかの書き間違いです。"}, true
	case "rulehelp.timeline-source":
		return [2]string{"Each timestamp should cite the graph, log search, alert or page it was read from, as a link in the Data Link column, so that reviewers can check it and the next responder can find the same signal.", "各時刻には、それを読み取ったグラフ、ログ検索、アラート、ページへのリンクを「データへのリンク」(Data Link) 列に入れて、出典を示してください。レビューする人が確認でき、次の対応者が同じシグナルを見つけられるようにするためです。"}, true
	case "rulehelp.timeline-time":
		return [2]string{"Write times as 2026-11-20 09:14 UTC, 09:14 JST, 2026-11-20T00:14:00Z or with an offset such as +09:00. A time without a zone is ambiguous across teams; a zone in the column header (Time (UTC)) also counts. The timeline rules read the template's table only: a timeline written as a list is reported (an error from In Review on) until it is made one.", "時刻は 2026-11-20 09:14 UTC、09:14 JST、2026-11-20T00:14:00Z のように、または +09:00 のようなオフセット付きで書いてください。タイムゾーンのない時刻は、チームによって解釈が分かれます。列の見出しにあるタイムゾーン (Time (UTC) など) も有効です。タイムラインのルールはテンプレートの表だけを読み取ります。箇条書きで書かれたタイムラインは、表にするまで報告します (In Review 以降はエラー)。"}, true
	case "rulehelp.too-complex":
		return [2]string{"A Markdown parser takes time that grows faster than the input on a few shapes no postmortem needs: more than 32 block quotes or list items deep; a paragraph, heading or table cell with more than 256 emphasis, link, code or HTML marks, or with more emphasis marks than its length allows (32, or the square root of 16 times its bytes when that is more); more than 256 link reference definitions in a paragraph; more than 256 escaped pipes (\\|) in the tables of a document; a table whose short rows are padded to a very wide header; more than 250,000 table cells in a document (memory, not time). So that every file is linted in time linear in its size, pm does not read what lies past such a bound (the rest of the line, block or table), and reports where it starts; the rest of the file is linted as usual. Split the text, put it in a fenced code block, or remove it.", "Markdown パーサーは、ポストモーテムには必要のないいくつかの形に対して、入力の大きさを上回る勢いで処理時間が増えます。該当するのは、32 段を超える引用やリスト項目の入れ子、強調・リンク・コード・HTML の記号が 256 を超えるか、長さに対して強調の記号が多すぎる (上限は 32 と、バイト数の 16 倍の平方根のうち大きいほう) 段落・見出し・表のセル、1 つの段落にある 256 を超えるリンク参照定義、文書の表にある 256 を超えるエスケープしたパイプ (\\|)、短い行がとても幅の広い見出しに合わせて補われる表、文書内で 250,000 を超える表のセル (時間ではなくメモリの問題) です。どのファイルもサイズに比例した時間で検査できるよう、pm はこうした上限を超えた先 (その行、ブロック、表の残り) を読まず、その始まる位置を報告します。ファイルの残りはいつもどおり検査します。文章を分割するか、フェンス付きコードブロックに入れるか、削除してください。"}, true
	case "rulehelp.vocabulary":
		return [2]string{"When .pm.yaml lists the services, tags or contributing factors a team uses, every value of those front matter fields is one of them (by name or alias, in any case), so that postmortems can be found and counted by them. Fix the spelling (the finding suggests the closest known value), or add the value, or an alias for it, to .pm.yaml.", ".pm.yaml にチームで使うサービス、タグ、要因 (contributing factors) の一覧がある場合、フロントマターの services, tags, contributing_factors の値はすべて一覧のどれか (名前か別名。大文字・小文字は問いません) でなければなりません。それらの値でポストモーテムを探したり数えたりできるようにするためです。綴りを直す (指摘がいちばん近い既知の値を提案します) か、その値かその別名を .pm.yaml に追加してください。"}, true
	case "section.name":
		return [2]string{`"%s"`, "「%s」"}, true
	case "section.name-both":
		return [2]string{`"%s" (%s)`, "「%[2]s」(%[1]s) "}, true // ja: a space before the particle after the brackets
	case "section.name-glossed":
		return [2]string{`"%s" (%s)`, "「%s」(%s) "}, true
	case "write.read-only":
		return [2]string{"%s is read-only; pm leaves it as it is (make it writable, chmod u+w, and run the command again)", "%s は読み取り専用のため、pm は変更しません (書き込みを許可して (chmod u+w) コマンドをもう一度実行してください)"}, true
	case "lint.fix-read-only":
		return [2]string{"write %s: the file is read-only; pm lint --fix leaves it as it is", "%s は読み取り専用のため、pm lint --fix は変更しません"}, true
	case "slack.not-export":
		return [2]string{"not a Slack export folder or zip: %s", "Slack のエクスポートのフォルダーでも zip でもありません: %s"}, true
	case "slack.encrypted":
		return [2]string{"%s in the zip is password-protected: unzip the export with its password and import the folder", "zip 内の %s はパスワードで保護されています: パスワードを使って展開し、そのフォルダーを指定してください"}, true
	case "slack.no-channel":
		return [2]string{"no channel #%s in the export", "エクスポートにチャンネル #%s がありません"}, true
	case "json.want-array":
		return [2]string{"malformed JSON: want an array", "JSON が不正です: 配列が必要です"}, true
	case "json.after-array":
		return [2]string{"malformed JSON: data after the array", "JSON が不正です: 配列の後にデータがあります"}, true
	case "json.field-type":
		return [2]string{"%s %d: %s is %s, want %s", "%[1]s %[2]d: %[3]s が%[4]sになっています。%[5]sが必要です"}, true
	case "json.item-type":
		return [2]string{"%s %d is %s, want an object", "%s %d が%sになっています。オブジェクトが必要です"}, true
	case "json.item.message":
		return [2]string{"message", "メッセージ"}, true
	case "json.item.channel":
		return [2]string{"channel", "チャンネル"}, true
	case "json.item.user":
		return [2]string{"user", "ユーザー"}, true
	case "json.item.log-entry":
		return [2]string{"log entry", "ログエントリ"}, true
	case "json.kind.number":
		return [2]string{"a number", "数値"}, true
	case "json.kind.string":
		return [2]string{"a string", "文字列"}, true
	case "json.kind.bool":
		return [2]string{"true or false", "真偽値（true か false）"}, true
	case "json.kind.array":
		return [2]string{"an array", "配列"}, true
	case "json.kind.object":
		return [2]string{"an object", "オブジェクト"}, true
	case "json.kind.null":
		return [2]string{"null", "空の値（null）"}, true
	case "json.malformed":
		return [2]string{"malformed JSON: %s", "JSON が不正です: %s"}, true
	case "pd.empty":
		return [2]string{"empty file: want PagerDuty log entries JSON", "空のファイルです: PagerDuty のログエントリの JSON を指定してください"}, true
	case "pd.want-pages":
		return [2]string{"want an array of log entry pages, found %s", "ログエントリのページの配列が必要ですが、%s がありました"}, true
	case "pd.want-page":
		return [2]string{"want a page of log entries ({\"log_entries\": …}) or an array of pages", "ログエントリのページ ({\"log_entries\": …}) かその配列が必要です"}, true
	case "pd.after":
		return [2]string{"unexpected data after the log entries", "ログエントリの後に余分なデータがあります"}, true
	case "pd.not-list":
		return [2]string{"log_entries is not a list", "log_entries が配列ではありません"}, true
	case "pd.no-entries":
		return [2]string{"a page has no log_entries", "log_entries のないページがあります"}, true
	case "pd.no-created":
		return [2]string{"%s has no created_at: the export is incomplete", "%s に created_at がありません: エクスポートが不完全です"}, true
	case "pd.bad-created":
		return [2]string{"%s: created_at %q is not an RFC 3339 time", "%s: created_at の %q は RFC 3339 の時刻ではありません"}, true
	case "jira.too-large":
		return [2]string{"larger than %d MiB: not a Jira CSV export pm reads", "%d MiB を超えています: pm が読む Jira の CSV エクスポートではありません"}, true
	case "jira.empty":
		return [2]string{"the file is empty: want a Jira CSV export with the columns Issue key and Status", "空のファイルです: Issue key と Status の列がある Jira の CSV エクスポートを指定してください"}, true
	case "jira.no-column":
		return [2]string{"line 1: no %s column: want a Jira CSV export with the columns Issue key and Status (or Status Category)", "1 行目: %s の列がありません: Issue key と Status (または Status Category) の列がある Jira の CSV エクスポートを指定してください"}, true
	case "jira.fields":
		return [2]string{"line %d: %d field(s) where the header has %d: a truncated or malformed export", "%d 行目: 見出しの列は %[3]d 個なのに、項目が %[2]d 個あります (途中で切れたか壊れたエクスポート)"}, true
	case "jira.control":
		return [2]string{"line %d: %s: %q holds a line break or another control character: not a status pm reads", "%d 行目: %s: %q に改行などの制御文字があります: pm が読めるステータスではありません"}, true
	case "jira.no-value":
		return [2]string{"line %d: %s has no %s", "%d 行目: %s に %s がありません"}, true
	case "jira.resolved":
		return [2]string{"line %d: %s: Resolved %q is not a date pm reads (Jira writes 20/Oct/26 10:00 AM, or 2026-10-20 10:00): export it from Jira again rather than through a spreadsheet, or empty the column", "%d 行目: %s: Resolved の %q は pm が読める日付ではありません (Jira は 20/Oct/26 10:00 AM や 2026-10-20 10:00 と書きます): 表計算ソフトを通さずに Jira からエクスポートし直すか、この列を空にしてください"}, true
	case "jira.twice":
		return [2]string{"lines %d and %d: %s is %s on one and %s on the other: keep one row per key", "%d 行目と %d 行目: %s が一方では %s、もう一方では %s です: キーごとに 1 行にしてください"}, true
	case "csv.not-utf8":
		return [2]string{"line %d is not UTF-8 text: save the file as CSV UTF-8 (a spreadsheet's plain CSV in Japanese is Shift_JIS)", "%d 行目が UTF-8 のテキストではありません: CSV UTF-8 で保存し直してください (日本語の表計算ソフトの通常の CSV は Shift_JIS です)"}, true
	case "csv.utf16-no-bom":
		return [2]string{"UTF-16 text without a byte-order mark: save the file as CSV UTF-8 (or as Unicode text, which starts with one)", "バイトオーダーマークのない UTF-16 テキストです: CSV UTF-8 で (または先頭にマークの付く Unicode テキストで) 保存し直してください"}, true
	case "csv.nul":
		return [2]string{"not a text file (a NUL byte at offset %d): want CSV", "テキストファイルではありません (オフセット %d に NUL バイト): CSV を指定してください"}, true
	case "csv.empty":
		return [2]string{"empty file: want a header row naming time, event and link columns", "空のファイルです: 時刻、出来事、リンクの列を示す見出し行が必要です"}, true
	case "csv.no-columns":
		return [2]string{"the header row names no time and event columns (time, event, link or 時刻, 出来事, リンク)", "見出し行に時刻と出来事の列がありません (time, event, link または 時刻, 出来事, リンク)"}, true
	case "csv.header-zone":
		return [2]string{"the header %q names a zone pm cannot read: want one such as UTC, JST, +09:00, UTC+9 or Asia/Tokyo", "見出し %q のタイムゾーンを読めません: UTC、JST、+09:00、UTC+9、Asia/Tokyo のように書いてください"}, true
	case "csv.fields":
		return [2]string{"%d field(s) where the header names %d: put a field that holds a comma in double quotes", "見出しの列は %[2]d 個なのに、この行には %[1]d 個の項目があります: カンマを含む項目はダブルクォートで囲んでください"}, true
	case "csv.approximate-time":
		return [2]string{"%q is an approximate time or a range, not one time: write one time (the start)", "%q はおおよその時刻か時間の範囲で、1 つの時刻ではありません。1 つの時刻 (始まりの時刻) を書いてください"}, true
	case "csv.not-time":
		return [2]string{"%q is not a time: want 2026-11-20 09:14 (with an optional zone: UTC, JST, +09:00, Asia/Tokyo) or RFC 3339", "%q は時刻ではありません: 2026-11-20 09:14 (タイムゾーンは任意: UTC、JST、+09:00、Asia/Tokyo) か RFC 3339 で書いてください"}, true
	case "csv.skipped-time":
		return [2]string{"%q does not exist in %s (a daylight saving change skips it): add the offset you mean", "%q は %s に存在しない時刻です (夏時間の切り替えで飛ばされます): 意図したオフセットを付けてください"}, true
	case "csv.ambiguous-time":
		return [2]string{"%q happens twice in %s (a daylight saving change repeats it): add the offset you mean (%s or %s)", "%q は %s で 2 回あります (夏時間の切り替えで繰り返されます): どちらかのオフセットを付けてください (%s または %s)"}, true
	case "csv.empty-event":
		return [2]string{"the event is empty", "出来事が空です"}, true
	case "rules.completeness":
		return [2]string{"draft: warning, later: error", "Draft では warning、以降は error"}, true
	case "rules.mixed":
		return [2]string{"mixed: each finding says", "混在: 指摘ごとに異なる"}, true
	case "timeline.responders-table":
		return [2]string{"%s lists its responders in a table without a Name column: add them by hand: %s", "%s の対応者は名前の列がない表にあるため、手で追加してください: %s"}, true
	case "timeline.dry-run":
		return [2]string{"Dry run: %s from %s for %s; nothing written.", "ドライラン: %[2]s から %[3]s への新しい行は %[1]sです。何も書き込んでいません。"}, true
	case "timeline.nothing":
		return [2]string{"No new timeline rows from %s for %s; nothing to commit.", "%s から %s に追加するタイムラインの行はありません。コミットするものはありません。"}, true
	case "timeline.added":
		return [2]string{"%s from %s added to %s", "%[2]s から %[3]s にタイムラインの行を %[1]s追加しました"}, true
	case "timeline.responders":
		return [2]string{"responders added: %s", "追加した対応者: %s"}, true
	case "timeline.todos":
		return [2]string{"%d follow-up candidate(s) added under Action Items, commented out", "アクションアイテムの下にフォローアップ候補を %d 件、コメントとして追加しました"}, true
	case "timeline.after-review":
		return [2]string{"Note: %s is %s: the meeting reviewed the document without these rows", "注: %s は %s です。ミーティングではこれらの行のないドキュメントをレビューしました"}, true
	case "timeline.no-workspace":
		return [2]string{"Note: set slack.workspace_url in .pm.yaml to link each row to its message.", "注: .pm.yaml に slack.workspace_url を設定すると、各行がそのメッセージにリンクされます。"}, true

	// The internal email's fixed words (pm message internal), in the postmortem's language, not the user's.
	case "email.overview":
		return [2]string{"Overview", "概要"}, true
	case "email.actions":
		return [2]string{"Action items (P0/P1)", "アクションアイテム（P0/P1）"}, true
	case "email.none":
		return [2]string{"None.", "なし"}, true
	case "email.postmortem":
		return [2]string{"Postmortem", "ポストモーテム"}, true
	case "email.owner":
		return [2]string{"%s", "担当: %s"}, true
	case "email.due":
		return [2]string{"due %s", "期日: %s"}, true
	case "email.no-owner":
		return [2]string{"no owner", "担当未定"}, true
	case "email.no-ticket":
		return [2]string{"no ticket yet", "チケット未作成"}, true
	case "email.open":
		return [2]string{" (", "（"}, true
	case "email.sep":
		return [2]string{", ", "、"}, true
	case "email.close":
		return [2]string{")", "）"}, true

	// pm site's pages.
	case "site.wrote":
		return [2]string{"Wrote %s: %s, %s", "%s に書き込みました: %s、%s"}, true
	case "n.page":
		return [2]string{"%d page|%d pages", "%d ページ"}, true
	case "site.waiting":
		return [2]string{"pm: another pm site is writing %s; waiting for it to finish", "pm: 別の pm site が %s を書き込み中です。終わるのを待っています"}, true
	case "site.serving":
		return [2]string{"Serving the site at %s (Ctrl-C stops)", "%s でサイトを公開しています (Ctrl-C で終了)"}, true
	case "site.out-git":
		return [2]string{"inside .git: choose another folder", ".git の中です: 別のフォルダーを指定してください"}, true
	case "site.out-root":
		return [2]string{"is the repository root or holds it: pm site writes its files into the folder and removes those it wrote before; choose a folder of its own, such as site", "リポジトリのルートか、それを含むフォルダーです: pm site はフォルダーに書き込み、以前に書いたファイルを削除するので、site のような専用のフォルダーを指定してください"}, true
	case "site.shown-first":
		return [2]string{"%d of %d match; the first %d are shown", "%[2]d 件中 %[1]d 件が該当、先頭の %[3]d 件を表示"}, true
	case "site.out-folder":
		return [2]string{"is the postmortem folder, or inside or above it: choose a folder of its own, such as site", "ポストモーテムのフォルダーか、その中か上のフォルダーです: site のような専用のフォルダーを指定してください"}, true
	case "site.out-symlink":
		return [2]string{"is a symbolic link, and pm site does not write through one: give the folder it leads to, or a new folder's name", "シンボリックリンクです。pm site はリンク越しに書き込みません: リンク先のフォルダーか、新しいフォルダーの名前を指定してください"}, true
	case "site.out-not-folder":
		return [2]string{"is not a folder: choose a folder, or a new folder's name", "フォルダーではありません: フォルダーか、新しいフォルダーの名前を指定してください"}, true
	case "site.out-not-site":
		return [2]string{"the folder holds files pm site did not write; choose another folder or empty it", "pm site が書いたのではないファイルがあります: 別のフォルダーを指定するか、空にしてください"}, true
	case "site.title":
		return [2]string{"Postmortems", "ポストモーテム"}, true
	case "site.nav-index":
		return [2]string{"All postmortems", "すべてのポストモーテム"}, true
	case "site.nav-actions":
		return [2]string{"Open action items", "未完了のアクションアイテム"}, true
	case "site.nav-messages":
		return [2]string{"Customer messages", "対外メッセージ"}, true
	case "site.nav-charts":
		return [2]string{"Charts", "グラフ"}, true
	case "site.nav-services":
		return [2]string{"Services", "サービス"}, true
	case "site.nav-tags":
		return [2]string{"Tags", "タグ"}, true
	case "site.nav-main":
		return [2]string{"Site", "サイト"}, true
	case "site.skip":
		return [2]string{"Skip to content", "本文へ移動"}, true
	case "site.search":
		return [2]string{"Search", "検索"}, true
	case "site.search-hint":
		return [2]string{"Search titles, summaries and full text", "タイトル・概要・本文を検索"}, true
	case "site.filters":
		return [2]string{"Filters", "絞り込み"}, true
	case "site.any":
		return [2]string{"Any", "すべて"}, true
	case "site.shown":
		return [2]string{"%d of %d postmortems shown", "%[2]d 件中 %[1]d 件を表示"}, true
	case "site.no-match":
		return [2]string{"No postmortem matches.", "該当するポストモーテムはありません。"}, true
	case "site.col-title":
		return [2]string{"Title", "タイトル"}, true
	case "site.col-severity":
		return [2]string{"Severity", "重大度"}, true
	case "site.col-status":
		return [2]string{"Status", "ステータス"}, true
	case "site.col-services":
		return [2]string{"Services", "サービス"}, true
	case "site.col-tags":
		return [2]string{"Tags", "タグ"}, true
	case "site.col-owner":
		return [2]string{"Owner", "オーナー"}, true
	case "site.col-commander":
		return [2]string{"Incident commander", "インシデントコマンダー"}, true
	case "site.col-date":
		return [2]string{"Incident date", "発生日"}, true
	case "site.col-year":
		return [2]string{"Year", "年"}, true
	case "site.col-meeting":
		return [2]string{"Meeting", "ミーティング"}, true
	case "site.meeting-met":
		return [2]string{"held in time", "期限内に実施"}, true
	case "site.meeting-missed":
		return [2]string{"late", "期限超過"}, true
	case "site.meeting-pending":
		return [2]string{"due", "予定"}, true
	case "site.none":
		return [2]string{"none", "なし"}, true
	case "site.lint":
		return [2]string{"Lint findings", "lint の指摘"}, true
	case "site.lint-clean":
		return [2]string{"No lint findings", "lint の指摘なし"}, true
	case "site.lint-counts":
		return [2]string{"%d error(s), %d warning(s)", "エラー %d 件、警告 %d 件"}, true
	case "site.errors":
		return [2]string{"errors", "エラー"}, true
	case "site.error":
		return [2]string{"error", "エラー"}, true
	case "site.warning":
		return [2]string{"warning", "警告"}, true
	case "site.warnings":
		return [2]string{"warnings", "警告"}, true
	case "site.history":
		return [2]string{"Status history", "ステータスの履歴"}, true
	case "site.forced":
		return [2]string{"forced", "強制"}, true
	case "site.related":
		return [2]string{"Related postmortems", "関連するポストモーテム"}, true
	case "site.recurrence-of":
		return [2]string{"Recurrence of", "再発元"}, true
	case "site.recurred":
		return [2]string{"Recurred in", "再発"}, true
	case "site.edit":
		return [2]string{"Edit on %s", "%s で編集"}, true
	case "site.source":
		return [2]string{"Source", "ソース"}, true
	case "site.actions":
		return [2]string{"Open action items", "未完了のアクションアイテム"}, true
	case "site.actions-intro":
		return [2]string{"Action items still to be done, the most overdue first.", "まだ完了していないアクションアイテムです。期限超過の長いものから並べています。"}, true
	case "site.col-action":
		return [2]string{"Action", "アクション"}, true
	case "site.col-postmortem":
		return [2]string{"Postmortem", "ポストモーテム"}, true
	case "site.col-deadline":
		return [2]string{"Deadline", "期限"}, true
	case "site.col-overdue":
		return [2]string{"Days overdue", "超過日数"}, true
	case "site.col-age":
		return [2]string{"Age (days)", "経過日数"}, true
	case "site.col-state":
		return [2]string{"State", "状態"}, true
	case "site.col-ticket":
		return [2]string{"Ticket", "チケット"}, true
	case "site.no-actions":
		return [2]string{"No open action items.", "未完了のアクションアイテムはありません。"}, true
	case "site.messages":
		return [2]string{"Customer messages", "対外メッセージ"}, true
	case "site.messages-intro":
		return [2]string{"The External Message of every Reviewed or Closed postmortem, newest first: read earlier messages before writing a new one.", "Reviewed または Closed のポストモーテムの対外メッセージです (新しい順)。新しいメッセージを書く前に参考にしてください。"}, true
	case "site.no-messages":
		return [2]string{"No customer message yet.", "対外メッセージはまだありません。"}, true
	case "site.charts":
		return [2]string{"Charts", "グラフ"}, true
	case "site.data":
		return [2]string{"Data", "データ"}, true
	case "site.chart-month":
		return [2]string{"Postmortems per month, by severity", "月ごとのポストモーテム数 (重大度別)"}, true
	case "site.chart-month-desc":
		return [2]string{"A stacked bar chart of %d postmortem(s) over %d month(s), one colour per severity.", "%d 件のポストモーテムを %d か月にわたり重大度別に積み上げた棒グラフです。"}, true
	case "site.chart-sla":
		return [2]string{"Meetings held in time, per quarter", "期限内に開いたミーティングの割合 (四半期ごと)"}, true
	case "site.chart-sla-desc":
		return [2]string{"Percentage of meetings held within their deadline, by quarter of the incident:", "インシデントの四半期ごとの、期限内に開いたミーティングの割合:"}, true
	case "site.chart-closed":
		return [2]string{"Days to Closed, per quarter", "Closed までの日数 (四半期ごと)"}, true
	case "site.chart-closed-desc":
		return [2]string{"Median and 90th percentile of the days from the incident to Closed:", "インシデントから Closed までの日数の中央値と 90 パーセンタイル:"}, true
	case "site.chart-closed-item":
		return [2]string{"%s median %s, p90 %s", "%s 中央値 %s、p90 %s"}, true
	case "site.chart-items":
		return [2]string{"Action items done by their deadline, per quarter", "期限内に完了したアクションアイテム (四半期ごと)"}, true
	case "site.chart-items-desc":
		return [2]string{"Of %d action item(s), %d done, %d of them by their deadline.", "アクションアイテム %d 件のうち %d 件が完了、そのうち %d 件が期限内です。"}, true
	case "site.median":
		return [2]string{"median", "中央値"}, true
	case "site.p90":
		return [2]string{"90th percentile", "90 パーセンタイル"}, true
	case "site.done-in-time":
		return [2]string{"done by the deadline", "期限内に完了"}, true
	case "site.done-late":
		return [2]string{"done late", "期限後に完了"}, true
	case "site.not-done":
		return [2]string{"not done", "未完了"}, true
	case "site.quarter":
		return [2]string{"Quarter", "四半期"}, true
	case "site.month":
		return [2]string{"Month", "月"}, true
	case "site.service":
		return [2]string{"Service: %s", "サービス: %s"}, true
	case "site.tag":
		return [2]string{"Tag: %s", "タグ: %s"}, true
	case "site.feed":
		return [2]string{"Feed", "フィード"}, true
	case "site.feed-reviewed":
		return [2]string{"%s (Reviewed)", "%s (レビュー済み)"}, true
	case "site.generated":
		return [2]string{"Built by pm on %s", "pm が %s に生成"}, true
	case "site.contents":
		return [2]string{"Postmortem", "ポストモーテム"}, true
	case "site.archive":
		return [2]string{"Archive by month", "月別アーカイブ"}, true
	case "site.archive-month":
		return [2]string{"Postmortems of %s", "%s のポストモーテム"}, true
	case "site.undated":
		return [2]string{"without a date", "日付なし"}, true
	case "site.newest":
		return [2]string{"The newest %d are listed below; the archive by month lists every one. Search and the filters look through all of them.", "最新の %d 件を下に表示しています。すべての一覧は月別アーカイブにあります。検索と絞り込みは全件が対象です。"}, true
	case "site.messages-of":
		return [2]string{"Customer messages of %s", "%s の対外メッセージ"}, true
	case "site.messages-by-year":
		return [2]string{"By year", "年別"}, true
	case "site.more":
		return [2]string{"%d more: narrow the search to see them.", "ほかに %d 件あります。検索を絞り込んでください。"}, true
	}
	return m, false
}
