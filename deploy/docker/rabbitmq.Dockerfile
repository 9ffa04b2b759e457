# RabbitMQ for the stack: the official image, started through a script that writes the platform's
# user and password (from the Docker secret RABBITMQ_PASSWORD_FILE) into a private config file.
#   docker build -f deploy/docker/rabbitmq.Dockerfile -t clinic/rabbitmq deploy/docker
ARG RABBITMQ_BASE=rabbitmq:3.13
FROM ${RABBITMQ_BASE}
COPY rabbitmq/clinic-entrypoint.sh /usr/local/bin/clinic-entrypoint.sh
ENTRYPOINT ["clinic-entrypoint.sh"]
CMD ["rabbitmq-server"]
