#!/usr/bin/env bash
# Start a real single-node SLURM cluster on this machine, for the cluster test and for trying
# `python -m experiments run <study> --launcher slurm` without a cluster; idempotent (running daemons are kept).
#
# Installs Debian's slurm-wlm and munge when missing (needs root), then runs munged, slurmctld and slurmd by hand
# (no systemd), bound to 127.0.0.1, with everything they write under $SLURM_ROOT. Afterwards:
#   source $SLURM_ROOT/env.sh      # SLURM_CONF, and the sacct stand-in on the PATH
# Stop with scripts/slurm-stop.sh. What it takes care of, learnt the hard way:
# - the node is named `localhost` (slurmd -N), whatever the host is called;
# - RealMemory is set (5% under what slurmd sees), or every job asking for memory is refused;
# - munged runs as user munge and refuses a folder it cannot reach or that others can write: not under /root;
# - there is no accounting database, so `sacct` fails and submitit would wait forever for a task that died without
#   a result (killed, out of memory, time limit); a small sacct answers from `scontrol show job` instead.
set -euo pipefail

SLURM_ROOT=${SLURM_ROOT:-/tmp/caring-communities-slurm}
NODE=localhost
PARTITION=${SLURM_PARTITION:-debug}
CTLD_PORT=${SLURM_CTLD_PORT:-6817}
SLURMD_PORT=${SLURM_SLURMD_PORT:-6818}
MUNGE=$SLURM_ROOT/munge
SOCKET=$MUNGE/munge.socket.2
export SLURM_CONF=$SLURM_ROOT/etc/slurm.conf

say() { echo "[slurm-start] $*"; }
fail() { echo "[slurm-start] ERROR: $*" >&2; tail -n 20 "$SLURM_ROOT"/log/*.log >&2 2>/dev/null || true; exit 1; }
running() { [[ -s $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }
munge_ok() { munge -n -S "$SOCKET" 2>/dev/null | unmunge -S "$SOCKET" >/dev/null 2>&1; }
ctld_up() { scontrol ping 2>/dev/null | grep -q 'is UP'; }

[[ $(id -u) -eq 0 ]] || fail "run as root (it installs packages and starts the daemons)"

install_packages() {
  command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v munged >/dev/null \
    && command -v sbatch >/dev/null && return
  say "installing slurm-wlm and munge (Debian)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
}

start_munge() {
  mkdir -p "$MUNGE"
  chown munge:munge "$MUNGE"; chmod 0755 "$MUNGE"
  runuser -u munge -- test -x "$MUNGE" || fail "user munge cannot reach $MUNGE; choose a SLURM_ROOT outside /root"
  if [[ ! -s $MUNGE/munge.key ]]; then
    mungekey --create --keyfile="$MUNGE/munge.key" --bits=1024
    chown munge:munge "$MUNGE/munge.key"; chmod 0600 "$MUNGE/munge.key"
  fi
  running "$MUNGE/munged.pid" && munge_ok && return
  rm -f "$SOCKET" "$SOCKET.lock" "$MUNGE/munged.pid"
  runuser -u munge -- /usr/sbin/munged --socket="$SOCKET" --key-file="$MUNGE/munge.key" \
    --log-file="$MUNGE/munged.log" --pid-file="$MUNGE/munged.pid" --seed-file="$MUNGE/munged.seed"
  for _ in $(seq 50); do munge_ok && return; sleep 0.1; done
  fail "munged does not answer"
}

write_config() {  # prints "changed" when slurm.conf is new or different
  local hw mem conf
  hw=$(slurmd -C | head -n1)
  mem=$(sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p' <<<"$hw")
  hw=$(sed -e "s/^NodeName=[^ ]*/NodeName=$NODE NodeAddr=127.0.0.1/" \
           -e "s/RealMemory=[0-9]*/RealMemory=$((mem * 95 / 100))/" <<<"$hw")
  conf="# written by scripts/slurm-start.sh: one node, no cgroups, no accounting
ClusterName=caring-communities
SlurmctldHost=localhost(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
CommunicationParameters=NoCtldInAddrAny,NoInAddrAny
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$SOCKET
StateSaveLocation=$SLURM_ROOT/state
SlurmdSpoolDir=$SLURM_ROOT/spool/slurmd-%n
SlurmctldPidFile=$SLURM_ROOT/run/slurmctld.pid
SlurmdPidFile=$SLURM_ROOT/run/slurmd.pid
SlurmctldLogFile=$SLURM_ROOT/log/slurmctld.log
SlurmdLogFile=$SLURM_ROOT/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
KillWait=5
Waittime=0
# finished jobs stay visible to scontrol (and so to the sacct stand-in) for an hour
MinJobAge=3600
$hw State=UNKNOWN
PartitionName=$PARTITION Nodes=ALL Default=YES MaxTime=INFINITE State=UP"
  mkdir -p "$SLURM_ROOT"/{etc,run,log,state,spool/slurmd-$NODE,bin}
  chmod 0755 "$SLURM_ROOT" "$SLURM_ROOT"/{etc,run,log,state,spool}
  if [[ ! -f $SLURM_CONF || "$(cat "$SLURM_CONF")" != "$conf" ]]; then
    printf '%s\n' "$conf" >"$SLURM_CONF"
    echo changed
  fi
}

write_tools() {
  cat >"$SLURM_ROOT/bin/sacct" <<'SACCT'
#!/usr/bin/env bash
# sacct for a SLURM without accounting (scripts/slurm-start.sh): answers what submitit asks,
# `sacct -o JobID,State,NodeList --parsable2 -j ID ...`, from `scontrol show job -o`.
ids=()
while (($#)); do
  case $1 in
    -j|--jobs) ids+=("$2"); shift 2 ;;
    --jobs=*) ids+=("${1#--jobs=}"); shift ;;
    -j?*) ids+=("${1#-j}"); shift ;;
    -o|--format) shift 2 ;;
    *) shift ;;
  esac
