#pragma once

namespace tegami {

class ControlServer;
class Engine;

// Registers every method of the control API (what tegamictl and the console call) on
// the server. Each method validates its parameters and answers with the error kinds of
// core/Result.h; none of them can stop the service.
void registerControlApi(ControlServer& server, Engine& engine);

// One part per area (ControlApiAccounts.cpp, ControlApiCertificates.cpp, ControlApiMail.cpp, ControlApiQueue.cpp,
// ControlApiSystem.cpp).
void registerAccountMethods(ControlServer& server, Engine& engine);
void registerMailMethods(ControlServer& server, Engine& engine);
void registerCertificateMethods(ControlServer& server, Engine& engine);
void registerSystemMethods(ControlServer& server, Engine& engine);
void registerQueueMethods(ControlServer& server, Engine& engine);
void registerMonitorMethods(ControlServer& server, Engine& engine);
// diag.test: connectivity tests (ControlApiDiagTest.cpp).
void registerDiagTestMethods(ControlServer& server, Engine& engine);
// diag.clientSettings, diag.export, diag.probePort, diag.checks (ControlApiDiagSetup.cpp).
void registerDiagSetupMethods(ControlServer& server, Engine& engine);
// backup.create, backup.restore (ControlApiBackup.cpp).
void registerBackupMethods(ControlServer& server, Engine& engine);

} // namespace tegami
