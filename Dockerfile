# Builds the one jixiao binary (web app embedded) into a small image.
# The web app, from package-lock.json exactly.
FROM node:20-bookworm AS web
WORKDIR /web
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=web /web/dist ./frontend/dist
RUN CGO_ENABLED=0 go build -trimpath -o /out/jixiao ./cmd/jixiao

FROM debian:bookworm-slim
RUN useradd --system --uid 10001 jixiao
COPY --from=build /out/jixiao /usr/local/bin/jixiao
USER jixiao
ENV ADDR=:8080
EXPOSE 8080
ENTRYPOINT ["jixiao"]
CMD ["serve"]
