# syntax=docker/dockerfile:1
# InstructGpt's API in a container. Two stages: the SDK publishes (scripts/publish.sh, the same script ./test.sh runs),
# the ASP.NET runtime image runs it as a non-root user.
#
#   docker build -t instructgpt .                                   # GPU image: TorchSharp-cuda-linux (libtorch + CUDA 12.8)
#   docker build -t instructgpt:cpu --build-arg TORCH_BACKEND=cpu . # CPU image
#   docker run --gpus all -p 8080:8080 -v instructgpt-data:/data -e INSTRUCTGPT_API_KEY=... instructgpt
#
# The GPU image needs the NVIDIA driver on the host and the NVIDIA Container Toolkit (--gpus); the CUDA runtime,
# cuBLAS and cuDNN come inside the TorchSharp-cuda-linux packages. With no checkpoints in /data the API starts the
# default training pipeline in the background, as ./run.sh does (README, "Docker").

ARG TORCH_BACKEND=cuda
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
ARG TORCH_BACKEND
# gcc: the build compiles two small C libraries next to TorchSharp's native library (README, "TorchSharp's Scalars" and
# "Matrix products on AMD CPUs").
RUN apt-get update \
 && apt-get install -y --no-install-recommends gcc libc6-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Project files first, so a code change does not restore the (large) TorchSharp packages again.
COPY Directory.Build.props Directory.Build.targets Directory.Packages.props InstructGpt.sln ./
COPY build/ build/
COPY src/Safetensors/InstructGpt.Safetensors.csproj src/Safetensors/
COPY src/Inference/InstructGpt.Inference.csproj src/Inference/
COPY src/Tasks/InstructGpt.Tasks.csproj src/Tasks/
COPY src/Database/InstructGpt.Database.csproj src/Database/
COPY src/Evaluation/InstructGpt.Evaluation.csproj src/Evaluation/
COPY src/Training/InstructGpt.Training.csproj src/Training/
COPY src/Api/InstructGpt.Api.csproj src/Api/
COPY src/Cli/InstructGpt.Cli.csproj src/Cli/
RUN dotnet restore src/Api/InstructGpt.Api.csproj -r linux-x64 -p:TorchBackend=${TORCH_BACKEND} \
 && dotnet restore src/Cli/InstructGpt.Cli.csproj -r linux-x64 -p:TorchBackend=${TORCH_BACKEND}
COPY src/ src/
COPY eval-sets/ eval-sets/
COPY scripts/publish.sh scripts/
RUN scripts/publish.sh --backend ${TORCH_BACKEND} --out /app

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
# wordnet-base: the default world (prompts, demonstrations, pretraining text) is built from WordNet 3.0.
# curl: the health check.
RUN apt-get update \
 && apt-get install -y --no-install-recommends wordnet-base curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# The data directory (checkpoints, datasets, instructgpt.db, runs) lives on a volume owned by the non-root user.
ENV INSTRUCTGPT_HOME=/data \
    ASPNETCORE_URLS=http://0.0.0.0:8080 \
    OMP_WAIT_POLICY=passive
RUN mkdir -p /data/checkpoints && chown -R $APP_UID /data
VOLUME /data
USER $APP_UID
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health || exit 1
# As ./run.sh: the API with /app as content root (appsettings.json). INSTRUCTGPT_API_KEY comes from the environment;
# without it a key is generated into /data/api-key.
ENTRYPOINT ["dotnet", "/app/InstructGpt.Api.dll", "--contentRoot", "/app"]
