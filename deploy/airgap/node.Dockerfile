# Stand-in for node:24-bookworm-slim, built without a registry: Debian (debootstrap) with Node 24
# from the npm package "node" and the npm client, and the user "node" (uid 1000) as in the official image.
ARG DEBIAN_BASE
FROM ${DEBIAN_BASE}
# Node trusts the system's certificate store as well as its own (npm behind a TLS-inspecting proxy).
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
COPY node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/sh --create-home node \
 && node --version
CMD ["node"]
