echo "worker on $(cat /opt/runtime/VERSION)"
