"""The Linux package and the system service mode it runs.

SystemServiceMode: `tegamid --service` on a temporary data directory (the unit passes
--service; the package's data directory is /var/lib/tegami, which a test must not touch):
its control socket admits the process's group, tegamictl reaches it, and the service
commands say which systemctl command to use.

DebianPackage: `make package`'s .deb built from this build tree into a temporary
directory, then read, never installed (make test must not change the machine; the real
install/start/remove/purge is `make package-check`).

Checks its control fields and dependencies, its files and their modes, the systemd unit
(with `systemd-analyze verify` when systemd's tools are installed; the test says when
they are not), the desktop file, and the maintainer scripts' logic: each script runs
under /bin/sh with a PATH holding only recording stand-ins, so that what it would do to
the machine (users, directories, systemd) is observed without being done."""

import os
import re
import signal
import stat
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

TEGAMID = os.environ.get("TEGAMID", "")
BUILD_DIR = Path(TEGAMID).resolve().parent.parent if TEGAMID else None
CPACK_CONFIG = BUILD_DIR / "CPackConfig.cmake" if BUILD_DIR else None
SOURCE_DIR = Path(__file__).resolve().parents[2]

MISSING = [tool for tool in ("cpack", "dpkg-deb", "fakeroot") if shutil.which(tool) is None]
if CPACK_CONFIG is None or not CPACK_CONFIG.is_file():
    MISSING.append("a configured build tree (TEGAMID=<build>/bin/tegamid with CPackConfig.cmake beside it)")

# The commands the maintainer scripts may call; anything else fails the script (and the test).
STAND_INS = ("getent", "adduser", "addgroup", "deluser", "delgroup", "userdel", "groupdel", "install", "rm",
             "deb-systemd-helper", "deb-systemd-invoke", "systemctl")


@unittest.skipIf(MISSING, "cannot build the package here: missing " + ", ".join(MISSING)
                 + " (installer/install-deps.sh --package installs the tools)")
