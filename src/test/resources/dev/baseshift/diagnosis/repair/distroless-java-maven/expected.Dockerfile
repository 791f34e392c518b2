FROM maven:3.9-eclipse-temurin-17 AS baseshift-build
WORKDIR /build
COPY pom.xml .
COPY src ./src
RUN mvn -B -q package -DskipTests && cp target/*.jar /app.jar
EXPOSE 8080
CMD ["/app.jar"]

FROM gcr.io/distroless/java17-debian12
COPY --from=baseshift-build /build /build
COPY --from=baseshift-build /app.jar /app.jar
EXPOSE 8080
WORKDIR /build
CMD ["/app.jar"]
