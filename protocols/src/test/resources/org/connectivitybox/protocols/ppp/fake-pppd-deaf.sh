# A fake pppd for PppdLinkTest that ignores SIGTERM (a hung pppd): only SIGKILL ends it.
# The ignored signal is inherited by sleep across exec, so no child outlives the kill.
cat >/dev/null
trap '' TERM
echo "Connect: ppp0 <--> $1" >&2
exec sleep 30
