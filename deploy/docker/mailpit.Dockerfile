# Mailpit, the demo stack's SMTP relay and mail catcher (a real deployment names its own relay).
#   docker build -f deploy/docker/mailpit.Dockerfile -t clinic/mailpit deploy/docker
ARG MAILPIT_BASE=axllent/mailpit
FROM ${MAILPIT_BASE}
# Not root: it keeps the caught emails in a temporary database it creates itself.
USER 1000:1000
HEALTHCHECK --interval=10s --timeout=5s --start-period=10s --retries=5 CMD ["/mailpit", "readyz"]
