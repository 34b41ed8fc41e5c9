# The diag module's setup area: the client-settings card and its exports, the port probe and
# the configuration check. Included from tests/engine/CMakeLists.txt, so paths are relative
# to this file.
tegami_add_test(test_diag_client_settings SOURCES ${CMAKE_CURRENT_LIST_DIR}/TestClientSettings.cpp
    LIBS tegami_diag TIMEOUT 60)
tegami_add_test(test_diag_exports SOURCES ${CMAKE_CURRENT_LIST_DIR}/TestClientSettingsExport.cpp
    LIBS tegami_diag TIMEOUT 60)
tegami_add_test(test_diag_port_probe SOURCES ${CMAKE_CURRENT_LIST_DIR}/TestPortProbe.cpp
    LIBS tegami_diag TIMEOUT 60)
tegami_add_test(test_diag_config_check SOURCES ${CMAKE_CURRENT_LIST_DIR}/TestConfigCheck.cpp
    LIBS tegami_diag TIMEOUT 60)
