# Stand-in for axllent/mailpit, built without a registry: the Mailpit binary the devstack builds from
# its Go module, at /mailpit as in the official image.
ARG DEBIAN_BASE
FROM ${DEBIAN_BASE}
COPY mailpit /mailpit
RUN useradd --uid 1000 --user-group --no-create-home mailpit
USER mailpit
EXPOSE 1025 8025
ENTRYPOINT ["/mailpit"]
