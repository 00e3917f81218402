#!/usr/bin/env bash
# Builds the zip Azure Functions deploys (az functionapp deployment source config-zip, func azure functionapp
# publish --no-build, or any zip deploy): host.json, one folder per function with its function.json, and the
# self-contained custom handler (linux-x64) under handler/. Usage: functions/publish.sh [output.zip]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
output="$(realpath -m "${1:-$root/artifacts/riskengine-functions.zip}")"
staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT

dotnet publish "$root/src/RiskEngine.Functions/RiskEngine.Functions.csproj" -c Release -r linux-x64 --self-contained \
  -p:PublishSingleFile=false -o "$staging/handler" --nologo
cp "$root/host.json" "$staging/"
for definition in "$root"/functions/*/function.json; do
  name="$(basename "$(dirname "$definition")")"
  mkdir -p "$staging/$name"
  cp "$definition" "$staging/$name/"
done
chmod +x "$staging/handler/RiskEngine.Functions"
# librdkafka and what it links beyond the Functions image (Debian 12: libc, libssl3, zlib are there); the app
# settings RISKENGINE_LIBRDKAFKA and LD_LIBRARY_PATH point the handler at them (README).
mkdir -p "$staging/handler/native"
librdkafka="${RISKENGINE_LIBRDKAFKA:-/usr/lib/x86_64-linux-gnu/librdkafka.so.1}"
cp -L "$librdkafka" "$staging/handler/native/librdkafka.so.1"
for dependency in liblz4.so.1 libzstd.so.1 libsasl2.so.2; do
  cp -L "$(ldd "$librdkafka" | awk -v name="$dependency" '$1 == name { print $3 }')" "$staging/handler/native/$dependency"
done

mkdir -p "$(dirname "$output")"
rm -f "$output"
(cd "$staging" && python3 - "$output" <<'PY'
# zip keeps the handler's executable bit (Linux function apps run it as is); Python's zipfile is on every CI image.
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as archive:
    for folder, _, files in os.walk("."):
        for name in sorted(files):
            path = os.path.join(folder, name)
            info = zipfile.ZipInfo.from_file(path, os.path.relpath(path, "."))
            with open(path, "rb") as content:
                archive.writestr(info, content.read(), zipfile.ZIP_DEFLATED)
PY
)
echo "$output"
