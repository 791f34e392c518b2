# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS win
RUN powershell -Command `
    Write-Host "apt-get install nothing"

FROM python:3.12 AS py
RUN echo "unterminated ' quote in a string" && bash -c 'echo $((1+2))' `
 && arr=(1 2 3) && echo ${arr[@]} && cat <(ls)
RUN <<EOT bash
set -euo pipefail
useradd -m heredoc-user
EOT
RUN python3 <<'PY'
import os
print("apt-get install inside python, not a shell")
PY
USER heredoc-user
ONBUILD RUN ["apt-get", "install", "-y", "curl"]
HEALTHCHECK NONE
ENTRYPOINT []
CMD ["sh"]
