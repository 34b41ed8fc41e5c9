# The two commands of the README: `make run` and `make test`. Everything else is a helper.
# Both trees sit at the same depth so that ccache, with CCACHE_BASEDIR, sees the same
# relative paths and compiles each engine source once for both.
BUILD_DIR ?= build/full
ENGINE_BUILD_DIR ?= build/engine
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=
export CCACHE_DIR ?= $(HOME)/.cache/tegami-ccache
# Both build trees compile the same engine sources; let them share cached objects.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1
LAUNCHER := $(shell command -v ccache >/dev/null 2>&1 && echo -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)

.PHONY: all deps build build-engine run test test-full test-engine bench fuzz format clean package package-check

all: build

deps:
	@installer/install-deps.sh --gui --package

build: deps
	@test -f $(BUILD_DIR)/build.ninja || cmake -S . -B $(BUILD_DIR) -G Ninja $(LAUNCHER) -DTEGAMI_BUILD_GUI=ON $(CMAKE_FLAGS)
	cmake --build $(BUILD_DIR) -j $(JOBS)

build-engine: deps
	@test -f $(ENGINE_BUILD_DIR)/build.ninja || cmake -S . -B $(ENGINE_BUILD_DIR) -G Ninja $(LAUNCHER) -DTEGAMI_BUILD_GUI=OFF -DTEGAMI_BUILD_BENCH=OFF $(CMAKE_FLAGS)
	cmake --build $(ENGINE_BUILD_DIR) -j $(JOBS)

# Starts the console when it exists and a display is available; otherwise tegamid in the
# foreground on the default data directory.
run: build
	@scripts/run.sh $(BUILD_DIR)

# Full build (console included) and all tests, then the engine alone with the GUI
# switched off, so the engine can never come to depend on Widgets. The second tree runs
# the unit tests only: the integration suites drive the same tegamid in both trees.
test: test-full test-engine

test-full: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

test-engine: build-engine
	cd $(ENGINE_BUILD_DIR) && ctest --output-on-failure -j $(JOBS) --label-exclude integration

bench: build
	@bench/run $(BUILD_DIR)

# libFuzzer targets (clang, AddressSanitizer) in their own tree, each run for a bounded
# time. Warnings are not errors there: the project's flags are GCC's (-Wshadow=local).
FUZZ_BUILD_DIR ?= build/fuzz
FUZZ_SECONDS ?= 60
FUZZERS ?= pop3_parser_fuzz mime_parser_fuzz smtp_parser_fuzz imap_parser_fuzz

fuzz:
	@installer/install-deps.sh --fuzz
	@test -f $(FUZZ_BUILD_DIR)/build.ninja || CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD_DIR) -G Ninja $(LAUNCHER) \
		-DTEGAMI_FUZZ=ON -DTEGAMI_BUILD_GUI=OFF -DTEGAMI_BUILD_TESTS=OFF -DTEGAMI_BUILD_BENCH=OFF -DTEGAMI_WERROR=OFF
	cmake --build $(FUZZ_BUILD_DIR) -j $(JOBS) --target $(FUZZERS)
	@for f in $(FUZZERS); do \
		mkdir -p $(FUZZ_BUILD_DIR)/corpus/$$f && \
		echo "== $$f for $(FUZZ_SECONDS) s" && \
		$(FUZZ_BUILD_DIR)/tests/fuzz/$$f -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
			-dict=tests/fuzz/$$f.dict -artifact_prefix=$(FUZZ_BUILD_DIR)/ \
			$(FUZZ_BUILD_DIR)/corpus/$$f tests/fuzz/corpus/$$f || exit 1; \
	done

# The Linux package (.deb) from the full tree, in $(PACKAGE_DIR): what goes in it is
# installer/Install.cmake, how it is packed installer/Package.cmake.
PACKAGE_DIR ?= $(BUILD_DIR)/package

package: build
	@installer/install-deps.sh --gui --package
	cd $(BUILD_DIR) && cpack -G DEB -B $(abspath $(PACKAGE_DIR))

# Installs that package on this machine (root; a throwaway Debian 12 machine or
# container), starts the service (under systemd when it is PID 1), reaches it with
# tegamictl as root and as a member of the group tegami, removes it (data kept) and purges
# it (data, user and group gone). Leaves the machine as it found it.
package-check: package
	installer/package-check.sh $(PACKAGE_DIR)/tegami_*.deb

format:
	@find app engine tools tests bench wizards \( -name '*.cpp' -o -name '*.h' \) -print0 | xargs -0 -r clang-format -i

clean:
	rm -rf $(BUILD_DIR) $(ENGINE_BUILD_DIR)
