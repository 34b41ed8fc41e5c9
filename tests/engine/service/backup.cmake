# Tests of engine/backup (snapshots, backup files, restore swap), of the pre-upgrade copies
# the schema migrations take, and of the engine's close/reopen for an in-service restore.
# Included from tests/engine/CMakeLists.txt; the sources live in tests/engine/backup/.
set(TEGAMI_BACKUP_TESTS ${CMAKE_CURRENT_LIST_DIR}/../backup)
tegami_add_test(test_backup_archive SOURCES ${TEGAMI_BACKUP_TESTS}/TestBackupArchive.cpp
                ${TEGAMI_BACKUP_TESTS}/BackupTestUtil.h LIBS tegami_backup TIMEOUT 60)
tegami_add_test(test_backup_upgrade SOURCES ${TEGAMI_BACKUP_TESTS}/TestUpgradeBackup.cpp
                ${TEGAMI_BACKUP_TESTS}/BackupTestUtil.h LIBS tegami_accounts tegami_store TIMEOUT 60)
tegami_add_test(test_backup_restore SOURCES ${TEGAMI_BACKUP_TESTS}/TestBackupRestore.cpp
                ${TEGAMI_BACKUP_TESTS}/BackupTestUtil.h LIBS tegami_service TIMEOUT 60)
