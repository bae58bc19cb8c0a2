# Builds the one jixiao binary (web app embedded) into a small image.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/jixiao ./cmd/jixiao

FROM debian:bookworm-slim
RUN useradd --system --uid 10001 jixiao
COPY --from=build /out/jixiao /usr/local/bin/jixiao
USER jixiao
ENV ADDR=:8080
EXPOSE 8080
ENTRYPOINT ["jixiao"]
CMD ["serve"]
