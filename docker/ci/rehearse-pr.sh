#!/usr/bin/env bash
# The pull-request check, as the GitHub Action (action.yml) and the GitLab example run it: lint the migrations changed
# since the base, rehearse them, post or update one PR comment (found by report.md's marker), and leave SARIF, HTML
# and the other reports in $REHEARSE_OUT for the CI to upload. Runnable anywhere with git, bash, curl and jq.
#
# Inputs (environment):
#   REHEARSE_MIGRATIONS  the migrations folder (required), relative to the repository root
#   REHEARSE_BASE        the commit or ref the PR is compared with; default origin/$GITHUB_BASE_REF
#   REHEARSE_SCENARIO    a scenario file for run (optional; without one, run takes flags alone)
#   REHEARSE_RUN_ARGS    more arguments for run, e.g. "--engine postgres:15 --rows orders=1M" (word-split)
#   REHEARSE_LINT_ARGS   more arguments for lint (word-split)
#   REHEARSE_RUN         "false" to lint only
#   REHEARSE_REPORTS     run's report formats; default console,json,md,sarif,runbook,html
#   REHEARSE_FAIL_ON     block|flag|never (default block): the check fails when the verdict reaches it
#   REHEARSE_OUT         where the reports go; default rehearse-reports
#   REHEARSE_CMD         how to start rehearse; default "rehearse" on PATH
#   REHEARSE_POST        "github" (default when GITHUB_TOKEN is set), "dry-run" (build every request, log it to
#                        $REHEARSE_OUT/github-api.log, send nothing) or "none"
#   REHEARSE_DRY_RUN_COMMENTS  with dry-run: a JSON file standing for the PR's existing comments (default: none)
#   GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_EVENT_PATH (the PR number), GITHUB_API_URL, GITHUB_OUTPUT,
#   GITHUB_STEP_SUMMARY: as GitHub Actions sets them.
set -uo pipefail

marker='<!-- rehearse:report -->'
out="${REHEARSE_OUT:-rehearse-reports}"
migrations="${REHEARSE_MIGRATIONS:?REHEARSE_MIGRATIONS: the migrations folder}"
base="${REHEARSE_BASE:-${GITHUB_BASE_REF:+origin/$GITHUB_BASE_REF}}"
fail_on="${REHEARSE_FAIL_ON:-block}"
reports="${REHEARSE_REPORTS:-console,json,md,sarif,runbook,html}"
read -r -a cmd <<< "${REHEARSE_CMD:-rehearse}"
read -r -a run_args <<< "${REHEARSE_RUN_ARGS:-}"
read -r -a lint_args <<< "${REHEARSE_LINT_ARGS:-}"
post="${REHEARSE_POST:-$([[ -n "${GITHUB_TOKEN:-}" ]] && echo github || echo none)}"

say() { echo "rehearse-pr: $*" >&2; }
output() { [[ -n "${GITHUB_OUTPUT:-}" ]] && echo "$1=$2" >> "$GITHUB_OUTPUT"; return 0; }

if [[ -z "$base" ]]; then say "no base: set REHEARSE_BASE (or run on a pull_request event)"; exit 2; fi
if ! git rev-parse --verify --quiet "$base^{commit}" >/dev/null; then
  say "base $base is not in this clone (fetch it: actions/checkout with fetch-depth: 0)"; exit 2
fi
mkdir -p "$out"

changed="$(git diff --name-only --diff-filter=ACMR "$base"...HEAD -- "$migrations"; git ls-files --others --exclude-standard -- "$migrations")"
if [[ -z "$changed" ]]; then
  say "no migration under $migrations changed since $base"
  output changed false
  exit 0
fi
output changed true
printf '%s\n' "$changed" > "$out/changed.txt"
say "changed since $base: $(echo "$changed" | wc -l) file(s)"

# lint: the static rules on the changed files, read on top of the deployed ones (the rest of the folder)
"${cmd[@]}" lint "$migrations" --changed-since "$base" --report console,json,md,sarif --out "$out/lint" \
  --fail-on "$fail_on" "${lint_args[@]}"