class DebianPackage(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="tegami-package-")
        out = Path(cls.tmp.name)
        build = subprocess.run(["cpack", "-G", "DEB", "--config", str(CPACK_CONFIG), "-B", str(out / "cpack")],
                               cwd=BUILD_DIR, capture_output=True, text=True, timeout=240)
        if build.returncode != 0:
            raise AssertionError("cpack failed:\n" + build.stdout[-3000:] + build.stderr[-3000:])
        debs = sorted((out / "cpack").glob("tegami_*.deb"))
        if len(debs) != 1:
            raise AssertionError(f"expected one tegami_*.deb, found {debs}")
        cls.deb = debs[0]
        cls.root = out / "root"
        cls.control = out / "control"
        subprocess.run(["dpkg-deb", "-x", str(cls.deb), str(cls.root)], check=True)
        subprocess.run(["dpkg-deb", "-e", str(cls.deb), str(cls.control)], check=True)
        listing = subprocess.run(["dpkg-deb", "-c", str(cls.deb)], capture_output=True, text=True, check=True).stdout
        # "-rwxr-xr-x root/root 123 2026-11-30 05:00 ./usr/bin/tegamid"
        cls.entries = {}
        for line in listing.splitlines():
            fields = line.split(None, 5)
            cls.entries[fields[5].split(" -> ")[0].removeprefix(".")] = (fields[0], fields[1])

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def field(self, name):
        return subprocess.run(["dpkg-deb", "-f", str(self.deb), name], capture_output=True, text=True,
                              check=True).stdout.strip()

    # --- what is in it --------------------------------------------------------------------

    def test_control_fields(self):
        self.assertEqual(self.field("Package"), "tegami")
        self.assertRegex(self.field("Version"), r"^\d+\.\d+\.\d+")
        self.assertEqual(self.field("Section"), "mail")
        self.assertTrue(self.field("Maintainer"))
        depends = self.field("Depends")
        # From dpkg-shlibdeps: the C library and Qt, as the programs link them.
        for library in ("libc6", "libqt6core6", "libqt6network6", "libqt6widgets6", "libssl3", "libargon2-1"):
            self.assertIn(library, depends)
        # What shlibdeps cannot see: plugins loaded at run time, the maintainer scripts' tools.
        for extra in ("adduser", "libqt6sql6-sqlite", "libqt6svg6", "qt6-qpa-plugins"):
            self.assertIn(extra, depends)

    def test_programs_unit_desktop_file_and_icons(self):
        for program in ("/usr/bin/tegami", "/usr/bin/tegamid", "/usr/bin/tegamictl"):
            self.assertIn(program, self.entries)
            mode, owner = self.entries[program]
            self.assertEqual((mode, owner), ("-rwxr-xr-x", "root/root"), program)
        for path in ("/lib/systemd/system/tegami.service", "/usr/share/applications/tegami.desktop",
                     "/usr/share/icons/hicolor/scalable/apps/tegami.svg", "/usr/share/tegami/system-service",
                     "/usr/share/doc/tegami/README.md"):
            self.assertIn(path, self.entries)
            self.assertEqual(self.entries[path], ("-rw-r--r--", "root/root"), path)
        for size in (16, 32, 48, 64, 128, 256):
            png = self.root / f"usr/share/icons/hicolor/{size}x{size}/apps/tegami.png"
            self.assertTrue(png.is_file(), png)
            # The PNG header's width and height.
            header = png.read_bytes()[:24]
            self.assertEqual(header[:8], b"\x89PNG\r\n\x1a\n")
            self.assertEqual((int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")),
                             (size, size))
        # Nothing outside the system's own trees; in particular no data directory: the
        # package's files are programs, and /var/lib/tegami belongs to the postinst.
        for path in self.entries:
            self.assertTrue(path == "/" or re.match(r"^/(usr|lib)(/|$)", path), path)

    def test_programs_are_stripped_and_run(self):
        tegamid = self.root / "usr/bin/tegamid"
        self.assertLess(tegamid.stat().st_size, Path(TEGAMID).stat().st_size, "the package's tegamid is not stripped")
        sections = subprocess.run(["readelf", "-S", "-W", str(tegamid)], capture_output=True, text=True).stdout
        self.assertNotIn(".debug_info", sections)
        version = subprocess.run([str(tegamid), "--version"], capture_output=True, text=True, timeout=30)
        self.assertEqual(version.returncode, 0, version.stderr)
        self.assertIn("tegamid", version.stdout)
        ctl = subprocess.run([str(self.root / "usr/bin/tegamictl"), "help"], capture_output=True, text=True,
                             timeout=30)
        self.assertIn("service install", ctl.stdout)

    def test_desktop_file(self):
        text = (self.root / "usr/share/applications/tegami.desktop").read_text()
        entries = dict(line.split("=", 1) for line in text.splitlines() if "=" in line and not line.startswith("#"))
        self.assertEqual(text.splitlines()[0], "[Desktop Entry]")
        self.assertEqual(entries["Type"], "Application")
        self.assertEqual(entries["Exec"].split()[0], "tegami")
        self.assertEqual(entries["Icon"], "tegami")
        self.assertEqual(entries["Terminal"], "false")
        self.assertIn("Email", entries["Categories"].split(";"))
        if shutil.which("desktop-file-validate"):
            check = subprocess.run(["desktop-file-validate", str(self.root / "usr/share/applications/tegami.desktop")],
                                   capture_output=True, text=True)
            self.assertEqual(check.returncode, 0, check.stdout + check.stderr)

    # --- the unit -------------------------------------------------------------------------

    def unit(self):
        return (self.root / "lib/systemd/system/tegami.service").read_text()

    def unit_settings(self):
        settings = {}
        for line in self.unit().splitlines():
            if "=" in line and not line.startswith(("#", "[")):
                key, value = line.split("=", 1)
                settings.setdefault(key, []).append(value)
        return settings

    def test_unit_runs_tegamid_as_its_own_user_with_the_hardening(self):
        s = self.unit_settings()
        self.assertEqual(s["ExecStart"], ["/usr/bin/tegamid --service"])
        self.assertEqual(s["User"], ["tegami"])
        self.assertEqual(s["Group"], ["tegami"])
        self.assertEqual(s["StateDirectory"], ["tegami"])
        self.assertEqual(s["StateDirectoryMode"], ["0700"])
        # The socket's directory: the group may enter it, nobody else.
        self.assertEqual(s["RuntimeDirectory"], ["tegami"])
        self.assertEqual(s["RuntimeDirectoryMode"], ["0750"])
        self.assertEqual(s["AmbientCapabilities"], ["CAP_NET_BIND_SERVICE"])
        self.assertEqual(s["CapabilityBoundingSet"], ["CAP_NET_BIND_SERVICE"])
        for key, value in (("NoNewPrivileges", "yes"), ("ProtectSystem", "strict"), ("ProtectHome", "yes"),
                           ("PrivateTmp", "yes"), ("UMask", "0077"), ("Restart", "on-failure")):
            self.assertEqual(s.get(key), [value], key)
        self.assertEqual(s["WantedBy"], ["multi-user.target"])

    def test_unit_passes_systemd_analyze_verify(self):
        if shutil.which("systemd-analyze") is None:
            self.skipTest("systemd-analyze is not installed (apt install systemd): the unit was not verified")
        running = Path("/run/systemd/system").is_dir()
        print(f"\nsystemd {'is' if running else 'is NOT'} running here; verifying the unit offline with "
              "systemd-analyze verify", file=sys.stderr)
        # Verify a copy whose ExecStart names the extracted tegamid: the check wants the
        # program to exist, and this test installs nothing.
        unit_dir = Path(self.tmp.name) / "units"
        unit_dir.mkdir(exist_ok=True)
        unit = unit_dir / "tegami.service"
        unit.write_text(self.unit().replace("/usr/bin/tegamid", str(self.root / "usr/bin/tegamid")))
        check = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, timeout=60)
        # verify exits 0 even for unknown keys or values it ignores: any line it prints is a problem.
        problems = [line for line in (check.stdout + check.stderr).splitlines() if line.strip()]
        self.assertEqual(check.returncode, 0, check.stdout + check.stderr)
        self.assertEqual(problems, [], check.stdout + check.stderr)

    def test_unit_exposure_stays_low(self):
        if shutil.which("systemd-analyze") is None:
            self.skipTest("systemd-analyze is not installed (apt install systemd): the unit's exposure was not rated")
        unit = Path(self.tmp.name) / "exposure" / "tegami.service"
        unit.parent.mkdir(exist_ok=True)
        unit.write_text(self.unit().replace("/usr/bin/tegamid", str(self.root / "usr/bin/tegamid")))
        # systemd's own rating of the sandbox, 0 (locked down) to 10 (unprotected); the unit
        # rates 1.9 ("OK") today. --threshold is in tenths.
        check = subprocess.run(["systemd-analyze", "security", "--offline=yes", "--threshold=30", str(unit)],
                               capture_output=True, text=True, timeout=60)
        verdict = [line for line in check.stdout.splitlines() if "Overall exposure level" in line]
        self.assertEqual(check.returncode, 0, "\n".join(verdict) or check.stdout[-2000:] + check.stderr)

    # --- the maintainer scripts -----------------------------------------------------------

    def run_script(self, script, *args, users_exist=False, systemd_enabled=True):
        """Runs a maintainer script with stand-ins for every command it may use; returns
        the commands it ran, one string each."""
        work = Path(tempfile.mkdtemp(dir=self.tmp.name))
        log = work / "calls"
        bin_dir = work / "bin"
        bin_dir.mkdir()
        for name in STAND_INS:
            status = 0
            if name == "getent" and not users_exist:
                status = 2
            if name == "deb-systemd-helper":
                # was-enabled: true on a first install, as deb-systemd-helper says.
                status = 0 if systemd_enabled else 1
            stand_in = bin_dir / name
            stand_in.write_text(f'#!/bin/sh\necho "{name} $*" >> "{log}"\nexit {status}\n')
            stand_in.chmod(0o755)
        result = subprocess.run(["/bin/sh", str(self.control / script), *args], capture_output=True, text=True,
                                env={"PATH": str(bin_dir)}, timeout=30)
        self.assertEqual(result.returncode, 0, f"{script} {args}: {result.stderr}")
        return log.read_text().splitlines() if log.exists() else []

    def test_scripts_are_executable_posix_shell(self):
        for script in ("postinst", "prerm", "postrm"):
            path = self.control / script
            self.assertTrue(path.is_file(), script)
            self.assertTrue(os.access(path, os.X_OK), script)
            self.assertEqual(path.read_text().splitlines()[0], "#!/bin/sh")
            self.assertEqual(subprocess.run(["/bin/sh", "-n", str(path)]).returncode, 0, script)
            if shutil.which("shellcheck"):
                check = subprocess.run(["shellcheck", str(path)], capture_output=True, text=True)
                self.assertEqual(check.returncode, 0, check.stdout)

    def test_postinst_creates_the_account_and_a_private_data_directory(self):
        calls = self.run_script("postinst", "configure", "")
        self.assertIn("addgroup --system --quiet tegami", calls)
        adduser = [c for c in calls if c.startswith("adduser ")]
        self.assertEqual(len(adduser), 1, calls)
        for option in ("--system", "--ingroup tegami", "--home /var/lib/tegami", "--no-create-home",
                       "--shell /usr/sbin/nologin"):
            self.assertIn(option, adduser[0])
        self.assertTrue(adduser[0].endswith(" tegami"))
        self.assertIn("install -d -o tegami -g tegami -m 0700 /var/lib/tegami", calls)
        # Enabled on a first install (deb-systemd-helper's state), as dh_installsystemd does.
        self.assertIn("deb-systemd-helper enable tegami.service", calls)
        # Started only where systemd runs.
        started = any(c.startswith("deb-systemd-invoke start") for c in calls)
        self.assertEqual(started, Path("/run/systemd/system").is_dir(), calls)
        self.assertFalse(any(c.startswith("rm ") for c in calls), calls)

    def test_postinst_on_reinstall_keeps_the_account_and_the_admins_choice(self):
        calls = self.run_script("postinst", "configure", "0.1.0", users_exist=True, systemd_enabled=False)
        self.assertFalse(any(c.startswith(("adduser", "addgroup")) for c in calls), calls)
        # Disabled by the admin: stays disabled.
        self.assertNotIn("deb-systemd-helper enable tegami.service", calls)
        self.assertIn("deb-systemd-helper update-state tegami.service", calls)

    def test_remove_keeps_the_mail_settings_and_account(self):
        calls = self.run_script("prerm", "remove") + self.run_script("postrm", "remove", users_exist=True)
        self.assertFalse(any(c.startswith(("rm ", "deluser", "delgroup", "userdel", "groupdel")) for c in calls),
                         calls)
        self.assertIn("deb-systemd-helper mask tegami.service", calls)

    def test_purge_removes_data_user_and_group(self):
        calls = self.run_script("postrm", "purge", users_exist=True)
        self.assertIn("rm -rf /var/lib/tegami /run/tegami", calls)
        self.assertIn("deluser --system --quiet tegami", calls)
        self.assertIn("delgroup --system --quiet tegami", calls)
        self.assertIn("deb-systemd-helper purge tegami.service", calls)

    def test_purge_of_a_package_whose_account_is_gone_still_succeeds(self):
        calls = self.run_script("postrm", "purge", users_exist=False)
        self.assertIn("rm -rf /var/lib/tegami /run/tegami", calls)
        self.assertFalse(any(c.startswith(("deluser", "delgroup")) for c in calls), calls)

    def test_upgrade_does_not_touch_the_data(self):
        for script, args in (("prerm", ("upgrade", "0.2.0")), ("postrm", ("upgrade", "0.2.0"))):
            calls = self.run_script(script, *args, users_exist=True)
            self.assertFalse(any(c.startswith(("rm ", "deluser", "delgroup")) for c in calls), calls)


