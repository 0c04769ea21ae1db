#!/usr/bin/env bash
# Stop the cluster scripts/slurm-start.sh started: cancel its jobs, then each daemon by its PID file (never by name).
#   --keep-munge  leave munged running (slurm-start.sh uses it to restart on a new config)
#   --purge       also delete the cluster's state, spool, logs and PID files (keeps the config and munge key)
set -uo pipefail
SLURM_ROOT=${SLURM_ROOT:-/tmp/caring-communities-slurm}
export SLURM_CONF=$SLURM_ROOT/etc/slurm.conf
keep_munge=0 purge=0
for arg in "$@"; do
  case $arg in --keep-munge) keep_munge=1 ;; --purge) purge=1 ;; esac
done

stop() {  # name pidfile: TERM, up to 10 s, then KILL
  local pid
  [[ -s $2 ]] || return 0
  pid=$(cat "$2")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    echo "[slurm-stop] stopped $1 (pid $pid)"
  fi
  rm -f "$2"
}

if [[ -f $SLURM_CONF ]] && timeout 5 scontrol ping 2>/dev/null | grep -q 'is UP'; then
  scancel --quiet --user="$(id -un)" 2>/dev/null || true
  sleep 1
fi
stop slurmd "$SLURM_ROOT/run/slurmd.pid"
stop slurmctld "$SLURM_ROOT/run/slurmctld.pid"
[[ $keep_munge == 1 ]] || stop munged "$SLURM_ROOT/munge/munged.pid"
[[ $purge == 1 ]] && rm -rf "$SLURM_ROOT"/{state,spool,log,run}
exit 0