done
echo "JobID|State|NodeList"
for id in ${ids[@]+"${ids[@]//,/ }"}; do
  scontrol show job -o "$id" 2>/dev/null | awk '{
    delete f
    for (i = 1; i <= NF; i++) { k = $i; sub(/=.*/, "", k); v = $i; sub(/^[^=]*=/, "", v); f[k] = v }
    nodes = (f["NodeList"] == "" || f["NodeList"] == "(null)") ? "None assigned" : f["NodeList"]
    id = f["JobId"]
    if (f["ArrayJobId"] != "" && f["ArrayTaskId"] != "")
      id = f["ArrayJobId"] (f["ArrayTaskId"] ~ /[-,]/ ? "_[" f["ArrayTaskId"] "]" : "_" f["ArrayTaskId"])
    print id "|" f["JobState"] "|" nodes }'
done
SACCT
  chmod 0755 "$SLURM_ROOT/bin/sacct"
  printf 'export SLURM_CONF=%s\nexport PATH=%s/bin:$PATH\n' "$SLURM_CONF" "$SLURM_ROOT" >"$SLURM_ROOT/env.sh"
}

start_daemons() {  # $1: "changed" restarts running daemons on the new config
  if [[ ${1:-} == changed ]] && { running "$SLURM_ROOT/run/slurmctld.pid" || running "$SLURM_ROOT/run/slurmd.pid"; }; then
    "$(dirname "$0")/slurm-stop.sh" --keep-munge
  fi
  if ! { running "$SLURM_ROOT/run/slurmctld.pid" && ctld_up; }; then
    slurmctld -i
    for _ in $(seq 100); do ctld_up && break; sleep 0.1; done
    ctld_up || fail "slurmctld did not start"
  fi
  running "$SLURM_ROOT/run/slurmd.pid" || slurmd -N "$NODE"
}

wait_for_node() {
  local state=""
  for _ in $(seq 150); do
    state=$(sinfo -h -n "$NODE" -o %T 2>/dev/null | head -n1)
    case $state in
      idle|mixed|allocated|completing) return ;;
      down*|drain*|fail*) scontrol update nodename="$NODE" state=resume 2>/dev/null || true ;;
    esac
    sleep 0.2
  done
  fail "node $NODE is '$state'"
}

install_packages
start_munge
changed=$(write_config)
write_tools
start_daemons "$changed"
wait_for_node
timeout 60 srun --quiet -N1 -n1 -t 1 true || fail "srun cannot run a job"
say "ready: partition $PARTITION on $NODE; source $SLURM_ROOT/env.sh"
