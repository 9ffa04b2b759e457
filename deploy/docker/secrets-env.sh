#!/bin/sh
# For every variable NAME_FILE in the environment, exports NAME with the content of that file (a
# Docker secret), then runs the given command. Servers that read no _FILE variables themselves get
# their passwords this way, so that none is ever in the service's definition.
set -eu
for name in $(env | sed -n 's/^\([A-Za-z0-9_]*\)_FILE=.*/\1/p'); do
  eval "file=\${${name}_FILE}"
  value=$(cat "$file")
  export "$name=$value"
  unset "${name}_FILE"
done
exec "$@"
