# The system-service half of the platform layer (Platform.h): the control socket's access,
# registering tegamid with the service manager. tegamid (through tegami_service), tegamictl
# and the console link it; it needs only Qt Core/Network and the control protocol, so the
# console still never links the service's internals. Included from the top-level
# CMakeLists.txt once the engine, tools and app targets exist.
if(WIN32)
    set(TEGAMI_PLATFORM_SOURCES ${CMAKE_CURRENT_LIST_DIR}/PlatformServiceWindows.cpp)
else()
    set(TEGAMI_PLATFORM_SOURCES ${CMAKE_CURRENT_LIST_DIR}/PlatformServicePosix.cpp)
endif()
add_library(tegami_platform STATIC ${CMAKE_CURRENT_LIST_DIR}/PlatformService.cpp ${TEGAMI_PLATFORM_SOURCES})
target_include_directories(tegami_platform PUBLIC ${PROJECT_SOURCE_DIR}/engine)
target_link_libraries(tegami_platform PUBLIC Qt6::Core Qt6::Network tegami_core tegami_control)
if(WIN32)
    # The service control manager and security descriptors.
    target_link_libraries(tegami_platform PRIVATE advapi32)
endif()
target_compile_definitions(tegami_platform PUBLIC QT_NO_KEYWORDS)
tegami_warnings(tegami_platform)

target_link_libraries(tegami_service PUBLIC tegami_platform)
target_link_libraries(tegamictl PRIVATE tegami_platform)
if(TARGET tegami_console)
    target_link_libraries(tegami_console PUBLIC tegami_platform)
endif()
