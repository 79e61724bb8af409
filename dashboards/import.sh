#!/usr/bin/env bash
# Imports GridWatch's Kibana saved objects (data views, visualizations, map, saved search, dashboard)
# through Kibana's saved-objects API. Existing objects with the same ids are overwritten.
#   KIBANA_URL=http://localhost:5601 dashboards/import.sh
# Optional: KIBANA_SPACE (default space if unset), KIBANA_USERNAME / KIBANA_PASSWORD for basic auth.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
url="${KIBANA_URL:-http://localhost:5601}"
url="${url%/}"
if [[ -n "${KIBANA_SPACE:-}" ]]; then url="$url/s/$KIBANA_SPACE"; fi
auth=()
if [[ -n "${KIBANA_USERNAME:-}" ]]; then auth=(-u "$KIBANA_USERNAME:${KIBANA_PASSWORD:-}"); fi
response="$(curl -sS --fail-with-body "${auth[@]}" -X POST "$url/api/saved_objects/_import?overwrite=true" \
  -H 'kbn-xsrf: true' --form file=@"$here/gridwatch.ndjson")"
echo "$response"
case "$response" in
  *'"success":true'*) echo "imported GridWatch dashboards into $url" ;;
  *) echo "import reported errors" >&2; exit 1 ;;
esac
