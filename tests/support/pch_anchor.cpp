// The one source of okrsek_test_pch, the target whose precompiled header every test program
// reuses (tests/CMakeLists.txt, OKRSEK_TEST_PCH).
