#!/usr/bin/env bash
# The test suite built as the Linux release is (scripts/linux.sh: static, with Debian's
# rustc-web and -Zbuild-std), so that what is shipped is what is tested: the tests drive
# that static program. .ci/run runs it; installs what it needs from Debian's packages
# when run as root.
#
#     bash scripts/linux-test.sh [cargo test arguments…]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/linux.sh

linux_install
echo "== cargo test, static Linux build"
linux_cargo test --locked "$@"
