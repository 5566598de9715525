FROM python:3.11-slim
WORKDIR /app
ENV HF_HUB_OFFLINE=1 ANONYMIZED_TELEMETRY=False PYTHONUNBUFFERED=1
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY prompts ./prompts
COPY knowledge ./knowledge
# CPU torch first; anything else would pull CUDA
RUN pip install --no-cache-dir "torch==2.13.0" --index-url https://download.pytorch.org/whl/cpu \
 && pip install --no-cache-dir . \
 && medbot index
CMD ["medbot", "ask", "Er der tavshedspligt i MED-udvalget?"]
