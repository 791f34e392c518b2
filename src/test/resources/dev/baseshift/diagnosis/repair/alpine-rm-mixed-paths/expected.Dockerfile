FROM alpine:3.20
RUN apk add --no-cache wget unzip && rm -rf /tmp/* /var/tmp/*
RUN wget -q https://example.com/tool.zip && unzip tool.zip -d /opt/tool && rm tool.zip
CMD ["/opt/tool/run"]
