echo "api on $(cat /opt/runtime/VERSION)"
