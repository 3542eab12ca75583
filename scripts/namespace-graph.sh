#!/usr/bin/env bash
# Prints which of the dashboard's namespaces use which (from the compiled code) and any cycles among them.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build DarkSide.Monitor.Tests/DarkSide.Monitor.Tests.csproj -nologo -v quiet -clp:ErrorsOnly
dotnet test DarkSide.Monitor.Tests/DarkSide.Monitor.Tests.csproj --no-build --nologo \
    --filter "FullyQualifiedName~ArchitectureTests.PrintsTheNamespaceGraph" --logger "console;verbosity=detailed" |
    sed -n '/Standard Output Messages:/,/^ *cycles:/p' | sed '1d; s/^ *//'
