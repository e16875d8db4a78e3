def pytest_configure(config):
    config.addinivalue_line(
        "markers", "bench: the benchmark harness at a small size (proves it works; no targets)"
    )
