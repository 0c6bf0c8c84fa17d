# syntax=docker/dockerfile:1
#
# loss-service container image (docs/deployment.md).
#   docker build -t loss-service:1.0.0 .
#   docker run --rm -p 8080:8080 --memory=768m --cpus=2 loss-service:1.0.0
#
# CI builds this file with buildah and runs the image's own entrypoint
# (scripts/image-check.sh), on stand-in bases passed as BUILD_IMAGE and RUNTIME_IMAGE.
#
# Base images are pinned to one Temurin release (17.0.20+8, Ubuntu 24.04 "noble").
# Digests seen for these tags in public Dockerfiles, NOT verified here (no registry access);
# confirm with `docker buildx imagetools inspect <image>` before pinning `@sha256:` in FROM:
#   eclipse-temurin:17.0.20_8-jdk-noble  sha256:9f2d47abfd5e58b6c31c110043c6f5717beccd912b724988e3e0166266b8e570
#   eclipse-temurin:17.0.20_8-jre-noble  sha256:76bf6d763e84e4d286d5ee3df61e4adeca214977f83c7d8d2327b93db582dd9d
ARG BUILD_IMAGE=eclipse-temurin:17.0.20_8-jdk-noble
ARG RUNTIME_IMAGE=eclipse-temurin:17.0.20_8-jre-noble

FROM ${BUILD_IMAGE} AS build
WORKDIR /workspace
# Wrapper and POM first: this dependency layer is rebuilt only when they change. The Maven
# repository (and the wrapper's Maven) live in a cache mount, kept between builds on the same
# builder, so a POM change downloads only what is new.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN --mount=type=cache,id=loss-service-m2,target=/root/.m2 \
    ./mvnw -B -q dependency:go-offline
COPY src/ src/
# Tests and the formatter check run in CI (.ci/run), not in the image build. The CycloneDX SBOM
# (target/classes/META-INF/sbom/application.cdx.json) is made here and goes into the jar.
RUN --mount=type=cache,id=loss-service-m2,target=/root/.m2 \
    ./mvnw -B -q package -Dmaven.test.skip=true -Dspotless.check.skip=true -Djacoco.skip=true

# Split the Boot jar into its layers (list-layers order), so an application change rebuilds
# only the small `application` layer. Extracted without --launcher: the plain
# `java -jar app.jar` + lib/ layout is what the CDS archive below can cover.
FROM ${RUNTIME_IMAGE} AS layers
WORKDIR /layers
COPY --from=build /workspace/target/loss-service-*.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --destination extracted

FROM ${RUNTIME_IMAGE} AS runtime
WORKDIR /app
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
# The SBOM the jar carries, also readable without opening the jar (not served over HTTP).
COPY --from=build /workspace/target/classes/META-INF/sbom/application.cdx.json META-INF/sbom/
# Class-data-sharing archive trained at build time: start the context up to refresh, record
# the loaded classes, exit. The heap is capped for the training run because the archive is
# only usable by a JVM with the same compressed-oops setting, and an uncapped 75% of a large
# build host (> 42 GiB) would switch compressed oops off. Measured effect: docs/deployment.md.
RUN java -Xmx512m -XX:ArchiveClassesAtExit=application.jsa -Dspring.context.exit=onRefresh \
        -Xlog:cds=off -Xlog:cds+dynamic=off -jar app.jar
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75.0", "-XX:+ExitOnOutOfMemoryError", "-XX:SharedArchiveFile=application.jsa", "-jar", "app.jar"]
