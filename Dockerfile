# sitlog, installed once into the image: `docker compose build` (see docker-compose.yml), or
#   docker build -t sitlog . && docker run --rm sitlog --help
FROM python:3.11-slim

# The wheel is built from the sources and installed; the sources are not kept in the image.
COPY . /tmp/sitlog
RUN pip install --no-cache-dir --root-user-action=ignore /tmp/sitlog && rm -rf /tmp/sitlog \
    && useradd --create-home --uid 10001 sitlog

USER sitlog
WORKDIR /home/sitlog
# sitlog serve's default port (the api service listens on it on every interface, with a token).
EXPOSE 8642
ENTRYPOINT ["sitlog"]
CMD ["--help"]
