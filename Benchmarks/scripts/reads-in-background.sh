# Sourced by the profiling scripts (profile-conversation, count-calls), from Benchmarks/.
# reads_in_background CONTENDER WORKLOAD [wacore-bench flags...]
# Starts one contender's SQLite reads, enough repetitions to outlast any recording, and
# returns once the data is loaded and the first repetition has run: a profile then sees only
# reads. Sets `work` (a temporary directory, removed at exit) and `pid` (stopped at exit).
reads_in_background() {
  local contender=$1 workload=$2
  shift 2
  [ -x .build/release/wacore-bench ] || { echo "no release build of wacore-bench: run Benchmarks/run first" >&2; exit 1; }
  work=$(mktemp -d)
  pid=""
  trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
  .build/release/wacore-bench --engine sqlite --workload "$workload" --contender "$contender" --reps 200 \
    --dir "$work" "$@" >"$work/run.log" 2>&1 &
  pid=$!
  until grep -q "rep 1 " "$work/run.log" 2>/dev/null; do
    kill -0 $pid 2>/dev/null || { cat "$work/run.log"; exit 1; }
    sleep 0.5
  done
}
