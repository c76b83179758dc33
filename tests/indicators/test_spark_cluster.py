"""Spark as a cluster, not only local mode: a standalone master and worker started from the pyspark install on this
machine, ``SEIMON_SPARK_MASTER=spark://…``, and the parity suite's core (every indicator cut, the vintage query
and the compiled cube) giving DuckDB's numbers on it."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pyspark
import pytest
from tests.indicators.test_engines import _run_all, _same

from seimon.indicators.engines import spark as spark_engine
from seimon.store import Store

SPARK_HOME = Path(pyspark.__file__).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(args: list[str], log: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(
            [str(SPARK_HOME / "bin" / "spark-class"), *args], stdout=out, stderr=subprocess.STDOUT, env=env
        )


def wait_for(log: Path, text: str, process: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text(errors="replace")[-3000:]
        if text in log.read_text(errors="replace"):
            return
        time.sleep(0.5)
    raise AssertionError(f"no {text!r} in {log}: " + log.read_text(errors="replace")[-3000:])


@pytest.fixture
def cluster(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A standalone master and one worker (1 core, 1 GB) on 127.0.0.1; yields the master URL."""
    env = {**os.environ, "SPARK_HOME": str(SPARK_HOME), "SPARK_LOCAL_IP": "127.0.0.1", "SPARK_NO_DAEMONIZE": "1",
           "SPARK_WORKER_DIR": str(tmp_path / "work")}  # fmt: skip
    port = free_port()
    master_url = f"spark://127.0.0.1:{port}"
    master = start(
        ["org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", str(port), "--webui-port",
         str(free_port())], tmp_path / "master.log", env,
    )  # fmt: skip
    worker = None
    try:
        wait_for(tmp_path / "master.log", "I have been elected leader", master)
        worker = start(
            ["org.apache.spark.deploy.worker.Worker", master_url, "--host", "127.0.0.1", "--cores", "1",
             "--memory", "1g", "--webui-port", str(free_port())], tmp_path / "worker.log", env,
        )  # fmt: skip
        wait_for(tmp_path / "worker.log", "Successfully registered with master", worker)
        monkeypatch.setenv(spark_engine.MASTER_VAR, master_url)
        monkeypatch.setenv(spark_engine.DIR_VAR, str(tmp_path))
        monkeypatch.setenv("SPARK_LOCAL_IP", "127.0.0.1")
        _stop_session()  # a local session of earlier tests would be reused otherwise
        yield master_url
    finally:
        _stop_session()
        for process in (worker, master):
            if process is not None:
                process.terminate()
                process.wait(timeout=60)


def _stop_session() -> None:
    if spark_engine.spark_session.cache_info().currsize:
        spark_engine.spark_session().stop()
    spark_engine.spark_session.cache_clear()


def test_the_parity_core_runs_on_a_standalone_cluster(cluster: str, duck_store: Store) -> None:
    session = spark_engine.spark_session()
    assert session.sparkContext.master == cluster
    on_cluster = _run_all(duck_store, "spark")
    executors = session.sparkContext._jsc.sc().getExecutorMemoryStatus().size()  # driver + the worker's executor
    assert executors >= 2, "the work ran on the cluster's executor, not in the driver"
    base = _run_all(duck_store, "duckdb")
    assert set(on_cluster) == set(base)
    for name, frame in base.items():
        theirs = on_cluster[name]
        assert list(frame.columns) == list(theirs.columns) and len(frame) == len(theirs), name
        for col in frame.columns:
            for i, (a, b) in enumerate(zip(frame[col].tolist(), theirs[col].tolist(), strict=True)):
                assert _same(a, b), f"{name}.{col} row {i}: duckdb {a!r} != spark cluster {b!r}"
