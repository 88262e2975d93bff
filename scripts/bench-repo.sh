# bench-repo.sh, sourced by scripts/bench.sh and scripts/bench-startup.sh so that both measure the
# same repository. bench_repo REPO FILES GENCORPUS makes in REPO a git repository of FILES generated
# postmortems (GENCORPUS: a build of bench/gencorpus, seed 1) as a pre-commit hook meets one: the
# history packed (git gc, not the automatic gc the corpus commit would start in the background during
# the measurements), the trees of the commit before loose as git commit leaves them until the next
# gc, and a change to one English postmortem staged. It sets one (that file's path) and rel (its
# path in the repository).
bench_repo() {
	local repo="$1" files="$2" gencorpus="$3" f
	mkdir -p "$repo"
	git -C "$repo" init -q
	"$gencorpus" -n "$files" -out "$repo/postmortems" 2>/dev/null
	git -C "$repo" add -A
	git -C "$repo" -c gc.auto=0 commit -qm corpus
	git -C "$repo" gc -q
	one=""
	for f in "$repo"/postmortems/*.md; do
		if ! grep -q '^## 概要' "$f"; then
			one="$f"
			break
		fi
	done
	printf '\nReviewed on the day.\n' >>"$one"
	git -C "$repo" -c gc.auto=0 commit -qam "the commit before"
	printf '\nEdited after the meeting.\n' >>"$one"
	git -C "$repo" add "$one"
	rel="postmortems/$(basename "$one")"
}

# bench_repos REPO FILES SMALL GENCORPUS makes both repositories the benchmarks use: REPO with FILES
# postmortems and SMALL with 20 (see bench_repo); one and rel are left naming REPO's staged file.
bench_repos() {
	bench_repo "$3" 20 "$4"
	bench_repo "$1" "$2" "$4"
}
