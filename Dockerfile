# DarkSide.Monitor's images (README, "Deploying on Kubernetes"):
#   docker build -t darkside-monitor .                      the dashboard (the last stage)
#   docker build --target demo -t darkside-monitor-demo .   the demo seeder and live simulator, never in production
# Built from the checkout's root; .dockerignore keeps bin/, obj/, .data/ and the tests out of the context.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Project files first: the restore layer stays cached until a package changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY DarkSide.Monitor/DarkSide.Monitor.csproj DarkSide.Monitor/
COPY DarkSide.Monitor.Demo/DarkSide.Monitor.Demo.csproj DarkSide.Monitor.Demo/
RUN dotnet restore DarkSide.Monitor.Demo/DarkSide.Monitor.Demo.csproj
COPY wwwroot-assets/ wwwroot-assets/
COPY DarkSide.Monitor/ DarkSide.Monitor/
COPY DarkSide.Monitor.Demo/ DarkSide.Monitor.Demo/
RUN dotnet publish DarkSide.Monitor/DarkSide.Monitor.csproj -c Release --no-restore -o /out/monitor \
 && dotnet publish DarkSide.Monitor.Demo/DarkSide.Monitor.Demo.csproj -c Release --no-restore -o /out/demo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS demo
WORKDIR /app
COPY --from=build /out/demo .
USER $APP_UID
ENTRYPOINT ["dotnet", "DarkSide.Monitor.Demo.dll"]

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS monitor
WORKDIR /app
COPY --from=build /out/monitor .
# The image's non-root "app" user (uid 1654). Nothing is written under /app: keys, sessions and rollups live in
# the monitor's schema, so the root filesystem can be read-only (the chart mounts an emptyDir on /tmp).
USER $APP_UID
# 8080 serves the dashboard; 9464 serves only /metrics (Telemetry:MetricsPort), which no Ingress routes.
ENV ASPNETCORE_HTTP_PORTS=8080;9464 \
    Telemetry__MetricsPort=9464 \
    DOTNET_gcServer=0
EXPOSE 8080 9464
HEALTHCHECK --interval=30s --timeout=6s --start-period=60s --retries=3 \
    CMD ["dotnet", "DarkSide.Monitor.dll", "probe", "http://127.0.0.1:8080/healthz/live"]
ENTRYPOINT ["dotnet", "DarkSide.Monitor.dll"]
