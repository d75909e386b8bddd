# A fake pppd 2.4.9 for PppdLinkTest: what the real one logs with "nodetach logfd 2" when the NAP
# accepts the PAP login, then up until SIGTERM, when it ends the session and exits 5.
# $1 is the tty; the password arrives on standard input (plugin passwordfd.so, passwordfd 0).
password=$(cat; echo x)
password=${password%x}  # keeps a trailing newline, which would be wrong
if [ "$password" != "s3cret" ]; then
  echo "fake pppd: wrong password on fd 0" >&2
  exit 99
fi
sleep 30 >/dev/null 2>&1 &
idle=$!
trap 'kill $idle 2>/dev/null
  echo "Terminating on signal 15" >&2
  echo "Connect time 0.3 minutes." >&2
  echo "Sent 1234 bytes, received 5678 bytes." >&2
  echo "Connection terminated." >&2
  echo "Exit." >&2
  exit 5' TERM
cat >&2 <<LOG
pppd 2.4.9 started by root, uid 0
Using interface ppp0
Connect: ppp0 <--> $1
PAP authentication succeeded
local  IP address 10.0.2.15
remote IP address 10.0.2.2
primary   DNS address 10.0.2.3
LOG
wait $idle
exit 0
