# syntax=docker/dockerfile:1
# The vision stream app: Kafka Streams topology, model stages and the Prometheus endpoint.
#   docker build -t vision-stream .
#   docker run --rm -p 9400:9400 vision-stream run --bootstrap-servers broker:9092 --metrics-port 9400
# The GPU variant (CUDA 12.8 libtorch for PyTorch 2.7.1 in the image, models on the GPU; see docs/gpu.md):
#   docker build --build-arg VARIANT=gpu -t vision-stream:gpu .
#   docker run --rm --gpus all -p 9400:9400 vision-stream:gpu run --bootstrap-servers broker:9092

# cpu or gpu
ARG VARIANT=cpu

FROM maven:3.9-eclipse-temurin-17 AS build
ARG VARIANT
WORKDIR /src
# The whole reactor is copied because stream-app is built together with the modules it depends on.
COPY . .
# The cache mount keeps downloaded artifacts between builds, so a source change does not re-download Maven Central.
# The GPU variant leaves the CPU build of libtorch out, as ./vision does in GPU mode, so DJL loads the CUDA one.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -pl stream-app -am package dependency:copy-dependencies -DincludeScope=runtime \
 && mkdir -p /app/lib \
 && cp stream-app/target/dependency/*.jar stream-app/target/stream-app-*.jar /app/lib/ \
 && if [ "$VARIANT" = gpu ]; then rm /app/lib/pytorch-native-cpu-*.jar; fi

# DJL's CUDA 12.8 build of PyTorch 2.7.1 (the flavour whose JNI DJL 0.36 ships), fetched at build time so that a
# GPU container starts without network access. The CPU variant skips it (an empty folder).
FROM ubuntu:24.04 AS libtorch
ARG VARIANT
RUN mkdir -p /opt/libtorch/lib \
 && if [ "$VARIANT" = gpu ]; then \
      apt-get update -q && apt-get install -y -q --no-install-recommends ca-certificates curl \
      && base=https://publish.djl.ai/pytorch/2.7.1 \
      && curl -fsSL "$base/files.txt" | grep '^cu128/linux-x86_64/native/lib/' > /tmp/files \
      && test -s /tmp/files \
      && while read -r f; do \
           name="$(basename "$f" .gz)"; \
           curl -fsSL "$base/$f" | gunzip > "/opt/libtorch/lib/$name" || exit 1; \
         done < /tmp/files; \
    fi

FROM eclipse-temurin:17-jre AS runtime-cpu

# The CUDA base image brings what the NVIDIA container toolkit needs; the Java runtime comes from Temurin's image.
FROM nvidia/cuda:12.8.1-base-ubuntu24.04 AS runtime-gpu
COPY --from=eclipse-temurin:17-jre /opt/java/openjdk /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk \
    PATH=/opt/java/openjdk/bin:$PATH \
    PYTORCH_LIBRARY_PATH=/opt/libtorch/lib \
    PYTORCH_VERSION=2.7.1 \
    PYTORCH_FLAVOR=cu128 \
    VISION_DEVICE=gpu

FROM runtime-${VARIANT}
# A non-root user with a home directory: JavaCPP unpacks its native libraries under ~/.javacpp.
RUN groupadd --system vision \
 && useradd --system --gid vision --create-home --home-dir /home/vision vision \
 && mkdir -p /data \
 && chown vision:vision /data
COPY --from=build /app/lib /app/lib
COPY --from=libtorch /opt/libtorch /opt/libtorch
USER vision
WORKDIR /home/vision
# Stream state (RocksDB) and the artifact store (claim-checked frames, pictures, .ply scenes) under /data.
VOLUME /data
# Prometheus /metrics
EXPOSE 9400
# The JVM's container default (a quarter of the memory limit) is too small for model weights and frame batches.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-cp", "/app/lib/*", "dev.visionstream.app.cli.VisionCli"]
CMD ["run", "--bootstrap-servers", "kafka:9092", "--metrics-port", "9400", "--work-dir", "/data"]
