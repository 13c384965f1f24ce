# The silo: docker build -f deploy/docker/silo.Dockerfile -t orleans-rds/silo .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish Silo/Silo.csproj --configuration Release --output /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# Silo-to-silo, client gateway, health probes.
EXPOSE 11111 30000 8081
ENV Orleans__SiloPort=11111 Orleans__GatewayPort=30000 Orleans__HealthPort=8081 Orleans__ListenOnAnyAddress=true RDS_LOG_JSON=1
USER app
ENTRYPOINT ["dotnet", "Rds.Silo.dll"]
