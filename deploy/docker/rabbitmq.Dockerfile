# RabbitMQ for the stack: the official image, started through a script that writes the platform's
# user and password (from the Docker secret RABBITMQ_PASSWORD_FILE) into a private config file.
#   docker build -f deploy/docker/rabbitmq.Dockerfile -t clinic/rabbitmq deploy/docker
ARG RABBITMQ_BASE=rabbitmq:3.13
FROM ${RABBITMQ_BASE}
COPY rabbitmq/clinic-entrypoint.sh /usr/local/bin/clinic-entrypoint.sh
# Not root, from the start: the user "rabbitmq" owns /var/lib/rabbitmq in the image, and so every new
# named volume mounted there (the official entrypoint only drops to it when started as root).
USER rabbitmq
# Prometheus metrics on port 15692, scraped by the stack's Prometheus (job "rabbitmq").
RUN rabbitmq-plugins enable --offline rabbitmq_prometheus
EXPOSE 15692
ENTRYPOINT ["clinic-entrypoint.sh"]
CMD ["rabbitmq-server"]
