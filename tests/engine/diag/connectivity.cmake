# The connectivity test's clients (engine/diag/Connectivity*) against scripted servers on 127.0.0.1.
tegami_add_test(test_diag_connectivity
    SOURCES
        ${CMAKE_CURRENT_LIST_DIR}/TestConnectivity.cpp
        ${CMAKE_CURRENT_LIST_DIR}/ScriptedServer.h
    LIBS tegami_diag tegami_net
    TIMEOUT 60)
