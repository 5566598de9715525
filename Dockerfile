FROM python:3.11-slim
WORKDIR /app
ENV HF_HUB_OFFLINE=1 ANONYMIZED_TELEMETRY=False PYTHONUNBUFFERED=1
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY prompts ./prompts
COPY knowledge ./knowledge
# torch first and pinned: build from a mirror that serves the CPU wheel, or it pulls CUDA
RUN pip install --no-cache-dir "torch==2.13.0" \
 && pip install --no-cache-dir . \
 && medbot index
CMD ["medbot", "ask", "Er der tavshedspligt i MED-udvalget?"]
