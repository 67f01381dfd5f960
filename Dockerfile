# syntax=docker/dockerfile:1
# The vision stream app: Kafka Streams topology, model stages and the Prometheus endpoint.
#   docker build -t vision-stream .
#   docker run --rm -p 9400:9400 vision-stream run --bootstrap-servers broker:9092 --metrics-port 9400

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# The whole reactor is copied because stream-app is built together with the modules it depends on.
COPY . .
# The cache mount keeps downloaded artifacts between builds, so a source change does not re-download Maven Central.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -pl stream-app -am package dependency:copy-dependencies -DincludeScope=runtime \
 && mkdir -p /app/lib \
 && cp stream-app/target/dependency/*.jar stream-app/target/stream-app-*.jar /app/lib/

FROM eclipse-temurin:17-jre
# A non-root user with a home directory: JavaCPP unpacks its native libraries under ~/.javacpp.
RUN groupadd --system vision \
 && useradd --system --gid vision --create-home --home-dir /home/vision vision \
 && mkdir -p /data \
 && chown vision:vision /data
COPY --from=build /app/lib /app/lib
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
