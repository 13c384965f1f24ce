# The gateway: docker build -f deploy/docker/gateway.Dockerfile -t orleans-rds/gateway .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish Gateway/Gateway.csproj --configuration Release --output /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
EXPOSE 8080
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 RDS_LOG_JSON=1
USER app
ENTRYPOINT ["dotnet", "Rds.Gateway.dll"]