lint_code=$?
output lint-exit-code "$lint_code"
if (( lint_code > 1 )); then say "lint could not read the migrations (exit $lint_code)"; exit "$lint_code"; fi

code=$lint_code
comment="$out/lint/report.md"
if [[ "${REHEARSE_RUN:-true}" != false ]]; then
  scenario=()
  [[ -n "${REHEARSE_SCENARIO:-}" ]] && scenario=("$REHEARSE_SCENARIO")
  run_reports="$reports"
  for attempt in 1 2 3 4 5 6 7; do
    "${cmd[@]}" run "${scenario[@]}" --migrations "$migrations" --changed-since "$base" --report "$run_reports" \
      --out "$out/run" --fail-on "$fail_on" "${run_args[@]}" 2> >(tee "$out/run.stderr" >&2)
    code=$?
    # a format this build lacks exits 3 before anything starts (README): drop it rather than lose the rehearsal
    missing="$(sed -n 's/.*--report \([a-z]*\) is not available in this build yet.*/\1/p' "$out/run.stderr" | head -1)"
    [[ $code -eq 3 && -n "$missing" ]] || break
    say "this rehearse has no --report $missing; rehearsing without it"
    run_reports="$(echo ",$run_reports," | sed "s/,$missing,/,/; s/^,//; s/,$//")"
  done
  output run-exit-code "$code"
  [[ -f "$out/run/report.md" ]] && comment="$out/run/report.md"
fi
output comment "$comment"
[[ -f "$out/run/report.sarif" ]] && output sarif "$out/run/report.sarif" || output sarif "$out/lint/report.sarif"
[[ -f "$out/run/report.html" ]] && output html "$out/run/report.html"
[[ -n "${GITHUB_STEP_SUMMARY:-}" && -f "$comment" ]] && cat "$comment" >> "$GITHUB_STEP_SUMMARY"

# The GitHub REST API, or, under dry-run, the request written to github-api.log and a canned answer.
api() { # METHOD PATH [BODY_FILE]
  local method="$1" path="$2" body="${3:-}"
  if [[ "$post" == dry-run ]]; then
    { echo "$method $path"; [[ -n "$body" ]] && cat "$body"; echo; } >> "$out/github-api.log"
    if [[ "$method" == GET ]]; then cat "${REHEARSE_DRY_RUN_COMMENTS:-/dev/null}" 2>/dev/null || true; fi
    [[ "$method" == GET && -z "${REHEARSE_DRY_RUN_COMMENTS:-}" ]] && echo '[]'
    return 0
  fi
  curl -fsS -X "$method" -H "Authorization: Bearer $GITHUB_TOKEN" -H "Accept: application/vnd.github+json" \
    -H "X-GitHub-Api-Version: 2022-11-28" -H "Content-Type: application/json" ${body:+--data-binary "@$body"} "${GITHUB_API_URL:-https://api.github.com}$path"
}

post_comment() { # FILE
  local file="$1" pr repo="${GITHUB_REPOSITORY:?GITHUB_REPOSITORY}" existing body
  pr="$(jq -r '.pull_request.number // .issue.number // empty' "${GITHUB_EVENT_PATH:?GITHUB_EVENT_PATH}")"
  if [[ -z "$pr" ]]; then say "not a pull request event: no comment"; return 0; fi
  body="$out/comment.json"
  jq -cRs '{body: .}' "$file" > "$body"  # one line: the dry-run log keeps a request per line
  # our comment is the one whose body starts with the marker; the newest first page of 100 holds it in practice
  existing="$(api GET "/repos/$repo/issues/$pr/comments?per_page=100" \
    | jq -r --arg m "$marker" '[.[] | select(.body | startswith($m))] | last | .id // empty')" || return 1
  if [[ -n "$existing" ]]; then
    api PATCH "/repos/$repo/issues/comments/$existing" "$body" > /dev/null && say "updated comment $existing on #$pr"
  else
    api POST "/repos/$repo/issues/$pr/comments" "$body" > /dev/null && say "commented on #$pr"
  fi
}

if [[ "$post" != none && -f "$comment" ]]; then
  post_comment "$comment" || say "could not post the comment (the check's result stands)"
fi
exit "$code"
