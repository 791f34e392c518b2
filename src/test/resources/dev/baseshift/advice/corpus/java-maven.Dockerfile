# syntax=docker/dockerfile:1
ARG JAVA=21
FROM maven:3.9-eclipse-temurin-${JAVA} AS build
WORKDIR /src
COPY pom.xml .
RUN --mount=type=cache,target=/root/.m2 mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q package -DskipTests && cp target/*.jar /app.jar

FROM eclipse-temurin:${JAVA}-jre
RUN groupadd --system spring && useradd --system --gid spring spring
COPY --from=build /app.jar /app/app.jar
USER spring:spring
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
