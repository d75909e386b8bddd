# A fake pppd 2.4.9 for PppdLinkTest: LCP starts but IPCP never comes up; ends on SIGTERM.
sleep 30 >/dev/null 2>&1 &
idle=$!
trap 'kill $idle 2>/dev/null
  echo "Terminating on signal 15" >&2
  echo "Connection terminated." >&2
  echo "Exit." >&2
  exit 5' TERM
cat >/dev/null
cat >&2 <<LOG
pppd 2.4.9 started by root, uid 0
Using interface ppp0
Connect: ppp0 <--> $1
LOG
wait $idle
exit 0
