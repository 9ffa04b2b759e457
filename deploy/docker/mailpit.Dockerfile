# Mailpit, the demo stack's SMTP relay and mail catcher (a real deployment names its own relay).
#   docker build -f deploy/docker/mailpit.Dockerfile -t clinic/mailpit deploy/docker
ARG MAILPIT_BASE=axllent/mailpit
FROM ${MAILPIT_BASE}