TEGAMICTL = os.environ.get("TEGAMICTL", "")


@unittest.skipIf(not (TEGAMID and TEGAMICTL), "TEGAMID and TEGAMICTL must name the built programs")
class SystemServiceMode(unittest.TestCase):
    def start(self, *args):
        tmp = tempfile.TemporaryDirectory(prefix="tegami-service-")
        self.addCleanup(tmp.cleanup)
        data = Path(tmp.name) / "data"
        env = {k: v for k, v in os.environ.items() if k != "TEGAMI_DATA_DIR"}
        proc = subprocess.Popen([TEGAMID, "--data-dir", str(data), "--test-password-hashing", *args],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        self.addCleanup(lambda: (proc.poll() is None and proc.kill(), proc.wait()))
        socket = data / "control.sock"
        for _ in range(150):
            if socket.exists() or proc.poll() is not None:
                break
            time.sleep(0.1)
        self.assertTrue(socket.exists(), f"no control socket; tegamid said: {proc.stderr.read() if proc.poll() is not None else ''}")
        return proc, data, socket

    def ctl(self, data, *args):
        return subprocess.run([TEGAMICTL, "--data-dir", str(data), *args], capture_output=True, text=True, timeout=30)

    def stop(self, proc):
        proc.send_signal(signal.SIGTERM)
        out, _err = proc.communicate(timeout=15)
        self.assertEqual(proc.returncode, 0)
        return out

    def test_service_socket_admits_the_group_and_says_how_to_stop(self):
        proc, data, socket = self.start("--service")
        mode = stat.S_IMODE(socket.stat().st_mode)
        # Owner and group (the unit's Group=tegami); nothing for others.
        self.assertEqual(mode & 0o077, 0o070, oct(mode))
        self.assertEqual(mode & 0o007, 0, oct(mode))
        self.assertEqual(socket.stat().st_gid, os.getegid())
        status = self.ctl(data, "status")
        self.assertEqual(status.returncode, 0, status.stderr)
        self.assertIn(str(data), status.stdout)
        # The data stays private: only the socket is shared with the group.
        self.assertEqual(stat.S_IMODE(data.stat().st_mode), 0o700)
        # On Linux systemd manages the service: the service commands say how.
        start = self.ctl(data, "service", "start")
        self.assertEqual(start.returncode, 2, start)
        self.assertIn("sudo systemctl start tegami", start.stderr)
        remove = self.ctl(data, "service", "remove")
        self.assertEqual(remove.returncode, 2, remove)
        self.assertIn("apt remove tegami", remove.stderr)
        out = self.stop(proc)
        self.assertIn("Stop with: sudo systemctl stop tegami", out)

    def test_without_service_the_socket_is_the_owners_alone(self):
        proc, data, socket = self.start()
        self.assertEqual(stat.S_IMODE(socket.stat().st_mode) & 0o077, 0, oct(socket.stat().st_mode))
        self.assertIn("Stop with Ctrl+C", self.stop(proc))


if __name__ == "__main__":
    unittest.main(verbosity=2)
